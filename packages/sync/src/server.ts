/**
 * The collaboration server core: rooms, connections, persist-before-broadcast flushing.
 * Runtime-agnostic: it knows neither the web framework nor the database.
 * @module
 */
import * as Y from 'yjs'
import { type Access, Connection, type ConnectionLimits, type SyncSocket } from './connection.js'
import { BusyGauge } from './busy.js'
import { DocumentUnavailableError } from './errors.js'
import { CloseCode } from './protocol.js'
import { Room, SERVER_ORIGIN, type RoomBatch } from './room.js'
import type { DocumentStorage, FanOut } from './storage.js'

/** The subset of a structured logger (pino's) that the core uses. */
export interface SyncLogger {
	info(data: object, message: string): void
	warn(data: object, message: string): void
	error(data: object, message: string): void
}

/** Hooks for metrics; every one optional. */
export interface SyncMetrics {
	messageReceived?(bytes: number): void
	messageSent?(bytes: number): void
	/** One group commit: how long it took and how many updates it held. */
	persisted?(seconds: number, updates: number): void
	connectionClosed?(code: number): void
}

export interface SyncServerOptions {
	storage: DocumentStorage
	/** Fan-out to other processes sharing the storage; omit for a single process. */
	fanOut?: FanOut
	logger?: SyncLogger
	metrics?: SyncMetrics
	limits?: Partial<ConnectionLimits>
	/** How long a document stays in memory after its last connection leaves. Default 30 s. */
	idleUnloadMs?: number
	/** Log entries after which a document is compacted into a snapshot. Default 500. */
	compactAfter?: number
	/** Delay before retrying a failed write. Default 1 s. */
	retryMs?: number
	/** Most connections one document accepts; more are closed with 1013. Default 500. */
	maxConnectionsPerDocument?: number
	/**
	 * While the process is busy (see `presencePacing`), presence (cursors) of a document goes out at most
	 * this often, each client's latest state; document updates never wait for it. Default 33 ms (30 times
	 * a second).
	 */
	awarenessIntervalMs?: number
	/**
	 * When presence is held for `awarenessIntervalMs`: `'when-busy'` (the default) only while the process's
	 * event loop is busy (`BusyGauge`), so that an idle server sends each cursor at once and a loaded one
	 * batches them; `'always'`; or a function the rooms ask at each flush.
	 */
	presencePacing?: 'when-busy' | 'always' | (() => boolean)
}

export const DEFAULT_LIMITS: ConnectionLimits = {
	maxMessageBytes: 4 * 1024 * 1024,
	maxBufferedBytes: 16 * 1024 * 1024,
	maxQueuedBytes: 8 * 1024 * 1024,
	messagesPerSecond: 200,
	messageBurst: 1000,
	bytesPerSecond: 1024 * 1024,
	byteBurst: 8 * 1024 * 1024,
	maxTypeDepth: 16,
	maxJsonDepth: 64,
	maxUpdateItems: 200_000,
	maxStringBytes: 1024 * 1024,
	maxDocumentBytes: 64 * 1024 * 1024,
	maxPendingBytes: 1024 * 1024,
	maxAwarenessBytes: 8 * 1024,
}

const silent: SyncLogger = { info() {}, warn() {}, error() {} }

/** What a framework adapter holds for one socket: feed it frames and tell it when the socket closes. */
export interface SyncConnection {
	readonly id: number
	/** What the framework side attached to this connection (who it is). */
	readonly tag: unknown
	readonly access: Access
	receive(data: Uint8Array | string): void
	socketClosed(): void
	/** Changes what the connection may do, at once, without a reconnect. */
	setAccess(access: Access): void
	close(code: number, reason: string): void
}

export class SyncServer {
	private readonly rooms = new Map<string, Room>()
	private readonly dirty = new Set<Room>()
	private retry: RoomBatch[] = []
	/** Batches whose append is under way. */
	private writing: RoomBatch[] = []
	private flushScheduled = false
	private chain: Promise<void> = Promise.resolve()
	private retryTimer: ReturnType<typeof setTimeout> | null = null
	private nextId = 1
	private closing = false
	private readonly storage: DocumentStorage
	private readonly fanOut: FanOut | null
	private readonly logger: SyncLogger
	private readonly metrics: SyncMetrics
	private readonly limits: ConnectionLimits
	private readonly idleUnloadMs: number
	private readonly compactAfter: number
	private readonly retryMs: number
	private readonly maxConnectionsPerDocument: number
	private readonly presenceInterval: () => number
	private readonly busyGauge: BusyGauge | null = null
	/** False while the last write failed and updates wait to be retried. */
	saving = true

	constructor(options: SyncServerOptions) {
		this.storage = options.storage
		this.fanOut = options.fanOut ?? null
		this.logger = options.logger ?? silent
		this.metrics = options.metrics ?? {}
		this.limits = { ...DEFAULT_LIMITS, ...options.limits }
		this.idleUnloadMs = options.idleUnloadMs ?? 30_000
		this.compactAfter = options.compactAfter ?? 500
		this.retryMs = options.retryMs ?? 1000
		this.maxConnectionsPerDocument = options.maxConnectionsPerDocument ?? 500
		const interval = options.awarenessIntervalMs ?? 33
		const pacing = options.presencePacing ?? 'when-busy'
		if (pacing === 'always') this.presenceInterval = () => interval
		else if (pacing === 'when-busy') {
			const gauge = (this.busyGauge = new BusyGauge())
			this.presenceInterval = () => (gauge.busy ? interval : 0)
		} else this.presenceInterval = () => (pacing() ? interval : 0)
	}

	/** Documents in memory and open connections. */
	stats(): { documents: number; connections: number } {
		let connections = 0
		for (const room of this.rooms.values()) connections += room.connections.size
		return { documents: this.rooms.size, connections }
	}

	/** Whether a document has room for one more connection. */
	hasRoomFor(document: string): boolean {
		return (this.rooms.get(document)?.connections.size ?? 0) < this.maxConnectionsPerDocument
	}

	/** Whether a document is in memory now. */
	isLoaded(document: string): boolean {
		return this.rooms.has(document)
	}

	/** Attaches a socket to a document. The client is answered only once the document's stored state is loaded. */
	connect(socket: SyncSocket, document: string, access: Access, tag?: unknown): SyncConnection {
		const room = this.room(document)
		const connection = new Connection(this.nextId++, room, socket, access, tag, this.limits, {
			received: (bytes) => this.metrics.messageReceived?.(bytes),
			sent: (bytes) => this.metrics.messageSent?.(bytes),
			closed: (c, code, reason) => this.leave(c, code, reason),
		})
		if (this.closing) {
			connection.close(CloseCode.goingAway, 'server shutting down')
		} else if (!this.hasRoomFor(document)) {
			connection.close(CloseCode.tryAgainLater, `the room is full (${this.maxConnectionsPerDocument} connections)`)
		} else {
			room.connections.add(connection)
			if (room.idleTimer) {
				clearTimeout(room.idleTimer)
				room.idleTimer = null
			}
			room.ready.then(
				() => {
					try {
						connection.start()
					} catch (error) {
						this.fail(room, error, 'could not greet a connection')
					}
				},
				() => connection.close(CloseCode.internalError, 'the document could not be loaded'),
			)
		}
		return {
			id: connection.id,
			tag,
			get access() {
				return connection.access
			},
			receive: (data) => connection.receive(data),
			socketClosed: () => connection.onSocketClosed(),
			setAccess: (next) => {
				connection.access = next
			},
			close: (code, reason) => connection.close(code, reason),
		}
	}

	/** Resolves when everything received so far is persisted and delivered. */
	async flushed(): Promise<void> {
		if (this.flushScheduled || this.dirty.size > 0) this.runFlush()
		await this.chain
	}

	/**
	 * Documents holding changes made through this process that are not stored yet: being written, waiting
	 * to be retried after a failed write, or not yet taken by a flush.
	 */
	unsavedDocuments(): string[] {
		const names = new Set<string>()
		for (const batch of [...this.writing, ...this.retry]) if (batch.entries.length > 0) names.add(batch.room.name)
		for (const room of this.dirty) if (room.hasUnsavedUpdates) names.add(room.name)
		return [...names].sort()
	}

	/**
	 * Flushes, writes every loaded document out as a snapshot, and closes every connection. A document
	 * whose changes could not be stored stays in memory, with its connections (see `unsavedDocuments`);
	 * calling `close` again tries once more.
	 */
	async close(): Promise<void> {
		this.closing = true
		await this.flushed()
		if (this.retry.length > 0) await this.enqueue(() => this.flush())
		await this.enqueue(async () => {
			for (const room of [...this.rooms.values()]) await this.unload(room, true)
		})
		if (this.retryTimer) clearTimeout(this.retryTimer)
		this.busyGauge?.stop()
	}

	private room(name: string): Room {
		let room = this.rooms.get(name)
		if (!room) {
			room = new Room(name, (n) => this.storage.load(n), (r) => this.markDirty(r), this.presenceInterval, this.limits)
			const created = room
			if (!this.saving) created.setSaving(false)
			if (this.fanOut) {
				// Subscribe before loading, so nothing published meanwhile is missed.
				created.unsubscribe = this.fanOut.subscribe(name, {
					update: (update) => this.fromOtherProcess(created, () => created.applyRemoteUpdate(update)),
					awareness: (update) => this.fromOtherProcess(created, () => created.applyRemoteAwareness(update)),
					resync: () => {
						void this.resync(created)
					},
				})
			}
			room.ready.catch((error: unknown) => {
				this.logger.error({ document: name, err: error }, 'document failed to load')
				if (this.rooms.get(name) === created) this.rooms.delete(name)
				this.dirty.delete(created)
				const failure = created.destroy()
				if (failure) this.logger.warn({ document: name, err: failure }, 'freeing a document that failed to load failed')
			})
			this.rooms.set(name, room)
		}
		return room
	}

	private fromOtherProcess(room: Room, apply: () => void): void {
		if (room.destroyed) return
		try {
			apply()
		} catch (error) {
			this.logger.error({ document: room.name, err: error }, 'could not apply a message from another process')
		}
	}

	/** Reloads a document from storage after messages from other processes may have been missed. */
	private async resync(room: Room): Promise<void> {
		try {
			await room.ready
			const updates = await this.storage.load(room.name)
			if (updates.length > 0) this.fromOtherProcess(room, () => room.applyRemoteUpdate(Y.mergeUpdates(updates)))
		} catch (error) {
			this.logger.error({ document: room.name, err: error }, 'resync from storage failed')
		}
	}

	private markDirty(room: Room): void {
		if (room.destroyed) return
		this.dirty.add(room)
		if (!this.flushScheduled) {
			this.flushScheduled = true
			setImmediate(() => this.runFlush())
		}
	}

	private runFlush(): void {
		if (!this.flushScheduled && this.dirty.size === 0) return
		this.flushScheduled = false
		this.enqueue(() => this.flush())
	}

	/** Runs `task` after everything queued before it. The chain never stays rejected: a failure is logged. */
	private enqueue(task: () => Promise<void>): Promise<void> {
		this.chain = this.chain.then(task).catch((error: unknown) => {
			this.logger.error({ err: error }, 'a storage task failed')
		})
		return this.chain
	}

	/**
	 * Takes a document whose in-memory state threw out of service, so that it takes nothing else down:
	 * its connections are closed with 1011, it is dropped from memory, and the next open loads it again
	 * from storage (and fails there, cleanly, if its stored state is what is wrong).
	 */
	private fail(room: Room, error: unknown, what: string): void {
		this.logger.error({ document: room.name, err: error }, `${what}; the document is closed`)
		if (room.destroyed) return
		for (const connection of [...room.connections]) {
			connection.close(CloseCode.internalError, 'the document failed on the server and was closed; reconnect to reload it')
		}
		if (this.rooms.get(room.name) === room) this.rooms.delete(room.name)
		this.dirty.delete(room)
		const failure = room.destroy()
		if (failure) this.logger.warn({ document: room.name, err: failure }, 'freeing a failed document failed')
	}

	/** One group commit: persist every pending update of every room in one transaction, then deliver. */
	private async flush(): Promise<void> {
		const batches = this.retry
		this.retry = []
		const dirty = [...this.dirty]
		this.dirty.clear()
		for (const room of dirty) {
			if (room.destroyed) continue
			try {
				batches.push(room.takeBatch(this.fanOut !== null))
			} catch (error) {
				this.fail(room, error, 'could not gather what a document has pending')
			}
		}
		const entries = batches.flatMap((b) => b.entries)
		if (entries.length > 0) {
			const started = performance.now()
			this.writing = batches
			try {
				await this.storage.append(entries)
			} catch (error) {
				this.writing = []
				this.retry = batches
				if (this.saving) {
					this.logger.error({ err: error, updates: entries.length }, 'could not persist updates; will retry')
					this.saving = false
					for (const room of this.rooms.values()) room.setSaving(false)
				}
				this.retryTimer ??= setTimeout(() => {
					this.retryTimer = null
					void this.enqueue(() => this.flush())
				}, this.retryMs)
				return
			}
			this.writing = []
			if (!this.saving) {
				this.logger.info({ updates: entries.length }, 'persisting again')
				this.saving = true
				for (const room of this.rooms.values()) room.setSaving(true)
			}
			this.metrics.persisted?.((performance.now() - started) / 1000, entries.length)
		}
		const published = batches.flatMap((b) => b.published)
		if (this.fanOut && published.length > 0) {
			// Not awaited: local clients need not wait for Redis. What fails to publish is persisted already,
			// and other processes catch up from storage when fan-out comes back.
			const fanOut = this.fanOut
			Promise.resolve()
				.then(() => fanOut.publish(published))
				.catch((error: unknown) => this.logger.warn({ err: error }, 'could not publish to other processes'))
		}
		for (const batch of batches) {
			if (batch.room.destroyed) continue
			try {
				batch.deliver()
			} catch (error) {
				this.fail(batch.room, error, 'could not deliver to the connections of a document')
			}
		}
		for (const batch of batches) {
			if (!batch.room.destroyed && batch.room.logLength >= this.compactAfter) await this.compact(batch.room)
		}
	}

	private async compact(room: Room): Promise<void> {
		let state: Uint8Array
		try {
			state = Y.encodeStateAsUpdate(room.doc)
		} catch (error) {
			this.fail(room, error, 'could not encode a document for compaction')
			return
		}
		try {
			await this.storage.compact(room.name, state)
			room.logLength = 0
			room.storedBytes = state.length
		} catch (error) {
			this.logger.error({ document: room.name, err: error }, 'compaction failed; the log is kept')
		}
	}

	private leave(connection: Connection, code: number, reason: string): void {
		this.metrics.connectionClosed?.(code)
		if (code !== 1000 && code !== 1001 && code !== 1005 && code < 4000) {
			this.logger.warn({ document: connection.room.name, connection: connection.id, code, reason }, 'connection closed by the server')
		}
		const room = connection.room
		room.removeConnection(connection)
		this.idleCheck(room)
	}

	/** Starts the idle timer of a document nobody uses any more. */
	private idleCheck(room: Room): void {
		if (room.connections.size > 0 || room.holds > 0 || room.idleTimer) return
		if (this.closing || this.rooms.get(room.name) !== room) return
		room.idleTimer = setTimeout(() => {
			room.idleTimer = null
			void this.enqueue(() => this.unload(room, false))
		}, this.idleUnloadMs)
	}

	/**
	 * Loads a document (if need be) and keeps it in memory until `release` is called, for server-side
	 * readers such as permission checks that watch a document.
	 */
	retain(document: string): { doc: Y.Doc; ready: Promise<Y.Doc>; readonly loaded: boolean; release(): void } {
		return this.hold(document).handle
	}

	private hold(document: string): { room: Room; handle: ReturnType<SyncServer['retain']> } {
		const room = this.room(document)
		room.holds++
		if (room.idleTimer) {
			clearTimeout(room.idleTimer)
			room.idleTimer = null
		}
		let released = false
		// Rejects with DocumentUnavailableError when the document cannot be loaded. Marked handled here: a
		// holder that never awaits it must not take the process down with an unhandled rejection.
		const ready = room.ready.then(() => room.doc)
		ready.catch(() => undefined)
		const handle = {
			doc: room.doc,
			ready,
			get loaded() {
				return room.loaded
			},
			release: () => {
				if (released) return
				released = true
				room.holds--
				this.idleCheck(room)
			},
		}
		return { room, handle }
	}

	/**
	 * Changes a document on the server's own behalf (votes, the timer, the lock). Resolves once the change
	 * is persisted and delivered, with what `change` returned.
	 */
	async transact<T>(document: string, change: (doc: Y.Doc) => T): Promise<T> {
		const { room, handle: held } = this.hold(document)
		try {
			const doc = await held.ready
			if (room.destroyed) throw new DocumentUnavailableError(document, 'it failed and was closed')
			let result!: T
			doc.transact(() => {
				result = change(doc)
			}, SERVER_ORIGIN)
			await this.flushed()
			return result
		} finally {
			held.release()
		}
	}

	/** Writes a document out and drops it from memory, unless someone joined meanwhile. Runs inside the flush chain. */
	private async unload(room: Room, shuttingDown: boolean): Promise<void> {
		try {
			await this.unloadOrThrow(room, shuttingDown)
		} catch (error) {
			this.fail(room, error, 'could not unload a document')
		}
	}

	private async unloadOrThrow(room: Room, shuttingDown: boolean): Promise<void> {
		if (this.rooms.get(room.name) !== room) return
		if (!room.loaded) {
			await room.ready.catch(() => undefined)
		}
		if (room.hasPending || this.dirty.has(room)) await this.flush()
		if (this.retry.length > 0) return // not saved yet: keep it in memory until the write succeeds
		if (room.loaded && room.logLength > 0) await this.compact(room)
		if (!shuttingDown && (room.connections.size > 0 || room.holds > 0)) return
		for (const connection of [...room.connections]) connection.close(CloseCode.goingAway, 'server shutting down')
		this.rooms.delete(room.name)
		const failure = room.destroy()
		if (failure) this.logger.warn({ document: room.name, err: failure }, 'freeing an unloaded document failed')
	}
}
