/**
 * The production bundle, made as the Dockerfile makes it (scripts/bundle.sh): it holds no development
 * dependency and nothing of the source tree, and a server started from it with plain `node` (no NODE_PATH,
 * nothing of this checkout's environment) serves the web app and a room that a stock y-websocket client opens.
 */
import { execFile, spawn } from 'node:child_process'
import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient, createRoom, synced, tempDataDir, until, type Client, type ServerProcess } from './helpers.js'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const SERVER_PACKAGE = JSON.parse(readFileSync(join(ROOT, 'apps/server/package.json'), 'utf8')) as { devDependencies: Record<string, string> }

let bundle: string
const clients: Client[] = []
let server: ServerProcess | undefined

beforeAll(async () => {
	bundle = join(tempDataDir(), 'bundle')
	// The test command builds before it runs the tests; the script checks that it did.
	await run('bash', [join(ROOT, 'scripts/bundle.sh'), '--no-build', bundle], { cwd: ROOT })
}, 120_000)

afterAll(async () => {
	for (const c of clients) c.destroy()
	server?.child.kill('SIGKILL')
})

/** Every path under `dir`, not following links. */
function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name)
		return entry.isDirectory() ? [path, ...walk(path)] : [path]
	})
}

/** The environment of a machine that has only the bundle: no NODE_PATH, nothing of this checkout's. */
function bareEnvironment(dataDir: string): NodeJS.ProcessEnv {
	return {
		PATH: process.env.PATH,
		PORT: '0',
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		LOG_LEVEL: 'info',
		CYD_SECRET: 'a secret for the bundle test, long enough to sign links',
		// The suite's run on the LTS Node (scripts/test-on-lts.mjs) points better-sqlite3 at an addon built for it.
		...(process.env.CYD_BETTER_SQLITE3_BINDING ? { NODE_OPTIONS: process.env.NODE_OPTIONS, CYD_BETTER_SQLITE3_BINDING: process.env.CYD_BETTER_SQLITE3_BINDING } : {}),
	}
}

async function startFromBundle(dataDir: string): Promise<ServerProcess> {
	const child = spawn(process.execPath, ['apps/server/dist/main.js'], { cwd: bundle, env: bareEnvironment(dataDir), stdio: ['ignore', 'pipe', 'inherit'] })
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
	const port = await new Promise<number>((resolve, reject) => {
		createInterface({ input: child.stdout }).on('line', (line) => {
			try {
				const entry = JSON.parse(line) as { msg?: string; port?: number }
				if (entry.msg === 'cyd listening' && entry.port) resolve(entry.port)
			} catch {
				// not a log line
			}
		})
		child.on('exit', (code) => reject(new Error(`the bundled server exited with ${code} before listening`)))
	})
	return { child, url: `http://127.0.0.1:${port}`, exited }
}

describe('the production bundle', () => {
	it('holds no development dependency, no source and no link out of itself', () => {
		const paths = walk(bundle)
		const modules = join(bundle, 'apps/server/node_modules')
		const present = Object.keys(SERVER_PACKAGE.devDependencies).filter((name) => paths.includes(join(modules, name)))
		expect(present, 'development dependencies of the server').toEqual([])
		const store = readdirSync(join(modules, '.pnpm'))
		expect(store.filter((name) => /^(vitest|@vitest\+|vite@|fast-check|y-websocket|eslint|turbo|@playwright\+)/.test(name))).toEqual([])

		const workspace = readdirSync(join(modules, '@cyd')).map((name) => realpathSync(join(modules, '@cyd', name)))
		expect(workspace.length).toBeGreaterThanOrEqual(5)
		for (const pkg of workspace) {
			const sources = walk(pkg).filter((p) => (p.endsWith('.ts') && !p.endsWith('.d.ts')) || p.endsWith('.tsx'))
			expect(sources, pkg).toEqual([])
		}
		expect(paths.filter((p) => /\.(ts|tsx)$/.test(p) && !p.endsWith('.d.ts') && !p.includes('node_modules'))).toEqual([])

		const outside = paths
			.filter((p) => lstatSync(p).isSymbolicLink())
			.map((p) => resolve(dirname(p), readlinkSync(p)))
			.filter((target) => !target.startsWith(`${bundle}/`))
		expect(outside).toEqual([])
		expect(paths).toContain(join(bundle, 'apps/web/dist/index.html'))
	})

	it('serves the web app and a room that stock clients open, from plain node in the bundle folder', async () => {
		server = await startFromBundle(tempDataDir())
		expect((await fetch(`${server.url}/readyz`)).status).toBe(200)
		const page = await fetch(`${server.url}/`)
		expect(await page.text()).toBe(readFileSync(join(bundle, 'apps/web/dist/index.html'), 'utf8'))

		const room = await createRoom(server.url)
		const [a, b] = [connectClient(server.url, room), connectClient(server.url, room)]
		clients.push(a, b)
		await Promise.all([synced(a), synced(b)])
		a.doc.getMap('notes').set('from-a', 'made in the bundle')
		await until(b.doc, () => b.doc.getMap('notes').get('from-a') === 'made in the bundle')

		const help = await run(join(bundle, 'bin/cyd'), ['help'], { env: bareEnvironment(tempDataDir()) })
		expect(help.stdout).toMatch(/cyd backup <folder>/)

		server.child.kill('SIGTERM')
		expect(await server.exited).toBe(0)
		server = undefined
	})
})
