/**
 * What one link holder could do to a workshop, each closed: filling a room with sockets, stuffing the
 * ballot by joining again, filling the disk, flooding joins and proposals, inflating their time
 * present, spoofing their address behind a proxy, making links for another host, and being named on
 * the public page.
 */
import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { parseWorkshop, WORKSHOP_MAP, workshopDocument, type ServiceDesign } from '@cyd/model'
import { canvasSchema } from '@cyd/model/schema'
import { getRecordsMap, writeRecord } from '@cyd/tldraw-yjs'
import { callApi, connectClient, createRoom, linkToken, noteRecord, putRecords, startTestServer, synced, syncUrl, until, writeCanvas } from './helpers.js'
import { startRedis } from './services.js'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn()
})

async function server(env: Record<string, string> = {}) {
	const s = await startTestServer(env)
	cleanup.push(() => s.close())
	return s
}

type Server = Awaited<ReturnType<typeof server>>

async function join(s: Server, room: string, role: 'facilitator' | 'participant' | 'expert' | 'observer', name: string, device?: string) {
	const response = await fetch(`${s.url}/api/rooms/${room}/join`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ token: linkToken(room, role), name, ...(device ? { device } : {}) }),
	})
	return { status: response.status, body: (await response.json()) as { status: string; session?: string; request?: string; person?: { id: string }; error?: string } }
}

async function session(s: Server, room: string, role: 'facilitator' | 'participant' | 'expert' | 'observer', name: string, device?: string) {
	const joined = await join(s, room, role, name, device)
	if (joined.status !== 201 || !joined.body.session) throw new Error(`join: ${joined.status} ${JSON.stringify(joined.body)}`)
	return { session: joined.body.session, person: joined.body.person!.id }
}

type Outcome = { opened: WebSocket } | { status: number }

function attempt(url: string, room: string, token: string): Promise<Outcome> {
	return new Promise((resolve) => {
		const socket = new WebSocket(syncUrl(url, room, token))
		socket.once('message', () => resolve({ opened: socket }))
		socket.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }))
		socket.on('error', () => undefined)
		cleanup.push(() => socket.terminate())
	})
}

const device = (n: number) => `device-key-${String(n).padStart(8, '0')}`

const base = { typeName: 'shape', rotation: 0, index: 'a1', isLocked: false, opacity: 1, meta: {} }

/** A blueprint with `cards` valid cards (`shape:c0`, ...), written by the facilitator's link. */
async function board(s: Server, room: string, cards = 1): Promise<void> {
	const clients = await writeCanvas(s.url, room, canvasSchema().serialize(), [
		{ ...base, id: 'shape:bp', type: 'cyd-blueprint', parentId: 'page:page', x: 0, y: 0, props: {
				w: 800,
				h: 600,
				title: 'Buses',
				stages: [{ id: 's0', name: 'Wait' }, { id: 's1', name: 'Ride' }],
				lanes: [{ id: 'l0', name: 'Resident', kind: 'actions' }, { id: 'l1', name: 'Council', kind: 'frontstage' }],
			},
		},
		...Array.from({ length: cards }, (_, i) => ({
			...base,
			id: `shape:c${i}`,
			type: 'cyd-card',
			parentId: 'shape:bp',
			x: 0,
			y: 0,
			props: { w: 224, h: 96, stage: 's0', lane: 'l0', order: i, kind: 'idea', text: `Idea ${i}`, channel: 'inPerson', actor: '', authorId: '', authorName: '', createdAt: 0 },
		})),
	])
	cleanup.push(() => clients.forEach((c) => c.destroy()))
}

describe('one link holder', () => {
	it('cannot open more than a handful of sockets with one session, nor take the places kept for facilitators', async () => {
		const s = await server({ MAX_CONNECTIONS_PER_SESSION: '4', MAX_CONNECTIONS_PER_ROOM: '8', RESERVED_FOR_FACILITATORS: '2' })
		const room = await createRoom(s.url)
		const observer = await session(s, room, 'observer', 'Watcher')
		// 30 sockets at once with one session: four open, the rest are refused (429), never the room's 503.
		const burst = await Promise.all(Array.from({ length: 30 }, () => attempt(s.url, room, observer.session)))
		expect(burst.filter((o) => 'opened' in o)).toHaveLength(4)
		expect(new Set(burst.flatMap((o) => ('status' in o ? [o.status] : [])))).toEqual(new Set([429]))
		// Others fill the places left to them (8 less the 2 kept): the next participant is told the room is full...
		const others = await Promise.all([1, 2].map((n) => session(s, room, 'participant', `P${n}`)))
		expect('opened' in (await attempt(s.url, room, others[0]!.session))).toBe(true)
		expect('opened' in (await attempt(s.url, room, others[1]!.session))).toBe(true)
		expect(await attempt(s.url, room, (await session(s, room, 'participant', 'P3')).session)).toEqual({ status: 503 })
		// ...and the facilitator still gets in.
		const facilitator = await session(s, room, 'facilitator', 'Ffion')
		expect('opened' in (await attempt(s.url, room, facilitator.session))).toBe(true)
		// Closed sockets give their places back: to the session, and to the room.
		for (const open of burst.filter((o): o is { opened: WebSocket } => 'opened' in o).slice(0, 2)) {
			const gone = new Promise((resolve) => open.opened.once('close', resolve))
			open.opened.close()
			await gone
		}
		await expect.poll(async () => 'opened' in (await attempt(s.url, room, observer.session))).toBe(true)
	})

	it('is the same person when their browser joins again, with no fresh votes', async () => {
		const s = await server()
		const room = await createRoom(s.url)
		const facilitator = await session(s, room, 'facilitator', 'Ffion')
		await board(s, room)
		expect((await callApi(s.url, room, facilitator.session, 'POST', '/rounds', { votesPerPerson: 3 })).status).toBe(201)
		const first = await session(s, room, 'participant', 'Dai', device(1))
		for (let i = 0; i < 3; i++) expect((await callApi(s.url, room, first.session, 'POST', '/votes', { shapeId: 'shape:c0', delta: 1 })).status).toBe(200)
		for (let i = 0; i < 5; i++) {
			const again = await session(s, room, 'participant', 'Dai', device(1))
			expect(again.person).toBe(first.person)
			const refused = await callApi(s.url, room, again.session, 'POST', '/votes', { shapeId: 'shape:c0', delta: 1 })
			expect(refused.status).toBe(409)
		}
		expect((await callApi(s.url, room, facilitator.session, 'POST', '/rounds/close', {})).status).toBe(200)
		const design = (await (await callApi(s.url, room, facilitator.session, 'GET', '/design')).json()) as ServiceDesign
		expect(design.votes).toEqual([{ item: 'shape:c0', votes: 3 }])
		expect(design.contributors.filter((c) => c.name === 'Dai')).toHaveLength(1)
	})

	it('waits for the facilitator once a link has admitted as many people as allowed', async () => {
		const s = await server()
		const room = await createRoom(s.url)
		const facilitator = await session(s, room, 'facilitator', 'Ffion')
		expect((await callApi(s.url, room, facilitator.session, 'PUT', '/links/participant/limit', { maxPeople: 1 })).status).toBe(204)
		expect((await join(s, room, 'participant', 'Dai', device(1))).status).toBe(201)
		// The same browser again is still the one person.
		expect((await join(s, room, 'participant', 'Dai', device(1))).status).toBe(201)
		const waiting = await join(s, room, 'participant', 'Elin', device(2))
		expect(waiting).toMatchObject({ status: 202, body: { status: 'waiting' } })
		const stuffed = await Promise.all(Array.from({ length: 20 }, (_, i) => join(s, room, 'participant', `Sock ${i}`)))
		expect(stuffed.every((j) => j.status === 202)).toBe(true)
		const list = (await (await callApi(s.url, room, facilitator.session, 'GET', '/people/waiting')).json()) as { id: string; name: string }[]
		expect(list.map((w) => w.name)).toContain('Elin')
		const asked = (id: string) => fetch(`${s.url}/api/rooms/${room}/join/${id}?token=${linkToken(room, 'participant')}`).then((r) => r.json() as Promise<{ status: string; session?: string }>)
		expect(await asked(waiting.body.request!)).toEqual({ status: 'waiting' })
		const elin = list.find((w) => w.name === 'Elin')!
		expect((await callApi(s.url, room, facilitator.session, 'POST', `/people/waiting/${elin.id}`, { approve: true })).status).toBe(204)
		const admitted = await asked(waiting.body.request!)
		expect(admitted.status).toBe('joined')
		expect((await callApi(s.url, room, admitted.session!, 'GET', '/me')).status).toBe(200)
		const sock = list.find((w) => w.name === 'Sock 0')!
		expect((await callApi(s.url, room, facilitator.session, 'POST', `/people/waiting/${sock.id}`, { approve: false })).status).toBe(204)
		expect(await asked(stuffed[0]!.body.request!)).toEqual({ status: 'refused' })
		// A request is only answered to the link it was made with.
		const other = await fetch(`${s.url}/api/rooms/${room}/join/${waiting.body.request}?token=${linkToken(room, 'observer')}`)
		expect(other.status).toBe(404)
	})

	it('cannot vote in a round limited to the people present when it opened, and a removed person stays out', async () => {
		const s = await server()
		const room = await createRoom(s.url)
		const facilitator = await session(s, room, 'facilitator', 'Ffion')
		await board(s, room)
		const early = await session(s, room, 'participant', 'Dai', device(1))
		expect((await callApi(s.url, room, facilitator.session, 'POST', '/rounds', { votesPerPerson: 2, presentOnly: true })).status).toBe(201)
		const late = await session(s, room, 'participant', 'Late', device(2))
		expect((await callApi(s.url, room, early.session, 'POST', '/votes', { shapeId: 'shape:c0', delta: 1 })).status).toBe(200)
		const refused = await callApi(s.url, room, late.session, 'POST', '/votes', { shapeId: 'shape:c0', delta: 1 })
		expect(refused.status).toBe(403)
		expect(((await refused.json()) as { error: string }).error).toMatch(/here when it opened/)

		expect((await callApi(s.url, room, facilitator.session, 'DELETE', `/people/${early.person}`)).status).toBe(204)
		const back = await join(s, room, 'participant', 'Dai again', device(1))
		expect(back.status).toBe(403)
		expect(back.body.error).toMatch(/removed/)
	})

	it('needs a session that may write to upload, within the room’s quota; rooms are made at a rate and behind a key', async () => {
		const s = await server({ UPLOAD_QUOTA_BYTES: '100', ROOMS_PER_IP_PER_HOUR: '3', CREATE_ROOM_KEY: 'a-long-instance-key-for-rooms' })
		const make = (key?: string) =>
			fetch(`${s.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: '{}' })
		expect((await make()).status).toBe(401)
		expect((await make('wrong')).status).toBe(401)
		const made = await make('a-long-instance-key-for-rooms')
		expect(made.status).toBe(201)
		const room = ((await made.json()) as { id: string; links: Record<string, string> })
		const token = (role: string) => room.links[role]!.split('#join=')[1]!
		expect((await make('a-long-instance-key-for-rooms')).status).toBe(201)
		expect((await make('a-long-instance-key-for-rooms')).status).toBe(201)
		const limited = await make('a-long-instance-key-for-rooms')
		expect(limited.status).toBe(429)
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)

		const joinWith = async (role: string, name: string) => {
			const r = await fetch(`${s.url}/api/rooms/${room.id}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: token(role), name }) })
			return ((await r.json()) as { session: string }).session
		}
		const png = (n: number) => {
			const bytes = new Uint8Array(40)
			bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
			bytes[39] = n
			return bytes
		}
		const upload = (bytes: Uint8Array, who?: string) =>
			fetch(`${s.url}/api/rooms/${room.id}/assets`, { method: 'POST', headers: { 'content-type': 'image/png', ...(who ? { authorization: `Bearer ${who}` } : {}) }, body: bytes })
		expect((await upload(png(1))).status).toBe(401)
		expect((await upload(png(1), await joinWith('observer', 'Watcher'))).status).toBe(403)
		const participant = await joinWith('participant', 'Dai')
		expect((await upload(png(1), participant)).status).toBe(201)
		expect((await upload(png(1), participant)).status).toBe(201) // the same image again takes no more room
		expect((await upload(png(2), participant)).status).toBe(201)
		const full = await upload(png(3), participant)
		expect(full.status).toBe(413)
		expect(((await full.json()) as { error: string }).error).toMatch(/images already take the most allowed/)
		const facilitator = await joinWith('facilitator', 'Ffion')
		expect((await callApi(s.url, room.id, facilitator, 'POST', '/lock', { locked: true })).status).toBe(200)
		expect((await upload(png(4), participant)).status).toBe(403)
	})

	it('counts rooms made against one budget in every process that shares Redis', async () => {
		const redis = await startRedis()
		cleanup.push(() => redis.stop())
		const [a, b] = [await server({ REDIS_URL: redis.url, ROOMS_PER_IP_PER_HOUR: '2' }), await server({ REDIS_URL: redis.url, ROOMS_PER_IP_PER_HOUR: '2' })]
		const make = (s: Server) => fetch(`${s.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.status)
		expect(await make(a)).toBe(201)
		expect(await make(b)).toBe(201)
		expect(await make(a)).toBe(429)
		expect(await make(b)).toBe(429)
	})

	it('behind a trusted proxy is limited by the address the proxy saw, whatever they put first in X-Forwarded-For', async () => {
		const s = await server({ TRUST_PROXY: '1', ROOMS_PER_IP_PER_HOUR: '2' })
		const make = (forwarded: string) =>
			fetch(`${s.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded }, body: '{}' }).then((r) => r.status)
		expect(await make('1.1.1.1, 203.0.113.7')).toBe(201)
		expect(await make('2.2.2.2, 203.0.113.7')).toBe(201)
		expect(await make('3.3.3.3, 203.0.113.7')).toBe(429)
		expect(await make('203.0.113.8')).toBe(201)
	})

	it('never gets links made for a host they name, when PUBLIC_URL is unset', async () => {
		const s = await server()
		const body = JSON.stringify({ title: 'Host' })
		const answer = await new Promise<{ url: string }>((resolve, reject) => {
			const req = request(`${s.url}/api/rooms`, { method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
				let text = ''
				res.on('data', (chunk: Buffer) => (text += chunk.toString()))
				res.on('end', () => resolve(JSON.parse(text) as { url: string }))
			})
			req.on('error', reject)
			req.end(body)
		})
		expect(answer.url).toMatch(/^http:\/\/localhost:\d+\/r\//)
		expect(answer.url).not.toContain('evil.example')
		// The machine's own address (a hall's LAN) is still used as it is.
		const own = (await (await fetch(`${s.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json()) as { url: string }
		expect(own.url.startsWith(`${s.url}/r/`)).toBe(true)
	})

	it('joining and proposing send each new entry alone, never the whole list; proposals are rate-limited per person', async () => {
		const s = await server({ PROPOSALS_PER_PERSON_PER_MINUTE: '5' })
		const room = await createRoom(s.url)
		const facilitator = await session(s, room, 'facilitator', 'Ffion')
		for (let i = 0; i < 60; i++) await session(s, room, 'participant', `Person ${i}`)
		const watcher = connectClient(s.url, workshopDocument(room), new Y.Doc(), linkToken(room, 'observer'))
		cleanup.push(() => watcher.destroy())
		await synced(watcher)
		const sizes: number[] = []
		watcher.doc.on('update', (update: Uint8Array) => sizes.push(update.byteLength))
		const latecomer = await session(s, room, 'participant', 'Latecomer')
		const state = () => parseWorkshop(watcher.doc.getMap(WORKSHOP_MAP).toJSON())
		await until(watcher.doc, () => state().participants.some((p) => p.name === 'Latecomer'))
		expect(state().participants).toHaveLength(62)
		// One joiner's entry, not 62 people's.
		expect(Math.max(...sizes)).toBeLessThan(400)

		await board(s, room, 8)
		sizes.length = 0
		const proposals: number[] = []
		for (let i = 0; i < 7; i++) proposals.push((await callApi(s.url, room, latecomer.session, 'POST', '/decisions', { item: `shape:c${i}`, status: 'proposed' })).status)
		expect(proposals).toEqual([201, 201, 201, 201, 201, 429, 429])
		expect((await callApi(s.url, room, facilitator.session, 'POST', '/decisions', { item: 'shape:c0', status: 'agreed' })).status).toBe(201)
		await until(watcher.doc, () => state().decisions.length === 6)
		// Each decision went out alone: the log of six is never sent whole.
		expect(Math.max(...sizes)).toBeLessThan(600)
	})
})

describe('what people did', () => {
	it('counts each item once per kind of action: a long drag is one move, and making and deleting in a loop adds nothing', async () => {
		const s = await server()
		const room = await createRoom(s.url)
		const facilitator = await session(s, room, 'facilitator', 'Ffion')
		await board(s, room)
		const dai = await session(s, room, 'participant', 'Dai')
		const client = connectClient(s.url, room, new Y.Doc(), dai.session)
		cleanup.push(() => client.destroy())
		await synced(client)
		const records = getRecordsMap(client.doc)
		const card = (id: string, x = 0) => ({
			...base,
			id,
			type: 'cyd-card',
			parentId: 'shape:bp',
			x,
			y: 0,
			props: { w: 224, h: 96, stage: 's1', lane: 'l1', order: 0, kind: 'pain', text: 'Late buses', channel: 'inPerson', actor: '', authorId: '', authorName: '', createdAt: 0 },
		})
		client.doc.transact(() => writeRecord(records, card('shape:mine')))
		for (let x = 1; x <= 50; x++) client.doc.transact(() => (records.get('shape:mine') as Y.Map<unknown>).set('x', x))
		for (let i = 0; i < 10; i++) client.doc.transact(() => ((records.get('shape:mine') as Y.Map<unknown>).get('props') as Y.Map<unknown>).set('text', `Late buses ${i}`))
		for (let i = 0; i < 20; i++) {
			client.doc.transact(() => writeRecord(records, card(`shape:loop${i}`)))
			client.doc.transact(() => records.delete(`shape:loop${i}`))
		}
		const probe = connectClient(s.url, room, new Y.Doc(), linkToken(room, 'observer'))
		cleanup.push(() => probe.destroy())
		await synced(probe)
		await until(probe.doc, () => (getRecordsMap(probe.doc).get('shape:mine') as Y.Map<unknown> | undefined)?.get('x') === 50 && !getRecordsMap(probe.doc).has('shape:loop19'))
		type Row = { name: string; made: number; edited: number; moved: number; voted: number; total: number }
		await expect
			.poll(async () => ((await (await callApi(s.url, room, facilitator.session, 'GET', '/balance')).json()) as { people: Row[] }).people.find((p) => p.name === 'Dai'))
			.toMatchObject({ made: 1, edited: 1, moved: 1, voted: 0, total: 3 })
		const design = (await (await callApi(s.url, room, facilitator.session, 'GET', '/design')).json()) as ServiceDesign
		expect(design.contributors.find((c) => c.name === 'Dai')?.notesMade).toBe(1)
	})
})

describe('who made a note', () => {
	it('is the person whose connection made it, as the server recorded, whatever the note says', async () => {
		const s = await server()
		const room = await createRoom(s.url)
		const facilitator = await session(s, room, 'facilitator', 'Ffion')
		const dai = await session(s, room, 'participant', 'Dai')
		const client = connectClient(s.url, room, new Y.Doc(), dai.session)
		cleanup.push(() => client.destroy())
		await synced(client)
		client.doc.getMap('meta').set('schema', canvasSchema().serialize())
		putRecords(client.doc, [noteRecord('shape:dai-note', 'More benches at the stop', { authorId: 'someone-else', authorName: 'Someone else' })])
		await expect
			.poll(async () => ((await (await callApi(s.url, room, facilitator.session, 'GET', '/design')).json()) as ServiceDesign).contributions.find((c) => c.id === 'shape:dai-note')?.author)
			.toEqual({ id: dai.person, name: 'Dai' })
	})
})

describe('time present', () => {
	it('counts a person once however many sockets they hold at once', async () => {
		const s = await server()
		const room = await createRoom(s.url)
		const facilitator = await session(s, room, 'facilitator', 'Ffion')
		const dai = await session(s, room, 'participant', 'Dai')
		const t0 = Date.now() - 10 * 60_000
		for (let i = 0; i < 5; i++) s.workshops.attendance.arrived(room, dai.person, t0)
		for (let i = 0; i < 5; i++) s.workshops.attendance.left(room, dai.person, t0 + 4 * 60_000)
		await expect
			.poll(async () => ((await (await callApi(s.url, room, facilitator.session, 'GET', '/design')).json()) as ServiceDesign).contributors.find((c) => c.name === 'Dai')?.minutesPresent)
			.toBe(4)
	})
})

describe('the API', () => {
	it('describes itself in an OpenAPI document from the same schemas, with a reference page, and answers every error in one shape', async () => {
		const s = await server()
		const doc = (await (await fetch(`${s.url}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }
		expect(doc.openapi).toMatch(/^3\./)
		expect(doc.paths['/api/rooms/{id}/join']?.post?.requestBody).toBeTruthy()
		expect(doc.paths['/api/rooms/{id}/votes']?.post).toBeTruthy()
		expect(doc.paths['/api/rooms']?.post).toBeTruthy()
		expect(Object.keys(doc.paths).length).toBeGreaterThan(25)
		const page = await fetch(`${s.url}/api/docs`)
		expect(page.status).toBe(200)
		expect(await page.text()).toContain('/api/openapi.json')
		const room = await createRoom(s.url)
		for (const [method, path, body, status] of [
			['POST', '/join', { token: 'x', name: '' }, 400],
			['POST', '/lock', { locked: true }, 401],
			['GET', '/design', undefined, 401],
			['POST', '/votes', [], 401],
		] as const) {
			const response = await callApi(s.url, room, null, method, path, body)
			expect(response.status).toBe(status)
			expect(Object.keys((await response.json()) as object)).toEqual(['error'])
		}
	})
})
