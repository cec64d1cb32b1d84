import { VOCABULARY, type Journey } from '@cyd/model'
import { describe, expect, it } from 'vitest'
import { formatDate, formatDay, formatLevel, formatTime, isoDay } from './format.js'
import { message, messageShape, messagesOf } from './messages.js'
import type { ExportOptions } from './options.js'
import { STAGES_PER_TABLE, buildReport, type Block } from './report.js'
import { TABLE_NOTE, fixtureDesign } from './test-support/fixture.js'

const en = { language: 'en', agreedOnly: false } as const

function blocksOf(id: string, options: ExportOptions = en): Block[] {
	return buildReport(fixtureDesign(), options).sections.find((s) => s.id === id)!.blocks
}

describe('buildReport', () => {
	it('leaves out who took part when asked (the public page), proposers and deciders included', () => {
		const report = buildReport(fixtureDesign(), { ...en, publicPage: true })
		expect(report.sections.map((s) => s.id)).not.toContain('contributors')
		const names = [...fixtureDesign().contributors.map((c) => c.name), ...fixtureDesign().decisions.map((d) => d.by.name)]
		expect(names.length).toBeGreaterThan(0)
		const text = JSON.stringify(report)
		for (const name of names) expect(text).not.toContain(name)
		expect(buildReport(fixtureDesign(), en).sections.map((s) => s.id)).toContain('contributors')
	})

	it('on the public page, says what the workshop was, when, how many took part and how many were residents, and what a version is', () => {
		const report = buildReport(fixtureDesign(), { language: 'en', agreedOnly: true, publicPage: true })
		const about = report.sections[0]!
		expect(about.id).toBe('about')
		const facts = about.blocks.find((b) => b.type === 'facts')
		// Six people joined; the observer only watched. Three of the five who took part are residents; together they gave 500.4 minutes.
		expect(facts?.type === 'facts' && facts.facts).toEqual([
			{ label: 'What the workshop was about', value: 'Reporting a housing repair' },
			{ label: 'When', value: '4 March 2025' },
			{ label: 'People who took part', value: '5' },
			{ label: 'Residents among them', value: '3' },
			{ label: 'Hours given together', value: '8.3' },
		])
		const words = JSON.stringify(about.blocks)
		expect(words).toContain('This page shows the version saved as “After the Tuesday workshop”.')
		const now = buildReport({ ...fixtureDesign(), versionName: null, decisions: [] }, { language: 'cy', agreedOnly: true, publicPage: true, roomCreatedAt: '2025-02-10T09:00:00.000Z' })
		expect(JSON.stringify(now.sections[0])).toContain('{"label":"Pryd","value":"10 Chwefror 2025"}')
		expect(JSON.stringify(now.sections[0])).toContain('Mae’r dudalen hon yn dangos y bwrdd fel y mae nawr')
	})

	it('on the public page, says who decided by role only: "The facilitator"', () => {
		const decisions = buildReport(fixtureDesign(), { language: 'en', agreedOnly: false, publicPage: true }).sections.find((s) => s.id === 'decisions')!
		const table = decisions.blocks.find((b) => b.type === 'table')
		if (table?.type !== 'table') throw new Error('no table')
		expect(table.table.head).toContain('By')
		expect(new Set(table.table.rows.map((r) => r[3]))).toEqual(new Set(['The facilitator', 'A participant']))
		const contributions = JSON.stringify(buildReport(fixtureDesign(), { language: 'en', agreedOnly: true, publicPage: true }).sections.find((s) => s.id === 'contributions'))
		expect(contributions).toContain(TABLE_NOTE)
		expect(contributions).not.toContain('Made by')
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
			'Notes, drawings and other contributions': '6',
			'Votes in the latest round': '23',
			Outcomes: '2',
			Actions: '3',
			'Items agreed': '17',
			Contributors: '6',
			'Hours given in total': '8.3',
		})
	})

	it('with only what was agreed, counts what was agreed of all there is, and says so', () => {
		const [facts, note] = blocksOf('summary', { language: 'en', agreedOnly: true })
		expect(facts?.type === 'facts' && Object.fromEntries(facts.facts.map((f) => [f.label, f.value]))).toEqual({
			Journeys: '1',
			Stages: '2',
			Cards: '5 of 11',
			Personas: '1 of 1',
			'Pain points': '1 of 2',
			Opportunities: '1 of 1',
			Stakeholders: '3 of 5',
			'Community assets': '1 of 1',
			Relationships: '2 of 5',
			'Notes, drawings and other contributions': '3 of 6',
			'Votes in the latest round': '22 of 23',
			Outcomes: '1 of 2',
			Actions: '2',
			'Items agreed': '15',
			Contributors: '6',
			'Hours given in total': '8.3',
		})
		expect(note).toEqual({ type: 'paragraph', text: 'Each figure is how many were agreed, of all there are on the board.' })
		expect(blocksOf('stakeholders', { language: 'en', agreedOnly: true })[0]).toEqual({ type: 'paragraph', text: 'Agreed: 3 of 5.' })
		const journey = JSON.stringify(blocksOf('journeys', { language: 'cy', agreedOnly: true }))
		expect(journey).toContain('2 gam. Cardiau y cytunwyd arnyn nhw: 5 o 11.')
	})

	it('with only what was agreed and nothing agreed yet, says how many there are instead of "none were mapped"', () => {
		const design = { ...fixtureDesign(), decisions: [] }
		const texts = (language: 'en' | 'cy') =>
			buildReport(design, { language, agreedOnly: true })
				.sections.filter((s) => ['stakeholders', 'assets', 'relationships', 'contributions', 'votes'].includes(s.id))
				.map((s) => (s.blocks[0]?.type === 'paragraph' ? s.blocks[0].text : s.blocks[0]?.type))
		expect(texts('en')).toEqual([
			'5 stakeholders were mapped; none agreed yet.',
			'1 community asset was mapped; none agreed yet.',
			'5 relationships were mapped; none agreed yet.',
			'6 notes and other contributions are on the board; none agreed yet.',
			'6 items had votes in the latest round; none of them agreed yet.',
		])
		expect(texts('cy')).toEqual([
			'Mapiwyd 5 o randdeiliaid; ni chytunwyd ar yr un eto.',
			'Mapiwyd 1 ased cymunedol; ni chytunwyd ar yr un eto.',
			'Mapiwyd 5 o berthnasoedd; ni chytunwyd ar yr un eto.',
			'Mae 6 chyfraniad (nodiadau a’u tebyg) ar y bwrdd; ni chytunwyd ar yr un eto.',
			'Cafodd 6 eitem bleidleisiau yn y rownd ddiwethaf; ni chytunwyd ar yr un ohonyn nhw eto.',
		])
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
		const design = { ...fixtureDesign(), journeys: [], stakeholders: [], assets: [], relationships: [], contributions: [], votes: [], decisions: [], outcomes: [], actions: [], contributors: [] }
		const report = buildReport(design, en)
		const texts = report.sections.slice(1).map((s) => s.blocks.map((b) => (b.type === 'paragraph' ? b.text : b.type)))
		expect(texts).toEqual([
			['There is no service journey on the board.'],
			['No stakeholders were mapped.'],
			['No community assets were mapped.'],
			['No relationships were mapped.'],
			['Nothing else was added to the board.'],
			['No outcomes were set.'],
			['No actions have been committed to yet.'],
			['Nothing was parked or rejected.'],
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

	it('writes dates through Intl in en-GB and cy-GB, in London time (British Summer Time in summer)', () => {
		// 23:30 UTC on 30 June is 00:30 on 1 July in London.
		expect(formatTime('2025-06-30T23:30:00.000Z', 'en')).toBe('1 July 2025, 00:30')
		expect(formatTime('2025-06-30T23:30:00.000Z', 'cy')).toBe('1 Gorffennaf 2025, 00:30')
		expect(formatDate('2025-06-30T23:30:00.000Z', 'cy')).toBe('1 Gorffennaf 2025')
		expect(isoDay('2025-06-30T23:30:00.000Z')).toBe('2025-07-01')
		expect(formatTime('2025-12-01T23:30:00.000Z', 'cy')).toBe('1 Rhagfyr 2025, 23:30')
		expect(formatTime('2025-06-30T23:30:00.000Z', 'en', 'America/New_York')).toBe('30 June 2025, 19:30')
	})

	it('writes a calendar day in the language, whatever the time zone', () => {
		expect(formatDay('2025-06-30', 'en')).toBe('30 June 2025')
		expect(formatDay('2025-02-01', 'cy')).toBe('1 Chwefror 2025')
		expect(formatDay('2025-02-30', 'cy')).toBe('2025-02-30')
		expect(formatDay('soon', 'en')).toBe('soon')
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
			expect(messageShape(cy[key]).values, key).toEqual(messageShape(en[key]).values)
			expect(cy[key].trim(), key).not.toBe('')
		}
	})
})

describe('plurals', () => {
	const counts = [0, 1, 2, 3, 6, 20]

	it('counts stages and cards in English', () => {
		expect(counts.map((n) => message('en', 'journey.about', { stages: n, cards: n }))).toEqual([
			'No stages, no cards.',
			'1 stage, 1 card.',
			'2 stages, 2 cards.',
			'3 stages, 3 cards.',
			'6 stages, 6 cards.',
			'20 stages, 20 cards.',
		])
		expect(message('en', 'journey.about', { stages: 4, cards: 1 })).toBe('4 stages, 1 card.')
	})

	it('counts stages and cards in Welsh, with the mutation each number calls for', () => {
		expect(counts.map((n) => message('cy', 'journey.about', { stages: n, cards: n }))).toEqual([
			'Dim camau, dim cardiau.',
			'1 cam, 1 cerdyn.',
			'2 gam, 2 gerdyn.',
			'3 cham, 3 cherdyn.',
			'6 cham, 6 cherdyn.',
			'20 o gamau, 20 o gardiau.',
		])
	})

	it('counts what was mapped in both languages', () => {
		expect(counts.slice(1).map((total) => message('en', 'relationships.noneAgreed', { total }))).toEqual([
			'1 relationship was mapped; none agreed yet.',
			'2 relationships were mapped; none agreed yet.',
			'3 relationships were mapped; none agreed yet.',
			'6 relationships were mapped; none agreed yet.',
			'20 relationships were mapped; none agreed yet.',
		])
		// perthynas is feminine: un berthynas, dwy berthynas, tair perthynas, chwe pherthynas.
		expect(counts.map((total) => message('cy', 'relationships.noneAgreed', { total }))).toEqual([
			'Ni fapiwyd unrhyw berthnasoedd; ni chytunwyd ar yr un eto.',
			'Mapiwyd 1 berthynas; ni chytunwyd ar yr un eto.',
			'Mapiwyd 2 berthynas; ni chytunwyd ar yr un eto.',
			'Mapiwyd 3 perthynas; ni chytunwyd ar yr un eto.',
			'Mapiwyd 6 pherthynas; ni chytunwyd ar yr un eto.',
			'Mapiwyd 20 o berthnasoedd; ni chytunwyd ar yr un eto.',
		])
		expect(counts.map((total) => message('cy', 'stakeholders.noneAgreed', { total }))).toEqual([
			'Ni fapiwyd unrhyw randdeiliaid; ni chytunwyd ar yr un eto.',
			'Mapiwyd 1 rhanddeiliad; ni chytunwyd ar yr un eto.',
			'Mapiwyd 2 randdeiliad; ni chytunwyd ar yr un eto.',
			'Mapiwyd 3 rhanddeiliad; ni chytunwyd ar yr un eto.',
			'Mapiwyd 6 rhanddeiliad; ni chytunwyd ar yr un eto.',
			'Mapiwyd 20 o randdeiliaid; ni chytunwyd ar yr un eto.',
		])
	})

	it('gives every Welsh plural all six forms and every English plural “one” and “other”', () => {
		const en = messagesOf('en')
		const cy = messagesOf('cy')
		for (const key of Object.keys(en) as Array<keyof typeof en>) {
			for (const [value, forms] of Object.entries(messageShape(cy[key]).plurals)) {
				expect(forms.filter((f) => !f.startsWith('=')), `cy:${key} ${value}`).toEqual(['few', 'many', 'one', 'other', 'two', 'zero'])
			}
			for (const [value, forms] of Object.entries(messageShape(en[key]).plurals)) {
				expect(forms.filter((f) => !f.startsWith('=')), `en:${key} ${value}`).toEqual(['one', 'other'])
			}
		}
	})

	it('leaves a placeholder showing when its value is missing, rather than failing', () => {
		expect(message('en', 'journey.persona')).toBe('Persona: {name}')
	})
})

describe('the domain’s words', () => {
	it('come from the vocabulary the web app uses, in both languages', () => {
		const groups = {
			'card.kind.': 'cardKind',
			'card.channel.': 'channel',
			'lane.kind.': 'laneKind',
			'emotion.': 'emotion',
			'stakeholder.kind.': 'stakeholderKind',
			'asset.kind.': 'assetKind',
			'flow.': 'flow',
			'direction.': 'direction',
			'quadrant.': 'quadrant',
			'status.': 'decisionStatus',
			'role.': 'role',
			'outcomeStatus.': 'outcomeStatus',
			'actionStatus.': 'actionStatus',
			'item.kind.': 'itemKind',
		} as const
		for (const language of ['en', 'cy'] as const) {
			for (const [prefix, group] of Object.entries(groups)) {
				for (const [key, word] of Object.entries(VOCABULARY[language][group])) {
					expect(message(language, `${prefix}${key}` as Parameters<typeof message>[1]), `${language}:${prefix}${key}`).toBe(word)
				}
			}
		}
		expect(message('en', 'stakeholder.kind.public')).toBe('Public body')
		expect(message('en', 'flow.time')).toBe('Time or volunteering')
	})
})
