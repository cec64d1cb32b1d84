/**
 * The files people deploy from say what the code does: .env.example lists every setting the server reads,
 * each with its real default; the image, .nvmrc and `engines` name one Node LTS line; the compose and
 * Kubernetes examples set what several processes behind a proxy need; the third-party notices are current.
 */
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/index.js'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')

/** The variables config.ts reads. */
function settingsRead(): string[] {
	const source = read('apps/server/src/config.ts')
	const names = [...source.matchAll(/env\.([A-Z][A-Z0-9_]*)|integer\(env, '([A-Z][A-Z0-9_]*)'/g)].map((m) => m[1] ?? m[2]!)
	return [...new Set(names)].sort()
}

/** `# NAME=value` lines of .env.example. */
function settingsListed(): Map<string, string> {
	const listed = new Map<string, string>()
	for (const line of read('.env.example').split('\n')) {
		const match = /^#? ?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line)
		if (match) listed.set(match[1]!, match[2]!)
	}
	return listed
}

describe('.env.example', () => {
	it('lists every setting the server reads, once', () => {
		const listed = settingsListed()
		expect([...listed.keys()].sort()).toEqual(settingsRead())
		expect(read('.env.example').match(/^#? ?[A-Z][A-Z0-9_]*=/gm)).toHaveLength(listed.size)
	})

	it('gives each its default: setting it to what is written changes nothing', () => {
		const defaults = loadConfig({})
		for (const [name, value] of settingsListed()) {
			expect(loadConfig({ [name]: value }), `${name}=${value}`).toEqual(defaults)
		}
	})
})

describe('Node, the image and the examples', () => {
	const major = read('.nvmrc').trim()

	it('name one Node LTS line: .nvmrc, the Dockerfile, engines and the README', () => {
		expect(major).toMatch(/^\d+$/)
		expect(read('Dockerfile')).toMatch(new RegExp(`^ARG NODE_VERSION=${major}$`, 'm'))
		const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node
		expect(engines.split('||').map((r) => r.trim())).toContain(`^${major}.0.0`)
		expect(read('README.md')).toContain(`Node ${major}`)
	})

	it('the Dockerfile builds with the bundle script, runs as an unprivileged user and checks /readyz', () => {
		const dockerfile = read('Dockerfile')
		const packageManager = (JSON.parse(read('package.json')) as { packageManager: string }).packageManager
		expect(dockerfile).toContain(`ARG PNPM_VERSION=${packageManager.replace('pnpm@', '')}`)
		expect(dockerfile).toMatch(/RUN pnpm install --frozen-lockfile/)
		expect(dockerfile).toMatch(/RUN scripts\/bundle\.sh \/bundle/)
		const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '))
		expect(runtime).toMatch(/\nUSER node\n/)
		expect(runtime).toMatch(/HEALTHCHECK[\s\S]*\/readyz/)
		expect(runtime.indexOf('USER node')).toBeLessThan(runtime.indexOf('CMD '))
		for (const ignored of ['**/node_modules', '**/dist', '.git']) expect(read('.dockerignore').split('\n')).toContain(ignored)
	})

	it('compose runs the image with the settings several processes behind nginx need', () => {
		const compose = read('docs/deploy/compose.yaml')
		const here = join(ROOT, 'docs/deploy')
		const context = /context: (\S+)/.exec(compose)![1]!
		expect(existsSync(join(resolve(here, context), /dockerfile: (\S+)/.exec(compose)![1]!))).toBe(true)
		expect(existsSync(resolve(here, /"(\.\/nginx\.conf):/.exec(compose)![1]!))).toBe(true)
		for (const setting of ['DATABASE_URL', 'REDIS_URL', 'PUBLIC_URL', 'CYD_SECRET', 'TLDRAW_LICENSE_KEY']) expect(compose).toMatch(new RegExp(`\\n\\s+${setting}: `))
		expect(compose).toMatch(/\n\s+TRUST_PROXY: "1"/)
		const deadline = Number(/SHUTDOWN_DEADLINE_MS: "(\d+)"/.exec(compose)![1])
		expect(Number(/stop_grace_period: (\d+)s/.exec(compose)![1]) * 1000).toBeGreaterThan(deadline)
	})

	it('Kubernetes runs the image with the same settings, probes and a grace period past the deadline', () => {
		const manifest = read('docs/deploy/kubernetes.yaml')
		for (const setting of ['DATABASE_URL', 'REDIS_URL', 'CYD_SECRET', 'TLDRAW_LICENSE_KEY']) expect(manifest).toMatch(new RegExp(`\\n\\s+${setting}: `))
		expect(manifest).toMatch(/name: TRUST_PROXY, value: "1"/)
		expect(manifest).toMatch(/name: PUBLIC_URL, value: https:/)
		expect(manifest).toMatch(/readinessProbe:\s+httpGet: \{ path: \/readyz/)
		expect(manifest).toMatch(/runAsNonRoot: true/)
		const deadline = Number(/name: SHUTDOWN_DEADLINE_MS, value: "(\d+)"/.exec(manifest)![1])
		expect(Number(/terminationGracePeriodSeconds: (\d+)/.exec(manifest)![1]) * 1000).toBeGreaterThan(deadline)
	})
})

describe('the third-party notices', () => {
	it('name every package the server and the web app ship with, as they are installed now', async () => {
		const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/notices.mjs'), '--check'], { cwd: dirname(ROOT) })
		expect(stdout).toMatch(/is current/)
		expect(read('THIRD_PARTY_NOTICES.md')).toMatch(/\| tldraw \| 5\.\d+\.\d+ \| see below \|/)
	}, 60_000)
})
