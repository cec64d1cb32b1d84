/**
 * The community's decisions on the public page, in the room's language: the ratification's tally beside
 * each item, and a closed budget round's results by both rules, each option with why it was or was not
 * funded. Plain HTML, every value escaped; nothing that names a voter.
 * @module
 */
import type { BudgetRound, CommunityState, Language, OptionVerdict, RatificationRound } from '@cyd/model'

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

type Fill = Record<string, string | number>
const fill = (template: string, values: Fill) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''))

export const WORDS = {
	en: {
		heading: 'What the community decided',
		ratification: 'Ratification',
		rule: 'An item is ratified when at least {yes} in {of} of those who said yes or no said yes.',
		tally: '{yes} yes, {no} no, {abstain} abstained',
		ratified: 'Ratified',
		notRatified: 'Not ratified',
		budget: 'Participatory budget',
		pot: 'Pot: {pot}. Ballots: {voters}.',
		greedy: 'Most votes first',
		greedyRule: 'The options with the most votes are funded first, each one if what is left of the pot still pays for it.',
		mes: 'Equal shares',
		mesRule: 'The pot of {pot} is shared equally: {share} for each voter. An option is funded only if the people who voted for it can pay for it from their shares. Money left over then funds more options, most votes first.',
		spent: 'Spent {spent}; {left} left.',
		votes: '{votes} votes',
		funded: 'Funded',
		notFunded: 'Not funded',
		none: 'Nobody voted for it.',
		greedyFunded: 'Its turn came with {left} left in the pot.',
		potShort: 'At its turn only {left} was left, and it costs {cost}.',
		shares: 'Its {supporters} supporters paid for it from their shares, none more than {pay}.',
		completion: 'Paid from the money left over: its supporters had only {money} of their shares left, but the pot still had enough.',
		short: 'Its supporters had only {money} of their shares left for a cost of {cost}, and the {left} left over was not enough.',
	},
	cy: {
		heading: 'Yr hyn a benderfynodd y gymuned',
		ratification: 'Cadarnhau',
		rule: 'Caiff eitem ei chadarnhau pan fo o leiaf {yes} o bob {of} o’r rhai a ddywedodd ie neu na wedi dweud ie.',
		tally: '{yes} ie, {no} na, {abstain} wedi ymatal',
		ratified: 'Wedi’i gadarnhau',
		notRatified: 'Heb ei gadarnhau',
		budget: 'Cyllideb gyfranogol',
		pot: 'Cronfa: {pot}. Papurau pleidleisio: {voters}.',
		greedy: 'Y mwyaf o bleidleisiau’n gyntaf',
		greedyRule: 'Caiff yr opsiynau â’r mwyaf o bleidleisiau eu hariannu gyntaf, pob un os yw’r hyn sydd ar ôl yn y gronfa’n dal i dalu amdano.',
		mes: 'Cyfrannau cyfartal',
		mesRule: 'Caiff y gronfa o {pot} ei rhannu’n gyfartal: {share} i bob pleidleisiwr. Dim ond os gall y bobl a bleidleisiodd drosto dalu amdano o’u cyfrannau y caiff opsiwn ei ariannu. Yna mae’r arian sydd dros ben yn ariannu rhagor o opsiynau, y mwyaf o bleidleisiau’n gyntaf.',
		spent: 'Wedi gwario {spent}; {left} ar ôl.',
		votes: 'Pleidleisiau: {votes}',
		funded: 'Wedi’i ariannu',
		notFunded: 'Heb ei ariannu',
		none: 'Ni phleidleisiodd neb drosto.',
		greedyFunded: 'Daeth ei dro pan oedd {left} ar ôl yn y gronfa.',
		potShort: 'Pan ddaeth ei dro dim ond {left} oedd ar ôl, ac mae’n costio {cost}.',
		shares: 'Talodd ei {supporters} cefnogwr amdano o’u cyfrannau, neb yn talu mwy na {pay}.',
		completion: 'Wedi’i dalu o’r arian dros ben: dim ond {money} o’u cyfrannau oedd gan ei gefnogwyr ar ôl, ond roedd digon yn y gronfa o hyd.',
		short: 'Dim ond {money} o’u cyfrannau oedd gan ei gefnogwyr ar ôl at gost o {cost}, ac nid oedd y {left} dros ben yn ddigon.',
	},
} as const

type Words = (typeof WORDS)[Language]

function money(language: Language, currency: string, amount: number): string {
	try {
		return new Intl.NumberFormat(language === 'cy' ? 'cy-GB' : 'en-GB', { style: 'currency', currency, maximumFractionDigits: Number.isInteger(amount) ? 0 : 2 }).format(amount)
	} catch {
		return `${amount} ${currency}`
	}
}

/** Why a rule funded an option or not, in the page's words. */
export function verdictText(w: Words, m: (n: number) => string, rule: 'greedy' | 'mes', v: OptionVerdict, cost: number): string {
	if (v.reason === 'no-support') return w.none
	if (rule === 'greedy') return v.funded ? fill(w.greedyFunded, { left: m(v.potLeft) }) : fill(w.potShort, { left: m(v.potLeft), cost: m(cost) })
	if (v.reason === 'funded') return fill(w.shares, { supporters: v.supporters, pay: m(v.maxPayment ?? 0) })
	if (v.reason === 'completion') return fill(w.completion, { money: m(v.supportersLeft ?? 0) })
	return fill(w.short, { money: m(v.supportersLeft ?? 0), cost: m(cost), left: m(v.potLeft) })
}

function ratificationHtml(w: Words, round: RatificationRound): string {
	const items = round.items
		.map((item) => {
			const r = round.results?.[item.item]
			if (!r) return ''
			return `<li><strong>${esc(item.text || item.item)}</strong>: ${r.ratified ? w.ratified : w.notRatified} (${esc(fill(w.tally, { yes: r.yes, no: r.no, abstain: r.abstain }))})</li>`
		})
		.join('')
	return `<section class="community-ratification"><h3>${w.ratification}</h3><p>${esc(fill(w.rule, round.threshold as unknown as Fill))}</p><ul>${items}</ul></section>`
}

function budgetHtml(w: Words, language: Language, round: BudgetRound): string {
	const results = round.results!
	const m = (n: number) => money(language, round.currency, n)
	const rules = [
		{ key: 'greedy' as const, title: w.greedy, rule: w.greedyRule, result: results.greedy },
		{ key: 'mes' as const, title: w.mes, rule: fill(w.mesRule, { pot: m(round.pot), share: m(results.equalShares.share) }), result: results.equalShares },
	]
	const sections = rules
		.map(({ key, title, rule, result }) => {
			const rows = round.options
				.map((o) => {
					const v = result.verdicts[o.id]
					if (!v) return ''
					return `<li><strong>${esc(o.title)}</strong> (${esc(m(o.cost))}, ${esc(fill(w.votes, { votes: v.votes }))}): ${v.funded ? w.funded : w.notFunded}. ${esc(verdictText(w, m, key, v, o.cost))}</li>`
				})
				.join('')
			return `<section class="community-rule" data-rule="${key}"><h4>${title}</h4><p>${esc(rule)}</p><p>${esc(fill(w.spent, { spent: m(result.spent), left: m(result.left) }))}</p><ul>${rows}</ul></section>`
		})
		.join('')
	return `<section class="community-budget"><h3>${w.budget}</h3><p>${esc(fill(w.pot, { pot: m(round.pot), voters: results.voters }))}</p>${sections}</section>`
}

/** The community's closed rounds (those a newer round replaced, then the current ones) as an HTML section, or '' when there is nothing to show. */
export function communityHtml(state: CommunityState, language: Language): string {
	const w = WORDS[language]
	const parts: string[] = []
	const ratifications = [...state.pastRatifications, ...(state.ratification ? [state.ratification] : [])]
	const budgets = [...state.pastBudgets, ...(state.budget ? [state.budget] : [])]
	for (const round of ratifications) if (round.status === 'closed' && round.results) parts.push(ratificationHtml(w, round))
	for (const round of budgets) if (round.status === 'closed' && round.results) parts.push(budgetHtml(w, language, round))
	if (parts.length === 0) return ''
	return `<section id="community-decisions" aria-labelledby="community-decisions-h"><h2 id="community-decisions-h">${w.heading}</h2>${parts.join('')}</section>`
}

const FIELDS = {
	en: { option: 'option', cost: 'cost', currency: 'currency', votes: 'votes', supporters: 'supporters', greedy: 'most votes first', greedyWhy: 'why (most votes first)', mes: 'equal shares', mesWhy: 'why (equal shares)', item: 'item', kind: 'kind', text: 'text', yes: 'yes', no: 'no', abstain: 'abstained', ratified: 'ratified', threshold: 'threshold' },
	cy: { option: 'opsiwn', cost: 'cost', currency: 'arian cyfred', votes: 'pleidleisiau', supporters: 'cefnogwyr', greedy: 'y mwyaf o bleidleisiau’n gyntaf', greedyWhy: 'pam (y mwyaf o bleidleisiau’n gyntaf)', mes: 'cyfrannau cyfartal', mesWhy: 'pam (cyfrannau cyfartal)', item: 'eitem', kind: 'math', text: 'testun', yes: 'ie', no: 'na', abstain: 'wedi ymatal', ratified: 'wedi’i gadarnhau', threshold: 'trothwy' },
} as const

/** A closed budget round's results as a table (CSV rows): each option, both rules' verdicts and why. */
export function budgetResultsRows(round: BudgetRound, language: Language): string[][] {
	const w = WORDS[language]
	const f = FIELDS[language]
	const results = round.results
	if (!results) return []
	const m = (n: number) => money(language, round.currency, n)
	return [
		[f.option, f.cost, f.currency, f.votes, f.supporters, f.greedy, f.greedyWhy, f.mes, f.mesWhy],
		...round.options.map((o) => {
			const g = results.greedy.verdicts[o.id]!
			const e = results.equalShares.verdicts[o.id]!
			return [o.title, String(o.cost), round.currency, String(g.votes), String(g.supporters), g.funded ? w.funded : w.notFunded, verdictText(w, m, 'greedy', g, o.cost), e.funded ? w.funded : w.notFunded, verdictText(w, m, 'mes', e, o.cost)]
		}),
	]
}

/** A closed ratification's tally as a table (CSV rows). */
export function ratificationRows(round: RatificationRound, language: Language): string[][] {
	const f = FIELDS[language]
	return [
		[f.item, f.kind, f.text, f.yes, f.no, f.abstain, f.ratified, f.threshold],
		...round.items.map((i) => {
			const r = round.results?.[i.item]
			return [i.item, i.kind, i.text, String(r?.yes ?? 0), String(r?.no ?? 0), String(r?.abstain ?? 0), r?.ratified ? f.yes : f.no, `${round.threshold.yes}/${round.threshold.of}`]
		}),
	]
}

/** Puts the community's section into a page, at the end of its main content. */
export function withCommunity(html: string, section: string): string {
	if (!section) return html
	const at = html.lastIndexOf('</main>')
	return at >= 0 ? html.slice(0, at) + section + html.slice(at) : html.replace('</body>', `${section}</body>`)
}
