/**
 * Attendance and contributions: how long each person was present (however many sockets they had open at
 * once), what they made, their votes; the recognition report and the balance of voice built from them.
 * @module
 */
import { privateDocument, type Affiliation, type Contributor } from '@cyd/model'
import type * as Y from 'yjs'
import { isServerOrigin, originTag, type SyncServer } from '@cyd/sync'
import { factsOf, presenceOf, readState, votesOf, type Identity } from './records.js'

/** What a person can do to an item of the board, each counted once per item. */
export type Action = 'made' | 'edited' | 'moved'
const ACTIONS: readonly Action[] = ['made', 'edited', 'moved']

/** Record fields whose change is a move, not an edit. */
const MOVE_FIELDS = new Set(['x', 'y', 'rotation', 'parentId', 'index'])

const factKey = (person: string, action: Action, item: string) => `${person}|${action}|${item}`
const splitFact = (key: string) => {
	const first = key.indexOf('|')
	const second = key.indexOf('|', first + 1)
	return [key.slice(0, first), key.slice(first + 1, second), key.slice(second + 1)] as const
}
import type { Links } from './links.js'

/** The longest a touch table's silence still counts as its seats' people being present. */
const TABLE_SILENCE_MS = 90_000

export class Attendance {
	private readonly pendingFacts = new Map<string, Set<string>>()
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

	/**
	 * Records what a person did to items of the board: made, edited or moved each. Each (person, action,
	 * item) counts once, however many times it happens (a drag is hundreds of changes, one move), and is
	 * kept as a key of its own, so every process writing at once ends with the same counts.
	 */
	record(room: string, person: string, facts: Iterable<[Action, string]>): void {
		let pending = this.pendingFacts.get(room)
		if (!pending) this.pendingFacts.set(room, (pending = new Set()))
		for (const [action, item] of facts) pending.add(factKey(person, action, item))
		this.countTimer ??= setTimeout(() => void this.flushCounts(), 1000)
	}

	/** Writes the facts recorded since the last call to the private document. */
	async flushCounts(): Promise<void> {
		this.countTimer = null
		const pending = [...this.pendingFacts]
		this.pendingFacts.clear()
		for (const [room, facts] of pending) {
			await this.sync.transact(privateDocument(room), (doc) => {
				const done = factsOf(doc)
				for (const key of facts) if (!done.has(key)) done.set(key, 1)
			})
		}
	}

	/**
	 * Per person: items made (of those still on the board: making and deleting in a loop adds nothing),
	 * edited, moved and voted on.
	 */
	private async tallies(room: string, given?: (item: string) => boolean): Promise<Map<string, Record<Action | 'voted', number>>> {
		await this.flushCounts()
		const doc = await this.links.privateDoc(room)
		const canvas = this.sync.retain(room)
		let board: Y.Map<unknown>
		try {
			board = (await canvas.ready).getMap('records')
		} finally {
			canvas.release()
		}
		const exists = given ?? ((item: string) => board.has(item))
		const tallies = new Map<string, Record<Action | 'voted', number>>()
		const of = (person: string) => {
			let t = tallies.get(person)
			if (!t) tallies.set(person, (t = { made: 0, edited: 0, moved: 0, voted: 0 }))
			return t
		}
		for (const [key] of factsOf(doc).entries()) {
			const [person, action, item] = splitFact(key)
			if (!person || !item || !ACTIONS.includes(action as Action)) continue
			if (action === 'made' && !exists(item)) continue
			of(person)[action as Action]++
		}
		for (const [key, ballot] of votesOf(doc).entries()) {
			const person = key.slice(key.indexOf(':') + 1)
			of(person).voted += Object.values(ballot).filter((n) => n > 0).length
		}
		return tallies
	}

	/**
	 * Per person: time present (ended sessions plus the one open now), items made that are still on the
	 * board, and votes cast, for the recognition report. Names are as people gave them, pseudonyms included.
	 */
	async contributors(room: string, exists?: (item: string) => boolean): Promise<Contributor[]> {
		const tallies = await this.tallies(room, exists)
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
			return { id: p.id, name: p.name, role: p.role, affiliation: p.affiliation, minutesPresent: Math.round(ms / 60_000), notesMade: tallies.get(p.id)?.made ?? 0, votesCast: votes.get(p.id) ?? 0 }
		})
	}

	/**
	 * The balance of voice, for the facilitator only: per person, the items they made, edited, moved and
	 * voted on (each item once per kind of action), their sum, and the residents' and organisations' share.
	 */
	async balance(room: string) {
		const tallies = await this.tallies(room)
		const people = (await this.links.people(room)).filter((p) => !p.removed)
		const rows = people.map((p) => {
			const t = tallies.get(p.id) ?? { made: 0, edited: 0, moved: 0, voted: 0 }
			const total = t.made + t.edited + t.moved + t.voted
			// `shapes` and `edits` are the earlier names of `made` and `total`.
			return { id: p.id, name: p.name, role: p.role, affiliation: p.affiliation, ...t, total, shapes: t.made, edits: total }
		})
		const total = rows.reduce((n, r) => n + r.total, 0)
		const share = (a: Affiliation) => (total === 0 ? 0 : rows.filter((r) => r.affiliation === a).reduce((n, r) => n + r.total, 0) / total)
		return { people: rows, share: { resident: share('resident'), organisation: share('organisation') }, counted: 'items made, edited, moved and voted on, each once per person' as const }
	}

	close(): void {
		if (this.countTimer) clearTimeout(this.countTimer)
	}
}

/**
 * Records what each person's connection does to a room's canvas (items made, edited, moved), for the
 * balance of voice and the recognition report. At the touch table (a facilitator's screen), what is done
 * to an item made at a seat is credited to that seat's person.
 */
export function countContributions(attendance: Attendance, room: string, canvas: Y.Doc, workshop: Y.Doc): () => void {
	const records = canvas.getMap('records')
	const onCanvas = (events: Y.YEvent<Y.Map<unknown>>[], transaction: Y.Transaction) => {
		if (isServerOrigin(transaction.origin)) return
		const identity = originTag(transaction.origin) as Identity | undefined
		if (!identity?.person) return
		const facts = new Map<string, [Action, string][]>()
		let seats: { id: string; person: string }[] | null = null
		const personFor = (item: string) => {
			if (identity.role !== 'facilitator') return identity.person!
			const seat = seatOf(records.get(item))
			if (!seat) return identity.person!
			seats ??= readState(workshop).table?.seats ?? []
			return seats.find((s) => s.id === seat)?.person ?? identity.person!
		}
		const add = (action: Action, item: string) => {
			if (!item.startsWith('shape:')) return
			const person = personFor(item)
			const list = facts.get(person)
			if (list) list.push([action, item])
			else facts.set(person, [[action, item]])
		}
		for (const event of events) {
			if (event.path.length === 0) {
				for (const [key, change] of event.changes.keys) if (change.action === 'add') add('made', key)
				continue
			}
			const item = String(event.path[0])
			if (event.path.length === 1) {
				const keys = [...event.changes.keys.keys()]
				if (keys.some((k) => MOVE_FIELDS.has(k))) add('moved', item)
				if (keys.some((k) => !MOVE_FIELDS.has(k) && k !== 'meta')) add('edited', item)
			} else if (event.path[1] === 'props') {
				add('edited', item)
			}
		}
		for (const [person, list] of facts) attendance.record(room, person, list)
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
