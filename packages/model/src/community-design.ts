/**
 * The community's decisions as the ServiceDesign carries them: a closed budget round with its options,
 * both rules' verdicts and the ballots without names, and a closed ratification with its tally per item.
 * Built by the server from the rounds and ballots it stores itself (never from anything a client writes).
 * @module
 */
import type { BudgetBallot, BudgetRound, OptionVerdict } from './budget.js'
import type { DesignBudgetRound, DesignRatification, DesignVerdict } from './design.js'
import type { RatificationRound } from './ratification.js'

const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString())

function verdict(v: OptionVerdict | undefined): DesignVerdict {
	if (!v) return { funded: false, reason: 'no-support', step: null, maxPayment: null, supportersLeft: null, potLeft: 0 }
	return { funded: v.funded, reason: v.reason, step: v.step, maxPayment: v.maxPayment, supportersLeft: v.supportersLeft, potLeft: v.potLeft }
}

/**
 * Ballots as rows of weights in the options' order, sorted by those weights (most weight on the first
 * option first), so that the order says nothing of who voted when.
 */
export function anonymousBallots(round: Pick<BudgetRound, 'options'>, ballots: readonly BudgetBallot[]): number[][] {
	const rows = ballots.map((b) => round.options.map((o) => b[o.id] ?? 0))
	return rows.sort((a, b) => {
		for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]!
		return 0
	})
}

/** A closed budget round as the ServiceDesign carries it, or null while it is not closed with results. */
export function designBudgetRound(round: BudgetRound, ballots: readonly BudgetBallot[]): DesignBudgetRound | null {
	const results = round.results
	if (round.status !== 'closed' || !results) return null
	const totals = (r: { funded: string[]; spent: number; left: number }) => ({ funded: [...r.funded], spent: r.spent, left: r.left })
	return {
		id: round.id,
		pot: round.pot,
		currency: round.currency,
		ballot: round.ballot,
		points: round.points,
		audience: round.audience,
		openedAt: iso(round.openedAt),
		closedAt: iso(round.closedAt),
		voters: results.voters,
		share: results.equalShares.share,
		options: round.options.map((o) => {
			const g = results.greedy.verdicts[o.id]
			return {
				id: o.id,
				title: o.title,
				cost: o.cost,
				item: o.item,
				votes: g?.votes ?? 0,
				supporters: g?.supporters ?? 0,
				greedy: verdict(g),
				equalShares: verdict(results.equalShares.verdicts[o.id]),
			}
		}),
		greedy: totals(results.greedy),
		equalShares: totals(results.equalShares),
		ballots: anonymousBallots(round, ballots),
	}
}

/** A closed ratification as the ServiceDesign carries it, or null while it is open. */
export function designRatification(round: RatificationRound): DesignRatification | null {
	const results = round.results
	if (round.status !== 'closed' || !results) return null
	return {
		id: round.id,
		threshold: { yes: round.threshold.yes, of: round.threshold.of },
		audience: round.audience,
		openedAt: new Date(round.openedAt).toISOString(),
		closedAt: iso(round.closedAt),
		voters: round.voters ?? 0,
		items: round.items.map((i) => {
			const r = results[i.item] ?? { yes: 0, no: 0, abstain: 0, ratified: false }
			return { item: i.item, kind: i.kind, text: i.text, yes: r.yes, no: r.no, abstain: r.abstain, ratified: r.ratified }
		}),
	}
}
