import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectClient, createRoom, startTestServer, synced, type Client, until } from './helpers.js'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn()
})

/** Resolves when the server's own awareness state says whether changes are being saved. */
function serverSays(client: Client, saving: boolean): Promise<void> {
	const holds = () => {
		for (const state of client.provider.awareness.getStates().values()) {
			if ((state as { server?: { saving: boolean } }).server?.saving === false) return !saving
		}
		return saving
	}
	return new Promise((resolve) => {
		if (holds()) return resolve()
		const check = () => {
			if (!holds()) return
			client.provider.awareness.off('change', check)
			resolve()
		}
		client.provider.awareness.on('change', check)
	})
}

describe('storage faults', () => {
	it('survives a full disk: SQLite answers SQLITE_FULL, edits wait, and land once there is room', async () => {
		const server = await startTestServer()
		cleanup.push(() => server.close())
		const room = await createRoom(server.url)
		const writer = connectClient(server.url, room)
		const reader = connectClient(server.url, room)
		cleanup.push(() => writer.destroy(), () => reader.destroy())
		await Promise.all([synced(writer), synced(reader)])

		// The database may not grow past the pages it has: the next write that needs a page fails as on a full disk.
		const db = server.storage!.db
		const pages = db.pragma('page_count', { simple: true }) as number
		db.pragma(`max_page_count = ${pages}`)
		writer.doc.getMap('notes').set('while-full', 'x'.repeat(200_000))
		await serverSays(reader, false)
		expect(reader.doc.getMap('notes').has('while-full')).toBe(false)

		db.pragma('max_page_count = 1073741823')
		await serverSays(reader, true)
		await until(reader.doc, () => reader.doc.getMap('notes').has('while-full'))
		const stored = new Y.Doc()
		for (const update of server.storage!.load(room)) Y.applyUpdate(stored, update)
		expect((stored.getMap('notes').get('while-full') as string).length).toBe(200_000)
	})

	it('tells clients their changes are not saved, holds them back, and delivers them once SQLite accepts writes again', async () => {
		const server = await startTestServer()
		cleanup.push(() => server.close())
		const room = await createRoom(server.url)
		const writer = connectClient(server.url, room)
		const reader = connectClient(server.url, room)
		cleanup.push(() => writer.destroy(), () => reader.destroy())
		await Promise.all([synced(writer), synced(reader)])

		// A real write failure from SQLite: the database refuses writes (SQLITE_READONLY).
		server.storage!.db.pragma('query_only = ON')
		writer.doc.getMap('notes').set('during-fault', 'kept')
		await Promise.all([serverSays(writer, false), serverSays(reader, false)])
		expect(server.sync.saving).toBe(false)
		expect((await fetch(`${server.url}/readyz`)).status).toBe(503)
		// Not stored, so not broadcast.
		expect(reader.doc.getMap('notes').has('during-fault')).toBe(false)

		server.storage!.db.pragma('query_only = OFF')
		await Promise.all([serverSays(writer, true), serverSays(reader, true)])
		await until(reader.doc, () => reader.doc.getMap('notes').has('during-fault'))
		const stored = new Y.Doc()
		for (const update of server.storage!.load(room)) Y.applyUpdate(stored, update)
		expect(stored.getMap('notes').get('during-fault')).toBe('kept')
		expect((await fetch(`${server.url}/readyz`)).status).toBe(200)
	})
})
