import { afterEach, describe, expect, it } from 'vitest'
import { SqliteStorage } from '@cyd/storage-sqlite'
import { join } from 'node:path'
import * as Y from 'yjs'
import { connectClient, createRoom, spawnServer, synced, tempDataDir, until, type Client, type ServerProcess } from './helpers.js'

const running: ServerProcess[] = []
afterEach(() => {
	for (const server of running.splice(0)) server.child.kill('SIGKILL')
})

/** Keys a client holds that other clients wrote: these reached it through the server. */
function receivedFromOthers(client: Client, index: number): string[] {
	return [...client.doc.getMap('notes').keys()].filter((key) => !key.startsWith(`c${index}-`))
}

describe('crash safety', () => {
	it('loses nothing any client received when the server is killed with SIGKILL mid-stream', async () => {
		const dataDir = tempDataDir()
		const first = await spawnServer(dataDir)
		running.push(first)
		const rooms = [await createRoom(first.url), await createRoom(first.url)]
		const clients = Array.from({ length: 10 }, (_, i) => connectClient(first.url, rooms[i % 2]!))
		await Promise.all(clients.map(synced))

		// Every client writes as fast as the event loop lets it until the server dies.
		let writing = true
		const writers = clients.map(async (client, i) => {
			const notes = client.doc.getMap('notes')
			for (let n = 0; writing; n++) {
				notes.set(`c${i}-${n}`, { text: `note ${n} from client ${i}`, x: n, y: i })
				await new Promise((resolve) => setImmediate(resolve))
			}
		})
		// Kill once every client has received a good number of others' updates.
		await Promise.all(clients.map((client, i) => until(client.doc, () => receivedFromOthers(client, i).length >= 200)))
		first.child.kill('SIGKILL')
		await first.exited
		writing = false
		await Promise.all(writers)
		const received = clients.map((client, i) => ({ room: rooms[i % 2]!, keys: receivedFromOthers(client, i) }))
		for (const client of clients) client.destroy()

		const database = new SqliteStorage({ file: join(dataDir, 'cyd.sqlite') })
		expect(database.integrityCheck()).toBe('ok')
		database.close()

		const second = await spawnServer(dataDir)
		running.push(second)
		for (const room of rooms) {
			const reader = connectClient(second.url, room)
			await synced(reader)
			const stored = new Set(reader.doc.getMap('notes').keys())
			const missing = received.filter((r) => r.room === room).flatMap((r) => r.keys.filter((key) => !stored.has(key)))
			expect(missing).toEqual([])
			expect(stored.size).toBeGreaterThanOrEqual(200)
			reader.destroy()
		}
	})

	it('flushes everything and exits cleanly on SIGTERM', async () => {
		const dataDir = tempDataDir()
		const first = await spawnServer(dataDir)
		running.push(first)
		const room = await createRoom(first.url)
		const writer = connectClient(first.url, room)
		const witness = connectClient(first.url, room)
		await Promise.all([synced(writer), synced(witness)])
		writer.doc.transact(() => {
			for (let i = 0; i < 300; i++) writer.doc.getMap('notes').set(`n${i}`, i)
		})
		await until(witness.doc, () => witness.doc.getMap('notes').size === 300)
		first.child.kill('SIGTERM')
		expect(await first.exited).toBe(0)
		writer.destroy()
		witness.destroy()

		const database = new SqliteStorage({ file: join(dataDir, 'cyd.sqlite') })
		// A clean shutdown writes every open document out as one snapshot and empties its log.
		expect(database.logLength(room)).toBe(0)
		const stored = database.load(room)
		database.close()
		expect(stored).toHaveLength(1)
		const doc = new Y.Doc()
		Y.applyUpdate(doc, stored[0]!)
		expect(doc.getMap('notes').size).toBe(300)
	})
})
