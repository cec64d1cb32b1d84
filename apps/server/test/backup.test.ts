/**
 * `cyd backup` while a server is busy, `cyd restore` into a new folder, and a new server there with
 * everything the backup promised: every update stored before it began, a consistent document (no
 * client's writes with a gap), the uploaded image, and links that still work. PostgreSQL's own tools, as
 * the deploy guide gives them, do the same for a site on PostgreSQL.
 */
import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { SqliteStorage } from '@cyd/storage-sqlite'
import { connectClient, createRoom, joinAs, linkToken, SERVER_MAIN, spawnServer, synced, tempDataDir, until, type Client, type ServerProcess } from './helpers.js'
import { createDatabase, type TestDatabase } from './services.js'

const run = promisify(execFile)
const processes: ServerProcess[] = []
const clients: Client[] = []
const databases: TestDatabase[] = []

afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy()
	for (const p of processes.splice(0)) p.child.kill('SIGKILL')
	await Promise.all(databases.splice(0).map((d) => d.drop()))
})

/** Runs `cyd <args>` with the built server, as an operator would beside a running one. */
async function cyd(env: Record<string, string>, ...args: string[]): Promise<{ code: number; out: string }> {
	try {
		const { stdout } = await run(process.execPath, [SERVER_MAIN, ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env } })
		return { code: 0, out: stdout }
	} catch (error) {
		const failed = error as { code: number; stdout: string }
		return { code: failed.code, out: failed.stdout }
	}
}

function png(n: number): Uint8Array {
	const bytes = new Uint8Array(48)
	bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
	bytes[47] = n
	return bytes
}

interface Busy {
	rooms: string[]
	/** Writers: client i of a room writes `c<i>-<n>` for n = 0, 1, 2… as fast as it can. */
	writers: Client[]
	/** What a witness of each room had received: stored, since the server stores before it sends. */
	received(): Map<string, Set<string>>
	stop(): Promise<void>
}

/** Three writers in each of two rooms, writing until stopped, and a witness per room. */
async function keepBusy(server: ServerProcess): Promise<Busy> {
	const rooms = [await createRoom(server.url), await createRoom(server.url)]
	const writers = rooms.flatMap((room) => [0, 1, 2].map(() => connectClient(server.url, room)))
	const witnesses = rooms.map((room) => connectClient(server.url, room))
	clients.push(...writers, ...witnesses)
	await Promise.all([...writers, ...witnesses].map(synced))
	let writing = true
	const loops = writers.map(async (writer, i) => {
		for (let n = 0; writing; n++) {
			writer.doc.getMap('notes').set(`c${i % 3}-${n}`, { n })
			await new Promise((resolve) => setTimeout(resolve, 2))
		}
	})
	await Promise.all(witnesses.map((w) => until(w.doc, () => w.doc.getMap('notes').size > 100)))
	return {
		rooms,
		writers,
		received: () => new Map(rooms.map((room, r) => [room, new Set(witnesses[r]!.doc.getMap('notes').keys())])),
		async stop() {
			writing = false
			await Promise.all(loops)
		},
	}
}

/** For each writer, the notes it wrote that a document holds are 0…k with no gap: one consistent moment. */
function gaps(keys: Iterable<string>): string[] {
	const byWriter = new Map<string, number[]>()
	for (const key of keys) {
		const [writer, n] = key.split('-')
		byWriter.set(writer!, [...(byWriter.get(writer!) ?? []), Number(n)])
	}
	return [...byWriter].filter(([, ns]) => Math.max(...ns) !== ns.length - 1).map(([writer]) => writer)
}

async function readRoom(server: ServerProcess, room: string): Promise<Set<string>> {
	const reader = connectClient(server.url, room)
	clients.push(reader)
	await synced(reader)
	return new Set(reader.doc.getMap('notes').keys())
}

describe('cyd backup and cyd restore (SQLite)', () => {
	it('back up a busy server consistently and restore into a new server with every update, image and link', async () => {
		const dataDir = tempDataDir()
		// No CYD_SECRET: the secret generated under DATA_DIR is part of the backup, so links keep working.
		const server = await spawnServer(dataDir, { CYD_SECRET: '' })
		processes.push(server)
		const busy = await keepBusy(server)
		const [room] = busy.rooms
		const session = await joinAs(server.url, room!, 'participant', 'Eluned')
		const uploaded = await fetch(`${server.url}/api/rooms/${room}/assets`, {
			method: 'POST',
			headers: { 'content-type': 'image/png', authorization: `Bearer ${session}` },
			body: png(7),
		})
		expect(uploaded.status).toBe(201)
		const image = ((await uploaded.json()) as { url: string }).url

		const before = busy.received()
		const folder = join(tempDataDir(), 'backup')
		const backup = await cyd({ DATA_DIR: dataDir }, 'backup', folder)
		expect(backup.out).toMatch(/backed up .* 1 uploaded images, the link secret/)
		expect(backup.code).toBe(0)
		// The writers were still writing while the backup ran.
		await busy.stop()
		const after = busy.received()
		expect(after.get(room!)!.size).toBeGreaterThan(before.get(room!)!.size)
		expect(readdirSync(folder).sort()).toEqual(['assets', 'cyd-backup.json', 'cyd.sqlite', 'secret'])
		expect(await cyd({ DATA_DIR: dataDir }, 'backup', folder)).toMatchObject({ code: 1, out: expect.stringMatching(/is not empty/) })

		const restoredDir = tempDataDir()
		const restore = await cyd({ DATA_DIR: restoredDir }, 'restore', folder)
		expect(restore.out).toMatch(/restored the backup of .* 1 uploaded images, the link secret/)
		expect(restore.code).toBe(0)
		const database = new SqliteStorage({ file: join(restoredDir, 'cyd.sqlite') })
		expect(database.integrityCheck()).toBe('ok')
		database.close()

		const restored = await spawnServer(restoredDir, { CYD_SECRET: '' })
		processes.push(restored)
		for (const r of busy.rooms) {
			const held = await readRoom(restored, r)
			expect([...before.get(r)!].filter((key) => !held.has(key)), `room ${r}: stored before the backup, missing after it`).toEqual([])
			expect(gaps(held), `room ${r}`).toEqual([])
		}
		const served = await fetch(`${restored.url}${image}`)
		expect(served.status).toBe(200)
		expect(new Uint8Array(await served.arrayBuffer())).toEqual(png(7))
		// A link handed out before the backup joins the restored server.
		expect(await joinAs(restored.url, room!, 'participant', 'Rhys')).toBeTruthy()
		const client = connectClient(restored.url, room!, undefined, linkToken(room!))
		clients.push(client)
		await synced(client)

		// Restoring over a folder that has a database needs --force (and the server stopped).
		restored.child.kill('SIGTERM')
		expect(await restored.exited).toBe(0)
		processes.splice(processes.indexOf(restored), 1)
		expect(await cyd({ DATA_DIR: restoredDir }, 'restore', folder)).toMatchObject({ code: 1, out: expect.stringMatching(/--force/) })
		expect((await cyd({ DATA_DIR: restoredDir }, 'restore', folder, '--force')).code).toBe(0)
	}, 60_000)

	it('refuse what is not theirs to do, and say how', async () => {
		const empty = tempDataDir()
		expect(await cyd({ DATA_DIR: empty }, 'backup', join(empty, 'out'))).toMatchObject({ code: 1, out: expect.stringMatching(/no database/) })
		expect(await cyd({ DATA_DIR: empty }, 'restore', empty)).toMatchObject({ code: 1, out: expect.stringMatching(/not a Cyd backup/) })
		expect(await cyd({ DATA_DIR: empty }, 'frobnicate')).toMatchObject({ code: 2, out: expect.stringMatching(/unknown command/) })
		expect(await cyd({ DATA_DIR: empty, DATABASE_URL: 'postgres://127.0.0.1:1/none' }, 'backup', join(empty, 'out'))).toMatchObject({
			code: 2,
			out: expect.stringMatching(/pg_dump/),
		})
		expect(existsSync(join(empty, 'out'))).toBe(false)
	})
})

describe('PostgreSQL backups with its own tools, as docs/deploy gives them', () => {
	it('pg_dump of a busy site restored with pg_restore into a new database serves every update, image and link', async () => {
		const source = await createDatabase()
		const target = await createDatabase()
		databases.push(source, target)
		const server = await spawnServer(tempDataDir(), { DATABASE_URL: source.url, CYD_SECRET: '' })
		processes.push(server)
		const busy = await keepBusy(server)
		const [room] = busy.rooms
		const session = await joinAs(server.url, room!, 'participant', 'Eluned')
		const uploaded = await fetch(`${server.url}/api/rooms/${room}/assets`, {
			method: 'POST',
			headers: { 'content-type': 'image/png', authorization: `Bearer ${session}` },
			body: png(9),
		})
		const image = ((await uploaded.json()) as { url: string }).url

		const before = busy.received()
		const dump = join(tempDataDir(), 'cyd.dump')
		await run('pg_dump', ['--format=custom', `--file=${dump}`, source.url])
		await busy.stop()
		await run('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${target.url}`, dump])

		const restored = await spawnServer(tempDataDir(), { DATABASE_URL: target.url, CYD_SECRET: '' })
		processes.push(restored)
		for (const r of busy.rooms) {
			const held = await readRoom(restored, r)
			expect([...before.get(r)!].filter((key) => !held.has(key))).toEqual([])
			expect(gaps(held)).toEqual([])
		}
		expect(new Uint8Array(await (await fetch(`${restored.url}${image}`)).arrayBuffer())).toEqual(png(9))
		expect(await joinAs(restored.url, room!, 'participant', 'Rhys')).toBeTruthy()
	}, 60_000)
})
