import { afterEach, describe, expect, it } from 'vitest'
import type { AddressInfo } from 'node:net'
import WebSocket, { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import * as decoding from 'lib0/decoding'
import { join } from 'node:path'
import { SqliteStorage } from '@cyd/storage-sqlite'
import { BusyGauge, SyncServer, type Access } from '@cyd/sync'
import { tempDataDir } from './helpers.js'

function sqlite(): SqliteStorage {
	const storage = new SqliteStorage({ file: join(tempDataDir(), 'cyd.sqlite') })
	cleanup.push(() => storage.close())
	return storage
}

const cleanup: (() => unknown)[] = []
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn()
})

/** A plain ws server that hands sockets to the core, with access chosen by the `access` query parameter. */
async function serve(sync: SyncServer): Promise<string> {
	const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
	await new Promise((resolve) => wss.once('listening', resolve))
	wss.on('connection', (socket, request) => {
		const url = new URL(request.url ?? '/', 'http://x')
		const access = (url.searchParams.get('access') ?? 'write') as Access
		const connection = sync.connect(socket, url.pathname.slice(1), access)
		socket.on('message', (data: Buffer, isBinary) => connection.receive(isBinary ? new Uint8Array(data) : data.toString()))
		socket.on('close', () => connection.socketClosed())
	})
	cleanup.push(() => new Promise((resolve) => wss.close(resolve)))
	return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`
}

function client(url: string, room: string, access: Access) {
	const doc = new Y.Doc()
	const provider = new WebsocketProvider(url, room, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		params: { access },
	})
	cleanup.push(() => provider.destroy())
	const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()))
	return { doc, provider, synced }
}

describe('read-only connections', () => {
	it('refuse writes with permission-denied, keep the document unchanged, and still sync reads', async () => {
		const storage = sqlite()
		const sync = new SyncServer({ storage })
		cleanup.push(() => sync.close())
		const url = await serve(sync)
		const writer = client(url, 'room-1', 'write')
		const reader = client(url, 'room-1', 'read')
		await Promise.all([writer.synced, reader.synced])
		writer.doc.getMap('records').set('shape:1', 'from writer')
		await new Promise<void>((resolve) => reader.doc.on('update', () => resolve()))
		expect(reader.doc.getMap('records').get('shape:1')).toBe('from writer')

		const denied = new Promise<string>((resolve) => {
			reader.provider.ws!.addEventListener('message', (event: MessageEvent) => {
				const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer))
				if (decoding.readVarUint(decoder) !== 2) return
				decoding.readVarUint(decoder)
				resolve(decoding.readVarString(decoder))
			})
		})
		reader.doc.getMap('records').set('shape:2', 'from reader')
		expect(await denied).toBe('this connection is read-only')
		await sync.flushed()
		const stored = new Y.Doc()
		for (const update of storage.load('room-1')) Y.applyUpdate(stored, update)
		expect(stored.getMap('records').toJSON()).toEqual({ 'shape:1': 'from writer' })
		expect(writer.doc.getMap('records').has('shape:2')).toBe(false)
	})

	it('coalesces a burst of updates into one message per connection per turn', async () => {
		const sync = new SyncServer({ storage: sqlite() })
		cleanup.push(() => sync.close())
		const url = await serve(sync)
		const writer = client(url, 'room-2', 'write')
		const reader = client(url, 'room-2', 'write')
		await Promise.all([writer.synced, reader.synced])
		let frames = 0
		reader.provider.ws!.addEventListener('message', () => frames++)
		const socket = writer.provider.ws!
		// 50 separate update frames written to the socket in one go reach the server in (about) one read.
		const updates: Uint8Array[] = []
		const source = new Y.Doc()
		source.on('update', (u: Uint8Array) => updates.push(u))
		for (let i = 0; i < 50; i++) source.getMap('records').set(`shape:${i}`, i)
		for (const update of updates) {
			socket.send(new Uint8Array([0, 2, ...lengthPrefixed(update)]))
		}
		await new Promise<void>((resolve) => {
			reader.doc.on('update', () => {
				if (reader.doc.getMap('records').size === 50) resolve()
			})
		})
		expect(frames).toBeLessThan(10)
	})
})

describe('presence', () => {
	it('goes out at most once an interval while the server is busy, each client its latest state, while document updates do not wait', async () => {
		const sync = new SyncServer({ storage: sqlite(), awarenessIntervalMs: 3000, presencePacing: () => true })
		cleanup.push(() => sync.close())
		const url = await serve(sync)
		const writer = client(url, 'room-3', 'write')
		const reader = client(url, 'room-3', 'write')
		await Promise.all([writer.synced, reader.synced])
		const cursorOf = () => (reader.provider.awareness.getStates().get(writer.doc.clientID) as { cursor?: number } | undefined)?.cursor
		const seen: (number | undefined)[] = []
		reader.provider.awareness.on('change', () => seen.push(cursorOf()))
		const arrives = (cursor: number) =>
			new Promise<void>((resolve) => reader.provider.awareness.on('change', () => cursorOf() === cursor && resolve()))
		// The first change goes out at once and starts the interval.
		writer.provider.awareness.setLocalStateField('cursor', 1)
		await arrives(1)
		// Three moves within the interval, then an edit: the edit arrives while the reader still sees move 1.
		for (const cursor of [2, 3, 4]) writer.provider.awareness.setLocalStateField('cursor', cursor)
		const edited = new Promise<void>((resolve) => reader.doc.on('update', () => resolve()))
		writer.doc.getMap('records').set('shape:a', 1)
		await edited
		expect(cursorOf()).toBe(1)
		// Once the interval is over, only the latest move arrives.
		await arrives(4)
		expect(seen).toEqual([1, 4])
	})

	it('goes out at once, every move, while the server is not busy', async () => {
		const sync = new SyncServer({ storage: sqlite(), awarenessIntervalMs: 3000, presencePacing: () => false })
		cleanup.push(() => sync.close())
		const url = await serve(sync)
		const writer = client(url, 'room-4', 'write')
		const reader = client(url, 'room-4', 'write')
		await Promise.all([writer.synced, reader.synced])
		const cursorOf = () => (reader.provider.awareness.getStates().get(writer.doc.clientID) as { cursor?: number } | undefined)?.cursor
		const seen: (number | undefined)[] = []
		reader.provider.awareness.on('change', () => seen.push(cursorOf()))
		const arrives = (cursor: number) =>
			new Promise<void>((resolve) => reader.provider.awareness.on('change', () => cursorOf() === cursor && resolve()))
		// Each move waits for the one before it to arrive: none is held back for the 3 s interval.
		for (const cursor of [1, 2, 3, 4]) {
			writer.provider.awareness.setLocalStateField('cursor', cursor)
			await arrives(cursor)
		}
		expect(seen).toEqual([1, 2, 3, 4])
	})
})

describe('the busy gauge', () => {
	it('is busy above 0.5 of the event loop’s time and idle again only below 0.3', () => {
		const gauge = new BusyGauge()
		cleanup.push(() => gauge.stop())
		const states = [0.2, 0.45, 0.6, 0.45, 0.31, 0.29, 0.55].map((u) => (gauge.observe(u), gauge.busy))
		expect(states).toEqual([false, false, true, true, true, false, true])
	})
})

function lengthPrefixed(bytes: Uint8Array): number[] {
	const out: number[] = []
	let n = bytes.length
	while (n > 0x7f) {
		out.push((n & 0x7f) | 0x80)
		n >>>= 7
	}
	out.push(n)
	return [...out, ...bytes]
}
