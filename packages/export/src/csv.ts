/**
 * The CSV export: one table at a time, for spreadsheets. RFC 4180 (fields with a quote, comma or line
 * break are quoted, quotes doubled, CRLF between records), UTF-8 with a byte-order mark so spreadsheet
 * programs read Welsh letters right. Column names and kinds are in the export's language; ids and
 * ISO 8601 times are kept as they are, for joining tables and sorting.
 *
 * A cell that a spreadsheet would run as a formula is written with a leading `'`, so that a card reading
 * `=HYPERLINK(...)` stays text: one starting with `=`, `+`, `-`, `@`, their full-width forms, a tab, a
 * carriage return or a line feed, also after leading spaces (spreadsheets skip them).
 * @module
 */
import type { ServiceDesign } from '@cyd/model'
import { filterAgreed, latestStatuses } from './filter.js'
import { itemNames, placeName, rankedVotes, type ItemName } from './items.js'
import { message, type MessageKey } from './messages.js'
import { ballotWords, formatMoney, verdictWords } from './community.js'
import type { ExportLanguage, ExportOptions } from './options.js'

/** The tables of the CSV export, each one file in the zip. */
export const CSV_TABLES = ['journey-steps', 'stakeholders', 'relationships', 'contributions', 'votes', 'outcomes', 'actions', 'updates', 'contributors', 'budget-results', 'budget-ballots'] as const
export type CsvTable = (typeof CSV_TABLES)[number]

type Cell = string | number
type Table = { head: MessageKey[]; rows: Cell[][] }

const BOM = '\uFEFF'
const FORMULA_START = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/
const NEEDS_QUOTES = /[",\r\n]/

/** One field: neutralised if it could run as a formula, quoted if it must be. */
export function csvCell(value: Cell): string {
	const raw = String(value)
	const text = FORMULA_START.test(raw) ? `'${raw}` : raw
	return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function csvDocument(header: string[], rows: Cell[][]): string {
	return BOM + [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('')
}

/** One table of the design as a CSV file's text. */
export function designCsv(design: ServiceDesign, table: CsvTable, options: ExportOptions): string {
	const source = options.agreedOnly ? filterAgreed(design) : design
	const { head, rows } = TABLES[table](source, options.language)
	return csvDocument(
		head.map((key) => message(options.language, key)),
		rows,
	)
}

/**
 * The recognition report: one line per person with their name (a pseudonym stays as given), role,
 * affiliation, minutes present, notes made and votes cast. For staff paying vouchers or thanking people.
 */
export function contributorsCsv(design: ServiceDesign, language: ExportLanguage = 'en'): string {
	const { head, rows } = contributors(design, language)
	return csvDocument(
		head.map((key) => message(language, key)),
		rows,
	)
}

const TABLES: Record<CsvTable, (design: ServiceDesign, language: ExportLanguage) => Table> = {
	'journey-steps': journeySteps,
	stakeholders,
	relationships,
	contributions,
	votes,
	outcomes,
	actions,
	updates,
	contributors,
	'budget-results': budgetResults,
	'budget-ballots': budgetBallots,
}

function statusOf(design: ServiceDesign, language: ExportLanguage): (id: string) => string {
	const statuses = latestStatuses(design)
	return (id) => {
		const status = statuses.get(id)
		return status ? message(language, `status.${status}`) : ''
	}
}

function votesOf(design: ServiceDesign): (id: string) => number {
	const tally = new Map(design.votes.map((v) => [v.item, v.votes]))
	return (id) => tally.get(id) ?? 0
}

function journeySteps(design: ServiceDesign, language: ExportLanguage): Table {
	const names = itemNames(design)
	const status = statusOf(design, language)
	const votesFor = votesOf(design)
	const rows = design.journeys.flatMap((journey) => {
		const stageIndex = new Map(journey.stages.map((s, i) => [s.id, i]))
		const lanes = new Map(journey.lanes.map((l) => [l.id, l]))
		return journey.cards.map((card) => {
			const index = stageIndex.get(card.stage) ?? 0
			const lane = lanes.get(card.lane)
			return [
				journey.title,
				index + 1,
				journey.stages[index]?.name ?? '',
				lane ? lane.name || message(language, `lane.kind.${lane.kind}`) : '',
				lane ? message(language, `lane.kind.${lane.kind}`) : '',
				message(language, `card.kind.${card.kind}`),
				card.text,
				message(language, `card.channel.${card.channel}`),
				card.actor ? (names.get(card.actor)?.text ?? '') : '',
				card.author.name,
				card.createdAt,
				status(card.id),
				votesFor(card.id),
				card.id,
				card.actor ?? '',
			]
		})
	})
	return {
		head: [
			'csv.journey',
			'csv.stageNumber',
			'journey.stage',
			'journey.lane',
			'csv.laneKind',
			'csv.cardKind',
			'csv.text',
			'journey.channel',
			'journey.actor',
			'csv.author',
			'csv.created',
			'journey.status',
			'votes.votes',
			'csv.id',
			'csv.actorId',
		],
		rows,
	}
}

function stakeholders(design: ServiceDesign, language: ExportLanguage): Table {
	const names = itemNames(design)
	const status = statusOf(design, language)
	const rows = design.stakeholders.map((s) => [
		s.name,
		message(language, `stakeholder.kind.${s.kind}`),
		s.influence,
		s.interest,
		s.actsIn.map((a) => names.get(a.card)?.text ?? a.card).join('; '),
		s.notes,
		s.author.name,
		status(s.id),
		votesOf(design)(s.id),
		s.id,
	])
	return {
		head: [
			'stakeholders.name',
			'stakeholders.kind',
			'stakeholders.influence',
			'stakeholders.interest',
			'stakeholders.actsIn',
			'stakeholders.notes',
			'csv.author',
			'journey.status',
			'votes.votes',
			'csv.id',
		],
		rows,
	}
}

function relationships(design: ServiceDesign, language: ExportLanguage): Table {
	const names = itemNames(design)
	const status = statusOf(design, language)
	const rows = design.relationships.map((r) => [
		names.get(r.from)?.text ?? '',
		names.get(r.to)?.text ?? '',
		message(language, `flow.${r.flow}`),
		message(language, `direction.${r.direction}`),
		r.label,
		status(r.id),
		r.id,
		r.from,
		r.to,
	])
	return {
		head: [
			'relationships.from',
			'relationships.to',
			'relationships.flow',
			'relationships.direction',
			'relationships.label',
			'journey.status',
			'csv.id',
			'csv.fromId',
			'csv.toId',
		],
		rows,
	}
}

/**
 * Notes, text, drawings, shapes, arrows and images on the board besides the journey and the map: one
 * line each, top to bottom, with where it lies, who made it (and at which table seat), when, its status
 * and votes, and an image's URL.
 */
function contributions(design: ServiceDesign, language: ExportLanguage): Table {
	const status = statusOf(design, language)
	const votesFor = votesOf(design)
	const rows = design.contributions.map((c) => [
		message(language, `item.kind.${c.kind}`),
		c.text,
		c.place ? placeName(design, c.place, language) : message(language, 'contributions.elsewhere'),
		c.author.name,
		c.seat ?? '',
		c.createdAt ?? '',
		status(c.id),
		votesFor(c.id),
		c.image?.url ?? '',
		c.id,
	])
	return {
		head: ['csv.kind', 'csv.text', 'journey.whereLabel', 'contributions.madeBy', 'csv.seat', 'csv.created', 'journey.status', 'votes.votes', 'csv.imageUrl', 'csv.id'],
		rows,
	}
}

function itemText(name: ItemName | null, language: ExportLanguage): [string, string] {
	return name ? [name.text, message(language, `item.kind.${name.kind}`)] : [message(language, 'item.gone'), '']
}

function votes(design: ServiceDesign, language: ExportLanguage): Table {
	const rows = rankedVotes(design).map((v) => [v.rank, ...itemText(v.name, language), v.votes, v.item])
	return { head: ['votes.rank', 'votes.item', 'votes.kind', 'votes.votes', 'csv.itemId'], rows }
}

/** One line per indicator (an outcome without any has one line of its own), with the outcome's and the indicator's status. */
function outcomes(design: ServiceDesign, language: ExportLanguage): Table {
	const status = (s: 'proposed' | 'agreed') => message(language, `outcomeStatus.${s}`)
	const rows = design.outcomes.flatMap((o) =>
		(o.indicators.length ? o.indicators : [null]).map((i) => [o.title, status(o.status), i?.text ?? '', i?.measure ?? '', i ? status(i.status) : '', o.by.name, o.at, o.id, i?.id ?? '']),
	)
	return { head: ['csv.outcome', 'outcomes.status', 'csv.indicator', 'outcomes.measure', 'outcomes.status', 'csv.author', 'csv.created', 'csv.outcomeId', 'csv.id'], rows }
}

/** One line per action: what, for which item, the owner, the due day, the status (and why dropped), the outcome served. */
function actions(design: ServiceDesign, language: ExportLanguage): Table {
	const names = itemNames(design)
	const titles = new Map(design.outcomes.map((o) => [o.id, o.title]))
	const rows = design.actions.map((a) => [
		a.text,
		names.get(a.item)?.text ?? a.itemText,
		message(language, `item.kind.${a.itemKind}`),
		a.owner.name,
		message(language, `owner.${a.owner.kind}`),
		a.due ?? '',
		message(language, `actionStatus.${a.status}`),
		a.reason,
		a.outcome ? (titles.get(a.outcome) ?? '') : '',
		a.updates.length,
		a.by.name,
		a.at,
		a.id,
		a.item,
		a.owner.stakeholder ?? '',
		a.outcome ?? '',
	])
	return {
		head: [
			'csv.action',
			'actions.for',
			'csv.itemKind',
			'actions.owner',
			'csv.ownerKind',
			'actions.due',
			'actions.status',
			'csv.reason',
			'actions.outcome',
			'csv.updates',
			'csv.author',
			'csv.created',
			'csv.id',
			'csv.itemId',
			'csv.ownerId',
			'csv.outcomeId',
		],
		rows,
	}
}

/** Every update on every action, oldest first: when, the status it set, why dropped, what it says, who posted it. */
function updates(design: ServiceDesign, language: ExportLanguage): Table {
	const rows = design.actions
		.flatMap((a) => a.updates.map((u) => ({ a, u })))
		.sort((x, y) => (x.u.at < y.u.at ? -1 : x.u.at > y.u.at ? 1 : 0))
		.map(({ a, u }) => [a.text, u.at, u.status ? message(language, `actionStatus.${u.status}`) : '', u.reason, u.text, u.by.name, message(language, `role.${u.role}`), a.id, u.id])
	return { head: ['csv.action', 'actions.when', 'actions.newStatus', 'csv.reason', 'actions.update', 'actions.by', 'csv.role', 'csv.actionId', 'csv.id'], rows }
}

function contributors(design: ServiceDesign, language: ExportLanguage): Table {
	const rows = design.contributors.map((c) => [
		c.name,
		message(language, `role.${c.role}`),
		message(language, `affiliation.${c.affiliation ?? 'none'}`),
		Math.round(c.minutesPresent),
		c.notesMade,
		c.votesCast,
	])
	return {
		head: ['contributors.name', 'contributors.role', 'contributors.affiliation', 'contributors.minutes', 'contributors.notes', 'contributors.votes'],
		rows,
	}
}

/**
 * The results of each closed budget round: one line per option, most votes first, with both rules'
 * verdicts and why (amounts in the round's currency, written out in the export's language).
 */
function budgetResults(design: ServiceDesign, language: ExportLanguage): Table {
	const cx = { full: design, language, t: (key: MessageKey, values?: Record<string, string | number>) => message(language, key, values) }
	const rows = (design.budgets ?? []).flatMap((round, i) =>
		[...round.options]
			.sort((a, b) => b.votes - a.votes || a.cost - b.cost)
			.map((o) => [
				i + 1,
				o.title,
				o.cost,
				round.currency,
				o.votes,
				o.supporters,
				cx.t(o.greedy.funded ? 'community.funded' : 'community.notFunded'),
				verdictWords(cx, round, o, 'greedy'),
				cx.t(o.equalShares.funded ? 'community.funded' : 'community.notFunded'),
				verdictWords(cx, round, o, 'equalShares'),
				o.id,
			]),
	)
	return {
		head: ['csv.round', 'community.option', 'community.cost', 'csv.currency', 'community.votes', 'csv.supporters', 'community.greedy', 'csv.whyGreedy', 'community.mes', 'csv.whyEqualShares', 'csv.id'],
		rows,
	}
}

/**
 * The ballots of each closed budget round, naming nobody: one line per ballot with its number (in the
 * round's anonymous order, not the order they were cast), the options it approved or the points it
 * gave each, and its total (cost, or points).
 */
function budgetBallots(design: ServiceDesign, language: ExportLanguage): Table {
	const cx = { full: design, language, t: (key: MessageKey, values?: Record<string, string | number>) => message(language, key, values) }
	const rows = (design.budgets ?? []).flatMap((round, i) =>
		round.ballots.map((weights, n) => {
			const chosen = round.options.flatMap((o, k) => ((weights[k] ?? 0) > 0 ? [{ option: o, weight: weights[k]! }] : []))
			const options = chosen.map(({ option, weight }) => (round.ballot === 'points' ? `${option.title}: ${weight}` : option.title)).join('; ')
			const total = round.ballot === 'points' ? chosen.reduce((sum, c) => sum + c.weight, 0) : formatMoney(chosen.reduce((sum, c) => sum + c.option.cost, 0), round.currency, language)
			return [i + 1, n + 1, ballotWords(cx, round), options, total]
		}),
	)
	return { head: ['csv.round', 'csv.ballot', 'csv.ballotKind', 'csv.options', 'csv.ballotTotal'], rows }
}
