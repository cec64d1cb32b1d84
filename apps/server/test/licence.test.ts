/**
 * tldraw's licence: the key reaches every editor the web app makes, and the server warns at start when
 * its public address is one where tldraw needs a key and none is set.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pino from 'pino'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/index.js'
import { startupWarnings, tldrawSeesProduction } from '../src/warnings.js'
import { startTestServer } from './helpers.js'

const WEB_SRC = fileURLToPath(new URL('../../web/src', import.meta.url))

/** A server started with `env`, and the warnings about tldraw's licence it logged. */
async function warningsAtStart(env: Record<string, string>): Promise<string[]> {
	const lines: string[] = []
	const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push((JSON.parse(line) as { msg: string }).msg) })
	const server = await startTestServer(env, { logger })
	const config = await (await fetch(`${server.url}/api/config`)).json()
	await server.close()
	expect(config).toEqual({ tldrawLicenseKey: env.TLDRAW_LICENSE_KEY ?? null })
	return lines.filter((message) => message.includes('TLDRAW_LICENSE_KEY'))
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name)
		if (entry.isDirectory()) return sourceFiles(path)
		return entry.name.endsWith('.tsx') && !entry.name.endsWith('.test.tsx') ? [path] : []
	})
}

/** Every tldraw editor element (`<Tldraw>`, `<TldrawEditor>`) in the web app, and whether it is given the licence key. */
function editorsInWebApp(): { where: string; licensed: boolean }[] {
	const found: { where: string; licensed: boolean }[] = []
	for (const file of sourceFiles(WEB_SRC)) {
		const text = readFileSync(file, 'utf8')
		const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
		const visit = (node: ts.Node) => {
			if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && /^Tldraw(Editor)?$/.test(node.tagName.getText())) {
				const licensed = node.attributes.properties.some((p) =>
					ts.isJsxAttribute(p) ? p.name.getText() === 'licenseKey' : ts.isJsxSpreadAttribute(p) && /\blicenseKey\b/.test(p.expression.getText()),
				)
				const { line } = source.getLineAndCharacterOfPosition(node.getStart())
				found.push({ where: `${file.slice(WEB_SRC.length + 1)}:${line + 1}`, licensed })
			}
			ts.forEachChild(node, visit)
		}
		visit(source)
	}
	return found
}

describe("tldraw's licence key", () => {
	it('is given to every tldraw editor the web app makes', () => {
		const editors = editorsInWebApp()
		// The room's canvas and the saved-version viewer at least.
		expect(editors.length).toBeGreaterThanOrEqual(2)
		expect(editors.filter((e) => !e.licensed).map((e) => e.where)).toEqual([])
	})

	it('is missed at start only where tldraw needs it: HTTPS on a host that is not this machine', async () => {
		expect(tldrawSeesProduction('https://cyd.example.org')).toBe(true)
		for (const url of ['', 'http://cyd.example.org', 'http://192.168.1.20:8787', 'https://localhost:8443', 'https://127.0.0.1', 'https://[::1]', 'https://cyd.localhost']) {
			expect(tldrawSeesProduction(url), url).toBe(false)
		}
		expect(startupWarnings(loadConfig({ PUBLIC_URL: 'https://cyd.example.org', TLDRAW_LICENSE_KEY: 'tldraw-key' }))).toEqual([])

		const unlicensed = await warningsAtStart({ PUBLIC_URL: 'https://cyd.example.org' })
		expect(unlicensed).toHaveLength(1)
		expect(unlicensed[0]).toMatch(/blanks it five seconds after it opens/)
		expect(await warningsAtStart({ PUBLIC_URL: 'https://cyd.example.org', TLDRAW_LICENSE_KEY: 'tldraw-key' })).toEqual([])
		expect(await warningsAtStart({ PUBLIC_URL: 'http://192.168.1.20:8787' })).toEqual([])
	})
})
