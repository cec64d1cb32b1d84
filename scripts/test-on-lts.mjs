#!/usr/bin/env node
/**
 * Runs the server's test suite on the Node LTS line named in .nvmrc, besides the machine's own Node.
 * Node's binaries come from the npm registry (node-<platform>-<arch>@<major>); better-sqlite3's addon is
 * compiled for that Node's ABI once, with the headers that ship in the same package, and loaded in its
 * place by scripts/lts/native-addon.mjs. Both are kept in CYD_CACHE_DIR (default ~/.cache/cyd): after the
 * first run nothing is downloaded or compiled. CYD_LTS_REFRESH=1 fetches the newest release of the line.
 *
 *   node scripts/test-on-lts.mjs [vitest run arguments]     (default: apps/server/test)
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, homedir, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const major = readFileSync(join(root, '.nvmrc'), 'utf8').trim().replace(/^v/, '')
const platform = `${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`
const cache = process.env.CYD_CACHE_DIR || join(homedir(), '.cache', 'cyd')
const say = (message) => console.log(`test-on-lts: ${message}`)
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`

if (process.versions.node.split('.')[0] === major) {
	say(`this is Node ${process.version}, the LTS line of .nvmrc: the suite has run on it already`)
	process.exit(0)
}
if (!['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64'].includes(platform)) {
	say(`skipped: no Node package for ${platform} on the npm registry`)
	process.exit(0)
}

/** Node <major> from the registry, unpacked into the cache once. */
function ltsNode() {
	const dir = join(cache, `node-${major}-${platform}`)
	const node = join(dir, 'bin', 'node')
	if (existsSync(node) && process.env.CYD_LTS_REFRESH !== '1') return { dir, node }
	const started = Date.now()
	const work = mkdtempSync(join(tmpdir(), 'cyd-node-'))
	const tarball = execFileSync('npm', ['pack', `node-${platform}@${major}`, '--pack-destination', work, '--silent'], { encoding: 'utf8' }).trim().split('\n').pop()
	mkdirSync(join(work, 'node'))
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', join(work, 'node'), '--strip-components=1'])
	rmSync(dir, { recursive: true, force: true })
	mkdirSync(dirname(dir), { recursive: true })
	renameSync(join(work, 'node'), dir)
	rmSync(work, { recursive: true, force: true })
	say(`fetched ${tarball} in ${seconds(started)}`)
	return { dir, node }
}

/** better-sqlite3's addon, as this checkout installed it, compiled for `node` (and cached by ABI). */
function betterSqlite3For({ dir, node }) {
	const fromPackage = createRequire(join(root, 'packages/storage-sqlite/package.json'))
	const source = dirname(fromPackage.resolve('better-sqlite3/package.json'))
	const { version } = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'))
	const abi = execFileSync(node, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).trim()
	const addon = join(cache, `better-sqlite3-${version}-abi${abi}-${platform}`, 'better_sqlite3.node')
	if (existsSync(addon)) return addon
	const nodeGyp = join(execFileSync('npm', ['root', '--global'], { encoding: 'utf8' }).trim(), 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
	if (!existsSync(nodeGyp)) throw new Error(`node-gyp not found at ${nodeGyp} (it comes with npm)`)
	if (!existsSync(join(source, 'deps')) || !existsSync(join(source, 'src'))) throw new Error(`${source} holds no sources to compile`)
	const started = Date.now()
	const work = mkdtempSync(join(tmpdir(), 'cyd-better-sqlite3-'))
	for (const part of ['binding.gyp', 'package.json', 'src', 'deps']) cpSync(join(source, part), join(work, part), { recursive: true })
	// npm's own settings (npx passes them on as npm_config_*, nodedir among them) would send node-gyp to
	// the machine's Node headers: it builds with this Node's, and nothing else.
	const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)))
	const built = spawnSync(node, [nodeGyp, 'rebuild', '--release', `--nodedir=${dir}`, `--jobs=${cpus().length}`], { cwd: work, encoding: 'utf8', env })
	if (built.status !== 0) {
		process.stderr.write(built.stdout + built.stderr)
		throw new Error(`compiling better-sqlite3 ${version} for Node ${major} failed`)
	}
	mkdirSync(dirname(addon), { recursive: true })
	cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), addon)
	rmSync(work, { recursive: true, force: true })
	say(`compiled better-sqlite3 ${version} for ABI ${abi} in ${seconds(started)}`)
	return addon
}

const started = Date.now()
const lts = ltsNode()
const addon = betterSqlite3For(lts)
const version = execFileSync(lts.node, ['--version'], { encoding: 'utf8' }).trim()
say(`Node ${version} and its better-sqlite3 ready in ${seconds(started)}`)

const args = process.argv.slice(2)
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs')
const testsStarted = Date.now()
const run = spawnSync(lts.node, [vitest, 'run', ...(args.length > 0 ? args : ['apps/server/test'])], {
	cwd: root,
	stdio: 'inherit',
	// The tests start their servers with this Node (process.execPath); tools they run by name (pnpm) keep
	// the machine's, whose install this checkout's native addons were built by.
	env: {
		...process.env,
		NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${pathToFileURL(join(root, 'scripts', 'lts', 'native-addon.mjs')).href}`.trim(),
		CYD_BETTER_SQLITE3_BINDING: addon,
	},
})
say(`the server's tests on Node ${version}: ${run.status === 0 ? 'passed' : 'FAILED'} in ${seconds(testsStarted)}`)
process.exit(run.status ?? 1)
