/**
 * Participatory budgeting: a round with a pot (a whole amount of a currency), options with a cost, and
 * each voter's ballot, either approving options whose costs together fit the pot, or splitting a number
 * of points between options. Results come by two rules, both pure functions shared by the server (which
 * publishes them) and the web app (which explains them):
 *
 * - greedy by approvals: options in order of their votes, each funded if what is left of the pot pays for
 *   it (what most participatory budgeting platforms do);
 * - the Method of Equal Shares (Peters and Skowron; as described at equalshares.net and used in Wieliczka
 *   and Aarau): the pot is split equally between the voters; an option is funded only if its supporters can
 *   pay for it from their shares, sharing its cost as equally as their money allows. Each step funds the
 *   option with the most "effective votes" (its cost divided by the most one supporter pays, so a full
 *   share of equal payers counts each once); then a completion step funds, in order of votes, the options
 *   the money left over still pays for, so no money that could fund another supported option is left.
 *
 * With points ballots a voter's points count as that many votes (an approval is one point).
 * @module
 */
import { isAudience, type Audience } from './audience.js'
import { oneOf } from './guards.js'

export const BALLOT_KINDS = ['approval', 'points'] as const
export type BallotKind = (typeof BALLOT_KINDS)[number]
export const isBallotKind = oneOf(BALLOT_KINDS)

/** Most options one round offers. */
export const MAX_BUDGET_OPTIONS = 60
/** Largest pot and largest cost, in whole units of the currency. */
export const MAX_POT = 1_000_000_000
/** Most points a voter may have to split. */
export const MAX_POINTS = 100
/** Longest option title. */
export const MAX_OPTION_TITLE = 200

export interface BudgetOption {
	id: string
	title: string
	/** Whole units of the round's currency. */
	cost: number
	/** The board item the option is (a card, a note, an asset idea), or null. */
	item: string | null
}

export interface BudgetRound {
	id: string
	/** `draft` while the options are costed; `open` for ballots; `closed` with its results. */
	status: 'draft' | 'open' | 'closed'
	pot: number
	/** ISO 4217 code, such as GBP. */
	currency: string
	ballot: BallotKind
	/** For points ballots: how many points each voter splits. */
	points: number
	audience: Audience
	options: BudgetOption[]
	openedAt: number | null
	closedAt: number | null
	results: BudgetResults | null
}

/** A ballot as stored and counted: option id -> weight (1 for an approval; the points given). */
export type BudgetBallot = Record<string, number>

/**
 * Why a rule funded an option or not: `funded` (by the rule itself), `completion` (by the Method of Equal
 * Shares' completion step), `no-support` (nobody voted for it), `pot-short` (greedy: what was left of the
 * pot when its turn came did not pay for it), `supporters-short` (equal shares: its supporters' shares
 * left could not pay for it, nor could the money left over).
 */
export const FUNDING_REASONS = ['funded', 'completion', 'no-support', 'pot-short', 'supporters-short'] as const
export type FundingReason = (typeof FUNDING_REASONS)[number]

export interface OptionVerdict {
	option: string
	funded: boolean
	reason: FundingReason
	/** The order it was funded in (1 first), or null. */
	step: number | null
	/** Approvals, or points given. */
	votes: number
	/** How many voters supported it. */
	supporters: number
	/** Equal shares, funded by the rule: the most one supporter paid. Otherwise null. */
	maxPayment: number | null
	/** Equal shares, not funded by the rule: what its supporters had left of their shares. Otherwise null. */
	supportersLeft: number | null
	/** The money left in the pot when it was decided (greedy: at its turn; equal shares: at the end). */
	potLeft: number
}

export interface RuleResult {
	/** Funded options' ids, in the order they were funded. */
	funded: string[]
	spent: number
	left: number
	verdicts: Record<string, OptionVerdict>
}

export interface BudgetResults {
	/** How many ballots were cast. */
	voters: number
	greedy: RuleResult
	/** `share` is each voter's equal share of the pot. */
	equalShares: RuleResult & { share: number }
}

/** What is wrong with a ballot for a round, or null when it keeps the round's rules. */
export function ballotProblem(round: Pick<BudgetRound, 'pot' | 'ballot' | 'points' | 'options' | 'currency'>, ballot: BudgetBallot): string | null {
	const entries = Object.entries(ballot)
	if (entries.length === 0 || entries.every(([, w]) => w === 0)) return 'a ballot must support at least one option'
	const byId = new Map(round.options.map((o) => [o.id, o]))
	for (const [id, weight] of entries) {
		if (!byId.has(id)) return `no such option: ${id}`
		if (!Number.isInteger(weight) || weight < 0) return `${id}: a whole number of ${round.ballot === 'points' ? 'points' : 'approvals'}`
		if (round.ballot === 'approval' && weight > 1) return `${id}: an approval ballot approves an option once`
	}
	if (round.ballot === 'approval') {
		const cost = entries.reduce((sum, [id, w]) => sum + (w > 0 ? byId.get(id)!.cost : 0), 0)
		if (cost > round.pot) return `over budget: the options you approved cost ${cost} ${round.currency}, the pot is ${round.pot} ${round.currency}`
	} else {
		const given = entries.reduce((sum, [, w]) => sum + w, 0)
		if (given > round.points) return `over budget: you gave ${given} points, each voter has ${round.points}`
	}
	return null
}

/** Options in the order both rules consider ties: more votes first, then the cheaper, then by id. */
function byVotes(votes: Map<string, number>) {
	return (a: BudgetOption, b: BudgetOption) => (votes.get(b.id) ?? 0) - (votes.get(a.id) ?? 0) || a.cost - b.cost || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

function tallies(options: readonly BudgetOption[], ballots: readonly BudgetBallot[]) {
	const votes = new Map<string, number>()
	const supporters = new Map<string, number>()
	for (const o of options) {
		let v = 0
		let s = 0
		for (const b of ballots) {
			const w = b[o.id] ?? 0
			if (w > 0) {
				v += w
				s++
			}
		}
		votes.set(o.id, v)
		supporters.set(o.id, s)
	}
	return { votes, supporters }
}

/** Greedy by approvals: in order of votes, each option is funded if what is left of the pot pays for it. */
export function greedyByVotes(options: readonly BudgetOption[], ballots: readonly BudgetBallot[], pot: number): RuleResult {
	const { votes, supporters } = tallies(options, ballots)
	const verdicts: Record<string, OptionVerdict> = {}
	const funded: string[] = []
	let left = pot
	for (const o of [...options].sort(byVotes(votes))) {
		const base = { option: o.id, votes: votes.get(o.id)!, supporters: supporters.get(o.id)!, maxPayment: null, supportersLeft: null, potLeft: left }
		if (base.votes === 0) verdicts[o.id] = { ...base, funded: false, reason: 'no-support', step: null }
		else if (o.cost <= left) {
			funded.push(o.id)
			left -= o.cost
			verdicts[o.id] = { ...base, funded: true, reason: 'funded', step: funded.length }
		} else verdicts[o.id] = { ...base, funded: false, reason: 'pot-short', step: null }
	}
	return { funded, spent: pot - left, left, verdicts }
}

/** Relative tolerance for comparing sums of shares, which floating point adds in any order. */
const EPS = 1e-9

/** A step of the Method of Equal Shares: the option funded and what each voter paid for it. */
export interface EqualSharesStep {
	option: string
	/** Price per unit of utility: a supporter of weight w paid min(their money, rho * w * cost). */
	rho: number
	payments: Map<number, number>
}

/**
 * The Method of Equal Shares with completion, with every step and payment (ballots are voters by their
 * index). `equalShares` is the same without the payments.
 */
export function equalSharesDetail(
	options: readonly BudgetOption[],
	ballots: readonly BudgetBallot[],
	pot: number,
): { result: RuleResult & { share: number }; steps: EqualSharesStep[]; completion: string[]; shares: number[] } {
	const { votes, supporters } = tallies(options, ballots)
	const n = ballots.length
	const share = n > 0 ? pot / n : 0
	const money = ballots.map(() => share)
	const steps: EqualSharesStep[] = []
	const out = new Set<string>()
	const chosen = new Set<string>()
	const order = byVotes(votes)
	// Utility of an option to a voter: their weight times its cost ("cost utilities", as equalshares.net).
	const backers = new Map(options.map((o) => [o.id, ballots.flatMap((b, i) => ((b[o.id] ?? 0) > 0 ? [{ voter: i, u: (b[o.id] ?? 0) * o.cost }] : []))]))
	for (;;) {
		let best: { option: BudgetOption; rho: number } | null = null
		for (const o of options) {
			if (chosen.has(o.id) || out.has(o.id)) continue
			const who = backers.get(o.id)!
			if (who.length === 0 || o.cost === 0) {
				if (o.cost === 0 && who.length > 0) {
					// A free option its supporters want costs nobody anything.
					if (!best || best.rho > 0 || order(o, best.option) < 0) best = { option: o, rho: 0 }
				} else out.add(o.id)
				continue
			}
			const available = who.reduce((sum, w) => sum + money[w.voter]!, 0)
			if (available < o.cost * (1 - EPS)) {
				// Shares only ever go down: once its supporters cannot pay for it, they never can.
				out.add(o.id)
				continue
			}
			// The least rho at which the supporters pay the cost: those who run out pay all they have.
			const sorted = [...who].sort((a, b) => money[a.voter]! / a.u - money[b.voter]! / b.u)
			let remaining = o.cost
			let weight = sorted.reduce((sum, w) => sum + w.u, 0)
			let rho = Infinity
			for (const w of sorted) {
				const candidate = remaining / weight
				if (candidate * w.u <= money[w.voter]! * (1 + EPS)) {
					rho = candidate
					break
				}
				remaining -= money[w.voter]!
				weight -= w.u
			}
			if (!Number.isFinite(rho)) {
				out.add(o.id)
				continue
			}
			if (!best || rho < best.rho * (1 - EPS) || (rho <= best.rho * (1 + EPS) && order(o, best.option) < 0)) best = { option: o, rho }
		}
		if (!best) break
		const payments = new Map<number, number>()
		for (const w of backers.get(best.option.id)!) {
			const pay = Math.min(money[w.voter]!, best.rho * w.u)
			money[w.voter] = money[w.voter]! - pay
			payments.set(w.voter, pay)
		}
		chosen.add(best.option.id)
		steps.push({ option: best.option.id, rho: best.rho, payments })
	}
	const funded = steps.map((s) => s.option)
	const costOf = new Map(options.map((o) => [o.id, o.cost]))
	let left = pot - funded.reduce((sum, id) => sum + costOf.get(id)!, 0)
	// Completion: the money left over funds, in order of votes, every supported option it still pays for.
	const completion: string[] = []
	for (const o of [...options].sort(order)) {
		if (chosen.has(o.id) || votes.get(o.id) === 0 || o.cost > left) continue
		completion.push(o.id)
		chosen.add(o.id)
		left -= o.cost
	}
	const verdicts: Record<string, OptionVerdict> = {}
	for (const o of options) {
		const base = { option: o.id, votes: votes.get(o.id)!, supporters: supporters.get(o.id)!, potLeft: left }
		const step = steps.findIndex((s) => s.option === o.id)
		if (step >= 0) {
			verdicts[o.id] = { ...base, funded: true, reason: 'funded', step: step + 1, maxPayment: Math.max(0, ...steps[step]!.payments.values()), supportersLeft: null }
			continue
		}
		const supportersLeft = backers.get(o.id)!.reduce((sum, w) => sum + money[w.voter]!, 0)
		const done = completion.indexOf(o.id)
		if (done >= 0) verdicts[o.id] = { ...base, funded: true, reason: 'completion', step: steps.length + done + 1, maxPayment: null, supportersLeft }
		else verdicts[o.id] = { ...base, funded: false, reason: base.votes === 0 ? 'no-support' : 'supporters-short', step: null, maxPayment: null, supportersLeft }
	}
	return { result: { funded: [...funded, ...completion], spent: pot - left, left, verdicts, share }, steps, completion, shares: money }
}

/** The Method of Equal Shares with completion (see the module's description). */
export function equalShares(options: readonly BudgetOption[], ballots: readonly BudgetBallot[], pot: number): RuleResult & { share: number } {
	return equalSharesDetail(options, ballots, pot).result
}

/** Both rules' results for a round's ballots. */
export function budgetResults(round: Pick<BudgetRound, 'options' | 'pot'>, ballots: readonly BudgetBallot[]): BudgetResults {
	return { voters: ballots.length, greedy: greedyByVotes(round.options, ballots, round.pot), equalShares: equalShares(round.options, ballots, round.pot) }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

function parseRule(json: unknown): RuleResult | null {
	if (!isObject(json) || !Array.isArray(json.funded) || num(json.spent) === null || num(json.left) === null || !isObject(json.verdicts)) return null
	const verdicts: Record<string, OptionVerdict> = {}
	for (const [id, v] of Object.entries(json.verdicts)) {
		if (!isObject(v) || typeof v.reason !== 'string' || !(FUNDING_REASONS as readonly string[]).includes(v.reason)) continue
		verdicts[id] = {
			option: id,
			funded: v.funded === true,
			reason: v.reason as FundingReason,
			step: num(v.step),
			votes: num(v.votes) ?? 0,
			supporters: num(v.supporters) ?? 0,
			maxPayment: num(v.maxPayment),
			supportersLeft: num(v.supportersLeft),
			potLeft: num(v.potLeft) ?? 0,
		}
	}
	return { funded: json.funded.filter((f): f is string => typeof f === 'string'), spent: json.spent as number, left: json.left as number, verdicts }
}

/** Reads a stored budget round, or null when there is none or it is malformed. */
export function parseBudgetRound(json: unknown): BudgetRound | null {
	if (!isObject(json) || typeof json.id !== 'string' || !['draft', 'open', 'closed'].includes(json.status as string)) return null
	const pot = num(json.pot)
	if (pot === null || typeof json.currency !== 'string' || !isBallotKind(json.ballot)) return null
	const options = Array.isArray(json.options)
		? json.options.flatMap((o): BudgetOption[] =>
				isObject(o) && typeof o.id === 'string' && typeof o.title === 'string' && num(o.cost) !== null
					? [{ id: o.id, title: o.title, cost: o.cost as number, item: typeof o.item === 'string' ? o.item : null }]
					: [],
			)
		: []
	const r = isObject(json.results) ? json.results : null
	const greedy = r ? parseRule(r.greedy) : null
	const shares = r ? parseRule(r.equalShares) : null
	const results =
		r && greedy && shares && isObject(r.equalShares) ? { voters: num(r.voters) ?? 0, greedy, equalShares: { ...shares, share: num(r.equalShares.share) ?? 0 } } : null
	return {
		id: json.id,
		status: json.status as BudgetRound['status'],
		pot,
		currency: json.currency,
		ballot: json.ballot,
		points: num(json.points) ?? 0,
		audience: isAudience(json.audience) ? json.audience : 'everyone',
		options,
		openedAt: num(json.openedAt),
		closedAt: num(json.closedAt),
		results,
	}
}
