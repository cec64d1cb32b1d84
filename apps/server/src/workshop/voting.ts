/**
 * Dot voting: rounds the facilitator opens and closes, and each person's ballot, kept where no client
 * can read it until the round closes. Rounds can be limited to the people present when they opened, and
 * say who may take part (everyone, participants only, residents only); experts withdraw in a
 * deliberation phase.
 * @module
 */
import { privateDocument, type Audience, type WorkshopState } from '@cyd/model'
import type { SyncServer } from '@cyd/sync'
import type { Community } from './community.js'
import type { Facilitation } from './facilitation.js'
import type { Links } from './links.js'
import { newId, votesOf, WorkshopError } from './records.js'

export interface Ballot {
	ballot: Record<string, number>
	remaining: number
}

export class Voting {
	constructor(
		private readonly sync: SyncServer,
		private readonly facilitation: Facilitation,
		private readonly links: Links,
		private readonly community: Community,
	) {}

	/**
	 * Opens a round of `votesPerPerson` dots for `audience`; with `presentOnly`, only people who joined
	 * before it may vote.
	 */
	open(room: string, votesPerPerson: number, presentOnly = false, audience: Audience = 'everyone') {
		return this.facilitation.update(room, (map, state) => {
			if (state.round?.status === 'open') throw new WorkshopError(409, 'a voting round is already open')
			map.set('round', { id: newId(), status: 'open', votesPerPerson, presentOnly, audience, openedAt: Date.now(), closedAt: null, results: null, voters: null })
		})
	}

	/** Closes the open round and publishes its tally: until now, nobody but the server saw the votes. */
	async close(room: string): Promise<WorkshopState> {
		const round = (await this.facilitation.state(room)).round
		if (!round || round.status !== 'open') throw new WorkshopError(409, 'no voting round is open')
		const tally: Record<string, number> = {}
		let voters = 0
		for (const [key, ballot] of votesOf(await this.links.privateDoc(room)).entries()) {
			if (!key.startsWith(`${round.id}:`)) continue
			if (Object.values(ballot).some((n) => n > 0)) voters++
			for (const [shape, n] of Object.entries(ballot)) if (n > 0) tally[shape] = (tally[shape] ?? 0) + n
		}
		const { roundAudience } = await this.community.state(room)
		return this.facilitation.update(room, (map) => map.set('round', { ...round, audience: roundAudience, status: 'closed', closedAt: Date.now(), results: tally, voters }))
	}

	/** Adds or takes back one of a person's votes on a shape, within their allowance. Answers their ballot. */
	async vote(room: string, personId: string, shapeId: string, delta: 1 | -1): Promise<Ballot> {
		const round = (await this.facilitation.state(room)).round
		if (!round || round.status !== 'open') throw new WorkshopError(409, 'no voting round is open')
		await this.community.checkVoter(room, personId, (await this.community.state(room)).roundAudience)
		if (round.presentOnly) {
			const person = await this.links.person(room, personId)
			if (!person || person.joinedAt > round.openedAt) throw new WorkshopError(403, 'this round is for the people who were here when it opened')
		}
		const canvas = this.sync.retain(room)
		try {
			if (!(await canvas.ready).getMap('records').has(shapeId)) throw new WorkshopError(404, 'no such shape on the board')
		} finally {
			canvas.release()
		}
		return this.sync.transact(privateDocument(room), (doc) => {
			const key = `${round.id}:${personId}`
			const ballot = { ...(votesOf(doc).get(key) ?? {}) }
			const used = Object.values(ballot).reduce((a, b) => a + b, 0)
			const current = ballot[shapeId] ?? 0
			if (delta === 1 && used >= round.votesPerPerson) throw new WorkshopError(409, `you have used all ${round.votesPerPerson} of your votes`)
			if (delta === -1 && current === 0) throw new WorkshopError(409, 'you have no vote on this to take back')
			if (current + delta === 0) delete ballot[shapeId]
			else ballot[shapeId] = current + delta
			votesOf(doc).set(key, ballot)
			return { ballot, remaining: round.votesPerPerson - used - delta }
		})
	}

	async ballot(room: string, personId: string): Promise<Ballot> {
		const round = (await this.facilitation.state(room)).round
		if (!round) return { ballot: {}, remaining: 0 }
		const ballot = votesOf(await this.links.privateDoc(room)).get(`${round.id}:${personId}`) ?? {}
		const used = Object.values(ballot).reduce((a, b) => a + b, 0)
		return { ballot, remaining: round.status === 'open' ? round.votesPerPerson - used : 0 }
	}
}
