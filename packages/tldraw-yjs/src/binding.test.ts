import { HistoryManager } from '@tldraw/editor'
import { toRichText, type TLNoteShape, type TLShapeId } from '@tldraw/tlschema'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToYDoc } from './binding.js'
import { getRecordsMap, readAllRecords, readDocSchema } from './layout.js'
import { canonical, documentRecords, makeNote, makeStore } from './test-support/store.js'
import { connectDocs, NETWORK, syncDocs } from './test-support/sync.js'

const user = { id: 'u1', name: 'Alice', color: '#d00' }

function client(doc = new Y.Doc()) {
	const store = makeStore()
	const log = vi.fn()
	const binding = bindStoreToYDoc({ store, doc, user, log })
	return { store, doc, binding, log }
}

function note(store: ReturnType<typeof makeStore>, id: string): TLNoteShape {
	const shape = store.get(id as TLShapeId)
	if (!shape) throw new Error(`no ${id} in the store`)
	return shape as TLNoteShape
}

const noteText = (shape: TLNoteShape) => JSON.stringify(shape.props.richText)

describe('bindStoreToYDoc', () => {
	it('writes the store into an empty doc, with the schema', () => {
		const { store, doc } = client()
		const inDoc = readAllRecords(doc)
		expect(Object.keys(inDoc).sort()).toEqual(Object.keys(documentRecords(store)).sort())
		expect(inDoc['page:page']).toMatchObject({ typeName: 'page', name: 'Page 1' })
		expect(readDocSchema(doc)).toEqual(store.schema.serialize())
		// props and meta are nested maps, other fields plain values
		const page = getRecordsMap(doc).get('page:page')
		expect(page?.get('meta')).toBeInstanceOf(Y.Map)
		expect(typeof page?.get('name')).toBe('string')
	})

	it('keeps local changes out of the doc while it may not write', () => {
		const doc = new Y.Doc()
		const writer = client(doc)
		let writable = false
		const store = makeStore()
		bindStoreToYDoc({ store, doc, user, canWrite: () => writable })
		store.put([makeNote({ id: 'shape:quiet' as TLShapeId, text: 'not sent' })])
		expect(readAllRecords(doc)).not.toHaveProperty('shape:quiet')
		// remote changes still arrive
		writer.store.put([makeNote({ id: 'shape:remote' as TLShapeId, text: 'from a writer' })])
		expect(store.has('shape:remote' as TLShapeId)).toBe(true)
		writable = true
		store.put([makeNote({ id: 'shape:later' as TLShapeId, text: 'sent' })])
		expect(readAllRecords(doc)).toHaveProperty('shape:later')
	})

	it('lets a doc that has records win over the store', () => {
		const a = client()
		a.store.put([makeNote({ id: 'shape:n1' as TLShapeId, text: 'from a' })])
		const doc = new Y.Doc()
		syncDocs(a.doc, doc)
		const b = makeStore()
		b.put([makeNote({ id: 'shape:only-b' as TLShapeId })])
		bindStoreToYDoc({ store: b, doc, user })
		expect(b.has('shape:only-b' as TLShapeId)).toBe(false)
		expect(canonical(documentRecords(b))).toBe(canonical(documentRecords(a.store)))
	})

	it('writes each user change in one transaction tagged with its own origin, only the changed fields', () => {
		const { store, doc, binding } = client()
		store.put([makeNote({ id: 'shape:n1' as TLShapeId, text: 'hi' })])
		const origins: unknown[] = []
		const changedKeys: string[] = []
		doc.on('afterTransaction', (tr: Y.Transaction) => {
			origins.push(tr.origin)
			tr.changed.forEach((keys) => keys.forEach((k) => k !== null && changedKeys.push(k)))
		})
		store.update('shape:n1' as TLShapeId, (r) => ({ ...r, x: 10, y: 20 }))
		expect(origins).toEqual([binding.origin])
		expect(changedKeys.sort()).toEqual(['x', 'y'])
	})

	it('keeps both a move and a concurrent text edit of one note (field-level merge)', () => {
		const a = client()
		const b = client()
		syncDocs(a.doc, b.doc)
		a.store.put([makeNote({ id: 'shape:n1' as TLShapeId, x: 0, y: 0, text: 'before' })])
		syncDocs(a.doc, b.doc)
		expect(b.store.has('shape:n1' as TLShapeId)).toBe(true)

		// concurrently, offline from each other
		a.store.update('shape:n1' as TLShapeId, (r) => ({ ...r, x: 300, y: 150 }))
		b.store.update('shape:n1' as TLShapeId, (r) => ({ ...r, props: { ...(r as TLNoteShape).props, richText: toRichText('after') } }) as TLNoteShape)
		syncDocs(a.doc, b.doc)

		for (const { store } of [a, b]) {
			const shape = note(store, 'shape:n1')
			expect([shape.x, shape.y]).toEqual([300, 150])
			expect(noteText(shape)).toBe(JSON.stringify(toRichText('after')))
		}
		expect(canonical(documentRecords(a.store))).toBe(canonical(documentRecords(b.store)))
	})

	it('does not echo remote changes back into the doc', () => {
		const a = client()
		const b = client()
		syncDocs(a.doc, b.doc)
		const bOrigins: unknown[] = []
		b.doc.on('afterTransaction', (tr: Y.Transaction) => bOrigins.push(tr.origin))
		const bUserChanges = vi.fn()
		b.store.listen(bUserChanges, { source: 'user', scope: 'document' })
		const bRemoteChanges = vi.fn()
		b.store.listen(bRemoteChanges, { source: 'remote', scope: 'document' })

		const disconnect = connectDocs(a.doc, b.doc)
		bOrigins.length = 0
		a.store.put([makeNote({ id: 'shape:n1' as TLShapeId })])
		a.store.update('shape:n1' as TLShapeId, (r) => ({ ...r, x: 42 }))
		disconnect()

		expect(note(b.store, 'shape:n1').x).toBe(42)
		expect(bRemoteChanges).toHaveBeenCalled()
		expect(bUserChanges).not.toHaveBeenCalled()
		// only the two network transactions: the binding wrote nothing back
		expect(bOrigins).toEqual([NETWORK, NETWORK])
	})

	it('skips remote records that fail validation and keeps syncing', () => {
		const a = client()
		const other = new Y.Doc()
		syncDocs(a.doc, other)
		const records = getRecordsMap(other)
		other.transact(() => {
			const bad = new Y.Map<unknown>()
			bad.set('id', 'shape:bad')
			bad.set('typeName', 'shape')
			bad.set('type', 'note')
			bad.set('x', 'not a number')
			records.set('shape:bad', bad)
		})
		syncDocs(a.doc, other)
		expect(a.store.has('shape:bad' as TLShapeId)).toBe(false)
		expect(a.log).toHaveBeenCalled()

		const b = client(other)
		b.store.put([makeNote({ id: 'shape:good' as TLShapeId })])
		syncDocs(a.doc, b.doc)
		expect(a.store.has('shape:good' as TLShapeId)).toBe(true)
		expect(a.binding.getState()).toEqual({ status: 'bound' })
	})

	it('leaves undo per person: my undo never undoes your note', () => {
		const a = client()
		const b = client()
		const disconnect = connectDocs(a.doc, b.doc)
		const history = new HistoryManager({ store: a.store })
		a.store.put([makeNote({ id: 'shape:mine' as TLShapeId })])
		b.store.put([makeNote({ id: 'shape:yours' as TLShapeId })])
		b.store.update('shape:mine' as TLShapeId, (r) => ({ ...r, x: 99 }))
		expect(history.getNumUndos()).toBe(1) // my creation; nothing of b's
		history.undo()
		disconnect()
		for (const { store } of [a, b]) {
			expect(store.has('shape:mine' as TLShapeId)).toBe(false)
			expect(store.has('shape:yours' as TLShapeId)).toBe(true)
		}
		history.dispose()
	})

	it('stops syncing on dispose', () => {
		const a = client()
		const b = client()
		const disconnect = connectDocs(a.doc, b.doc)
		b.binding.dispose()
		a.store.put([makeNote({ id: 'shape:n1' as TLShapeId })])
		expect(b.store.has('shape:n1' as TLShapeId)).toBe(false)
		b.store.put([makeNote({ id: 'shape:n2' as TLShapeId })])
		expect(a.store.has('shape:n2' as TLShapeId)).toBe(false)
		expect(b.binding.getState()).toEqual({ status: 'disposed' })
		disconnect()
	})

	it('with scheduleRemote, applies a burst of remote changes as one store change, keeping a local edit made meanwhile', () => {
		const a = client()
		const queue: Array<() => void> = []
		const store = makeStore()
		const doc = new Y.Doc()
		const binding = bindStoreToYDoc({ store, doc, user, scheduleRemote: (apply) => queue.push(apply) })
		const disconnect = connectDocs(a.doc, doc)
		a.store.put([makeNote({ id: 'shape:n1' as TLShapeId, x: 0, y: 0, text: 'first' })])
		expect(queue).toHaveLength(1)
		queue.shift()!()
		expect(note(store, 'shape:n1').x).toBe(0)

		const remoteChanges = vi.fn()
		store.listen(remoteChanges, { source: 'remote', scope: 'document' })
		// Three remote moves and a remote text edit arrive; nothing is applied until the scheduler says so.
		for (const x of [10, 20, 30]) a.store.update('shape:n1' as TLShapeId, (r) => ({ ...r, x }))
		a.store.update('shape:n1' as TLShapeId, (r) => ({ ...r, props: { ...(r as TLNoteShape).props, richText: toRichText('second') } }) as TLNoteShape)
		expect(queue).toHaveLength(1)
		expect(note(store, 'shape:n1').x).toBe(0)
		// Meanwhile this person moves it down: their y reaches the doc at once and survives the apply.
		store.update('shape:n1' as TLShapeId, (r) => ({ ...r, y: 99 }))
		queue.shift()!()
		expect(remoteChanges).toHaveBeenCalledTimes(1)
		const shape = note(store, 'shape:n1')
		expect([shape.x, shape.y]).toEqual([30, 99])
		expect(noteText(shape)).toBe(JSON.stringify(toRichText('second')))
		expect(note(a.store, 'shape:n1').y).toBe(99)
		expect(canonical(documentRecords(a.store))).toBe(canonical(documentRecords(store)))

		// What is still gathered when the binding is disposed is dropped.
		a.store.update('shape:n1' as TLShapeId, (r) => ({ ...r, x: 500 }))
		binding.dispose()
		queue.shift()!()
		expect(note(store, 'shape:n1').x).toBe(30)
		disconnect()
	})
})
