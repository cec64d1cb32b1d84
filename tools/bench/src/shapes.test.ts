import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createShape, editShape, editsIn, seqOf, shapesOf } from './shapes.js'

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
