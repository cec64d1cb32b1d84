/**
 * A room's document: one in-memory authority per document name, loaded once, with what is pending for
 * the next flush (updates to persist, then messages to deliver).
 * @module
 */
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { Connection } from './connection.js'
import { encodeAwareness, encodeSyncStep2, encodeSyncUpdate } from './protocol.js'
import type { LogEntry } from './storage.js'

/** Origin of the transaction that applies stored state: nothing applied with it is persisted again. */
export const LOAD_ORIGIN = Symbol('cyd/load')
/** Origin of awareness removals made by the server when a connection goes away. */
export const DISCONNECT_ORIGIN = Symbol('cyd/disconnect')

interface PendingUpdate {
	update: Uint8Array
	origin: Connection | null
}

/** What one room had pending at one flush: persisted first, delivered only after. */
export interface RoomBatch {
	readonly room: Room
	readonly entries: LogEntry[]
	deliver(): number
}

export class Room {
	readonly doc = new Y.Doc({ gc: true })
	readonly awareness = new awarenessProtocol.Awareness(this.doc)
	readonly connections = new Set<Connection>()
	/** Resolves once stored state is applied. No client is answered before that. */
	ready: Promise<void>
	loaded = false
	/** Updates appended to the log since the last snapshot (or, after a load, stored log entries). */
	logLength = 0
	idleTimer: ReturnType<typeof setTimeout> | null = null

	private pendingUpdates: PendingUpdate[] = []
	private stateRequests = new Map<Connection, Uint8Array>()
	private changedAwareness = new Map<number, Connection | null>()

	constructor(
		readonly name: string,
		load: (name: string) => Promise<Uint8Array[]> | Uint8Array[],
		private readonly onDirty: (room: Room) => void,
	) {
		// The server is not a participant: it has no presence of its own.
		this.awareness.setLocalState(null)
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === LOAD_ORIGIN) return
			this.pendingUpdates.push({ update, origin: isConnection(origin) ? origin : null })
			this.onDirty(this)
		})
		this.awareness.on(
			'update',
			(change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
				const from = isConnection(origin) ? origin : null
				for (const id of change.added) this.changedAwareness.set(id, from)
				for (const id of change.updated) this.changedAwareness.set(id, from)
				for (const id of change.removed) this.changedAwareness.set(id, from)
				if (from) {
					for (const id of change.added) from.awarenessClients.add(id)
					for (const id of change.updated) from.awarenessClients.add(id)
				}
				this.onDirty(this)
			},
		)
		this.ready = Promise.resolve()
			.then(() => load(name))
			.then((updates) => {
				if (updates.length > 0) {
					Y.applyUpdate(this.doc, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), LOAD_ORIGIN)
				}
				this.logLength = updates.length > 1 ? updates.length : 0
				this.loaded = true
			})
	}

	/** Queues the answer to a client's sync step 1; it is computed and sent at the next flush. */
	requestState(connection: Connection, stateVector: Uint8Array): void {
		this.stateRequests.set(connection, stateVector)
		this.onDirty(this)
	}

	get hasPending(): boolean {
		return this.pendingUpdates.length > 0 || this.stateRequests.size > 0 || this.changedAwareness.size > 0
	}

	/** Takes everything pending now. The state sent to new clients is computed here, so it never holds more than what this batch and earlier ones persist. */
	takeBatch(): RoomBatch {
		const updates = this.pendingUpdates
		const requests = this.stateRequests
		const changed = this.changedAwareness
		this.pendingUpdates = []
		this.stateRequests = new Map()
		this.changedAwareness = new Map()
		const replies = new Map<Connection, Uint8Array>()
		for (const [connection, stateVector] of requests) {
			replies.set(connection, encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)))
		}
		this.logLength += updates.length
		return {
			room: this,
			entries: updates.map(({ update }) => ({ document: this.name, update })),
			deliver: () => this.deliver(updates, replies, changed),
		}
	}

	private deliver(
		updates: PendingUpdate[],
		replies: Map<Connection, Uint8Array>,
		changed: Map<number, Connection | null>,
	): number {
		let sent = 0
		for (const [connection, reply] of replies) {
			if (connection.send(reply)) sent++
		}
		if (updates.length > 0) {
			const byOrigin = groupByOrigin(updates, (u) => u.origin)
			const toAll = encodeSyncUpdate(merge(updates))
			for (const connection of this.connections) {
				if (!byOrigin.has(connection)) {
					if (connection.send(toAll)) sent++
					continue
				}
				// Nothing echoes back: the origin gets only what others wrote in this turn.
				const others = updates.filter((u) => u.origin !== connection)
				if (others.length > 0 && connection.send(encodeSyncUpdate(merge(others)))) sent++
			}
		}
		if (changed.size > 0) {
			const ids = [...changed.keys()]
			const byOrigin = groupByOrigin(ids, (id) => changed.get(id) ?? null)
			const toAll = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
			for (const connection of this.connections) {
				const own = byOrigin.get(connection)
				if (!own) {
					if (connection.send(toAll)) sent++
				} else if (own.length < ids.length) {
					const rest = ids.filter((id) => changed.get(id) !== connection)
					const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, rest))
					if (connection.send(message)) sent++
				}
			}
		}
		return sent
	}

	/** The full awareness of the room, for a newly started connection or a query. */
	awarenessMessage(): Uint8Array | null {
		const ids = [...this.awareness.getStates().keys()]
		if (ids.length === 0) return null
		return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
	}

	/** Forgets the presence of a connection that went away and tells the others. */
	removeConnection(connection: Connection): void {
		this.connections.delete(connection)
		this.stateRequests.delete(connection)
		const ids = [...connection.awarenessClients].filter((id) => this.awareness.getStates().has(id))
		if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, DISCONNECT_ORIGIN)
	}

	destroy(): void {
		if (this.idleTimer) clearTimeout(this.idleTimer)
		this.awareness.destroy()
		this.doc.destroy()
	}
}

function groupByOrigin<T>(items: T[], originOf: (item: T) => Connection | null): Map<Connection | null, T[]> {
	const groups = new Map<Connection | null, T[]>()
	for (const item of items) {
		const origin = originOf(item)
		const group = groups.get(origin)
		if (group) group.push(item)
		else groups.set(origin, [item])
	}
	return groups
}

function merge(updates: PendingUpdate[]): Uint8Array {
	return updates.length === 1 ? updates[0]!.update : Y.mergeUpdates(updates.map((u) => u.update))
}

function isConnection(origin: unknown): origin is Connection {
	return typeof origin === 'object' && origin !== null && (origin as { isConnection?: unknown }).isConnection === true
}
