/**
 * Workshops: join links and people, the facilitator's controls, and the rules the server enforces on
 * live connections. State lives in two documents per room besides the canvas: the workshop document
 * (read by every client, written only here) and a private document (links, people, the votes of an open
 * round, contribution counts), never served. Both go through the sync core, so they are persisted, and
 * shared between processes, like the canvas.
 * @module
 */
import { randomBytes } from 'node:crypto'
import type * as Y from 'yjs'
import {
	canWriteCanvas,
	parsePerson,
	parseWorkshop,
	privateDocument,
	ROLES,
	SEAT_COLOURS,
	WORKSHOP_MAP,
	workshopDocument,
	type AgendaItem,
	type Affiliation,
	type Contributor,
	type Person,
	type Role,
	type Seat,
	type WorkshopState,
} from '@cyd/model'
import { isServerOrigin, originTag, type SyncConnection, type SyncServer } from '@cyd/sync'
import { isProblem, type TokenProblem, type TokenSigner } from './tokens.js'

/** Close codes for people the workshop sends away. */
export const WorkshopClose = { linkRevoked: 4401, removed: 4403 } as const

const PRIVATE_MAP = 'private'

/** The longest a touch table's silence still counts as its seats' people being present. */
const TABLE_SILENCE_MS = 90_000

/** Who is behind a connection or a request, as established from a verified token. */
export interface Identity {
	room: string
	role: Role
	link: string
	/** Null for a connection made with a link token directly, without joining. */
	person: string | null
}

export interface LinkRecord {
	id: string
	role: Role
	createdAt: number
	expiresAt: number
	revoked: boolean
}

interface Live {
	connection: SyncConnection
	identity: Identity
	kind: 'canvas' | 'workshop'
}

interface Watch {
	live: Set<Live>
	release(): void
}

export const newId = (bytes = 9) => randomBytes(bytes).toString('base64url')

export class Workshops {
	private readonly watches = new Map<string, Watch>()
	private readonly pendingCounts = new Map<string, Map<string, { shapes: number; edits: number }>>()
	/** Canvas connections of people, since when: their time present is added up when they leave. */
	private readonly present = new Map<SyncConnection, { room: string; person: string; since: number }>()
	private countTimer: ReturnType<typeof setTimeout> | null = null
	/** When each room's touch table last said it is open. */
	private readonly tableSeen = new Map<string, number>()

	constructor(
		private readonly sync: SyncServer,
		private readonly signer: TokenSigner,
		private readonly linkLifetimeMs: number,
	) {}

	// --- links and people ---

	/** Issues one link per role for a new room. */
	async createLinks(room: string): Promise<Record<Role, string>> {
		const now = Date.now()
		const links = ROLES.map((role): LinkRecord => ({ id: newId(), role, createdAt: now, expiresAt: now + this.linkLifetimeMs, revoked: false }))
		await this.sync.transact(privateDocument(room), (doc) => {
			const map = linksOf(doc)
			for (const link of links) map.set(link.id, link)
		})
		return Object.fromEntries(links.map((l) => [l.role, this.tokenFor(room, l)])) as Record<Role, string>
	}

	private tokenFor(room: string, link: LinkRecord): string {
		return this.signer.sign({ kind: 'link', room, role: link.role, link: link.id, exp: link.expiresAt })
	}

	/** Revokes every live link of a role and issues a new one; open sockets of the old links close at once. */
	async reissueLink(room: string, role: Role): Promise<string> {
		const now = Date.now()
		const link: LinkRecord = { id: newId(), role, createdAt: now, expiresAt: now + this.linkLifetimeMs, revoked: false }
		await this.sync.transact(privateDocument(room), (doc) => {
			const map = linksOf(doc)
			for (const [id, value] of map.entries()) {
				const record = value as LinkRecord
				if (record.role === role && !record.revoked) map.set(id, { ...record, revoked: true })
			}
			map.set(link.id, link)
		})
		this.enforce(room)
		return this.tokenFor(room, link)
	}

	/** The current (unrevoked) link of each role, as tokens, for the facilitator panel. */
	async currentLinks(room: string): Promise<Partial<Record<Role, string>>> {
		const doc = await this.privateDoc(room)
		const result: Partial<Record<Role, string>> = {}
		for (const value of linksOf(doc).values()) {
			const link = value as LinkRecord
			if (!link.revoked) result[link.role] = this.tokenFor(room, link)
		}
		return result
	}

	/**
	 * Admits a websocket: checks the token, and decides the connection's first access from the stored
	 * workshop state, so that a client's first sync is judged by the right rule. The documents stay held
	 * until `release`, which the caller calls once the connection is attached.
	 */
	async admit(
		room: string,
		token: string | undefined,
		kind: 'canvas' | 'workshop',
	): Promise<{ identity: Identity; access: 'write' | 'read'; release(): void } | TokenProblem> {
		const workshop = this.sync.retain(workshopDocument(room))
		const secret = this.sync.retain(privateDocument(room))
		const release = () => {
			workshop.release()
			secret.release()
		}
		try {
			await Promise.all([workshop.ready, secret.ready])
			const claims = this.signer.verify(token, room)
			const identity = isProblem(claims)
				? claims
				: this.check(secret.doc, { room, role: claims.role, link: claims.link, person: claims.kind === 'session' ? claims.person : null })
			if (isProblem(identity)) {
				release()
				return identity
			}
			const state = parseWorkshop(workshopMap(workshop.doc).toJSON())
			return { identity, access: kind === 'canvas' && canWriteCanvas(identity.role, state) ? 'write' : 'read', release }
		} catch (error) {
			release()
			throw error
		}
	}

	/**
	 * Checks a token against the room's links and people: signature, expiry, room, revocation, removal.
	 * A link token with `person` null is the link itself (joining, or a stock client using the link).
	 */
	async authenticate(room: string, token: string | undefined): Promise<Identity | TokenProblem> {
		const claims = this.signer.verify(token, room)
		if (isProblem(claims)) return claims
		const doc = await this.privateDoc(room)
		return this.check(doc, { room: claims.room, role: claims.role, link: claims.link, person: claims.kind === 'session' ? claims.person : null })
	}

	/** Whether the link behind an identity still stands and its person is still in the room. */
	private check(doc: Y.Doc, who: Identity): Identity | TokenProblem {
		const link = linksOf(doc).get(who.link) as LinkRecord | undefined
		if (!link || link.role !== who.role) return { status: 401, error: 'unknown link' }
		if (link.revoked) return { status: 401, error: 'this link has been revoked' }
		if (who.person === null) return who
		const person = parsePerson(peopleOf(doc).get(who.person))
		if (!person) return { status: 401, error: 'unknown person' }
		if (person.removed) return { status: 403, error: 'you have been removed from this room' }
		return who
	}

	/** A person joins through a link: they get a session token that names them. */
	async join(
		room: string,
		link: Identity,
		details: { name: string; affiliation: Affiliation | null; seat: string | null },
	): Promise<{ session: string; person: Person }> {
		const person: Person = {
			id: newId(),
			name: details.name,
			role: link.role,
			linkId: link.link,
			affiliation: details.affiliation,
			seat: details.seat,
			joinedAt: Date.now(),
			removed: false,
		}
		await this.sync.transact(privateDocument(room), (doc) => peopleOf(doc).set(person.id, person))
		await this.sync.transact(workshopDocument(room), (doc) => {
			const participants = { ...((workshopMap(doc).get('participants') as Record<string, unknown> | undefined) ?? {}) }
			participants[person.id] = { id: person.id, name: person.name, role: person.role, seat: person.seat }
			workshopMap(doc).set('participants', participants)
		})
		const linkRecord = linksOf(await this.privateDoc(room)).get(link.link) as LinkRecord
		const session = this.signer.sign({ kind: 'session', room, role: link.role, link: link.link, person: person.id, exp: linkRecord.expiresAt })
		return { session, person }
	}

	/** Removes a person: their connections close at once and their session stops working. */
	async removePerson(room: string, personId: string): Promise<boolean> {
		const removed = await this.sync.transact(privateDocument(room), (doc) => {
			const person = parsePerson(peopleOf(doc).get(personId))
			if (!person) return false
			peopleOf(doc).set(personId, { ...person, removed: true })
			return true
		})
		if (!removed) return false
		await this.sync.transact(workshopDocument(room), (doc) => {
			const participants = { ...((workshopMap(doc).get('participants') as Record<string, unknown> | undefined) ?? {}) }
			delete participants[personId]
			workshopMap(doc).set('participants', participants)
		})
		this.enforce(room)
		return true
	}

	async person(room: string, personId: string): Promise<Person | null> {
		return parsePerson(peopleOf(await this.privateDoc(room)).get(personId))
	}

	// --- live connections ---

	/** Registers a live connection and gives it the access its role and the workshop's state allow. */
	attach(connection: SyncConnection, identity: Identity, kind: 'canvas' | 'workshop'): void {
		let watch = this.watches.get(identity.room)
		if (!watch) watch = this.watch(identity.room)
		watch.live.add({ connection, identity, kind })
		if (kind === 'canvas' && identity.person) this.present.set(connection, { room: identity.room, person: identity.person, since: Date.now() })
		this.enforce(identity.room)
	}

	detach(connection: SyncConnection, room: string): void {
		const presence = this.present.get(connection)
		if (presence) {
			this.present.delete(connection)
			const ms = Date.now() - presence.since
			void this.sync
				.transact(privateDocument(room), (doc) => {
					const records = presenceOf(doc)
					records.set(presence.person, ((records.get(presence.person) as number | undefined) ?? 0) + ms)
				})
				.catch(() => undefined)
		}
		const watch = this.watches.get(room)
		if (!watch) return
		for (const live of watch.live) if (live.connection === connection) watch.live.delete(live)
		if (watch.live.size === 0) {
			watch.release()
			this.watches.delete(room)
		}
	}

	/** Keeps the room's workshop, private and canvas documents loaded and watched while anyone is connected. */
	private watch(room: string): Watch {
		const workshop = this.sync.retain(workshopDocument(room))
		const secret = this.sync.retain(privateDocument(room))
		const canvas = this.sync.retain(room)
		const onChange = () => this.enforce(room)
		const onCanvas = (events: Y.YEvent<Y.Map<unknown>>[], transaction: Y.Transaction) => {
			if (isServerOrigin(transaction.origin)) return
			const identity = originTag(transaction.origin) as Identity | undefined
			if (!identity?.person) return
			let shapes = 0
			// At the touch table (a facilitator's screen), what is made at a seat is credited to its person.
			const atSeats = new Map<string, number>()
			for (const event of events) {
				if (event.path.length > 0) continue
				for (const [key, change] of event.changes.keys) {
					if (change.action !== 'add' || !key.startsWith('shape:')) continue
					const seat = identity.role === 'facilitator' ? seatOf(records.get(key)) : null
					if (seat) atSeats.set(seat, (atSeats.get(seat) ?? 0) + 1)
					else shapes++
				}
			}
			if (atSeats.size > 0) {
				const seats = parseWorkshop(workshopMapHandle.toJSON()).table?.seats ?? []
				for (const [id, made] of atSeats) {
					const seat = seats.find((s) => s.id === id)
					if (seat) this.count(room, seat.person, made)
					else shapes += made
				}
				if (shapes === 0) return
			}
			this.count(room, identity.person, shapes)
		}
		const workshopMapHandle = workshopMap(workshop.doc)
		const privateMapHandle = secret.doc.getMap(PRIVATE_MAP)
		const records = canvas.doc.getMap('records')
		workshopMapHandle.observe(onChange)
		privateMapHandle.observe(onChange)
		records.observeDeep(onCanvas)
		const watch: Watch = {
			live: new Set(),
			release: () => {
				workshopMapHandle.unobserve(onChange)
				privateMapHandle.unobserve(onChange)
				records.unobserveDeep(onCanvas)
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
	private enforce(room: string): void {
		const watch = this.watches.get(room)
		if (!watch) return
		const workshop = this.sync.retain(workshopDocument(room))
		const secret = this.sync.retain(privateDocument(room))
		try {
			// Decide only on stored state: the watch calls this again once both documents are loaded.
			if (!workshop.loaded || !secret.loaded) return
			const state = parseWorkshop(workshopMap(workshop.doc).toJSON())
			for (const live of [...watch.live]) {
				const problem = this.check(secret.doc, live.identity)
				if (isProblem(problem)) {
					const code = problem.status === 403 ? WorkshopClose.removed : WorkshopClose.linkRevoked
					live.connection.close(code, problem.error)
					watch.live.delete(live)
					continue
				}
				const access = live.kind === 'canvas' && canWriteCanvas(live.identity.role, state) ? 'write' : 'read'
				if (live.connection.access !== access) live.connection.setAccess(access)
			}
		} finally {
			workshop.release()
			secret.release()
		}
	}

	/** The room's private document, loaded. */
	private async privateDoc(room: string): Promise<Y.Doc> {
		const held = this.sync.retain(privateDocument(room))
		try {
			return await held.ready
		} finally {
			held.release()
		}
	}

	// --- the facilitator's controls ---

	async state(room: string): Promise<WorkshopState> {
		const held = this.sync.retain(workshopDocument(room))
		try {
			return parseWorkshop(workshopMap(await held.ready).toJSON())
		} finally {
			held.release()
		}
	}

	private async update(room: string, change: (map: Y.Map<unknown>, state: WorkshopState) => void): Promise<WorkshopState> {
		const next = await this.sync.transact(workshopDocument(room), (doc) => {
			const map = workshopMap(doc)
			change(map, parseWorkshop(map.toJSON()))
			return parseWorkshop(map.toJSON())
		})
		this.enforce(room)
		return next
	}

	setLocked(room: string, locked: boolean) {
		return this.update(room, (map) => map.set('locked', locked))
	}

	setAgenda(room: string, agenda: AgendaItem[]) {
		return this.update(room, (map, state) => {
			map.set('agenda', agenda)
			if (state.phaseId && !agenda.some((a) => a.id === state.phaseId)) {
				map.set('phaseId', null)
				map.set('phaseKind', null)
			}
		})
	}

	/** Moves to an agenda item (or to none); its countdown starts at once. */
	startPhase(room: string, phaseId: string | null) {
		return this.update(room, (map, state) => {
			const item = phaseId === null ? null : state.agenda.find((a) => a.id === phaseId)
			if (phaseId !== null && !item) throw new WorkshopError(404, 'no such agenda item')
			map.set('phaseId', item?.id ?? null)
			map.set('phaseKind', item?.kind ?? null)
			map.set('timer', item ? { endsAt: Date.now() + item.minutes * 60_000, remainingMs: null } : { endsAt: null, remainingMs: null })
		})
	}

	timer(room: string, action: 'start' | 'pause' | 'resume' | 'stop', minutes?: number) {
		return this.update(room, (map, state) => {
			const now = Date.now()
			const { endsAt, remainingMs } = state.timer
			if (action === 'start') map.set('timer', { endsAt: now + (minutes ?? 5) * 60_000, remainingMs: null })
			else if (action === 'pause' && endsAt !== null) map.set('timer', { endsAt: null, remainingMs: Math.max(0, endsAt - now) })
			else if (action === 'resume' && remainingMs !== null) map.set('timer', { endsAt: now + remainingMs, remainingMs: null })
			else if (action === 'stop') map.set('timer', { endsAt: null, remainingMs: null })
		})
	}

	summon(room: string, by: string, view: { x: number; y: number; z: number; pageId: string }) {
		return this.update(room, (map) => map.set('summon', { by, at: Date.now(), ...view }))
	}

	/** Turns "everyone follows me" on for a person (whose client shows as `userId` in presence), or off. */
	follow(room: string, personId: string, userId: string | null) {
		return this.update(room, (map) => map.set('follow', userId === null ? null : { personId, userId, at: Date.now() }))
	}

	/**
	 * Sets up the touch table: its seats in order around the edges (a seat keeps its id, colour and person
	 * when renamed) and whether the view is locked. Each new seat becomes a person of the room, joined
	 * through the facilitator's link, so what is made there is credited to them.
	 */
	async setTable(room: string, seats: readonly { id?: string; name: string }[], viewLocked: boolean, by: Identity): Promise<WorkshopState> {
		const before = (await this.state(room)).table?.seats ?? []
		const now = Date.now()
		const taken = new Set<string>()
		const next: Seat[] = seats.map((s) => {
			const old = before.find((b) => b.id === s.id)
			if (old) taken.add(old.colour)
			return old ? { ...old, name: s.name } : { id: newId(6), name: s.name, colour: SEAT_COLOURS[0], person: newId() }
		})
		for (const seat of next) {
			if (before.some((b) => b.id === seat.id)) continue
			seat.colour = SEAT_COLOURS.find((c) => !taken.has(c)) ?? SEAT_COLOURS[0]
			taken.add(seat.colour)
		}
		await this.sync.transact(privateDocument(room), (doc) => {
			for (const seat of next) {
				const person = parsePerson(peopleOf(doc).get(seat.person))
				const record: Person = person
					? { ...person, name: seat.name, seat: seat.name }
					: { id: seat.person, name: seat.name, role: 'participant', linkId: by.link, affiliation: null, seat: seat.name, joinedAt: now, removed: false }
				peopleOf(doc).set(seat.person, record)
			}
		})
		return this.update(room, (map) => {
			const participants = { ...((map.get('participants') as Record<string, unknown> | undefined) ?? {}) }
			for (const seat of next) participants[seat.person] = { id: seat.person, name: seat.name, role: 'participant', seat: seat.name }
			map.set('participants', participants)
			map.set('table', { seats: next, viewLocked })
		})
	}

	/**
	 * The touch table is open (it says so every half minute): the people of its seats are present. The
	 * time since its last word, at most a minute and a half, is added to each seat's person, so a table
	 * that stops saying so (closed, crashed, offline) stops counting soon after.
	 */
	async tableHere(room: string, now = Date.now()): Promise<void> {
		const last = this.tableSeen.get(room)
		this.tableSeen.set(room, now)
		const ms = last === undefined ? 0 : Math.max(0, Math.min(now - last, TABLE_SILENCE_MS))
		const seats = ms > 0 ? ((await this.state(room)).table?.seats ?? []) : []
		if (seats.length === 0) return
		await this.sync.transact(privateDocument(room), (doc) => {
			const records = presenceOf(doc)
			for (const seat of seats) records.set(seat.person, ((records.get(seat.person) as number | undefined) ?? 0) + ms)
		})
	}

	spotlight(room: string, by: string, shapeId: string | null) {
		return this.update(room, (map) => map.set('spotlight', shapeId ? { shapeId, by, at: Date.now() } : null))
	}

	// --- voting ---

	openRound(room: string, votesPerPerson: number) {
		return this.update(room, (map, state) => {
			if (state.round?.status === 'open') throw new WorkshopError(409, 'a voting round is already open')
			map.set('round', { id: newId(), status: 'open', votesPerPerson, openedAt: Date.now(), closedAt: null, results: null, voters: null })
		})
	}

	/** Closes the open round and publishes its tally: until now, nobody but the server saw the votes. */
	async closeRound(room: string): Promise<WorkshopState> {
		const state = await this.state(room)
		const round = state.round
		if (!round || round.status !== 'open') throw new WorkshopError(409, 'no voting round is open')
		const tally: Record<string, number> = {}
		let voters = 0
		const doc = await this.privateDoc(room)
		for (const [key, value] of votesOf(doc).entries()) {
			if (!key.startsWith(`${round.id}:`)) continue
			const ballot = value as Record<string, number>
			if (Object.values(ballot).some((n) => n > 0)) voters++
			for (const [shape, n] of Object.entries(ballot)) if (n > 0) tally[shape] = (tally[shape] ?? 0) + n
		}
		return this.update(room, (map) => map.set('round', { ...round, status: 'closed', closedAt: Date.now(), results: tally, voters }))
	}

	/** Adds or takes back one of a person's votes on a shape, within their allowance. Answers their ballot. */
	async vote(room: string, personId: string, shapeId: string, delta: 1 | -1): Promise<{ ballot: Record<string, number>; remaining: number }> {
		const state = await this.state(room)
		const round = state.round
		if (!round || round.status !== 'open') throw new WorkshopError(409, 'no voting round is open')
		const canvas = this.sync.retain(room)
		try {
			if (!(await canvas.ready).getMap('records').has(shapeId)) throw new WorkshopError(404, 'no such shape on the board')
		} finally {
			canvas.release()
		}
		return this.sync.transact(privateDocument(room), (doc) => {
			const key = `${round.id}:${personId}`
			const ballot = { ...((votesOf(doc).get(key) as Record<string, number> | undefined) ?? {}) }
			const used = Object.values(ballot).reduce((a, b) => a + b, 0)
			const current = ballot[shapeId] ?? 0
			if (delta === 1 && used >= round.votesPerPerson) throw new WorkshopError(409, `you have used all ${round.votesPerPerson} of your votes`)
			if (delta === -1 && current === 0) throw new WorkshopError(409, 'you have no vote on this to take back')
			if (current + delta === 0) delete ballot[shapeId]
			else ballot[shapeId] = current + delta
			votesOf(doc).set(key, ballot)
			return { ballot, remaining: round.votesPerPerson - used - delta }
		})
	}

	async ballot(room: string, personId: string): Promise<{ ballot: Record<string, number>; remaining: number }> {
		const state = await this.state(room)
		if (!state.round) return { ballot: {}, remaining: 0 }
		const ballot = (votesOf(await this.privateDoc(room)).get(`${state.round.id}:${personId}`) as Record<string, number> | undefined) ?? {}
		const used = Object.values(ballot).reduce((a, b) => a + b, 0)
		return { ballot, remaining: state.round.status === 'open' ? state.round.votesPerPerson - used : 0 }
	}

	// --- balance of voice ---

	private count(room: string, person: string, shapes: number): void {
		let counts = this.pendingCounts.get(room)
		if (!counts) this.pendingCounts.set(room, (counts = new Map()))
		const c = counts.get(person) ?? { shapes: 0, edits: 0 }
		counts.set(person, { shapes: c.shapes + shapes, edits: c.edits + 1 })
		this.countTimer ??= setTimeout(() => void this.flushCounts(), 1000)
	}

	/** Adds the contributions counted since the last call to the private document. */
	async flushCounts(): Promise<void> {
		this.countTimer = null
		const pending = [...this.pendingCounts]
		this.pendingCounts.clear()
		for (const [room, counts] of pending) {
			await this.sync.transact(privateDocument(room), (doc) => {
				const map = contributionsOf(doc)
				for (const [person, add] of counts) {
					const c = (map.get(person) as { shapes: number; edits: number } | undefined) ?? { shapes: 0, edits: 0 }
					map.set(person, { shapes: c.shapes + add.shapes, edits: c.edits + add.edits })
				}
			})
		}
	}

	/**
	 * Per person: time present (closed sessions plus open ones), shapes made and votes cast, for the
	 * recognition report. Names are as people gave them, pseudonyms included.
	 */
	async contributors(room: string): Promise<Contributor[]> {
		await this.flushCounts()
		const doc = await this.privateDoc(room)
		const now = Date.now()
		const open = new Map<string, number>()
		for (const p of this.present.values()) if (p.room === room) open.set(p.person, (open.get(p.person) ?? 0) + now - p.since)
		const votes = new Map<string, number>()
		for (const [key, value] of votesOf(doc).entries()) {
			const person = key.slice(key.indexOf(':') + 1)
			const cast = Object.values(value as Record<string, number>).reduce((n, v) => n + Math.max(0, v), 0)
			votes.set(person, (votes.get(person) ?? 0) + cast)
		}
		return [...peopleOf(doc).values()]
			.map(parsePerson)
			.filter((p): p is Person => p !== null)
			.sort((a, b) => a.joinedAt - b.joinedAt)
			.map((p) => {
				const ms = ((presenceOf(doc).get(p.id) as number | undefined) ?? 0) + (open.get(p.id) ?? 0)
				const made = (contributionsOf(doc).get(p.id) as { shapes: number } | undefined)?.shapes ?? 0
				return { id: p.id, name: p.name, role: p.role, affiliation: p.affiliation, minutesPresent: Math.round(ms / 60_000), notesMade: made, votesCast: votes.get(p.id) ?? 0 }
			})
	}

	/** Change the workshop state (for the agreement, versions and publishing, which live there too). */
	updateState(room: string, change: (map: Y.Map<unknown>, state: WorkshopState) => void): Promise<WorkshopState> {
		return this.update(room, change)
	}

	/** Contributions per person and the share from residents and organisations; for the facilitator only. */
	async balance(room: string) {
		await this.flushCounts()
		const doc = await this.privateDoc(room)
		const people = [...peopleOf(doc).values()].map(parsePerson).filter((p): p is Person => p !== null && !p.removed)
		const contributions = contributionsOf(doc)
		const rows = people.map((p) => {
			const c = (contributions.get(p.id) as { shapes: number; edits: number } | undefined) ?? { shapes: 0, edits: 0 }
			return { id: p.id, name: p.name, role: p.role, affiliation: p.affiliation, shapes: c.shapes, edits: c.edits }
		})
		const total = rows.reduce((n, r) => n + r.edits, 0)
		const share = (a: Affiliation) => (total === 0 ? 0 : rows.filter((r) => r.affiliation === a).reduce((n, r) => n + r.edits, 0) / total)
		return { people: rows, share: { resident: share('resident'), organisation: share('organisation') } }
	}

	close(): void {
		if (this.countTimer) clearTimeout(this.countTimer)
		for (const watch of this.watches.values()) watch.release()
		this.watches.clear()
	}
}

export class WorkshopError extends Error {
	constructor(
		readonly status: 400 | 403 | 404 | 409,
		message: string,
	) {
		super(message)
	}
}

function workshopMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(WORKSHOP_MAP)
}

/**
 * One kind of record in the private document. Records are flat keys of its one root map (`link:<id>`,
 * `person:<id>`, ...): processes writing at once then only ever touch different keys or the same record,
 * never replace a whole nested map.
 */
class Records {
	constructor(
		private readonly map: Y.Map<unknown>,
		private readonly prefix: string,
	) {}
	get(id: string): unknown {
		return this.map.get(this.prefix + id)
	}
	set(id: string, value: unknown): void {
		this.map.set(this.prefix + id, value)
	}
	entries(): [string, unknown][] {
		return [...this.map.entries()].filter(([key]) => key.startsWith(this.prefix)).map(([key, value]) => [key.slice(this.prefix.length), value])
	}
	values(): unknown[] {
		return this.entries().map(([, value]) => value)
	}
}

const linksOf = (doc: Y.Doc) => new Records(doc.getMap(PRIVATE_MAP), 'link:')
const peopleOf = (doc: Y.Doc) => new Records(doc.getMap(PRIVATE_MAP), 'person:')
const votesOf = (doc: Y.Doc) => new Records(doc.getMap(PRIVATE_MAP), 'vote:')
const contributionsOf = (doc: Y.Doc) => new Records(doc.getMap(PRIVATE_MAP), 'contribution:')
const presenceOf = (doc: Y.Doc) => new Records(doc.getMap(PRIVATE_MAP), 'presence:')

/** The seat a new shape's record names in its meta (`meta.seat`), if any. */
function seatOf(record: unknown): string | null {
	const get = (v: unknown, key: string): unknown => (v && typeof (v as Y.Map<unknown>).get === 'function' ? (v as Y.Map<unknown>).get(key) : undefined)
	const seat = get(get(record, 'meta'), 'seat')
	return typeof seat === 'string' ? seat : null
}
