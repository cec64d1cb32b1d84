/**
 * Participatory budgeting, as the server keeps it: the facilitator sets a round up (pot, currency,
 * approval or points ballots, who may vote), the facilitator or the steward costs its options, the
 * facilitator opens it; each person it is for casts one ballot, checked against the round's rules
 * (nothing is stored when a rule is broken); closing it publishes both rules' results (packages/model's
 * budget.ts). Ballots stay in the private document, never served; the CSV of ballots names nobody.
 * @module
 */
import { ballotProblem, budgetResults, MAX_BUDGET_OPTIONS, privateDocument, type Audience, type BallotKind, type BudgetBallot, type BudgetOption, type BudgetRound, type WorkshopState } from '@cyd/model'
import type { SyncServer } from '@cyd/sync'
import { ballotsOf, keepClosed, roundBallots, type Community } from './community.js'
import type { Facilitation } from './facilitation.js'
import { newId, WorkshopError } from './records.js'

const PREFIX = 'budget:'

export interface BudgetSetup {
	pot: number
	currency: string
	ballot: BallotKind
	points?: number
	audience: Audience
}

export interface OptionInput {
	id?: string
	title: string
	cost: number
	item?: string | null
}

export class Budgeting {
	constructor(
		private readonly sync: SyncServer,
		private readonly facilitation: Facilitation,
		private readonly community: Community,
	) {}

	private async round(room: string): Promise<BudgetRound | null> {
		return (await this.community.state(room)).budget
	}

	/** Sets up a new budget round as a draft (its options are costed next); refused while one is open. */
	async create(room: string, setup: BudgetSetup): Promise<WorkshopState> {
		if (setup.ballot === 'points' && !setup.points) throw new WorkshopError(400, 'points: how many points each voter splits, for a points ballot')
		const current = await this.round(room)
		if (current?.status === 'open') throw new WorkshopError(409, 'a budget round is already open; close it first')
		const round = { id: newId(), status: 'draft', pot: setup.pot, currency: setup.currency, ballot: setup.ballot, points: setup.ballot === 'points' ? setup.points : 0, audience: setup.audience, options: [], openedAt: null, closedAt: null, results: null }
		return this.facilitation.update(room, (map) => {
			// A closed round it replaces stays in the design (pastBudgets), with its ballots.
			keepClosed(map, 'budget', 'pastBudgets')
			map.set('budget', round)
		})
	}

	/** Sets the draft round's options and their costs (an option keeps its id when given one it had). */
	async setOptions(room: string, inputs: readonly OptionInput[]): Promise<WorkshopState> {
		const round = await this.round(room)
		if (!round) throw new WorkshopError(409, 'no budget round has been set up')
		if (round.status !== 'draft') throw new WorkshopError(409, 'the options are fixed once the round opens')
		if (inputs.length > MAX_BUDGET_OPTIONS) throw new WorkshopError(400, `options: at most ${MAX_BUDGET_OPTIONS}`)
		const known = new Set(round.options.map((o) => o.id))
		const options: BudgetOption[] = []
		for (const input of inputs) {
			if (input.cost > round.pot) throw new WorkshopError(400, `${input.title}: costs more than the whole pot (${round.pot} ${round.currency})`)
			if (input.item && !(await this.boardHas(room, input.item))) throw new WorkshopError(404, `${input.title}: no such item on the board`)
			const id = input.id && known.has(input.id) ? input.id : newId(6)
			if (options.some((o) => o.id === id)) throw new WorkshopError(400, `options: ${id} twice`)
			options.push({ id, title: input.title.trim(), cost: input.cost, item: input.item ?? null })
		}
		return this.facilitation.update(room, (map) => {
			// Checked again inside the change: the round may have opened meanwhile.
			const now = (map.get('budget') ?? null) as { id?: string; status?: string } | null
			if (!now || now.id !== round.id || now.status !== 'draft') throw new WorkshopError(409, 'the options are fixed once the round opens')
			map.set('budget', { ...now, options })
		})
	}

	/** Opens the draft round for ballots. */
	async open(room: string): Promise<WorkshopState> {
		const round = await this.round(room)
		if (!round || round.status !== 'draft') throw new WorkshopError(409, round?.status === 'open' ? 'the budget round is already open' : 'set up a budget round first')
		if (round.options.length === 0) throw new WorkshopError(409, 'add at least one costed option before opening the round')
		return this.facilitation.update(room, (map) => map.set('budget', { ...(map.get('budget') as object), status: 'open', openedAt: Date.now() }))
	}

	/**
	 * Casts a person's one ballot (option id -> 1 for an approval, or the points given). Refused, with
	 * nothing stored: no open round, a voter the round is not for, an unknown option, over the budget or the
	 * points, or a second ballot.
	 */
	async vote(room: string, personId: string, ballot: BudgetBallot): Promise<{ ballot: BudgetBallot }> {
		const round = await this.round(room)
		if (!round || round.status !== 'open') throw new WorkshopError(409, round?.status === 'closed' ? 'the budget round is closed' : 'no budget round is open')
		await this.community.checkVoter(room, personId, round.audience)
		const clean = Object.fromEntries(Object.entries(ballot).filter(([, w]) => w !== 0))
		const problem = ballotProblem(round, clean)
		if (problem) throw new WorkshopError(400, problem)
		return this.sync.transact(privateDocument(room), (doc) => {
			const ballots = ballotsOf<BudgetBallot>(doc, PREFIX)
			const key = `${round.id}:${personId}`
			if (ballots.has(key)) throw new WorkshopError(409, 'you have already cast your ballot in this budget round')
			ballots.set(key, clean)
			return { ballot: clean }
		})
	}

	/** A person's ballot in the current round, or null. */
	async mine(room: string, personId: string): Promise<BudgetBallot | null> {
		const round = await this.round(room)
		if (!round) return null
		return ballotsOf<BudgetBallot>(await this.privateDoc(room), PREFIX).get(`${round.id}:${personId}`) ?? null
	}

	/** Closes the open round and publishes both rules' results. */
	async close(room: string): Promise<WorkshopState> {
		const round = await this.round(room)
		if (!round || round.status !== 'open') throw new WorkshopError(409, 'no budget round is open')
		const ballots = roundBallots<BudgetBallot>(await this.privateDoc(room), PREFIX, round.id)
		const results = budgetResults(round, ballots)
		return this.facilitation.update(room, (map) => map.set('budget', { ...(map.get('budget') as object), status: 'closed', closedAt: Date.now(), results }))
	}

	/** The ballots of a round (this one, or one a saved version holds), without who cast them, in no set order. */
	async ballotsOf(room: string, round: string): Promise<BudgetBallot[]> {
		return roundBallots<BudgetBallot>(await this.privateDoc(room), PREFIX, round)
	}

	/** The closed round's ballots, without who cast them, in a stable order (by option weights), for the CSV. */
	async ballots(room: string): Promise<{ round: BudgetRound; ballots: BudgetBallot[] }> {
		const round = await this.round(room)
		if (!round || round.status !== 'closed') throw new WorkshopError(409, 'the ballots are shown once the budget round is closed')
		const ballots = roundBallots<BudgetBallot>(await this.privateDoc(room), PREFIX, round.id)
		const line = (b: BudgetBallot) => round.options.map((o) => String(b[o.id] ?? 0).padStart(4, '0')).join(',')
		return { round, ballots: ballots.sort((a, b) => (line(a) < line(b) ? 1 : line(a) > line(b) ? -1 : 0)) }
	}

	private async boardHas(room: string, item: string): Promise<boolean> {
		const canvas = this.sync.retain(room)
		try {
			return (await canvas.ready).getMap('records').has(item)
		} finally {
			canvas.release()
		}
	}

	private async privateDoc(room: string) {
		const held = this.sync.retain(privateDocument(room))
		try {
			return await held.ready
		} finally {
			held.release()
		}
	}
}

/** A CSV cell: quoted when it must be, and never read as a formula by a spreadsheet. */
export const csvCell = (s: string) => (/[",\n\r]/.test(s) || /^[=+\-@\t]/.test(s) ? `"${(/^[=+\-@\t]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s)

/** A CSV of a closed round's ballots: one line per ballot, one column per option, no names. */
export function ballotsCsv(round: BudgetRound, ballots: readonly BudgetBallot[]): string {
	const cell = csvCell
	const head = ['ballot', ...round.options.map((o) => cell(`${o.title} (${o.cost} ${round.currency})`))].join(',')
	return [head, ...ballots.map((b, i) => [String(i + 1), ...round.options.map((o) => String(b[o.id] ?? 0))].join(','))].join('\r\n') + '\r\n'
}
