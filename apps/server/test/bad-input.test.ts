import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { connectClient, createRoom, startTestServer, synced, until, type Client, syncUrl, linkToken } from './helpers.js'

type Server = Awaited<ReturnType<typeof startTestServer>>
let server: Server
let quietRoom: string
let observer: Client
let writer: Client
let disconnects = 0

beforeAll(async () => {
	server = await startTestServer({ MAX_MESSAGE_BYTES: String(64 * 1024) })
	quietRoom = await createRoom(server.url)
	writer = connectClient(server.url, quietRoom)
	observer = connectClient(server.url, quietRoom)
	await Promise.all([synced(writer), synced(observer)])
	for (const client of [writer, observer]) {
		client.provider.on('status', ({ status }: { status: string }) => {
			if (status === 'disconnected') disconnects++
		})
	}
})

afterAll(async () => {
	writer.destroy()
	observer.destroy()
	await server.close()
})

/** Opens a raw socket to a room, waits for the server's greeting, sends `frame`, and resolves with the close. */
async function closeFor(room: string, frame: Uint8Array | string): Promise<{ code: number; reason: string }> {
	const socket = new WebSocket(syncUrl(server.url, room))
	await new Promise<void>((resolve, reject) => {
		socket.once('message', () => resolve())
		socket.once('error', reject)
	})
	return new Promise((resolve) => {
		socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
		socket.send(frame)
	})
}

/** A round of edits in the quiet room still reaches the other client. */
async function quietRoomStillWorks(tag: string): Promise<void> {
	// Plain values, in a map of their own: the canvas's `records` map keeps only records its schema validates.
	writer.doc.getMap('notes').set(tag, tag)
	await until(observer.doc, () => observer.doc.getMap('notes').get(tag) === tag)
}

describe('bad input', () => {
	const cases: [string, () => Uint8Array | string, number, RegExp][] = [
		['a truncated varint', () => new Uint8Array([0x80]), 1002, /malformed/],
		['a sync message cut short', () => new Uint8Array([0, 2, 50, 1, 2]), 1002, /malformed/],
		['a sync update that is not a Yjs update', () => new Uint8Array([0, 2, 4, 0xff, 0xff, 0xff, 0xff]), 1002, /malformed/],
		['an absurd length prefix', () => new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1]), 1002, /malformed/],
		['an unknown message type', () => new Uint8Array([7, 1, 2, 3]), 1003, /unknown message type 7/],
		['an unknown sync step', () => new Uint8Array([0, 9, 0]), 1003, /unknown sync message type 9/],
		['a text frame', () => 'hello', 1003, /text frames/],
		['an oversized frame', () => new Uint8Array(100 * 1024), 1009, /exceeds the limit of 65536 bytes/],
	]

	for (const [name, frame, code, reason] of cases) {
		it(`closes the connection for ${name} (${code}) and other rooms carry on`, async () => {
			const room = await createRoom(server.url)
			const closed = await closeFor(room, frame())
			expect(closed.code).toBe(code)
			expect(closed.reason).toMatch(reason)
			await quietRoomStillWorks(name)
			expect(disconnects).toBe(0)
		})
	}

	it('keeps the stored document of a room whose client sent garbage', async () => {
		const room = await createRoom(server.url)
		const a = connectClient(server.url, room)
		const witness = connectClient(server.url, room)
		await Promise.all([synced(a), synced(witness)])
		a.doc.getMap('notes').set('shape:kept', 'kept')
		await until(witness.doc, () => witness.doc.getMap('notes').has('shape:kept'))
		expect((await closeFor(room, new Uint8Array([0, 2, 4, 0xff, 0xff, 0xff, 0xff]))).code).toBe(1002)
		// The room's other clients are untouched and the stored document is intact.
		a.doc.getMap('notes').set('shape:after', 'after')
		await until(witness.doc, () => witness.doc.getMap('notes').has('shape:after'))
		await server.sync.flushed()
		const stored = new Y.Doc()
		for (const update of server.storage!.load(room)) Y.applyUpdate(stored, update)
		expect(stored.getMap('notes').toJSON()).toEqual({ 'shape:kept': 'kept', 'shape:after': 'after' })
		a.destroy()
		witness.destroy()
	})

	it('answers 404 before the upgrade for an unknown or malformed room, saying why', async () => {
		for (const room of ['nosuchroom1', 'bad%20id']) {
			const refusal = await new Promise<{ status: number; type: string | undefined; body: string }>((resolve) => {
				const socket = new WebSocket(syncUrl(server.url, room, linkToken(quietRoom)))
				socket.on('unexpected-response', (_req, res) => {
					let body = ''
					res.setEncoding('utf8')
					res.on('data', (chunk: string) => (body += chunk))
					res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }))
				})
				socket.on('error', () => undefined)
			})
			expect(refusal.status).toBe(404)
			expect(refusal.type).toMatch(/json/)
			expect(JSON.parse(refusal.body)).toMatchObject({ error: 'no such room' })
		}
	})
})
