import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { changeRecord, createShape, editShape, editsIn, noteRecord, putRecord, recordsOf, seqOf, seqValue, shapesOf } from './shapes.js'

function changesOf(doc: Y.Doc, change: () => void): Uint8Array {
	const before = Y.encodeStateVector(doc)
	change()
	return Y.encodeStateAsUpdate(doc, before)
}

describe('finding edits in raw updates', () => {
	it('finds every edit of a merged update by its owner, and the same as a document that applies it', () => {
		const a = new Y.Doc()
		const b = new Y.Doc()
		createShape(a, 'shape:a', 3, 0)
		createShape(b, 'shape:b', 250, 1)
		const fromA = changesOf(a, () => editShape(a, 'shape:a', 3, 7))
		const fromB = changesOf(b, () => editShape(b, 'shape:b', 250, 123_456))
		const merged = Y.mergeUpdates([fromA, fromB])
		expect(editsIn(merged).sort((x, y) => x.owner - y.owner)).toEqual([
			{ owner: 3, seq: 7 },
			{ owner: 250, seq: 123_456 },
		])
		// A reader that applies the whole state sees the same values under `seq`.
		const reader = new Y.Doc()
		Y.applyUpdate(reader, Y.encodeStateAsUpdate(a))
		Y.applyUpdate(reader, Y.encodeStateAsUpdate(b))
		expect(seqOf(shapesOf(reader).get('shape:a')!.get('seq'))).toEqual({ owner: 3, seq: 7 })
		expect(seqOf(shapesOf(reader).get('shape:b')!.get('seq'))).toEqual({ owner: 250, seq: 123_456 })
	})

	it('finds nothing in updates without edits, and no edit in the text of labels', () => {
		const doc = new Y.Doc()
		const update = changesOf(doc, () => {
			shapesOf(doc).set('shape:x', new Y.Map())
			doc.getMap('other').set('note', 'seq 1 2 written as text, not as an edit')
		})
		expect(editsIn(update)).toEqual([])
		expect(seqOf('seq 1 2 written as text')).toBeNull()
		expect(seqOf('seq -1 0')).toEqual({ owner: -1, seq: 0 })
		expect(seqOf(12)).toBeNull()
	})
})

describe('W5 notes in the canvas records', () => {
	it("finds a note's creation and later changes by the seq in its nested meta map, and the record reads as written", () => {
		const doc = new Y.Doc()
		const created = changesOf(doc, () => doc.transact(() => putRecord(doc, noteRecord('shape:n1', 'Later buses', 5, 10, 20, { seat: 's1', seq: seqValue(31, 1) }))))
		expect(editsIn(created)).toEqual([{ owner: 31, seq: 1 }])
		const moved = changesOf(doc, () => expect(changeRecord(doc, 'shape:n1', seqValue(31, 2), { x: 300 }, { color: 'blue' })).toBe(true))
		expect(editsIn(moved)).toEqual([{ owner: 31, seq: 2 }])
		const reader = new Y.Doc()
		Y.applyUpdate(reader, Y.mergeUpdates([created, moved]))
		const record = recordsOf(reader).get('shape:n1')!.toJSON() as { x: number; index: string; props: { color: string }; meta: Record<string, unknown> }
		expect(record.x).toBe(300)
		expect(record.props.color).toBe('blue')
		expect(record.meta).toEqual({ seat: 's1', seq: 'seq 31 2' })
		// tldraw's index: integer part a1, a fraction that does not end in 0.
		expect(record.index).toMatch(/^a1[0-9a-z]*[1-9A-Za-z]$/)
		expect(changeRecord(doc, 'shape:missing', seqValue(31, 3), { x: 1 })).toBe(false)
	})
})
