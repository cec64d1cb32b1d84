/**
 * The workshop API's requests as schemas: each validates its request at the door, types its handler
 * and describes it in the OpenAPI document.
 * @module
 */
import * as v from 'valibot'
import { MAX_TOPIC } from './gallery.js'
import {
	ACCESS_NEEDS,
	isTimeZone,
	MAX_ACCESS_OTHER,
	ACTION_STATUSES,
	AFFILIATIONS,
	AUDIENCES,
	DECISION_STATUSES,
	DEVICE_KEY,
	LANGUAGES,
	MAX_AGENDA_ITEMS,
	MAX_AGENDA_TITLE,
	MAX_DECISION_NOTE,
	MAX_MINUTES,
	MAX_NAME,
	MAX_ROOM_TITLE,
	MAX_SEATS,
	MAX_VOTES_PER_PERSON,
	MIN_SEATS,
	PHASE_KINDS,
	ROLES,
	MAX_ACTION_TEXT,
	MAX_INDICATOR_TEXT,
	MAX_OUTCOME_TEXT,
	MAX_REASON,
	MAX_UPDATE_TEXT,
	OUTCOME_STATUSES,
	REPLY_STATUSES,
	isDay,
	EVALUATION_SCALE,
	EVALUATION_STATEMENTS,
	MAX_EVALUATION_CHANGE,
	cardKindsProblem,
	type CardKind,
} from '@cyd/model'

const SHORT_ID = /^[A-Za-z0-9_-]{1,32}$/
const trimmedName = (what: string) =>
	v.pipe(v.string(`${what} must be text`), v.trim(), v.minLength(1, `${what} must be 1 to ${MAX_NAME} characters (a pseudonym is fine)`), v.maxLength(MAX_NAME, `${what} must be 1 to ${MAX_NAME} characters (a pseudonym is fine)`))
const minutes = v.pipe(v.number('minutes must be a number'), v.gtValue(0, `minutes must be between 0 and ${MAX_MINUTES}`), v.maxValue(MAX_MINUTES, `minutes must be between 0 and ${MAX_MINUTES}`))

export const CreateRoom = v.object({
	title: v.optional(v.pipe(v.string(), v.maxLength(MAX_ROOM_TITLE, `title must be a string of at most ${MAX_ROOM_TITLE} characters`), v.trim()), ''),
	language: v.optional(v.picklist(LANGUAGES, 'language must be "en" or "cy"'), 'en'),
})

export const Join = v.object({
	token: v.string('token: the join link token'),
	name: trimmedName('name'),
	affiliation: v.optional(v.nullable(v.picklist(AFFILIATIONS, 'affiliation must be "resident", "organisation" or null')), null),
	seat: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(MAX_NAME, 'seat must be a short string or null'))), null),
	device: v.optional(v.nullable(v.pipe(v.string(), v.regex(DEVICE_KEY, 'device must be 16 to 64 letters, digits, "_" or "-"'))), null),
	/** From a seat's QR code: the key that makes the phone that seat's person. */
	seatKey: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(100, 'seatKey must be the key of a seat QR code'))), null),
	/** What would help the person take part (optional; only the facilitator sees it). */
	needs: v.optional(v.pipe(v.array(v.picklist(ACCESS_NEEDS, `needs: each one of ${ACCESS_NEEDS.join(', ')}`)), v.maxLength(ACCESS_NEEDS.length, 'needs: each at most once')), []),
	needsOther: v.optional(v.pipe(v.string('needsOther must be text'), v.maxLength(MAX_ACCESS_OTHER, `needsOther must be at most ${MAX_ACCESS_OTHER} characters`)), ''),
})

export const RequestQuery = v.object({ token: v.string('token: the join link token') })

export const Lock = v.object({
	locked: v.boolean('locked must be true or false'),
	/** Whether the lock holds the touch table too; absent, the facilitator's last choice stands. */
	coversTable: v.optional(v.boolean('coversTable must be true or false')),
})

/** The room's time zone, in which its dates and times are written. */
export const TimeZone = v.object({
	timeZone: v.pipe(v.string('timeZone must be a time zone name'), v.check(isTimeZone, 'timeZone must be an IANA time zone such as "Europe/London"')),
})

/** The kinds of card the room offers in its card pickers: one to nine card kinds, each once. */
export const CardKinds = v.object({
	kinds: v.pipe(
		v.unknown(),
		v.check((kinds) => cardKindsProblem(kinds, 'kinds') === null, (issue) => cardKindsProblem(issue.input, 'kinds') ?? 'kinds: card kinds'),
		v.transform((kinds) => kinds as CardKind[]),
	),
})

/** Opens the board's structure (blueprints, stakeholder maps) to everyone who may write, or keeps it the facilitator's. */
export const StructureOpen = v.object({ open: v.boolean('open must be true or false') })

export const Agenda = v.object({
	items: v.pipe(
		v.array(
			v.object(
				{
					id: v.optional(v.string()),
					title: v.pipe(v.string(), v.maxLength(MAX_AGENDA_TITLE)),
					kind: v.picklist(PHASE_KINDS),
					minutes,
				},
				`each item needs a title (up to ${MAX_AGENDA_TITLE} characters) and a kind: discussion, evidence, deliberation or voting`,
			),
			`items must be a list of at most ${MAX_AGENDA_ITEMS} agenda items`,
		),
		v.maxLength(MAX_AGENDA_ITEMS, `items must be a list of at most ${MAX_AGENDA_ITEMS} agenda items`),
	),
})

export const Phase = v.object({ id: v.nullable(v.string('id must be an agenda item id or null')) })

export const Timer = v.object({
	action: v.picklist(['start', 'pause', 'resume', 'stop'], 'action must be start, pause, resume or stop'),
	minutes: v.optional(minutes),
})

/** A view to bring everyone to: its centre (x, y) and zoom, and the size of the area it shows (w, h) for screens of other sizes to fit. */
export const View = v.object({
	x: v.pipe(v.number(), v.finite()),
	y: v.pipe(v.number(), v.finite()),
	z: v.pipe(v.number(), v.finite(), v.gtValue(0)),
	w: v.optional(v.pipe(v.number(), v.finite(), v.gtValue(0, 'w: the width of the area shown, above 0'))),
	h: v.optional(v.pipe(v.number(), v.finite(), v.gtValue(0, 'h: the height of the area shown, above 0'))),
	pageId: v.pipe(v.string(), v.startsWith('page:'), v.maxLength(80)),
})

export const Follow = v.union([
	v.object({ on: v.literal(false) }),
	v.object({
		on: v.literal(true),
		userId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9:_-]{1,80}$/, 'userId must be the id your client shows in presence: 1 to 80 letters, digits, ":", "_" or "-"')),
	}),
])

export const TableSeats = v.object({
	seats: v.pipe(
		v.array(
			v.object({
				id: v.optional(v.pipe(v.string(), v.regex(SHORT_ID, 'a seat id must be one the table was given'))),
				name: trimmedName('each seat name'),
				/** Resident or organisation, so the seat counts in the balance of voice; absent, the seat keeps what it had. */
				affiliation: v.optional(v.nullable(v.picklist(AFFILIATIONS, 'a seat\'s affiliation must be "resident", "organisation" or null'))),
			}),
		),
		v.minLength(MIN_SEATS, `seats must be a list of ${MIN_SEATS} to ${MAX_SEATS} seats`),
		v.maxLength(MAX_SEATS, `seats must be a list of ${MIN_SEATS} to ${MAX_SEATS} seats`),
		v.check((seats) => {
			const ids = seats.flatMap((s) => (s.id ? [s.id] : []))
			return new Set(ids).size === ids.length
		}, 'a seat may appear only once'),
	),
	viewLocked: v.optional(v.boolean('viewLocked must be true or false'), false),
})

export const ShapeRef = v.pipe(v.string(), v.regex(/^shape:[A-Za-z0-9_-]{1,64}$/, 'a shape id'))

export const Spotlight = v.object({ shapeId: v.nullable(ShapeRef) })

export const Round = v.object({
	votesPerPerson: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_VOTES_PER_PERSON, `votesPerPerson must be a whole number from 1 to ${MAX_VOTES_PER_PERSON}`)),
	presentOnly: v.optional(v.boolean(), false),
	audience: v.optional(v.picklist(AUDIENCES, `audience: one of ${AUDIENCES.join(', ')}`), 'everyone'),
})

export const RoleParam = v.object({ role: v.picklist(ROLES, 'no such role') })

export const LinkLimit = v.object({
	maxPeople: v.nullable(v.pipe(v.number('maxPeople must be a whole number from 0 to 10000, or null for any number'), v.integer(), v.minValue(0), v.maxValue(10_000))),
})

/** Renew every role's link: extend the current ones, or revoke and replace them. */
export const RenewLinks = v.object({ mode: v.picklist(['extend', 'reissue'], 'mode: "extend" (the links go on working) or "reissue" (new links; the old ones stop)') })

export const WaitingDecision = v.object({ approve: v.boolean('approve must be true or false') })

export const Decide = v.object({
	item: v.pipe(v.string(), v.minLength(1), v.maxLength(80, 'item: the id of a card, persona, stakeholder, asset or relationship')),
	status: v.picklist(DECISION_STATUSES, `status: one of ${DECISION_STATUSES.join(', ')}`),
	note: v.optional(v.pipe(v.string('note: a string'), v.maxLength(MAX_DECISION_NOTE, `note: at most ${MAX_DECISION_NOTE} characters`)), ''),
})

export const VersionName = v.object({ name: v.string('name: a string') })

/** A version id from the query: absent, empty or `current` mean now. */
export const VersionRef = v.optional(v.union([v.literal(''), v.literal('current'), v.pipe(v.string(), v.regex(SHORT_ID, 'not a version id'))]))

export const DesignQuery = v.object({ version: VersionRef })
export const CompareQuery = v.object({ from: VersionRef, to: VersionRef })

/** A seat of the room's touch table, by its id: the table (a facilitator's screen) votes for its seats' people. */
const SeatRef = v.pipe(v.string('seat must be the id of a seat at the table'), v.regex(SHORT_ID, 'seat must be the id of a seat at the table'))

export const Vote = v.object({ shapeId: ShapeRef, delta: v.union([v.literal(1), v.literal(-1)], 'delta must be 1 or -1'), seat: v.optional(SeatRef) })

export const BallotQuery = v.object({ seat: v.optional(SeatRef) })

// --- a series of sessions, and the evaluation ---

const linkText = (what: string) => v.pipe(v.string(`${what}: a link`), v.trim(), v.minLength(1, `${what}: a link`), v.maxLength(2000, `${what}: at most 2000 characters`))

/** Links this session to the one before it, by that session's facilitator link. */
export const LinkSeries = v.object({ previous: linkText('previous') })

/** Starts this session's board from the last session's design, or from a published design (its public link). */
export const StartSession = v.pipe(
	v.object({
		from: v.optional(v.literal('previous', 'from: "previous"')),
		published: v.optional(linkText('published')),
		gallery: v.optional(v.pipe(v.string('gallery: a room of the gallery'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'gallery: a room of the gallery'))),
	}),
	v.check((body) => [body.from, body.published, body.gallery].filter((x) => x !== undefined).length === 1, 'give either from: "previous", published: a public page\'s link, or gallery: a room of the gallery'),
)

/** Shares this room's agreed design to the gallery, under a topic. */
export const ShareToGallery = v.object({
	topic: v.pipe(v.string('topic: text'), v.trim(), v.minLength(1, `topic: 1 to ${MAX_TOPIC} characters`), v.maxLength(MAX_TOPIC, `topic: 1 to ${MAX_TOPIC} characters`)),
})

export const SessionCompareQuery = v.object({
	from: v.pipe(v.string('from: a room of the series'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'from: a room of the series')),
	to: v.pipe(v.string('to: a room of the series'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'to: a room of the series')),
})

export const EvaluationSettings = v.object({
	open: v.optional(v.boolean('open must be true or false')),
	public: v.optional(v.boolean('public must be true or false')),
})

const score = (key: string) => v.optional(v.picklist(EVALUATION_SCALE, `scores.${key}: a whole number from 1 to 5`))

export const EvaluationAnswer = v.object({
	scores: v.strictObject(
		Object.fromEntries(EVALUATION_STATEMENTS.map((key) => [key, score(key)])) as Record<(typeof EVALUATION_STATEMENTS)[number], ReturnType<typeof score>>,
		`scores: only ${EVALUATION_STATEMENTS.join(', ')}, each from 1 to 5`,
	),
	change: v.optional(v.pipe(v.string('change: text'), v.maxLength(MAX_EVALUATION_CHANGE, `change: at most ${MAX_EVALUATION_CHANGE} characters`)), ''),
	seat: v.optional(SeatRef),
})

// --- commitments: outcomes, indicators, actions, updates, replies ---

const text = (what: string, max: number) =>
	v.pipe(v.string(`${what} must be text`), v.trim(), v.minLength(1, `${what} must be 1 to ${max} characters`), v.maxLength(max, `${what} must be 1 to ${max} characters`))
const optionalText = (what: string, max: number) => v.optional(v.pipe(v.string(`${what} must be text`), v.trim(), v.maxLength(max, `${what} must be at most ${max} characters`)), '')
const RecordId = (what: string) => v.pipe(v.string(`${what} must be an id`), v.regex(SHORT_ID, `${what} must be an id`))

const IndicatorFields = { text: text('text', MAX_INDICATOR_TEXT), measure: optionalText('measure', MAX_INDICATOR_TEXT) }

export const NewOutcome = v.object({
	title: text('title', MAX_OUTCOME_TEXT),
	indicators: v.optional(v.pipe(v.array(v.object(IndicatorFields), 'indicators must be a list of { text, measure }'), v.maxLength(20, 'at most 20 indicators at once')), []),
})

export const OutcomeChange = v.object({
	title: v.optional(text('title', MAX_OUTCOME_TEXT)),
	status: v.optional(v.picklist(OUTCOME_STATUSES, `status: one of ${OUTCOME_STATUSES.join(', ')}`)),
})

export const NewIndicator = v.object(IndicatorFields)

export const IndicatorChange = v.object({
	text: v.optional(text('text', MAX_INDICATOR_TEXT)),
	measure: v.optional(v.pipe(v.string('measure must be text'), v.trim(), v.maxLength(MAX_INDICATOR_TEXT, `measure must be at most ${MAX_INDICATOR_TEXT} characters`))),
	status: v.optional(v.picklist(OUTCOME_STATUSES, `status: one of ${OUTCOME_STATUSES.join(', ')}`)),
})

export const OutcomeParam = v.object({ outcome: RecordId('outcome') })
export const IndicatorParam = v.object({ outcome: RecordId('outcome'), indicator: RecordId('indicator') })
export const ActionParam = v.object({ action: RecordId('action') })
export const ReplyParam = v.object({ reply: RecordId('reply') })

/** Who owns an action: a stakeholder of the map (by its card's id), a group or a named agency (by name). */
export const Owner = v.variant(
	'kind',
	[
		v.object({ kind: v.literal('stakeholder'), stakeholder: ShapeRef }),
		v.object({ kind: v.literal('group'), name: trimmedName('owner.name') }),
		v.object({ kind: v.literal('agency'), name: trimmedName('owner.name') }),
	],
	`owner must be { kind: "stakeholder", stakeholder: <id> } or { kind: "group" | "agency", name }`,
)

const Due = v.nullable(v.pipe(v.string('due must be a day, YYYY-MM-DD, or null'), v.check((day: string) => isDay(day), 'due must be a day, YYYY-MM-DD, or null')))

export const NewAction = v.pipe(
	v.object({
		item: v.pipe(v.string(), v.minLength(1), v.maxLength(80, 'item: the id of an agreed item on the board')),
		text: text('text', MAX_ACTION_TEXT),
		owner: Owner,
		due: v.optional(Due, null),
		status: v.optional(v.picklist(ACTION_STATUSES, `status: one of ${ACTION_STATUSES.join(', ')}`), 'planned'),
		reason: optionalText('reason', MAX_REASON),
		outcome: v.optional(v.nullable(RecordId('outcome')), null),
	}),
	v.check((a) => a.status !== 'dropped' || a.reason !== '', 'reason: say why the action was dropped'),
)

export const ActionChange = v.object({
	text: v.optional(text('text', MAX_ACTION_TEXT)),
	owner: v.optional(Owner),
	due: v.optional(Due),
	outcome: v.optional(v.nullable(RecordId('outcome'))),
})

export const NewUpdate = v.object({
	text: optionalText('text', MAX_UPDATE_TEXT),
	status: v.optional(v.nullable(v.picklist(ACTION_STATUSES, `status: one of ${ACTION_STATUSES.join(', ')}, or null`)), null),
	reason: optionalText('reason', MAX_REASON),
})

export const ReplyDecision = v.object({ status: v.picklist(REPLY_STATUSES, `status: one of ${REPLY_STATUSES.join(', ')}`) })
