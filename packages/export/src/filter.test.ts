import type { ServiceDesign } from '@cyd/model'
import { describe, expect, it } from 'vitest'
import { filterAgreed, latestStatuses } from './filter.js'
import { fixtureDesign } from './test-support/fixture.js'

const ids = (items: Array<{ id: string }>) => items.map((i) => i.id)

describe('filterAgreed', () => {
	const design = fixtureDesign()
	const agreed = filterAgreed(design)

	it('takes an item’s status from its latest decision', () => {
		const statuses = latestStatuses(design)
		expect(statuses.get('shape:c7')).toBe('agreed')
		expect(statuses.get('shape:c9')).toBe('parked')
		expect(statuses.get('shape:c1')).toBeUndefined()
	})

	it('keeps only agreed cards and personas, and every stage and lane', () => {
		const journey = agreed.journeys[0]!
		expect(ids(journey.cards)).toEqual(['shape:c4', 'shape:c5', 'shape:c6', 'shape:c7', 'shape:c8'])
		expect(ids(journey.personas)).toEqual(['shape:pe1'])
		expect(journey.stages).toEqual(design.journeys[0]!.stages)
		expect(journey.lanes).toEqual(design.journeys[0]!.lanes)
	})

	it('keeps only agreed stakeholders and assets, and clears references to what went', () => {
		expect(ids(agreed.stakeholders)).toEqual(['shape:sh1', 'shape:sh2', 'shape:sh4'])
		expect(ids(agreed.assets)).toEqual(['shape:as1'])
		expect(agreed.assets[0]!.connects).toEqual(['shape:sh4', 'shape:sh1'])
		const card8 = agreed.journeys[0]!.cards.find((c) => c.id === 'shape:c8')!
		expect(card8.actor).toBeNull()
		const card5 = agreed.journeys[0]!.cards.find((c) => c.id === 'shape:c5')!
		expect(card5.actor).toBe('shape:sh2')
	})

	it('keeps only agreed notes, drawings and other contributions', () => {
		expect(ids(agreed.contributions)).toEqual(['shape:n1', 'shape:d1', 'shape:i1'])
	})

	it('drops relationships not agreed, and agreed ones whose end was dropped', () => {
		// r2 ends at the repairs team and r5 starts at Cllr Jones, neither of them agreed.
		expect(ids(agreed.relationships)).toEqual(['shape:r1', 'shape:r3'])
	})

	it('keeps the votes and decisions of kept items, and every contributor', () => {
		expect(agreed.votes.map((v) => v.item)).toEqual(['shape:n1', 'shape:c4', 'shape:c6', 'shape:c7', 'shape:sh4'])
		expect(agreed.decisions.map((d) => d.item)).not.toContain('shape:c10')
		expect(agreed.decisions.filter((d) => d.item === 'shape:c7').map((d) => d.status)).toEqual(['proposed', 'agreed'])
		expect(agreed.contributors).toEqual(design.contributors)
	})

	it('leaves the design it was given alone', () => {
		expect(design).toEqual(fixtureDesign())
	})

	it('keeps nothing but the grid when nothing was decided', () => {
		const undecided: ServiceDesign = { ...design, decisions: [] }
		const result = filterAgreed(undecided)
		expect(result.journeys[0]!.cards).toEqual([])
		expect(result.stakeholders).toEqual([])
		expect(result.relationships).toEqual([])
		expect(result.journeys[0]!.stages).toHaveLength(2)
	})

	it('follows a later decision that reverses an agreement', () => {
		const reversed: ServiceDesign = {
			...design,
			decisions: [...design.decisions, { ...design.decisions[1]!, status: 'rejected', at: '2025-03-04T13:00:00.000Z' }],
		}
		expect(ids(filterAgreed(reversed).journeys[0]!.cards)).not.toContain('shape:c6')
	})
})
