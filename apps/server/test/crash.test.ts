import { afterEach, describe, expect, it } from 'vitest'
import { SqliteStorage } from '@cyd/storage-sqlite'
import { join } from 'node:path'
import * as Y from 'yjs'
import { connectClient, createRoom, spawnServer, synced, tempDataDir, until, type Client, type ServerProcess } from './helpers.js'

const running: ServerProcess[] = []
afterEach(() => {
	for (const server of running.splice(0)) server.child.kill('SIGKILL')
})

/** Keys a client holds that others wrote (all but its own prefix): these reached it through the server. */
function receivedFromOthers(client: Client, ownPrefix: string): string[] {
	return [...client.doc.getMap('notes').keys()].filter((key) => !key.startsWith(ownPrefix))
}

/** A small seeded PRNG, so that a failing round can be replayed. */
function mulberry32(seed: number): () => number {
	let a = seed >>> 0
	return () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

describe('crash safety', () => {
	it('loses nothing any client received across rounds of SIGKILL at random moments, and the database stays sound', async () => {
		const rounds = Number(process.env.CRASH_ROUNDS ?? 20)
		const seed = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31)
		console.log(`crash test: ${rounds} rounds, seed ${seed} (replay with CRASH_SEED=${seed})`)
		const random = mulberry32(seed)
		const dataDir = tempDataDir()
		let server = await spawnServer(dataDir)
		running.push(server)
		const rooms = [await createRoom(server.url), await createRoom(server.url), await createRoom(server.url)]
		const everReceived = new Map<string, Set<string>>(rooms.map((r) => [r, new Set()]))

		for (let round = 0; round < rounds; round++) {
			const clients = Array.from({ length: 10 }, (_, i) => connectClient(server.url, rooms[i % rooms.length]!))
			await Promise.all(clients.map(synced))
			// Every client writes as fast as the event loop lets it until the server dies.
			let writing = true
			const writers = clients.map(async (client, i) => {
				const notes = client.doc.getMap('notes')
				for (let n = 0; writing; n++) {
					notes.set(`r${round}-c${i}-${n}`, { text: `note ${n} from client ${i}`, x: n, y: i })
					await new Promise((resolve) => setImmediate(resolve))
				}
			})
			// Kill at a random moment: once some client has received a random number of others' updates.
			const threshold = 1 + Math.floor(random() * 150)
			await Promise.race(clients.map((client, i) => until(client.doc, () => receivedFromOthers(client, `r${round}-c${i}-`).length >= threshold)))
			server.child.kill('SIGKILL')
			await server.exited
			writing = false
			await Promise.all(writers)
			clients.forEach((client, i) => {
				const seen = everReceived.get(rooms[i % rooms.length]!)!
				for (const key of receivedFromOthers(client, `r${round}-c${i}-`)) seen.add(key)
				client.destroy()
			})

			const database = new SqliteStorage({ file: join(dataDir, 'cyd.sqlite') })
			expect(database.integrityCheck()).toBe('ok')
			database.close()

			server = await spawnServer(dataDir)
			running.push(server)
			for (const room of rooms) {
				const reader = connectClient(server.url, room)
				await synced(reader)
				const stored = reader.doc.getMap('notes')
				const missing = [...everReceived.get(room)!].filter((key) => !stored.has(key))
				reader.destroy()
				expect(missing, `round ${round}, room ${room}`).toEqual([])
			}
		}
		const total = [...everReceived.values()].reduce((n, s) => n + s.size, 0)
		console.log(`crash test: ${rounds} SIGKILLs survived, ${total} received updates all present afterwards`)
	}, 120_000) // twenty server starts on a busy 2-core machine: more than the default 30 s budget

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
