import { beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { parseWorkshop, WORKSHOP_MAP } from '@cyd/model'
import { TokenSigner } from '../src/workshop/tokens.js'
import { callApi, connectClient, createRoom, linkToken, noteRecord, putRecords, synced, syncUrl, until, serverForFile, TEST_SECRET, type Client, type TestServer } from './helpers.js'

let server: TestServer
const clients = serverForFile((started) => (server = started))

type Role = 'facilitator' | 'participant' | 'expert' | 'observer'

async function join(room: string, role: Role, name: string, affiliation: 'resident' | 'organisation' | null = null) {
	const response = await fetch(`${server.url}/api/rooms/${room}/join`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ token: linkToken(room, role), name, affiliation }),
	})
	expect(response.status).toBe(201)
	return (await response.json()) as { session: string; person: { id: string; role: Role } }
}

const api = (room: string, session: string, method: string, path: string, body?: unknown) => callApi(server.url, room, session, method, path, body)

function client(room: string, token: string, doc?: Y.Doc): Client {
	const c = connectClient(server.url, room, doc, token)
	clients.push(c)
	return c
}

/** A client of the room's workshop-state document. */
function workshopClient(room: string, token: string): Client {
	return client(`${room}/workshop`, token)
}

/** Resolves with the reason of the next permission-denied message the client receives. */
function permissionDenied(c: Client): Promise<string> {
	return new Promise((resolve) => {
		c.provider.ws!.addEventListener('message', (event: MessageEvent) => {
			const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer))
			if (decoding.readVarUint(decoder) !== 2) return
			decoding.readVarUint(decoder)
			resolve(decoding.readVarString(decoder))
		})
	})
}

function closeOf(c: Client): Promise<number> {
	return new Promise((resolve) => c.provider.ws!.addEventListener('close', (event: { code: number }) => resolve(event.code)))
}

function refusal(room: string, token: string): Promise<number> {
	return new Promise((resolve) => {
		const socket = new WebSocket(syncUrl(server.url, room, token))
		socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
		socket.on('open', () => resolve(101))
		socket.on('error', () => undefined)
	})
}

/** The room's stored canvas, read from SQLite. */
async function storedNotes(room: string) {
	await server.sync.flushed()
	const doc = new Y.Doc()
	for (const update of server.storage!.load(room)) Y.applyUpdate(doc, update)
	return doc.getMap('records').toJSON()
}

describe('roles enforced by the server', () => {
	let room: string
	let facilitator: { session: string; person: { id: string } }
	let participant: { session: string; person: { id: string } }
	let expert: { session: string; person: { id: string } }
	let observer: { session: string; person: { id: string } }
	const c: Record<Role, Client> = {} as Record<Role, Client>

	beforeAll(async () => {
		room = await createRoom(server.url)
		facilitator = await join(room, 'facilitator', 'Ffion')
		participant = await join(room, 'participant', 'Dai', 'resident')
		expert = await join(room, 'expert', 'Dr Evans', 'organisation')
		observer = await join(room, 'observer', 'Owain')
		c.facilitator = client(room, facilitator.session)
		c.participant = client(room, participant.session)
		c.expert = client(room, expert.session)
		c.observer = client(room, observer.session)
		await Promise.all(Object.values(c).map(synced))
	})

	const sessions = () => ({ facilitator, participant, expert, observer })

	/**
	 * Writes a key from one role's open client and answers whether others saw it or a denial came back.
	 * A denied client holds an edit the server refused, so, like the web app, it starts again from the
	 * server's state: a fresh client takes its place, and stays open for the next rule to reach it live.
	 */
	async function tryWrite(role: Role, key: string): Promise<'written' | 'denied'> {
		const denied = permissionDenied(c[role])
		putRecords(c[role].doc, [noteRecord(key, role)])
		const witness = role === 'facilitator' ? c.participant : c.facilitator
		const written = until(witness.doc, () => witness.doc.getMap('records').has(key))
		const outcome = await Promise.race([written.then(() => 'written' as const), denied.then(() => 'denied' as const)])
		if (outcome === 'denied') {
			c[role].provider.destroy()
			c[role] = client(room, sessions()[role].session)
			await synced(c[role])
		}
		return outcome
	}

	it("refuses an observer's update with permission-denied and leaves the document unchanged", async () => {
		expect(await tryWrite('observer', 'shape:observer-1')).toBe('denied')
		expect(await tryWrite('participant', 'shape:participant-1')).toBe('written')
		const stored = await storedNotes(room)
		expect(stored).not.toHaveProperty('shape:observer-1')
		expect(stored).toHaveProperty('shape:participant-1')
	})

	it('a lock reaches open connections: everyone but facilitators becomes read-only until unlocked', async () => {
		expect((await api(room, facilitator.session, 'POST', '/lock', { locked: true })).status).toBe(200)
		expect(await tryWrite('participant', 'shape:during-lock')).toBe('denied')
		expect(await tryWrite('expert', 'shape:expert-during-lock')).toBe('denied')
		expect(await tryWrite('facilitator', 'shape:facilitator-during-lock')).toBe('written')
		expect((await api(room, facilitator.session, 'POST', '/lock', { locked: false })).status).toBe(200)
		expect(await tryWrite('participant', 'shape:after-lock')).toBe('written')
		const stored = await storedNotes(room)
		expect(stored).not.toHaveProperty('shape:during-lock')
		expect(stored).not.toHaveProperty('shape:expert-during-lock')
	})

	it("an expert's rights change live with the phase: an observer in deliberation, back after it", async () => {
		const agenda = await api(room, facilitator.session, 'PUT', '/agenda', {
			items: [
				{ id: 'evidence', title: 'Evidence', kind: 'evidence', minutes: 10 },
				{ id: 'deliberate', title: 'Residents deliberate', kind: 'deliberation', minutes: 20 },
			],
		})
		expect(agenda.status).toBe(200)
		await api(room, facilitator.session, 'POST', '/phase', { id: 'evidence' })
		expect(await tryWrite('expert', 'shape:expert-evidence')).toBe('written')
		await api(room, facilitator.session, 'POST', '/phase', { id: 'deliberate' })
		expect(await tryWrite('expert', 'shape:expert-deliberating')).toBe('denied')
		expect(await tryWrite('participant', 'shape:resident-deliberating')).toBe('written')
		await api(room, facilitator.session, 'POST', '/phase', { id: 'evidence' })
		expect(await tryWrite('expert', 'shape:expert-back')).toBe('written')
	})

	it('a participant cannot write the workshop state: not the timer, the lock or a vote', async () => {
		const w = workshopClient(room, participant.session)
		await synced(w)
		const denied = permissionDenied(w)
		w.doc.getMap(WORKSHOP_MAP).set('timer', { endsAt: 0, remainingMs: null })
		w.doc.getMap(WORKSHOP_MAP).set('round', { id: 'forged', status: 'closed', votesPerPerson: 9, results: { 'shape:x': 99 } })
		expect(await denied).toBe('this connection is read-only')
		for (const [method, path, body] of [
			['POST', '/timer', { action: 'start', minutes: 1 }],
			['POST', '/lock', { locked: true }],
			['POST', '/rounds', { votesPerPerson: 3 }],
			['POST', '/rounds/close', {}],
			['DELETE', `/people/${expert.person.id}`, undefined],
		] as const) {
			expect((await api(room, participant.session, method, path, body)).status).toBe(403)
		}
		const state = await fetchState(room)
		expect(state.round).toBeNull()
		expect(state.locked).toBe(false)
	})

	it('refuses forged, expired and other-room tokens', async () => {
		const signer = new TokenSigner(Buffer.from(TEST_SECRET))
		const good = linkToken(room, 'participant')
		const claims = JSON.parse(Buffer.from(good.split('.')[0]!, 'base64url').toString())
		const forgedBody = Buffer.from(JSON.stringify({ ...claims, role: 'facilitator' })).toString('base64url')
		expect(await refusal(room, `${forgedBody}.${good.split('.')[1]}`)).toBe(401)
		expect(await refusal(room, signer.sign({ ...claims, exp: Date.now() - 1000 }))).toBe(401)
		const other = await createRoom(server.url)
		expect(await refusal(other, good)).toBe(403)
		expect(await refusal(room, 'not-a-token')).toBe(401)
		expect(await refusal(room, '')).toBe(401)
		// A token signed with another secret.
		expect(await refusal(room, new TokenSigner(Buffer.from('x'.repeat(40))).sign(claims))).toBe(401)
		expect(await refusal(room, good)).toBe(101)
	})

	it('a removed person and a revoked link are cut off at once, also on sockets already open', async () => {
		const removedClient = c.expert
		const removedClosed = closeOf(removedClient)
		expect((await api(room, facilitator.session, 'DELETE', `/people/${expert.person.id}`)).status).toBe(204)
		expect(await removedClosed).toBe(4403)
		removedClient.provider.shouldConnect = false
		expect(await refusal(room, expert.session)).toBe(403)

		// Re-issuing the observer link revokes the old one: its open socket and its sessions stop working.
		const observerClosed = closeOf(c.observer)
		const reissued = await api(room, facilitator.session, 'POST', '/links/observer')
		expect(reissued.status).toBe(201)
		const { url } = (await reissued.json()) as { url: string }
		expect(await observerClosed).toBe(4401)
		c.observer.provider.shouldConnect = false
		expect(await refusal(room, linkToken(room, 'observer'))).toBe(401)
		expect(await refusal(room, observer.session)).toBe(401)
		expect(await refusal(room, url.split('#join=')[1]!)).toBe(101)
		// Everyone else carries on.
		expect(await tryWrite('participant', 'shape:after-removals')).toBe('written')
	})
})

async function fetchState(room: string) {
	const w = connectClient(server.url, `${room}/workshop`, undefined, linkToken(room, 'observer'))
	clients.push(w)
	await synced(w)
	return parseWorkshop(w.doc.getMap(WORKSHOP_MAP).toJSON())
}

describe('dot voting', () => {
	it('keeps votes hidden until the round closes, limits them per person, and publishes the tally', async () => {
		const room = await createRoom(server.url)
		const f = await join(room, 'facilitator', 'Ffion')
		const p1 = await join(room, 'participant', 'Dai', 'resident')
		const p2 = await join(room, 'participant', 'Eira', 'resident')
		const board = client(room, f.session)
		await synced(board)
		putRecords(board.doc, [noteRecord('shape:bus', 'More buses'), noteRecord('shape:bench', 'Benches')])
		const watcher = connectClient(server.url, `${room}/workshop`, undefined, p2.session)
		clients.push(watcher)
		await synced(watcher)

		expect((await api(room, f.session, 'POST', '/rounds', { votesPerPerson: 2 })).status).toBe(201)
		await until(watcher.doc, () => parseWorkshop(watcher.doc.getMap(WORKSHOP_MAP).toJSON()).round?.status === 'open')
		await expect.poll(async () => (await api(room, p1.session, 'POST', '/votes', { shapeId: 'shape:bus', delta: 1 })).status).toBe(200)
		expect((await api(room, p1.session, 'POST', '/votes', { shapeId: 'shape:bus', delta: 1 })).status).toBe(200)
		const third = await api(room, p1.session, 'POST', '/votes', { shapeId: 'shape:bench', delta: 1 })
		expect(third.status).toBe(409)
		expect((await api(room, p2.session, 'POST', '/votes', { shapeId: 'shape:bench', delta: 1 })).status).toBe(200)
		expect((await api(room, p2.session, 'POST', '/votes', { shapeId: 'shape:nothing', delta: 1 })).status).toBe(404)
		expect(await (await api(room, p1.session, 'GET', '/votes/mine')).json()).toEqual({ ballot: { 'shape:bus': 2 }, remaining: 0 })

		// While the round is open, no vote is anywhere a client can read.
		const open = parseWorkshop(watcher.doc.getMap(WORKSHOP_MAP).toJSON())
		expect(open.round?.results).toBeNull()
		expect(JSON.stringify(watcher.doc.getMap(WORKSHOP_MAP).toJSON())).not.toContain('shape:bus')

		expect((await api(room, f.session, 'POST', '/rounds/close')).status).toBe(200)
		await until(watcher.doc, () => parseWorkshop(watcher.doc.getMap(WORKSHOP_MAP).toJSON()).round?.status === 'closed')
		const closed = parseWorkshop(watcher.doc.getMap(WORKSHOP_MAP).toJSON()).round!
		expect(closed.results).toEqual({ 'shape:bus': 2, 'shape:bench': 1 })
		expect(closed.voters).toBe(2)
		expect((await api(room, p1.session, 'POST', '/votes', { shapeId: 'shape:bench', delta: 1 })).status).toBe(409)
	})
})

describe('the facilitator panel data', () => {
	it('counts contributions per person and the share of residents and organisations, for facilitators only', async () => {
		const room = await createRoom(server.url)
		const f = await join(room, 'facilitator', 'Ffion')
		const resident = await join(room, 'participant', 'Dai', 'resident')
		const officer = await join(room, 'participant', 'Council officer', 'organisation')
		const a = client(room, resident.session)
		const b = client(room, officer.session)
		await Promise.all([synced(a), synced(b)])
		for (let i = 0; i < 3; i++) putRecords(a.doc, [noteRecord(`shape:r${i}`, 'resident note')])
		putRecords(b.doc, [noteRecord('shape:o1', 'officer note')])
		await until(b.doc, () => b.doc.getMap('records').size === 4)
		await until(a.doc, () => a.doc.getMap('records').size === 4)
		const response = await api(room, f.session, 'GET', '/balance')
		expect(response.status).toBe(200)
		const balance = (await response.json()) as { people: { name: string; shapes: number }[]; share: { resident: number; organisation: number } }
		expect(Object.fromEntries(balance.people.map((p) => [p.name, p.shapes]))).toEqual({ Ffion: 0, Dai: 3, 'Council officer': 1 })
		expect(balance.share.resident).toBeGreaterThan(balance.share.organisation)
		expect((await api(room, resident.session, 'GET', '/balance')).status).toBe(403)
	})
})

describe('everyone follows me', () => {
	it('only a facilitator turns it on and off; the state reaches open connections and round-trips', async () => {
		const room = await createRoom(server.url)
		const facilitator = await join(room, 'facilitator', 'Ffion')
		const participant = await join(room, 'participant', 'Dai')
		const watcher = workshopClient(room, participant.session)
		await synced(watcher)
		const follow = () => parseWorkshop(watcher.doc.getMap(WORKSHOP_MAP).toJSON()).follow

		expect((await api(room, participant.session, 'POST', '/follow', { on: true, userId: `user:${participant.person.id}` })).status).toBe(403)
		expect((await api(room, participant.session, 'POST', '/follow', { on: false })).status).toBe(403)
		for (const body of [{}, { on: 'yes' }, { on: true }, { on: true, userId: '' }, { on: true, userId: 'x'.repeat(81) }, { on: true, userId: '<script>' }]) {
			expect((await api(room, facilitator.session, 'POST', '/follow', body)).status).toBe(400)
		}
		expect((await fetchState(room)).follow).toBeNull()

		const before = Date.now()
		const on = await api(room, facilitator.session, 'POST', '/follow', { on: true, userId: `user:${facilitator.person.id}` })
		expect(on.status).toBe(200)
		const answered = ((await on.json()) as { follow: unknown }).follow
		expect(answered).toEqual({ personId: facilitator.person.id, userId: `user:${facilitator.person.id}`, at: expect.any(Number) })
		expect((answered as { at: number }).at).toBeGreaterThanOrEqual(before)
		// The person comes from the session; the body only names the presence id to follow.
		await until(watcher.doc, () => follow() !== null)
		expect(follow()).toEqual(answered)
		expect((await fetchState(room)).follow).toEqual(answered)

		expect((await api(room, facilitator.session, 'POST', '/follow', { on: false })).status).toBe(200)
		await until(watcher.doc, () => follow() === null)
		expect((await fetchState(room)).follow).toBeNull()
	})
})

describe('the spotlight', () => {
	it('the facilitator turns it on a shape and off again with null; a bad shape id is refused', async () => {
		const room = await createRoom(server.url)
		const facilitator = await join(room, 'facilitator', 'Ffion')
		const participant = await join(room, 'participant', 'Dai')
		expect((await api(room, participant.session, 'POST', '/spotlight', { shapeId: 'shape:card' })).status).toBe(403)
		for (const body of [{}, { shapeId: 'card' }, { shapeId: 7 }]) expect((await api(room, facilitator.session, 'POST', '/spotlight', body)).status).toBe(400)
		const on = await api(room, facilitator.session, 'POST', '/spotlight', { shapeId: 'shape:card' })
		expect(on.status).toBe(200)
		expect((await fetchState(room)).spotlight).toEqual({ shapeId: 'shape:card', by: facilitator.person.id, at: expect.any(Number) })
		// Null clears it (it is not read as some default shape id).
		expect((await api(room, facilitator.session, 'POST', '/spotlight', { shapeId: null })).status).toBe(200)
		expect((await fetchState(room)).spotlight).toBeNull()
	})
})
