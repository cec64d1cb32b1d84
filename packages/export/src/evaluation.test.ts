import { evaluationTotals, type EvaluationAnswer } from '@cyd/model'
import { describe, expect, it } from 'vitest'
import { designHtml } from './html.js'
import { designMarkdown } from './markdown.js'
import { designPdf } from './pdf.js'
import { buildReport } from './report.js'
import { fixtureDesign } from './test-support/fixture.js'
import { elements, pdfStructure, textOf } from './test-support/pdf-structure.js'
import { pdfText } from './test-support/pdf-text.js'

/** Three answers, in the order written: the last one's words first in the alphabet, the first's last. */
const ANSWERS: EvaluationAnswer[] = [
	{ scores: { listened: 5, understood: 4, again: 5 }, change: 'Zebra crossings near the hall' },
	{ scores: { listened: 4, understood: 2 }, change: 'More time for the map' },
	{ scores: { listened: 2, understood: 4, again: 3 }, change: 'Ask the bus company' },
]
const TOTALS = evaluationTotals(ANSWERS, { open: false, public: false })
const IN_ORDER = ['Ask the bus company', 'More time for the map', 'Zebra crossings near the hall']

const squeeze = (text: string) => text.replace(/\s+/g, '')

describe('the evaluation in the report', () => {
	it('has a section of the totals: counts of each score, how many answered and the mean, per statement, and what people would change in alphabetical order', () => {
		// Given in the order written (as evaluationTotals lists them): the report must not keep that order.
		expect(TOTALS.changes).toEqual([...IN_ORDER].reverse())
		const report = buildReport(fixtureDesign(), { language: 'en', agreedOnly: false, evaluation: TOTALS })
		const section = report.sections.find((s) => s.id === 'evaluation')
		if (!section) throw new Error('no evaluation section')
		expect(section.title).toBe('How people found the session')
		expect(section.blocks[0]).toEqual({ type: 'paragraph', text: '3 people answered the evaluation, anonymously.' })
		const table = section.blocks.find((b) => b.type === 'table')
		if (table?.type !== 'table') throw new Error('no table')
		expect(table.table.head).toEqual(['Statement', '1: disagree strongly', '2: disagree', '3: neither agree nor disagree', '4: agree', '5: agree strongly', 'Answered', 'Average (of 5)'])
		expect(table.table.rows).toEqual([
			['I was listened to', '0', '1', '0', '1', '1', '3', '3.67'],
			['I understood what was decided', '0', '1', '0', '2', '0', '3', '3.33'],
			['I would take part again', '0', '0', '1', '0', '1', '2', '4'],
		])
		expect(section.blocks.find((b) => b.type === 'list')).toEqual({ type: 'list', items: IN_ORDER })
		// Nobody is named: the section holds no contributor's name.
		const words = JSON.stringify(section)
		for (const c of fixtureDesign().contributors) expect(words).not.toContain(c.name)
		// After the decisions, before the contributors.
		const ids = report.sections.map((s) => s.id)
		expect(ids.indexOf('evaluation')).toBe(ids.indexOf('decisions') + 1)
		expect(ids.indexOf('contributors')).toBe(ids.indexOf('evaluation') + 1)
	})

	it('speaks Welsh, with the plural the number calls for', () => {
		const section = buildReport(fixtureDesign(), { language: 'cy', agreedOnly: false, evaluation: TOTALS }).sections.find((s) => s.id === 'evaluation')!
		expect(section.title).toBe('Sut oedd y sesiwn i bobl')
		expect(section.blocks[0]).toEqual({ type: 'paragraph', text: 'Atebodd 3 pherson y gwerthusiad, yn ddienw.' })
		const one = evaluationTotals(ANSWERS.slice(0, 1), { open: false, public: false })
		expect(buildReport(fixtureDesign(), { language: 'cy', agreedOnly: false, evaluation: one }).sections.find((s) => s.id === 'evaluation')!.blocks[0]).toEqual({
			type: 'paragraph',
			text: 'Atebodd 1 person y gwerthusiad, yn ddienw.',
		})
		expect(JSON.stringify(section)).toContain('Gwrandawyd arna i')
	})

	it('has no section when nobody answered, or when no totals are given', () => {
		const none = evaluationTotals([], { open: true, public: true })
		expect(buildReport(fixtureDesign(), { language: 'en', agreedOnly: false, evaluation: none }).sections.map((s) => s.id)).not.toContain('evaluation')
		expect(buildReport(fixtureDesign(), { language: 'en', agreedOnly: false }).sections.map((s) => s.id)).not.toContain('evaluation')
	})

	it('shows the totals on the public page only when the facilitator chose to, and never what people would change', () => {
		const hidden = buildReport(fixtureDesign(), { language: 'en', agreedOnly: true, publicPage: true, evaluation: TOTALS })
		expect(hidden.sections.map((s) => s.id)).not.toContain('evaluation')
		const shown = buildReport(fixtureDesign(), { language: 'en', agreedOnly: true, publicPage: true, evaluation: { ...TOTALS, public: true } })
		const section = shown.sections.find((s) => s.id === 'evaluation')!
		expect(JSON.stringify(section)).toContain('I was listened to')
		for (const change of IN_ORDER) expect(JSON.stringify(shown)).not.toContain(change)
	})

	it('is in the HTML report: a table with a caption and row headers, and a list of what people would change', () => {
		const html = designHtml(fixtureDesign(), { language: 'en', agreedOnly: false, evaluation: TOTALS })
		expect(html).toContain('<h2 id="evaluation">How people found the session</h2>')
		expect(html).toContain('<caption>How many people gave each answer</caption>')
		expect(html).toContain('<th scope="row">I was listened to</th>')
		expect(html).toContain(`<ul class="list">${IN_ORDER.map((c) => `<li>${c}</li>`).join('')}</ul>`)
		expect(html).toContain('<a href="#evaluation">How people found the session</a>')
		const cy = designHtml(fixtureDesign(), { language: 'cy', agreedOnly: false, evaluation: TOTALS })
		expect(cy).toContain('<h2 id="evaluation">Sut oedd y sesiwn i bobl</h2>')
		expect(cy).toContain('Cyfartaledd (o 5)')
	})

	it('is in the Markdown report, with what people would change escaped as text', () => {
		const totals = evaluationTotals([...ANSWERS, { scores: {}, change: '<b>[link](http://x)</b>' }], { open: false, public: false })
		const md = designMarkdown(fixtureDesign(), { language: 'en', agreedOnly: false, evaluation: totals })
		expect(md).toContain('## How people found the session')
		expect(md).toContain('4 people answered the evaluation, anonymously.')
		expect(md).toContain('| **I was listened to** | 0 | 1 | 0 | 1 | 1 | 3 | 3\\.67 |')
		expect(md).toContain('### What people would change')
		expect(md).toContain('- \\<b\\>\\[link\\](http://x)\\</b\\>\n- Ask the bus company\n- More time for the map\n- Zebra crossings near the hall')
		const cy = designMarkdown(fixtureDesign(), { language: 'cy', agreedOnly: false, evaluation: TOTALS })
		expect(cy).toContain('## Sut oedd y sesiwn i bobl')
		expect(cy).toContain('### Beth fyddai pobl yn ei newid')
	})

	it('is in the PDF report, in English and in Welsh', async () => {
		const lines = pdfText(await designPdf(fixtureDesign(), { language: 'en', agreedOnly: false, evaluation: TOTALS }))
		expect(lines).toContain('How people found the session')
		expect(lines).toContain('What people would change')
		const text = squeeze(lines.join(''))
		expect(text).toContain(squeeze('3 people answered the evaluation, anonymously.'))
		expect(text).toContain(squeeze('I was listened to'))
		expect(text).toContain('3.67')
		const at = IN_ORDER.map((c) => text.indexOf(squeeze(c)))
		expect(at.every((i) => i >= 0)).toBe(true)
		expect([...at].sort((a, b) => a - b)).toEqual(at)
		const cy = pdfText(await designPdf(fixtureDesign(), { language: 'cy', agreedOnly: false, evaluation: TOTALS }))
		expect(cy).toContain('Sut oedd y sesiwn i bobl')
		expect(squeeze(cy.join(''))).toContain(squeeze('Atebodd 3 pherson y gwerthusiad, yn ddienw.'))
		const without = pdfText(await designPdf(fixtureDesign(), { language: 'en', agreedOnly: false }))
		expect(without).not.toContain('How people found the session')
	})

	it('is tagged in the PDF: a section with its H2, a table with header cells, and what people would change as a list', async () => {
		const structure = pdfStructure(await designPdf(fixtureDesign(), { language: 'en', agreedOnly: false, evaluation: TOTALS }))
		const section = structure.root!.children.find((e) => e.type === 'Sect' && textOf(e.children[0]!) === 'How people found the session')
		if (!section) throw new Error('no tagged section')
		const inside = elements(section)
		expect(inside.filter((e) => e.type === 'Table')).toHaveLength(1)
		expect(inside.filter((e) => e.type === 'TH').map(textOf)).toContain('I was listened to')
		const list = inside.find((e) => e.type === 'L')!
		expect(list.children.map((li) => [li.type, li.children.map((b) => [b.type, squeeze(textOf(b))])])).toEqual(IN_ORDER.map((c) => ['LI', [['LBody', squeeze(c)]]]))
		expect(structure.untagged).toEqual([])
	})
})
