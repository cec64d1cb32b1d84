// Writes every export of the test fixture to a folder (default /tmp/cyd-export), to look at by eye:
//   pnpm --filter @cyd/export build && node packages/export/scripts/sample.mjs [folder]
// then, for example, render report-en.html with headless Chromium and report-en.pdf with pdftoppm.
// Not run by the tests.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'
import { CSV_TABLES, designCsv, designCsvZip, designHtml, designJson, designMarkdown, designPdf } from '../dist/index.js'

const out = process.argv[2] ?? '/tmp/cyd-export'
mkdirSync(out, { recursive: true })

// The fixture is TypeScript that imports only types: transpile it on the fly.
const source = readFileSync(new URL('../src/test-support/fixture.ts', import.meta.url), 'utf8')
const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } })
const fixtureFile = join(out, 'fixture.mjs')
writeFileSync(fixtureFile, outputText)
const { fixtureDesign } = await import(pathToFileURL(fixtureFile).href)
const design = fixtureDesign()

for (const language of ['en', 'cy']) {
	for (const agreedOnly of [false, true]) {
		const options = { language, agreedOnly }
		const name = `report-${language}${agreedOnly ? '-agreed' : ''}`
		writeFileSync(join(out, `${name}.html`), designHtml(design, options))
		writeFileSync(join(out, `${name}.md`), designMarkdown(design, options))
		writeFileSync(join(out, `${name}.pdf`), await designPdf(design, options))
		writeFileSync(join(out, `${name}.json`), designJson(design, options))
		writeFileSync(join(out, `${name}.zip`), designCsvZip(design, options))
		for (const table of CSV_TABLES) writeFileSync(join(out, `${name}-${table}.csv`), designCsv(design, table, options))
	}
	writeFileSync(join(out, `public-${language}.html`), designHtml(design, { language, agreedOnly: true, publicPage: true }))
}
console.log(`Wrote the fixture's exports to ${out}`)
