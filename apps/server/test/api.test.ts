import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createRoom, joinAs, startTestServer, tempDataDir } from './helpers.js'

type Server = Awaited<ReturnType<typeof startTestServer>>
let server: Server

beforeAll(async () => {
	const webDir = tempDataDir()
	mkdirSync(join(webDir, 'assets'))
	writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Cyd web app</title>')
	writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log("app")')
	server = await startTestServer({ MAX_UPLOAD_BYTES: '4096', PUBLIC_URL: 'https://cyd.example.org', WEB_DIR: webDir })
})
afterAll(() => server.close())

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])

function post(path: string, body: string | Uint8Array, type: string, session?: string) {
	return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': type, ...(session ? { authorization: `Bearer ${session}` } : {}) }, body })
}

describe('HTTP API', () => {
	it('answers health, readiness and Prometheus metrics', async () => {
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
		expect((await fetch(`${server.url}/readyz`)).status).toBe(200)
		const metrics = await (await fetch(`${server.url}/metrics`)).text()
		for (const name of ['cyd_documents_loaded', 'cyd_connections', 'cyd_messages_received_total', 'cyd_bytes_sent_total', 'cyd_persist_seconds_bucket']) {
			expect(metrics).toContain(name)
		}
	})

	it('creates a room and answers its shareable link under PUBLIC_URL', async () => {
		const response = await post('/api/rooms', JSON.stringify({ title: ' Bus routes ', language: 'cy' }), 'application/json')
		expect(response.status).toBe(201)
		const room = (await response.json()) as { id: string; url: string; title: string; language: string; links: Record<string, string> }
		expect(room.url).toBe(room.links.facilitator)
		for (const role of ['facilitator', 'participant', 'expert', 'observer']) {
			expect(room.links[role]).toMatch(new RegExp(`^https://cyd\\.example\\.org/r/${room.id}#join=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`))
		}
		expect(room).toMatchObject({ title: 'Bus routes', language: 'cy' })
		const read = await fetch(`${server.url}/api/rooms/${room.id}`)
		expect(await read.json()).toMatchObject({ id: room.id, title: 'Bus routes' })
		expect((await fetch(`${server.url}/api/rooms/nosuchroom1`)).status).toBe(404)
	})

	it('refuses bad room requests with a clear 400', async () => {
		for (const body of ['not json', '[]', JSON.stringify({ title: 5 }), JSON.stringify({ language: 'fr' }), JSON.stringify({ title: 'x'.repeat(201) })]) {
			const response = await post('/api/rooms', body, 'application/json')
			expect(response.status).toBe(400)
			expect(((await response.json()) as { error: string }).error).toBeTruthy()
		}
	})

	it('stores uploaded images and serves them back, refusing SVG, non-images and oversized files', async () => {
		const room = await createRoom(server.url)
		const session = await joinAs(server.url, room, 'participant', 'Dai')
		const created = await post(`/api/rooms/${room}/assets`, PNG, 'image/png', session)
		expect(created.status).toBe(201)
		const { url } = (await created.json()) as { url: string }
		expect(url).toMatch(new RegExp(`^/uploads/${room}/[0-9a-f]{64}\\.png$`))
		const served = await fetch(`${server.url}${url}`)
		expect(served.headers.get('content-type')).toBe('image/png')
		expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG)

		const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
		expect((await post(`/api/rooms/${room}/assets`, svg, 'image/svg+xml', session)).status).toBe(415)
		expect((await post(`/api/rooms/${room}/assets`, 'plain text', 'image/png', session)).status).toBe(415)
		expect((await post(`/api/rooms/${room}/assets`, new Uint8Array(8192), 'image/png', session)).status).toBe(413)
		expect((await post(`/api/rooms/nosuchroom1/assets`, PNG, 'image/png', session)).status).toBe(404)
		expect((await fetch(`${server.url}/uploads/${room}/..%2F..%2Fcyd.sqlite`)).status).toBe(404)
	})

	it('serves the built web app and its client-side routes from one URL', async () => {
		const script = await fetch(`${server.url}/assets/app.js`)
		expect(script.status).toBe(200)
		expect(await script.text()).toContain('console.log')
		for (const path of ['/', '/r/abcdefabcdef', '/some/client/route']) {
			const page = await fetch(`${server.url}${path}`)
			expect(page.status).toBe(200)
			expect(await page.text()).toContain('<title>Cyd web app</title>')
		}
	})

	it('answers 404 for unknown API paths', async () => {
		expect((await fetch(`${server.url}/api/nothing`)).status).toBe(404)
	})
})
