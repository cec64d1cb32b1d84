import { describe, expect, it } from 'vitest'
import type { VotingRound } from '@cyd/model'
import { MESSAGE_MS, tableMessage } from './messages'

const round = (status: 'open' | 'closed'): VotingRound => ({ id: 'r1', status, votesPerPerson: 3, presentOnly: false, openedAt: 1_000, closedAt: status === 'closed' ? 50_000 : null, results: null, voters: status === 'closed' ? 5 : null })

describe("the table's messages", () => {
	it('says a round opened, then closed, each until it times out', () => {
		expect(tableMessage({ round: null }, 0, new Set())).toBeNull()
		expect(tableMessage({ round: round('open') }, 1_000, new Set())).toMatchObject({ key: 'table.roundOpen', params: { votes: 3 } })
		expect(tableMessage({ round: round('open') }, 1_000 + MESSAGE_MS, new Set())).toBeNull()
		expect(tableMessage({ round: round('closed') }, 50_000 + MESSAGE_MS - 1, new Set())).toMatchObject({ key: 'vote.closed', params: { voters: 5 }, until: 50_000 + MESSAGE_MS })
		expect(tableMessage({ round: round('closed') }, 50_000 + MESSAGE_MS, new Set())).toBeNull()
	})

	it('goes once dismissed, and only that news goes', () => {
		expect(tableMessage({ round: round('closed') }, 50_001, new Set(['r1:closed']))).toBeNull()
		expect(tableMessage({ round: round('open') }, 1_001, new Set(['r1:closed']))).not.toBeNull()
	})
})
