/**
 * The server's HTTP API, as the web app uses it: rooms, joining, the facilitator's controls and votes.
 * @module
 */
import type { Affiliation, Decision, DecisionStatus, DesignDiff, PhaseKind, Role, VersionInfo, WorkshopState } from '@cyd/model'
import type { Language } from './i18n/catalog'

export interface RoomInfo {
	id: string
	title: string
	language: Language
}

export type RoleLinks = Record<Role, string>

export interface CreatedRoom extends RoomInfo {
	/** The facilitator's join link (`…/r/<id>#join=<token>`): whoever creates a room runs it. */
	url: string
	links: RoleLinks
}

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

async function json<T>(res: Response): Promise<T> {
	if (!res.ok) {
		const body = (await res.json().catch(() => null)) as { error?: unknown } | null
		throw new ApiError(res.status, typeof body?.error === 'string' ? body.error : `HTTP ${res.status}`)
	}
	return (res.status === 204 ? null : await res.json()) as T
}

const roomPath = (id: string) => `/api/rooms/${encodeURIComponent(id)}`

export async function createRoom(title: string, language: Language): Promise<CreatedRoom> {
	const res = await fetch('/api/rooms', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ title, language }),
	})
	return json<CreatedRoom>(res)
}

/** The room, or `null` when the server does not know it (404). */
export async function getRoom(id: string): Promise<RoomInfo | null> {
	const res = await fetch(roomPath(id))
	if (res.status === 404) return null
	return json<RoomInfo>(res)
}

export interface ClientConfig {
	tldrawLicenseKey: string | null
}

export async function getConfig(): Promise<ClientConfig> {
	return json<ClientConfig>(await fetch('/api/config'))
}

export interface JoinedPerson {
	id: string
	name: string
	role: Role
	seat: string | null
}

export interface Joined {
	session: string
	person: JoinedPerson
}

/** Joins a room with a link token; answers the session that names this person from now on. */
export async function joinRoom(
	roomId: string,
	details: { token: string; name: string; affiliation: Affiliation | null; seat?: string | null }
): Promise<Joined> {
	const res = await fetch(`${roomPath(roomId)}/join`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(details),
	})
	return json<Joined>(res)
}

/** The server's clock now, in milliseconds since the epoch. */
export async function serverNow(): Promise<number> {
	const { now } = await json<{ now: number }>(await fetch('/api/time', { cache: 'no-store' }))
	return now
}

export type AgendaDraft = { id?: string; title: string; kind: PhaseKind; minutes: number }

export interface Balance {
	people: Array<{ id: string; name: string; role: Role; affiliation: Affiliation | null; shapes: number; edits: number }>
	share: { resident: number; organisation: number }
}

export interface Ballot {
	/** My votes per shape id in the current round. */
	ballot: Record<string, number>
	remaining: number
}

/** The calls a joined person makes, each with their session. */
export class RoomApi {
	constructor(
		readonly roomId: string,
		private readonly session: string
	) {}

	private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${roomPath(this.roomId)}${path}`, {
			method,
			headers: { Authorization: `Bearer ${this.session}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
			...(body === undefined ? {} : { body: JSON.stringify(body) }),
		})
		return json<T>(res)
	}

	me = () => this.call<{ id: string; role: Role; name: string }>('GET', '/me')
	setLocked = (locked: boolean) => this.call<WorkshopState>('POST', '/lock', { locked })
	setAgenda = (items: AgendaDraft[]) => this.call<WorkshopState>('PUT', '/agenda', { items })
	startPhase = (id: string | null) => this.call<WorkshopState>('POST', '/phase', { id })
	timer = (action: 'start' | 'pause' | 'resume' | 'stop', minutes?: number) =>
		this.call<WorkshopState>('POST', '/timer', minutes === undefined ? { action } : { action, minutes })
	summon = (view: { x: number; y: number; z: number; pageId: string }) => this.call<WorkshopState>('POST', '/summon', view)
	/** "Everyone follows me" on, following the presence id `userId`, or off with null. */
	follow = (userId: string | null) => this.call<WorkshopState>('POST', '/follow', userId === null ? { on: false } : { on: true, userId })
	/** The touch table is open: its seats' people are present (said every half minute while it is). */
	tableHere = () => this.call<null>('POST', '/table/here', {})
	setTable = (seats: { id?: string; name: string }[], viewLocked: boolean) => this.call<WorkshopState>('PUT', '/table', { seats, viewLocked })
	spotlight = (shapeId: string | null) => this.call<WorkshopState>('POST', '/spotlight', { shapeId })
	openRound = (votesPerPerson: number) => this.call<WorkshopState>('POST', '/rounds', { votesPerPerson })
	closeRound = () => this.call<WorkshopState>('POST', '/rounds/close', {})
	links = () => this.call<Partial<RoleLinks>>('GET', '/links')
	reissueLink = (role: Role) => this.call<{ role: Role; url: string }>('POST', `/links/${role}`, {})
	removePerson = (personId: string) => this.call<null>('DELETE', `/people/${encodeURIComponent(personId)}`)
	balance = () => this.call<Balance>('GET', '/balance')
	vote = (shapeId: string, delta: 1 | -1) => this.call<Ballot>('POST', '/votes', { shapeId, delta })
	myVotes = () => this.call<Ballot>('GET', '/votes/mine')
	decide = (item: string, status: DecisionStatus, note = '') => this.call<Decision>('POST', '/decisions', { item, status, note })
	saveVersion = (name: string) => this.call<VersionInfo>('POST', '/versions', { name })
	versionCanvas = (id: string) => this.call<{ schema: unknown; records: Record<string, unknown> }>('GET', `/versions/${encodeURIComponent(id)}/canvas`)
	restoreVersion = (id: string) => this.call<{ restored: string }>('POST', `/versions/${encodeURIComponent(id)}/restore`, {})
	compare = (from: string, to: string) => this.call<DesignDiff>('GET', `/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)
	publish = () => this.call<{ url: string }>('POST', '/publish', {})
	withdraw = () => this.call<{ withdrawn: boolean }>('DELETE', '/publish')

	/** Download an export as a file: fetched with the session (a plain link would carry no token). */
	async download(query: Record<string, string>): Promise<string> {
		const res = await fetch(`${roomPath(this.roomId)}/export?${new URLSearchParams(query)}`, { headers: { Authorization: `Bearer ${this.session}` } })
		if (!res.ok) await json(res)
		const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'cyd-export'
		const a = document.createElement('a')
		a.href = URL.createObjectURL(await res.blob())
		a.download = name
		a.click()
		setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
		return name
	}
}

export type UploadErrorKind = 'unsupported' | 'tooLarge' | 'failed'

export class UploadError extends Error {
	constructor(readonly kind: UploadErrorKind, message: string) {
		super(message)
		this.name = 'UploadError'
	}
}

/** Upload an image as the raw request body; answers the URL the document should hold. */
export async function uploadAsset(roomId: string, file: Blob, signal?: AbortSignal): Promise<string> {
	const res = await fetch(`${roomPath(roomId)}/assets`, {
		method: 'POST',
		headers: { 'Content-Type': file.type || 'application/octet-stream' },
		body: file,
		signal: signal ?? null,
	})
	if (res.status === 415) throw new UploadError('unsupported', 'the server refused this file type')
	if (res.status === 413) throw new UploadError('tooLarge', 'the file is too large')
	if (res.status !== 201) throw new UploadError('failed', `upload failed: HTTP ${res.status}`)
	const { url } = (await res.json()) as { url: string }
	return url
}
