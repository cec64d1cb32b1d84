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

async function blobOf(res: Response): Promise<Blob> {
	if (!res.ok) throw new CommunityError(res.status, `HTTP ${res.status}`)
	return res.blob()
}

/** Saves a downloaded file under `name`. */
export function saveFile(blob: Blob, name: string) {
	const a = document.createElement('a')
	a.href = URL.createObjectURL(blob)
	a.download = name
	a.click()
	URL.revokeObjectURL(a.href)
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
	/** The closed round's ballots as CSV, without names. */
	ballotsCsv = async () => blobOf(await this.room.budget['ballots.csv'].$get({ param: this.param }))
	/** The closed round's results as CSV: both rules' verdicts and why, in a language. */
	budgetResultsCsv = async (language: 'en' | 'cy') => blobOf(await this.room.budget['results.csv'].$get({ param: this.param, query: { language } }))
	/** The closed ratification's tally as CSV. */
	ratificationCsv = async (language: 'en' | 'cy') => blobOf(await this.room.ratification['results.csv'].$get({ param: this.param, query: { language } }))
}
