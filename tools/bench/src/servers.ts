/**
 * The servers under test, each run as child processes pinned to core 0 with `taskset`, and stopped when the
 * harness exits for any reason. A spec may run several processes sharing a fresh PostgreSQL database and a
 * private Redis (`cyd-2proc`); they are then measured as one server.
 * @module
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cpuSeconds, peakRssMiB, rssMiB } from './proc.js'

/** How clients talk to a server: the stock y-websocket framing or Hocuspocus's (document name first). */
export type Protocol = 'y-websocket' | 'hocuspocus'

export type Mode = 'quick' | 'full'
export type WorkloadName = 'w1' | 'w2' | 'w3' | 'w4' | 'w5'

/** What the processes of a multi-process spec share. */
export interface Shared {
	databaseUrl: string
	redisUrl: string
	/** The same CYD_SECRET for every process, so a join token made by one is good at the others. */
	secret: string
}

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
	/** Server processes to run (default 1); the clients of each room alternate between them. */
	processes?: number
	/** Give the processes a fresh PostgreSQL database and a private Redis for the run. */
	shared?: boolean
	/** The workloads this server takes part in, per plan (default: every one). */
	workloads?: Record<Mode, WorkloadName[]>
	command(port: number, dataDir: string, shared: Shared | null): { args: string[]; env: Record<string, string> }
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

/** Cyd's environment; scale-out settings the harness inherited are blanked, so `cyd` is always SQLite in one process. */
function cydEnv(port: number, dataDir: string): Record<string, string> {
	return {
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		LOG_LEVEL: 'warn',
		DATABASE_URL: '',
		REDIS_URL: '',
		CYD_SECRET: '',
		// Every bench client comes from 127.0.0.1: lift Cyd's per-address caps (500 open, 1,200 a minute),
		// which W2's 1,200 clients would otherwise hit. The peers have no such caps.
		MAX_CONNECTIONS_PER_IP: '100000',
		CONNECTIONS_PER_IP_PER_MINUTE: '100000',
		// The bench's stock clients share one link from one address; a person's browser keeps a handful.
		MAX_CONNECTIONS_PER_SESSION: '100000',
		ROOMS_PER_IP_PER_HOUR: '100000',
		// W5 joins 33 people to one room through the API from this one address (Cyd allows 30 a minute).
		JOINS_PER_IP_PER_MINUTE: '100000',
	}
}

/** Whether `spec` takes part in `workload` under the `mode` plan. */
export function takesPart(spec: ServerSpec, workload: WorkloadName, mode: Mode): boolean {
	return !spec.workloads || spec.workloads[mode].includes(workload)
}

export const servers: ServerSpec[] = [
	{
		name: 'cyd',
		description: 'Cyd (apps/server, SQLite, durable)',
		protocol: 'y-websocket',
		durable: true,
		subject: true,
		command: (port, dataDir) => ({ args: [cydServerEntry], env: cydEnv(port, dataDir) }),
		readyPath: '/healthz',
		socketUrl: (port) => `ws://127.0.0.1:${port}/sync`,
		createRoom: cydRoom,
	},
	{
		name: 'cyd-2proc',
		description:
			'two Cyd processes (apps/server) sharing PostgreSQL and Redis, both on the server core; the clients of each room alternate between them; durable',
		protocol: 'y-websocket',
		durable: true,
		subject: true,
		processes: 2,
		shared: true,
		workloads: { quick: ['w1'], full: ['w1', 'w2'] },
		command: (port, dataDir, shared) => {
			if (!shared) throw new Error('cyd-2proc needs its shared PostgreSQL and Redis')
			return {
				args: [cydServerEntry],
				env: { ...cydEnv(port, dataDir), DATABASE_URL: shared.databaseUrl, REDIS_URL: shared.redisUrl, CYD_SECRET: shared.secret },
			}
		},
		// Ready only once PostgreSQL and Redis answer.
		readyPath: '/readyz',
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
	// CYD_BENCH_AB=<another build's apps/server/dist/main.js>: that build runs beside cyd in the same run,
	// on the same workloads, for an A/B of one change (e.g. a worktree of the commit before it).
	...(process.env.CYD_BENCH_AB
		? [
				{
					name: 'cyd-ab',
					description: `Cyd as built at ${process.env.CYD_BENCH_AB} (CYD_BENCH_AB), SQLite, durable: the A of an A/B beside cyd`,
					protocol: 'y-websocket',
					durable: true,
					subject: true,
					command: (port: number, dataDir: string) => ({
						args: [process.env.CYD_BENCH_AB!],
						// CYD_BENCH_AB_WEB=<another build's apps/web/dist>: the web app it serves (W4, W5), when only the client differs.
						env: { ...cydEnv(port, dataDir), ...(process.env.CYD_BENCH_AB_WEB ? { WEB_DIR: process.env.CYD_BENCH_AB_WEB } : {}) },
					}),
					readyPath: '/healthz',
					socketUrl: (port: number) => `ws://127.0.0.1:${port}/sync`,
					createRoom: cydRoom,
				} satisfies ServerSpec,
			]
		: []),
]

/** The core each server is pinned to; the generator runs on the other. */
export const SERVER_CORE = '0'

/** The PostgreSQL server `cyd-2proc` makes its database in (trust auth); CYD_BENCH_POSTGRES overrides it. */
const postgresBase = (process.env.CYD_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '')

const running = new Set<ChildProcess>()
const dataDirs = new Set<string>()
const databases = new Set<string>()

function psql(sql: string): string {
	return execFileSync('psql', [`${postgresBase}/postgres`, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: 20_000,
		env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
	})
}

function dropDatabase(name: string): void {
	try {
		psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
	} catch (error) {
		console.error(`could not drop database ${name}: ${(error as Error).message}`)
	}
	databases.delete(name)
}

function killAll(): void {
	for (const child of running) child.kill('SIGKILL')
	running.clear()
	for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
	dataDirs.clear()
	for (const name of [...databases]) dropDatabase(name)
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

/** Starts `command` pinned to the server core, handing what it prints to `onOutput`. */
function spawnPinned(command: string, args: string[], env: Record<string, string>, output: 'stdout' | 'stderr', onOutput: (text: string) => void): ChildProcess {
	const child = spawn('taskset', ['-c', SERVER_CORE, command, ...args], {
		env: { ...process.env, ...env },
		stdio: ['ignore', output === 'stdout' ? 'pipe' : 'ignore', 'pipe'],
	})
	running.add(child)
	child.stdout?.on('data', (chunk: Buffer) => onOutput(chunk.toString()))
	child.stderr?.on('data', (chunk: Buffer) => onOutput(chunk.toString()))
	child.once('exit', () => running.delete(child))
	return child
}

/** SIGTERM, as an operator would; SIGKILL after `graceMs`. */
async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
	child.kill('SIGTERM')
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
	await exited
	clearTimeout(timer)
}

/** Answers whether a Redis server answers PING on `port`. */
function redisPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1')
		let answer = ''
		const done = (ok: boolean) => {
			socket.destroy()
			resolve(ok)
		}
		socket.setTimeout(1000, () => done(false))
		socket.once('error', () => done(false))
		socket.once('connect', () => socket.write('PING\r\n'))
		socket.on('data', (chunk: Buffer) => {
			answer += chunk.toString()
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'))
		})
	})
}

/**
 * What the processes of one multi-process spec share: a fresh PostgreSQL database on the machine's server,
 * a private `redis-server` on a free port (pinned to the server core, nothing saved), and one secret.
 */
class SharedBackends {
	readonly database = `cyd_bench_${randomBytes(6).toString('hex')}`
	readonly secret = randomBytes(24).toString('hex')
	redis!: ChildProcess
	redisPort = 0
	private output = ''
	private readonly redisDir = mkdtempSync(join(tmpdir(), 'cyd-bench-redis-'))

	private constructor() {
		dataDirs.add(this.redisDir)
	}

	static async start(): Promise<SharedBackends> {
		const backends = new SharedBackends()
		try {
			await backends.startRedis()
			psql(`CREATE DATABASE ${backends.database}`)
			databases.add(backends.database)
		} catch (error) {
			await backends.stop()
			const stderr = (error as { stderr?: string }).stderr
			throw new Error(`shared backends did not start: ${(error as Error).message}${stderr ? ` ${stderr}` : ''}`)
		}
		return backends
	}

	private async startRedis(): Promise<void> {
		this.redisPort = await freePort()
		this.redis = spawnPinned(
			'redis-server',
			['--port', String(this.redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.redisDir],
			{},
			'stdout',
			(text) => {
				this.output = (this.output + text).slice(-2000)
			},
		)
		const deadline = Date.now() + 10_000
		while (Date.now() < deadline) {
			if (this.redis.exitCode !== null) break
			if (await redisPing(this.redisPort)) return
			await sleep(50)
		}
		throw new Error(`redis-server did not start (exit ${this.redis.exitCode}): ${this.output}`)
	}

	get urls(): Shared {
		return { databaseUrl: `${postgresBase}/${this.database}`, redisUrl: `redis://127.0.0.1:${this.redisPort}`, secret: this.secret }
	}

	get redisPid(): number | undefined {
		return this.redis?.pid
	}

	async stop(): Promise<void> {
		if (this.redis) await stopChild(this.redis, 5000)
		if (databases.has(this.database)) dropDatabase(this.database)
		rmSync(this.redisDir, { recursive: true, force: true })
		dataDirs.delete(this.redisDir)
	}
}

/** One server process; `launch` again after `stop` restarts it on the same data directory. */
class ServerProcess {
	child!: ChildProcess
	port = 0
	stderr = ''
	readonly dataDir: string

	constructor(
		readonly spec: ServerSpec,
		readonly label: string,
	) {
		this.dataDir = mkdtempSync(join(tmpdir(), `cyd-bench-${spec.name}-`))
		dataDirs.add(this.dataDir)
	}

	get pid(): number {
		const pid = this.child.pid
		if (pid === undefined) throw new Error(`${this.label} has no pid`)
		return pid
	}

	async launch(shared: Shared | null): Promise<void> {
		this.port = await freePort()
		const { args, env } = this.spec.command(this.port, this.dataDir, shared)
		this.stderr = ''
		// CYD_BENCH_PROFILE=<dir>: every server process writes a CPU profile there when it stops.
		const profileDir = process.env.CYD_BENCH_PROFILE
		const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${this.label.replace(/\W+/g, "-")}-${Date.now()}.cpuprofile`] : []
		const child = spawnPinned(process.execPath, [...profile, ...args], { NODE_ENV: 'production', ...env }, 'stderr', (text) => {
			this.stderr = (this.stderr + text).slice(-4000)
		})
		this.child = child
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
		throw new Error(`${this.label} did not start (exit ${child.exitCode}): ${this.stderr}`)
	}

	/** Asks the process to stop (SIGTERM), waits for it, and kills it after 15 s. */
	async stop(): Promise<void> {
		if (this.child) await stopChild(this.child, 15_000)
	}

	get alive(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null
	}

	dispose(): void {
		rmSync(this.dataDir, { recursive: true, force: true })
		dataDirs.delete(this.dataDir)
	}
}

/** One measured process of a server: its CPU always counts; its memory only if `countsMemory`. */
export interface PartReading {
	name: string
	cpuSeconds: number
	peakRssMiB: number
	countsMemory: boolean
}

/**
 * One server under test: its process, or for a multi-process spec all of them and the backends they share.
 * Its CPU is the sum over its processes and, when it runs one, its private Redis; its memory is the sum
 * over its own processes. `restart` keeps the data.
 */
export class RunningServer {
	readonly processes: ServerProcess[]
	private backends: SharedBackends | null = null

	private constructor(readonly spec: ServerSpec) {
		const count = spec.processes ?? 1
		this.processes = Array.from({ length: count }, (_, i) => new ServerProcess(spec, count > 1 ? `${spec.name} process ${i + 1}` : spec.name))
	}

	static async start(spec: ServerSpec): Promise<RunningServer> {
		const server = new RunningServer(spec)
		try {
			if (spec.shared) server.backends = await SharedBackends.start()
			await server.launch()
		} catch (error) {
			await server.dispose()
			throw error
		}
		return server
	}

	/** One process after the other, so that only the first sets up a shared database. */
	private async launch(): Promise<void> {
		for (const p of this.processes) await p.launch(this.backends?.urls ?? null)
	}

	/** The first process's pid. */
	get pid(): number {
		return this.processes[0]!.pid
	}

	/** Cumulative CPU seconds and peak RSS of every measured process. */
	read(): PartReading[] {
		const parts: PartReading[] = this.processes.map((p, i) => ({
			name: this.processes.length > 1 ? `process ${i + 1}` : this.spec.name,
			cpuSeconds: cpuSeconds(p.pid),
			peakRssMiB: peakRssMiB(p.pid),
			countsMemory: true,
		}))
		const redis = this.backends?.redisPid
		if (redis !== undefined) parts.push({ name: 'redis', cpuSeconds: cpuSeconds(redis), peakRssMiB: peakRssMiB(redis), countsMemory: false })
		return parts
	}

	cpuSeconds(): number {
		return this.read().reduce((sum, p) => sum + p.cpuSeconds, 0)
	}

	peakRssMiB(): number {
		return this.read().reduce((sum, p) => sum + (p.countsMemory ? p.peakRssMiB : 0), 0)
	}

	rssMiB(): number {
		return this.processes.reduce((sum, p) => sum + rssMiB(p.pid), 0)
	}

	async stop(): Promise<void> {
		await Promise.all(this.processes.map((p) => p.stop()))
	}

	async restart(): Promise<void> {
		await this.stop()
		await this.launch()
	}

	async dispose(): Promise<void> {
		await this.stop()
		for (const p of this.processes) p.dispose()
		await this.backends?.stop()
		this.backends = null
	}

	/** Rooms are made through the first process; the others find them in the shared database. */
	createRoom(hint: string): Promise<string> {
		return this.spec.createRoom(this.processes[0]!.port, hint)
	}

	/** One websocket URL per process; the clients of each room alternate between them. */
	get socketUrls(): string[] {
		return this.processes.map((p) => this.spec.socketUrl(p.port))
	}

	get socketUrl(): string {
		return this.socketUrls[0]!
	}

	get alive(): boolean {
		return this.processes.every((p) => p.alive) && (this.backends?.redis.exitCode ?? null) === null
	}

	get stderr(): string {
		return this.processes.map((p) => (p.alive ? '' : `${p.label}: ${p.stderr}`)).join(' ').trim()
	}
}
