/**
 * Hostile Yjs updates from a normal participant's or observer's link: nesting that blows Yjs' stack,
 * updates that wait forever for missing clocks, floods of bytes and documents grown without bound. Each
 * is refused with a clear close while the room's other clients and other rooms carry on.
 */
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { DocumentUnavailableError } from '@cyd/sync'
import { callApi, connectClient, createRoom, joinAs, linkToken, startTestServer, synced, syncUrl, until, type Client, type TestServer } from './helpers.js'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn()
})

async function server(env: Record<string, string> = {}): Promise<TestServer> {
	const s = await startTestServer(env)
	cleanup.push(() => s.close())
	return s
}

function client(url: string, room: string, role: 'participant' | 'observer' | 'facilitator' = 'participant'): Client {
	const c = connectClient(url, room, new Y.Doc(), linkToken(room, role))
	cleanup.push(() => c.destroy())
	return c
}

interface Raw {
	socket: WebSocket
	closed: Promise<{ code: number; reason: string }>
	/** Every message the server sent, in order. */
	received: Uint8Array[]
}

/** A raw socket to a room's canvas, resolved once the server has greeted it. */
async function raw(url: string, room: string, role: 'participant' | 'observer' = 'participant'): Promise<Raw> {
	const socket = new WebSocket(syncUrl(url, room, linkToken(room, role)))
	cleanup.push(() => socket.terminate())
	const received: Uint8Array[] = []
	const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })))
	await new Promise<void>((resolve, reject) => {
		socket.on('message', (data: Buffer) => {
			received.push(new Uint8Array(data))
			resolve()
		})
		socket.once('error', reject)
	})
	return { socket, closed, received }
}

/** A y-websocket sync update frame carrying `update`. */
function updateFrame(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder()
	encoding.writeVarUint(e, 0)
	encoding.writeVarUint(e, 2)
	encoding.writeVarUint8Array(e, update)
	return encoding.toUint8Array(e)
}

/** What a client sends for `change` made to `doc`. */
function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
	const updates: Uint8Array[] = []
	const collect = (u: Uint8Array) => updates.push(u)
	doc.on('update', collect)
	doc.transact(change)
	doc.off('update', collect)
	return Y.mergeUpdates(updates)
}

/** The attack: a Y.Map nested `depth` deep into the canvas's records in one transaction. */
function nestedMaps(depth: number, doc = new Y.Doc()): Uint8Array {
	return updateOf(doc, () => {
		let map = doc.getMap('records')
		for (let i = 0; i < depth; i++) {
			const next = new Y.Map()
			map.set('k', next)
			map = next
		}
	})
}

/** An update deleting clocks [0, length) of `client` (what deleting the nested map sends; made by hand, as Yjs would recurse). */
function deletion(client: number, length: number): Uint8Array {
	const e = encoding.createEncoder()
	encoding.writeVarUint(e, 0) // no structs
	encoding.writeVarUint(e, 1)
	encoding.writeVarUint(e, client)
	encoding.writeVarUint(e, 1)
	encoding.writeVarUint(e, 0)
	encoding.writeVarUint(e, length)
	return encoding.toUint8Array(e)
}

/** Where these tests write plain values: the canvas's `records` map keeps only records its schema validates. */
const PLAIN = 'notes'

/** A map of a room's canvas as stored (after everything received is flushed): the records, or another. */
async function storedRecords(s: TestServer, room: string, map = 'records'): Promise<Record<string, unknown>> {
	await s.sync.flushed()
	const doc = new Y.Doc()
	for (const update of s.storage!.load(room)) Y.applyUpdate(doc, update)
	return doc.getMap(map).toJSON()
}

/** Both clients see what one writes. */
async function stillSyncs(writer: Client, reader: Client, key: string): Promise<void> {
	writer.doc.getMap(PLAIN).set(key, key)
	await until(reader.doc, () => reader.doc.getMap(PLAIN).get(key) === key)
}

describe('deep nesting', () => {
	it('refuses a map nested 5,000 deep (written, then deleted) with 1008; the room, other rooms and a restart are fine', async () => {
		const s = await server()
		const [room, other] = [await createRoom(s.url), await createRoom(s.url)]
		const writer = client(s.url, room)
		const witness = client(s.url, room, 'observer')
		const [otherA, otherB] = [client(s.url, other), client(s.url, other)]
		await Promise.all([writer, witness, otherA, otherB].map(synced))
		await stillSyncs(writer, witness, 'shape:kept')

		// As the attacker did: the nested map in one update, its deletion in the next.
		const attacker = new Y.Doc()
		const nested = nestedMaps(5000, attacker)
		expect(nested.length).toBeGreaterThan(50_000)
		const first = await raw(s.url, room)
		first.socket.send(updateFrame(nested))
		first.socket.send(updateFrame(deletion(attacker.clientID, 5000)))
		const closed = await first.closed
		expect(closed.code).toBe(1008)
		expect(closed.reason).toBe('update refused: shared types nested more than 16 deep')
		// Both in one update, and from an observer's link: refused the same way.
		const merged = await raw(s.url, room)
		merged.socket.send(updateFrame(Y.mergeUpdates([nested, deletion(attacker.clientID, 5000)])))
		expect((await merged.closed).code).toBe(1008)
		const observer = await raw(s.url, room, 'observer')
		observer.socket.send(updateFrame(nested))
		expect((await observer.closed).code).toBe(1008)

		// Nothing reached the document; its other clients and the other room carry on.
		const held = s.sync.retain(room)
		expect(held.doc.getMap('records').size).toBe(0)
		expect(held.doc.getMap(PLAIN).toJSON()).toEqual({ 'shape:kept': 'shape:kept' })
		held.release()
		await stillSyncs(writer, witness, 'shape:after')
		await stillSyncs(otherA, otherB, 'shape:other')
		expect(await storedRecords(s, room, PLAIN)).toEqual({ 'shape:kept': 'shape:kept', 'shape:after': 'shape:after' })

		// Closed and started again on the same data, the room loads.
		for (const c of [writer, witness, otherA, otherB]) c.destroy()
		await s.close()
		const again = await server({ DATA_DIR: s.dataDir })
		const reader = client(again.url, room, 'observer')
		await synced(reader)
		expect(reader.doc.getMap(PLAIN).toJSON()).toEqual({ 'shape:kept': 'shape:kept', 'shape:after': 'shape:after' })
	})

	it('refuses a value nested 100,000 deep (which lib0 cannot even decode) with 1008, never 1002', async () => {
		const s = await server()
		const room = await createRoom(s.url)
		const e = encoding.createEncoder()
		encoding.writeVarUint(e, 1)
		encoding.writeVarUint(e, 1)
		encoding.writeVarUint(e, 424242)
		encoding.writeVarUint(e, 0)
		encoding.writeUint8(e, 8 | 0x20) // a value in a map, parent named
		encoding.writeVarUint(e, 1)
		encoding.writeVarString(e, 'records')
		encoding.writeVarString(e, 'shape:deep')
		encoding.writeVarUint(e, 1)
		for (let i = 0; i < 100_000; i++) {
			encoding.writeUint8(e, 117)
			encoding.writeVarUint(e, 1)
		}
		encoding.writeUint8(e, 126)
		encoding.writeVarUint(e, 0)
		const update = encoding.toUint8Array(e)
		expect(() => Y.decodeUpdate(update)).toThrow(RangeError)
		for (const role of ['participant', 'observer'] as const) {
			const socket = await raw(s.url, room, role)
			socket.socket.send(updateFrame(update))
			expect(await socket.closed).toEqual({ code: 1008, reason: 'update refused: a JSON value nested more than 64 deep' })
		}
		expect(await storedRecords(s, room)).toEqual({})
	})

	it('keeps serving when a stored document nests too deep: opening it fails cleanly (1011, 503), every time, and other rooms carry on', async () => {
		const s = await server()
		const [room, other] = [await createRoom(s.url), await createRoom(s.url)]
		expect(s.sync.isLoaded(room)).toBe(false)
		// As a server without the budgets stored it: the nested map, then its deletion.
		const attacker = new Y.Doc()
		s.storage!.append([
			{ document: room, update: nestedMaps(5000, attacker) },
			{ document: room, update: deletion(attacker.clientID, 5000) },
		])
		const [otherA, otherB] = [client(s.url, other), client(s.url, other)]
		await Promise.all([synced(otherA), synced(otherB)])

		for (let attempt = 0; attempt < 2; attempt++) {
			const observer = new WebSocket(syncUrl(s.url, room, linkToken(room, 'observer')))
			cleanup.push(() => observer.terminate())
			expect(await new Promise((resolve) => observer.on('close', (code, reason) => resolve({ code, reason: reason.toString() })))).toEqual({
				code: 1011,
				reason: 'the document could not be loaded',
			})
			await expect.poll(() => s.sync.isLoaded(room)).toBe(false)
			await stillSyncs(otherA, otherB, `shape:${attempt}`)
		}
		await expect(s.sync.transact(room, () => undefined)).rejects.toBeInstanceOf(DocumentUnavailableError)
		const session = await joinAs(s.url, room, 'facilitator')
		const design = await callApi(s.url, room, session, 'GET', '/design')
		expect(design.status).toBe(503)
		expect(((await design.json()) as { error: string }).error).toMatch(/could not be loaded/)
		expect((await fetch(`${s.url}/healthz`)).status).toBe(200)
		await stillSyncs(otherA, otherB, 'shape:last')
	})
})

describe('missing clocks', () => {
	it('drops what waits for missing updates past the limit and closes the sender (1008); a client briefly ahead is fine', async () => {
		const s = await server({ MAX_PENDING_BYTES: String(32 * 1024) })
		const room = await createRoom(s.url)
		const witness = client(s.url, room, 'observer')
		await synced(witness)

		// A client briefly ahead: its second update arrives first, then the first; both apply.
		const ahead = new Y.Doc()
		const one = updateOf(ahead, () => ahead.getMap(PLAIN).set('shape:one', 1))
		const two = updateOf(ahead, () => ahead.getMap(PLAIN).set('shape:two', 2))
		const early = await raw(s.url, room)
		early.socket.send(updateFrame(two))
		early.socket.send(updateFrame(one))
		await until(witness.doc, () => witness.doc.getMap(PLAIN).size === 2)

		// Updates that all wait for one that never comes.
		const attacker = new Y.Doc()
		updateOf(attacker, () => attacker.getMap('records').set('withheld', 0))
		const hostile = await raw(s.url, room)
		for (let i = 0; i < 20 && hostile.socket.readyState === WebSocket.OPEN; i++) {
			hostile.socket.send(updateFrame(updateOf(attacker, () => attacker.getMap('records').set(`waiting:${i}`, 'x'.repeat(4000)))))
		}
		expect(await hostile.closed).toEqual({ code: 1008, reason: 'update refused: more than 32768 bytes wait for updates the server lacks' })
		const held = s.sync.retain(room)
		expect(held.doc.store.pendingStructs).toBeNull()
		expect(held.doc.store.pendingDs).toBeNull()
		held.release()
		expect(await storedRecords(s, room, PLAIN)).toEqual({ 'shape:one': 1, 'shape:two': 2 })
	})

	it('bounds delete sets for clients the document has never seen', async () => {
		const s = await server({ MAX_PENDING_BYTES: String(4 * 1024) })
		const room = await createRoom(s.url)
		const hostile = await raw(s.url, room)
		for (let i = 0; i < 2000 && hostile.socket.readyState === WebSocket.OPEN; i++) hostile.socket.send(updateFrame(deletion(1_000_000 + i, 10)))
		expect((await hostile.closed).code).toBe(1008)
		const held = s.sync.retain(room)
		expect(held.doc.store.pendingDs).toBeNull()
		held.release()
	})
})

describe('bytes and size', () => {
	it('closes a connection sending more bytes a second than allowed (1008)', async () => {
		const s = await server({ BYTES_PER_SECOND: String(64 * 1024), BYTE_BURST: String(128 * 1024), MAX_MESSAGE_BYTES: String(64 * 1024) })
		const room = await createRoom(s.url)
		const hostile = await raw(s.url, room)
		const frame = new Uint8Array(32 * 1024)
		frame[0] = 3 // query awareness: harmless by itself
		for (let i = 0; i < 20; i++) hostile.socket.send(frame)
		expect(await hostile.closed).toEqual({ code: 1008, reason: 'more than 65536 bytes a second' })
	})

	it('refuses an update that would take a document past its size with permission-denied and 1009; nothing of it is stored', async () => {
		const s = await server({ MAX_DOCUMENT_BYTES: String(64 * 1024) })
		const room = await createRoom(s.url)
		const witness = client(s.url, room, 'observer')
		await synced(witness)
		const writer = new Y.Doc()
		const socket = await raw(s.url, room)
		let sent = 0
		for (; sent < 10 && socket.socket.readyState === WebSocket.OPEN; sent++) {
			socket.socket.send(updateFrame(updateOf(writer, () => writer.getMap(PLAIN).set(`shape:${sent}`, 'x'.repeat(20_000)))))
			if (sent < 2) await until(witness.doc, () => witness.doc.getMap(PLAIN).has(`shape:${sent}`))
		}
		const closed = await socket.closed
		expect(closed).toEqual({ code: 1009, reason: 'the document is full (limit 65536 bytes)' })
		const denied = socket.received
			.map((m) => decoding.createDecoder(m))
			.filter((d) => decoding.readVarUint(d) === 2 && decoding.readVarUint(d) === 0)
			.map((d) => decoding.readVarString(d))
		expect(denied).toEqual(['the document is full (limit 65536 bytes)'])
		const stored = await storedRecords(s, room, PLAIN)
		expect(Object.keys(stored).sort()).toEqual(['shape:0', 'shape:1', 'shape:2'])
		const bytes = s.storage!.load(room).reduce((sum, u) => sum + u.length, 0)
		expect(bytes).toBeLessThanOrEqual(64 * 1024)
	})
})
