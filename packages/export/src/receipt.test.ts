import type { ReceiptClaims } from '@cyd/model'
import { describe, expect, it } from 'vitest'
import { buildReport } from './report.js'
import { receiptHtml, receiptLines, receiptPdf } from './receipt.js'
import { fixtureDesign, HOSTILE } from './test-support/fixture.js'

const claims: ReceiptClaims = { v: 1, id: 'r1', room: 'room00000001', workshop: 'Tai Teg', date: '2025-06-30', name: HOSTILE, minutesPresent: 150, made: 4, votesCast: 3, creditRate: 1, credits: 2.5, issuedAt: '2025-06-30T18:00:00.000Z' }
const view = { claims, code: 'abc.def', verifyUrl: 'https://cyd.example/verify/abc.def' }

describe('receipts', () => {
	it('say the workshop, its day, hours, what was made, votes and credits, in English and Welsh', () => {
		expect(receiptLines(claims, 'en').map((l) => l.value)).toEqual(['Tai Teg', '30 June 2025', HOSTILE, '2.5', '4', '3', '1', '2.5', '30 June 2025'])
		expect(receiptLines(claims, 'cy')[1]).toEqual({ label: 'Dyddiad', value: '30 Mehefin 2025' })
	})

	it('as HTML: escaped, one section a receipt, the link to check it', () => {
		const html = receiptHtml([view, { ...view, claims: { ...claims, id: 'r2' } }], 'cy')
		expect(html).toContain('<html lang="cy">')
		expect(html).not.toContain('<script>alert')
		expect(html.match(/class="receipt"/g)).toHaveLength(2)
		expect(html).toContain('href="https://cyd.example/verify/abc.def"')
	})

	it('as a tagged PDF in its language', async () => {
		const bytes = Buffer.from(await receiptPdf(view, 'cy'))
		expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
		expect(bytes.toString('latin1')).toContain('/Lang (cy)')
		expect(bytes.toString('latin1')).toContain('/StructTreeRoot')
	})
})

describe('hours given', () => {
	it('appear in total in the report (not per person), and the public page keeps its own total', () => {
		const summary = buildReport(fixtureDesign(), { language: 'en', agreedOnly: false }).sections.find((s) => s.id === 'summary')!
		const facts = summary.blocks.find((b) => b.type === 'facts')
		// 150 + 120 + 95.4 + 45 + 90 minutes: everyone who took part, not the observer.
		expect(facts?.type === 'facts' && facts.facts.find((f) => f.label === 'Hours given in total')?.value).toBe('8.3')
		const cy = buildReport(fixtureDesign(), { language: 'cy', agreedOnly: false }).sections.find((s) => s.id === 'summary')!
		expect(JSON.stringify(cy)).toContain('Cyfanswm yr oriau a roddwyd')
		const published = buildReport(fixtureDesign(), { language: 'en', agreedOnly: true, publicPage: true })
		expect(JSON.stringify(published.sections.find((s) => s.id === 'summary'))).not.toContain('Hours given in total')
		expect(JSON.stringify(published.sections.find((s) => s.id === 'about'))).toContain('Hours given together')
	})
})
