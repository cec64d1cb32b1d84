import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { changeRecord, noteRecord, putRecord, seqValue } from './shapes.js'
import { boardOf, canonical, holds, seeded } from './w5.js'

describe("W5's checks", () => {
	it('an edit is held by a document only once the update carrying it is applied', () => {
		const sender = new Y.Doc()
		const other = new Y.Doc()
		putRecord(sender, noteRecord('shape:a', 'bus', 0, 0, 0, { seq: seqValue(1, 1) }))
		Y.applyUpdate(other, Y.encodeStateAsUpdate(sender))
		const before = Y.encodeStateVector(sender)
		expect(changeRecord(sender, 'shape:a', seqValue(1, 2), { x: 40 })).toBe(true)
		const edit = { clientId: sender.clientID, clock: Y.getState(sender.store, sender.clientID) }
		expect(holds(sender, edit)).toBe(true)
		expect(holds(other, edit)).toBe(false)
		expect(boardOf(other)).not.toBe(boardOf(sender))
		Y.applyUpdate(other, Y.encodeStateAsUpdate(sender, before))
		expect(holds(other, edit)).toBe(true)
		expect(boardOf(other)).toBe(boardOf(sender))
	})

	it('boards compare by content, whatever order their keys were written in', () => {
		expect(canonical({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(canonical({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }))
		expect(canonical({ a: 1, b: 2 })).not.toBe(canonical({ a: 1, b: 3 }))
		expect(canonical([1, 2])).not.toBe(canonical([2, 1]))
	})

	it('the phones replay their choices by seed', () => {
		const a = seeded(5)
		const b = seeded(5)
		const c = seeded(6)
		const first = [a(), a(), a()]
		expect([b(), b(), b()]).toEqual(first)
		expect([c(), c(), c()]).not.toEqual(first)
		expect(first.every((x) => x >= 0 && x < 1)).toBe(true)
	})
})
