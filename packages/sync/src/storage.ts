/**
 * What the sync core needs from durable storage. Adapters (SQLite, Postgres) implement it.
 * @module
 */

/** One update to append to a document's log. */
export interface LogEntry {
	document: string
	update: Uint8Array
}

/**
 * The durable update log and snapshots of documents.
 *
 * The sync core is the single writer per document in a process: it calls `append` and `compact` one at a
 * time, in order, never concurrently.
 */
export interface DocumentStorage {
	/** Every stored update of a document (snapshot first, then the log), or an empty list for a new one. */
	load(document: string): Promise<Uint8Array[]> | Uint8Array[]
	/** Appends a batch of updates, for any number of documents, in one durable transaction. */
	append(entries: readonly LogEntry[]): Promise<void> | void
	/**
	 * Replaces a document's snapshot and log with `state`, which includes every update appended so far.
	 * Atomic: a crash leaves either the old snapshot and log or the new snapshot.
	 */
	compact(document: string, state: Uint8Array): Promise<void> | void
}

/** A stored room record. */
export interface StoredRoom {
	id: string
	title: string
	language: string
	createdAt: string
}

/** The registry of rooms, kept in the same database as their documents. */
export interface RoomStore {
	createRoom(room: StoredRoom): Promise<void> | void
	getRoom(id: string): Promise<StoredRoom | null> | StoredRoom | null
}

/** What a process hears about a document from the other processes. */
export interface FanOutHandlers {
	/** An update another process has already persisted. */
	update(update: Uint8Array): void
	/** An awareness update from another process's clients. */
	awareness(update: Uint8Array): void
	/** Messages may have been missed (a reconnect, a gap): reload the document from storage. */
	resync(): void
}

/** One message for the other processes. */
export interface FanOutMessage {
	document: string
	kind: 'update' | 'awareness'
	data: Uint8Array
}

/**
 * Fan-out between server processes that share a database (Redis in packages/fanout-redis).
 * Updates are published only after they are persisted.
 */
export interface FanOut {
	subscribe(document: string, handlers: FanOutHandlers): () => void
	publish(messages: readonly FanOutMessage[]): Promise<void> | void
}
