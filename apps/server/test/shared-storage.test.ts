/**
 * Several processes on one PostgreSQL and Redis and nothing shared on disk: each has a DATA_DIR of its own
 * and none is given CYD_SECRET, as replicas without a shared volume. Uploads and the link secret live in
 * the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient, createRoom, joinAs, linkToken, spawnServer, synced, tempDataDir, type Client, type ServerProcess } from './helpers.js'
import { createDatabase, startRedis, type TestDatabase, type TestRedis } from './services.js'

const processes: ServerProcess[] = []
const clients: Client[] = []
const databases: TestDatabase[] = []
let redis: TestRedis

beforeAll(async () => {
	redis = await startRedis()
})

afterAll(async () => {
	for (const c of clients) c.destroy()
	for (const p of processes) p.child.kill('SIGKILL')
	await Promise.all(processes.map((p) => p.exited))
	await Promise.all(databases.map((d) => d.drop()))
	await redis?.stop()
})

async function emptyDatabase(): Promise<string> {
	const database = await createDatabase()
	databases.push(database)
	return database.url
}

/** A process on its own folder, with no CYD_SECRET: nothing but the database is shared. */
async function replica(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
	const server = await spawnServer(tempDataDir(), { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, CYD_SECRET: '', ...env })
	processes.push(server)
	return server
}

/** A PNG signature and some bytes that make this image its own. */
function png(n: number, size = 64): Uint8Array {
	const bytes = new Uint8Array(size)
	bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
	bytes[size - 1] = n
	return bytes
}

function upload(url: string, room: string, session: string, bytes: Uint8Array): Promise<Response> {
	return fetch(`${url}/api/rooms/${room}/assets`, { method: 'POST', headers: { 'content-type': 'image/png', authorization: `Bearer ${session}` }, body: bytes })
}

describe('processes sharing PostgreSQL and Redis, and no disk', () => {
	let url: string
	beforeAll(async () => {
		url = await emptyDatabase()
	})

	it('serve an image uploaded through one process from another, and count one quota for the room across them', async () => {
		const [a, b] = [await replica(url, { UPLOAD_QUOTA_BYTES: '200' }), await replica(url, { UPLOAD_QUOTA_BYTES: '200' })]
		const room = await createRoom(a.url)
		const session = await joinAs(b.url, room, 'participant', 'Gwen')

		const image = png(1)
		const stored = await upload(a.url, room, session, image)
		expect(stored.status).toBe(201)
		const { url: path } = (await stored.json()) as { url: string }
		const served = await fetch(`${b.url}${path}`)
		expect(served.status).toBe(200)
		expect(served.headers.get('content-type')).toBe('image/png')
		expect(new Uint8Array(await served.arrayBuffer())).toEqual(image)
		// The same image again, through the other process, is the same file and takes no more room.
		expect(((await (await upload(b.url, room, session, image)).json()) as { url: string }).url).toBe(path)

		// 64 bytes stored of 200: two more at once, one through each process, cannot both fit.
		const [first, second] = await Promise.all([upload(a.url, room, session, png(2, 100)), upload(b.url, room, session, png(3, 100))])
		expect([first.status, second.status].sort()).toEqual([201, 413])
		expect((await fetch(`${a.url}/uploads/${room}/${'0'.repeat(64)}.png`)).status).toBe(404)
	})

	it('all start when three begin at once on an empty database, and accept each other’s links and sessions', async () => {
		const fresh = await emptyDatabase()
		const three = await Promise.all([replica(fresh), replica(fresh), replica(fresh)])
		const rooms = await Promise.all(three.map((p) => createRoom(p.url)))
		for (const [i, room] of rooms.entries()) {
			for (const other of three.filter((_, j) => j !== i)) {
				// A link made by one process joins through another, and the session works on a third.
				const session = await joinAs(other.url, room, 'participant', `Person ${i}`)
				const third = three.find((p) => p !== other)!
				const me = await fetch(`${third.url}/api/rooms/${room}/me`, { headers: { authorization: `Bearer ${session}` } })
				expect(me.status).toBe(200)
			}
		}
		// A stock client opens the first room through each process, with the link the first process made.
		const room = rooms[0]!
		const opened = three.map((p) => {
			const c = connectClient(p.url, room, undefined, linkToken(room))
			clients.push(c)
			return c
		})
		await Promise.all(opened.map(synced))
		expect(opened.every((c) => c.provider.wsconnected)).toBe(true)
	})
})
