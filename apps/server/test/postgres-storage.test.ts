import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PostgresStorage } from '@cyd/storage-postgres'
import { createDatabase, type TestDatabase } from './services.js'

let database: TestDatabase
const stores: PostgresStorage[] = []

beforeAll(async () => {
	database = await createDatabase()
})
afterAll(async () => {
	for (const store of stores) await store.close()
	await database.drop()
})

async function open(): Promise<PostgresStorage> {
	const store = await PostgresStorage.open({ url: database.url, poolSize: 4 })
	stores.push(store)
	return store
}

describe('PostgreSQL storage', () => {
	it('migrates once when several processes start together', async () => {
		const [a, b, c] = await Promise.all([open(), open(), open()])
		await a.createRoom({ id: 'room-abcdef', title: 'Parks', language: 'cy', createdAt: '2026-11-22T10:00:00.000Z' })
		expect(await b.getRoom('room-abcdef')).toEqual({ id: 'room-abcdef', title: 'Parks', language: 'cy', createdAt: '2026-11-22T10:00:00.000Z' })
		expect(await c.getRoom('nosuchroom')).toBeNull()
	})

	it('never loses a logged update when two processes append while one compacts', async () => {
		const [a, b] = [await open(), await open()]
		const docA = new Y.Doc()
		const docB = new Y.Doc()
		const appendsOf = (doc: Y.Doc, store: PostgresStorage, prefix: string) => {
			const pending: Promise<void>[] = []
			doc.on('update', (update: Uint8Array) => pending.push(store.append([{ document: 'doc-1', update }])))
			for (let i = 0; i < 200; i++) doc.getMap('notes').set(`${prefix}${i}`, i)
			return pending
		}
		// A compacts with only its own state while B's appends race it: B's entries must survive in the snapshot or the log.
		const racing = [...appendsOf(docA, a, 'a'), ...appendsOf(docB, b, 'b')]
		const compactions = [1, 2, 3].map(() => a.compact('doc-1', Y.encodeStateAsUpdate(docA)))
		await Promise.all([...racing, ...compactions])

		const loaded = new Y.Doc()
		for (const update of await b.load('doc-1')) Y.applyUpdate(loaded, update)
		expect(loaded.getMap('notes').size).toBe(400)
		await a.compact('doc-1', Y.encodeStateAsUpdate(docA))
		expect(await a.logLength('doc-1')).toBe(0)
		const compacted = await a.load('doc-1')
		expect(compacted).toHaveLength(1)
		const fromSnapshot = new Y.Doc()
		Y.applyUpdate(fromSnapshot, compacted[0]!)
		expect(fromSnapshot.getMap('notes').size).toBe(400)
	})
})
