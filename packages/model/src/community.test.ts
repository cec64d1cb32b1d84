import { describe, expect, it } from 'vitest'
import { expertsAway, parseCommunity, proposalRefusal, voteRefusal } from './community.js'
import { meetsThreshold, tallyRatification } from './ratification.js'

describe('who may vote and propose', () => {
	it('refuses experts in a deliberation phase, and only then', () => {
		expect(voteRefusal({ role: 'expert', affiliation: null }, 'everyone', 'deliberation')?.code).toBe('experts-withdrawn')
		expect(voteRefusal({ role: 'expert', affiliation: null }, 'everyone', 'evidence')).toBeNull()
		expect(proposalRefusal('expert', 'deliberation')?.code).toBe('experts-withdrawn')
		expect(proposalRefusal('participant', 'deliberation')).toBeNull()
		expect(proposalRefusal('observer', null)?.code).toBe('not-taking-part')
	})
	it('keeps a round to its audience', () => {
		expect(voteRefusal({ role: 'expert', affiliation: 'resident' }, 'participants', null)?.code).toBe('participants-only')
		expect(voteRefusal({ role: 'facilitator', affiliation: null }, 'participants', null)?.code).toBe('participants-only')
		expect(voteRefusal({ role: 'participant', affiliation: 'organisation' }, 'residents', null)?.code).toBe('residents-only')
		expect(voteRefusal({ role: 'participant', affiliation: null }, 'residents', null)?.code).toBe('residents-only')
		expect(voteRefusal({ role: 'participant', affiliation: 'resident' }, 'residents', null)).toBeNull()
		expect(voteRefusal({ role: 'observer', affiliation: 'resident' }, 'everyone', null)?.code).toBe('not-taking-part')
	})
	it('sends experts out of the room only when the facilitator asked and the phase is deliberation', () => {
		expect(expertsAway({ expertsLeave: true, phaseKind: 'deliberation' })).toBe(true)
		expect(expertsAway({ expertsLeave: false, phaseKind: 'deliberation' })).toBe(false)
		expect(expertsAway({ expertsLeave: true, phaseKind: 'discussion' })).toBe(false)
		expect(parseCommunity({ expertsLeave: true, phaseKind: 'deliberation', round: { audience: 'residents' }, budget: { id: 'x' } })).toEqual({
			expertsLeave: true,
			phaseKind: 'deliberation',
			roundAudience: 'residents',
			ratification: null,
			budget: null,
			pastRatifications: [],
			pastBudgets: [],
		})
	})
	it('keeps the closed rounds a newer one replaced, and drops any that are malformed or not closed', () => {
		const closed = { id: 'b1', status: 'closed', pot: 100, currency: 'GBP', ballot: 'approval', options: [], results: null }
		const past = parseCommunity({ pastBudgets: [closed, { ...closed, id: 'b2', status: 'open' }, { id: 'bad' }, 'x'], pastRatifications: 'nope' })
		expect(past.pastBudgets.map((r) => r.id)).toEqual(['b1'])
		expect(past.pastRatifications).toEqual([])
	})
})

describe('ratification', () => {
	it('ratifies at the threshold of yes and no, abstentions aside', () => {
		// Two thirds: 2 yes, 1 no is exactly two thirds; 3 yes, 2 no is not.
		expect(meetsThreshold(2, 1, { yes: 2, of: 3 })).toBe(true)
		expect(meetsThreshold(3, 2, { yes: 2, of: 3 })).toBe(false)
		expect(meetsThreshold(0, 0, { yes: 1, of: 2 })).toBe(false)
		const items = [{ item: 'shape:a', kind: 'card' as const, text: 'A' }, { item: 'shape:b', kind: 'card' as const, text: 'B' }]
		const tally = tallyRatification(items, [{ 'shape:a': 'yes', 'shape:b': 'no' }, { 'shape:a': 'yes', 'shape:b': 'abstain' }, { 'shape:a': 'no' }], { yes: 2, of: 3 })
		expect(tally).toEqual({ 'shape:a': { yes: 2, no: 1, abstain: 0, ratified: true }, 'shape:b': { yes: 0, no: 1, abstain: 2, ratified: false } })
	})
})
