import * as encoding from 'lib0/encoding'
import { Awareness } from 'y-protocols/awareness'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { awarenessStates, cursorSentTimes } from './client.js'

/** An awareness message as each protocol frames it, carrying the states of `awarenesses`. */
function frame(protocol: 'y-websocket' | 'hocuspocus', awarenesses: Awareness[]): Uint8Array {
	const encoder = encoding.createEncoder()
	if (protocol === 'hocuspocus') encoding.writeVarString(encoder, 'room')
	encoding.writeVarUint(encoder, 1)
	// One message with every client's state: the count, then each entry, as a server's batch carries them.
	const body = encoding.createEncoder()
	encoding.writeVarUint(body, awarenesses.length)
	for (const a of awarenesses) {
		encoding.writeVarUint(body, a.clientID)
		encoding.writeVarUint(body, a.meta.get(a.clientID)!.clock)
		encoding.writeVarString(body, JSON.stringify(a.getLocalState()))
	}
	encoding.writeVarUint8Array(encoder, encoding.toUint8Array(body))
	return encoding.toUint8Array(encoder)
}

describe('cursor times', () => {
	for (const protocol of ['y-websocket', 'hocuspocus'] as const) {
		it(`reads each other client's cursor send time from a ${protocol} awareness message, not the receiver's own`, () => {
			const people = [1, 2, 3].map(() => new Awareness(new Y.Doc()))
			people.forEach((a, i) => a.setLocalState({ user: { name: `P${i}` }, cursor: { x: 5, y: 6, type: 'default', rotation: 0, t: 1000.25 + i } }))
			const message = frame(protocol, people)
			const times: number[] = []
			cursorSentTimes(message, protocol, people[1]!.clientID, (t) => times.push(t))
			expect(times).toEqual([1000.25, 1002.25])
			expect(awarenessStates(message, protocol, people[1]!.clientID)).toBe(2)
		})
	}

	it('reads nothing from a message that is not presence, or from a state without a time', () => {
		const times: number[] = []
		cursorSentTimes(new Uint8Array([0, 2, 1, 0]), 'y-websocket', 1, (t) => times.push(t))
		const silent = new Awareness(new Y.Doc())
		silent.setLocalState({ cursor: { x: 1, y: 2 } })
		cursorSentTimes(frame('y-websocket', [silent]), 'y-websocket', 0, (t) => times.push(t))
		expect(times).toEqual([])
	})
})
