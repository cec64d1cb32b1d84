import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { messagesOf } from './messages.js'
import { designPdf } from './pdf.js'
import { fontBytes, type Face } from './pdf-pen.js'
import { ACTION_TEXT, FORMULA, HOSTILE, PHOTO_URL, TABLE_NOTE, WELSH, fixtureDesign } from './test-support/fixture.js'
import { elements, pdfStructure, textOf } from './test-support/pdf-structure.js'
import { pdfText } from './test-support/pdf-text.js'

/** A 1 x 1 PNG. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0))

const fontkit = createRequire(import.meta.url)('fontkit') as { create(bytes: Buffer): { hasGlyphForCodePoint(code: number): boolean } }

/** The text of a PDF with all whitespace taken out, so words wrapped onto two lines still match. */
function squeezed(lines: string[]): string {
	return lines.join('').replace(/\s+/g, '')
}
const squeeze = (text: string) => text.replace(/\s+/g, '')

describe('designPdf', () => {
	it('writes a PDF whose text holds the Welsh and the hostile words as they were written', async () => {
		const bytes = await designPdf(fixtureDesign(), { language: 'en', agreedOnly: false })
		expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')
		const lines = pdfText(bytes)
		expect(lines).toContain(WELSH)
		expect(lines).toContain('<script>alert(1)</script> [x](javascript:alert(1))')
		expect(squeezed(lines)).toContain(squeeze(HOSTILE))
		expect(lines).toContain(FORMULA)
		expect(lines).toContain('Dewin Dŵr')
		expect(lines.join('\n')).not.toContain('\uFFFD')
	})

	it('draws every section and the blueprint, with a page number on every page', async () => {
		const lines = pdfText(await designPdf(fixtureDesign(), { language: 'en', agreedOnly: false }))
		for (const heading of ['Summary', 'Service journey', 'Service blueprint', 'Stakeholders', 'Community assets', 'Relationships', 'Votes', 'Decisions', 'Contributors']) {
			expect(lines).toContain(heading)
		}
		expect(lines).toContain('Noticing the problem')
		expect(lines).toContain('Very bad')
		const pages = lines.filter((l) => /^Page \d+ of \d+$/.test(l))
		expect(pages.length).toBeGreaterThan(2)
		expect(pages.at(-1)).toBe(`Page ${pages.length} of ${pages.length}`)
	})

	it('puts the blueprint on an A4 landscape page and the rest on A4 portrait', async () => {
		const text = new TextDecoder('latin1').decode(await designPdf(fixtureDesign(), { language: 'en', agreedOnly: false }))
		const boxes = [...text.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])])
		expect(boxes).toContainEqual([841.89, 595.28])
		expect(boxes[0]).toEqual([595.28, 841.89])
	})

	it('speaks Welsh in cy, with Welsh headings and letters', async () => {
		const lines = pdfText(await designPdf(fixtureDesign(), { language: 'cy', agreedOnly: false }))
		for (const heading of ['Crynodeb', 'Taith y gwasanaeth', 'Rhanddeiliaid', 'Asedau cymunedol', 'Penderfyniadau', 'Cyfranwyr']) {
			expect(lines).toContain(heading)
		}
		expect(lines).toContain('Glasbrint gwasanaeth')
		expect(lines.some((l) => /^Tudalen 1 o \d+$/.test(l))).toBe(true)
	})

	it('leaves out what was not agreed when asked', async () => {
		const lines = pdfText(await designPdf(fixtureDesign(), { language: 'en', agreedOnly: true }))
		expect(squeezed(lines)).not.toContain(squeeze(HOSTILE).slice(0, 20))
		expect(lines).toContain(WELSH)
		expect(lines).not.toContain('Cllr Jones')
	})

	it('uses a font that has every letter of every message in both languages', () => {
		const letters = new Set([...Object.values(messagesOf('en')), ...Object.values(messagesOf('cy')), 'âêîôûŵŷÂÊÎÔÛŴŶáéíóúàèìòùäëïöüÿ’‘“”–—…·'].join(''))
		for (const face of ['regular', 'semibold', 'bold'] satisfies Face[]) {
			const font = fontkit.create(fontBytes(face))
			const missing = [...letters].filter((ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0)!))
			expect(missing, face).toEqual([])
		}
	})
})

describe('the PDF is tagged', () => {
	it('says so, in its language, with a structure tree: the title as H1, a section with its H2 each, H3 and H4 below', async () => {
		const structure = pdfStructure(await designPdf(fixtureDesign(), { language: 'en', agreedOnly: false }))
		expect(structure.marked).toBe(true)
		expect(structure.lang).toBe('en')
		const root = structure.root!
		expect(root.type).toBe('Document')
		expect(root.children.slice(0, 2).map((e) => [e.type, textOf(e)])).toEqual([
			['P', 'SERVICE DESIGN REPORT'],
			['H1', 'Reporting a housing repair'],
		])
		const sections = root.children.filter((e) => e.type === 'Sect')
		expect(sections.map((s) => [s.children[0]!.type, textOf(s.children[0]!)])).toEqual(
			[
				'Summary',
				'Service journey',
				'Stakeholders',
				'Community assets',
				'Relationships',
				'Notes and other contributions',
				'Outcomes and how we will know',
				'Actions',
				'Parked and not taken forward',
				'Votes',
				'Decisions',
				'Contributors',
			].map((t) => ['H2', t]),
		)
		const all = elements(root)
		expect(all.filter((e) => e.type === 'H3').map(textOf)).toEqual([
			'Report a repair',
			'On the service blueprint',
			'On the stakeholder map',
			'Elsewhere on the board',
			'Report a repair once, and know when someone will come',
			'Fewer calls chasing a repair',
			ACTION_TEXT,
			'Staff who speak Welsh on every shift of the contact centre',
			'Find out who pays',
		])
		expect(all.filter((e) => e.type === 'H4').map(textOf)).toContain('Service blueprint')
		// Every word drawn is in the tree or an artifact (the footers): none is left out of either.
		expect(structure.untagged).toEqual([])
		expect(structure.artifacts).toContain('Page 1 of ' + structure.artifacts.filter((t) => /^Page \d+ of/.test(t)).length)
	})

	it('marks tables with header cells: TH by column, and by row where the first column names the row', async () => {
		const all = elements(pdfStructure(await designPdf(fixtureDesign(), { language: 'en', agreedOnly: false })).root)
		const tables = all.filter((e) => e.type === 'Table')
		expect(tables.length).toBeGreaterThanOrEqual(7)
		for (const table of tables) {
			const head = table.children.find((e) => e.type === 'THead')!
			const cells = head.children[0]!.children
			expect(cells.every((c) => c.type === 'TH' && c.scope === 'Column')).toBe(true)
			expect(table.children.find((e) => e.type === 'TBody')!.children.every((r) => r.type === 'TR')).toBe(true)
		}
		const stakeholders = tables.find((t) => textOf(t.children.find((e) => e.type === 'THead')!).startsWith('NameKindInfluence'))!
		const rows = stakeholders.children.find((e) => e.type === 'TBody')!.children
		expect(rows.map((r) => [r.children[0]!.type, r.children[0]!.scope, textOf(r.children[0]!)])).toContainEqual(['TH', 'Row', 'Contact centre'])
		const blueprint = tables.find((t) => t.children.some((e) => e.type === 'Caption' && textOf(e) === 'Service blueprint: Report a repair'))!
		expect(textOf(blueprint.children.find((e) => e.type === 'THead')!)).toBe('LaneNoticing the problemReporting it')
	})

	it('gives every picture alternative text: drawings, shapes and uploaded images as figures', async () => {
		const bytes = await designPdf(fixtureDesign(), { language: 'en', agreedOnly: false, images: new Map([[PHOTO_URL, { type: 'image/png', bytes: PNG }]]) })
		const figures = elements(pdfStructure(bytes).root).filter((e) => e.type === 'Figure')
		expect(figures.map((f) => f.alt)).toEqual(['Drawing from the board', 'Shape: Drop-in at the hall', 'Picture: Damp on the bedroom wall'])
		expect(new TextDecoder('latin1').decode(bytes)).toMatch(/\/Subtype \/Image/)
		// Without the image's bytes it says where the picture is, and there is no figure for it.
		const without = pdfStructure(await designPdf(fixtureDesign(), { language: 'en', agreedOnly: false }))
		expect(elements(without.root).filter((e) => e.type === 'Figure')).toHaveLength(2)
		expect(squeezed(elements(without.root).map((e) => e.text))).toContain(squeeze(`The picture is not in this file; it is at ${PHOTO_URL}`))
	})

	it('is tagged in Welsh in cy, the notes made at the touch table among what was agreed', async () => {
		const bytes = await designPdf(fixtureDesign(), { language: 'cy', agreedOnly: true })
		const structure = pdfStructure(bytes)
		expect(structure.lang).toBe('cy')
		const all = elements(structure.root)
		expect(all.filter((e) => e.type === 'H2').map(textOf)).toContain('Nodiadau a chyfraniadau eraill')
		expect(all.filter((e) => e.type === 'Figure').map((f) => f.alt)).toEqual(['Lluniad o’r bwrdd'])
		expect(squeezed(pdfText(bytes))).toContain(squeeze(TABLE_NOTE))
		expect(structure.untagged).toEqual([])
	})
})
