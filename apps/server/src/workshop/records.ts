/**
 * Where the workshop layer keeps its state, and the types every part of it shares. A room has two
 * documents besides its canvas: the workshop document (read by every client, written only by the
 * server) and the private document (links, people, votes of an open round, contributions, presence),
 * never served. Both keep one entry per record (`person:<id>`, `participant:<id>`, ...) so that two
 * processes writing at once touch different keys, never replace a whole list.
 * @module
 */
import { randomBytes } from 'node:crypto'
import type * as Y from 'yjs'
import { WORKSHOP_MAP, parseWorkshop, type Role, type WorkshopState } from '@cyd/model'

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
	/** How many people may join through the link before the facilitator must approve each new one; null: any number. */
	maxPeople?: number | null
	/** Set once the facilitator extends the link: then its expiry, not a token's own, is what counts. */
	extended?: boolean
}

/** A failure the API answers with a status and a message (mapped in the app's error handler). */
export class WorkshopError extends Error {
	constructor(
		readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503,
		message: string,
	) {
		super(message)
	}
}

export const newId = (bytes = 9) => randomBytes(bytes).toString('base64url')

export const PRIVATE_MAP = 'private'

/** The one root map of a room's workshop document. */
export function workshopMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(WORKSHOP_MAP)
}

/** The workshop state as every client reads it. */
export function readState(doc: Y.Doc): WorkshopState {
	return parseWorkshop(workshopMap(doc).toJSON())
}

/**
 * One kind of record in a document's root map, stored as flat keys (`<prefix><id>`): processes writing
 * at once then only ever touch different keys or the same record, never replace a whole nested map.
 */
export class Records<T = unknown> {
	constructor(
		private readonly map: Y.Map<unknown>,
		private readonly prefix: string,
	) {}
	get(id: string): T | undefined {
		return this.map.get(this.prefix + id) as T | undefined
	}
	has(id: string): boolean {
		return this.map.has(this.prefix + id)
	}
	set(id: string, value: T): void {
		this.map.set(this.prefix + id, value)
	}
	delete(id: string): void {
		this.map.delete(this.prefix + id)
	}
	entries(): [string, T][] {
		const out: [string, T][] = []
		for (const [key, value] of this.map.entries()) if (key.startsWith(this.prefix)) out.push([key.slice(this.prefix.length), value as T])
		return out
	}
	values(): T[] {
		return this.entries().map(([, value]) => value)
	}
}

const privateRecords = <T>(prefix: string) => (doc: Y.Doc) => new Records<T>(doc.getMap(PRIVATE_MAP), prefix)

export const linksOf = privateRecords<LinkRecord>('link:')
export const peopleOf = privateRecords<unknown>('person:')
/** A person's ballot in a round: `<round>:<person>` -> votes per item. */
export const votesOf = privateRecords<Record<string, number>>('vote:')
/** What people did to items of the board: `<person>|<made|edited|moved>|<item>`, each once. */
export const factsOf = privateRecords<number>('did:')
/** Milliseconds present per person, from sessions that have ended. */
export const presenceOf = privateRecords<number>('presence:')
/** Which person a device key (kept by the browser) joined as, per link: `<link>:<device>` -> person id. */
export const devicesOf = privateRecords<string>('device:')
/** People waiting for the facilitator to let them in: id -> request. */
export const waitingOf = privateRecords<unknown>('waiting:')

/** Records of the workshop document kept one entry per key. */
export const participantsOf = (doc: Y.Doc) => new Records<unknown>(workshopMap(doc), 'participant:')
export const decisionsOf = (doc: Y.Doc) => new Records<unknown>(workshopMap(doc), 'decision:')
export const versionsOf = (doc: Y.Doc) => new Records<unknown>(workshopMap(doc), 'version:')
