/**
 * Recognition people receive themselves: "My contribution" (time present, what they made, votes cast,
 * time credits at the rate the facilitator sets for the room), a receipt signed by the server that anyone
 * can check, and the opt-in participation code that adds up a person's hours across the workshops of this
 * Cyd without a name.
 *
 * A receipt is self-contained: its code is the canonical JSON of what it certifies and an HMAC-SHA256 of
 * that JSON with a key derived from the link-signing secret (`TokenSigner.digest`). Nothing is stored
 * for it, so it can be checked after the room's personal data has been erased; changing one character
 * of what it certifies breaks the signature.
 *
 * Participation codes live in a document of their own (`cyd/participation`, never served), keyed by a
 * MAC of the code (the codes themselves are not kept): per workshop the minutes and credits counted, no
 * person and no name.
 * @module
 */
import { randomInt } from 'node:crypto'
import * as Y from 'yjs'
import { canonicalJson, creditsFor, DEFAULT_CREDIT_RATE, normaliseParticipationCode, privateDocument, type MyContribution, type ParticipationTotal, type ReceiptCheck, type ReceiptClaims, type Receipt } from '@cyd/model'
import type { RoomStore, SyncServer } from '@cyd/sync'
import type { Attendance } from './attendance.js'
import type { Links } from './links.js'
import { newId, PRIVATE_MAP, WorkshopError } from './records.js'
import type { TokenSigner } from './tokens.js'

/** The private document's key of the room's credit rate (credits per hour). */
const RATE_KEY = 'credit-rate'
/** The document of participation codes, shared by every room of the site. */
export const PARTICIPATION_DOCUMENT = 'cyd/participation'
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

interface CodeEntry {
	createdAt: number
	/** Per room: minutes present and credits earned there, as last added. */
	rooms: Record<string, { minutes: number; credits: number }>
}

export class Recognition {
	constructor(
		private readonly sync: SyncServer,
		private readonly signer: TokenSigner,
		private readonly links: Links,
		private readonly attendance: Attendance,
	) {}

	/** The room's time credits per hour. */
	async rate(room: string): Promise<number> {
		const value = (await this.links.privateDoc(room)).getMap(PRIVATE_MAP).get(RATE_KEY)
		return typeof value === 'number' ? value : DEFAULT_CREDIT_RATE
	}

	/** Sets the room's time credits per hour (the facilitator's). */
	async setRate(room: string, perHour: number): Promise<number> {
		await this.sync.transact(privateDocument(room), (doc) => doc.getMap(PRIVATE_MAP).set(RATE_KEY, perHour))
		return perHour
	}

	/** What one person gave to the room: from their own session, or a seat's from the table. */
	async contribution(room: string, personId: string, rooms: RoomStore): Promise<MyContribution> {
		const person = await this.links.person(room, personId)
		if (!person || person.removed) throw new WorkshopError(404, 'no such person in this room')
		const row = (await this.attendance.contributors(room)).find((c) => c.id === personId)
		const stored = await rooms.getRoom(room)
		const rate = await this.rate(room)
		const minutes = row?.minutesPresent ?? 0
		return {
			room,
			workshop: stored?.title ?? '',
			date: (stored?.createdAt ?? new Date().toISOString()).slice(0, 10),
			name: person.name,
			role: person.role,
			seat: person.seat,
			minutesPresent: minutes,
			made: row?.notesMade ?? 0,
			votesCast: row?.votesCast ?? 0,
			creditRate: rate,
			credits: creditsFor(minutes, rate),
		}
	}

	/** A receipt of a contribution, signed now. */
	receipt(mine: MyContribution, now = Date.now()): Receipt {
		const claims: ReceiptClaims = {
			v: 1,
			id: newId(9),
			room: mine.room,
			workshop: mine.workshop,
			date: mine.date,
			name: mine.name,
			minutesPresent: mine.minutesPresent,
			made: mine.made,
			votesCast: mine.votesCast,
			creditRate: mine.creditRate,
			credits: mine.credits,
			issuedAt: new Date(now).toISOString(),
		}
		const body = Buffer.from(canonicalJson(claims)).toString('base64url')
		return { claims, code: `${body}.${this.signer.digest('receipt', body)}` }
	}

	/** Whether a receipt's code was signed by this server, and what it certifies. */
	verify(code: string): ReceiptCheck {
		const [body, mac, extra] = code.trim().split('.')
		if (!body || !mac || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(body)) return { genuine: false, reason: 'this is not a receipt code' }
		if (!this.signer.checkDigest('receipt', body, mac)) return { genuine: false, reason: 'the signature does not match: this receipt was not issued by this server, or it has been changed' }
		try {
			const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as ReceiptClaims
			if (claims?.v !== 1) return { genuine: false, reason: 'this receipt is of a format this server does not know' }
			return { genuine: true, claims }
		} catch {
			return { genuine: false, reason: 'this is not a receipt code' }
		}
	}

	// --- participation codes ---

	private keyOf(code: string): string {
		return this.signer.digest('participation', code)
	}

	private async codes<T>(change: (codes: Y.Map<CodeEntry>) => T): Promise<T> {
		return this.sync.transact(PARTICIPATION_DOCUMENT, (doc) => change(doc.getMap('codes') as Y.Map<CodeEntry>))
	}

	/** A new participation code, kept (by its MAC) with nothing added yet. */
	async newCode(now = Date.now()): Promise<string> {
		for (;;) {
			const plain = Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')
			const code = `${plain.slice(0, 5)}-${plain.slice(5)}`
			const made = await this.codes((codes) => {
				if (codes.has(this.keyOf(code))) return false
				codes.set(this.keyOf(code), { createdAt: now, rooms: {} })
				return true
			})
			if (made) return code
		}
	}

	private parse(code: string): string {
		const normal = normaliseParticipationCode(code)
		if (!normal) throw new WorkshopError(400, 'code: a participation code is ten letters and digits, like ABCDE-23456')
		return normal
	}

	/** Adds (or brings up to date) what a person gave to a room under a participation code. */
	async add(code: string, room: string, personId: string, rooms: RoomStore): Promise<ParticipationTotal> {
		const normal = this.parse(code)
		const mine = await this.contribution(room, personId, rooms)
		const found = await this.codes((codes) => {
			const key = this.keyOf(normal)
			const entry = codes.get(key)
			if (!entry) return false
			codes.set(key, { ...entry, rooms: { ...entry.rooms, [room]: { minutes: mine.minutesPresent, credits: mine.credits } } })
			return true
		})
		if (!found) throw new WorkshopError(404, 'no such participation code on this Cyd (it may have been deleted)')
		return this.total(normal)
	}

	/** What a code adds up to. */
	async total(code: string): Promise<ParticipationTotal> {
		const normal = this.parse(code)
		const entry = await this.codes((codes) => codes.get(this.keyOf(normal)))
		if (!entry) throw new WorkshopError(404, 'no such participation code on this Cyd (it may have been deleted)')
		const rooms = Object.values(entry.rooms)
		return {
			code: normal,
			workshops: rooms.length,
			minutesPresent: rooms.reduce((n, r) => n + r.minutes, 0),
			credits: Math.round(rooms.reduce((n, r) => n + r.credits, 0) * 100) / 100,
		}
	}

	/** Deletes a code and everything added under it. */
	async deleteCode(code: string): Promise<void> {
		const normal = this.parse(code)
		const found = await this.codes((codes) => {
			const key = this.keyOf(normal)
			if (!codes.has(key)) return false
			codes.delete(key)
			return true
		})
		if (!found) throw new WorkshopError(404, 'no such participation code on this Cyd (it may have been deleted)')
	}
}
