/**
 * Shutdown with a deadline (SHUTDOWN_DEADLINE_MS): a process whose database has gone away retries what it
 * holds until the deadline, then logs which documents were not saved and exits non-zero; one whose
 * database comes back in time stores everything and exits 0.
 */
import { createServer, connect, type Server, type Socket } from 'node:net'
import { createInterface } from 'node:readline'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { request } from 'node:http'
import { connectClient, createRoom, spawnServer, startTestServer, synced, tempDataDir, until, type Client, type ServerProcess } from './helpers.js'
import { createDatabase, type TestDatabase } from './services.js'

/**
 * A TCP relay in front of PostgreSQL that can make the database go away: `refuse` (connections refused,
 * open ones cut, as a stopped server) or `blackHole` (nothing answers any more, as a host that vanished
 * from the network: connections stay open, queries never return).
 */
class DatabaseRelay {
	private server: Server | null = null
	private readonly sockets = new Set<Socket>()
	private silent = false
	port = 0

	constructor(private readonly target: { host: string; port: number }) {}

	async start(port = 0): Promise<void> {
		this.silent = false
		const server = createServer((client) => {
			this.sockets.add(client)
			client.on('close', () => this.sockets.delete(client))
			client.on('error', () => undefined)
			if (this.silent) return
			const upstream = connect(this.target.port, this.target.host)
			this.sockets.add(upstream)
			upstream.on('close', () => this.sockets.delete(upstream))
			upstream.on('error', () => client.destroy())
			client.on('error', () => upstream.destroy())
			client.pipe(upstream).pipe(client)
		})
		await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
		this.server = server
		this.port = (server.address() as { port: number }).port
	}

	url(database: string): string {
		const url = new URL(database)
		url.host = `127.0.0.1:${this.port}`
		return url.toString()
	}

	async refuse(): Promise<void> {
		const closed = new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve())
		for (const socket of this.sockets) socket.destroy()
		await closed
		this.server = null
	}

	blackHole(): void {
		this.silent = true
		for (const socket of this.sockets) {
			socket.unpipe()
			socket.pause()
		}
	}

	async stop(): Promise<void> {
		await this.refuse()
	}
}

let database: TestDatabase
let relay: DatabaseRelay
const processes: ServerProcess[] = []
const clients: Client[] = []

beforeAll(async () => {
	database = await createDatabase()
})
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy()
	for (const p of processes.splice(0)) p.child.kill('SIGKILL')
	await relay?.stop()
})
afterAll(async () => {
	await database?.drop()
})

interface LogLine {
	level: number
	msg: string
	documents?: string[]
}

/** A server process on PostgreSQL through the relay, collecting its log lines. */
async function start(deadlineMs: number): Promise<{ server: ServerProcess; log: LogLine[] }> {
	const target = new URL(database.url)
	relay = new DatabaseRelay({ host: target.hostname, port: Number(target.port) })
	await relay.start()
	const server = await spawnServer(tempDataDir(), { DATABASE_URL: relay.url(database.url), SHUTDOWN_DEADLINE_MS: String(deadlineMs) })
	processes.push(server)
	const log: LogLine[] = []
	createInterface({ input: server.child.stdout! }).on('line', (line) => {
		try {
			log.push(JSON.parse(line) as LogLine)
		} catch {
			// not a log line
		}
	})
	return { server, log }
}

/** A room with a writer and a witness; a first note stored, and seen by the witness. */
async function roomWithNotes(server: ServerProcess): Promise<{ room: string; writer: Client; witness: Client }> {
	const room = await createRoom(server.url)
	const writer = connectClient(server.url, room)
	const witness = connectClient(server.url, room)
	clients.push(writer, witness)
	await Promise.all([synced(writer), synced(witness)])
	writer.doc.getMap('notes').set('stored', 'before the database went away')
	await until(witness.doc, () => witness.doc.getMap('notes').has('stored'))
	return { room, writer, witness }
}

/** Sends SIGTERM; answers the exit code and how long the process took to exit. */
async function terminate(server: ServerProcess): Promise<{ code: number | null; ms: number }> {
	const started = Date.now()
	server.child.kill('SIGTERM')
	const code = await server.exited
	return { code, ms: Date.now() - started }
}

const notSaved = (log: LogLine[]) => log.find((l) => l.level >= 50 && /not saved/.test(l.msg))

/** What PostgreSQL holds of a document. */
async function stored(document: string): Promise<Y.Doc> {
	const { PostgresStorage } = await import('@cyd/storage-postgres')
	const storage = await PostgresStorage.open({ url: database.url })
	const doc = new Y.Doc()
	for (const update of await storage.load(document)) Y.applyUpdate(doc, update)
	await storage.close()
	return doc
}

describe('shutdown with a deadline', () => {
	it('retries while its database refuses connections, then names the documents not saved and exits 1 at the deadline', async () => {
		const { server, log } = await start(2000)
		const { room, writer } = await roomWithNotes(server)
		await relay.refuse()
		writer.doc.getMap('notes').set('unsaved', 'written while the database was away')
		await new Promise((resolve) => setTimeout(resolve, 300)) // the server has it in memory
		const { code, ms } = await terminate(server)
		expect(code).toBe(1)
		expect(ms).toBeGreaterThanOrEqual(1900)
		expect(ms).toBeLessThan(6000)
		expect(notSaved(log)?.documents).toContain(room)
		expect((await stored(room)).getMap('notes').has('unsaved')).toBe(false)
	})

	it('gives up at the deadline when its database stops answering altogether (no error, no reply)', async () => {
		const { server, log } = await start(2000)
		const { room, writer } = await roomWithNotes(server)
		relay.blackHole()
		writer.doc.getMap('notes').set('unsaved', 'written while the database was silent')
		await new Promise((resolve) => setTimeout(resolve, 300))
		const { code, ms } = await terminate(server)
		expect(code).toBe(1)
		expect(ms).toBeLessThan(6000)
		expect(notSaved(log)?.documents).toContain(room)
	})

	it('stores everything and exits 0 when the database comes back before the deadline', async () => {
		const { server } = await start(10_000)
		const { room, writer } = await roomWithNotes(server)
		const port = relay.port
		await relay.refuse()
		writer.doc.getMap('notes').set('late', 'written while the database was away')
		await new Promise((resolve) => setTimeout(resolve, 300))
		const exit = terminate(server)
		await new Promise((resolve) => setTimeout(resolve, 1500))
		await relay.start(port)
		const { code, ms } = await exit
		expect(code).toBe(0)
		expect(ms).toBeLessThan(10_000)
		expect((await stored(room)).getMap('notes').get('late')).toBe('written while the database was away')
	})
})

describe('HTTP connections at shutdown', () => {
	it('keeps idle connections a minute, and closing drops the idle and half-sent ones instead of waiting for them', async () => {
		const server = await startTestServer()
		const port = server.port
		// A request answered on a kept-alive connection: the server says how long it keeps it idle.
		const idle = await new Promise<{ keepAlive: string | undefined; socket: Socket }>((resolve, reject) => {
			const req = request({ host: '127.0.0.1', port, path: '/healthz', headers: { connection: 'keep-alive' } }, (res) => {
				res.resume()
				res.on('end', () => resolve({ keepAlive: String(res.headers['keep-alive']), socket: req.socket! }))
			})
			req.on('error', reject)
			req.end()
		})
		expect(idle.keepAlive).toBe('timeout=65')
		// A request whose headers never finish arriving.
		const halfSent = connect(port, '127.0.0.1')
		await new Promise<void>((resolve) => halfSent.once('connect', resolve))
		halfSent.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n')
		halfSent.on('error', () => undefined)
		const dropped = (socket: Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())))
		// Without dropping them, close() would wait for the 65 s keep-alive and the 66 s header timeouts.
		await server.close()
		await Promise.all([dropped(idle.socket), dropped(halfSent)])
		expect(idle.socket.destroyed && halfSent.destroyed).toBe(true)
	})
})
