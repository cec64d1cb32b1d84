/**
 * The report that the Markdown, HTML and PDF exports draw: what it says, in which order, in the chosen
 * language, as plain data. Each format only decides how a heading, a paragraph, a list or a table
 * looks, so the three always say the same thing.
 *
 * ```
 * title, kind, note, meta (generated, version)
 * About this page               the public page only: what, when, how many took part, what a version is
 * Summary                       counts (of what was agreed, of all on the board)
 * Service journey(s)            per journey: personas (story, needs, feeling per stage), pain points,
 *                               opportunities, then the blueprint (stages as columns, lanes as rows,
 *                               at most STAGES_PER_TABLE stages to a table)
 * Stakeholders, Community assets, Relationships
 * Notes and other contributions on the blueprint, on the map, elsewhere (with pictures of drawings)
 * What the community decided    each closed budget round (a table of results per rule, with why) and
 *                               ratification (a tally per item); not on the public page, which has its own
 * Outcomes and how we will know  each outcome with its indicators (and measures)
 * Actions ("You said, we did"    a table of every action, then each action's history, newest first
 *   on the public page)
 * Parked and not taken forward  with the reason given
 * Votes (ranked), Decisions (the log)
 * How people found the session   the evaluation's totals (anonymous), when people answered it
 * Contributors
 * ```
 *
 * With only what was agreed, every count and every empty section also says how many there are on the
 * board: "Stakeholders mapped: 3; none agreed yet", never "no stakeholders".
 * @module
 */
import { EVALUATION_SCALE, EVALUATION_STATEMENTS } from '@cyd/model'
import type {
	Action,
	ActionUpdate,
	CardKind,
	Contribution,
	ContributionImage,
	Decision,
	DecisionStatus,
	Emotion,
	EvaluationTotals,
	Journey,
	JourneyCard,
	JourneyPersona,
	Picture,
	Role,
	ServiceDesign,
} from '@cyd/model'
import { filterAgreed, latestStatuses } from './filter.js'
import { formatDate, formatDay, formatHours, formatLevel, formatTime, ROOM_TIME_ZONE } from './format.js'
import type { ViewKind } from './icons.js'
import { itemNames, placeName, rankedVotes, type ItemName } from './items.js'
import { message, type MessageKey } from './messages.js'
import { placesSection, type MapStreets } from './places.js'
import { communitySection, hasCommunityDecisions } from './community.js'
import type { ExportLanguage, ExportOptions } from './options.js'

/** Most stages in one blueprint table, so that it fits across an A4 landscape page. */
export const STAGES_PER_TABLE = 6

/** A picture of the board: a drawing's paths or an uploaded image, with words for who cannot see it. */
export interface PictureView {
	/** What it is, in words (the PDF's and HTML's alternative text). */
	alt: string
	picture: Picture | null
	image: ContributionImage | null
}

/**
 * A journey card or another contribution as the report shows it: a kind (by symbol and word), its
 * text ('' for a picture without words), a few details, and a picture for drawings and images.
 */
export interface CardView {
	kind: ViewKind
	kindLabel: string
	text: string
	details: Fact[]
	picture?: PictureView
}

/** A label and its value. */
export interface Fact {
	label: string
	value: string
}

/** A cell of a table: text, the cards of a blueprint cell, or a feeling (drawn as a face and a word). */
export type Cell = string | { cards: CardView[] } | { emotion: Emotion; label: string }

/** A table with a caption and a header row; `rowHeaders` makes the first cell of each row a header. */
export interface ReportTable {
	caption: string
	head: string[]
	rows: Cell[][]
	rowHeaders: boolean
	/** Indexes of columns holding numbers (aligned to the right). */
	numeric: number[]
}

/** One piece of a section. */
export type Block =
	| { type: 'heading'; level: 3 | 4; text: string }
	| { type: 'paragraph'; text: string }
	| { type: 'facts'; facts: Fact[] }
	| { type: 'cards'; cards: CardView[] }
	/** A plain list of short texts. */
	| { type: 'list'; items: string[] }
	| { type: 'table'; table: ReportTable }
	/** A journey's service blueprint: wide tables, which formats print on landscape pages. */
	| { type: 'blueprint'; heading: string; tables: ReportTable[] }

/** A top-level section, with an id for links to it. */
export interface ReportSection {
	id: string
	title: string
	blocks: Block[]
}

/** The whole report. */
export interface Report {
	language: ExportLanguage
	/** The IANA time zone its dates and times are written in: the room's. */
	timeZone: string
	title: string
	kind: string
	note: string
	meta: Fact[]
	/** The word for a list of the sections. */
	contents: string
	sections: ReportSection[]
}

interface Context {
	/** What the report shows: the design, or only what was agreed; without people on the public page. */
	design: ServiceDesign
	/** Everything on the board, for counts beside what was agreed and for the public page's figures. */
	full: ServiceDesign
	language: ExportLanguage
	agreedOnly: boolean
	names: Map<string, ItemName>
	statuses: Map<string, DecisionStatus>
	votes: Map<string, number>
	publicPage: boolean
	/** The role of each person, to say who decided without naming them. */
	roles: Map<string, Role>
	roomCreatedAt: string
	/** The room's time zone, for every date and time. */
	timeZone: string
	/** The streets under the map's picture, when the server has map tiles. */
	streets: MapStreets | null
	t: (key: MessageKey, values?: Record<string, string | number>) => string
}

/** The report of a design, in the options' language, of everything or only what was agreed. */
export function buildReport(design: ServiceDesign, options: ExportOptions): Report {
	const filtered = options.agreedOnly ? filterAgreed(design) : design
	const publicPage = options.publicPage === true
	const source = publicPage ? { ...filtered, contributors: [] } : filtered
	const language = options.language
	const cx: Context = {
		design: source,
		full: design,
		language,
		agreedOnly: options.agreedOnly,
		publicPage,
		roles: new Map(design.contributors.map((c) => [c.id, c.role])),
		roomCreatedAt: options.roomCreatedAt ?? '',
		timeZone: options.timeZone ?? ROOM_TIME_ZONE,
		streets: options.streets ?? null,
		names: itemNames(source),
		statuses: latestStatuses(source),
		votes: new Map(source.votes.map((v) => [v.item, v.votes])),
		t: (key, values) => message(language, key, values),
	}
	return {
		language,
		timeZone: cx.timeZone,
		title: source.title || cx.t('report.untitled'),
		kind: cx.t('report.kind'),
		note: cx.t(publicPage ? 'report.publicNote' : options.agreedOnly ? 'report.agreedOnly' : 'report.everything'),
		meta: [
			{ label: cx.t('report.generated'), value: formatTime(source.generatedAt, language, cx.timeZone) },
			{ label: cx.t('report.version'), value: source.versionName ?? cx.t('report.currentState') },
		],
		contents: cx.t('report.contents'),
		sections: [
			...(publicPage ? [aboutSection(cx)] : []),
			summarySection(cx),
			journeysSection(cx),
			stakeholdersSection(cx),
			assetsSection(cx),
			relationshipsSection(cx),
			contributionsSection(cx),
			// The neighbourhood map's pins, when the room has a map.
			...(cx.full.map ? [placesSection(cx)] : []),
			// What the community decided: budgets and ratification (the public page adds its own section).
			...(hasCommunityDecisions(cx.full) && !publicPage ? [communitySection(cx)] : []),
			outcomesSection(cx),
			actionsSection(cx),
			// What was not taken forward, with its reasons: in the full report and on the public page, not in a report of what was agreed alone.
			...(!cx.agreedOnly || publicPage ? [notTakenSection(cx)] : []),
			votesSection(cx),
			decisionsSection(cx),
			// The evaluation: on the public page only when the facilitator chose to show it.
			...(options.evaluation && options.evaluation.responses > 0 && (!publicPage || options.evaluation.public) ? [evaluationSection(cx, options.evaluation)] : []),
			...(publicPage ? [] : [contributorsSection(cx)]),
		],
	}
}

/**
 * The public page's context: what the workshop was about, when the group met (the days of its
 * decisions, else the day the room was made), how many took part and how many were residents (counted,
 * never named; observers are not counted), and what a version is.
 */
function aboutSection(cx: Context): ReportSection {
	const { full, t, language } = cx
	const days = full.decisions.map((d) => d.at).filter((at) => !Number.isNaN(new Date(at).getTime())).sort()
	const first = days[0] ? formatDate(days[0], language, cx.timeZone) : formatDate(cx.roomCreatedAt, language, cx.timeZone)
	const last = days.length ? formatDate(days[days.length - 1]!, language, cx.timeZone) : first
	// Those who took part in the session: not people who only watched, nor the steward who follows up.
	const people = full.contributors.filter((c) => c.role !== 'observer' && c.role !== 'steward')
	const minutes = people.reduce((n, c) => n + c.minutesPresent, 0)
	return {
		id: 'about',
		title: t('public.heading'),
		blocks: [
			{ type: 'paragraph', text: t('public.intro') },
			{
				type: 'facts',
				facts: [
					{ label: t('public.about'), value: full.title || t('report.untitled') },
					{ label: t('public.when'), value: first === last ? first : t('public.whenRange', { from: first, to: last }) },
					{ label: t('public.people'), value: String(people.length) },
					{ label: t('public.residents'), value: String(people.filter((c) => c.affiliation === 'resident').length) },
					{ label: t('public.hours'), value: formatHours(minutes, language) },
				],
			},
			{ type: 'paragraph', text: t('public.peopleNote') },
			{ type: 'heading', level: 3, text: t('public.versionHeading') },
			{ type: 'paragraph', text: full.versionName === null ? t('public.versionNow') : t('public.versionNamed', { name: full.versionName }) },
			{ type: 'paragraph', text: t('public.nobody') },
		],
	}
}

function table(caption: string, head: string[], rows: Cell[][], extra: Partial<ReportTable> = {}): Block {
	return { type: 'table', table: tableOf(caption, head, rows, extra) }
}

function tableOf(caption: string, head: string[], rows: Cell[][], extra: Partial<ReportTable> = {}): ReportTable {
	return { caption, head, rows, rowHeaders: false, numeric: [], ...extra }
}

/**
 * A table, or words saying why there is none. With only what was agreed, `total` is how many there are
 * on the whole board: none agreed of some is said so ("Stakeholders mapped: 3; none agreed yet"), and
 * some agreed of more get "Agreed: 2 of 3" when `count` is set.
 */
function tableOrNone(
	cx: Context,
	caption: string,
	head: string[],
	rows: Cell[][],
	none: MessageKey,
	extra: Partial<ReportTable> = {},
	agreed?: { total: number; noneAgreed: MessageKey; count?: boolean },
): Block[] {
	if (rows.length === 0) {
		const some = cx.agreedOnly && agreed && agreed.total > 0
		return [{ type: 'paragraph', text: some ? cx.t(agreed.noneAgreed, { total: agreed.total }) : cx.t(none) }]
	}
	const of: Block[] = cx.agreedOnly && agreed?.count ? [{ type: 'paragraph', text: cx.t('agreed.of', { agreed: rows.length, total: agreed.total }) }] : []
	return [...of, table(caption, head, rows, extra)]
}

function allCards(design: ServiceDesign): JourneyCard[] {
	return design.journeys.flatMap((j) => j.cards)
}

/** What the summary counts, of a design: items the group can agree on, and the rest. */
function counts(design: ServiceDesign): Array<[MessageKey, number, boolean]> {
	const cards = allCards(design)
	return [
		['summary.journeys', design.journeys.length, false],
		['summary.stages', design.journeys.reduce((n, j) => n + j.stages.length, 0), false],
		['summary.cards', cards.length, true],
		['summary.personas', design.journeys.reduce((n, j) => n + j.personas.length, 0), true],
		['summary.painPoints', cards.filter((c) => c.kind === 'pain').length, true],
		['summary.opportunities', cards.filter((c) => c.kind === 'opportunity').length, true],
		['summary.stakeholders', design.stakeholders.length, true],
		['summary.assets', design.assets.length, true],
		['summary.relationships', design.relationships.length, true],
		['summary.contributions', design.contributions.length, true],
		['summary.votes', design.votes.reduce((n, v) => n + v.votes, 0), true],
		['summary.outcomes', design.outcomes.length, true],
		['summary.actions', design.actions.length, false],
	]
}

function summarySection(cx: Context): ReportSection {
	const { design, t } = cx
	const all = new Map(counts(cx.full).map(([key, n]) => [key, n]))
	const facts: Fact[] = counts(design).map(([key, n, decidable]) => ({
		label: t(key),
		value: cx.agreedOnly && decidable ? t('summary.agreedOf', { agreed: n, total: all.get(key) ?? n }) : String(n),
	}))
	facts.push({ label: t('summary.agreed'), value: String([...cx.statuses.values()].filter((s) => s === 'agreed').length) })
	if (!cx.publicPage) facts.push({ label: t('summary.contributors'), value: String(design.contributors.length) })
	// Hours given in total, by everyone who took part (not observers, nor the steward): a sum, never per person.
	const givers = cx.full.contributors.filter((c) => c.role !== 'observer' && c.role !== 'steward')
	if (!cx.publicPage) facts.push({ label: t('summary.hours'), value: formatHours(givers.reduce((n, c) => n + c.minutesPresent, 0), cx.language) })
	const note: Block[] = cx.agreedOnly ? [{ type: 'paragraph', text: t('summary.agreedNote') }] : []
	return { id: 'summary', title: t('summary.heading'), blocks: [{ type: 'facts', facts }, ...note] }
}

function journeysSection(cx: Context): ReportSection {
	const journeys = cx.design.journeys
	return {
		id: 'journeys',
		title: cx.t(journeys.length > 1 ? 'journeys.headingMany' : 'journeys.heading'),
		blocks: journeys.length === 0 ? [{ type: 'paragraph', text: cx.t('journeys.none') }] : journeys.flatMap((j) => journeyBlocks(cx, j)),
	}
}

function stageName(cx: Context, journey: Journey, stageId: string): string {
	const index = journey.stages.findIndex((s) => s.id === stageId)
	return journey.stages[index]?.name || cx.t('journey.unnamedStage', { n: index + 1 })
}

function laneName(cx: Context, journey: Journey, laneId: string): string {
	const lane = journey.lanes.find((l) => l.id === laneId)
	return lane ? lane.name || cx.t(`lane.kind.${lane.kind}`) : ''
}

function cardView(cx: Context, card: JourneyCard, where?: string): CardView {
	const details: Fact[] = []
	if (where) details.push({ label: cx.t('journey.whereLabel'), value: where })
	if (card.channel !== 'other') details.push({ label: cx.t('journey.channel'), value: cx.t(`card.channel.${card.channel}`) })
	const actor = card.actor ? cx.names.get(card.actor) : undefined
	if (actor) details.push({ label: cx.t('journey.actor'), value: actor.text })
	const status = cx.statuses.get(card.id)
	if (status && !cx.agreedOnly) details.push({ label: cx.t('journey.status'), value: cx.t(`status.${status}`) })
	const votes = cx.votes.get(card.id)
	if (votes) details.push({ label: cx.t('votes.votes'), value: String(votes) })
	return { kind: card.kind, kindLabel: cx.t(`card.kind.${card.kind}`), text: card.text || cx.t('journey.emptyCard'), details }
}

function journeyBlocks(cx: Context, journey: Journey): Block[] {
	const title = journey.title || cx.t('journey.untitled')
	return [
		{ type: 'heading', level: 3, text: title },
		{
			type: 'paragraph',
			text: cx.agreedOnly
				? cx.t('journey.aboutAgreed', { stages: journey.stages.length, cards: journey.cards.length, total: cx.full.journeys.find((j) => j.id === journey.id)?.cards.length ?? journey.cards.length })
				: cx.t('journey.about', { stages: journey.stages.length, cards: journey.cards.length }),
		},
		...journey.personas.flatMap((p, i) => personaBlocks(cx, journey, p, i)),
		...kindList(cx, journey, 'pain', 'journey.painPoints'),
		...kindList(cx, journey, 'opportunity', 'journey.opportunities'),
		...blueprintBlocks(cx, journey, title),
	]
}

function personaBlocks(cx: Context, journey: Journey, persona: JourneyPersona, index: number): Block[] {
	const name = persona.name || cx.t('journey.unnamedPersona', { n: index + 1 })
	const feelings = new Map(persona.emotions.map((e) => [e.stage, e.value]))
	const rows: Cell[][] = journey.stages.map((stage) => {
		const value = feelings.get(stage.id)
		return [stageName(cx, journey, stage.id), value ? { emotion: value, label: cx.t(`emotion.${value}`) } : cx.t('emotion.none')]
	})
	const facts = [
		{ label: cx.t('journey.story'), value: persona.story },
		{ label: cx.t('journey.needs'), value: persona.needs },
	].filter((f) => f.value !== '')
	return [
		{ type: 'heading', level: 4, text: cx.t('journey.persona', { name }) },
		...(facts.length > 0 ? [{ type: 'facts', facts } as const] : []),
		...(rows.length > 0
			? [table(cx.t('journey.feelings', { name }), [cx.t('journey.stage'), cx.t('journey.feeling')], rows, { rowHeaders: true })]
			: []),
	]
}

function kindList(cx: Context, journey: Journey, kind: CardKind, heading: MessageKey): Block[] {
	const cards = journey.cards.filter((c) => c.kind === kind)
	if (cards.length === 0) return []
	const where = (card: JourneyCard) =>
		cx.t('journey.where', { stage: stageName(cx, journey, card.stage), lane: laneName(cx, journey, card.lane) })
	return [
		{ type: 'heading', level: 4, text: cx.t(heading) },
		{ type: 'cards', cards: cards.map((c) => cardView(cx, c, where(c))) },
	]
}

function blueprintBlocks(cx: Context, journey: Journey, title: string): Block[] {
	if (journey.stages.length === 0 || journey.lanes.length === 0) return []
	const tables: ReportTable[] = []
	for (let from = 0; from < journey.stages.length; from += STAGES_PER_TABLE) {
		const stages = journey.stages.slice(from, from + STAGES_PER_TABLE)
		const split = journey.stages.length > STAGES_PER_TABLE
		const range = cx.t('journey.stagesOf', { from: from + 1, to: from + stages.length, total: journey.stages.length })
		const caption = cx.t('journey.blueprintOf', { title }) + (split ? ` (${range})` : '')
		const head = [cx.t('journey.lane'), ...stages.map((s) => stageName(cx, journey, s.id))]
		const rows: Cell[][] = journey.lanes.map((lane) => [
			laneName(cx, journey, lane.id),
			...stages.map((stage) => ({
				cards: journey.cards.filter((c) => c.stage === stage.id && c.lane === lane.id).map((c) => cardView(cx, c)),
			})),
		])
		tables.push(tableOf(caption, head, rows, { rowHeaders: true }))
	}
	return [{ type: 'blueprint', heading: cx.t('journey.blueprint'), tables }]
}

function statusColumn(cx: Context): string[] {
	return cx.agreedOnly ? [] : [cx.t('journey.status')]
}

function statusCell(cx: Context, id: string): string[] {
	if (cx.agreedOnly) return []
	const status = cx.statuses.get(id)
	return [status ? cx.t(`status.${status}`) : '']
}

function stakeholdersSection(cx: Context): ReportSection {
	const { t } = cx
	const rows = cx.design.stakeholders.map((s) => [
		s.name,
		t(`stakeholder.kind.${s.kind}`),
		formatLevel(s.influence, cx.language),
		formatLevel(s.interest, cx.language),
		s.actsIn.map((a) => cx.names.get(a.card)?.text || t('journey.emptyCard')).join('; '),
		s.notes,
		...statusCell(cx, s.id),
	])
	const head = [
		t('stakeholders.name'),
		t('stakeholders.kind'),
		t('stakeholders.influence'),
		t('stakeholders.interest'),
		t('stakeholders.actsIn'),
		t('stakeholders.notes'),
		...statusColumn(cx),
	]
	const title = t('stakeholders.heading')
	return {
		id: 'stakeholders',
		title,
		blocks: tableOrNone(cx, title, head, rows, 'stakeholders.none', { rowHeaders: true }, { total: cx.full.stakeholders.length, noneAgreed: 'stakeholders.noneAgreed', count: true }),
	}
}

function assetsSection(cx: Context): ReportSection {
	const { t } = cx
	const rows = cx.design.assets.map((a) => [
		a.name,
		t(`asset.kind.${a.kind}`),
		a.description,
		a.holder,
		a.connects.map((id) => cx.names.get(id)?.text ?? '').filter((name) => name !== '').join('; '),
		...statusCell(cx, a.id),
	])
	const head = [t('stakeholders.name'), t('stakeholders.kind'), t('assets.description'), t('assets.holder'), t('assets.connects'), ...statusColumn(cx)]
	const title = t('assets.heading')
	return {
		id: 'assets',
		title,
		blocks: tableOrNone(cx, title, head, rows, 'assets.none', { rowHeaders: true }, { total: cx.full.assets.length, noneAgreed: 'assets.noneAgreed', count: true }),
	}
}

function relationshipsSection(cx: Context): ReportSection {
	const { t } = cx
	const rows = cx.design.relationships.map((r) => [
		cx.names.get(r.from)?.text ?? '',
		cx.names.get(r.to)?.text ?? '',
		t(`flow.${r.flow}`),
		t(`direction.${r.direction}`),
		r.label,
		...statusCell(cx, r.id),
	])
	const head = [
		t('relationships.from'),
		t('relationships.to'),
		t('relationships.flow'),
		t('relationships.direction'),
		t('relationships.label'),
		...statusColumn(cx),
	]
	const title = t('relationships.heading')
	return {
		id: 'relationships',
		title,
		blocks: tableOrNone(cx, title, head, rows, 'relationships.none', {}, { total: cx.full.relationships.length, noneAgreed: 'relationships.noneAgreed', count: true }),
	}
}

function contributionView(cx: Context, c: Contribution): CardView {
	const { t } = cx
	const kindLabel = t(`item.kind.${c.kind}`)
	const details: Fact[] = []
	if (c.place) details.push({ label: t('journey.whereLabel'), value: placeName(cx.full, c.place, cx.language) })
	// The public page names nobody.
	if (!cx.publicPage) {
		const name = c.author.name || t('report.notRecorded')
		details.push({ label: t('contributions.madeBy'), value: c.seat !== null ? t('contributions.atTable', { name }) : name })
	}
	if (c.createdAt) details.push({ label: t('contributions.made'), value: formatTime(c.createdAt, cx.language, cx.timeZone) })
	const status = cx.statuses.get(c.id)
	if (status && !cx.agreedOnly) details.push({ label: t('journey.status'), value: t(`status.${status}`) })
	const votes = cx.votes.get(c.id)
	if (votes) details.push({ label: t('votes.votes'), value: String(votes) })
	const drawn = c.picture !== null || c.image !== null
	const picture: PictureView | undefined = drawn
		? { alt: c.text ? t('picture.withWords', { kind: kindLabel, words: c.text }) : t('picture.of', { kind: kindLabel }), picture: c.picture, image: c.image }
		: undefined
	return { kind: c.kind, kindLabel, text: c.text || (drawn ? '' : t('item.withoutWords')), details, ...(picture ? { picture } : {}) }
}

/** Notes, text, drawings and images, grouped by where they lie: on a blueprint, on the map, elsewhere. */
function contributionsSection(cx: Context): ReportSection {
	const { t } = cx
	const list = cx.design.contributions
	const title = t('contributions.heading')
	const total = cx.full.contributions.length
	if (list.length === 0) {
		const some = cx.agreedOnly && total > 0
		return { id: 'contributions', title, blocks: [{ type: 'paragraph', text: some ? t('contributions.noneAgreed', { total }) : t('contributions.none') }] }
	}
	const groups: Array<[MessageKey, Contribution[]]> = [
		['contributions.onBlueprint', list.filter((c) => c.place?.type === 'cell')],
		['contributions.onMap', list.filter((c) => c.place?.type === 'map')],
		['contributions.elsewhere', list.filter((c) => c.place === null)],
	]
	return {
		id: 'contributions',
		title,
		blocks: [
			{ type: 'paragraph', text: t('contributions.about') },
			...(cx.agreedOnly ? [{ type: 'paragraph', text: t('agreed.of', { agreed: list.length, total }) } as const] : []),
			...groups.flatMap(([heading, items]): Block[] =>
				items.length === 0
					? []
					: [
							{ type: 'heading', level: 3, text: t(heading) },
							{ type: 'cards', cards: items.map((c) => contributionView(cx, c)) },
						],
			),
		],
	}
}

/** An item's words, or what stands for them when it has none. */
function itemWords(cx: Context, kind: ItemName['kind'], text: string): string {
	return text || cx.t(kind === 'card' ? 'journey.emptyCard' : 'item.withoutWords')
}

function nameCells(cx: Context, name: ItemName | null): [string, string] {
	if (!name) return [cx.t('item.gone'), '']
	return [itemWords(cx, name.kind, name.text), cx.t(`item.kind.${name.kind}`)]
}

function votesSection(cx: Context): ReportSection {
	const { t } = cx
	const rows = rankedVotes(cx.design, cx.names).map((v) => [String(v.rank), ...nameCells(cx, v.name), String(v.votes)])
	const head = [t('votes.rank'), t('votes.item'), t('votes.kind'), t('votes.votes')]
	const title = t('votes.heading')
	const blocks: Block[] = rows.length > 0 ? [{ type: 'paragraph', text: t('votes.about') }] : []
	return {
		id: 'votes',
		title,
		blocks: [...blocks, ...tableOrNone(cx, title, head, rows, 'votes.none', { numeric: [0, 3] }, { total: cx.full.votes.length, noneAgreed: 'votes.noneAgreed' })],
	}
}

function decisionsSection(cx: Context): ReportSection {
	const { t } = cx
	// On the public page nobody is named: who proposed or decided is said by their role alone.
	const by = (d: Decision) => {
		if (!cx.publicPage) return d.by.name
		const role = cx.roles.get(d.by.id)
		return t(role ? `byRole.${role}` : 'byRole.unknown')
	}
	const rows = cx.design.decisions.map((d) => [
		`${itemWords(cx, d.itemKind, d.itemText)} (${t(`item.kind.${d.itemKind}`)})`,
		t(`status.${d.status}`),
		d.note,
		by(d),
		formatTime(d.at, cx.language, cx.timeZone),
		String(d.tally),
	])
	const head = [t('decisions.what'), t('decisions.status'), t('decisions.note'), t('decisions.by'), t('decisions.when'), t('decisions.tally')]
	const title = t('decisions.heading')
	const blocks: Block[] = rows.length > 0 ? [{ type: 'paragraph', text: t('decisions.about') }] : []
	return {
		id: 'decisions',
		title,
		blocks: [
			...blocks,
			...tableOrNone(cx, title, head, rows, 'decisions.none', { numeric: [head.length - 1] }, { total: cx.full.decisions.length, noneAgreed: 'decisions.noneAgreed' }),
		],
	}
}

function contributorsSection(cx: Context): ReportSection {
	const { t } = cx
	const rows = cx.design.contributors.map((c) => [
		c.name,
		t(`role.${c.role}`),
		t(`affiliation.${c.affiliation ?? 'none'}`),
		String(Math.round(c.minutesPresent)),
		String(c.notesMade),
		String(c.votesCast),
	])
	const head = [
		t('contributors.name'),
		t('contributors.role'),
		t('contributors.affiliation'),
		t('contributors.minutes'),
		t('contributors.notes'),
		t('contributors.votes'),
	]
	const title = t('contributors.heading')
	const blocks: Block[] = rows.length > 0 ? [{ type: 'paragraph', text: t('contributors.about') }] : []
	return {
		id: 'contributors',
		title,
		blocks: [...blocks, ...tableOrNone(cx, title, head, rows, 'contributors.none', { rowHeaders: true, numeric: [3, 4, 5] })],
	}
}

/** Outcomes the group wants, each with how it will know (indicators and measures). */
function outcomesSection(cx: Context): ReportSection {
	const { t } = cx
	const title = t('outcomes.heading')
	const list = cx.design.outcomes
	const total = cx.full.outcomes.length
	if (list.length === 0) {
		return { id: 'outcomes', title, blocks: [{ type: 'paragraph', text: cx.agreedOnly && total > 0 ? t('outcomes.noneAgreed', { total }) : t('outcomes.none') }] }
	}
	const serving = (id: string) => cx.design.actions.filter((a) => a.outcome === id).length
	return {
		id: 'outcomes',
		title,
		blocks: [
			{ type: 'paragraph', text: t('outcomes.about') },
			...list.flatMap((outcome): Block[] => {
				const facts: Fact[] = [{ label: t('outcomes.status'), value: t(`outcomeStatus.${outcome.status}`) }]
				const indicators = outcome.indicators.map((i) => [i.text, i.measure, ...(cx.agreedOnly ? [] : [t(`outcomeStatus.${i.status}`)])])
				const head = [t('outcomes.indicator'), t('outcomes.measure'), ...(cx.agreedOnly ? [] : [t('outcomes.status')])]
				return [
					{ type: 'heading', level: 3, text: outcome.title },
					...(cx.agreedOnly ? [] : [{ type: 'facts', facts } as const]),
					indicators.length > 0 ? table(t('outcomes.indicatorsOf', { title: outcome.title }), head, indicators) : { type: 'paragraph', text: t('outcomes.noIndicators') },
					{ type: 'paragraph', text: t('outcomes.served', { count: serving(outcome.id) }) },
				]
			}),
		],
	}
}

/** Who owns an action, in words: "Contact centre (stakeholder)". */
function ownerText(cx: Context, action: Action): string {
	return cx.t('owner.named', { name: action.owner.name, kind: cx.t(`owner.${action.owner.kind}`) })
}

/** An action's status in words, with the reason when it was dropped. */
function actionStatusText(cx: Context, status: Action['status'], reason: string): string {
	const word = cx.t(`actionStatus.${status}`)
	return status === 'dropped' && reason ? `${word}: ${reason}` : word
}

/** Who posted an update: on the public page by role alone, else by name and role. */
function updateBy(cx: Context, update: ActionUpdate): string {
	const role = cx.t(`role.${update.role}`)
	if (cx.publicPage) return cx.t(`byRole.${update.role}`)
	return update.by.name ? `${update.by.name} (${role})` : role
}

/**
 * What is being done: every action in one table (what, for which item, who owns it, by when, its status,
 * the outcome it serves), then each action's history, newest first. On the public page this is "You
 * said, we did".
 */
function actionsSection(cx: Context): ReportSection {
	const { t } = cx
	const title = t(cx.publicPage ? 'actions.headingPublic' : 'actions.heading')
	const list = cx.design.actions
	const total = cx.full.actions.length
	if (list.length === 0) {
		return { id: 'actions', title, blocks: [{ type: 'paragraph', text: cx.agreedOnly && total > 0 ? t('actions.noneAgreed', { total }) : t('actions.none') }] }
	}
	const outcomes = new Map(cx.design.outcomes.map((o) => [o.id, o.title]))
	const forItem = (a: Action) => `${itemWords(cx, a.itemKind, cx.names.get(a.item)?.text ?? a.itemText)} (${t(`item.kind.${a.itemKind}`)})`
	const due = (a: Action) => (a.due ? formatDay(a.due, cx.language) : t('actions.noDue'))
	const rows: Cell[][] = list.map((a) => [a.text, forItem(a), ownerText(cx, a), due(a), actionStatusText(cx, a.status, a.reason), a.outcome ? (outcomes.get(a.outcome) ?? '') : ''])
	const head = [t('actions.what'), t('actions.for'), t('actions.owner'), t('actions.due'), t('actions.status'), t('actions.outcome')]
	return {
		id: 'actions',
		title,
		blocks: [
			{ type: 'paragraph', text: t(cx.publicPage ? 'actions.aboutPublic' : 'actions.about') },
			table(t('actions.summary'), head, rows, { rowHeaders: true }),
			...list.flatMap((a): Block[] => {
				const history: Cell[][] = [...a.updates]
					.reverse()
					.map((u) => [formatTime(u.at, cx.language, cx.timeZone), u.status ? actionStatusText(cx, u.status, u.reason) : t('actions.unchanged'), u.text, updateBy(cx, u)])
				const facts: Fact[] = [
					{ label: t('actions.for'), value: forItem(a) },
					{ label: t('actions.owner'), value: ownerText(cx, a) },
					{ label: t('actions.due'), value: due(a) },
					{ label: t('actions.status'), value: actionStatusText(cx, a.status, a.reason) },
					...(a.outcome && outcomes.has(a.outcome) ? [{ label: t('actions.outcome'), value: outcomes.get(a.outcome)! }] : []),
					{ label: t('actions.committed'), value: formatTime(a.at, cx.language, cx.timeZone) },
				]
				return [
					{ type: 'heading', level: 3, text: a.text },
					{ type: 'facts', facts },
					history.length > 0
						? table(t('actions.history', { text: a.text }), [t('actions.when'), t('actions.newStatus'), t('actions.update'), t('actions.by')], history)
						: { type: 'paragraph', text: t('actions.noUpdates') },
				]
			}),
		],
	}
}

/**
 * What the group parked or decided against, with the reason it gave (the note of the decision that
 * set that status): "you said" includes what was not taken forward.
 */
function notTakenSection(cx: Context): ReportSection {
	const { t } = cx
	const latest = new Map<string, Decision>()
	for (const d of cx.full.decisions) latest.set(d.item, d)
	const names = itemNames(cx.full)
	const rows: Cell[][] = [...latest.values()]
		.filter((d) => d.status === 'parked' || d.status === 'rejected')
		.map((d) => [itemWords(cx, d.itemKind, names.get(d.item)?.text ?? d.itemText), t(`item.kind.${d.itemKind}`), t(`status.${d.status}`), d.note || t('notTaken.noReason'), formatTime(d.at, cx.language, cx.timeZone)])
	const title = t('notTaken.heading')
	const head = [t('decisions.what'), t('votes.kind'), t('decisions.status'), t('notTaken.reason'), t('decisions.when')]
	return {
		id: 'not-taken',
		title,
		blocks: rows.length === 0 ? [{ type: 'paragraph', text: t('notTaken.none') }] : [{ type: 'paragraph', text: t('notTaken.about') }, table(title, head, rows, { rowHeaders: true })],
	}
}

/**
 * How people found the session: the end-of-session evaluation's totals, anonymous. For each statement,
 * how many gave each score on the five-point scale, how many answered it and the mean; then what people
 * would change, in alphabetical order (never the order it was written in, which could say who wrote
 * what), left out on the public page (free text may name someone).
 */
function evaluationSection(cx: Context, totals: EvaluationTotals): ReportSection {
	const { t } = cx
	const number = new Intl.NumberFormat(cx.language === 'cy' ? 'cy-GB' : 'en-GB', { maximumFractionDigits: 2 })
	const rows: Cell[][] = EVALUATION_STATEMENTS.map((key) => {
		const s = totals.statements[key]
		return [t(`evaluation.statement.${key}`), ...s.counts.map((n) => number.format(n)), number.format(s.answered), s.mean === null ? t('evaluation.noAnswers') : number.format(s.mean)]
	})
	const head = [t('evaluation.statement'), ...EVALUATION_SCALE.map((n) => t(`evaluation.scale.${n}`)), t('evaluation.answered'), t('evaluation.mean')]
	const changes = [...totals.changes].map((c) => c.trim()).filter((c) => c !== '').sort((a, b) => a.localeCompare(b, cx.language) || (a < b ? -1 : a > b ? 1 : 0))
	return {
		id: 'evaluation',
		title: t('evaluation.heading'),
		blocks: [
			{ type: 'paragraph', text: t('evaluation.responses', { count: totals.responses }) },
			{ type: 'paragraph', text: t('evaluation.about') },
			table(t('evaluation.caption'), head, rows, { rowHeaders: true, numeric: [1, 2, 3, 4, 5, 6, 7] }),
			...(cx.publicPage
				? []
				: [{ type: 'heading', level: 3, text: t('evaluation.changes') } as const, ...(changes.length > 0
						? ([{ type: 'paragraph', text: t('evaluation.changesAbout') }, { type: 'list', items: changes }] as const)
						: ([{ type: 'paragraph', text: t('evaluation.noChanges') }] as const))]),
		],
	}
}
