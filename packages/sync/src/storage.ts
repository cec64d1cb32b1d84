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
