/**
 * A room's document: one in-memory authority per document name, loaded once, with what is pending for
 * the next flush (updates to persist, then messages to deliver).
 * @module
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { checkDocument, checkTypeDepth, jsonDepth, scanUpdate, UpdateRefused, type Scan, type UpdateBudget } from './budget.js'
import type { Connection, ConnectionLimits } from './connection.js'
import { DocumentUnavailableError } from './errors.js'
import {
	CloseCode,
	encodeAwareness,
	encodeAwarenessEntries,
	encodeAwarenessEntry,
	encodeAwarenessEntryJson,
	encodeAwarenessUpdateOf,
	encodeSyncStep2,
	encodeSyncUpdate,
} from './protocol.js'
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
	/** Bytes of the document's stored updates: what was loaded plus every update since; the snapshot's after compaction. */
	storedBytes = 0
	/** Which connection owns which awareness client id (one id per connection, see `receiveAwareness`). */
	readonly awarenessOwners = new Map<number, Connection>()
	/** Awareness client ids whose state came from another process: not claimable here while they last. */
	private readonly remoteAwareness = new Set<number>()
	/** The scan of the document's pending structs, kept until they change. */
	private pendingScan: { source: Uint8Array; scan: Scan } | null = null

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
	 * `awarenessIntervalMs`: presence (cursors) goes out at most this often, asked at each flush (0: at
	 * once); what changes meanwhile is gathered, each client's latest state only. Document updates never
	 * wait for it.
	 */
	constructor(
		readonly name: string,
		load: (name: string) => Promise<Uint8Array[]> | Uint8Array[],
		private readonly onDirty: (room: Room) => void,
		private readonly awarenessIntervalMs: () => number = () => 0,
		private readonly limits: ConnectionLimits | null = null,
	) {
		// The server is not a participant: it has no presence of its own.
		this.awareness.setLocalState(null)
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			this.fullStateCache = null
			if (origin === LOAD_ORIGIN) return
			this.storedBytes += update.length
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
				if (origin === REMOTE_ORIGIN) {
					for (const id of change.added) this.remoteAwareness.add(id)
					for (const id of change.updated) this.remoteAwareness.add(id)
				}
				for (const id of change.removed) this.remoteAwareness.delete(id)
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
				// A document stored before the budgets applied (or by another server) may nest deeper than Yjs
				// survives: refuse it whole rather than fail later inside Yjs.
				const problem = this.limits ? checkDocument(this.doc, this.limits) : null
				if (problem) throw new DocumentUnavailableError(name, `its stored state is refused: ${problem}`)
				// A lone snapshot is already the whole document, encoded: the first joiners get it as it is.
				if (updates.length === 1) this.fullStateCache = updates[0]!
				this.logLength = updates.length > 1 ? updates.length : 0
				this.storedBytes = updates.reduce((sum, update) => sum + update.length, 0)
				this.loaded = true
			})
			.catch((error: unknown) => {
				if (error instanceof DocumentUnavailableError) throw error
				const message = error instanceof Error ? error.message : String(error)
				throw new DocumentUnavailableError(name, `its stored state could not be loaded (${message})`, { cause: error })
			})
	}

	/**
	 * Applies a client's update once it passes the budgets: the update's own (see `scanUpdate`), how deep
	 * its types nest in this document, and the document's size. Afterwards, what the document holds
	 * pending for missing clocks is bounded: past the limit it is dropped (none of it was stored: only
	 * integrated content is emitted) and the update refused. Throws `UpdateRefused`.
	 */
	applyClientUpdate(update: Uint8Array, origin: Connection): void {
		const limits = this.limits ?? UNLIMITED
		const scan = scanUpdate(update, limits)
		checkTypeDepth(scan, this.doc, limits.maxTypeDepth, this.scanPending())
		if (this.storedBytes + update.length > limits.maxDocumentBytes && scan.addsTo(this.doc)) {
			throw new UpdateRefused(CloseCode.messageTooBig, `the document is full (limit ${limits.maxDocumentBytes} bytes)`, true)
		}
		Y.applyUpdate(this.doc, update, origin)
		const store = this.doc.store
		const pending = (store.pendingStructs?.update.length ?? 0) + (store.pendingDs?.length ?? 0)
		if (pending > limits.maxPendingBytes) {
			store.pendingStructs = null
			store.pendingDs = null
			this.pendingScan = null
			throw new UpdateRefused(
				CloseCode.policyViolation,
				`update refused: more than ${limits.maxPendingBytes} bytes wait for updates the server lacks`,
			)
		}
	}

	/** The scan of the structs waiting for missing clocks (Yjs keeps them as an update in format v2), if any. */
	private scanPending(): Scan | null {
		const pending = this.doc.store.pendingStructs
		if (!pending) {
			this.pendingScan = null
			return null
		}
		if (this.pendingScan?.source !== pending.update) {
			// Everything pending passed the budgets when it arrived; this only maps what is there.
			this.pendingScan = { source: pending.update, scan: scanUpdate(Y.convertUpdateFormatV2ToV1(pending.update), UNLIMITED) }
		}
		return this.pendingScan.scan
	}

	/**
	 * Applies an awareness update from a client, keeping only the entries it may make: a connection sets
	 * the state of one client id, its own. The first id it announces with a new state that is not the
	 * server's, not owned by another connection here and not live from another process becomes its own;
	 * entries for any other id are dropped without a word (stock y-websocket clients pass on the states
	 * of others they received). States past `maxAwarenessBytes`, nested past `maxJsonDepth`, not JSON, or
	 * with a top-level `server` field (the server's own status entry) are dropped too; a null state (the
	 * client's own entry removed) is fine.
	 */
	receiveAwareness(update: Uint8Array, from: Connection): void {
		const decoder = decoding.createDecoder(update)
		const count = decoding.readVarUint(decoder)
		let kept: Uint8Array[] | null = null
		for (let i = 0; i < count; i++) {
			const id = decoding.readVarUint(decoder)
			const clock = decoding.readVarUint(decoder)
			const json = decoding.readVarUint8Array(decoder)
			if (this.mayAnnounce(from, id, clock, json)) (kept ??= []).push(encodeAwarenessEntryJson(id, clock, json))
		}
		if (kept) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessUpdateOf(kept), from)
	}

	private mayAnnounce(from: Connection, id: number, clock: number, json: Uint8Array): boolean {
		if (id === this.doc.clientID) return false
		if (from.awarenessId !== null && from.awarenessId !== id) return false
		const owner = this.awarenessOwners.get(id)
		if (owner !== undefined && owner !== from) return false
		const limits = this.limits ?? UNLIMITED
		if (json.length > limits.maxAwarenessBytes) return false
		if (jsonDepth(json, 0, json.length, limits.maxJsonDepth) > limits.maxJsonDepth) return false
		let state: unknown
		try {
			state = JSON.parse(strictUtf8.decode(json))
		} catch {
			return false
		}
		if (typeof state === 'object' && state !== null && Object.hasOwn(state, 'server')) return false
		if (from.awarenessId === null) {
			// A claim: only with a state that would be applied, for an id nobody else holds.
			if (state === null || this.remoteAwareness.has(id)) return false
			if (clock <= (this.awareness.meta.get(id)?.clock ?? 0)) return false
			from.awarenessId = id
			this.awarenessOwners.set(id, from)
		}
		return true
	}

	/** Queues the answer to a client's sync step 1; it is computed and sent at the next flush. */
	requestState(connection: Connection, stateVector: Uint8Array): void {
		this.stateRequests.set(connection, stateVector)
		this.onDirty(this)
	}

	/** Whether changes made through this process wait to be taken by a flush (and so are not stored yet). */
	get hasUnsavedUpdates(): boolean {
		return this.pendingUpdates.some((u) => !u.remote)
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
		const wait = this.awarenessSentAt + this.awarenessIntervalMs() - performance.now()
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
			const updateFrames = update?.(connection) ?? NO_FRAMES
			const awarenessFrame = awareness?.(connection)
			// A connection's frames of one flush leave in one write.
			const several = updateFrames.length + (awarenessFrame ? 1 : 0) > 1
			if (several) connection.cork()
			for (const frame of updateFrames) if (connection.send(frame)) sent++
			if (awarenessFrame && connection.send(awarenessFrame)) sent++
			if (several) connection.uncork()
		}
		return sent
	}

	/**
	 * Each connection's update frames for this flush: what was written, less its own (nothing echoes
	 * back). Each update goes as its own frame, as written, except to the connections that wrote nothing
	 * in this flush when they are many or the updates are a burst: then these get one frame of the updates
	 * merged (merging decodes and re-encodes every change, which costs more than a few more frames in a
	 * small room, but less than many frames to many, and a client applies a burst faster as one update).
	 * A connection that wrote gets the others' updates one by one, never a merge made for it.
	 *
	 * A batch holding a change the server made itself in this process (a correction of a refused change,
	 * see the app's canvas guard) is merged for everyone, each writer getting the others' changes merged:
	 * a change and its correction arrive as one update, so nobody ever sees what was refused.
	 */
	private updateFrames(updates: PendingUpdate[]): (connection: Connection) => Uint8Array[] {
		const frames = updates.map((u) => encodeSyncUpdate(u.update))
		if (updates.length === 1) {
			const only = updates[0]!.origin
			return (connection) => (connection === only ? NO_FRAMES : frames)
		}
		const writers = new Set<Connection | null>(updates.map((u) => u.origin))
		if (updates.some((u) => u.origin === null && !u.remote)) {
			const toAll = [encodeSyncUpdate(merge(updates))]
			return (connection) => {
				if (!writers.has(connection)) return toAll
				const others = updates.filter((u) => u.origin !== connection)
				return others.length > 0 ? [encodeSyncUpdate(merge(others))] : NO_FRAMES
			}
		}
		let readers = this.connections.size
		for (const writer of writers) if (writer && this.connections.has(writer)) readers--
		const toReaders = readers >= MERGE_FOR_READERS || (readers > 0 && updates.length >= MERGE_BURST) ? [encodeSyncUpdate(merge(updates))] : frames
		return (connection) => (writers.has(connection) ? frames.filter((_, i) => updates[i]!.origin !== connection) : toReaders)
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
		const id = connection.awarenessId
		if (id === null || this.awarenessOwners.get(id) !== connection) return
		this.awarenessOwners.delete(id)
		if (this.awareness.getStates().has(id)) awarenessProtocol.removeAwarenessStates(this.awareness, [id], DISCONNECT_ORIGIN)
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

	/** Frees the room; answers what went wrong doing so (a broken document may throw), or null. */
	destroy(): unknown {
		if (this.destroyed) return null
		this.destroyed = true
		if (this.idleTimer) clearTimeout(this.idleTimer)
		if (this.awarenessTimer) clearTimeout(this.awarenessTimer)
		let failure: unknown = null
		for (const step of [() => this.unsubscribe(), () => this.awareness.destroy(), () => this.doc.destroy()]) {
			try {
				step()
			} catch (error) {
				failure ??= error
			}
		}
		return failure
	}
}

/** No budget: for rooms made without limits, and for mapping what is already pending. */
const UNLIMITED: UpdateBudget & Pick<ConnectionLimits, 'maxDocumentBytes' | 'maxPendingBytes' | 'maxAwarenessBytes'> = {
	maxTypeDepth: Number.POSITIVE_INFINITY,
	maxJsonDepth: Number.POSITIVE_INFINITY,
	maxUpdateItems: Number.POSITIVE_INFINITY,
	maxStringBytes: Number.POSITIVE_INFINITY,
	maxDocumentBytes: Number.POSITIVE_INFINITY,
	maxPendingBytes: Number.POSITIVE_INFINITY,
	maxAwarenessBytes: Number.POSITIVE_INFINITY,
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

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

const NO_FRAMES: Uint8Array[] = []

/** How many connections that wrote nothing in a flush make merging its updates into one frame worth it. */
const MERGE_FOR_READERS = 16
/** How many updates in one flush make a burst, merged for the connections that wrote nothing. */
const MERGE_BURST = 8

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
