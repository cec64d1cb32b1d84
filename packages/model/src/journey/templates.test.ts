import { describe, expect, it } from 'vitest'
import { LANGUAGES } from '../room.js'
import { extractServiceDesign } from './extract.js'
import { blueprint, card, page } from '../test-support/records.js'
import { CHANNELS, DEFAULT_LANE_KINDS, JOURNEY_CARD_KINDS, MAX_TEXT } from './shapes.js'
import {
	MAX_TEMPLATE_CARDS,
	SAMPLE_IDS,
	JOURNEY_SAMPLE_IDS,
	TEMPLATE_FORMAT,
	TEMPLATE_VERSION,
	parseTemplate,
	sampleTemplate,
	templateOf,
	type JourneyTemplate,
} from './templates.js'

/** A small valid template: two stages, two lanes, three cards, one persona. */
function valid(): JourneyTemplate {
	return {
		format: TEMPLATE_FORMAT,
		version: TEMPLATE_VERSION,
		title: 'Renew a library card',
		stages: ['Notice', 'Renew'],
		lanes: [
			{ name: 'Resident actions', kind: 'actions' },
			{ name: 'Touchpoints', kind: 'frontstage' },
		],
		cards: [
			{ stage: 0, lane: 0, kind: 'action', text: 'Card expired at the till', channel: 'inPerson' },
			{ stage: 1, lane: 1, kind: 'touchpoint', text: 'Renewal page', channel: 'web' },
			{ stage: 1, lane: 1, kind: 'pain', text: 'Asked for proof of address again', channel: 'web' },
		],
		personas: [{ name: 'Ceri', story: 'Reads a book a week.', needs: 'A quick renewal.', color: 'green', emotions: [2, null] }],
	}
}

/** The error parseTemplate gives for `value`, or a failure when it accepts it. */
function errorOf(value: unknown): string {
	const result = parseTemplate(value)
	if (result.ok) throw new Error('expected parseTemplate to reject the value')
	return result.error
}

const REMOVE = Symbol('remove')

/** A JSON copy of the valid template with the field at `path` set to `value` (or removed). */
function changed(path: ReadonlyArray<string | number>, value: unknown): unknown {
	const copy: unknown = JSON.parse(JSON.stringify(valid()))
	let at = copy as Record<string | number, unknown>
	for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>
	const last = path[path.length - 1]!
	if (value === REMOVE) delete at[last]
	else at[last] = value
	return copy
}

describe('sample templates', () => {
	it('parse, in every language, to themselves', () => {
		for (const id of SAMPLE_IDS) {
			for (const language of LANGUAGES) {
				const sample = sampleTemplate(id, language)
				expect(parseTemplate(sample), `${id} ${language}`).toEqual({ ok: true, template: sample })
			}
		}
	})

	it('have the same structure in English and Welsh, and different words', () => {
		for (const id of SAMPLE_IDS) {
			const en = sampleTemplate(id, 'en')
			const cy = sampleTemplate(id, 'cy')
			expect(cy.stages.length).toBe(en.stages.length)
			expect(cy.lanes.map((l) => l.kind)).toEqual(en.lanes.map((l) => l.kind))
			expect(cy.cards.map(({ stage, lane, kind, channel }) => ({ stage, lane, kind, channel }))).toEqual(
				en.cards.map(({ stage, lane, kind, channel }) => ({ stage, lane, kind, channel })),
			)
			expect(cy.personas.map(({ color, emotions }) => ({ color, emotions }))).toEqual(en.personas.map(({ color, emotions }) => ({ color, emotions })))
			expect(cy.title).not.toBe(en.title)
			en.stages.forEach((name, i) => expect(cy.stages[i]).not.toBe(name))
			en.cards.forEach((card, i) => expect(cy.cards[i]!.text).not.toBe(card.text))
			en.personas.forEach((persona, i) => {
				expect(cy.personas[i]!.story).not.toBe(persona.story)
				expect(cy.personas[i]!.needs).not.toBe(persona.needs)
			})
		}
	})

	it('are full worked examples: default lanes, every card kind, real channels, personas with a curve', () => {
		for (const id of JOURNEY_SAMPLE_IDS) {
			const en = sampleTemplate(id, 'en')
			expect(en.stages.length).toBeGreaterThanOrEqual(5)
			expect(en.stages.length).toBeLessThanOrEqual(6)
			expect(en.lanes.map((l) => l.kind)).toEqual(DEFAULT_LANE_KINDS)
			expect(en.lanes.map((l) => l.name)).toEqual(['Resident actions', 'Touchpoints', 'Behind the scenes', 'Support processes', 'Evidence'])
			expect(sampleTemplate(id, 'cy').lanes.map((l) => l.name)).toEqual([
				"Camau'r preswylydd",
				'Pwyntiau cyffwrdd',
				"Y tu ôl i'r llenni",
				'Prosesau cefnogi',
				'Tystiolaeth',
			])
			expect(en.cards.length).toBeGreaterThanOrEqual(14)
			expect(en.cards.length).toBeLessThanOrEqual(22)
			expect(new Set(en.cards.map((c) => c.kind))).toEqual(new Set(JOURNEY_CARD_KINDS))
			expect(new Set(en.cards.map((c) => c.lane)).size).toBe(en.lanes.length)
			expect(new Set(en.cards.map((c) => c.stage)).size).toBe(en.stages.length)
			for (const card of en.cards) expect(card.text.length, card.text).toBeLessThanOrEqual(110)
			expect(en.personas).toHaveLength(2)
			for (const persona of en.personas) {
				expect(persona.emotions.every((e) => e !== null)).toBe(true)
				expect(Math.min(...persona.emotions.map(Number))).toBeLessThanOrEqual(2)
				expect(persona.story && persona.needs).toBeTruthy()
			}
		}
		const channels = JOURNEY_SAMPLE_IDS.flatMap((id) => sampleTemplate(id, 'en').cards.map((c) => c.channel))
		expect(new Set(channels)).toEqual(new Set(CHANNELS))
	})

	it('include an appraisal: a joint audit of needs, achievements and what works, in both languages', () => {
		for (const language of LANGUAGES) {
			const appraisal = sampleTemplate('appraisal', language)
			expect(new Set(appraisal.cards.map((c) => c.kind))).toEqual(new Set(['pain', 'achievement', 'works', 'opportunity', 'question', 'evidence']))
			expect(new Set(appraisal.cards.map((c) => c.stage)).size).toBe(appraisal.stages.length)
			expect(new Set(appraisal.cards.map((c) => c.lane)).size).toBe(appraisal.lanes.length)
		}
		expect(sampleTemplate('appraisal', 'en').lanes.map((l) => l.name)).toEqual(['Needs we heard', 'Achievements', 'What works', 'Still to do', 'Evidence'])
		expect(sampleTemplate('appraisal', 'cy').lanes.map((l) => l.name)).toEqual(['Anghenion a glywsom', 'Cyflawniadau', 'Beth sy’n gweithio', 'I’w wneud eto', 'Tystiolaeth'])
		// Its cards come out of a board as the kinds they went in as.
		const board = [page(), blueprint('shape:b'), card('shape:c1', 'shape:b', 'Got the lights', { kind: 'achievement' }), card('shape:c2', 'shape:b', 'Evening meetings', { kind: 'works', order: 1 })]
		expect(extractServiceDesign(board).journeys[0]!.cards.map((c) => c.kind)).toEqual(['achievement', 'works'])
	})

	it('hands out a fresh copy each time', () => {
		const first = sampleTemplate('blue-badge', 'en')
		first.cards[0]!.text = 'changed'
		first.personas[0]!.emotions[0] = null
		first.stages.push('extra')
		const second = sampleTemplate('blue-badge', 'en')
		expect(second.cards[0]!.text).not.toBe('changed')
		expect(second.personas[0]!.emotions[0]).not.toBeNull()
		expect(second.stages).not.toContain('extra')
	})
})

describe('parseTemplate', () => {
	it('accepts a valid template and returns a fresh object without extra keys', () => {
		const input = { ...valid(), extra: 1, cards: valid().cards.map((c) => ({ ...c, id: 'shape:x', order: 3 })) }
		const result = parseTemplate(input)
		expect(result).toEqual({ ok: true, template: valid() })
		if (!result.ok) return
		expect(Object.keys(result.template)).not.toContain('extra')
		expect(Object.keys(result.template.cards[0]!)).toEqual(['stage', 'lane', 'kind', 'text', 'channel'])
		expect(result.template.cards).not.toBe(input.cards)
		input.cards[0]!.text = 'changed later'
		expect(result.template.cards[0]!.text).toBe('Card expired at the till')
	})

	it('accepts no cards and no personas', () => {
		expect(parseTemplate({ ...valid(), cards: [], personas: [] }).ok).toBe(true)
	})

	it('rejects what is not a template object', () => {
		expect(errorOf(null)).toBe('template: expected an object, got null')
		expect(errorOf(undefined)).toBe('template: expected an object')
		expect(errorOf([valid()])).toBe('template: expected an object, got an array')
		expect(errorOf('{"format":"cyd-journey-template"}')).toBe('template: expected an object, got "{\\"format\\":\\"cyd-journey-template\\"}"')
		expect(errorOf(42)).toBe('template: expected an object, got 42')
	})

	it('rejects a wrong format or version', () => {
		expect(errorOf(changed(['format'], REMOVE))).toBe('format: expected "cyd-journey-template"')
		expect(errorOf(changed(['format'], 'cyd-service-design'))).toBe('format: expected "cyd-journey-template", got "cyd-service-design"')
		expect(errorOf(changed(['version'], 2))).toBe('version: 2 is newer than this app reads (1)')
		expect(errorOf(changed(['version'], 0))).toBe('version: expected 1, got 0')
		expect(errorOf(changed(['version'], '1'))).toBe('version: expected 1, got "1"')
		expect(errorOf(changed(['version'], REMOVE))).toBe('version: expected 1')
	})

	it('rejects names that are not strings and texts that are too long', () => {
		expect(errorOf(changed(['title'], 7))).toBe('title: expected a string, got 7')
		expect(errorOf(changed(['stages', 1], null))).toBe('stages[1]: expected a string, got null')
		expect(errorOf(changed(['lanes', 0], 'Resident actions'))).toBe('lanes[0]: expected an object, got "Resident actions"')
		expect(errorOf(changed(['lanes', 1, 'name'], REMOVE))).toBe('lanes[1].name: expected a string')
		expect(errorOf(changed(['personas', 0, 'name'], ['Ceri']))).toBe('personas[0].name: expected a string, got an array')
		expect(errorOf(changed(['cards', 2, 'text'], { en: 'x' }))).toBe('cards[2].text: expected a string, got an object')
		const long = 'x'.repeat(MAX_TEXT + 1)
		expect(errorOf(changed(['cards', 1, 'text'], long))).toBe(`cards[1].text: longer than ${MAX_TEXT} characters (${MAX_TEXT + 1})`)
		expect(errorOf(changed(['title'], long))).toBe(`title: longer than ${MAX_TEXT} characters (${MAX_TEXT + 1})`)
		expect(errorOf(changed(['personas', 0, 'story'], long))).toBe(`personas[0].story: longer than ${MAX_TEXT} characters (${MAX_TEXT + 1})`)
		expect(parseTemplate(changed(['cards', 1, 'text'], 'x'.repeat(MAX_TEXT))).ok).toBe(true)
	})

	it('rejects unknown kinds, channels and colours', () => {
		expect(errorOf(changed(['lanes', 0, 'kind'], 'customer'))).toBe(
			'lanes[0].kind: expected a lane kind (actions, frontstage, backstage, support, evidence, other), got "customer"',
		)
		expect(errorOf(changed(['cards', 0, 'kind'], 'note'))).toBe(
			'cards[0].kind: expected a card kind (action, touchpoint, pain, opportunity, idea, question, evidence, achievement, works), got "note"',
		)
		expect(errorOf(changed(['cards', 1, 'channel'], 'email'))).toBe(
			'cards[1].channel: expected a channel (inPerson, phone, web, letter, app, other), got "email"',
		)
		expect(errorOf(changed(['cards', 1, 'channel'], REMOVE))).toBe('cards[1].channel: expected a channel (inPerson, phone, web, letter, app, other)')
		expect(errorOf(changed(['personas', 0, 'color'], 'pink'))).toBe(
			'personas[0].color: expected a colour (violet, blue, green, orange, red, light-violet, light-blue, yellow), got "pink"',
		)
	})

	it('rejects indexes out of range or not integers', () => {
		expect(errorOf(changed(['cards', 2, 'lane'], 7))).toBe('cards[2].lane: no lane 7')
		expect(errorOf(changed(['cards', 2, 'lane'], 2))).toBe('cards[2].lane: no lane 2')
		expect(errorOf(changed(['cards', 0, 'stage'], -1))).toBe('cards[0].stage: no stage -1')
		expect(errorOf(changed(['cards', 0, 'stage'], 0.5))).toBe('cards[0].stage: expected a stage index, got 0.5')
		expect(errorOf(changed(['cards', 0, 'stage'], '0'))).toBe('cards[0].stage: expected a stage index, got "0"')
		expect(errorOf({ ...valid(), cards: [{ ...valid().cards[0]!, lane: Number.NaN }] })).toBe('cards[0].lane: expected a lane index, got NaN')
	})

	it('rejects emotions that are not 1 to 5 or null, or not one per stage', () => {
		expect(errorOf(changed(['personas', 0, 'emotions'], [2]))).toBe('personas[0].emotions: expected 2 values, one per stage, got 1')
		expect(errorOf(changed(['personas', 0, 'emotions'], [2, null, 3]))).toBe('personas[0].emotions: expected 2 values, one per stage, got 3')
		expect(errorOf(changed(['personas', 0, 'emotions', 1], 6))).toBe('personas[0].emotions[1]: expected 1 to 5 or null, got 6')
		expect(errorOf(changed(['personas', 0, 'emotions', 0], 0))).toBe('personas[0].emotions[0]: expected 1 to 5 or null, got 0')
		expect(errorOf(changed(['personas', 0, 'emotions', 0], 2.5))).toBe('personas[0].emotions[0]: expected 1 to 5 or null, got 2.5')
		expect(errorOf(changed(['personas', 0, 'emotions', 0], '3'))).toBe('personas[0].emotions[0]: expected 1 to 5 or null, got "3"')
		expect(errorOf(changed(['personas', 0, 'emotions'], { a: 3 }))).toBe('personas[0].emotions: expected an array, got an object')
		expect(errorOf({ ...valid(), personas: [{ ...valid().personas[0]!, emotions: [3, undefined] }] })).toBe(
			'personas[0].emotions[1]: expected 1 to 5 or null',
		)
	})

	it('rejects too many or too few stages, lanes, cards and personas', () => {
		expect(errorOf({ ...valid(), stages: [], cards: [], personas: [] })).toBe('stages: expected at least one stage')
		expect(errorOf({ ...valid(), lanes: [], cards: [] })).toBe('lanes: expected at least one lane')
		expect(errorOf({ ...valid(), stages: Array.from({ length: 31 }, (_, i) => `Stage ${i}`) })).toBe('stages: more than 30 stages (31)')
		expect(errorOf({ ...valid(), lanes: Array.from({ length: 13 }, () => ({ name: 'Lane', kind: 'other' })) })).toBe('lanes: more than 12 lanes (13)')
		const card = valid().cards[0]!
		expect(parseTemplate({ ...valid(), cards: Array.from({ length: MAX_TEMPLATE_CARDS }, () => card) }).ok).toBe(true)
		expect(errorOf({ ...valid(), cards: Array.from({ length: MAX_TEMPLATE_CARDS + 1 }, () => card) })).toBe('cards: more than 500 cards (501)')
		const persona = valid().personas[0]!
		expect(parseTemplate({ ...valid(), personas: Array.from({ length: 8 }, () => persona) }).ok).toBe(true)
		expect(errorOf({ ...valid(), personas: Array.from({ length: 9 }, () => persona) })).toBe('personas: more than 8 personas (9)')
		expect(errorOf(changed(['stages'], 'Notice, Renew'))).toBe('stages: expected an array, got "Notice, Renew"')
		expect(errorOf(changed(['cards'], REMOVE))).toBe('cards: expected an array')
		expect(errorOf(changed(['personas'], null))).toBe('personas: expected an array, got null')
	})

	it('reports the first problem, in field order', () => {
		const bad = {
			...valid(),
			cards: valid().cards.map((c, i) => (i === 1 ? { ...c, lane: 9 } : c)),
			personas: [{ ...valid().personas[0]!, color: 'pink' }],
		}
		expect(errorOf(bad)).toBe('cards[1].lane: no lane 9')
	})

	it('never throws, whatever it is given', () => {
		// Three cards, a hole at 3, a card at 4.
		const holey: unknown[] = [...valid().cards]
		holey[4] = valid().cards[0]
		const hostile: unknown[] = [
			null,
			undefined,
			0,
			Number.NaN,
			'',
			'x'.repeat(1_000_000),
			true,
			Symbol('template'),
			10n,
			() => valid(),
			[],
			new Array(1_000_000),
			{},
			{ ...valid(), cards: new Array(1_000_000) },
			{ ...valid(), title: 'x'.repeat(1_000_000) },
			{ ...valid(), cards: holey },
			{ ...valid(), personas: [{ ...valid().personas[0], emotions: new Array(2) }] },
			Object.defineProperty({ ...valid() }, 'title', {
				get() {
					throw new Error('boom')
				},
			}),
			(() => {
				const { proxy, revoke } = Proxy.revocable({}, {})
				revoke()
				return proxy
			})(),
			Object.create(null),
			Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i])),
		]
		for (const value of hostile) {
			let result: ReturnType<typeof parseTemplate> | undefined
			expect(() => (result = parseTemplate(value))).not.toThrow()
			expect(result?.ok).toBe(false)
			if (result && !result.ok) expect(result.error).toMatch(/^[a-z]+(\[\d+\])?(\.[a-z]+(\[\d+\])?)*: /)
		}
		expect(errorOf({ ...valid(), cards: holey })).toBe('cards[3]: expected an object')
		expect(errorOf({ ...valid(), cards: new Array(1_000_000) })).toBe('cards: more than 500 cards (1000000)')
		expect(errorOf(Symbol('template'))).toBe('template: expected an object, got symbol')
	})
})

describe('templateOf', () => {
	const blueprint = 'shape:blueprint'
	const base = { typeName: 'shape', parentId: blueprint, x: 0, y: 0, rotation: 0, index: 'a1' }
	const cardProps = { w: 224, h: 96, actor: '', authorId: 'u1', authorName: 'Ffion', createdAt: 1_700_000_000_000 }
	const records = [
		{
			...base,
			id: blueprint,
			parentId: 'page:page',
			type: 'cyd-blueprint',
			props: {
				w: 1000,
				h: 800,
				title: 'Report a repair',
				stages: [
					{ id: 's-report', name: 'Report' },
					{ id: 's-visit', name: 'Visit' },
				],
				lanes: [
					{ id: 'l-act', name: 'Resident actions', kind: 'actions' },
					{ id: 'l-front', name: 'Touchpoints', kind: 'frontstage' },
					{ id: 'l-proof', name: 'Evidence', kind: 'evidence' },
				],
			},
		},
		// Out of order on purpose: the template follows the cell order, not the record order.
		{ ...base, id: 'shape:c3', type: 'cyd-card', props: { ...cardProps, stage: 's-visit', lane: 'l-front', order: 2, kind: 'pain', text: 'Nobody came', channel: 'inPerson' } },
		{ ...base, id: 'shape:c2', type: 'cyd-card', props: { ...cardProps, stage: 's-visit', lane: 'l-front', order: 1, kind: 'touchpoint', text: 'Text with a slot', channel: 'phone' } },
		{ ...base, id: 'shape:c1', type: 'cyd-card', props: { ...cardProps, stage: 's-report', lane: 'l-act', order: 0, kind: 'action', text: 'Rings the council', channel: 'phone' } },
		{ ...base, id: 'shape:c4', type: 'cyd-card', props: { ...cardProps, stage: 's-report', lane: 'l-proof', order: 0, kind: 'evidence', text: 'Photo of the leak', channel: 'app' } },
		{
			...base,
			id: 'shape:p2',
			type: 'cyd-persona',
			props: { ...cardProps, w: 272, h: 200, name: 'Gareth', story: 'Lives alone.', needs: 'A phone number.', color: 'blue', emotions: { 's-visit': 1 }, order: 1 },
		},
		{
			...base,
			id: 'shape:p1',
			type: 'cyd-persona',
			props: { ...cardProps, w: 272, h: 200, name: 'Aisha', story: 'Two children.', needs: 'Evening slots.', color: 'orange', emotions: { 's-report': 2, 's-visit': 4, gone: 5 }, order: 0 },
		},
		// Another blueprint's card is not this journey's.
		{ ...base, id: 'shape:other', parentId: 'shape:elsewhere', type: 'cyd-card', props: { ...cardProps, stage: 's-report', lane: 'l-act', order: 0, kind: 'idea', text: 'Elsewhere', channel: 'web' } },
	]

	it('turns an extracted journey into a template that parses to itself', () => {
		const journey = extractServiceDesign(records).journeys[0]!
		const template = templateOf(journey)
		expect(template).toEqual({
			format: 'cyd-journey-template',
			version: 1,
			title: 'Report a repair',
			stages: ['Report', 'Visit'],
			lanes: [
				{ name: 'Resident actions', kind: 'actions' },
				{ name: 'Touchpoints', kind: 'frontstage' },
				{ name: 'Evidence', kind: 'evidence' },
			],
			cards: [
				{ stage: 0, lane: 0, kind: 'action', text: 'Rings the council', channel: 'phone' },
				{ stage: 0, lane: 2, kind: 'evidence', text: 'Photo of the leak', channel: 'app' },
				{ stage: 1, lane: 1, kind: 'touchpoint', text: 'Text with a slot', channel: 'phone' },
				{ stage: 1, lane: 1, kind: 'pain', text: 'Nobody came', channel: 'inPerson' },
			],
			personas: [
				{ name: 'Aisha', story: 'Two children.', needs: 'Evening slots.', color: 'orange', emotions: [2, 4] },
				{ name: 'Gareth', story: 'Lives alone.', needs: 'A phone number.', color: 'blue', emotions: [null, 1] },
			],
		})
		expect(parseTemplate(template)).toEqual({ ok: true, template })
		expect(parseTemplate(JSON.parse(JSON.stringify(template)))).toEqual({ ok: true, template })
	})

	it('cuts what a template cannot hold, so the result always parses', () => {
		const journey = extractServiceDesign(records).journeys[0]!
		const card = journey.cards[0]!
		const big = {
			...journey,
			cards: Array.from({ length: MAX_TEMPLATE_CARDS + 20 }, (_, i) => ({ ...card, id: `c${i}`, text: 'y'.repeat(MAX_TEXT + 5) })),
			personas: Array.from({ length: 10 }, (_, i) => ({ ...journey.personas[0]!, id: `p${i}`, color: 'not-a-colour' })),
		}
		const template = templateOf(big)
		expect(template.cards).toHaveLength(MAX_TEMPLATE_CARDS)
		expect(template.cards[0]!.text).toHaveLength(MAX_TEXT)
		expect(template.personas).toHaveLength(8)
		expect(template.personas.map((p) => p.color)).toEqual(['violet', 'blue', 'green', 'orange', 'red', 'light-violet', 'light-blue', 'yellow'])
		expect(parseTemplate(template).ok).toBe(true)
	})
})
