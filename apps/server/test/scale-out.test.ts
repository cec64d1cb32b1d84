import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import pg from 'pg'
import { connectClient, createRoom, spawnServer, startTestServer, synced, tempDataDir, until, type Client, type ServerProcess } from './helpers.js'
import { ADMIN_URL, createDatabase, startRedis, type TestDatabase, type TestRedis } from './services.js'

let database: TestDatabase
let redis: TestRedis
const processes: ServerProcess[] = []
const clients: Client[] = []

async function startProcess(): Promise<ServerProcess> {
	const server = await spawnServer(tempDataDir(), { DATABASE_URL: database.url, REDIS_URL: redis.url })
	processes.push(server)
	return server
}

function client(server: { url: string }, room: string, doc?: Y.Doc): Client {
	const c = connectClient(server.url, room, doc)
	clients.push(c)
	return c
}

const keysOf = (c: Client) => [...c.doc.getMap('notes').keys()]
const hasAll = (c: Client, keys: string[]) => keys.every((k) => c.doc.getMap('notes').has(k))

beforeAll(async () => {
	database = await createDatabase()
	redis = await startRedis()
})

afterAll(async () => {
	for (const c of clients) c.provider.destroy()
	for (const p of processes) p.child.kill('SIGKILL')
	await Promise.all(processes.map((p) => p.exited))
	await redis?.stop()
	await database?.drop()
})

describe('several processes on PostgreSQL and Redis', () => {
	it('share every room: clients spread over three processes converge, survive a SIGKILL and a Redis restart', async () => {
		const servers = [await startProcess(), await startProcess(), await startProcess()]
		const rooms = [await createRoom(servers[0]!.url), await createRoom(servers[1]!.url)]

		// Nine clients per room, three on each process.
		const byRoom = rooms.map((room) => servers.flatMap((server) => [client(server, room), client(server, room), client(server, room)]))
		await Promise.all(byRoom.flat().map(synced))

		const write = (round: string) => {
			byRoom.forEach((roomClients, r) =>
				roomClients.forEach((c, i) => c.doc.getMap('notes').set(`${round}-r${r}-c${i}`, { text: `${round} ${i}` })),
			)
			return byRoom.map((roomClients, r) => roomClients.map((_, i) => `${round}-r${r}-c${i}`))
		}
		const converge = (expected: string[][]) =>
			Promise.all(byRoom.flatMap((roomClients, r) => roomClients.map((c) => until(c.doc, () => hasAll(c, expected[r]!)))))

		// 1. Plain convergence across processes.
		const first = write('one')
		await converge(first)

		// 2. SIGKILL the third process mid-stream; its clients move to the first (as a load balancer would).
		const second = write('two')
		servers[2]!.child.kill('SIGKILL')
		await servers[2]!.exited
		const receivedBeforeKill = byRoom.map((roomClients) => new Set(roomClients.flatMap(keysOf)))
		for (const roomClients of byRoom) {
			for (let i = 6; i < 9; i++) {
				const old = roomClients[i]!
				old.provider.destroy()
				roomClients[i] = client(servers[0]!, old.provider.roomname, old.doc)
			}
		}
		await converge(second)

		// 3. Restart Redis mid-stream: what was published while it was away is recovered from PostgreSQL.
		await redis.stop()
		const third = write('three')
		redis = await startRedis(Number(new URL(redis.url).port))
		await converge(third)

		// Nothing any client saw is missing from storage: a fresh reader on the surviving process has it all.
		for (const [r, room] of rooms.entries()) {
			const reader = client(servers[1]!, room)
			await synced(reader)
			const expected = [...receivedBeforeKill[r]!, ...first[r]!, ...second[r]!, ...third[r]!]
			await until(reader.doc, () => hasAll(reader, expected))
			expect(expected.filter((k) => !reader.doc.getMap('notes').has(k))).toEqual([])
		}
	})
})

async function admin(sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: ADMIN_URL })
	await client.connect()
	await client.query(sql)
	await client.end()
}

async function readiness(url: string): Promise<{ status: number; body: { storage: string; fanOut: string; backends: Record<string, boolean> } }> {
	const response = await fetch(`${url}/readyz`)
	return { status: response.status, body: (await response.json()) as { storage: string; fanOut: string; backends: Record<string, boolean> } }
}

describe('backends going away', () => {
	it('reports them in readiness and metrics, tells clients changes are not saved, and recovers by itself', async () => {
		const server = await startTestServer({ DATABASE_URL: database.url, REDIS_URL: redis.url })
		const room = await createRoom(server.url)
		const writer = client(server, room)
		const reader = client(server, room)
		await Promise.all([synced(writer), synced(reader)])
		expect(await readiness(server.url)).toMatchObject({
			status: 200,
			body: { storage: 'postgres', fanOut: 'redis', backends: { postgres: true, redis: true } },
		})
		expect(await (await fetch(`${server.url}/metrics`)).text()).toContain('cyd_backend_up{backend="redis",role="fan-out"} 1')

		// Redis goes away: readiness says so; it comes back and readiness recovers.
		await redis.stop()
		expect(await readiness(server.url)).toMatchObject({ status: 503, body: { backends: { redis: false } } })
		redis = await startRedis(Number(new URL(redis.url).port))
		await expect.poll(async () => (await readiness(server.url)).status, { timeout: 15_000 }).toBe(200)

		// PostgreSQL refuses connections: the edit is held back and clients are told; it lands when PostgreSQL is back.
		const name = new URL(database.url).pathname.slice(1)
		await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`)
		await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`)
		writer.doc.getMap('notes').set('while-postgres-away', 'kept')
		await expect.poll(() => serverSaving(reader), { timeout: 15_000 }).toBe(false)
		expect(reader.doc.getMap('notes').has('while-postgres-away')).toBe(false)
		await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`)
		await until(reader.doc, () => reader.doc.getMap('notes').has('while-postgres-away'))
		await expect.poll(() => serverSaving(reader)).toBe(true)
		await server.close()
	})
})

function serverSaving(c: Client): boolean {
	for (const state of c.provider.awareness.getStates().values()) {
		if ((state as { server?: { saving: boolean } }).server?.saving === false) return false
	}
	return true
}
