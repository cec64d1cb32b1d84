/** Real PostgreSQL and Redis for scale-out tests: a fresh database on the machine's server, a private redis-server. */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import pg from 'pg'

export const ADMIN_URL = process.env.CYD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface TestDatabase {
	url: string
	drop(): Promise<void>
}

/** Creates an empty database on the local PostgreSQL and answers its URL. */
export async function createDatabase(): Promise<TestDatabase> {
	const name = `cyd_test_${randomBytes(6).toString('hex')}`
	const admin = new pg.Client({ connectionString: ADMIN_URL })
	await admin.connect()
	await admin.query(`CREATE DATABASE ${name}`)
	await admin.end()
	const url = new URL(ADMIN_URL)
	url.pathname = `/${name}`
	return {
		url: url.toString(),
		async drop() {
			const client = new pg.Client({ connectionString: ADMIN_URL })
			await client.connect()
			await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
			await client.end()
		},
	}
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer()
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number }
			server.close(() => resolve(port))
		})
		server.on('error', reject)
	})
}

export interface TestRedis {
	url: string
	child: ChildProcess
	stop(): Promise<void>
}

/** Starts a private redis-server (no persistence) and waits until it accepts connections. */
export async function startRedis(port?: number): Promise<TestRedis> {
	const chosen = port ?? (await freePort())
	const child = spawn('redis-server', ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
		stdio: ['ignore', 'pipe', 'inherit'],
	})
	await new Promise<void>((resolve, reject) => {
		let output = ''
		child.stdout!.on('data', (chunk: Buffer) => {
			output += chunk.toString()
			if (output.includes('Ready to accept connections')) resolve()
		})
		child.on('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)))
	})
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
	return {
		url: `redis://127.0.0.1:${chosen}`,
		child,
		async stop() {
			child.kill('SIGKILL')
			await exited
		},
	}
}
