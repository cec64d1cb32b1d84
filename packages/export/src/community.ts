/**
 * The report's section on what the community decided: each closed budget round (the pot, the ballot,
 * who could vote, then a table of results per rule, most votes first and equal shares, each option
 * funded or not and why) and each closed ratification (the threshold and a tally per item). Only in
 * reports of a design that has them; the public page shows its own (apps/server's community-html.ts).
 * Nobody is named: the design holds counts and ballots without names.
 * @module
 */
import type { DesignBudgetOption, DesignBudgetRound, DesignRatification, DesignVerdict, ServiceDesign } from '@cyd/model'
import { LOCALES } from './format.js'
import type { MessageKey } from './messages.js'
import type { ExportLanguage } from './options.js'
import type { Block, Cell, ReportSection } from './report.js'

/** What the section needs of the report's context. */
export interface CommunityContext {
	full: ServiceDesign
	language: ExportLanguage
	t: (key: MessageKey, values?: Record<string, string | number>) => string
}

/** An amount of a currency in the language's way ("£1,000", "£333.33"); the code after it when the runtime does not know it. */
export function formatMoney(amount: number, currency: string, language: ExportLanguage): string {
	try {
		return new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency, minimumFractionDigits: Number.isInteger(amount) ? 0 : 2, maximumFractionDigits: 2 }).format(amount)
	} catch {
		return `${amount} ${currency}`
	}
}

/** Whether a design holds any of the community's decisions. */
export function hasCommunityDecisions(design: ServiceDesign): boolean {
	return (design.budgets?.length ?? 0) > 0 || (design.ratifications?.length ?? 0) > 0
}

/** Why a rule funded an option or not, in words, with the figures that say so. */
export function verdictWords(cx: CommunityContext, round: DesignBudgetRound, option: DesignBudgetOption, rule: 'greedy' | 'equalShares'): string {
	const v: DesignVerdict = option[rule]
	const m = (n: number) => formatMoney(n, round.currency, cx.language)
	if (v.reason === 'no-support') return cx.t('community.why.none')
	if (rule === 'greedy') return v.funded ? cx.t('community.why.greedyFunded', { left: m(v.potLeft) }) : cx.t('community.why.potShort', { left: m(v.potLeft), cost: m(option.cost) })
	if (v.reason === 'funded') return cx.t('community.why.shares', { supporters: option.supporters, pay: m(v.maxPayment ?? 0) })
	if (v.reason === 'completion') return cx.t('community.why.completion', { money: m(v.supportersLeft ?? 0) })
	return cx.t('community.why.short', { money: m(v.supportersLeft ?? 0), cost: m(option.cost), left: m(v.potLeft) })
}

/** A round's ballot kind in words. */
export function ballotWords(cx: CommunityContext, round: DesignBudgetRound): string {
	return round.ballot === 'points' ? cx.t('community.ballot.points', { points: round.points }) : cx.t('community.ballot.approval')
}

function budgetBlocks(cx: CommunityContext, round: DesignBudgetRound, index: number, count: number): Block[] {
	const { t } = cx
	const m = (n: number) => formatMoney(n, round.currency, cx.language)
	const heading = count > 1 ? `${t('community.budget')} (${index + 1})` : t('community.budget')
	const rules = [
		{ key: 'greedy' as const, name: t('community.greedy'), rule: t('community.greedyRule') },
		{ key: 'equalShares' as const, name: t('community.mes'), rule: t('community.mesRule', { pot: m(round.pot), share: m(round.share) }) },
	]
	// Most votes first, as both rules consider them.
	const options = [...round.options].sort((a, b) => b.votes - a.votes || a.cost - b.cost)
	return [
		{ type: 'heading', level: 3, text: heading },
		{ type: 'paragraph', text: t('community.budgetAbout', { voters: round.voters, pot: m(round.pot) }) },
		{
			type: 'facts',
			facts: [
				{ label: t('community.pot'), value: m(round.pot) },
				{ label: t('community.ballot'), value: ballotWords(cx, round) },
				{ label: t('community.audienceLabel'), value: t(`community.audience.${round.audience}`) },
				{ label: t('community.voters'), value: String(round.voters) },
				{ label: t('community.share'), value: m(round.share) },
			],
		},
		...rules.flatMap(({ key, name, rule }): Block[] => {
			const totals = round[key]
			const rows: Cell[][] = options.map((o) => [o.title, m(o.cost), String(o.votes), t(o[key].funded ? 'community.funded' : 'community.notFunded'), verdictWords(cx, round, o, key)])
			return [
				{ type: 'heading', level: 4, text: name },
				{ type: 'paragraph', text: `${rule} ${t('community.spent', { spent: m(totals.spent), left: m(totals.left) })}` },
				{
					type: 'table',
					table: {
						caption: t('community.resultsOf', { rule: name }),
						head: [t('community.option'), t('community.cost'), t('community.votes'), t('community.result'), t('community.why')],
						rows,
						rowHeaders: true,
						numeric: [1, 2],
					},
				},
			]
		}),
	]
}

function ratificationBlocks(cx: CommunityContext, round: DesignRatification, index: number, count: number): Block[] {
	const { t } = cx
	const heading = count > 1 ? `${t('community.ratification')} (${index + 1})` : t('community.ratification')
	const rows: Cell[][] = round.items.map((i) => [
		i.text || t('item.withoutWords'),
		t(`item.kind.${i.kind}`),
		String(i.yes),
		String(i.no),
		String(i.abstain),
		t(i.ratified ? 'community.ratified' : 'community.notRatified'),
	])
	return [
		{ type: 'heading', level: 3, text: heading },
		{ type: 'paragraph', text: t('community.ratifyRule', { yes: round.threshold.yes, of: round.threshold.of, voters: round.voters }) },
		{
			type: 'table',
			table: {
				caption: t('community.tally'),
				head: [t('votes.item'), t('votes.kind'), t('community.yes'), t('community.no'), t('community.abstain'), t('community.result')],
				rows,
				rowHeaders: true,
				numeric: [2, 3, 4],
			},
		},
	]
}

/** The section: the budget rounds, then the ratifications. */
export function communitySection(cx: CommunityContext): ReportSection {
	const budgets = cx.full.budgets ?? []
	const ratifications = cx.full.ratifications ?? []
	return {
		id: 'community',
		title: cx.t('community.heading'),
		blocks: [
			{ type: 'paragraph', text: cx.t('community.about') },
			...budgets.flatMap((round, i) => budgetBlocks(cx, round, i, budgets.length)),
			...ratifications.flatMap((round, i) => ratificationBlocks(cx, round, i, ratifications.length)),
		],
	}
}
