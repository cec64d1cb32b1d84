/**
 * docs/deploy/nginx.conf as shipped: nginx accepts it (`nginx -t`), and a Cyd server behind it with
 * TRUST_PROXY=1 sees each client's own address (so the per-address limits apply per client, not to the
 * whole site) and serves rooms over websockets through it. Only the upstream's host and the listening port
 * are changed: `cyd` resolves only inside compose's network. Skipped, saying so, where nginx is not installed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient, createRoom, startTestServer, synced, tempDataDir, until, type Client, type TestServer } from './helpers.js'
import { freePort } from './services.js'

const CONFIG = fileURLToPath(new URL('../../../docs/deploy/nginx.conf', import.meta.url))
const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx', '/opt/homebrew/bin/nginx'].find((path) => existsSync(path))

if (!NGINX) console.warn('nginx.test.ts: nginx is not installed, so docs/deploy/nginx.conf is not checked (apt-get install nginx)')

/** nginx's main configuration around the example, as the stock one includes conf.d/*.conf inside `http`. */
function mainConfig(dir: string, upstreamPort: number, port: number): string {
	const example = readFileSync(CONFIG, 'utf8').replace(/server cyd:8787;/, `server 127.0.0.1:${upstreamPort};`).replace(/listen 80;/, `listen 127.0.0.1:${port};`)
	expect(example).toContain(`server 127.0.0.1:${upstreamPort};`)
	expect(example).toContain(`listen 127.0.0.1:${port};`)
	writeFileSync(join(dir, 'default.conf'), example)
	const temp = (name: string) => join(dir, name)
	for (const name of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(temp(name), { recursive: true })
	return `
${process.getuid?.() === 0 ? 'user root;' : ''}
daemon off;
pid ${temp('nginx.pid')};
error_log ${temp('error.log')} warn;
events {}
http {
	access_log off;
	client_body_temp_path ${temp('client_body')};
	proxy_temp_path ${temp('proxy')};
	fastcgi_temp_path ${temp('fastcgi')};
	uwsgi_temp_path ${temp('uwsgi')};
	scgi_temp_path ${temp('scgi')};
	include ${join(dir, 'default.conf')};
}
`
}

/** POST /api/rooms through nginx from a loopback address of our choosing, perhaps with a forged X-Forwarded-For. */
function makeRoom(port: number, from: string, forged?: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				localAddress: from,
				method: 'POST',
				path: '/api/rooms',
				headers: { 'content-type': 'application/json', ...(forged ? { 'x-forwarded-for': forged } : {}) },
			},
			(res) => {
				res.resume()
				resolve(res.statusCode ?? 0)
			},
		)
		req.on('error', reject)
		req.end('{}')
	})
}

describe.skipIf(!NGINX)('the nginx example', () => {
	let dir: string
	let server: TestServer
	let nginx: ChildProcess | undefined
	let port: number
	const clients: Client[] = []

	beforeAll(async () => {
		dir = tempDataDir()
		server = await startTestServer({ TRUST_PROXY: '1', ROOMS_PER_IP_PER_HOUR: '1' })
		port = await freePort()
		writeFileSync(join(dir, 'nginx.conf'), mainConfig(dir, server.port, port))
	})

	afterAll(async () => {
		for (const c of clients) c.destroy()
		if (nginx && nginx.exitCode === null) {
			const exited = new Promise((resolve) => nginx!.on('exit', resolve))
			nginx.kill('SIGQUIT')
			await exited
		}
		await server?.close()
	})

	it('is accepted by nginx -t', () => {
		const checked = spawnSync(NGINX!, ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' })
		expect(checked.stderr).toMatch(/syntax is ok/)
		expect(checked.status, checked.stderr).toBe(0)
	})

	it("tells Cyd each client's own address, which a forged X-Forwarded-For does not change, and carries rooms' websockets", async () => {
		nginx = spawn(NGINX!, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'inherit'] })
		const base = `http://127.0.0.1:${port}`
		for (let i = 0; ; i++) {
			const up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false)
			if (up) break
			if (i > 100) throw new Error(`nginx did not start: ${readFileSync(join(dir, 'error.log'), 'utf8')}`)
			await new Promise((resolve) => setTimeout(resolve, 50))
		}
		// One room an hour per address: two clients behind nginx each make one; each is refused a second,
		// forged header or not. Without X-Forwarded-For from nginx, the second client would be refused too.
		expect(await makeRoom(port, '127.0.0.2')).toBe(201)
		expect(await makeRoom(port, '127.0.0.3')).toBe(201)
		expect(await makeRoom(port, '127.0.0.2')).toBe(429)
		expect(await makeRoom(port, '127.0.0.2', '198.51.100.7')).toBe(429)

		const room = await createRoom(server.url) // straight to Cyd, from 127.0.0.1
		const [near, far] = [connectClient(base, room), connectClient(server.url, room)]
		clients.push(near, far)
		await Promise.all([synced(near), synced(far)])
		near.doc.getMap('notes').set('through-nginx', 'hello')
		await until(far.doc, () => far.doc.getMap('notes').get('through-nginx') === 'hello')
	})
})
