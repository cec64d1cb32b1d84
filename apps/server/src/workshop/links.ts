/**
 * Links and people: the join link of each role, who joined through them, and the sessions that name
 * them. A browser that joins again with its device key is the same person; a link used by more people
 * than the facilitator allows needs the facilitator's approval for each new one.
 * @module
 */
import { parsePerson, privateDocument, ROLES, workshopDocument, type Affiliation, type Person, type Role } from '@cyd/model'
import type { SyncServer } from '@cyd/sync'
import { isProblem, type TokenProblem, type TokenSigner } from './tokens.js'
import { devicesOf, linksOf, newId, participantsOf, peopleOf, waitingOf, WorkshopError, type Identity, type LinkRecord } from './records.js'
import type * as Y from 'yjs'
import { timingSafeEqual } from 'node:crypto'

/** What someone gives when they join. */
export interface JoinDetails {
	name: string
	affiliation: Affiliation | null
	seat: string | null
	/** A random key the browser keeps for this room: joining again with it is the same person. */
	device: string | null
	/** The person of a table's seat, when a phone joins from that seat's QR code (its key checked by the caller). */
	seatPerson?: string | null
}

/** Someone who asked to join through a link that is already used by as many people as allowed. */
export interface WaitingRequest {
	id: string
	link: string
	role: Role
	name: string
	affiliation: Affiliation | null
	seat: string | null
	device: string | null
	at: number
	/** Set once the facilitator lets them in. */
	person: string | null
	refused: boolean
}

export type JoinResult = { status: 'joined'; session: string; person: Person } | { status: 'waiting'; request: string }

/** Why a link of `role` no longer works once it has expired, and whom to ask for a new one. */
export function expiredMessage(role: Role): string {
	if (role === 'facilitator') return "this facilitator's link has expired: renew the room's links with it (Links, then Renew) to go on"
	if (role === 'steward') return "this steward's link has expired: ask the room's facilitator to renew it"
	return 'this link has expired: ask the facilitator who invited you for a new one'
}

/**
 * Checks a token's link and person against the private document: revocation, expiry and removal. A
 * token expires with its own `exp` (`tokenExp`), unless the facilitator has since extended its link: then
 * the link's expiry counts, so the links and sessions handed out go on working. With `expired: 'allow'`
 * an expired facilitator's link passes: only for renewing the room's links.
 */
export function checkIdentity(doc: Y.Doc, who: Identity, options: { now?: number; tokenExp?: number; expired?: 'allow' } = {}): Identity | TokenProblem {
	const link = linksOf(doc).get(who.link)
	if (!link || link.role !== who.role) return { status: 401, error: 'unknown link' }
	if (link.revoked) return { status: 401, error: 'this link has been revoked' }
	const now = options.now ?? Date.now()
	const expiresAt = link.extended ? link.expiresAt : Math.min(link.expiresAt, options.tokenExp ?? Infinity)
	const excused = options.expired === 'allow' && link.role === 'facilitator'
	if (!excused && expiresAt <= now) return { status: 401, error: expiredMessage(link.role) }
	if (who.person === null) return who
	const person = parsePerson(peopleOf(doc).get(who.person))
	if (!person) return { status: 401, error: 'unknown person' }
	if (person.removed) return { status: 403, error: 'you have been removed from this room' }
	return who
}

/** How many characters of its MAC a seat's key carries. */
const SEAT_MAC_LENGTH = 16

/** How long a steward's link lasts unless configured (STEWARD_LINK_DAYS): a year. */
export const STEWARD_LINK_LIFETIME_MS = 365 * 24 * 3600 * 1000

export class Links {
	constructor(
		private readonly sync: SyncServer,
		private readonly signer: TokenSigner,
		private readonly lifetimeMs: number,
		/** Called when links or people change, so live connections follow at once. */
		private readonly changed: (room: string) => void,
		/** How long the steward's link lasts: past the workshop, for following it up; renewed by the facilitator. */
		private readonly stewardLifetimeMs = STEWARD_LINK_LIFETIME_MS,
	) {}

	/** How long a new link of `role` lasts. */
	private lifetimeOf(role: Role): number {
		return role === 'steward' ? Math.max(this.stewardLifetimeMs, this.lifetimeMs) : this.lifetimeMs
	}

	/** Issues one link per role for a new room. */
	async create(room: string): Promise<Record<Role, string>> {
		const now = Date.now()
		const links = ROLES.map((role): LinkRecord => ({ id: newId(), role, createdAt: now, expiresAt: now + this.lifetimeOf(role), revoked: false, maxPeople: null }))
		await this.sync.transact(privateDocument(room), (doc) => {
			for (const link of links) linksOf(doc).set(link.id, link)
		})
		return Object.fromEntries(links.map((l) => [l.role, this.tokenFor(room, l)])) as Record<Role, string>
	}

	private tokenFor(room: string, link: LinkRecord): string {
		return this.signer.sign({ kind: 'link', room, role: link.role, link: link.id, exp: link.expiresAt })
	}

	/** Revokes every live link of a role and issues a new one; open sockets of the old links close at once. */
	async reissue(room: string, role: Role): Promise<string> {
		const now = Date.now()
		let link!: LinkRecord
		await this.sync.transact(privateDocument(room), (doc) => {
			let maxPeople: number | null = null
			for (const [id, record] of linksOf(doc).entries()) {
				if (record.role === role && !record.revoked) {
					maxPeople = record.maxPeople ?? null
					linksOf(doc).set(id, { ...record, revoked: true })
				}
			}
			link = { id: newId(), role, createdAt: now, expiresAt: now + this.lifetimeOf(role), revoked: false, maxPeople }
			linksOf(doc).set(link.id, link)
		})
		this.changed(room)
		return this.tokenFor(room, link)
	}

	/**
	 * Renews the steward's current link: it lasts the steward's lifetime from now, and its new token is
	 * answered. The link stays the same, so a steward who joins with the new token on the same device is
	 * the same person; tokens already handed out keep their own expiry.
	 */
	async renewSteward(room: string): Promise<{ token: string; expiresAt: number }> {
		const now = Date.now()
		const link = await this.sync.transact(privateDocument(room), (doc) => {
			const current = linksOf(doc)
				.values()
				.find((l) => l.role === 'steward' && !l.revoked)
			if (!current) throw new WorkshopError(404, "the steward's link was never made: replace it to make one")
			const renewed = { ...current, expiresAt: now + this.lifetimeOf('steward') }
			linksOf(doc).set(renewed.id, renewed)
			return renewed
		})
		this.changed(room)
		return { token: this.tokenFor(room, link), expiresAt: link.expiresAt }
	}

	/** The current (unrevoked) link of each role, as tokens, with how many people each admits freely. */
	async current(room: string): Promise<Partial<Record<Role, { token: string; maxPeople: number | null; people: number }>>> {
		const doc = await this.privateDoc(room)
		const result: Partial<Record<Role, { token: string; maxPeople: number | null; people: number }>> = {}
		for (const link of linksOf(doc).values()) {
			if (!link.revoked) result[link.role] = { token: this.tokenFor(room, link), maxPeople: link.maxPeople ?? null, people: this.peopleOfLink(doc, link.id) }
		}
		return result
	}

	/** Sets how many people may join through a role's current link before each new one needs approval. */
	async setMaxPeople(room: string, role: Role, maxPeople: number | null): Promise<void> {
		await this.sync.transact(privateDocument(room), (doc) => {
			for (const [id, record] of linksOf(doc).entries()) {
				if (record.role === role && !record.revoked) linksOf(doc).set(id, { ...record, maxPeople })
			}
		})
	}

	/**
	 * Checks a token against the room's links and people: signature, room, revocation, the link's expiry
	 * (unless `expired: 'allow'`), removal.
	 */
	async authenticate(room: string, token: string | undefined, options: { expired?: 'allow' } = {}): Promise<Identity | TokenProblem> {
		const claims = this.signer.verify(token, room, Date.now(), { expiry: 'link' })
		if (isProblem(claims)) return claims
		const doc = await this.privateDoc(room)
		return checkIdentity(doc, { room: claims.room, role: claims.role, link: claims.link, person: claims.kind === 'session' ? claims.person : null }, { ...options, tokenExp: claims.exp })
	}

	/**
	 * Renews every role's link. Extended, each current link lasts its lifetime from now: the links and
	 * sessions already handed out go on working (their expiry is the link's). Re-issued, each is revoked
	 * and replaced by a new one: the old links stop working at once, and people who join again through the
	 * new ones on the same device are the same people. Answers the new tokens and when each expires.
	 */
	async renew(room: string, mode: 'extend' | 'reissue'): Promise<Partial<Record<Role, { token: string; expiresAt: number }>>> {
		const now = Date.now()
		const renewed = await this.sync.transact(privateDocument(room), (doc) => {
			const out: LinkRecord[] = []
			for (const [id, record] of linksOf(doc).entries()) {
				if (record.revoked) continue
				if (mode === 'extend') {
					const link = { ...record, expiresAt: now + this.lifetimeOf(record.role), extended: true }
					linksOf(doc).set(id, link)
					out.push(link)
				} else {
					linksOf(doc).set(id, { ...record, revoked: true })
					const link: LinkRecord = { id: newId(), role: record.role, createdAt: now, expiresAt: now + this.lifetimeOf(record.role), revoked: false, maxPeople: record.maxPeople ?? null }
					linksOf(doc).set(link.id, link)
					out.push(link)
				}
			}
			return out
		})
		this.changed(room)
		return Object.fromEntries(renewed.map((link) => [link.role, { token: this.tokenFor(room, link), expiresAt: link.expiresAt }]))
	}

	/** When each role's current link expires. */
	async expiries(room: string): Promise<Partial<Record<Role, number>>> {
		const doc = await this.privateDoc(room)
		return Object.fromEntries(linksOf(doc).values().filter((l) => !l.revoked).map((l) => [l.role, l.expiresAt]))
	}

	private peopleOfLink(doc: Y.Doc, link: string): number {
		let n = 0
		for (const value of peopleOf(doc).values()) {
			const person = parsePerson(value)
			if (person && person.linkId === link && !person.removed && person.seat === null) n++
		}
		return n
	}

	/**
	 * A person joins through a link. With a device key the browser used before, they are the same person
	 * again (a removed person stays removed). Past the link's number of people, they wait for approval.
	 */
	async join(room: string, link: Identity, details: JoinDetails): Promise<JoinResult> {
		const outcome = await this.sync.transact(privateDocument(room), (doc): { person: Person; fresh: boolean } | { waiting: string } => {
			if (details.seatPerson) {
				// A phone joining from a seat's QR code is that seat's person, not a second person.
				const seated = parsePerson(peopleOf(doc).get(details.seatPerson))
				if (!seated || seated.seat === null) throw new WorkshopError(404, 'this seat is no longer at the table')
				if (seated.removed) throw new WorkshopError(403, 'you have been removed from this room')
				if (details.device) devicesOf(doc).set(`${link.link}:${details.device}`, seated.id)
				return { person: seated, fresh: false }
			}
			const known = details.device ? this.returning(doc, link, details.device) : null
			if (known?.removed) throw new WorkshopError(403, 'you have been removed from this room')
			// A seat's person on a phone again: still the seat's (its name and link stay the table's).
			if (known && known.seat !== null && known.linkId !== link.link) return { person: known, fresh: false }
			if (known) {
				// Someone re-invited through a renewed link of their role is moved onto it, with their device.
				const person = { ...known, name: details.name, affiliation: details.affiliation ?? known.affiliation, linkId: link.link }
				peopleOf(doc).set(person.id, person)
				if (known.linkId !== link.link) devicesOf(doc).set(`${link.link}:${details.device}`, person.id)
				return { person, fresh: false }
			}
			const record = linksOf(doc).get(link.link)!
			if (record.maxPeople != null && this.peopleOfLink(doc, link.link) >= record.maxPeople) {
				const request: WaitingRequest = { id: newId(), link: link.link, role: link.role, name: details.name, affiliation: details.affiliation, seat: details.seat, device: details.device, at: Date.now(), person: null, refused: false }
				waitingOf(doc).set(request.id, request)
				return { waiting: request.id }
			}
			const person = this.newPerson(doc, link, details)
			return { person, fresh: true }
		})
		if ('waiting' in outcome) return { status: 'waiting', request: outcome.waiting }
		await this.publish(room, outcome.person)
		return { status: 'joined', session: await this.sessionFor(room, outcome.person, link.link), person: outcome.person }
	}

	/**
	 * The key a seat's phone QR code carries: the seat's id and a MAC of the room, seat and its person, so
	 * only a code the facilitator's table shows makes a phone that seat's person.
	 */
	seatKey(room: string, seat: { id: string; person: string }): string {
		// 16 characters of the MAC (96 bits): enough against guessing, short enough for a QR code a phone reads.
		return `${seat.id}.${this.signer.digest('seat', `${room}|${seat.id}|${seat.person}`).slice(0, SEAT_MAC_LENGTH)}`
	}

	/** The seat a key names, if the key is the server's for one of `seats`. */
	seatOfKey<S extends { id: string; person: string }>(room: string, key: string, seats: readonly S[]): S | null {
		const [id, mac] = key.split('.')
		const seat = seats.find((s) => s.id === id)
		if (!seat || !mac || mac.length !== SEAT_MAC_LENGTH) return null
		const expected = Buffer.from(this.signer.digest('seat', `${room}|${seat.id}|${seat.person}`).slice(0, SEAT_MAC_LENGTH))
		return timingSafeEqual(expected, Buffer.from(mac.padEnd(SEAT_MAC_LENGTH).slice(0, SEAT_MAC_LENGTH))) ? seat : null
	}

	/**
	 * The person a device joined as before: through this link, or through an earlier link of the same role
	 * that the facilitator has since replaced (so that re-invited people keep who they are).
	 */
	private returning(doc: Y.Doc, link: Identity, device: string): Person | null {
		const here = parsePerson(peopleOf(doc).get(devicesOf(doc).get(`${link.link}:${device}`) ?? ''))
		if (here) return here
		const earlier = linksOf(doc)
			.values()
			.filter((l) => l.role === link.role && l.id !== link.link)
			.sort((a, b) => b.createdAt - a.createdAt)
		for (const l of earlier) {
			const person = parsePerson(peopleOf(doc).get(devicesOf(doc).get(`${l.id}:${device}`) ?? ''))
			if (person && person.role === link.role && person.seat === null) return person
		}
		return null
	}

	private newPerson(doc: Y.Doc, link: Identity, details: Omit<JoinDetails, 'device'> & { device: string | null }): Person {
		const person: Person = { id: newId(), name: details.name, role: link.role, linkId: link.link, affiliation: details.affiliation, seat: details.seat, joinedAt: Date.now(), removed: false }
		peopleOf(doc).set(person.id, person)
		if (details.device) devicesOf(doc).set(`${link.link}:${details.device}`, person.id)
		return person
	}

	/** Shows a person to everyone in the workshop document: one entry of their own. */
	private async publish(room: string, person: Person): Promise<void> {
		await this.sync.transact(workshopDocument(room), (doc) => {
			participantsOf(doc).set(person.id, { id: person.id, name: person.name, role: person.role, seat: person.seat })
		})
	}

	private async sessionFor(room: string, person: Person, linkId = person.linkId): Promise<string> {
		const link = linksOf(await this.privateDoc(room)).get(linkId)!
		return this.signer.sign({ kind: 'session', room, role: person.role, link: linkId, person: person.id, exp: link.expiresAt })
	}

	/** The people waiting for approval, oldest first (for the facilitator). */
	async waiting(room: string): Promise<WaitingRequest[]> {
		const doc = await this.privateDoc(room)
		return (waitingOf(doc).values() as WaitingRequest[]).filter((r) => r.person === null && !r.refused).sort((a, b) => a.at - b.at)
	}

	/** Lets a waiting person in, or refuses them. */
	async decideWaiting(room: string, id: string, approve: boolean): Promise<void> {
		const person = await this.sync.transact(privateDocument(room), (doc) => {
			const request = waitingOf(doc).get(id) as WaitingRequest | undefined
			if (!request || request.person !== null || request.refused) throw new WorkshopError(404, 'no such request')
			if (!approve) {
				waitingOf(doc).set(id, { ...request, refused: true })
				return null
			}
			const identity: Identity = { room, role: request.role, link: request.link, person: null }
			const created = this.newPerson(doc, identity, request)
			waitingOf(doc).set(id, { ...request, person: created.id })
			return created
		})
		if (person) await this.publish(room, person)
	}

	/** What became of a request to join: still waiting, refused, or a session for the person let in. */
	async request(room: string, link: Identity, id: string): Promise<{ status: 'waiting' | 'refused' } | { status: 'joined'; session: string; person: Person }> {
		const doc = await this.privateDoc(room)
		const request = waitingOf(doc).get(id) as WaitingRequest | undefined
		if (!request || request.link !== link.link) throw new WorkshopError(404, 'no such request')
		if (request.refused) return { status: 'refused' }
		if (!request.person) return { status: 'waiting' }
		const person = parsePerson(peopleOf(doc).get(request.person))
		if (!person || person.removed) return { status: 'refused' }
		return { status: 'joined', session: await this.sessionFor(room, person), person }
	}

	/** Removes a person: their connections close at once and their session stops working. */
	async remove(room: string, personId: string): Promise<boolean> {
		const removed = await this.sync.transact(privateDocument(room), (doc) => {
			const person = parsePerson(peopleOf(doc).get(personId))
			if (!person) return false
			peopleOf(doc).set(personId, { ...person, removed: true })
			return true
		})
		if (!removed) return false
		await this.sync.transact(workshopDocument(room), (doc) => participantsOf(doc).delete(personId))
		this.changed(room)
		return true
	}

	async person(room: string, personId: string): Promise<Person | null> {
		return parsePerson(peopleOf(await this.privateDoc(room)).get(personId))
	}

	/** Every person of the room (removed ones too), oldest first. */
	async people(room: string): Promise<Person[]> {
		const doc = await this.privateDoc(room)
		return peopleOf(doc)
			.values()
			.map(parsePerson)
			.filter((p): p is Person => p !== null)
			.sort((a, b) => a.joinedAt - b.joinedAt)
	}

	/** Makes or renames the people of the touch table's seats, joined through the facilitator's link. */
	async seatPeople(room: string, seats: readonly { person: string; name: string; affiliation?: Affiliation | null }[], by: Identity): Promise<void> {
		const now = Date.now()
		await this.sync.transact(privateDocument(room), (doc) => {
			for (const seat of seats) {
				const person = parsePerson(peopleOf(doc).get(seat.person))
				const record: Person = person
					? { ...person, name: seat.name, seat: seat.name, affiliation: seat.affiliation === undefined ? person.affiliation : seat.affiliation }
					: { id: seat.person, name: seat.name, role: 'participant', linkId: by.link, affiliation: seat.affiliation ?? null, seat: seat.name, joinedAt: now, removed: false }
				peopleOf(doc).set(seat.person, record)
			}
		})
		await this.sync.transact(workshopDocument(room), (doc) => {
			for (const seat of seats) participantsOf(doc).set(seat.person, { id: seat.person, name: seat.name, role: 'participant', seat: seat.name })
		})
	}

	/** The room's private document, loaded. */
	async privateDoc(room: string): Promise<Y.Doc> {
		const held = this.sync.retain(privateDocument(room))
		try {
			return await held.ready
		} finally {
			held.release()
		}
	}
}
