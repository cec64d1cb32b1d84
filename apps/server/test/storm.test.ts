import { afterAll, describe, expect, it } from 'vitest'
import { connectClient, createRoom, nextSync, spawnServer, synced, tempDataDir, until, type Client, type ServerProcess } from './helpers.js'
import { freePort } from './services.js'

const processes: ServerProcess[] = []
const clients: Client[] = []
afterAll(async () => {
	for (const c of clients) c.destroy()
	for (const p of processes) p.child.kill('SIGKILL')
})


describe('a reconnect storm', () => {
	it('serves 1,000 clients reconnecting at once and stays responsive to others', async () => {
		const count = Number(process.env.STORM_CLIENTS ?? 1000)
		const dataDir = tempDataDir()
		const port = String(await freePort())
		const env = { PORT: port, MAX_CONNECTIONS_PER_IP: '5000', CONNECTIONS_PER_IP_PER_MINUTE: '100000' }
		let server = await spawnServer(dataDir, env)
		processes.push(server)
		const rooms = await Promise.all(Array.from({ length: 50 }, () => createRoom(server.url)))
		const quiet = await createRoom(server.url)
		const storm = Array.from({ length: count }, (_, i) => {
			const c = connectClient(server.url, rooms[i % rooms.length]!)
			c.provider.awareness.setLocalState(null)
			clients.push(c)
			return c
		})
		await Promise.all(storm.map(synced))
		storm.forEach((c, i) => c.doc.getMap('notes').set(`before-${i}`, i))

		// The server dies; when it is back, every client reconnects at once.
		server.child.kill('SIGKILL')
		await server.exited
		const allBack = Promise.all(storm.map(nextSync))
		server = await spawnServer(dataDir, env)
		processes.push(server)
		const started = performance.now()

		// Meanwhile, two people in another room still work together.
		const a = connectClient(server.url, quiet)
		const b = connectClient(server.url, quiet)
		clients.push(a, b)
		await Promise.all([synced(a), synced(b)])
		a.doc.getMap('notes').set('during-storm', 'yes')
		await until(b.doc, () => b.doc.getMap('notes').has('during-storm'))
		const quietMs = performance.now() - started
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200)

		await allBack
		const stormMs = performance.now() - started
		console.log(`reconnect storm: ${count} clients re-synced in ${stormMs.toFixed(0)} ms; another room's round trip done after ${quietMs.toFixed(0)} ms`)
		// Every client's own edit is on the server again (re-sent on reconnect if it was not stored before).
		const reader = connectClient(server.url, rooms[0]!)
		clients.push(reader)
		await synced(reader)
		await until(reader.doc, () => reader.doc.getMap('notes').size === count / rooms.length)
	}, 120_000)
})
