/**
 * The server's HTTP API, as the web app uses it: rooms, joining, the facilitator's controls and votes.
 * Every call goes through a client typed from the server's own routes (`hc<ApiRoutes>`): request bodies
 * and answers are checked against what the server declares, never copied by hand.
 * @module
 */
import { hc, type ClientResponse } from 'hono/client'
import type { ApiRoutes } from '@cyd/server/api'
import type { ActionStatus, Affiliation, Audience, DecisionStatus, EvaluationScore, EvaluationStatement, OutcomeStatus, PhaseKind, ReplyStatus, Role, RoomInfo } from '@cyd/model'
import type { Language } from './i18n/catalog'
import type { AccessNeed, CardKind } from '@cyd/model'
import { RecognitionApi } from './recognition/api'

/** The API's base: absolute, as the typed client makes URLs (`$url`) with it. */
const BASE = typeof window === 'undefined' ? 'http://localhost/api' : new URL('/api', window.location.href).href
const api = hc<ApiRoutes>(BASE)
type RoomEndpoints = ReturnType<typeof hc<ApiRoutes>>['rooms'][':id']

export type { RoomInfo }

export type RoleLinks = Record<Role, string>

/** A refusal from the server: its HTTP status and its `error` message. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message)
		this.name = 'ApiError'
	}
}

type Body<R> = R extends ClientResponse<infer T, infer _S, infer _F> ? T : never

/** The answer's body, or an ApiError with the server's `error` message. */
async function ok<R extends ClientResponse<unknown, number, string>>(res: R): Promise<Body<R>> {
	if (!res.ok) {
		const body = (await res.json().catch(() => null)) as { error?: unknown } | null
		throw new ApiError(res.status, typeof body?.error === 'string' ? body.error : `HTTP ${res.status}`)
	}
	return (res.status === 204 ? null : await res.json()) as Body<R>
}

export async function createRoom(title: string, language: Language) {
	return ok(await api.rooms.$post({ json: { title, language } }))
}
export type CreatedRoom = Awaited<ReturnType<typeof createRoom>>

/** The room, or `null` when the server does not know it (404). */
export async function getRoom(id: string): Promise<RoomInfo | null> {
	const res = await api.rooms[':id'].$get({ param: { id } })
	if (res.status === 404) return null
	return (await ok(res)) as RoomInfo
}

/** Designs shared to this Cyd's gallery whose title or topic holds every word of `q`. */
export async function searchGallery(q: string) {
	return ok(await api.gallery.$get({ query: { q } }))
}
export type GalleryEntry = Awaited<ReturnType<typeof searchGallery>>[number]

export async function getConfig() {
	return ok(await api.config.$get())
}
export type ClientConfig = Awaited<ReturnType<typeof getConfig>>

const DEVICE_KEY = 'cyd.device'

/** A random key this browser keeps: joining a room again with it makes it the same person there. */
export function deviceKey(): string {
	let key = localStorage.getItem(DEVICE_KEY)
	if (!key || !/^[A-Za-z0-9_-]{16,64}$/.test(key)) {
		const bytes = crypto.getRandomValues(new Uint8Array(18))
		key = btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')
		localStorage.setItem(DEVICE_KEY, key)
	}
	return key
}

/**
 * Joins a room with a link token: answers the session that names this person from now on, or a
 * request to wait on when the link needs the facilitator's approval.
 */
export async function joinRoom(roomId: string, details: { token: string; name: string; affiliation: Affiliation | null; seat?: string | null; seatKey?: string | null; needs?: AccessNeed[]; needsOther?: string }) {
	return ok(await api.rooms[':id'].join.$post({ param: { id: roomId }, json: { ...details, device: deviceKey() } }))
}
export type JoinAnswer = Awaited<ReturnType<typeof joinRoom>>
export type Joined = Extract<JoinAnswer, { status: 'joined' }>
export type JoinedPerson = Joined['person']

/** What became of a request to join that waited for approval. */
export async function joinRequest(roomId: string, token: string, request: string) {
	return ok(await api.rooms[':id'].join[':request'].$get({ param: { id: roomId, request }, query: { token } }))
}

/** The server's clock now, in milliseconds since the epoch. */
export async function serverNow(): Promise<number> {
	const { now } = await ok(await api.time.$get(undefined, { init: { cache: 'no-store' } }))
	return now
}

export type AgendaDraft = { id?: string; title: string; kind: PhaseKind; minutes: number }

/** A new action, as the server takes it: an owner from the map by id, or a group or agency by name. */
export type NewAction = {
	item: string
	text: string
	owner: { kind: 'stakeholder'; stakeholder: string } | { kind: 'group' | 'agency'; name: string }
	due: string | null
	outcome: string | null
}

/** The calls a joined person makes, each with their session. */
export class RoomApi {
	private readonly room: RoomEndpoints
	private readonly param: { id: string }

	constructor(
		readonly roomId: string,
		private readonly session: string
	) {
		this.room = hc<ApiRoutes>(BASE, { headers: { Authorization: `Bearer ${session}` } }).rooms[':id']
		this.param = { id: roomId }
	}

	me = async () => ok(await this.room.me.$get({ param: this.param }))
	/** My contribution, receipts, participation codes, my data; the facilitator's rate, retention and needs (recognition/api.ts). */
	recognition = () => new RecognitionApi(this.roomId, this.session)
	/** Locks or unlocks the board; `coversTable` says whether the lock holds the touch table (kept when absent). */
	setLocked = async (locked: boolean, coversTable?: boolean) => ok(await this.room.lock.$post({ param: this.param, json: coversTable === undefined ? { locked } : { locked, coversTable } }))
	/** Sets the time zone the room's dates and times are written in. */
	setTimeZone = async (timeZone: string) => ok(await this.room['time-zone'].$put({ param: this.param, json: { timeZone } }))
	/** Opens the board's structure to everyone, or keeps it the facilitator's. */
	setStructureOpen = async (open: boolean) => ok(await this.room.structure.$post({ param: this.param, json: { open } }))
	/** The kinds of card the room offers in its card pickers (the facilitator's). */
	setCardKinds = async (kinds: CardKind[]) => ok(await this.room['card-kinds'].$put({ param: this.param, json: { kinds } }))
	setAgenda = async (items: AgendaDraft[]) => ok(await this.room.agenda.$put({ param: this.param, json: { items } }))
	startPhase = async (id: string | null) => ok(await this.room.phase.$post({ param: this.param, json: { id } }))
	timer = async (action: 'start' | 'pause' | 'resume' | 'stop', minutes?: number) =>
		ok(await this.room.timer.$post({ param: this.param, json: minutes === undefined ? { action } : { action, minutes } }))
	summon = async (view: { x: number; y: number; z: number; pageId: string }) => ok(await this.room.summon.$post({ param: this.param, json: view }))
	/** "Everyone follows me" on, following the presence id `userId`, or off with null. */
	follow = async (userId: string | null) => ok(await this.room.follow.$post({ param: this.param, json: userId === null ? { on: false } : { on: true, userId } }))
	/** The touch table is open: its seats' people are present (said every half minute while it is). */
	tableHere = async () => ok(await this.room.table.here.$post({ param: this.param }))
	setTable = async (seats: { id?: string; name: string; affiliation?: Affiliation | null }[], viewLocked: boolean) => ok(await this.room.table.$put({ param: this.param, json: { seats, viewLocked } }))
	/** The neighbourhood map under the board: its centre, zoom (Web Mercator) and bounds, or none. */
	setMap = async (map: { centre: { lon: number; lat: number }; zoom: number; bounds: [number, number, number, number] | null }) => ok(await this.room.map.$put({ param: this.param, json: map }))
	removeMap = async () => ok(await this.room.map.$delete({ param: this.param }))
	spotlight = async (shapeId: string | null) => ok(await this.room.spotlight.$post({ param: this.param, json: { shapeId } }))
	/** Opens a dot-voting round; `audience` says who may vote (everyone, participants only, residents only). */
	openRound = async (votesPerPerson: number, presentOnly = false, audience: Audience = 'everyone') => ok(await this.room.rounds.$post({ param: this.param, json: { votesPerPerson, presentOnly, audience } }))
	closeRound = async () => ok(await this.room.rounds.close.$post({ param: this.param }))
	links = async () => ok(await this.room.links.$get({ param: this.param }))
	linkLimits = async () => ok(await this.room.links.limits.$get({ param: this.param }))
	setLinkLimit = async (role: Role, maxPeople: number | null) => ok(await this.room.links[':role'].limit.$put({ param: { ...this.param, role }, json: { maxPeople } }))
	reissueLink = async (role: Role) => ok(await this.room.links[':role'].$post({ param: { ...this.param, role } }))
	waiting = async () => ok(await this.room.people.waiting.$get({ param: this.param }))
	letIn = async (request: string, approve: boolean) => ok(await this.room.people.waiting[':request'].$post({ param: { ...this.param, request }, json: { approve } }))
	removePerson = async (person: string) => ok(await this.room.people[':person'].$delete({ param: { ...this.param, person } }))
	balance = async () => ok(await this.room.balance.$get({ param: this.param }))
	/** Adds or takes back one of my votes, or (at the touch table) one of a seat's, by the seat's id. */
	vote = async (shapeId: string, delta: 1 | -1, seat?: string) => ok(await this.room.votes.$post({ param: this.param, json: seat === undefined ? { shapeId, delta } : { shapeId, delta, seat } }))
	myVotes = async (seat?: string) => ok(await this.room.votes.mine.$get({ param: this.param, query: seat === undefined ? {} : { seat } }))
	decide = async (item: string, status: DecisionStatus, note = '') => ok(await this.room.decisions.$post({ param: this.param, json: { item, status, note } }))
	saveVersion = async (name: string) => ok(await this.room.versions.$post({ param: this.param, json: { name } }))
	versionCanvas = async (version: string) => ok(await this.room.versions[':version'].canvas.$get({ param: { ...this.param, version } }))
	restoreVersion = async (version: string) => ok(await this.room.versions[':version'].restore.$post({ param: { ...this.param, version } }))
	compare = async (from: string, to: string) => ok(await this.room.compare.$get({ param: this.param, query: { from, to } }))
	/** The ServiceDesign of the board now ('current') or of a saved version, with its decisions. */
	design = async (version = 'current') => ok(await this.room.design.$get({ param: this.param, query: { version } }))
	publish = async () => ok(await this.room.publish.$post({ param: this.param }))
	// --- commitments: outcomes, actions, updates, replies (the server decides who may do which) ---
	addOutcome = async (title: string, indicators: { text: string; measure: string }[] = []) => ok(await this.room.outcomes.$post({ param: this.param, json: { title, indicators } }))
	editOutcome = async (outcome: string, change: { title?: string; status?: OutcomeStatus }) => ok(await this.room.outcomes[':outcome'].$patch({ param: { ...this.param, outcome }, json: change }))
	removeOutcome = async (outcome: string) => ok(await this.room.outcomes[':outcome'].$delete({ param: { ...this.param, outcome } }))
	addIndicator = async (outcome: string, text: string, measure = '') => ok(await this.room.outcomes[':outcome'].indicators.$post({ param: { ...this.param, outcome }, json: { text, measure } }))
	editIndicator = async (outcome: string, indicator: string, change: { text?: string; measure?: string; status?: OutcomeStatus }) =>
		ok(await this.room.outcomes[':outcome'].indicators[':indicator'].$patch({ param: { ...this.param, outcome, indicator }, json: change }))
	addAction = async (action: NewAction) => ok(await this.room.actions.$post({ param: this.param, json: action }))
	postUpdate = async (action: string, update: { text: string; status: ActionStatus | null; reason: string }) => ok(await this.room.actions[':action'].updates.$post({ param: { ...this.param, action }, json: update }))
	replies = async () => ok(await this.room.replies.$get({ param: this.param }))
	decideReply = async (reply: string, status: ReplyStatus) => ok(await this.room.replies[':reply'].$post({ param: { ...this.param, reply }, json: { status } }))
	renewSteward = async () => ok(await this.room.links.steward.renew.$post({ param: this.param }))
	withdraw = async () => ok(await this.room.publish.$delete({ param: this.param }))
	// --- renewing links, a series of sessions, the evaluation ---
	/** Extends every role's link (they go on working) or re-issues them (the old ones stop, this session too). */
	renewLinks = async (mode: 'extend' | 'reissue') => ok(await this.room.links.renew.$post({ param: this.param, json: { mode } }))
	series = async () => ok(await this.room.series.$get({ param: this.param }))
	linkSeries = async (previous: string) => ok(await this.room.series.$post({ param: this.param, json: { previous } }))
	startSession = async (source: { from: 'previous' } | { published: string } | { gallery: string }) => ok(await this.room.series.start.$post({ param: this.param, json: source }))
	compareSessions = async (from: string, to: string) => ok(await this.room.series.compare.$get({ param: this.param, query: { from, to } }))
	/** Rebuilds a ServiceDesign file (the text of Cyd's JSON export) on this room's empty board. */
	importDesign = async (text: string) => ok(await this.room.series.import.$post({ param: this.param }, { init: { body: text, headers: { 'content-type': 'application/json', Authorization: `Bearer ${this.session}` } } }))
	/** This room as a workshop template: its agenda and its design (JSON). */
	workshopTemplate = async () => ok(await this.room.series.template.$get({ param: this.param }))
	galleryEntry = async () => ok(await this.room.gallery.$get({ param: this.param }))
	shareToGallery = async (topic: string) => ok(await this.room.gallery.$post({ param: this.param, json: { topic } }))
	withdrawFromGallery = async () => ok(await this.room.gallery.$delete({ param: this.param }))
	evaluationTrend = async () => ok(await this.room.series.evaluation.$get({ param: this.param }))
	evaluationMine = async (seat?: string) => ok(await this.room.evaluation.mine.$get({ param: this.param, query: seat === undefined ? {} : { seat } }))
	answerEvaluation = async (answer: { scores: Partial<Record<EvaluationStatement, EvaluationScore>>; change: string; seat?: string }) => ok(await this.room.evaluation.answers.$post({ param: this.param, json: answer }))
	setEvaluation = async (change: { open?: boolean; public?: boolean }) => ok(await this.room.evaluation.$put({ param: this.param, json: change }))
	evaluationTotals = async () => ok(await this.room.evaluation.$get({ param: this.param }))

	/** Upload an image as the raw request body, with the session; answers the URL the document should hold. */
	async upload(file: Blob, signal?: AbortSignal): Promise<string> {
		const res = await fetch(this.room.assets.$url({ param: this.param }).pathname, {
			method: 'POST',
			headers: { Authorization: `Bearer ${this.session}`, 'Content-Type': file.type || 'application/octet-stream' },
			body: file,
			signal: signal ?? null,
		})
		if (res.status === 415) throw new UploadError('unsupported', 'the server refused this file type')
		if (res.status === 413) throw new UploadError('tooLarge', 'the file is too large')
		if (res.status !== 201) throw new UploadError('failed', `upload failed: HTTP ${res.status}`)
		const { url } = (await res.json()) as { url: string }
		return url
	}

	/** Download an export as a file: fetched with the session (a plain link would carry no token). */
	async download(query: Record<string, string>): Promise<string> {
		const res = await fetch(`${this.room.export.$url({ param: this.param, query: {} }).pathname}?${new URLSearchParams(query)}`, { headers: { Authorization: `Bearer ${this.session}` } })
		if (!res.ok) await ok(res as unknown as ClientResponse<unknown, number, string>)
		const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'cyd-export'
		const a = document.createElement('a')
		a.href = URL.createObjectURL(await res.blob())
		a.download = name
		a.click()
		setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
		return name
	}
}

export type Ballot = Awaited<ReturnType<RoomApi['vote']>>
export type Balance = Awaited<ReturnType<RoomApi['balance']>>
export type VisitorReply = Awaited<ReturnType<RoomApi['replies']>>[number]

export type UploadErrorKind = 'unsupported' | 'tooLarge' | 'failed'

export class UploadError extends Error {
	constructor(readonly kind: UploadErrorKind, message: string) {
		super(message)
		this.name = 'UploadError'
	}
}
