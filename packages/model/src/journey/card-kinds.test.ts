import { describe, expect, it } from 'vitest'
import { EMPTY_WORKSHOP, parseWorkshop } from '../workshop.js'
import { sampleTemplate } from './templates.js'
import { APPRAISAL_CARD_KINDS, CARD_KINDS, cardKindsProblem, offeredCardKinds, roomCardKinds } from './shapes.js'

describe('the kinds of card a room offers', () => {
	it('are every kind until a template or the facilitator chooses, then the chosen ones in their order', () => {
		expect(EMPTY_WORKSHOP.cardKinds).toEqual([...CARD_KINDS])
		expect(parseWorkshop({}).cardKinds).toEqual([...CARD_KINDS])
		expect(parseWorkshop({ cardKinds: ['works', 'achievement', 'pain'] }).cardKinds).toEqual(['works', 'achievement', 'pain'])
		// A value that is not a list of card kinds is read as none chosen.
		for (const bad of [[], ['party'], ['pain', 'pain'], 'pain', null, 3]) expect(roomCardKinds(bad)).toEqual([...CARD_KINDS])
	})

	it('name what is wrong with a list, field by field', () => {
		expect(cardKindsProblem([...APPRAISAL_CARD_KINDS])).toBeNull()
		expect(cardKindsProblem('pain')).toMatch(/^cardKinds: expected an array of card kinds \(action, touchpoint, .*, works\)$/)
		expect(cardKindsProblem([])).toBe('cardKinds: at least one card kind')
		expect(cardKindsProblem([...CARD_KINDS, 'pain'])).toBe('cardKinds: at most 9 card kinds')
		expect(cardKindsProblem(['pain', 'wins'], 'template.cardKinds')).toMatch(/^template\.cardKinds\.1: expected a card kind \(.*\), got "wins"$/)
		expect(cardKindsProblem(['pain', 7])).toMatch(/cardKinds\.1: .*got number$/)
		expect(cardKindsProblem(['works', 'pain', 'works'])).toBe('cardKinds.2: works is listed twice')
	})

	it('keep a card’s own kind offered when the room no longer offers it', () => {
		expect(offeredCardKinds(APPRAISAL_CARD_KINDS, 'touchpoint')).toEqual([...APPRAISAL_CARD_KINDS, 'touchpoint'])
		expect(offeredCardKinds(APPRAISAL_CARD_KINDS, 'works')).toEqual([...APPRAISAL_CARD_KINDS])
		expect(offeredCardKinds(APPRAISAL_CARD_KINDS)).toEqual([...APPRAISAL_CARD_KINDS])
	})

	it('of an appraisal are the kinds its worked example uses: achievement and what works among them', () => {
		expect(APPRAISAL_CARD_KINDS).toEqual(expect.arrayContaining(['achievement', 'works']))
		for (const language of ['en', 'cy'] as const) {
			expect(new Set(sampleTemplate('appraisal', language).cards.map((c) => c.kind))).toEqual(new Set(APPRAISAL_CARD_KINDS))
		}
	})
})
