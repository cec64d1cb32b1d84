import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { DocumentStorage } from '@cyd/sync'
import { connectClient, createRoom, startTestServer, synced, until, syncUrl } from './helpers.js'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn()
})

async function server(env: Record<string, string>, options = {}) {
	const s = await startTestServer(env, options)
	cleanup.push(() => s.close())
	return s
}

type Outcome = { opened: WebSocket } | { status: number }

/** Tries to open a raw socket; answers the open socket (after the server's greeting) or the refusal's HTTP status. */
function attempt(url: string, room: string, headers: Record<string, string> = {}): Promise<Outcome> {
	return new Promise((resolve) => {
		const socket = new WebSocket(syncUrl(url, room), { headers })
		socket.once('message', () => resolve({ opened: socket }))
		socket.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }))
		socket.on('error', () => undefined)
		cleanup.push(() => socket.terminate())
	})
}

function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
	return new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })))
}

describe('limits', () => {
	it('closes a connection that sends more messages a second than allowed (1008)', async () => {
		const s = await server({ MESSAGES_PER_SECOND: '10', MESSAGE_BURST: '20' })
		const room = await createRoom(s.url)
		const outcome = await attempt(s.url, room)
		if (!('opened' in outcome)) throw new Error(`refused: ${outcome.status}`)
		const done = closed(outcome.opened)
		for (let i = 0; i < 100; i++) outcome.opened.send(new Uint8Array([3]))
		expect(await done).toEqual({ code: 1008, reason: 'more than 10 messages a second' })
	})

	it('refuses connections past the per-room cap with 503, and other rooms still admit', async () => {
		const s = await server({ MAX_CONNECTIONS_PER_ROOM: '3', RESERVED_FOR_FACILITATORS: '0' })
		const [full, other] = [await createRoom(s.url), await createRoom(s.url)]
		for (let i = 0; i < 3; i++) expect(await attempt(s.url, full)).toHaveProperty('opened')
		expect(await attempt(s.url, full)).toEqual({ status: 503 })
		expect(await attempt(s.url, other)).toHaveProperty('opened')
	})

	it('caps open connections per address (429) and admits again once one closes', async () => {
		const s = await server({ MAX_CONNECTIONS_PER_IP: '4' })
		const room = await createRoom(s.url)
		const open = await Promise.all(Array.from({ length: 4 }, () => attempt(s.url, room)))
		expect(await attempt(s.url, room)).toEqual({ status: 429 })
		const first = (open[0] as { opened: WebSocket }).opened
		const gone = closed(first)
		first.close()
		await gone
		await expect.poll(async () => {
			const next = await attempt(s.url, room)
			return 'opened' in next
		}).toBe(true)
	})

	it('caps the rate of new connections per address (429)', async () => {
		const s = await server({ CONNECTIONS_PER_IP_PER_MINUTE: '5' })
		const room = await createRoom(s.url)
		for (let i = 0; i < 5; i++) {
			const outcome = await attempt(s.url, room)
			if ('opened' in outcome) outcome.opened.close()
			else throw new Error(`refused early: ${outcome.status}`)
		}
		expect(await attempt(s.url, room)).toEqual({ status: 429 })
	})

	it('refuses websockets from a foreign browser origin (403) and accepts its own', async () => {
		const s = await server({ ALLOWED_ORIGINS: 'https://partner.example.org' })
		const room = await createRoom(s.url)
		expect(await attempt(s.url, room, { Origin: 'https://evil.example' })).toEqual({ status: 403 })
		expect(await attempt(s.url, room, { Origin: s.url })).toHaveProperty('opened')
		expect(await attempt(s.url, room, { Origin: 'https://partner.example.org' })).toHaveProperty('opened')
	})

	it('drops a client that never reads before its send buffer grows past the cap, and serves the rest', async () => {
		const s = await server({ MAX_BUFFERED_BYTES: String(256 * 1024) })
		const room = await createRoom(s.url)
		const writer = connectClient(s.url, room)
		const reader = connectClient(s.url, room)
		cleanup.push(() => writer.destroy(), () => reader.destroy())
		const stalled = await attempt(s.url, room)
		if (!('opened' in stalled)) throw new Error('refused')
		await Promise.all([synced(writer), synced(reader)])
		;(stalled.opened as unknown as { _socket: { pause(): void } })._socket.pause()

		// Keep replacing one large note: the document stays small, but every version goes out to every client.
		// The kernel's socket buffers absorb some megabytes first; past them the server's own buffer grows.
		const dropped = async () => (await (await fetch(`${s.url}/metrics`)).text()).includes('cyd_connections_closed_total{code="1008"} 1')
		let sent = 0
		for (; sent < 400 && !(await dropped()); sent++) {
			writer.doc.getMap('notes').set('big', `${sent}:${'x'.repeat(100_000)}`)
			await until(reader.doc, () => (reader.doc.getMap('notes').get('big') as string | undefined)?.startsWith(`${sent}:`) === true)
		}
		expect(await dropped()).toBe(true)
		expect(s.sync.stats().connections).toBe(2)
	})

	it('closes a connection that queues too much while its document loads (1013)', async () => {
		let release: () => void = () => undefined
		const loading = new Promise<void>((resolve) => (release = resolve))
		const s = await server(
			{ MAX_QUEUED_BYTES: String(16 * 1024) },
			{
				wrapStorage: (storage: DocumentStorage): DocumentStorage => ({
					load: async (name) => {
						if (!name.includes('/')) await loading // the canvas only; the room's control documents load at once
						return storage.load(name)
					},
					append: (entries) => storage.append(entries),
					compact: (name, state) => storage.compact(name, state),
				}),
			},
		)
		cleanup.push(() => release())
		const room = await createRoom(s.url)
		const socket = new WebSocket(syncUrl(s.url, room))
		await new Promise((resolve) => socket.once('open', resolve))
		const done = closed(socket)
		for (let i = 0; i < 10; i++) socket.send(new Uint8Array(4 * 1024))
		expect(await done).toEqual({ code: 1013, reason: 'too much sent before the document was ready' })
	})

	it('sends security headers and a Content-Security-Policy', async () => {
		const s = await server({})
		const response = await fetch(`${s.url}/healthz`)
		expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
		expect(response.headers.get('x-content-type-options')).toBe('nosniff')
		expect(response.headers.get('referrer-policy')).toBe('no-referrer')
	})
})
