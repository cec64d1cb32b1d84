/**
 * Ratification: the facilitator opens a round on everything agreed so far, with a threshold; each person
 * it is for answers yes, no or abstain on every item, once; closing it publishes the tally per item. The
 * ballots stay in the private document, never served; only the tally is published.
 * @module
 */
import { latestDecisions, MAX_RATIFY_ITEMS, privateDocument, tallyRatification, type Audience, type RatificationItem, type RatifyVote, type Threshold, type WorkshopState } from '@cyd/model'
import type { SyncServer } from '@cyd/sync'
import { ballotsOf, keepClosed, roundBallots, type Community } from './community.js'
import type { Facilitation } from './facilitation.js'
import { newId, WorkshopError } from './records.js'

const PREFIX = 'ratify:'

export class Ratification {
	constructor(
		private readonly sync: SyncServer,
		private readonly facilitation: Facilitation,
		private readonly community: Community,
	) {}

	/** Opens a ratification of the items agreed now, for `audience`, with `threshold` of yes among yes and no. */
	async open(room: string, threshold: Threshold, audience: Audience): Promise<WorkshopState> {
		if (threshold.yes < 1 || threshold.of < threshold.yes) throw new WorkshopError(400, 'threshold: yes must be at least 1 and at most of')
		const current = await this.community.state(room)
		if (current.ratification?.status === 'open') throw new WorkshopError(409, 'a ratification is already open')
		const state = await this.facilitation.state(room)
		const items: RatificationItem[] = [...latestDecisions(state.decisions).values()]
			.filter((d) => d.status === 'agreed')
			.map((d) => ({ item: d.item, kind: d.itemKind, text: d.itemText }))
		if (items.length === 0) throw new WorkshopError(409, 'nothing has been agreed yet: there is nothing to ratify')
		if (items.length > MAX_RATIFY_ITEMS) throw new WorkshopError(409, `a ratification asks about at most ${MAX_RATIFY_ITEMS} items`)
		return this.facilitation.update(room, (map) => {
			// A closed ratification it replaces stays in the design (pastRatifications).
			keepClosed(map, 'ratification', 'pastRatifications')
			map.set('ratification', { id: newId(), status: 'open', items, threshold, audience, openedAt: Date.now(), closedAt: null, results: null, voters: null })
		})
	}

	/** Casts a person's one ballot: yes, no or abstain on every item of the open ratification. */
	async vote(room: string, personId: string, votes: Record<string, RatifyVote>): Promise<{ ballot: Record<string, RatifyVote> }> {
		const round = (await this.community.state(room)).ratification
		if (!round || round.status !== 'open') throw new WorkshopError(409, round ? 'the ratification is closed' : 'no ratification is open')
		await this.community.checkVoter(room, personId, round.audience)
		const items = new Set(round.items.map((i) => i.item))
		for (const item of Object.keys(votes)) if (!items.has(item)) throw new WorkshopError(400, `no such item in this ratification: ${item}`)
		const missing = round.items.filter((i) => !(i.item in votes))
		if (missing.length > 0) throw new WorkshopError(400, `answer every item (yes, no or abstain): ${missing.length} not answered`)
		return this.sync.transact(privateDocument(room), (doc) => {
			const ballots = ballotsOf<Record<string, RatifyVote>>(doc, PREFIX)
			const key = `${round.id}:${personId}`
			if (ballots.has(key)) throw new WorkshopError(409, 'you have already cast your ballot in this ratification')
			ballots.set(key, votes)
			return { ballot: votes }
		})
	}

	/** A person's ballot in the current ratification, or null. */
	async mine(room: string, personId: string): Promise<Record<string, RatifyVote> | null> {
		const round = (await this.community.state(room)).ratification
		if (!round) return null
		const held = this.sync.retain(privateDocument(room))
		try {
			return ballotsOf<Record<string, RatifyVote>>(await held.ready, PREFIX).get(`${round.id}:${personId}`) ?? null
		} finally {
			held.release()
		}
	}

	/** Closes the open ratification and publishes its tally per item. */
	async close(room: string): Promise<WorkshopState> {
		const round = (await this.community.state(room)).ratification
		if (!round || round.status !== 'open') throw new WorkshopError(409, 'no ratification is open')
		const held = this.sync.retain(privateDocument(room))
		let ballots: Record<string, RatifyVote>[]
		try {
			ballots = roundBallots<Record<string, RatifyVote>>(await held.ready, PREFIX, round.id)
		} finally {
			held.release()
		}
		const results = tallyRatification(round.items, ballots, round.threshold)
		return this.facilitation.update(room, (map) => map.set('ratification', { ...round, status: 'closed', closedAt: Date.now(), results, voters: ballots.length }))
	}
}
