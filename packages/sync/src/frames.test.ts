import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Connection } from './connection.js'
import { encodeSyncUpdate } from './protocol.js'
import { Room } from './room.js'
import { DEFAULT_LIMITS } from './server.js'

/** A room with `count` started connections, each keeping the frames it is sent. */
async function roomWith(count: number) {
	const room = new Room('frames', () => [], () => undefined, () => 0, DEFAULT_LIMITS)
	await room.ready
	const sent = new Map<Connection, Uint8Array[]>()
	const connections = Array.from({ length: count }, (_, i) => {
		const frames: Uint8Array[] = []
		const socket = { send: (data: Uint8Array) => frames.push(data), close: () => undefined }
		const connection = new Connection(i, room, socket, 'write', null, DEFAULT_LIMITS, { received: () => undefined, sent: () => undefined, closed: () => undefined })
		room.connections.add(connection)
		connection.start()
		frames.length = 0
		sent.set(connection, frames)
		return connection
	})
	return { room, connections, framesOf: (c: Connection) => sent.get(c)! }
}

/** One client's change, as the update it sends. */
function edit(doc: Y.Doc, key: string): Uint8Array {
	let update: Uint8Array | null = null
	doc.once('update', (u: Uint8Array) => (update = u))
	doc.getMap('records').set(key, key)
	return update!
}

/** What a client holds after applying `frames` (sync update messages). */
function applied(frames: Uint8Array[]): string[] {
	const doc = new Y.Doc()
	for (const frame of frames) {
		const decoder = decoding.createDecoder(frame)
		expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, 2])
		Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
	}
	return [...doc.getMap('records').keys()].sort()
}

describe("a flush's update frames", () => {
	it('in a small room, go one per update, as written: nobody gets its own, nobody gets a merge', async () => {
		const { room, connections, framesOf } = await roomWith(4)
		const [a, b, c, d] = connections as [Connection, Connection, Connection, Connection]
		const fromA = edit(new Y.Doc(), 'shape:a')
		const fromB = edit(new Y.Doc(), 'shape:b')
		room.applyClientUpdate(fromA, a)
		room.applyClientUpdate(fromB, b)
		room.takeBatch(false).deliver()
		expect(framesOf(a)).toEqual([encodeSyncUpdate(fromB)])
		expect(framesOf(b)).toEqual([encodeSyncUpdate(fromA)])
		for (const reader of [c, d]) expect(framesOf(reader)).toEqual([encodeSyncUpdate(fromA), encodeSyncUpdate(fromB)])
	})

	it('are merged into one for those who wrote nothing when they are many, or when the updates are a burst', async () => {
		const big = await roomWith(20)
		const writer = big.connections[0]!
		const source = new Y.Doc()
		big.room.applyClientUpdate(edit(source, 'shape:1'), writer)
		big.room.applyClientUpdate(edit(source, 'shape:2'), writer)
		big.room.takeBatch(false).deliver()
		expect(big.framesOf(writer)).toEqual([])
		for (const reader of big.connections.slice(1)) {
			expect(big.framesOf(reader)).toHaveLength(1)
			expect(applied(big.framesOf(reader))).toEqual(['shape:1', 'shape:2'])
		}

		const small = await roomWith(3)
		const [w, r] = small.connections as [Connection, Connection]
		const burst = new Y.Doc()
		for (let i = 0; i < 8; i++) small.room.applyClientUpdate(edit(burst, `shape:${i}`), w)
		small.room.takeBatch(false).deliver()
		expect(small.framesOf(r)).toHaveLength(1)
		expect(applied(small.framesOf(r))).toEqual(Array.from({ length: 8 }, (_, i) => `shape:${i}`).sort())
	})

	it('hold a change the server makes in answer (a correction) merged with what it answers, for writers and readers alike', async () => {
		const { room, connections, framesOf } = await roomWith(3)
		const [a, b, c] = connections as [Connection, Connection, Connection]
		const fromA = edit(new Y.Doc(), 'shape:refused')
		const fromB = edit(new Y.Doc(), 'shape:b')
		room.applyClientUpdate(fromA, a)
		room.applyClientUpdate(fromB, b)
		// The server takes A's change back in the same turn, as the canvas guard does.
		room.doc.transact(() => room.doc.getMap('records').delete('shape:refused'), Symbol('a correction'))
		room.takeBatch(false).deliver()
		// Nobody else ever holds the refused record, even for a moment: one frame each, already corrected.
		for (const other of [b, c]) {
			expect(framesOf(other)).toHaveLength(1)
			expect(applied(framesOf(other))).not.toContain('shape:refused')
		}
		expect(applied(framesOf(c))).toEqual(['shape:b'])
		expect(framesOf(a)).toHaveLength(1)
	})
})
