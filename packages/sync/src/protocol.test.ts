import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MESSAGE_AWARENESS, encodeAwarenessEntries, encodeAwarenessEntry } from './protocol.js'

/** What y-protocols makes for the same clients, framed as a y-websocket awareness message. */
function stock(awareness: awarenessProtocol.Awareness, ids: number[]): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, ids))
	return encoding.toUint8Array(encoder)
}

function entries(awareness: awarenessProtocol.Awareness, ids: number[]): Uint8Array[] {
	return ids.map((id) => encodeAwarenessEntry(id, awareness.meta.get(id)!.clock, awareness.getStates().get(id)))
}

describe('awareness messages made of entries encoded once', () => {
	it('are byte for byte the stock encoding, for any subset of clients, removed ones included', () => {
		const server = new awarenessProtocol.Awareness(new Y.Doc())
		server.setLocalState(null)
		const ids: number[] = []
		// Enough clients, and a long enough state, that the counts and lengths take more than one byte.
		for (let i = 0; i < 150; i++) {
			const client = new awarenessProtocol.Awareness(new Y.Doc())
			client.setLocalState({ user: { name: `Person ${i} ${'é'.repeat(i)}` }, cursor: { x: i * 3.5, y: -i } })
			client.setLocalStateField('cursor', { x: i, y: i })
			awarenessProtocol.applyAwarenessUpdate(server, awarenessProtocol.encodeAwarenessUpdate(client, [client.clientID]), 'test')
			ids.push(client.clientID)
		}
		awarenessProtocol.removeAwarenessStates(server, [ids[3]!, ids[140]!], 'test')
		for (const subset of [ids, ids.slice(0, 1), ids.slice(2, 5), ids.filter((_, i) => i % 2 === 1), []]) {
			expect(encodeAwarenessEntries(entries(server, subset))).toEqual(stock(server, subset))
		}
		// And a client applies it as it would the stock message.
		const reader = new awarenessProtocol.Awareness(new Y.Doc())
		const decoder = decoding.createDecoder(encodeAwarenessEntries(entries(server, ids)))
		expect(decoding.readVarUint(decoder)).toBe(MESSAGE_AWARENESS)
		awarenessProtocol.applyAwarenessUpdate(reader, decoding.readVarUint8Array(decoder), 'server')
		expect(reader.getStates().size).toBe(1 + 148)
		expect(reader.getStates().get(ids[7]!)).toEqual({ user: { name: `Person 7 ${'é'.repeat(7)}` }, cursor: { x: 7, y: 7 } })
		expect(reader.getStates().has(ids[3]!)).toBe(false)
	})
})

