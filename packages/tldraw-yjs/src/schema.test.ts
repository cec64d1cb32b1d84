import type { SerializedSchemaV2 } from '@tldraw/store'
import type { TLNoteShape, TLShapeId } from '@tldraw/tlschema'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToYDoc } from './binding.js'
import { getMetaMap, getRecordsMap, readAllRecords, readDocSchema, SCHEMA_KEY, writeRecord } from './layout.js'
import { makeNote, makeStore } from './test-support/store.js'

const user = { id: 'u1', name: 'Alice', color: '#d00' }
const NOTE = 'com.tldraw.shape.note'

/** A doc holding one note, written as if by a client whose note schema is at `noteVersion`. */
function docAtNoteVersion(noteVersion: number, props: Record<string, unknown>) {
	const source = makeStore()
	const schema = source.schema.serialize() as SerializedSchemaV2
	const doc = new Y.Doc()
	const note = makeNote({ id: 'shape:old' as TLShapeId, text: 'kept' })
	const rest: Record<string, unknown> = { ...note.props }
	delete rest.textLastEditedBy
	doc.transact(() => {
		const records = getRecordsMap(doc)
		for (const record of Object.values(source.serialize('document'))) writeRecord(records, record)
		writeRecord(records, { ...note, props: { ...rest, ...props } } as Record<string, unknown>)
		getMetaMap(doc).set(SCHEMA_KEY, { ...schema, sequences: { ...schema.sequences, [NOTE]: noteVersion } })
	})
	return { doc, current: source.schema.serialize() as SerializedSchemaV2 }
}

describe('schema of the doc', () => {
	it('migrates an older doc and writes it back in one transaction', () => {
		const current = makeStore().schema.serialize() as SerializedSchemaV2
		const { doc } = docAtNoteVersion((current.sequences[NOTE] ?? 0) - 1, { textFirstEditedBy: 'someone' })
		const origins: unknown[] = []
		doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin))
		const store = makeStore()
		const binding = bindStoreToYDoc({ store, doc, user, log: vi.fn() })

		expect(binding.getState()).toEqual({ status: 'bound' })
		expect(origins).toEqual([binding.origin])
		const note = store.get('shape:old' as TLShapeId) as TLNoteShape
		expect(note.props.textLastEditedBy).toBe('someone')
		const inDoc = readAllRecords(doc)['shape:old'] as { props: Record<string, unknown> }
		expect(inDoc.props.textLastEditedBy).toBe('someone')
		expect('textFirstEditedBy' in inDoc.props).toBe(false)
		expect(readDocSchema(doc)).toEqual(current)
	})

	it('refuses a doc from a newer schema, touching neither the doc nor the store', () => {
		const current = makeStore().schema.serialize() as SerializedSchemaV2
		const { doc } = docAtNoteVersion((current.sequences[NOTE] ?? 0) + 1, { textLastEditedBy: null, fromTheFuture: 1 })
		const before = Y.encodeStateAsUpdate(doc)
		const store = makeStore()
		const storeBefore = store.serialize('document')
		const log = vi.fn()
		const binding = bindStoreToYDoc({ store, doc, user, log })

		expect(binding.getState()).toMatchObject({ status: 'error', reason: 'newer-schema' })
		expect(log).toHaveBeenCalled()
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
		expect(store.serialize('document')).toEqual(storeBefore)
		// and it stays detached
		store.put([makeNote({ id: 'shape:local' as TLShapeId })])
		expect(getRecordsMap(doc).has('shape:local')).toBe(false)
	})

	it('stops syncing when a newer client upgrades the doc while bound', () => {
		const doc = new Y.Doc()
		const store = makeStore()
		const binding = bindStoreToYDoc({ store, doc, user, log: vi.fn() })
		const schema = store.schema.serialize() as SerializedSchemaV2
		const states: string[] = []
		binding.subscribe(() => states.push(binding.getState().status))
		getMetaMap(doc).set(SCHEMA_KEY, { ...schema, sequences: { ...schema.sequences, [NOTE]: (schema.sequences[NOTE] ?? 0) + 1 } })
		expect(states).toEqual(['error'])
		store.put([makeNote({ id: 'shape:local' as TLShapeId })])
		expect(getRecordsMap(doc).has('shape:local')).toBe(false)
	})
})
