#!/usr/bin/env node
/**
 * Writes THIRD_PARTY_NOTICES.md: every package the server and the web app ship with (their production
 * dependencies, as `pnpm licenses list --prod` finds them), its licence and the licence text it carries.
 *
 *   node scripts/notices.mjs            write the file
 *   node scripts/notices.mjs --check    exit 1 when the file is not what would be written (a test runs this)
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const target = join(root, 'THIRD_PARTY_NOTICES.md')

/** pnpm as installed, or the one running this (a package script). */
function pnpm(args) {
	const viaScript = process.env.npm_execpath && process.env.npm_execpath.includes('pnpm')
	const [command, ...prefix] = viaScript ? [process.execPath, process.env.npm_execpath] : ['pnpm']
	return execFileSync(command, [...prefix, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
}

const listed = JSON.parse(pnpm(['--filter', '@cyd/server', '--filter', '@cyd/web', 'licenses', 'list', '--prod', '--json']))
const packages = Object.values(listed)
	.flat()
	.filter((p) => !p.name.startsWith('@cyd/'))
	.sort((a, b) => a.name.localeCompare(b.name))

/** The licence files a package carries, in a stable order. */
function licenceTexts(dir) {
	return readdirSync(dir)
		.filter((name) => /^(licen[cs]e|copying|notice)/i.test(name))
		.sort()
		.map((name) => readFileSync(join(dir, name), 'utf8').replace(/\r\n/g, '\n').trim())
}

const lines = [
	'# Third-party notices',
	'',
	"Cyd's server and web app ship with the packages below (their production dependencies, found by",
	'`pnpm licenses list --prod`); each is under its own licence, given with the text the package carries.',
	'Regenerate this file with `node scripts/notices.mjs` after changing dependencies; the test suite checks it.',
	'',
	'**tldraw** (`tldraw`, `@tldraw/editor`, `@tldraw/assets`, `@tldraw/driver`) is not open source: it is under',
	'the tldraw license (https://github.com/tldraw/tldraw/blob/main/LICENSE.md), which allows development and',
	'testing without a licence key and needs a key (trial, hobby with a watermark, or commercial) for a',
	"production deployment, that is HTTPS on a public host. The packages carry only a link to it; the README's",
	'"tldraw licence" section says what a deployment needs. The other `@tldraw/*` packages are MIT.',
	'',
	'| package | version | licence |',
	'| --- | --- | --- |',
	...packages.map((p) => `| ${p.name} | ${p.versions.join(', ')} | ${p.license === 'Unknown' ? 'see below' : p.license} |`),
	'',
]
for (const p of packages) {
	lines.push(`## ${p.name} ${p.versions.join(', ')}`, '')
	lines.push(`Licence: ${p.license === 'Unknown' ? 'see the text below' : p.license}${p.homepage ? ` · ${p.homepage}` : ''}`, '')
	const texts = licenceTexts(p.paths[0])
	if (texts.length === 0) lines.push(`The package carries no licence file; its package.json declares ${p.license}.`, '')
	for (const text of texts) lines.push('```text', text.replace(/```/g, "'''"), '```', '')
}
const notices = lines.join('\n')

if (process.argv.includes('--check')) {
	let current = ''
	try {
		current = readFileSync(target, 'utf8')
	} catch {
		// missing: not current
	}
	if (current !== notices) {
		console.error('THIRD_PARTY_NOTICES.md is not current: run `node scripts/notices.mjs`')
		process.exit(1)
	}
	console.log(`THIRD_PARTY_NOTICES.md is current (${packages.length} packages)`)
} else {
	writeFileSync(target, notices)
	console.log(`wrote THIRD_PARTY_NOTICES.md (${packages.length} packages)`)
}
