/**
 * Roles in a workshop and what each may do to the shared canvas, given the workshop's state.
 * The server decides with these; the client only mirrors them to say "view only".
 * @module
 */

/**
 * `steward`: a named officer who follows the commitments up after the workshop (posts updates on
 * actions, answers the public page's replies); the board is view-only for them, and their link lives
 * longer than the others' and can be renewed by the facilitator.
 */
export const ROLES = ['facilitator', 'participant', 'expert', 'observer', 'steward'] as const
export type Role = (typeof ROLES)[number]

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** Kinds of agenda phase. In `deliberation`, experts withdraw and residents deliberate on their own. */
export const PHASE_KINDS = ['discussion', 'evidence', 'deliberation', 'voting'] as const
export type PhaseKind = (typeof PHASE_KINDS)[number]

export function isPhaseKind(value: unknown): value is PhaseKind {
	return typeof value === 'string' && (PHASE_KINDS as readonly string[]).includes(value)
}

/** The parts of the workshop's state that decide who may write the canvas. */
export interface AccessState {
	locked: boolean
	phaseKind: PhaseKind | null
	/** Whether the lock holds the touch table too (absent: it does). */
	lockCoversTable?: boolean
}

/** Where a connection writes from: the touch table is a facilitator's screen that a lock may hold. */
export interface AccessPlace {
	table?: boolean
}

/** Whether a lock holds a connection of this role at this place. */
function lockHoldsTable(role: Role, state: AccessState, place: AccessPlace): boolean {
	return role === 'facilitator' && place.table === true && state.locked && state.lockCoversTable !== false
}

/** Whether a person of `role` takes part in the session itself (writes, votes, proposes): not observers or stewards. */
export function takesPart(role: Role): boolean {
	return role === 'facilitator' || role === 'participant' || role === 'expert'
}

/**
 * Whether a person of `role` may write the canvas now. Observers and stewards never; facilitators always, except at
 * the touch table while a lock that covers it holds; when the board is locked, nobody else; in a
 * deliberation phase, experts become observers.
 */
export function canWriteCanvas(role: Role, state: AccessState, place: AccessPlace = {}): boolean {
	if (lockHoldsTable(role, state, place)) return false
	if (role === 'facilitator') return true
	if (role === 'observer' || role === 'steward') return false
	if (state.locked) return false
	if (role === 'expert' && state.phaseKind === 'deliberation') return false
	return true
}

/** Why a person may not write now, for the client to say so; null when they may. */
export function readOnlyReason(role: Role, state: AccessState, place: AccessPlace = {}): 'observer' | 'locked' | 'deliberation' | null {
	if (lockHoldsTable(role, state, place)) return 'locked'
	if (role === 'facilitator') return null
	// A steward watches the board as an observer does.
	if (role === 'observer' || role === 'steward') return 'observer'
	if (state.locked) return 'locked'
	if (role === 'expert' && state.phaseKind === 'deliberation') return 'deliberation'
	return null
}

/** How a person describes why they are here; used only for the facilitator's balance-of-voice figures. */
export const AFFILIATIONS = ['resident', 'organisation'] as const
export type Affiliation = (typeof AFFILIATIONS)[number]

export function isAffiliation(value: unknown): value is Affiliation {
	return typeof value === 'string' && (AFFILIATIONS as readonly string[]).includes(value)
}
