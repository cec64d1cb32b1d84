/**
 * The servers under test, each run as its own child process pinned to core 0 with `taskset`, and stopped
 * when the harness exits for any reason.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** How clients talk to a server: the stock y-websocket framing or Hocuspocus's (document name first). */
export type Protocol = 'y-websocket' | 'hocuspocus'

export interface ServerSpec {
	/** Short name used in tables. */
	name: string
	description: string
	protocol: Protocol
	/** Whether documents survive a restart, so W3 can time a load from disk. */
	durable: boolean
	/** The floor: reported, but never counted as a peer. */
	floor?: boolean
	/** The server whose figures are compared with the others. */
	subject?: boolean
	command(port: number, dataDir: string): { args: string[]; env: Record<string, string> }
	/** Path answering 200 once the server accepts connections. */
	readyPath: string
	/** Base websocket URL for clients. */
	socketUrl(port: number): string
	/** Makes a document (room) and answers the name clients join it by. */
	createRoom(port: number, hint: string): Promise<string>
}

const here = dirname(fileURLToPath(import.meta.url))
export const repoRoot = join(here, '..', '..', '..')
const require = createRequire(import.meta.url)

function packageBin(pkg: string, bin: string): string {
	const manifest = require.resolve(`${pkg}/package.json`)
	return join(dirname(manifest), bin)
}

async function namedRoom(_port: number, hint: string): Promise<string> {
	return hint
}

async function cydRoom(port: number, hint: string): Promise<string> {
	const response = await fetch(`http://127.0.0.1:${port}/api/rooms`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ title: hint }),
	})
	if (response.status !== 201) throw new Error(`POST /api/rooms answered ${response.status}: ${await response.text()}`)
	const body = (await response.json()) as { id?: unknown; links?: { participant?: string } }
	if (typeof body.id !== 'string') throw new Error('POST /api/rooms answered no id')
	// Rooms with join links admit only a token. The stock provider builds its URL as
	// `${serverUrl}/${roomname}`, so a participant's token can ride in the room name's query.
	const token = body.links?.participant?.split('#join=')[1]
	return token ? `${body.id}?token=${token}` : body.id
}

export const cydServerEntry = join(repoRoot, 'apps', 'server', 'dist', 'main.js')

export const servers: ServerSpec[] = [
	{
		name: 'cyd',
		description: 'Cyd (apps/server, SQLite, durable)',
		protocol: 'y-websocket',
		durable: true,
		subject: true,
		command: (port, dataDir) => ({
			args: [cydServerEntry],
			env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
		}),
		readyPath: '/healthz',
		socketUrl: (port) => `ws://127.0.0.1:${port}/sync`,
		createRoom: cydRoom,
	},
	{
		name: 'y-websocket',
		description: '@y/websocket-server (reference; its defaults: in memory, no persistence)',
		protocol: 'y-websocket',
		durable: false,
		command: (port) => ({
			args: [packageBin('@y/websocket-server', 'src/server.js')],
			env: { PORT: String(port), HOST: '127.0.0.1' },
		}),
		readyPath: '/',
		socketUrl: (port) => `ws://127.0.0.1:${port}`,
		createRoom: namedRoom,
	},
	{
		name: 'hocuspocus',
		description: '@hocuspocus/server (defaults, in memory)',
		protocol: 'hocuspocus',
		durable: false,
		command: (port) => ({
			args: [join(here, 'servers', 'hocuspocus.js')],
			env: { PORT: String(port), HOST: '127.0.0.1' },
		}),
		readyPath: '/',
		socketUrl: (port) => `ws://127.0.0.1:${port}`,
		createRoom: namedRoom,
	},
	{
		name: 'hocuspocus-sqlite',
		description: '@hocuspocus/server + @hocuspocus/extension-sqlite (defaults, database file)',
		protocol: 'hocuspocus',
		durable: true,
		command: (port, dataDir) => ({
			args: [join(here, 'servers', 'hocuspocus.js')],
			env: { PORT: String(port), HOST: '127.0.0.1', SQLITE_FILE: join(dataDir, 'hocuspocus.sqlite') },
		}),
		readyPath: '/',
		socketUrl: (port) => `ws://127.0.0.1:${port}`,
		createRoom: namedRoom,
	},
	{
		name: 'relay',
		description: 'bare ws broadcast relay (tools/bench; no CRDT work, stores nothing): the floor',
		protocol: 'y-websocket',
		durable: false,
		floor: true,
		command: (port) => ({
			args: [join(here, 'servers', 'relay.js')],
			env: { PORT: String(port), HOST: '127.0.0.1' },
		}),
		readyPath: '/',
		socketUrl: (port) => `ws://127.0.0.1:${port}`,
		createRoom: namedRoom,
	},
]

/** The core each server is pinned to; the generator runs on the other. */
export const SERVER_CORE = '0'

const running = new Set<ChildProcess>()
const dataDirs = new Set<string>()

function killAll(): void {
	for (const child of running) child.kill('SIGKILL')
	running.clear()
	for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
	dataDirs.clear()
}
process.on('exit', killAll)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		killAll()
		process.exit(130)
	})
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer()
		probe.once('error', reject)
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address()
			const port = typeof address === 'object' && address ? address.port : 0
			probe.close(() => resolve(port))
		})
	})
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** One server process under test; `restart` keeps its data directory. */
export class RunningServer {
	child!: ChildProcess
	port = 0
	stderr = ''
	readonly dataDir: string

	private constructor(readonly spec: ServerSpec) {
		this.dataDir = mkdtempSync(join(tmpdir(), `cyd-bench-${spec.name}-`))
		dataDirs.add(this.dataDir)
	}

	static async start(spec: ServerSpec): Promise<RunningServer> {
		const server = new RunningServer(spec)
		await server.launch()
		return server
	}

	get pid(): number {
		const pid = this.child.pid
		if (pid === undefined) throw new Error(`${this.spec.name} has no pid`)
		return pid
	}

	private async launch(): Promise<void> {
		this.port = await freePort()
		const { args, env } = this.spec.command(this.port, this.dataDir)
		const child = spawn('taskset', ['-c', SERVER_CORE, process.execPath, ...args], {
			env: { ...process.env, NODE_ENV: 'production', ...env },
			stdio: ['ignore', 'ignore', 'pipe'],
		})
		this.child = child
		running.add(child)
		this.stderr = ''
		child.stderr?.on('data', (chunk: Buffer) => {
			this.stderr = (this.stderr + chunk.toString()).slice(-4000)
		})
		child.once('exit', () => running.delete(child))
		const deadline = Date.now() + 15_000
		while (Date.now() < deadline) {
			if (child.exitCode !== null) break
			try {
				const response = await fetch(`http://127.0.0.1:${this.port}${this.spec.readyPath}`)
				await response.arrayBuffer()
				if (response.ok) return
			} catch {
				// not listening yet
			}
			await sleep(100)
		}
		throw new Error(`${this.spec.name} did not start (exit ${child.exitCode}): ${this.stderr}`)
	}

	/** Asks the server to stop (SIGTERM, as an operator would), waits for it, and kills it after 15 s. */
	async stop(): Promise<void> {
		const child = this.child
		if (child.exitCode !== null || child.signalCode !== null) return
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
		child.kill('SIGTERM')
		const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
		await exited
		clearTimeout(timer)
	}

	async restart(): Promise<void> {
		await this.stop()
		await this.launch()
	}

	async dispose(): Promise<void> {
		await this.stop()
		rmSync(this.dataDir, { recursive: true, force: true })
		dataDirs.delete(this.dataDir)
	}

	createRoom(hint: string): Promise<string> {
		return this.spec.createRoom(this.port, hint)
	}

	get socketUrl(): string {
		return this.spec.socketUrl(this.port)
	}

	get alive(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null
	}
}
