/**
 * The facilitator's controls of a session: the lock, the agenda and its phases, the timer, summon,
 * follow and spotlight. Each is a change to the workshop document, written by the server.
 * @module
 */
import type * as Y from 'yjs'
import { workshopDocument, type AgendaItem, type CardKind, type WorkshopState } from '@cyd/model'
import type { SyncServer } from '@cyd/sync'
import { readState, workshopMap, WorkshopError } from './records.js'

export class Facilitation {
	constructor(
		private readonly sync: SyncServer,
		/** Called after every change, so live connections follow the lock and the phase at once. */
		private readonly changed: (room: string) => void,
	) {}

	async state(room: string): Promise<WorkshopState> {
		const held = this.sync.retain(workshopDocument(room))
		try {
			return readState(await held.ready)
		} finally {
			held.release()
		}
	}

	/** Changes the workshop document on the server's behalf; answers the state after it. */
	async update(room: string, change: (map: Y.Map<unknown>, state: WorkshopState, doc: Y.Doc) => void): Promise<WorkshopState> {
		const next = await this.sync.transact(workshopDocument(room), (doc) => {
			change(workshopMap(doc), readState(doc), doc)
			return readState(doc)
		})
		this.changed(room)
		return next
	}

	/** Locks or unlocks the board; `coversTable` says whether the lock holds the touch table too (kept when absent). */
	setLocked(room: string, locked: boolean, coversTable?: boolean) {
		return this.update(room, (map) => {
			map.set('locked', locked)
			if (coversTable !== undefined) map.set('lockCoversTable', coversTable)
		})
	}

	/** Sets the time zone the room's dates and times are written in (checked by the route's schema). */
	setTimeZone(room: string, timeZone: string) {
		return this.update(room, (map) => map.set('timeZone', timeZone))
	}

	/** Sets the kinds of card the room offers in its card pickers (checked by the caller); cards of other kinds stay as they are. */
	setCardKinds(room: string, kinds: CardKind[]) {
		return this.update(room, (map) => map.set('cardKinds', [...kinds]))
	}

	/** Opens the board's structure to everyone who may write, or keeps it the facilitator's (the canvas guard reads it). */
	setStructureOpen(room: string, open: boolean) {
		return this.update(room, (map) => map.set('structureOpen', open))
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

	summon(room: string, by: string, view: { x: number; y: number; z: number; w?: number; h?: number; pageId: string }) {
		return this.update(room, (map) => map.set('summon', { by, at: Date.now(), ...view }))
	}

	/** Turns "everyone follows me" on for a person (whose client shows as `userId` in presence), or off. */
	follow(room: string, personId: string, userId: string | null) {
		return this.update(room, (map) => map.set('follow', userId === null ? null : { personId, userId, at: Date.now() }))
	}

	spotlight(room: string, by: string, shapeId: string | null) {
		return this.update(room, (map) => map.set('spotlight', shapeId ? { shapeId, by, at: Date.now() } : null))
	}
}
