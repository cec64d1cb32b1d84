/**
 * The workshop-state document of a room: what the facilitator runs (agenda, phase, timer, lock, voting
 * rounds, summons) and who is present. Only the server writes it, on someone's behalf; every client reads
 * it. It lives in its own Y.Doc, `workshopDocument(room)`, in one top-level map, `WORKSHOP_MAP`, whose keys
 * hold plain JSON values. Lists that grow while people take part are kept one entry per key
 * (`participant:<id>`, `decision:<key>`, `version:<id>`, and the commitments' `outcome:<id>`,
 * `indicator:<id>`, `action:<id>`, `update:<key>`, `reply:<id>`), so that two server processes adding to one at
 * the same moment both keep theirs, and a change sends only its own entry to every client.
 * @module
 */
import { isTimeZone } from './time-zone.js'
import { parseCommitments, type Action, type Outcome, type ReplyNotice } from './commitments.js'
import { DECISION_STATUSES, ITEM_KINDS, type Author, type Decision } from './design.js'
import { oneOf } from './guards.js'
import { CARD_KINDS, roomCardKinds, type CardKind } from './journey/shapes.js'
import { parseMapSettings, type MapSettings } from './map.js'
import { isAffiliation, isPhaseKind, isRole, type Affiliation, type PhaseKind, type Role } from './roles.js'

export const isItemKind = oneOf(ITEM_KINDS)
export const isDecisionStatus = oneOf(DECISION_STATUSES)

/** Name of the workshop-state document of a room. */
export function workshopDocument(room: string): string {
	return `${room}/workshop`
}

/** Name of the document holding a saved version of a room (its canvas, and its workshop state). Never served. */
export function versionDocument(room: string, version: string): string {
	return `${room}/version/${version}`
}

/** Name of the server-only document of a room (links, people, votes of an open round). Never served. */
export function privateDocument(room: string): string {
	return `${room}/private`
}

export const WORKSHOP_MAP = 'workshop'

export interface AgendaItem {
	id: string
	title: string
	kind: PhaseKind
	minutes: number
}

/** A countdown in server time: running (`endsAt`) or paused (`remainingMs`). */
export interface TimerState {
	endsAt: number | null
	remainingMs: number | null
}

export interface Participant {
	id: string
	name: string
	role: Role
	/** Where they take part: a table seat's name, or null for remote. */
	seat: string | null
}

export interface VotingRound {
	id: string
	status: 'open' | 'closed'
	votesPerPerson: number
	/** Only people who had joined when the round opened may vote. */
	presentOnly: boolean
	openedAt: number
	closedAt: number | null
	/** Votes per shape id, published when the round closes. */
	results: Record<string, number> | null
	/** How many people voted, published when the round closes. */
	voters: number | null
}

/**
 * "Bring everyone to me": a view for every client to move to, stamped so that each summon is new. `x`
 * and `y` are the page point at the centre of the facilitator's view; `w` and `h`, when given, the size
 * of the area they see (in page units), which every screen fits whatever its size. Older summons carry
 * only the zoom, `z`.
 */
export interface Summon {
	by: string
	at: number
	x: number
	y: number
	z: number
	w?: number
	h?: number
	pageId: string
}

/**
 * "Everyone follows me": while set, every other client follows this person's camera continuously.
 * `userId` is the id the facilitator's client publishes in presence; it only names whom to follow.
 */
export interface Follow {
	personId: string
	userId: string
	at: number
}

export interface Spotlight {
	shapeId: string
	by: string
	at: number
}

export interface WorkshopState {
	locked: boolean
	/** Whether the lock holds the touch table too (a facilitator's screen, otherwise never locked). */
	lockCoversTable: boolean
	agenda: AgendaItem[]
	/** Id of the current agenda item, or null before the first. */
	phaseId: string | null
	phaseKind: PhaseKind | null
	timer: TimerState
	participants: Participant[]
	round: VotingRound | null
	summon: Summon | null
	spotlight: Spotlight | null
	follow: Follow | null
	/** The decision log, oldest first (written by the server on the facilitator's behalf). */
	decisions: Decision[]
	/** Named versions of the room, oldest first. */
	versions: VersionInfo[]
	/** The public page of the agreed design, while it is published. */
	published: Published | null
	/** The touch table's seats and view lock, once the facilitator has set the table up. */
	table: TableState | null
	/**
	 * Whether participants may change the structure (move, resize or delete blueprints and stakeholder
	 * maps; rename, reorder, add or remove stages and lanes). Off, the structure is the facilitator's.
	 */
	structureOpen: boolean
	/**
	 * The room's time zone (IANA, e.g. "Europe/London"), in which its dates and times are written; null
	 * until the facilitator sets one, when `DEFAULT_TIME_ZONE` holds.
	 */
	timeZone: string | null
	/**
	 * Server time the touch table was last known open (its canvas connection, or its word every half
	 * minute); null once it closed. Its seats' people count as connected while it is open.
	 */
	tableSeenAt: number | null
	/** Outcomes the group wants, with their indicators (see commitments.ts). */
	outcomes: Outcome[]
	/** Actions on agreed items, with their dated updates. */
	actions: Action[]
	/** Visitors' replies on the public page: that they came and what became of them (not their words). */
	replies: ReplyNotice[]
	/** The neighbourhood map under the board, once the facilitator has set one (see map.ts). */
	map: MapSettings | null
	/** The end-of-session evaluation: open for answers, and whether the public page shows its totals (see evaluation.ts). */
	evaluation: { open: boolean; public: boolean }
	/** The kinds of card the room offers in its card pickers, in order: its workshop template's, else every kind (see `roomCardKinds`). */
	cardKinds: CardKind[]
}

/** How many people a touch table seats: a dock for each on the table's edges. */
export const MIN_SEATS = 2
export const MAX_SEATS = 8
/** A seat's colour, one of tldraw's note colours: its notes and its dock wear it. */
export const SEAT_COLOURS = ['blue', 'orange', 'green', 'violet', 'red', 'light-blue', 'yellow', 'light-green'] as const
export type SeatColour = (typeof SEAT_COLOURS)[number]
export const isSeatColour = oneOf(SEAT_COLOURS)

/**
 * A place at the table, held by a person the facilitator named (a real name or a pseudonym). The server
 * made a person of the room for it (`person`): what is made at the seat is credited to them.
 */
export interface Seat {
	id: string
	name: string
	colour: SeatColour
	person: string
	/** Whether the seat's person is a resident or from an organisation, so the seat counts in the balance of voice. */
	affiliation?: Affiliation | null
}

export interface TableState {
	/** In order around the table: the first seat's dock is on the bottom edge. */
	seats: Seat[]
	/** While true, nobody at the table pans or zooms the shared view. */
	viewLocked: boolean
}

/** How long the touch table may be silent (it speaks every half minute) and still count as open. */
export const TABLE_SILENCE_MS = 90_000

/** Whether the touch table is open at server time `now`: its seats' people are at the table. */
export function isTableOpen(state: Pick<WorkshopState, 'tableSeenAt'>, now: number): boolean {
	return state.tableSeenAt !== null && now - state.tableSeenAt < TABLE_SILENCE_MS
}

/** A named version: a saved copy of the whole room (canvas and workshop state). */
export interface VersionInfo {
	id: string
	name: string
	/** Milliseconds since the epoch. */
	at: number
	by: Author
}

/** The public page: `/p/<room>/<secret>`, until withdrawn. */
export interface Published {
	secret: string
	at: number
}

export const EMPTY_WORKSHOP: WorkshopState = {
	locked: false,
	lockCoversTable: true,
	agenda: [],
	phaseId: null,
	phaseKind: null,
	timer: { endsAt: null, remainingMs: null },
	participants: [],
	round: null,
	summon: null,
	spotlight: null,
	follow: null,
	decisions: [],
	versions: [],
	published: null,
	table: null,
	structureOpen: false,
	timeZone: null,
	tableSeenAt: null,
	outcomes: [],
	actions: [],
	replies: [],
	map: null,
	evaluation: { open: false, public: false },
	cardKinds: [...CARD_KINDS],
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

/**
 * Reads the workshop map's JSON (`map.toJSON()`) into a checked state, dropping anything malformed: a
 * client never trusts the shape of what it reads.
 */
export function parseWorkshop(json: unknown): WorkshopState {
	if (!isObject(json)) return EMPTY_WORKSHOP
	const agenda = Array.isArray(json.agenda)
		? json.agenda.flatMap((item): AgendaItem[] =>
				isObject(item) && str(item.id) && str(item.title) !== null && isPhaseKind(item.kind) && num(item.minutes) !== null
					? [{ id: item.id as string, title: item.title as string, kind: item.kind, minutes: item.minutes as number }]
					: [],
			)
		: []
	const timer = isObject(json.timer) ? { endsAt: num(json.timer.endsAt), remainingMs: num(json.timer.remainingMs) } : EMPTY_WORKSHOP.timer
	// Older rooms kept whole lists under one key; newer ones keep one entry per key.
	const participantsById = new Map<string, Participant>()
	const legacyParticipants = isObject(json.participants) ? Object.values(json.participants) : []
	for (const p of [...legacyParticipants, ...entriesOf(json, 'participant:').map(([, v]) => v)]) {
		if (isObject(p) && str(p.id) && str(p.name) !== null && isRole(p.role)) {
			participantsById.set(p.id as string, { id: p.id as string, name: p.name as string, role: p.role, seat: str(p.seat) })
		}
	}
	const participants = [...participantsById.values()]
	const decisions = [
		...(Array.isArray(json.decisions) ? json.decisions : []),
		...entriesOf(json, 'decision:')
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([, v]) => v),
	].flatMap(parseDecision)
	const versions = [...(Array.isArray(json.versions) ? json.versions : []), ...entriesOf(json, 'version:').map(([, v]) => v)]
		.flatMap(parseVersion)
		.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
	const r = json.round
	const round: VotingRound | null =
		isObject(r) && str(r.id) && (r.status === 'open' || r.status === 'closed') && num(r.votesPerPerson) !== null
			? {
					id: r.id as string,
					status: r.status,
					votesPerPerson: r.votesPerPerson as number,
					presentOnly: r.presentOnly === true,
					openedAt: num(r.openedAt) ?? 0,
					closedAt: num(r.closedAt),
					results: isObject(r.results)
						? Object.fromEntries(Object.entries(r.results).filter((e): e is [string, number] => num(e[1]) !== null))
						: null,
					voters: num(r.voters),
				}
			: null
	const s = json.summon
	const area = isObject(s) && (num(s.w) ?? 0) > 0 && (num(s.h) ?? 0) > 0 ? { w: s.w as number, h: s.h as number } : {}
	const summon: Summon | null =
		isObject(s) && str(s.by) && num(s.at) !== null && num(s.x) !== null && num(s.y) !== null && num(s.z) !== null && str(s.pageId)
			? { by: s.by as string, at: s.at as number, x: s.x as number, y: s.y as number, z: s.z as number, ...area, pageId: s.pageId as string }
			: null
	const sp = json.spotlight
	const spotlight: Spotlight | null =
		isObject(sp) && str(sp.shapeId) && str(sp.by) && num(sp.at) !== null
			? { shapeId: sp.shapeId as string, by: sp.by as string, at: sp.at as number }
			: null
	const f = json.follow
	const follow: Follow | null =
		isObject(f) && str(f.personId) && str(f.userId) && num(f.at) !== null
			? { personId: f.personId as string, userId: f.userId as string, at: f.at as number }
			: null
	return {
		locked: json.locked === true,
		lockCoversTable: json.lockCoversTable !== false,
		agenda,
		phaseId: str(json.phaseId),
		phaseKind: isPhaseKind(json.phaseKind) ? json.phaseKind : null,
		timer,
		participants,
		round,
		summon,
		spotlight,
		follow,
		decisions,
		versions,
		published: isObject(json.published) && str(json.published.secret) && num(json.published.at) !== null ? { secret: json.published.secret as string, at: json.published.at as number } : null,
		table: parseTable(json.table),
		structureOpen: json.structureOpen === true,
		timeZone: typeof json.timeZone === 'string' && isTimeZone(json.timeZone) ? json.timeZone : null,
		tableSeenAt: num(json.tableSeenAt),
		...parseCommitments((prefix) => entriesOf(json, prefix)),
		map: parseMapSettings(json.map),
		evaluation: { open: isObject(json.evaluation) && json.evaluation.open === true, public: isObject(json.evaluation) && json.evaluation.public === true },
		cardKinds: roomCardKinds(json.cardKinds),
	}
}

/** The entries of keys starting with `prefix`, with the prefix taken off. */
function entriesOf(json: Record<string, unknown>, prefix: string): [string, unknown][] {
	const out: [string, unknown][] = []
	for (const key of Object.keys(json)) if (key.startsWith(prefix)) out.push([key.slice(prefix.length), json[key]])
	return out
}

/**
 * The key of a new decision in the workshop document: ordered by time, then at random, so that the log
 * reads in the order decisions were made whichever process made them.
 */
export function decisionKey(at: number, random: string): string {
	return `${at.toString(36).padStart(10, '0')}-${random}`
}

function parseTable(json: unknown): TableState | null {
	if (!isObject(json) || !Array.isArray(json.seats)) return null
	const seats = json.seats.flatMap((s): Seat[] =>
		isObject(s) && str(s.id) && str(s.name) !== null && isSeatColour(s.colour) && str(s.person)
			? [{ id: s.id as string, name: s.name as string, colour: s.colour, person: s.person as string, ...(isAffiliation(s.affiliation) ? { affiliation: s.affiliation } : {}) }]
			: [],
	)
	return { seats, viewLocked: json.viewLocked === true }
}

function parseAuthor(json: unknown): Author | null {
	return isObject(json) && str(json.id) !== null && str(json.name) !== null ? { id: json.id as string, name: json.name as string } : null
}

function parseDecision(json: unknown): Decision[] {
	if (!isObject(json) || !str(json.item) || !isItemKind(json.itemKind) || !isDecisionStatus(json.status)) return []
	const by = parseAuthor(json.by)
	if (!by || str(json.at) === null) return []
	return [
		{
			item: json.item as string,
			itemKind: json.itemKind,
			itemText: str(json.itemText) ?? '',
			status: json.status,
			note: str(json.note) ?? '',
			by,
			at: json.at as string,
			tally: num(json.tally) ?? 0,
		},
	]
}

function parseVersion(json: unknown): VersionInfo[] {
	const by = isObject(json) ? parseAuthor(json.by) : null
	return isObject(json) && str(json.id) && str(json.name) !== null && num(json.at) !== null && by ? [{ id: json.id as string, name: json.name as string, at: json.at as number, by }] : []
}

/** The latest decision about each item, by item id. */
export function latestDecisions(decisions: readonly Decision[]): Map<string, Decision> {
	const latest = new Map<string, Decision>()
	for (const d of decisions) latest.set(d.item, d)
	return latest
}

/** A person who joined through a link, as the server keeps them (private: affiliation is not published). */
export interface Person {
	id: string
	name: string
	role: Role
	linkId: string
	affiliation: Affiliation | null
	seat: string | null
	joinedAt: number
	removed: boolean
}

export function parsePerson(json: unknown): Person | null {
	if (!isObject(json) || !str(json.id) || str(json.name) === null || !isRole(json.role) || !str(json.linkId)) return null
	return {
		id: json.id as string,
		name: json.name as string,
		role: json.role,
		linkId: json.linkId as string,
		affiliation: isAffiliation(json.affiliation) ? json.affiliation : null,
		seat: str(json.seat),
		joinedAt: num(json.joinedAt) ?? 0,
		removed: json.removed === true,
	}
}

/** Milliseconds left on a timer at server time `now`. */
export function timerRemaining(timer: TimerState, now: number): number {
	if (timer.endsAt !== null) return Math.max(0, timer.endsAt - now)
	return timer.remainingMs ?? 0
}
