import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DocumentStorage } from '@cyd/sync'
import { connectClient, createRoom, startTestServer, synced, until, type Client } from './helpers.js'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn()
})

function track<T extends Client>(client: T): T {
	cleanup.push(() => client.destroy())
	return client
}

describe('sync through the server', () => {
	it('two stock clients converge, and a third that joins later receives the full state', async () => {
		const server = await startTestServer()
		cleanup.push(() => server.close())
		const room = await createRoom(server.url)
		const a = track(connectClient(server.url, room))
		const b = track(connectClient(server.url, room))
		await Promise.all([synced(a), synced(b)])

		// Plain values, in a map of their own: the canvas's `records` map keeps only records its schema validates.
		a.doc.getMap('notes').set('shape:a', 'from a')
		b.doc.getMap('notes').set('shape:b', 'from b')
		const both = (c: Client) => c.doc.getMap('notes').has('shape:a') && c.doc.getMap('notes').has('shape:b')
		await Promise.all([until(a.doc, () => both(a)), until(b.doc, () => both(b))])
		expect(Y.encodeStateAsUpdate(a.doc)).toEqual(Y.encodeStateAsUpdate(b.doc))

		const c = track(connectClient(server.url, room))
		await synced(c)
		await until(c.doc, () => both(c))
		expect(c.doc.getMap('notes').toJSON()).toEqual({ 'shape:a': 'from a', 'shape:b': 'from b' })
	})

	it('never lets a client complete a sync against an empty document while stored state loads', async () => {
		const first = await startTestServer()
		const room = await createRoom(first.url)
		const writer = connectClient(first.url, room)
		const witness = connectClient(first.url, room)
		await Promise.all([synced(writer), synced(witness)])
		const records = writer.doc.getMap('notes')
		writer.doc.transact(() => {
			for (let i = 0; i < 2000; i++) records.set(`shape:${i}`, { x: i, y: i, text: `note ${i}` })
		})
		await until(witness.doc, () => witness.doc.getMap('notes').size === 2000)
		writer.destroy()
		witness.destroy()
		await first.close()

		// The same SQLite file, with a load that takes a while: clients that arrive during it must wait for it.
		let loads = 0
		const server = await startTestServer(
			{ DATA_DIR: first.dataDir },
			{
				wrapStorage: (storage): DocumentStorage => ({
					load: async (name) => {
						if (name.includes('/')) return storage.load(name) // the room's control documents
						loads++
						await new Promise((resolve) => setTimeout(resolve, 300))
						return storage.load(name)
					},
					append: (entries) => storage.append(entries),
					compact: (name, state) => storage.compact(name, state),
				}),
			},
		)
		cleanup.push(() => server.close())
		const sizesAtSync = await Promise.all(
			Array.from({ length: 4 }, async () => {
				const client = track(connectClient(server.url, room))
				await synced(client)
				return client.doc.getMap('notes').size
			}),
		)
		expect(sizesAtSync).toEqual([2000, 2000, 2000, 2000])
		expect(loads).toBe(1)
	})

	it('relays awareness and removes it for a client that disconnects', async () => {
		const server = await startTestServer()
		cleanup.push(() => server.close())
		const room = await createRoom(server.url)
		const a = track(connectClient(server.url, room))
		const b = connectClient(server.url, room)
		await Promise.all([synced(a), synced(b)])
		b.provider.awareness.setLocalStateField('user', { name: 'Bethan', color: '#d33' })
		const bId = b.doc.clientID
		await new Promise<void>((resolve) => {
			const check = () => {
				if ((a.provider.awareness.getStates().get(bId) as { user?: { name: string } } | undefined)?.user?.name !== 'Bethan') return
				a.provider.awareness.off('change', check)
				resolve()
			}
			a.provider.awareness.on('change', check)
			check()
		})
		// Close b's socket without a goodbye, as a crashed tab would: the server removes its presence.
		const socket = b.provider.ws!
		b.provider.shouldConnect = false
		const removed = new Promise<void>((resolve) => {
			a.provider.awareness.on('change', ({ removed }: { removed: number[] }) => {
				if (removed.includes(bId)) resolve()
			})
		})
		;(socket as unknown as { _socket: { destroy(): void } })._socket.destroy()
		await removed
		expect(a.provider.awareness.getStates().has(bId)).toBe(false)
		b.destroy()
	})

	it('persists before it broadcasts: what a client receives is already in the SQLite log', async () => {
		const server = await startTestServer()
		cleanup.push(() => server.close())
		const room = await createRoom(server.url)
		const a = track(connectClient(server.url, room))
		const b = track(connectClient(server.url, room))
		await Promise.all([synced(a), synced(b)])
		const seenOnDisk: boolean[] = []
		b.doc.getMap('notes').observe((event) => {
			for (const key of event.keysChanged) {
				const stored = new Y.Doc()
				for (const update of server.storage!.load(room)) Y.applyUpdate(stored, update)
				seenOnDisk.push(stored.getMap('notes').has(key))
			}
		})
		for (let i = 0; i < 20; i++) a.doc.getMap('notes').set(`shape:${i}`, i)
		await until(b.doc, () => b.doc.getMap('notes').size === 20)
		expect(seenOnDisk.length).toBeGreaterThan(0)
		expect(seenOnDisk.every(Boolean)).toBe(true)
	})

	it('compacts the log into a snapshot and unloads idle documents, keeping everything', async () => {
		const server = await startTestServer({ IDLE_UNLOAD_MS: '20' })
		cleanup.push(() => server.close())
		const room = await createRoom(server.url)
		const a = connectClient(server.url, room)
		const witness = connectClient(server.url, room)
		await Promise.all([synced(a), synced(witness)])
		for (let i = 0; i < 50; i++) a.doc.getMap('notes').set(`shape:${i}`, i)
		await until(witness.doc, () => witness.doc.getMap('notes').size === 50)
		witness.destroy()
		expect(server.storage!.logLength(room)).toBeGreaterThan(0)
		expect(server.sync.isLoaded(room)).toBe(true)
		a.destroy()
		await expect.poll(() => server.sync.isLoaded(room)).toBe(false)
		expect(server.storage!.logLength(room)).toBe(0)

		const b = track(connectClient(server.url, room))
		await synced(b)
		expect(b.doc.getMap('notes').size).toBe(50)
	})
})
