/**
 * Live access: admitting websockets (token, per-session cap, places kept for facilitators), and keeping
 * every live connection's rights in step with the workshop (the lock, a deliberation phase, revoked
 * links, removed people) without a reconnect.
 * @module
 */
import type * as Y from 'yjs'
import { canWriteCanvas, CLOSE_CODES, expertsAway, privateDocument, workshopDocument } from '@cyd/model'
import { EXPERTS_AWAY_CLOSE, EXPERTS_AWAY_MESSAGE, readCommunity } from './community.js'
import { type SyncConnection, type SyncServer } from '@cyd/sync'
import { isProblem, type TokenProblem, type TokenSigner } from './tokens.js'
import { checkIdentity } from './links.js'
import { PRIVATE_MAP, readState, workshopMap, type Identity } from './records.js'

/** Close codes for people the workshop sends away. */
export const WorkshopClose = { linkRevoked: CLOSE_CODES.linkRevoked, removed: CLOSE_CODES.removed } as const

export type DocumentKind = 'canvas' | 'workshop'

/** A websocket admitted by the workshop rules, waiting for its socket to open. */
export interface Admission {
	identity: Identity
	access: 'write' | 'read'
	/** The touch table's canvas connection: a facilitator's screen that said so (`table=1`). */
	table: boolean
	/** Lets go of the documents held for the admission (once the connection is attached, or on failure). */
	release(): void
	/** Gives the session's place back once the socket is gone. */
	leave(): void
}

export interface LiveLimits {
	/** Sockets one session (a person, or a link used without joining from one address) may hold per room. */
	maxPerSession: number
	/** Sockets a room's document accepts in all; the last `reservedForFacilitators` places are theirs. */
	maxPerDocument: number
	reservedForFacilitators: number
}

interface Live {
	connection: SyncConnection
	identity: Identity
	kind: DocumentKind
	table: boolean
}

interface Watch {
	live: Set<Live>
	release(): void
}

/** What else wants to hear of a room's canvas connections (attendance, the canvas guard). */
export interface LiveHooks {
	/** A room's canvas document is held while anyone is connected; answers what to undo when nobody is. */
	watchCanvas(room: string, canvas: Y.Doc, workshop: Y.Doc): () => void
	arrived(room: string, person: string): void
	left(room: string, person: string): void
	/** The room's touch table opened (its first canvas connection here) or closed (its last one went). */
	table(room: string, open: boolean): void
}

export class LiveAccess {
	private readonly watches = new Map<string, Watch>()
	/** Places taken per room: by session key, and by document kind (admitted or open). */
	private readonly places = new Map<string, { sessions: Map<string, number>; kinds: Map<DocumentKind, number> }>()

	constructor(
		private readonly sync: SyncServer,
		private readonly signer: TokenSigner,
		private readonly limits: LiveLimits,
		private readonly hooks: LiveHooks,
	) {}

	/**
	 * Admits a websocket: checks the token, takes one of the session's places, and decides the
	 * connection's first access from the stored workshop state, so that a client's first sync is judged by
	 * the right rule. The documents stay held until `release`. A facilitator's canvas connection that says
	 * it is the touch table (`table`) is one: a lock that covers the table holds it.
	 */
	async admit(room: string, token: string | undefined, kind: DocumentKind, address: string, place: { table?: boolean } = {}): Promise<Admission | TokenProblem> {
		const workshop = this.sync.retain(workshopDocument(room))
		const secret = this.sync.retain(privateDocument(room))
		const release = () => {
			workshop.release()
			secret.release()
		}
		try {
			await Promise.all([workshop.ready, secret.ready])
			const claims = this.signer.verify(token, room, Date.now(), { expiry: 'link' })
			const identity = isProblem(claims)
				? claims
				: checkIdentity(secret.doc, { room, role: claims.role, link: claims.link, person: claims.kind === 'session' ? claims.person : null }, { tokenExp: claims.exp })
			if (isProblem(identity)) {
				release()
				return identity
			}
			// While experts are out of the room (deliberation, and the facilitator asked), their board stays shut.
			if (kind === 'canvas' && identity.role === 'expert' && expertsAway(readCommunity(workshop.doc))) {
				release()
				return { status: 403, error: EXPERTS_AWAY_MESSAGE }
			}
			const refused = this.takePlace(room, kind, identity, address)
			if (typeof refused === 'string') {
				release()
				return { status: refused.startsWith('the room') ? 503 : 429, error: refused }
			}
			const state = readState(workshop.doc)
			const table = kind === 'canvas' && identity.role === 'facilitator' && place.table === true
			return { identity, access: kind === 'canvas' && canWriteCanvas(identity.role, state, { table }) ? 'write' : 'read', table, release, leave: refused }
		} catch (error) {
			release()
			throw error
		}
	}

	/** Takes a place for a session in a room's document, or says why not. Answers how to give it back. */
	private takePlace(room: string, kind: DocumentKind, identity: Identity, address: string): string | (() => void) {
		let places = this.places.get(room)
		if (!places) this.places.set(room, (places = { sessions: new Map(), kinds: new Map() }))
		const session = `${identity.person ?? `link:${identity.link}@${address}`}`
		const mine = places.sessions.get(session) ?? 0
		if (mine >= this.limits.maxPerSession) return `more than ${this.limits.maxPerSession} connections for one session; close other tabs of this room`
		const inKind = places.kinds.get(kind) ?? 0
		const limit = identity.role === 'facilitator' ? this.limits.maxPerDocument : this.limits.maxPerDocument - this.limits.reservedForFacilitators
		if (inKind >= limit) return `the room is full (${this.limits.maxPerDocument} connections)`
		places.sessions.set(session, mine + 1)
		places.kinds.set(kind, inKind + 1)
		let given = false
		return () => {
			if (given) return
			given = true
			const p = this.places.get(room)
			if (!p) return
			const s = (p.sessions.get(session) ?? 1) - 1
			if (s <= 0) p.sessions.delete(session)
			else p.sessions.set(session, s)
			p.kinds.set(kind, Math.max(0, (p.kinds.get(kind) ?? 1) - 1))
			if (p.sessions.size === 0) this.places.delete(room)
		}
	}

	/**
	 * Registers a live connection and gives it the access its role and the workshop's state allow;
	 * `table` marks the touch table's canvas connection (see `admit`).
	 */
	attach(connection: SyncConnection, identity: Identity, kind: DocumentKind, table = false): void {
		const watch = this.watches.get(identity.room) ?? this.watch(identity.room)
		const opened = table && !this.hasTable(watch)
		watch.live.add({ connection, identity, kind, table })
		if (kind === 'canvas' && identity.person) this.hooks.arrived(identity.room, identity.person)
		if (opened) this.hooks.table(identity.room, true)
		this.enforce(identity.room)
	}

	detach(connection: SyncConnection, room: string): void {
		const watch = this.watches.get(room)
		if (!watch) return
		for (const live of watch.live) {
			if (live.connection !== connection) continue
			watch.live.delete(live)
			this.gone(room, watch, live)
		}
		if (watch.live.size === 0) {
			watch.release()
			this.watches.delete(room)
		}
	}

	private hasTable(watch: Watch): boolean {
		for (const live of watch.live) if (live.table) return true
		return false
	}

	/** A live connection has gone: its person leaves, and the table closes with its last connection. */
	private gone(room: string, watch: Watch, live: Live): void {
		if (live.kind === 'canvas' && live.identity.person) this.hooks.left(room, live.identity.person)
		if (live.table && !this.hasTable(watch)) this.hooks.table(room, false)
	}

	/** Keeps the room's workshop, private and canvas documents loaded and watched while anyone is connected. */
	private watch(room: string): Watch {
		const workshop = this.sync.retain(workshopDocument(room))
		const secret = this.sync.retain(privateDocument(room))
		const canvas = this.sync.retain(room)
		const onChange = () => this.enforce(room)
		const workshopMapHandle = workshopMap(workshop.doc)
		const privateMapHandle = secret.doc.getMap(PRIVATE_MAP)
		workshopMapHandle.observe(onChange)
		privateMapHandle.observe(onChange)
		const unwatchCanvas = this.hooks.watchCanvas(room, canvas.doc, workshop.doc)
		const watch: Watch = {
			live: new Set(),
			release: () => {
				workshopMapHandle.unobserve(onChange)
				privateMapHandle.unobserve(onChange)
				unwatchCanvas()
				workshop.release()
				secret.release()
				canvas.release()
			},
		}
		this.watches.set(room, watch)
		// Once both documents are loaded the rules are checked again with the stored state.
		void Promise.all([workshop.ready, secret.ready]).then(onChange, () => undefined)
		return watch
	}

	/** Applies the rules to every live connection of a room: access by role and state; revoked and removed are cut off. */
	enforce(room: string): void {
		const watch = this.watches.get(room)
		if (!watch) return
		const workshop = this.sync.retain(workshopDocument(room))
		const secret = this.sync.retain(privateDocument(room))
		try {
			// Decide only on stored state: the watch calls this again once both documents are loaded.
			if (!workshop.loaded || !secret.loaded) return
			const state = readState(workshop.doc)
			const away = expertsAway(readCommunity(workshop.doc))
			for (const live of [...watch.live]) {
				if (away && live.kind === 'canvas' && live.identity.role === 'expert') {
					live.connection.close(EXPERTS_AWAY_CLOSE, EXPERTS_AWAY_MESSAGE)
					watch.live.delete(live)
					this.gone(room, watch, live)
					continue
				}
				const problem = checkIdentity(secret.doc, live.identity)
				if (isProblem(problem)) {
					const code = problem.status === 403 ? WorkshopClose.removed : WorkshopClose.linkRevoked
					live.connection.close(code, problem.error)
					watch.live.delete(live)
					this.gone(room, watch, live)
					continue
				}
				const access = live.kind === 'canvas' && canWriteCanvas(live.identity.role, state, { table: live.table }) ? 'write' : 'read'
				if (live.connection.access !== access) live.connection.setAccess(access)
			}
		} finally {
			workshop.release()
			secret.release()
		}
	}

	close(): void {
		for (const watch of this.watches.values()) watch.release()
		this.watches.clear()
	}
}
