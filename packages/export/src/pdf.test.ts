import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { messagesOf } from './messages.js'
import { designPdf } from './pdf.js'
import { fontBytes, type Face } from './pdf-pen.js'
import { FORMULA, HOSTILE, WELSH, fixtureDesign } from './test-support/fixture.js'
import { pdfText } from './test-support/pdf-text.js'

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
