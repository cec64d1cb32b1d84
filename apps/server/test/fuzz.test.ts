/**
 * Seeded fuzzing at the websocket and the HTTP API. Replay a failure with FUZZ_SEED=<seed printed below>;
 * FUZZ_RUNS sets how many cases (default 150 per property, more on demand).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { connectClient, createRoom, linkToken, startTestServer, synced, until, type Client, syncUrl } from './helpers.js'

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const numRuns = Number(process.env.FUZZ_RUNS ?? 150)
console.log(`fuzz seed ${seed} (replay with FUZZ_SEED=${seed}), ${numRuns} runs per property`)

type Server = Awaited<ReturnType<typeof startTestServer>>
let server: Server
let guardedRoom: string
let writer: Client
let observer: Client
let round = 0

beforeAll(async () => {
	server = await startTestServer({ MAX_MESSAGE_BYTES: String(64 * 1024), MESSAGES_PER_SECOND: '100000', MESSAGE_BURST: '100000', CONNECTIONS_PER_IP_PER_MINUTE: '100000' })
	guardedRoom = await createRoom(server.url)
	writer = connectClient(server.url, guardedRoom)
	observer = connectClient(server.url, guardedRoom)
	await Promise.all([synced(writer), synced(observer)])
	writer.doc.getMap('notes').set('before', 'fuzz')
	await until(observer.doc, () => observer.doc.getMap('notes').has('before'))
})

afterAll(async () => {
	writer.destroy()
	observer.destroy()
	await server.close()
})

function varUintMessage(parts: (number | Uint8Array | string)[]): Uint8Array {
	const encoder = encoding.createEncoder()
	for (const part of parts) {
		if (typeof part === 'number') encoding.writeVarUint(encoder, part)
		else if (typeof part === 'string') encoding.writeVarString(encoder, part)
		else encoding.writeVarUint8Array(encoder, part)
	}
	return encoding.toUint8Array(encoder)
}

/** A real update from a scratch document, possibly cut or bit-flipped. */
const yUpdate = fc
	.record({ keys: fc.array(fc.string({ maxLength: 8 }), { maxLength: 5 }), cut: fc.nat(), flip: fc.option(fc.nat()) })
	.map(({ keys, cut, flip }) => {
		const doc = new Y.Doc()
		for (const key of keys) doc.getMap('m').set(key, key)
		const update = Y.encodeStateAsUpdate(doc)
		const bytes = update.slice(0, keys.length > 0 ? Math.max(1, update.length - (cut % update.length)) : update.length)
		if (flip !== null && bytes.length > 0) bytes[flip % bytes.length]! ^= 0xff
		return bytes
	})

const frame = fc.oneof(
	fc.uint8Array({ maxLength: 64 }),
	fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => new Uint8Array([...b.map((x) => x | 0x80)])), // varints that never end
	yUpdate.map((u) => varUintMessage([0, 2, u])),
	yUpdate.map((u) => varUintMessage([0, 1, u])),
	fc.uint8Array({ maxLength: 32 }).map((sv) => varUintMessage([0, 0, sv])),
	fc.uint8Array({ maxLength: 64 }).map((a) => varUintMessage([1, a])),
	fc.nat({ max: 2 ** 31 }).map((n) => varUintMessage([0, 2, n])), // an absurd length with nothing after it
	fc.nat({ max: 50 }).map((t) => varUintMessage([t, 0])),
	fc.constant(new Uint8Array(70 * 1024)),
	fc.string({ maxLength: 20 }),
)

function openSocket(room: string): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(syncUrl(server.url, room))
		socket.once('message', () => resolve(socket))
		socket.once('error', reject)
	})
}

describe('fuzzing', () => {
	it('survives generated frames at the websocket: no crash, other rooms keep working, stored documents intact', async () => {
		const room = await createRoom(server.url)
		await fc.assert(
			fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 8 }), async (frames) => {
				const socket = await openSocket(room)
				const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
				for (const f of frames) if (socket.readyState === WebSocket.OPEN) socket.send(f)
				// A query-awareness frame is always answered while the connection lives: wait for that or the close.
				const answered = new Promise<void>((resolve) => socket.on('message', () => resolve()))
				if (socket.readyState === WebSocket.OPEN) socket.send(new Uint8Array([3]))
				await Promise.race([closed, answered])
				socket.terminate()
				// The guarded room still works end to end.
				const key = `round-${round++}`
				writer.doc.getMap('notes').set(key, key)
				await until(observer.doc, () => observer.doc.getMap('notes').get(key) === key)
			}),
			{ seed, numRuns },
		)
		const health = await fetch(`${server.url}/healthz`)
		expect(health.status).toBe(200)
		await server.sync.flushed()
		const stored = new Y.Doc()
		for (const update of server.storage!.load(guardedRoom)) Y.applyUpdate(stored, update)
		expect(stored.getMap('notes').get('before')).toBe('fuzz')
		expect(stored.getMap('notes').size).toBe(round + 1)
		expect(server.storage!.integrityCheck()).toBe('ok')
		// Whatever the fuzzed room accepted still loads.
		const fuzzed = new Y.Doc()
		expect(() => {
			for (const update of server.storage!.load(room)) Y.applyUpdate(fuzzed, update)
		}).not.toThrow()
	})

	it('answers generated HTTP requests with a status below 500', async () => {
		const path = fc.oneof(
			fc.constantFrom('/api/rooms', `/api/rooms/${guardedRoom}`, `/api/rooms/${guardedRoom}/assets`, '/api/config', '/api/time', '/healthz', '/readyz', '/metrics'),
			fc.constantFrom(
				'join', 'me', 'lock', 'agenda', 'phase', 'timer', 'summon', 'follow', 'spotlight', 'rounds', 'rounds/close',
				'links', 'links/observer', 'people/x', 'balance', 'votes', 'votes/mine',
				'design', 'design?version=x', 'decisions', 'versions', 'versions/x/canvas', 'versions/x/restore', 'compare?from=x&to=current',
				'export?format=pdf', 'export?format=csv&table=votes', 'export?format=md&agreed=only&language=cy', 'export?format=zz', 'publish', 'table', 'table/here',
			).map((p) => `/api/rooms/${guardedRoom}/${p}`),
			fc.string({ maxLength: 40 }).map((secret) => `/p/${guardedRoom}/${encodeURIComponent(secret)}`),
			fc.webPath().map((p) => `/api${p}`),
			fc.webPath().map((p) => `/uploads${p}`),
			fc.webPath(),
		)
		const body = fc.oneof(
			fc.constant(undefined),
			fc.json(),
			fc.string({ maxLength: 300 }),
			fc.uint8Array({ maxLength: 300 }),
			fc.record({ token: fc.constant(linkToken(guardedRoom)), name: fc.string({ maxLength: 80 }), affiliation: fc.oneof(fc.constant('resident'), fc.string()) }).map((o) => JSON.stringify(o)),
			fc.record({ item: fc.oneof(fc.string(), fc.constant('shape:x')), status: fc.oneof(fc.constantFrom('proposed', 'agreed', 'parked', 'rejected'), fc.string()), note: fc.oneof(fc.string({ maxLength: 1200 }), fc.integer()) }).map((o) => JSON.stringify(o)),
			fc.record({ name: fc.string({ maxLength: 200 }) }).map((o) => JSON.stringify(o)),
		)
		// Some requests carry a real participant's session, so that the handlers behind the role checks are reached too.
		const joined = await fetch(`${server.url}/api/rooms/${guardedRoom}/join`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ token: linkToken(guardedRoom, 'facilitator'), name: 'Fuzz facilitator' }),
		})
		const { session } = (await joined.json()) as { session: string }
		const auth = fc.constantFrom<Record<string, string>>({}, { authorization: `Bearer ${session}` }, { authorization: 'Bearer forged.token' })
		await fc.assert(
			fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), path, body, fc.constantFrom('application/json', 'image/png', 'text/plain'), auth, async (method, p, b, type, headers) => {
				const response = await fetch(`${server.url}${p}`, {
					method,
					headers: { 'content-type': type, ...headers },
					body: method === 'GET' ? undefined : b,
				})
				await response.arrayBuffer()
				expect(response.status).toBeLessThan(500)
			}),
			{ seed, numRuns },
		)
		expect(server.storage!.integrityCheck()).toBe('ok')
	})
})
