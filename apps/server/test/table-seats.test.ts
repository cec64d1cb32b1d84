/**
 * The touch table as the server sees it: a facilitator's connection that votes for its seats' people
 * within their allowance, that a lock holds unless the facilitator says otherwise, and whose seats'
 * people count as connected while it is open.
 */
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import * as decoding from 'lib0/decoding'
import { parseWorkshop, WORKSHOP_MAP, workshopDocument, type Seat, type ServiceDesign, type WorkshopState } from '@cyd/model'
import { canvasSchema } from '@cyd/model/schema'
import { callApi, connectClient, createRoom, joinAs, linkToken, noteRecord, putRecords, serverForFile, synced, until, writeCanvas, type Client, type TestServer } from './helpers.js'

let server: TestServer
const clients = serverForFile((started) => (server = started))

const call = (room: string, session: string | null, method: string, path: string, body?: unknown) => callApi(server.url, room, session, method, path, body)

const base = { typeName: 'shape', rotation: 0, index: 'a1', isLocked: false, opacity: 1, meta: {}, parentId: 'page:page', x: 0, y: 0 }
const note = (id: string) => ({
	...base,
	id,
	type: 'note',
	props: {
		color: 'blue',
		labelColor: 'black',
		size: 'm',
		font: 'draw',
		fontSizeAdjustment: 1,
		align: 'middle',
		verticalAlign: 'middle',
		growY: 0,
		url: '',
		richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: id }] }] },
		scale: 1,
		textLastEditedBy: null,
	},
})

/** A room with a facilitator, a participant, two notes on the board and a two-seat table. */
async function tableRoom() {
	const room = await createRoom(server.url)
	const facilitator = await joinAs(server.url, room, 'facilitator', 'Ffion')
	const participant = await joinAs(server.url, room, 'participant', 'Nia')
	clients.push(...(await writeCanvas(server.url, room, canvasSchema().serialize(), [note('shape:bench'), note('shape:shelter')])))
	const set = await call(room, facilitator, 'PUT', '/table', { seats: [{ name: 'Ceri' }, { name: 'Dai' }] })
	expect(set.status).toBe(200)
	const seats = ((await set.json()) as WorkshopState).table!.seats
	return { room, facilitator, participant, seats }
}

/** A stock y-websocket client of the canvas with a session; `table` says it is the touch table. */
function canvasClient(room: string, token: string, table = false): Client {
	const doc = new Y.Doc()
	const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/sync`, room, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		params: table ? { token, table: '1' } : { token },
	})
	const c = { doc, provider, destroy: () => (provider.destroy(), doc.destroy()) }
	clients.push(c)
	return c
}

/** A stock client of the room's workshop document, to watch the state change live. */
async function workshopWatcher(room: string, session: string): Promise<Client> {
	const c = connectClient(server.url, workshopDocument(room), new Y.Doc(), session)
	clients.push(c)
	await synced(c)
	return c
}
const stateOf = (c: Client) => parseWorkshop(c.doc.getMap(WORKSHOP_MAP).toJSON())

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

/** Writes a key from `writer` and answers whether `witness` saw it or a denial came back. */
async function tryWrite(writer: Client, witness: Client, key: string): Promise<'written' | 'denied'> {
	const denied = permissionDenied(writer)
	putRecords(writer.doc, [noteRecord(key, 'x')])
	const written = until(witness.doc, () => witness.doc.getMap('records').has(key))
	return Promise.race([written.then(() => 'written' as const), denied.then(() => 'denied' as const)])
}

describe('a seat at the touch table', () => {
	it("votes from the table for the seat's person, within the round's allowance, apart from the facilitator's own", async () => {
		const { room, facilitator, seats } = await tableRoom()
		const [ceri, dai] = seats as [Seat, Seat]
		expect((await call(room, facilitator, 'POST', '/rounds', { votesPerPerson: 2 })).status).toBe(201)

		const vote = (seat: string | undefined, shapeId: string, delta: 1 | -1 = 1) => call(room, facilitator, 'POST', '/votes', { shapeId, delta, ...(seat ? { seat } : {}) })
		const first = await vote(ceri.id, 'shape:bench')
		expect(first.status).toBe(200)
		expect(await first.json()).toEqual({ ballot: { 'shape:bench': 1 }, remaining: 1 })
		expect((await vote(ceri.id, 'shape:shelter')).status).toBe(200)
		// Ceri's two dots are used: a third is refused, as it would be from her own phone.
		const third = await vote(ceri.id, 'shape:bench')
		expect(third.status).toBe(409)
		expect(((await third.json()) as { error: string }).error).toMatch(/all 2 of your votes/)
		// Dai, at the next seat, and the facilitator each have their own.
		expect((await vote(dai.id, 'shape:bench')).status).toBe(200)
		expect((await vote(undefined, 'shape:bench')).status).toBe(200)
		expect(await (await call(room, facilitator, 'GET', `/votes/mine?seat=${ceri.id}`)).json()).toEqual({ ballot: { 'shape:bench': 1, 'shape:shelter': 1 }, remaining: 0 })
		expect(await (await call(room, facilitator, 'GET', '/votes/mine')).json()).toEqual({ ballot: { 'shape:bench': 1 }, remaining: 1 })
		// Taking one back frees it again.
		expect((await vote(ceri.id, 'shape:shelter', -1)).status).toBe(200)
		expect((await vote(ceri.id, 'shape:bench')).status).toBe(200)

		expect((await call(room, facilitator, 'POST', '/rounds/close', {})).status).toBe(200)
		const design = (await (await call(room, facilitator, 'GET', '/design')).json()) as ServiceDesign
		expect(design.votes).toEqual([{ item: 'shape:bench', votes: 4 }])
		expect(Object.fromEntries(design.contributors.map((c) => [c.name, c.votesCast]))).toMatchObject({ Ceri: 2, Dai: 1, Ffion: 1 })
	})

	it('is voted for only by a facilitator, and only at a seat of this room’s table', async () => {
		const { room, facilitator, participant, seats } = await tableRoom()
		expect((await call(room, facilitator, 'POST', '/rounds', { votesPerPerson: 3 })).status).toBe(201)
		const asSeat = await call(room, participant, 'POST', '/votes', { shapeId: 'shape:bench', delta: 1, seat: seats[0]!.id })
		expect(asSeat.status).toBe(403)
		expect((await call(room, participant, 'GET', `/votes/mine?seat=${seats[0]!.id}`)).status).toBe(403)
		expect((await call(room, facilitator, 'POST', '/votes', { shapeId: 'shape:bench', delta: 1, seat: 'nosuchseat' })).status).toBe(404)
		expect((await call(room, facilitator, 'POST', '/votes', { shapeId: 'shape:bench', delta: 1, seat: '../x' })).status).toBe(400)
		// The participant's own vote still counts as theirs, and nobody's was cast for the seat.
		expect((await call(room, participant, 'POST', '/votes', { shapeId: 'shape:bench', delta: 1 })).status).toBe(200)
		expect(await (await call(room, facilitator, 'GET', `/votes/mine?seat=${seats[0]!.id}`)).json()).toEqual({ ballot: {}, remaining: 3 })
	})
})

describe('the lock and the touch table', () => {
	it("holds the table's connection read-only while locked, unless the facilitator says the lock does not cover it", async () => {
		const { room, facilitator } = await tableRoom()
		const table = canvasClient(room, facilitator, true)
		const laptop = canvasClient(room, facilitator)
		const observer = canvasClient(room, linkToken(room, 'observer'))
		await Promise.all([table, laptop, observer].map(synced))
		expect(await tryWrite(table, observer, 'shape:before-lock')).toBe('written')

		// Locked (covering the table, as by default): the table's writes are refused; the laptop's are not.
		const locked = await call(room, facilitator, 'POST', '/lock', { locked: true })
		expect(((await locked.json()) as WorkshopState).lockCoversTable).toBe(true)
		expect(await tryWrite(table, observer, 'shape:table-during-lock')).toBe('denied')
		expect(await tryWrite(laptop, observer, 'shape:laptop-during-lock')).toBe('written')

		// A table that opens while locked is read-only from its first sync.
		const late = canvasClient(room, facilitator, true)
		await synced(late)
		expect(await tryWrite(late, observer, 'shape:late-during-lock')).toBe('denied')

		// The facilitator lets the table go on while everyone else is locked.
		const open = await call(room, facilitator, 'POST', '/lock', { locked: true, coversTable: false })
		expect(open.status).toBe(200)
		expect(((await open.json()) as WorkshopState).lockCoversTable).toBe(false)
		const again = canvasClient(room, facilitator, true)
		await synced(again)
		expect(await tryWrite(again, observer, 'shape:table-not-covered')).toBe('written')
		// Locking again without saying keeps the facilitator's choice.
		expect(((await (await call(room, facilitator, 'POST', '/lock', { locked: false })).json()) as WorkshopState).lockCoversTable).toBe(false)
		expect((await call(room, facilitator, 'POST', '/lock', { locked: true, coversTable: 'yes' })).status).toBe(400)

		await server.sync.flushed()
		const stored = new Y.Doc()
		for (const update of server.storage!.load(room)) Y.applyUpdate(stored, update)
		const keys = [...stored.getMap('records').keys()]
		expect(keys).toEqual(expect.arrayContaining(['shape:before-lock', 'shape:laptop-during-lock', 'shape:table-not-covered']))
		expect(keys).not.toContain('shape:table-during-lock')
		expect(keys).not.toContain('shape:late-during-lock')
	})

	it('only a facilitator may change the lock or say whether it covers the table', async () => {
		const { room, participant } = await tableRoom()
		expect((await call(room, participant, 'POST', '/lock', { locked: false, coversTable: false })).status).toBe(403)
	})
})

describe("the table's seats in the people list", () => {
	it("count as connected while the table's canvas connection is open, and not once it closes", async () => {
		const { room, facilitator } = await tableRoom()
		const watcher = await workshopWatcher(room, linkToken(room, 'observer'))
		expect(stateOf(watcher).tableSeenAt).toBeNull()
		// A facilitator's ordinary screen is not the table.
		const laptop = canvasClient(room, facilitator)
		await synced(laptop)
		const table = canvasClient(room, facilitator, true)
		await synced(table)
		await until(watcher.doc, () => stateOf(watcher).tableSeenAt !== null)
		expect(Math.abs(stateOf(watcher).tableSeenAt! - Date.now())).toBeLessThan(10_000)
		table.provider.disconnect()
		await until(watcher.doc, () => stateOf(watcher).tableSeenAt === null)
		// A participant's socket that claims to be the table is only a participant's.
		const participantTable = canvasClient(room, linkToken(room, 'participant'), true)
		await synced(participantTable)
		expect(await tryWrite(laptop, participantTable, 'shape:seen')).toBe('written')
		expect(stateOf(watcher).tableSeenAt).toBeNull()
		// The table's word every half minute says it is still open.
		expect((await call(room, facilitator, 'POST', '/table/here')).status).toBe(204)
		await until(watcher.doc, () => stateOf(watcher).tableSeenAt !== null)
	})
})
