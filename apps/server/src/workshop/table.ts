/**
 * The touch table: its seats around the edges, each a person of the room, and the view lock.
 * @module
 */
import { SEAT_COLOURS, type Affiliation, type Seat, type WorkshopState } from '@cyd/model'
import type { Attendance } from './attendance.js'
import type { Facilitation } from './facilitation.js'
import type { Links } from './links.js'
import { newId, type Identity } from './records.js'

export class Table {
	constructor(
		private readonly facilitation: Facilitation,
		private readonly links: Links,
		private readonly attendance: Attendance,
	) {}

	/**
	 * Sets up the touch table: its seats in order around the edges (a seat keeps its id, colour and person
	 * when renamed) and whether the view is locked. Each new seat becomes a person of the room, joined
	 * through the facilitator's link, so what is made there is credited to them.
	 */
	async set(room: string, seats: readonly { id?: string; name: string; affiliation?: Affiliation | null }[], viewLocked: boolean, by: Identity): Promise<WorkshopState> {
		const before = (await this.facilitation.state(room)).table?.seats ?? []
		const taken = new Set<string>()
		const next: Seat[] = seats.map((s) => {
			const old = before.find((b) => b.id === s.id)
			if (old) taken.add(old.colour)
			const seat: Seat = old ? { ...old, name: s.name } : { id: newId(6), name: s.name, colour: SEAT_COLOURS[0], person: newId() }
			if (s.affiliation !== undefined) seat.affiliation = s.affiliation
			return seat
		})
		for (const seat of next) {
			if (before.some((b) => b.id === seat.id)) continue
			seat.colour = SEAT_COLOURS.find((c) => !taken.has(c)) ?? SEAT_COLOURS[0]
			taken.add(seat.colour)
		}
		await this.links.seatPeople(room, next, by)
		return this.facilitation.update(room, (map) => map.set('table', { seats: next, viewLocked }))
	}

	/** A seat of the room's table, by its id. */
	async seat(room: string, id: string): Promise<Seat | undefined> {
		return (await this.facilitation.state(room)).table?.seats.find((s) => s.id === id)
	}

	/** The table says it is open: its seats' people are present, and shown as connected. */
	async here(room: string, now = Date.now()): Promise<void> {
		const seats = (await this.facilitation.state(room)).table?.seats ?? []
		await this.attendance.tableHere(room, seats, now)
		await this.seen(room, true, now)
	}

	/**
	 * The table's canvas connection opened (or it said it is still open), or its last one closed. Its
	 * seats' people show as connected until it closes or falls silent (`TABLE_SILENCE_MS`).
	 */
	async seen(room: string, open: boolean, now = Date.now()): Promise<void> {
		await this.facilitation.update(room, (map) => map.set('tableSeenAt', open ? now : null))
	}
}
