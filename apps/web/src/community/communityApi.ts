/**
 * The calls of decisions the community holds (experts leaving the room, ratification, participatory
 * budgeting), through a client typed from the server's own routes.
 * @module
 */
import { hc } from 'hono/client'
import type { ApiRoutes } from '@cyd/server/api'
import type { Audience, BallotKind, BudgetBallot, RatifyVote } from '@cyd/model'

const BASE = typeof window === 'undefined' ? 'http://localhost/api' : new URL('/api', window.location.href).href

/** A refusal from the server, with its message. */
export class CommunityError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message)
	}
}

async function ok<T>(res: { ok: boolean; status: number; json(): Promise<T> }): Promise<T> {
	if (!res.ok) {
		const body = (await res.json().catch(() => null)) as { error?: unknown } | null
		throw new CommunityError(res.status, typeof body?.error === 'string' ? body.error : `HTTP ${res.status}`)
	}
	return res.json()
}

export class CommunityApi {
	private readonly room
	private readonly param: { id: string }

	constructor(roomId: string, session: string) {
		this.room = hc<ApiRoutes>(BASE, { headers: { Authorization: `Bearer ${session}` } }).rooms[':id']
		this.param = { id: roomId }
	}

	setExpertsLeave = async (on: boolean) => ok(await this.room['experts-leave'].$put({ param: this.param, json: { on } }))
	openRatification = async (threshold: { yes: number; of: number }, audience: Audience) => ok(await this.room.ratification.$post({ param: this.param, json: { threshold, audience } }))
	closeRatification = async () => ok(await this.room.ratification.close.$post({ param: this.param }))
	ratify = async (votes: Record<string, RatifyVote>, seat?: string) => ok(await this.room.ratification.ballot.$post({ param: this.param, json: { votes, seat } }))
	myRatification = async (seat?: string) => ok(await this.room.ratification.mine.$get({ param: this.param, query: { seat } }))
	setUpBudget = async (setup: { pot: number; currency: string; ballot: BallotKind; points?: number; audience: Audience }) => ok(await this.room.budget.$post({ param: this.param, json: setup }))
	setOptions = async (options: { id?: string; title: string; cost: number; item?: string | null }[]) => ok(await this.room.budget.options.$put({ param: this.param, json: { options } }))
	openBudget = async () => ok(await this.room.budget.open.$post({ param: this.param }))
	closeBudget = async () => ok(await this.room.budget.close.$post({ param: this.param }))
	castBallot = async (ballot: BudgetBallot, seat?: string) => ok(await this.room.budget.ballot.$post({ param: this.param, json: { ballot, seat } }))
	myBallot = async (seat?: string) => ok(await this.room.budget.mine.$get({ param: this.param, query: { seat } }))
	/** Where the closed round's ballots download as CSV (the facilitator's session is sent by `fetch`). */
	ballotsCsv = async () => {
		const res = await this.room.budget['ballots.csv'].$get({ param: this.param })
		if (!res.ok) throw new CommunityError(res.status, `HTTP ${res.status}`)
		return res.blob()
	}
}
