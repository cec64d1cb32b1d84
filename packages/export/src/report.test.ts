import type { Journey } from '@cyd/model'
import { describe, expect, it } from 'vitest'
import { formatLevel, formatTime } from './format.js'
import { messagesOf } from './messages.js'
import type { ExportOptions } from './options.js'
import { STAGES_PER_TABLE, buildReport, type Block } from './report.js'
import { fixtureDesign } from './test-support/fixture.js'

const en = { language: 'en', agreedOnly: false } as const

function blocksOf(id: string, options: ExportOptions = en): Block[] {
	return buildReport(fixtureDesign(), options).sections.find((s) => s.id === id)!.blocks
}

describe('buildReport', () => {
	it('leaves out who took part when asked (the public page), proposers and deciders included', () => {
		const report = buildReport(fixtureDesign(), { ...en, withoutContributors: true })
		expect(report.sections.map((s) => s.id)).not.toContain('contributors')
		const names = [...fixtureDesign().contributors.map((c) => c.name), ...fixtureDesign().decisions.map((d) => d.by.name)]
		expect(names.length).toBeGreaterThan(0)
		const text = JSON.stringify(report)
		for (const name of names) expect(text).not.toContain(name)
		expect(buildReport(fixtureDesign(), en).sections.map((s) => s.id)).toContain('contributors')
	})

	it('counts what the design holds in its summary', () => {
		const [facts] = blocksOf('summary')
		expect(facts?.type === 'facts' && Object.fromEntries(facts.facts.map((f) => [f.label, f.value]))).toEqual({
			Journeys: '1',
			Stages: '2',
			Cards: '11',
			Personas: '1',
			'Pain points': '2',
			Opportunities: '1',
			Stakeholders: '5',
			'Community assets': '1',
			Relationships: '5',
			'Votes in the latest round': '20',
			'Items agreed': '14',
			Contributors: '5',
		})
	})

	it('splits a long blueprint into tables of at most STAGES_PER_TABLE stages, every lane in each', () => {
		const design = fixtureDesign()
		const journey: Journey = design.journeys[0]!
		journey.stages = Array.from({ length: 14 }, (_, i) => ({ id: `s${i + 1}`, name: `Stage ${i + 1}` }))
		const blocks = buildReport(design, en).sections.find((s) => s.id === 'journeys')!.blocks
		const blueprint = blocks.find((b) => b.type === 'blueprint')
		if (blueprint?.type !== 'blueprint') throw new Error('no blueprint')
		expect(blueprint.tables.map((t) => t.head.length - 1)).toEqual([STAGES_PER_TABLE, STAGES_PER_TABLE, 2])
		expect(blueprint.tables[1]!.caption).toBe('Service blueprint: Report a repair (stages 7 to 12 of 14)')
		for (const table of blueprint.tables) expect(table.rows).toHaveLength(4)
	})

	it('names a stakeholder who acts in a card, and gives card status and votes only in the full report', () => {
		const full = JSON.stringify(blocksOf('journeys'))
		expect(full).toContain('{"label":"Who acts","value":"Contact centre"}')
		expect(full).toContain('{"label":"Status","value":"Parked"}')
		const agreed = JSON.stringify(blocksOf('journeys', { language: 'en', agreedOnly: true }))
		expect(agreed).not.toContain('"Status"')
		expect(agreed).toContain('{"label":"Votes","value":"7"}')
	})

	it('says so when a section has nothing in it', () => {
		const design = { ...fixtureDesign(), journeys: [], stakeholders: [], assets: [], relationships: [], votes: [], decisions: [], contributors: [] }
		const report = buildReport(design, en)
		const texts = report.sections.slice(1).map((s) => s.blocks.map((b) => (b.type === 'paragraph' ? b.text : b.type)))
		expect(texts).toEqual([
			['There is no service journey on the board.'],
			['No stakeholders were mapped.'],
			['No community assets were mapped.'],
			['No relationships were mapped.'],
			['No votes were cast.'],
			['No decisions were recorded.'],
			['No contributors were recorded.'],
		])
	})

	it('falls back to a title and version wording when the design has none', () => {
		const report = buildReport({ ...fixtureDesign(), title: '', versionName: null, generatedAt: '' }, { language: 'cy', agreedOnly: false })
		expect(report.title).toBe('Dyluniad gwasanaeth')
		expect(report.meta).toEqual([
			{ label: 'Lluniwyd', value: 'Heb ei gofnodi' },
			{ label: 'Fersiwn', value: 'Y bwrdd fel y mae nawr' },
		])
	})
})

describe('formatting', () => {
	it('writes times in UK time with month names in the language', () => {
		expect(formatTime('2025-03-04T14:05:00.000Z', 'en')).toBe('4 March 2025, 14:05')
		expect(formatTime('2025-07-01T08:30:00.000Z', 'cy')).toBe('1 Gorffennaf 2025, 09:30')
		expect(formatTime('not a time', 'en')).toBe('Not recorded')
	})

	it('writes a 0..1 share as a level and a percentage', () => {
		expect(formatLevel(0.2, 'en')).toBe('Low (20%)')
		expect(formatLevel(0.5, 'cy')).toBe('Canolig (50%)')
		expect(formatLevel(0.95, 'en')).toBe('High (95%)')
	})
})

describe('messages', () => {
	it('has every message in both languages, with the same placeholders', () => {
		const en = messagesOf('en')
		const cy = messagesOf('cy')
		expect(Object.keys(cy).sort()).toEqual(Object.keys(en).sort())
		for (const key of Object.keys(en) as Array<keyof typeof en>) {
			const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
			expect(names(cy[key]), key).toEqual(names(en[key]))
			expect(cy[key].trim(), key).not.toBe('')
		}
	})
})
