import { budgetResults, designBudgetRound, designRatification, SERVICE_DESIGN_SCHEMA, type BudgetBallot, type BudgetRound, type RatificationRound, type ServiceDesign } from '@cyd/model'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { designCsv } from './csv.js'
import { designHtml } from './html.js'
import { designJson } from './json.js'
import { designMarkdown } from './markdown.js'
import { designPdf } from './pdf.js'
import { buildReport } from './report.js'
import { fixtureDesign } from './test-support/fixture.js'
import { pdfText } from './test-support/pdf-text.js'

/**
 * The round of e2e/budget.spec.ts: a pot of £1,000, four approval ballots, two votes for each option
 * but the fruit trees. Most votes first: planters (£300) then the shelter (£500), cheaper first; the
 * bench (£600) does not fit the £200 left. Equal shares, £250 each: the bench's two supporters have
 * £500 of £600 (and £350 once Nia has paid her part of the planters); planters (cheaper) before the shelter, Nia and Dai paying £150 each; the shelter's
 * supporters (£250 and £100) fall short, and the completion funds it from the £700 left over.
 */
const ROUND: BudgetRound = {
	id: 'round1',
	status: 'closed',
	pot: 1000,
	currency: 'GBP',
	ballot: 'approval',
	points: 0,
	audience: 'everyone',
	options: [
		{ id: 'bench', title: 'A bench', cost: 600, item: null },
		{ id: 'shelter', title: 'A bus shelter', cost: 500, item: null },
		{ id: 'planters', title: 'Planters', cost: 300, item: null },
		{ id: 'trees', title: 'Fruit trees', cost: 100, item: 'shape:trees' },
	],
	openedAt: Date.UTC(2026, 2, 4, 10),
	closedAt: Date.UTC(2026, 2, 4, 11),
	results: null,
}
// Nia, Owain, Ceri, Dai, in the order they voted.
const BALLOTS: BudgetBallot[] = [{ bench: 1, planters: 1 }, { bench: 1 }, { shelter: 1 }, { shelter: 1, planters: 1 }]

const RATIFICATION: RatificationRound = {
	id: 'ratify1',
	status: 'closed',
	items: [
		{ item: 'shape:bench', kind: 'note', text: 'A bench by the stop' },
		{ item: 'shape:mural', kind: 'note', text: 'A mural' },
	],
	threshold: { yes: 2, of: 3 },
	audience: 'everyone',
	openedAt: Date.UTC(2026, 2, 4, 11),
	closedAt: Date.UTC(2026, 2, 4, 12),
	results: { 'shape:bench': { yes: 3, no: 1, abstain: 0, ratified: true }, 'shape:mural': { yes: 2, no: 2, abstain: 0, ratified: false } },
	voters: 4,
}

function decided(): ServiceDesign {
	const round = designBudgetRound({ ...ROUND, results: budgetResults(ROUND, BALLOTS) }, BALLOTS)!
	return { ...fixtureDesign(), budgets: [round], ratifications: [designRatification(RATIFICATION)!] }
}

const en = { language: 'en', agreedOnly: false } as const
const cy = { language: 'cy', agreedOnly: false } as const
const NAMES = /Nia|Owain|Ceri|Dai|Mair Roberts|Aled Evans|Dewin|Sam Patel|Gwen/

describe('the community’s decisions in the ServiceDesign', () => {
	it('carry both rules’ verdicts per option and the ballots as weights without names, in an order that is not the voting order', () => {
		const round = decided().budgets![0]!
		expect(round.voters).toBe(4)
		expect(round.share).toBe(250)
		expect(round.greedy).toEqual({ funded: ['planters', 'shelter'], spent: 800, left: 200 })
		expect(round.equalShares).toEqual({ funded: ['planters', 'shelter'], spent: 800, left: 200 })
		const bench = round.options.find((o) => o.id === 'bench')!
		expect(bench).toMatchObject({ votes: 2, supporters: 2, greedy: { funded: false, reason: 'pot-short', potLeft: 200 }, equalShares: { funded: false, reason: 'supporters-short', supportersLeft: 350 } })
		expect(round.options.find((o) => o.id === 'shelter')!.equalShares).toMatchObject({ funded: true, reason: 'completion', step: 2 })
		expect(round.options.find((o) => o.id === 'trees')!.greedy.reason).toBe('no-support')
		// Columns bench, shelter, planters, trees; sorted by the weights, not as cast.
		expect(round.ballots).toEqual([
			[1, 0, 1, 0],
			[1, 0, 0, 0],
			[0, 1, 1, 0],
			[0, 1, 0, 0],
		])
		expect(round.openedAt).toBe('2026-03-04T10:00:00.000Z')
	})

	it('are in the JSON export, which the schema accepts', () => {
		const ajv = new Ajv2020({ allErrors: true, strict: true })
		const validate = ajv.compile(SERVICE_DESIGN_SCHEMA)
		const json = JSON.parse(designJson(decided(), en)) as ServiceDesign
		expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
		expect(json.budgets![0]!.options.map((o) => [o.title, o.greedy.funded, o.equalShares.reason])).toEqual([
			['A bench', false, 'supporters-short'],
			['A bus shelter', true, 'completion'],
			['Planters', true, 'funded'],
			['Fruit trees', false, 'no-support'],
		])
		expect(json.ratifications![0]!.items[1]).toEqual({ item: 'shape:mural', kind: 'note', text: 'A mural', yes: 2, no: 2, abstain: 0, ratified: false })
		// A bad reason is refused.
		const bad = structuredClone(json)
		;(bad.budgets![0]!.options[0]!.greedy as { reason: string }).reason = 'because'
		expect(validate(bad)).toBe(false)
	})

	it('are left out of a design that has none: no section, nothing said', () => {
		const report = buildReport(fixtureDesign(), en)
		expect(report.sections.map((s) => s.id)).not.toContain('community')
		expect(designMarkdown(fixtureDesign(), en)).not.toContain('What the community decided')
	})
})

describe('the report of the community’s decisions', () => {
	it('has a table of results per rule, each option funded or not with why (Markdown)', () => {
		const md = designMarkdown(decided(), en)
		expect(md).toContain('## What the community decided')
		expect(md).toContain('4 ballots were cast for a pot of £1,000.')
		expect(md).toContain('#### Most votes first')
		expect(md).toContain('#### Equal shares')
		expect(md).toContain('The pot of £1,000 is shared equally: £250 for each voter.')
		expect(md).toContain('| **A bench** | £600 | 2 | Not funded | At its turn only £200 was left, and it costs £600. |')
		expect(md).toContain('| **Planters** | £300 | 2 | Funded | Its turn came with £1,000 left in the pot. |')
		expect(md).toContain('| **Planters** | £300 | 2 | Funded | Its 2 supporters paid for it from their shares, none more than £150. |')
		expect(md).toContain('| **A bus shelter** | £500 | 2 | Funded | Paid from the money left over: its supporters had only £350 of their shares left, but the pot still had enough. |')
		expect(md).toContain('| **A bench** | £600 | 2 | Not funded | Its supporters had only £350 of their shares left for a cost of £600, and the £200 left over was not enough. |')
		expect(md).toContain('| **Fruit trees** | £100 | 0 | Not funded | Nobody voted for it. |')
		// The ratification's tally per item.
		expect(md).toContain('An item is ratified when at least 2 in 3 of those who said yes or no said yes. 4 people voted.')
		expect(md).toContain('| **A bench by the stop** | Note | 3 | 1 | 0 | Ratified |')
		expect(md).toContain('| **A mural** | Note | 2 | 2 | 0 | Not ratified |')
	})

	it('is in Welsh with the plural each number calls for', () => {
		const md = designMarkdown(decided(), cy)
		expect(md).toContain('## Yr hyn a benderfynodd y gymuned')
		expect(md).toContain('Bwriwyd 4 o bapurau pleidleisio ar gyfer cronfa o £1,000.')
		expect(md).toContain('#### Cyfrannau cyfartal')
		expect(md).toContain('Talodd ei 2 gefnogwr amdano o’u cyfrannau, neb yn talu mwy na £150.')
		expect(md).toContain('Pleidleisiodd 4 o bobl.')
	})

	it('is in the HTML report as tables with captions and the PDF report as text', async () => {
		const html = designHtml(decided(), en)
		expect(html).toMatch(/<caption>Results by the rule “Most votes first”<\/caption>/)
		expect(html).toMatch(/<caption>Results by the rule “Equal shares”<\/caption>/)
		expect(html).toContain('At its turn only £200 was left, and it costs £600.')
		const text = pdfText(await designPdf(decided(), en)).join(' ').replace(/\s+/g, ' ')
		expect(text).toContain('What the community decided')
		expect(text).toContain('Results by the rule “Equal shares”')
		expect(text.replace(/\s/g, '')).toContain('Itsturncamewith£1,000leftinthepot.'.replace(/\s/g, ''))
	})

	it('stays in a report of only what was agreed, and is not doubled on the public page (which has its own)', () => {
		expect(designMarkdown(decided(), { language: 'en', agreedOnly: true })).toContain('## What the community decided')
		expect(buildReport(decided(), { language: 'en', agreedOnly: true, publicPage: true }).sections.map((s) => s.id)).not.toContain('community')
	})
})

describe('the CSV tables of a budget round', () => {
	const parse = (text: string) =>
		text
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n')

	it('writes one line per ballot with an anonymous number and the options it approved, naming nobody', () => {
		const lines = parse(designCsv(decided(), 'budget-ballots', en))
		expect(lines).toEqual([
			'Round,Ballot,Kind of ballot,"Options approved, or points given","Cost approved, or points given, in total"',
			'1,1,Approval: each voter approved options costing no more than the pot together,A bench; Planters,£900',
			'1,2,Approval: each voter approved options costing no more than the pot together,A bench,£600',
			'1,3,Approval: each voter approved options costing no more than the pot together,A bus shelter; Planters,£800',
			'1,4,Approval: each voter approved options costing no more than the pot together,A bus shelter,£500',
		])
		expect(designCsv(decided(), 'budget-ballots', en)).not.toMatch(NAMES)
	})

	it('writes points ballots as the points given each option', () => {
		const round = { ...ROUND, ballot: 'points' as const, points: 5 }
		const ballots: BudgetBallot[] = [{ bench: 3, trees: 2 }, { planters: 5 }]
		const design = { ...fixtureDesign(), budgets: [designBudgetRound({ ...round, results: budgetResults(round, ballots) }, ballots)!] }
		expect(parse(designCsv(design, 'budget-ballots', en)).slice(1)).toEqual([
			'1,1,Points: each voter split 5 points between the options,A bench: 3; Fruit trees: 2,5',
			'1,2,Points: each voter split 5 points between the options,Planters: 5,5',
		])
	})

	it('writes the results table: each option, both rules’ verdicts and why', () => {
		const lines = parse(designCsv(decided(), 'budget-results', en))
		expect(lines[0]).toBe('Round,Option,Cost,Currency,Votes,Supporters,Most votes first,Why (most votes first),Equal shares,Why (equal shares),Id')
		expect(lines).toContain('1,A bench,600,GBP,2,2,Not funded,"At its turn only £200 was left, and it costs £600.",Not funded,"Its supporters had only £350 of their shares left for a cost of £600, and the £200 left over was not enough.",bench')
		expect(lines).toHaveLength(5)
	})
})
