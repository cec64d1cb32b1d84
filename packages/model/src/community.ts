/**
 * Decisions the community holds: who may vote or propose in a round, experts withdrawing in a
 * deliberation phase (and, when the facilitator says so, leaving the room), and where the community's
 * rounds live in the workshop document (`expertsLeave`, `round.audience`, `ratification`, `budget`, and
 * the closed rounds a newer one replaced, `pastRatifications` and `pastBudgets`).
 * The server decides with these rules; the web app only mirrors them.
 * @module
 */
import { parseBudgetRound, type BudgetRound } from './budget.js'
import { isAudience, type Audience } from './audience.js'
import { parseRatification, type RatificationRound } from './ratification.js'
import { isPhaseKind, takesPart, type Affiliation, type PhaseKind, type Role } from './roles.js'

/** What the rules need to know of a voter. */
export interface Voter {
	role: Role
	affiliation: Affiliation | null
}

/** Why someone may not vote now: a code the web app words, and a plain English message for the API. */
export type Refusal = { code: 'not-taking-part' | 'experts-withdrawn' | 'participants-only' | 'residents-only'; message: string }

/** Whether experts have withdrawn: in a deliberation phase, the residents decide on their own. */
export function expertsWithdrawn(phaseKind: PhaseKind | null): boolean {
	return phaseKind === 'deliberation'
}

/** Whether experts are out of the room now: withdrawn, and the facilitator asked them to leave the board too. */
export function expertsAway(state: { phaseKind: PhaseKind | null; expertsLeave: boolean }): boolean {
	return state.expertsLeave && expertsWithdrawn(state.phaseKind)
}

/** Why this person may not propose an item now, or null when they may. */
export function proposalRefusal(role: Role, phaseKind: PhaseKind | null): Refusal | null {
	if (!takesPart(role)) return { code: 'not-taking-part', message: 'only people taking part may propose' }
	if (role === 'expert' && expertsWithdrawn(phaseKind)) {
		return { code: 'experts-withdrawn', message: 'experts have withdrawn for the deliberation: the community proposes and decides' }
	}
	return null
}

/** Why this person may not vote in a round for `audience` now, or null when they may. */
export function voteRefusal(voter: Voter, audience: Audience, phaseKind: PhaseKind | null): Refusal | null {
	if (!takesPart(voter.role)) return { code: 'not-taking-part', message: 'only people taking part may vote' }
	if (voter.role === 'expert' && expertsWithdrawn(phaseKind)) {
		return { code: 'experts-withdrawn', message: 'experts have withdrawn for the deliberation: the community votes' }
	}
	if (audience === 'participants' && voter.role !== 'participant') return { code: 'participants-only', message: 'this round is for participants only' }
	if (audience === 'residents' && voter.affiliation !== 'resident') {
		return { code: 'residents-only', message: 'this round is for residents only (as people said when they joined)' }
	}
	return null
}

/** The community's part of the workshop state. */
export interface CommunityState {
	/** The facilitator's "experts leave the room": while on, in a deliberation phase experts' boards go blank. */
	expertsLeave: boolean
	phaseKind: PhaseKind | null
	/** Who the dot-voting round is for (`everyone` for rounds opened before rounds said so). */
	roundAudience: Audience
	ratification: RatificationRound | null
	budget: BudgetRound | null
	/** Closed ratifications that a newer one replaced, oldest first. */
	pastRatifications: RatificationRound[]
	/** Closed budget rounds that a newer one replaced, oldest first. */
	pastBudgets: BudgetRound[]
}

/** Most replaced rounds of each kind the workshop document keeps. */
export const MAX_PAST_ROUNDS = 50

/** The closed rounds of a list, as stored: malformed or unclosed entries are dropped. */
function pastRounds<T extends { status: string }>(json: unknown, parse: (v: unknown) => T | null): T[] {
	if (!Array.isArray(json)) return []
	return json.flatMap((v) => {
		const round = parse(v)
		return round && round.status === 'closed' ? [round] : []
	})
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Reads the community's part of the workshop map's JSON, dropping anything malformed. */
export function parseCommunity(json: unknown): CommunityState {
	const o = isObject(json) ? json : {}
	const round = isObject(o.round) ? o.round : {}
	return {
		expertsLeave: o.expertsLeave === true,
		phaseKind: isPhaseKind(o.phaseKind) ? o.phaseKind : null,
		roundAudience: isAudience(round.audience) ? round.audience : 'everyone',
		ratification: parseRatification(o.ratification),
		budget: parseBudgetRound(o.budget),
		pastRatifications: pastRounds(o.pastRatifications, parseRatification),
		pastBudgets: pastRounds(o.pastBudgets, parseBudgetRound),
	}
}
