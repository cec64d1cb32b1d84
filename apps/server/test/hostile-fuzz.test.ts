/**
 * Seeded fuzzing with structurally hostile but well-encoded Yjs updates: types nested deep, values nested
 * deep, huge strings, updates waiting for missing clocks, structs naming wrong parents and types, delete
 * sets for clients nobody knows. After each case the process lives, another room answers, the fuzzed room
 * loads again after it is unloaded, and nothing stored breaks the budgets. Replay a failure with
 * FUZZ_SEED=<seed printed below>; FUZZ_RUNS sets how many cases (default 300).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { connectClient, createRoom, linkToken, startTestServer, synced, syncUrl, until, type Client, type TestServer } from './helpers.js'

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const numRuns = Number(process.env.FUZZ_RUNS ?? 300)
console.log(`hostile fuzz seed ${seed} (replay with FUZZ_SEED=${seed}), ${numRuns} runs`)

const MAX_TYPE_DEPTH = 16
const MAX_JSON_DEPTH = 64

let server: TestServer
let guarded: string
let writer: Client
let reader: Client
let round = 0

beforeAll(async () => {
	server = await startTestServer({
		IDLE_UNLOAD_MS: '0',
		MESSAGES_PER_SECOND: '100000',
		MESSAGE_BURST: '100000',
		CONNECTIONS_PER_IP_PER_MINUTE: '100000',
		BYTES_PER_SECOND: String(64 * 1024 * 1024),
		BYTE_BURST: String(64 * 1024 * 1024),
		MAX_PENDING_BYTES: String(64 * 1024),
		MAX_DOCUMENT_BYTES: String(4 * 1024 * 1024),
	})
	guarded = await createRoom(server.url)
	writer = connectClient(server.url, guarded)
	reader = connectClient(server.url, guarded, new Y.Doc(), linkToken(guarded, 'observer'))
	await Promise.all([synced(writer), synced(reader)])
})

afterAll(async () => {
	writer.destroy()
	reader.destroy()
	await server.close()
})

type Id = [client: number, clock: number]

/** One struct, encoded by hand so that every field can lie. */
interface Struct {
	origin: Id | null
	right: Id | null
	parent: { root: string } | { id: Id } | null
	sub: string | null
	/** The content ref (low five bits of the info byte) and its encoded body. */
	content: [ref: number, write: (e: encoding.Encoder) => void]
}

function encodeUpdate(clients: { client: number; clock: number; structs: Struct[] }[], deletes: [number, Id[]][]): Uint8Array {
	const e = encoding.createEncoder()
	encoding.writeVarUint(e, clients.length)
	for (const { client, clock, structs } of clients) {
		encoding.writeVarUint(e, structs.length)
		encoding.writeVarUint(e, client)
		encoding.writeVarUint(e, clock)
		for (const s of structs) {
			const [ref, write] = s.content
			if (ref === 0 || ref === 10) {
				encoding.writeUint8(e, ref)
				write(e)
				continue
			}
			const info = ref | (s.origin ? 0x80 : 0) | (s.right ? 0x40 : 0) | (!s.origin && !s.right && s.sub !== null ? 0x20 : 0)
			encoding.writeUint8(e, info)
			if (s.origin) s.origin.forEach((n) => encoding.writeVarUint(e, n))
			if (s.right) s.right.forEach((n) => encoding.writeVarUint(e, n))
			if (!s.origin && !s.right) {
				const parent = s.parent ?? { root: 'records' }
				if ('root' in parent) {
					encoding.writeVarUint(e, 1)
					encoding.writeVarString(e, parent.root)
				} else {
					encoding.writeVarUint(e, 0)
					parent.id.forEach((n) => encoding.writeVarUint(e, n))
				}
				if (s.sub !== null) encoding.writeVarString(e, s.sub)
			}
			write(e)
		}
	}
	encoding.writeVarUint(e, deletes.length)
	for (const [client, ranges] of deletes) {
		encoding.writeVarUint(e, client)
		encoding.writeVarUint(e, ranges.length)
		for (const [clock, len] of ranges) {
			encoding.writeVarUint(e, clock)
			encoding.writeVarUint(e, len)
		}
	}
	return encoding.toUint8Array(e)
}

/** A lib0 Any value nested `depth` deep (arrays or objects), written without recursion. */
function deepAny(depth: number, objects: boolean): (e: encoding.Encoder) => void {
	return (e) => {
		encoding.writeVarUint(e, 1)
		for (let i = 0; i < depth; i++) {
			encoding.writeUint8(e, objects ? 118 : 117)
			encoding.writeVarUint(e, 1)
			if (objects) encoding.writeVarString(e, 'k')
		}
		encoding.writeUint8(e, 126)
	}
}

function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
	const updates: Uint8Array[] = []
	const collect = (u: Uint8Array) => updates.push(u)
	doc.on('update', collect)
	doc.transact(change)
	doc.off('update', collect)
	return Y.mergeUpdates(updates)
}

const client = fc.integer({ min: 1, max: 2 ** 32 })
const smallId: fc.Arbitrary<Id> = fc.tuple(fc.integer({ min: 1, max: 2 ** 32 }), fc.nat({ max: 50 }))

/** Shared types nested past the budget, in one update or across several sent in a hostile order. */
const deepTypes = fc
	.record({ depth: fc.integer({ min: MAX_TYPE_DEPTH, max: 2500 }), kind: fc.constantFrom('map', 'array', 'xml'), split: fc.boolean(), reverse: fc.boolean() })
	.map(({ depth, kind, split, reverse }) => {
		const doc = new Y.Doc()
		const updates: Uint8Array[] = []
		let parent: Y.Map<unknown> | Y.Array<unknown> | Y.XmlFragment = kind === 'xml' ? doc.getXmlFragment('records') : kind === 'map' ? doc.getMap('records') : doc.getArray('records')
		const step = () => {
			let next: Y.Map<unknown> | Y.Array<unknown> | Y.XmlFragment
			if (kind === 'map') (parent as Y.Map<unknown>).set('k', (next = new Y.Map()))
			else if (kind === 'array') (parent as Y.Array<unknown>).insert(0, [(next = new Y.Array())])
			else (parent as Y.XmlFragment).insert(0, [(next = new Y.XmlElement('div'))])
			parent = next
		}
		if (split) {
			const per = Math.max(1, Math.floor(depth / 8))
			for (let i = 0; i < depth; i += per) updates.push(updateOf(doc, () => Array.from({ length: Math.min(per, depth - i) }, step)))
		} else {
			updates.push(updateOf(doc, () => Array.from({ length: depth }, step)))
		}
		return reverse ? updates.reverse() : updates
	})

/** Values nested deep in ContentAny, ContentJSON, embeds and formats. */
const deepValues = fc
	.record({ depth: fc.integer({ min: MAX_JSON_DEPTH - 2, max: 60_000 }), objects: fc.boolean(), ref: fc.constantFrom(2, 5, 6, 8), who: client })
	.map(({ depth, objects, ref, who }) => {
		const json = objects ? `${'{"k":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}1${']'.repeat(depth)}`
		const write: (e: encoding.Encoder) => void =
			ref === 8
				? deepAny(depth, objects)
				: ref === 2
					? (e) => {
							encoding.writeVarUint(e, 1)
							encoding.writeVarString(e, json)
						}
					: ref === 5
						? (e) => encoding.writeVarString(e, json)
						: (e) => {
								encoding.writeVarString(e, 'bold')
								encoding.writeVarString(e, json)
							}
		return [encodeUpdate([{ client: who, clock: 0, structs: [{ origin: null, right: null, parent: { root: 'records' }, sub: ref === 8 || ref === 2 ? 'shape:x' : null, content: [ref, write] }] }], [])]
	})

/** Strings past the budget: text, map keys, root names, values. */
const hugeStrings = fc.record({ where: fc.constantFrom('text', 'key', 'root', 'value'), who: client }).map(({ where, who }) => {
	const huge = 'y'.repeat(1024 * 1024 + 1)
	const struct: Struct =
		where === 'text'
			? { origin: null, right: null, parent: { root: 'text' }, sub: null, content: [4, (e) => encoding.writeVarString(e, huge)] }
			: where === 'key'
				? { origin: null, right: null, parent: { root: 'records' }, sub: huge, content: [8, deepAny(0, false)] }
				: where === 'root'
					? { origin: null, right: null, parent: { root: huge }, sub: 'k', content: [8, deepAny(0, false)] }
					: { origin: null, right: null, parent: { root: 'records' }, sub: 'k', content: [8, (e) => (encoding.writeVarUint(e, 1), encoding.writeAny(e, huge))] }
	return [encodeUpdate([{ client: who, clock: 0, structs: [struct] }], [])]
})

/** Updates that wait for a first one that never comes. */
const missingClocks = fc.record({ count: fc.integer({ min: 1, max: 40 }), size: fc.integer({ min: 10, max: 8000 }) }).map(({ count, size }) => {
	const doc = new Y.Doc()
	updateOf(doc, () => doc.getMap('records').set('withheld', 1))
	return Array.from({ length: count }, (_, i) => updateOf(doc, () => doc.getMap('records').set(`k${i}`, 'z'.repeat(size))))
})

/** Structs naming wrong parents, neighbours, types and content, with delete sets for unknown clients. */
const content: fc.Arbitrary<[number, (e: encoding.Encoder) => void]> = fc.oneof(
	fc.nat({ max: 5 }).map((len): [number, (e: encoding.Encoder) => void] => [1, (e) => encoding.writeVarUint(e, len)]),
	fc.nat({ max: 12 }).map((ref): [number, (e: encoding.Encoder) => void] => [7, (e) => (encoding.writeVarUint(e, ref), ref === 3 || ref === 5 ? encoding.writeVarString(e, 'p') : undefined)]),
	fc.string({ maxLength: 5 }).map((s): [number, (e: encoding.Encoder) => void] => [4, (e) => encoding.writeVarString(e, s)]),
	fc.jsonValue({ maxDepth: 3 }).map((v): [number, (e: encoding.Encoder) => void] => [8, (e) => (encoding.writeVarUint(e, 1), encoding.writeAny(e, v as never))]),
	fc.nat({ max: 3 }).map((len): [number, (e: encoding.Encoder) => void] => [0, (e) => encoding.writeVarUint(e, len)]),
	fc.nat({ max: 3 }).map((len): [number, (e: encoding.Encoder) => void] => [10, (e) => encoding.writeVarUint(e, len)]),
	fc.constantFrom(9, 11, 20, 31).map((ref): [number, (e: encoding.Encoder) => void] => [ref, (e) => encoding.writeVarString(e, 'guid')]),
)
const struct: fc.Arbitrary<Struct> = fc.record({
	origin: fc.option(smallId),
	right: fc.option(smallId),
	parent: fc.option(fc.oneof(fc.constantFrom('records', 'meta', 'text').map((root) => ({ root })), smallId.map((id) => ({ id })))),
	sub: fc.option(fc.constantFrom('k', 'props', 'shape:1')),
	content,
})
const wrongStructs = fc
	.record({
		clients: fc.array(fc.record({ client: fc.oneof(client, fc.constantFrom(1, 2, 3)), clock: fc.nat({ max: 5 }), structs: fc.array(struct, { minLength: 1, maxLength: 6 }) }), { maxLength: 3 }),
		deletes: fc.array(fc.tuple(client, fc.array(fc.tuple(fc.nat({ max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 40 })), { maxLength: 4 })), { maxLength: 4 }),
	})
	.map(({ clients, deletes }) => [encodeUpdate(clients, deletes)])

/** Real updates into the room's canvas whose parent was another type, swapped in: a value's parent pointing at a value. */
const wrongParents = fc.record({ depth: fc.integer({ min: 1, max: 3 }), who: fc.constantFrom(1, 2, 3) }).map(({ depth, who }) => {
	const structs: Struct[] = []
	for (let i = 0; i < depth; i++) {
		structs.push({ origin: null, right: null, parent: i === 0 ? { root: 'records' } : { id: [who, i - 1] }, sub: 'k', content: [8, deepAny(1, true)] })
		structs.push({ origin: null, right: null, parent: { id: [who, structs.length - 1] }, sub: 'inner', content: [7, (e) => encoding.writeVarUint(e, 1)] })
	}
	return [encodeUpdate([{ client: who, clock: 0, structs }], [])]
})

const attack = fc.record({
	updates: fc.oneof(
		{ arbitrary: deepTypes, weight: 3 },
		{ arbitrary: deepValues, weight: 3 },
		{ arbitrary: hugeStrings, weight: 1 },
		{ arbitrary: missingClocks, weight: 2 },
		{ arbitrary: wrongStructs, weight: 5 },
		{ arbitrary: wrongParents, weight: 2 },
	),
	role: fc.constantFrom('participant', 'participant', 'observer') as fc.Arbitrary<'participant' | 'observer'>,
	step: fc.constantFrom(1, 2),
})

function frame(step: number, update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder()
	encoding.writeVarUint(e, 0)
	encoding.writeVarUint(e, step)
	encoding.writeVarUint8Array(e, update)
	return encoding.toUint8Array(e)
}

/** Opens a socket and resolves with its first message, or with its close if it closes first. */
function open(room: string, role: 'participant' | 'observer'): Promise<{ socket: WebSocket; greeted: boolean; code?: number }> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(syncUrl(server.url, room, linkToken(room, role)))
		socket.once('message', () => resolve({ socket, greeted: true }))
		socket.once('close', (code) => resolve({ socket, greeted: false, code }))
		socket.once('error', reject)
	})
}

/** Everything stored for a room, applied: throws if it does not apply, answers the document. */
function storedDoc(room: string): Y.Doc {
	const doc = new Y.Doc()
	for (const update of server.storage!.load(room)) Y.applyUpdate(doc, update)
	return doc
}

/** The deepest nesting of shared types and of values in a document (iterative). */
function depths(doc: Y.Doc): { types: number; values: number } {
	let types = 0
	let values = 0
	for (const structs of doc.store.clients.values()) {
		for (const struct of structs) {
			if (!(struct instanceof Y.Item)) continue
			if (struct.content instanceof Y.ContentType) {
				let depth = 1
				for (let item = struct.content.type._item; item; item = (item.parent as Y.AbstractType<unknown>)._item) depth++
				types = Math.max(types, depth)
			} else if (struct.content instanceof Y.ContentAny) {
				const stack: [unknown, number][] = struct.content.arr.map((v) => [v, 0])
				while (stack.length > 0) {
					const [v, d] = stack.pop()!
					if (typeof v !== 'object' || v === null) continue
					values = Math.max(values, d + 1)
					for (const child of Object.values(v)) stack.push([child, d + 1])
				}
			}
		}
	}
	return { types, values }
}

describe('hostile fuzzing', () => {
	it('survives hostile updates: the process lives, other rooms answer, the room reloads, nothing invalid is stored', async () => {
		const fuzzed = await createRoom(server.url)
		const closes = new Map<number, number>()
		await fc.assert(
			fc.asyncProperty(attack, async ({ updates, role, step }) => {
				const { socket, greeted } = await open(fuzzed, role)
				expect(greeted).toBe(true)
				const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
				for (const update of updates) if (socket.readyState === WebSocket.OPEN) socket.send(frame(step, update))
				// A query-awareness frame is answered while the connection lives: wait for that or the close.
				const answered = new Promise<number>((resolve) => socket.on('message', () => resolve(0)))
				if (socket.readyState === WebSocket.OPEN) socket.send(new Uint8Array([3]))
				const code = await Promise.race([closed, answered])
				closes.set(code, (closes.get(code) ?? 0) + 1)
				expect([0, 1002, 1008, 1009]).toContain(code)
				socket.terminate()
				await closed

				// Another room answers.
				const key = `round-${round++}`
				// Plain values, in a map of their own: the canvas's `records` map keeps only records its schema validates.
				writer.doc.getMap('notes').set(key, key)
				await until(reader.doc, () => reader.doc.getMap('notes').get(key) === key)

				// The fuzzed room unloads (nobody is left in it) and loads again.
				await expect.poll(() => server.sync.isLoaded(fuzzed), { interval: 5 }).toBe(false)
				const again = await open(fuzzed, 'observer')
				expect(again.greeted).toBe(true)
				again.socket.terminate()

				// What is stored applies, within the budgets.
				const stored = depths(storedDoc(fuzzed))
				expect(stored.types).toBeLessThanOrEqual(MAX_TYPE_DEPTH)
				expect(stored.values).toBeLessThanOrEqual(MAX_JSON_DEPTH)
			}),
			{ seed, numRuns },
		)
		console.log('closes by code (0: still open):', Object.fromEntries(closes))
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
		expect(server.storage!.integrityCheck()).toBe('ok')
		expect(storedDoc(guarded).getMap('notes').size).toBe(round)
	})
})
