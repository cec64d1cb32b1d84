/**
 * A room's document: one in-memory authority per document name, loaded once, with what is pending for
 * the next flush (updates to persist, then messages to deliver).
 * @module
 */
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { Connection } from './connection.js'
import { encodeAwareness, encodeAwarenessEntries, encodeAwarenessEntry, encodeSyncStep2, encodeSyncUpdate } from './protocol.js'
import type { FanOutMessage, LogEntry } from './storage.js'

/** Origin of the transaction that applies stored state: nothing applied with it is persisted again. */
export const LOAD_ORIGIN = Symbol('cyd/load')
/** Origin of awareness removals made by the server when a connection goes away. */
export const DISCONNECT_ORIGIN = Symbol('cyd/disconnect')
/** Origin of changes the server makes on someone's behalf (votes, the timer): stored and broadcast to all. */
export const SERVER_ORIGIN = Symbol('cyd/server')
/** Origin of what arrives from other processes: already persisted there, so delivered but not stored again. */
export const REMOTE_ORIGIN = Symbol('cyd/remote')

interface PendingUpdate {
	update: Uint8Array
	origin: Connection | null
	/** Persisted by another process. */
	remote: boolean
}

/** What one room had pending at one flush: persisted first, then published and delivered. */
export interface RoomBatch {
	readonly room: Room
	/** Updates made through this process, to persist. */
	readonly entries: LogEntry[]
	/** What to tell other processes once `entries` are persisted. */
	readonly published: FanOutMessage[]
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
	/** Server-side readers keeping the document in memory. */
	holds = 0
	/** Stops listening to other processes. */
	unsubscribe: () => void = () => {}
	destroyed = false

	private pendingUpdates: PendingUpdate[] = []
	/** The whole document encoded, shared by every client that joins with nothing until the next change. */
	private fullStateCache: Uint8Array | null = null
	private stateRequests = new Map<Connection, Uint8Array>()
	private changedAwareness = new Map<number, Connection | null>()
	/** Awareness clients changed by this process's connections, to publish. */
	private localAwareness = new Set<number>()
	/** When presence last went out, and the timer that sends what changed since once it may go again. */
	private awarenessSentAt = Number.NEGATIVE_INFINITY
	private awarenessTimer: ReturnType<typeof setTimeout> | null = null

	/**
	 * `awarenessIntervalMs`: presence (cursors) goes out at most this often; what changes meanwhile is
	 * gathered, each client's latest state only. Document updates never wait for it.
	 */
	constructor(
		readonly name: string,
		load: (name: string) => Promise<Uint8Array[]> | Uint8Array[],
		private readonly onDirty: (room: Room) => void,
		private readonly awarenessIntervalMs = 0,
	) {
		// The server is not a participant: it has no presence of its own.
		this.awareness.setLocalState(null)
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			this.fullStateCache = null
			if (origin === LOAD_ORIGIN) return
			this.pendingUpdates.push({ update, origin: isConnection(origin) ? origin : null, remote: origin === REMOTE_ORIGIN })
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
				if (origin !== REMOTE_ORIGIN) {
					for (const ids of [change.added, change.updated, change.removed]) {
						for (const id of ids) if (id !== this.doc.clientID) this.localAwareness.add(id)
					}
				}
				this.onDirty(this)
			},
		)
		this.ready = Promise.resolve()
			.then(() => load(name))
			.then((updates) => {
				if (this.destroyed) return
				if (updates.length > 0) {
					// Applying one by one in a transaction is much faster than merging them first.
					this.doc.transact(() => {
						for (const update of updates) Y.applyUpdate(this.doc, update, LOAD_ORIGIN)
					}, LOAD_ORIGIN)
				}
				// A lone snapshot is already the whole document, encoded: the first joiners get it as it is.
				if (updates.length === 1) this.fullStateCache = updates[0]!
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

	/**
	 * Takes everything pending now; `publish`: whether other processes are to be told (with a fan-out).
	 * The state sent to new clients is computed here, so it never holds more than what this batch and
	 * earlier ones persist.
	 */
	takeBatch(publish: boolean): RoomBatch {
		const updates = this.pendingUpdates
		const requests = this.stateRequests
		this.pendingUpdates = []
		this.stateRequests = new Map()
		const { changed, localAwareness } = this.takeAwareness()
		const replies = new Map<Connection, Uint8Array>()
		for (const [connection, stateVector] of requests) {
			replies.set(connection, encodeSyncStep2(this.stateSince(stateVector)))
		}
		const local = updates.filter((u) => !u.remote)
		this.logLength += local.length
		const published: FanOutMessage[] = []
		if (publish && local.length > 0) published.push({ document: this.name, kind: 'update', data: merge(local) })
		if (publish && localAwareness.size > 0) {
			const data = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...localAwareness])
			published.push({ document: this.name, kind: 'awareness', data })
		}
		return {
			room: this,
			entries: local.map(({ update }) => ({ document: this.name, update })),
			published,
			deliver: () => this.deliver(updates, replies, changed),
		}
	}

	/** The presence changes due to go out now; none if presence went out less than the interval ago. */
	private takeAwareness(): { changed: Map<number, Connection | null>; localAwareness: Set<number> } {
		const changed = this.changedAwareness
		const localAwareness = this.localAwareness
		if (changed.size === 0 && localAwareness.size === 0) return { changed, localAwareness }
		const wait = this.awarenessSentAt + this.awarenessIntervalMs - performance.now()
		if (wait > 0) {
			this.awarenessTimer ??= setTimeout(() => {
				this.awarenessTimer = null
				if (!this.destroyed) this.onDirty(this)
			}, wait)
			return { changed: new Map(), localAwareness: new Set() }
		}
		this.awarenessSentAt = performance.now()
		this.changedAwareness = new Map()
		this.localAwareness = new Set()
		return { changed, localAwareness }
	}

	/** What a client with `stateVector` lacks; a client that has nothing gets the shared encoding. */
	private stateSince(stateVector: Uint8Array): Uint8Array {
		const empty = stateVector.length === 1 && stateVector[0] === 0
		if (!empty) return Y.encodeStateAsUpdate(this.doc, stateVector)
		this.fullStateCache ??= Y.encodeStateAsUpdate(this.doc)
		return this.fullStateCache
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
		const update = updates.length > 0 ? this.updateFrames(updates) : null
		const awareness = changed.size > 0 ? this.awarenessFrames(changed) : null
		if (!update && !awareness) return sent
		for (const connection of this.connections) {
			const updateFrame = update?.(connection)
			const awarenessFrame = awareness?.(connection)
			// A connection's frames of one flush leave in one write.
			const both = updateFrame && awarenessFrame
			if (both) connection.cork()
			if (updateFrame && connection.send(updateFrame)) sent++
			if (awarenessFrame && connection.send(awarenessFrame)) sent++
			if (both) connection.uncork()
		}
		return sent
	}

	/** Each connection's update frame for this flush: what was written, less its own (nothing echoes back). */
	private updateFrames(updates: PendingUpdate[]): (connection: Connection) => Uint8Array | null {
		const byOrigin = groupByOrigin(updates, (u) => u.origin)
		const toAll = encodeSyncUpdate(merge(updates))
		return (connection) => {
			if (!byOrigin.has(connection)) return toAll
			const others = updates.filter((u) => u.origin !== connection)
			return others.length > 0 ? encodeSyncUpdate(merge(others)) : null
		}
	}

	/**
	 * Each connection's awareness frame for this flush, less its own states. Each changed state is encoded
	 * once; every frame is made of those entries.
	 */
	private awarenessFrames(changed: Map<number, Connection | null>): (connection: Connection) => Uint8Array | null {
		const ids = [...changed.keys()]
		const states = this.awareness.getStates()
		const entries = ids.map((id) => encodeAwarenessEntry(id, this.awareness.meta.get(id)?.clock ?? 0, states.get(id)))
		const byOrigin = groupByOrigin(ids, (id) => changed.get(id) ?? null)
		const toAll = encodeAwarenessEntries(entries)
		return (connection) => {
			const own = byOrigin.get(connection)
			if (!own) return toAll
			if (own.length === ids.length) return null
			return encodeAwarenessEntries(entries.filter((_, i) => changed.get(ids[i]!) !== connection))
		}
	}

	/** The full awareness of the room, for a newly started connection or (even when empty) a query. */
	awarenessMessage(evenIfEmpty = false): Uint8Array | null {
		const ids = [...this.awareness.getStates().keys()]
		if (ids.length === 0 && !evenIfEmpty) return null
		return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
	}

	/** Forgets the presence of a connection that went away and tells the others. */
	removeConnection(connection: Connection): void {
		this.connections.delete(connection)
		this.stateRequests.delete(connection)
		const ids = [...connection.awarenessClients].filter((id) => this.awareness.getStates().has(id))
		if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, DISCONNECT_ORIGIN)
	}

	/**
	 * Tells every client at once whether its changes are being saved, as the awareness state of the
	 * server's own client id (`{ server: { saving: false } }`, removed again when saving resumes). It goes
	 * out directly, not through the flush, because the flush is what is failing.
	 */
	setSaving(saving: boolean): void {
		const current = this.awareness.getLocalState() as { server?: { saving: boolean } } | null
		if ((current?.server?.saving ?? true) === saving) return
		this.awareness.setLocalState(saving ? null : { server: { saving: false } })
		this.changedAwareness.delete(this.doc.clientID)
		const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]))
		for (const connection of this.connections) connection.sendIfStarted(message)
	}

	/** Applies what another process persisted and published. */
	applyRemoteUpdate(update: Uint8Array): void {
		Y.applyUpdate(this.doc, update, REMOTE_ORIGIN)
	}

	applyRemoteAwareness(update: Uint8Array): void {
		awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN)
	}

	destroy(): void {
		this.destroyed = true
		this.unsubscribe()
		if (this.idleTimer) clearTimeout(this.idleTimer)
		if (this.awarenessTimer) clearTimeout(this.awarenessTimer)
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

/** The tag of the connection a transaction came from (see `SyncServer.connect`), or undefined. */
export function originTag(origin: unknown): unknown {
	return isConnection(origin) ? origin.tag : undefined
}

/** Whether a transaction was made by the server itself through `SyncServer.transact`. */
export function isServerOrigin(origin: unknown): boolean {
	return origin === SERVER_ORIGIN
}

function isConnection(origin: unknown): origin is Connection {
	return typeof origin === 'object' && origin !== null && (origin as { isConnection?: unknown }).isConnection === true
}
