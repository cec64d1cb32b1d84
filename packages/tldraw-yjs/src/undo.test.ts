import { toRichText, type TLNoteShape, type TLShapeId } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToYDoc } from './binding.js'
import { makeNote, makeStore } from './test-support/store.js'
import { connectDocs } from './test-support/sync.js'
import { createPersonalUndo } from './undo.js'

function person(name: string, doc: Y.Doc) {
	const store = makeStore()
	const binding = bindStoreToYDoc({ store, doc, user: { id: name, name, color: '#333' }, log: () => undefined })
	const undo = createPersonalUndo(binding, doc, { captureTimeoutMs: 0 })
	return { store, binding, undo }
}

const id = 'shape:n1' as TLShapeId
const get = (store: ReturnType<typeof makeStore>) => store.get(id) as TLNoteShape
const text = (shape: TLNoteShape) => JSON.stringify(shape.props.richText)

describe('personal undo', () => {
	it('undoes only the fields I changed: my move is undone, your later text edit stays', () => {
		const [docA, docB] = [new Y.Doc(), new Y.Doc()]
		connectDocs(docA, docB)
		const alice = person('alice', docA)
		const bob = person('bob', docB)
		alice.store.put([makeNote({ id, x: 0, y: 0, text: 'first' })])
		alice.undo.stopCapturing()

		alice.store.put([{ ...get(alice.store), x: 300, y: 200 }])
		bob.store.put([{ ...get(bob.store), props: { ...get(bob.store).props, richText: toRichText('edited by bob') } }])
		expect(get(alice.store)).toMatchObject({ x: 300, y: 200 })
		expect(text(get(alice.store))).toBe(JSON.stringify(toRichText('edited by bob')))

		expect(alice.undo.undo()).toBe(true)
		for (const store of [alice.store, bob.store]) {
			expect(get(store)).toMatchObject({ x: 0, y: 0 })
			expect(text(get(store))).toBe(JSON.stringify(toRichText('edited by bob')))
		}

		expect(alice.undo.redo()).toBe(true)
		expect(get(bob.store)).toMatchObject({ x: 300, y: 200 })
	})

	it("never undoes someone else's change", () => {
		const [docA, docB] = [new Y.Doc(), new Y.Doc()]
		connectDocs(docA, docB)
		const alice = person('alice', docA)
		const bob = person('bob', docB)
		bob.store.put([makeNote({ id, text: 'bob made this' })])
		expect(alice.store.has(id)).toBe(true)
		expect(alice.undo.canUndo()).toBe(false)
		expect(alice.undo.undo()).toBe(false)
		expect(bob.store.has(id)).toBe(true)
		expect(bob.undo.undo()).toBe(true)
		expect(alice.store.has(id)).toBe(false)
	})
})
