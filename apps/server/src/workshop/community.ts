/**
 * Decisions the community holds, as the server keeps them: the facilitator's "experts leave the room",
 * who may vote in a round (checked against the person the server knows, never the client's word), and
 * the community's part of the workshop document. Ratification and participatory budgeting build on it
 * (ratification.ts, budget.ts).
 * @module
 */
import type * as Y from 'yjs'
import { MAX_PAST_ROUNDS, parseCommunity, voteRefusal, workshopDocument, type Audience, type CommunityState } from '@cyd/model'
import type { SyncServer } from '@cyd/sync'
import type { Facilitation } from './facilitation.js'
import type { Links } from './links.js'
import { PRIVATE_MAP, Records, workshopMap, WorkshopError } from './records.js'

/** The close code of an expert's board while experts are out of the room (they come back when the phase ends). */
export const EXPERTS_AWAY_CLOSE = 4410
export const EXPERTS_AWAY_MESSAGE = 'experts have left the room for the deliberation; the board comes back when the phase ends'

/** The community's part of a loaded workshop document. */
export function readCommunity(doc: Y.Doc): CommunityState {
	return parseCommunity(workshopMap(doc).toJSON())
}

/**
 * Before a new round replaces a closed one, keeps the closed one (its results, and the id its ballots are
 * kept under) in `past`, the last MAX_PAST_ROUNDS of them, so the design still carries every round.
 */
export function keepClosed(map: Y.Map<unknown>, key: 'budget' | 'ratification', past: 'pastBudgets' | 'pastRatifications'): void {
	const current = map.get(key) as { status?: unknown } | undefined
	if (!current || current.status !== 'closed') return
	const kept = map.get(past)
	map.set(past, [...(Array.isArray(kept) ? kept : []), current].slice(-MAX_PAST_ROUNDS))
}

/** Ballots of a kind of round in the private document: `<prefix><round>:<person>` -> ballot. */
export const ballotsOf = <T>(doc: Y.Doc, prefix: string) => new Records<T>(doc.getMap(PRIVATE_MAP), prefix)

/** The ballots of one round, without who cast them. */
export function roundBallots<T>(doc: Y.Doc, prefix: string, round: string): T[] {
	return ballotsOf<T>(doc, prefix)
		.entries()
		.filter(([key]) => key.startsWith(`${round}:`))
		.map(([, ballot]) => ballot)
}

export class Community {
	constructor(
		private readonly sync: SyncServer,
		private readonly facilitation: Facilitation,
		private readonly links: Links,
	) {}

	async state(room: string): Promise<CommunityState> {
		const held = this.sync.retain(workshopDocument(room))
		try {
			return readCommunity(await held.ready)
		} finally {
			held.release()
		}
	}

	/** Turns "experts leave the room" on or off; live connections follow at once (see live.ts). */
	setExpertsLeave(room: string, on: boolean) {
		return this.facilitation.update(room, (map) => map.set('expertsLeave', on))
	}

	/**
	 * Refuses (403, with why) a person who may not vote in a round for `audience` now: not taking part, an
	 * expert in a deliberation phase, or outside the round's audience (a seat's person counts with the
	 * affiliation the facilitator or they gave).
	 */
	async checkVoter(room: string, personId: string, audience: Audience): Promise<void> {
		const [person, state] = await Promise.all([this.links.person(room, personId), this.state(room)])
		if (!person || person.removed) throw new WorkshopError(403, 'you are not in this room')
		const refused = voteRefusal(person, audience, state.phaseKind)
		if (refused) throw new WorkshopError(403, refused.message)
	}
}
