/**
 * Attendance and contributions: how long each person was present (however many sockets they had open at
 * once), what they made, their votes; the recognition report and the balance of voice built from them.
 * @module
 */
import { privateDocument, type Affiliation, type Contributor } from '@cyd/model'
import type * as Y from 'yjs'
import { isServerOrigin, originTag, type SyncServer } from '@cyd/sync'
import { contributionsOf, presenceOf, readState, votesOf, type Identity } from './records.js'
import type { Links } from './links.js'

/** The longest a touch table's silence still counts as its seats' people being present. */
const TABLE_SILENCE_MS = 90_000

export class Attendance {
	private readonly pendingCounts = new Map<string, Map<string, { shapes: number; edits: number }>>()
	/** Per room and person: how many canvas connections are open, and since when the first of them. */
	private readonly open = new Map<string, Map<string, { sockets: number; since: number }>>()
	private countTimer: ReturnType<typeof setTimeout> | null = null
	/** When each room's touch table last said it is open. */
	private readonly tableSeen = new Map<string, number>()

	constructor(
		private readonly sync: SyncServer,
		private readonly links: Links,
	) {}

	/** A person's canvas connection opened. Several at once count as one person present. */
	arrived(room: string, person: string, now = Date.now()): void {
		let people = this.open.get(room)
		if (!people) this.open.set(room, (people = new Map()))
		const entry = people.get(person)
		if (entry) entry.sockets++
		else people.set(person, { sockets: 1, since: now })
	}

	/** A person's canvas connection closed; when it was their last, their time present is added up. */
	left(room: string, person: string, now = Date.now()): void {
		const people = this.open.get(room)
		const entry = people?.get(person)
		if (!people || !entry) return
		if (--entry.sockets > 0) return
		people.delete(person)
		if (people.size === 0) this.open.delete(room)
		this.addPresence(room, new Map([[person, now - entry.since]]))
	}

	private addPresence(room: string, add: Map<string, number>): void {
		void this.sync
			.transact(privateDocument(room), (doc) => {
				const records = presenceOf(doc)
				for (const [person, ms] of add) records.set(person, (records.get(person) ?? 0) + ms)
			})
			.catch(() => undefined)
	}

	/**
	 * The touch table is open (it says so every half minute): the people of its seats are present. The
	 * time since its last word, at most a minute and a half, is added to each seat's person, so a table
	 * that stops saying so (closed, crashed, offline) stops counting soon after.
	 */
	async tableHere(room: string, seats: readonly { person: string }[], now = Date.now()): Promise<void> {
		const last = this.tableSeen.get(room)
		this.tableSeen.set(room, now)
		const ms = last === undefined ? 0 : Math.max(0, Math.min(now - last, TABLE_SILENCE_MS))
		if (ms === 0 || seats.length === 0) return
		await this.sync.transact(privateDocument(room), (doc) => {
			const records = presenceOf(doc)
			for (const seat of seats) records.set(seat.person, (records.get(seat.person) ?? 0) + ms)
		})
	}

	/** Counts shapes a person made (one edit however many shapes it made). */
	count(room: string, person: string, shapes: number): void {
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
					const c = map.get(person) ?? { shapes: 0, edits: 0 }
					map.set(person, { shapes: c.shapes + add.shapes, edits: c.edits + add.edits })
				}
			})
		}
	}

	/**
	 * Per person: time present (ended sessions plus the one open now), shapes made and votes cast, for the
	 * recognition report. Names are as people gave them, pseudonyms included.
	 */
	async contributors(room: string, madeBy?: (person: string) => number): Promise<Contributor[]> {
		await this.flushCounts()
		const doc = await this.links.privateDoc(room)
		const now = Date.now()
		const votes = new Map<string, number>()
		for (const [key, ballot] of votesOf(doc).entries()) {
			const person = key.slice(key.indexOf(':') + 1)
			const cast = Object.values(ballot).reduce((n, v) => n + Math.max(0, v), 0)
			votes.set(person, (votes.get(person) ?? 0) + cast)
		}
		const openNow = this.open.get(room)
		return (await this.links.people(room)).map((p) => {
			const since = openNow?.get(p.id)?.since
			const ms = (presenceOf(doc).get(p.id) ?? 0) + (since === undefined ? 0 : now - since)
			const made = madeBy ? madeBy(p.id) : (contributionsOf(doc).get(p.id)?.shapes ?? 0)
			return { id: p.id, name: p.name, role: p.role, affiliation: p.affiliation, minutesPresent: Math.round(ms / 60_000), notesMade: made, votesCast: votes.get(p.id) ?? 0 }
		})
	}

	/** Contributions per person and the share from residents and organisations; for the facilitator only. */
	async balance(room: string) {
		await this.flushCounts()
		const doc = await this.links.privateDoc(room)
		const people = (await this.links.people(room)).filter((p) => !p.removed)
		const rows = people.map((p) => {
			const c = contributionsOf(doc).get(p.id) ?? { shapes: 0, edits: 0 }
			return { id: p.id, name: p.name, role: p.role, affiliation: p.affiliation, shapes: c.shapes, edits: c.edits }
		})
		const total = rows.reduce((n, r) => n + r.edits, 0)
		const share = (a: Affiliation) => (total === 0 ? 0 : rows.filter((r) => r.affiliation === a).reduce((n, r) => n + r.edits, 0) / total)
		return { people: rows, share: { resident: share('resident'), organisation: share('organisation') } }
	}

	close(): void {
		if (this.countTimer) clearTimeout(this.countTimer)
	}
}

/**
 * Counts the shapes each person's connection adds to a room's canvas, for the balance of voice. At the
 * touch table (a facilitator's screen), what is made at a seat is credited to its person.
 */
export function countContributions(attendance: Attendance, room: string, canvas: Y.Doc, workshop: Y.Doc): () => void {
	const records = canvas.getMap('records')
	const onCanvas = (events: Y.YEvent<Y.Map<unknown>>[], transaction: Y.Transaction) => {
		if (isServerOrigin(transaction.origin)) return
		const identity = originTag(transaction.origin) as Identity | undefined
		if (!identity?.person) return
		let shapes = 0
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
			const seats = readState(workshop).table?.seats ?? []
			for (const [id, made] of atSeats) {
				const seat = seats.find((s) => s.id === id)
				if (seat) attendance.count(room, seat.person, made)
				else shapes += made
			}
			if (shapes === 0) return
		}
		attendance.count(room, identity.person, shapes)
	}
	records.observeDeep(onCanvas)
	return () => records.unobserveDeep(onCanvas)
}

/** The seat a new shape's record names in its meta (`meta.seat`), if any. */
function seatOf(record: unknown): string | null {
	const get = (v: unknown, key: string): unknown => (v && typeof (v as Y.Map<unknown>).get === 'function' ? (v as Y.Map<unknown>).get(key) : undefined)
	const seat = get(get(record, 'meta'), 'seat')
	return typeof seat === 'string' ? seat : null
}
