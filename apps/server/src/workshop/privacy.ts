/**
 * Personal data, handled as the law asks: what would help someone take part (access needs, seen by the
 * facilitator only), anonymous equalities monitoring (totals only, small numbers suppressed), the room's
 * retention period and the erasure when it ends, erasing one person, and one person's data as JSON (a
 * subject access request).
 *
 * Where it is kept: access needs in the room's private document (`needs:<person>`); who has answered the
 * monitoring in the private document (`monitored:<person>`), and the answers under random keys in a
 * document of their own (`<room>/monitoring`, never served), so nothing links an answer to a person; each
 * room's retention rule in `cyd/privacy` (never served).
 *
 * Erasing (one person, or everyone when the period ends) turns names into "Anonymous", deletes access
 * needs, device keys, waiting requests and the monitoring answers, and ends sessions (a person erased is
 * removed; at the end of the period every link but the steward's is revoked). What people made, their
 * votes and time present stay, under ids that no longer name anyone; the design stays.
 * @module
 */
import * as Y from 'yjs'
import { DEFAULT_RETENTION_DAYS, monitoringTotals, parsePerson, parseWorkshop, privateDocument, versionDocument, workshopDocument, WORKSHOP_MAP, type AccessNeed, type MonitoringAnswers, type MonitoringTotals, type PersonNeeds, type PrivacySettings } from '@cyd/model'
import type { SyncServer } from '@cyd/sync'
import type { Links } from './links.js'
import { devicesOf, factsOf, linksOf, newId, participantsOf, peopleOf, presenceOf, PRIVATE_MAP, Records, votesOf, waitingOf, WorkshopError } from './records.js'

export const PRIVACY_DOCUMENT = 'cyd/privacy'
/** The name people are given once their personal data is erased. */
export const ANONYMOUS = 'Anonymous'

const DAY_MS = 24 * 3600 * 1000

/** The canvas documents' map of records (the layout of `@cyd/tldraw-yjs`). */
const RECORDS_MAP = 'records'

/**
 * Every entry of the workshop document that names a person `who` picks as its author (`{id, name}`, as
 * decisions, versions, outcomes, actions and their updates keep `by`) or as a seat's person
 * (`{person, name}`) has that name replaced by "Anonymous".
 */
function anonymiseEntries(map: Y.Map<unknown>, who: (personId: string) => boolean): void {
	const rewrite = (value: unknown): unknown => {
		if (Array.isArray(value)) {
			const items = value.map(rewrite)
			return items.some((item, i) => item !== value[i]) ? items : value
		}
		if (typeof value !== 'object' || value === null || value instanceof Y.AbstractType) return value
		const object = value as Record<string, unknown>
		let out: Record<string, unknown> | null = null
		for (const [key, inner] of Object.entries(object)) {
			const next = rewrite(inner)
			if (next !== inner) (out ??= { ...object })[key] = next
		}
		const named = typeof object.name === 'string' && object.name !== ANONYMOUS
		const person = typeof object.id === 'string' && who(object.id) ? object.id : typeof object.person === 'string' && who(object.person) ? object.person : null
		if (named && person !== null) (out ??= { ...object }).name = ANONYMOUS
		return out ?? value
	}
	for (const [key, value] of [...map.entries()]) {
		const next = rewrite(value)
		if (next !== value) map.set(key, next)
	}
}

interface StoredNeeds {
	needs: AccessNeed[]
	other: string
}
const needsOf = (doc: Y.Doc) => new Records<StoredNeeds>(doc.getMap(PRIVATE_MAP), 'needs:')
const monitoredOf = (doc: Y.Doc) => new Records<true>(doc.getMap(PRIVATE_MAP), 'monitored:')
const evaluatedOf = (doc: Y.Doc) => new Records<true>(doc.getMap(PRIVATE_MAP), 'evaluated:')
export const monitoringDocument = (room: string) => `${room}/monitoring`
const answersOf = (doc: Y.Doc) => doc.getMap('answers') as Y.Map<MonitoringAnswers>

interface RoomRule {
	retentionDays: number
	startedAt: number
	purgedAt: number | null
}

export class Privacy {
	constructor(
		private readonly sync: SyncServer,
		private readonly links: Links,
		/** Called when links or people change, so live connections follow at once. */
		private readonly changed: (room: string) => void,
		/** The deployer's default retention period (RETENTION_DAYS). */
		private readonly defaultDays = DEFAULT_RETENTION_DAYS,
	) {}

	private async rules<T>(change: (rules: Y.Map<RoomRule>) => T): Promise<T> {
		return this.sync.transact(PRIVACY_DOCUMENT, (doc) => change(doc.getMap('rooms') as Y.Map<RoomRule>))
	}

	private settingsOf(rule: RoomRule): PrivacySettings {
		return { retentionDays: rule.retentionDays, purgeAt: rule.startedAt + rule.retentionDays * DAY_MS, purgedAt: rule.purgedAt }
	}

	/** Starts the room's retention period (once, when someone first joins it). */
	async register(room: string, startedAt: number): Promise<PrivacySettings> {
		return this.rules((rules) => {
			let rule = rules.get(room)
			if (!rule) rules.set(room, (rule = { retentionDays: this.defaultDays, startedAt, purgedAt: null }))
			return this.settingsOf(rule)
		})
	}

	async settings(room: string, now = Date.now()): Promise<PrivacySettings> {
		return this.register(room, now)
	}

	/** Sets how many days the room keeps personal data, counted from its start (the facilitator's). */
	async setRetention(room: string, days: number, now = Date.now()): Promise<PrivacySettings> {
		return this.rules((rules) => {
			const rule = { ...(rules.get(room) ?? { startedAt: now, purgedAt: null }), retentionDays: days }
			rules.set(room, rule)
			return this.settingsOf(rule)
		})
	}

	// --- access needs ---

	/** What would help a person take part, as they gave it when joining (none: nothing is kept). */
	async setNeeds(room: string, person: string, needs: readonly AccessNeed[], other: string): Promise<void> {
		const clean = { needs: [...new Set(needs)], other: other.trim() }
		await this.sync.transact(privateDocument(room), (doc) => {
			if (clean.needs.length === 0 && !clean.other) needsOf(doc).delete(person)
			else needsOf(doc).set(person, clean)
		})
	}

	/** Everyone's access needs, for the facilitator. */
	async needs(room: string): Promise<PersonNeeds[]> {
		const doc = await this.links.privateDoc(room)
		const out: PersonNeeds[] = []
		for (const [id, value] of needsOf(doc).entries()) {
			const person = parsePerson(peopleOf(doc).get(id))
			if (!person || person.removed) continue
			out.push({ person: id, name: person.name, needs: value.needs, other: value.other })
		}
		return out.sort((a, b) => a.name.localeCompare(b.name))
	}

	// --- equalities monitoring ---

	/** Whether this person has answered the monitoring. */
	async monitored(room: string, person: string): Promise<boolean> {
		return monitoredOf(await this.links.privateDoc(room)).has(person)
	}

	/** An anonymous answer, once per person: who answered and what are kept apart. */
	async monitor(room: string, person: string, answers: MonitoringAnswers): Promise<void> {
		await this.sync.transact(privateDocument(room), (doc) => {
			if (monitoredOf(doc).has(person)) throw new WorkshopError(409, 'you have already answered the monitoring questions')
			monitoredOf(doc).set(person, true)
		})
		await this.sync.transact(monitoringDocument(room), (doc) => answersOf(doc).set(newId(12), answers))
	}

	/** The monitoring's totals, every count under five suppressed. */
	async monitoring(room: string): Promise<MonitoringTotals> {
		const held = this.sync.retain(monitoringDocument(room))
		try {
			return monitoringTotals([...answersOf(await held.ready).values()])
		} finally {
			held.release()
		}
	}

	// --- one person's data ---

	/** Everything the room keeps of one person, as JSON (a subject access request). */
	async exportPerson(room: string, personId: string): Promise<Record<string, unknown>> {
		const doc = await this.links.privateDoc(room)
		const person = parsePerson(peopleOf(doc).get(personId))
		if (!person) throw new WorkshopError(404, 'no such person')
		const needs = needsOf(doc).get(personId) ?? null
		const did = factsOf(doc)
			.entries()
			.map(([key]) => key.split('|'))
			.filter(([who]) => who === personId)
			.map(([, action, item]) => ({ action, item }))
		const votes = votesOf(doc)
			.entries()
			.filter(([key]) => key.slice(key.indexOf(':') + 1) === personId)
			.map(([key, ballot]) => ({ round: key.slice(0, key.indexOf(':')), votes: ballot }))
		return {
			format: 'cyd-personal-data',
			room,
			exportedAt: new Date().toISOString(),
			person: { id: person.id, name: person.name, role: person.role, affiliation: person.affiliation, seat: person.seat, joinedAt: new Date(person.joinedAt).toISOString(), removed: person.removed },
			accessNeeds: needs,
			millisecondsPresent: presenceOf(doc).get(personId) ?? 0,
			boardActions: did,
			votes,
			answeredEvaluation: evaluatedOf(doc).has(personId),
			answeredMonitoring: monitoredOf(doc).has(personId),
			note: 'Evaluation and monitoring answers are kept apart from who gave them, so they cannot be found by person.',
		}
	}

	/**
	 * Erases one person: their name becomes "Anonymous", their access needs, device keys and whether they
	 * answered go, and their sessions stop (they are removed). What they made and their votes stay, anonymous.
	 */
	async erasePerson(room: string, personId: string): Promise<void> {
		const found = await this.sync.transact(privateDocument(room), (doc) => {
			const person = parsePerson(peopleOf(doc).get(personId))
			if (!person) return false
			peopleOf(doc).set(personId, { ...person, name: ANONYMOUS, affiliation: null, removed: true, erased: true })
			needsOf(doc).delete(personId)
			for (const [key, who] of devicesOf(doc).entries()) if (who === personId) devicesOf(doc).delete(key)
			return true
		})
		if (!found) throw new WorkshopError(404, 'no such person')
		await this.sync.transact(workshopDocument(room), (doc) => {
			participantsOf(doc).delete(personId)
			anonymiseEntries(doc.getMap(WORKSHOP_MAP), (id) => id === personId)
		})
		await this.anonymiseBoards(room, (id) => id === personId)
		await this.links.remove(room, personId)
	}

	/**
	 * The end of the room's retention period: every name becomes "Anonymous"; access needs, device keys,
	 * waiting requests and monitoring answers are deleted; every link but the steward's is revoked, so no
	 * session works again. What was made, votes and time present stay, anonymous; the design stays.
	 */
	async purge(room: string, now = Date.now()): Promise<void> {
		await this.sync.transact(privateDocument(room), (doc) => {
			for (const [id, value] of peopleOf(doc).entries()) {
				const person = parsePerson(value)
				if (person) peopleOf(doc).set(id, { ...person, name: ANONYMOUS, affiliation: person.affiliation, seat: person.seat === null ? null : ANONYMOUS, erased: true })
			}
			for (const [key] of needsOf(doc).entries()) needsOf(doc).delete(key)
			for (const [key] of devicesOf(doc).entries()) devicesOf(doc).delete(key)
			for (const [key] of waitingOf(doc).entries()) waitingOf(doc).delete(key)
			for (const [key] of monitoredOf(doc).entries()) monitoredOf(doc).delete(key)
			for (const [id, link] of linksOf(doc).entries()) if (link.role !== 'steward' && !link.revoked) linksOf(doc).set(id, { ...link, revoked: true })
		})
		await this.sync.transact(monitoringDocument(room), (doc) => {
			for (const key of [...answersOf(doc).keys()]) answersOf(doc).delete(key)
		})
		const people = new Set<string>()
		await this.sync.transact(workshopDocument(room), (doc) => {
			for (const [id, value] of participantsOf(doc).entries()) {
				people.add(id)
				participantsOf(doc).set(id, { ...(value as object), name: ANONYMOUS })
			}
		})
		const held = this.sync.retain(privateDocument(room))
		try {
			for (const [id] of peopleOf(await held.ready).entries()) people.add(id)
		} finally {
			held.release()
		}
		await this.sync.transact(workshopDocument(room), (doc) => anonymiseEntries(doc.getMap(WORKSHOP_MAP), (id) => people.has(id)))
		await this.anonymiseBoards(room, (id) => people.has(id))
		await this.rules((rules) => {
			const rule = rules.get(room)
			if (rule) rules.set(room, { ...rule, purgedAt: now })
		})
	}

	/**
	 * The names of the people `who` picks, as authors on the room's board and on each saved version of it
	 * (a card's or persona's `props.authorName`, a shape's `meta.authorName`), become "Anonymous"; who made
	 * what stays, by id.
	 */
	private async anonymiseBoards(room: string, who: (personId: string) => boolean): Promise<void> {
		const versions = parseWorkshop((await this.readJson(workshopDocument(room)))).versions.map((v) => versionDocument(room, v.id))
		for (const name of [room, ...versions]) {
			await this.sync.transact(name, (doc) => {
				for (const entry of doc.getMap(RECORDS_MAP).values()) {
					if (!(entry instanceof Y.Map)) continue
					for (const [field, idKeys] of [['props', ['authorId']], ['meta', ['authorId', 'author']]] as const) {
						const target = entry.get(field)
						if (!(target instanceof Y.Map) || typeof target.get('authorName') !== 'string' || target.get('authorName') === ANONYMOUS) continue
						if (idKeys.some((key) => typeof target.get(key) === 'string' && who(target.get(key) as string))) target.set('authorName', ANONYMOUS)
					}
				}
			})
		}
	}

	private async readJson(name: string): Promise<unknown> {
		const held = this.sync.retain(name)
		try {
			return (await held.ready).getMap(WORKSHOP_MAP).toJSON()
		} finally {
			held.release()
		}
	}

	/** Erases the personal data of every room whose period has ended; answers the rooms erased. */
	async sweep(now = Date.now()): Promise<string[]> {
		const due = await this.rules((rules) => [...rules.entries()].filter(([, r]) => r.purgedAt === null && r.startedAt + r.retentionDays * DAY_MS <= now).map(([room]) => room))
		for (const room of due) {
			await this.purge(room, now)
			this.changed(room)
		}
		return due
	}
}
