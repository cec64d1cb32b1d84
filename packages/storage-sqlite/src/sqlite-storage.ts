/**
 * SQLite storage for documents and rooms: an append-only update log per document, compacted into a
 * snapshot, in one database file in WAL mode.
 * @module
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { DocumentStorage, LogEntry } from '@cyd/sync'

export interface SqliteStorageOptions {
	/** Path of the database file; its folder is created if missing. ':memory:' for a throwaway store. */
	file: string
	/** SQLite's synchronous pragma. NORMAL (default) survives a process crash; FULL also survives power loss. */
	synchronous?: 'NORMAL' | 'FULL'
}

/** The schema this version writes (`PRAGMA user_version`). */
export const SCHEMA_VERSION = 1

/** A stored room: what `POST /api/rooms` creates. */
export interface RoomRow {
	id: string
	title: string
	language: string
	createdAt: string
}

export class SqliteStorage implements DocumentStorage {
	readonly db: Database.Database
	private readonly statements

	constructor(options: SqliteStorageOptions) {
		if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true })
		this.db = new Database(options.file)
		this.db.pragma('journal_mode = WAL')
		this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`)
		this.db.pragma('busy_timeout = 5000')
		this.migrate()
		this.statements = {
			snapshot: this.db.prepare<[string], { state: Buffer }>('SELECT state FROM snapshots WHERE document = ?'),
			log: this.db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE document = ? ORDER BY seq'),
			append: this.db.prepare<[string, Buffer]>('INSERT INTO updates (document, data) VALUES (?, ?)'),
			upsertSnapshot: this.db.prepare<[string, Buffer, string]>(
				`INSERT INTO snapshots (document, state, updated_at) VALUES (?, ?, ?)
				 ON CONFLICT (document) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
			),
			clearLog: this.db.prepare<[string]>('DELETE FROM updates WHERE document = ?'),
			insertRoom: this.db.prepare<[string, string, string, string]>(
				'INSERT INTO rooms (id, title, language, created_at) VALUES (?, ?, ?, ?)',
			),
			getRoom: this.db.prepare<[string], { id: string; title: string; language: string; created_at: string }>(
				'SELECT id, title, language, created_at FROM rooms WHERE id = ?',
			),
		}
	}

	private migrate(): void {
		const version = this.db.pragma('user_version', { simple: true }) as number
		if (version >= SCHEMA_VERSION) return
		this.db.exec(`
			CREATE TABLE IF NOT EXISTS updates (
				seq INTEGER PRIMARY KEY AUTOINCREMENT,
				document TEXT NOT NULL,
				data BLOB NOT NULL
			);
			CREATE INDEX IF NOT EXISTS updates_by_document ON updates (document, seq);
			CREATE TABLE IF NOT EXISTS snapshots (
				document TEXT PRIMARY KEY,
				state BLOB NOT NULL,
				updated_at TEXT NOT NULL
			);
			CREATE TABLE IF NOT EXISTS rooms (
				id TEXT PRIMARY KEY,
				title TEXT NOT NULL,
				language TEXT NOT NULL,
				created_at TEXT NOT NULL
			);
			PRAGMA user_version = ${SCHEMA_VERSION};
		`)
	}

	load(document: string): Uint8Array[] {
		const snapshot = this.statements.snapshot.get(document)
		const log = this.statements.log.all(document)
		const updates: Uint8Array[] = []
		if (snapshot) updates.push(snapshot.state)
		for (const row of log) updates.push(row.data)
		return updates
	}

	append(entries: readonly LogEntry[]): void {
		this.appendAll(entries)
	}

	private readonly appendAll = (entries: readonly LogEntry[]): void => {
		this.db.transaction(() => {
			for (const { document, update } of entries) {
				this.statements.append.run(document, Buffer.from(update.buffer, update.byteOffset, update.byteLength))
			}
		})()
	}

	compact(document: string, state: Uint8Array): void {
		this.db.transaction(() => {
			this.statements.upsertSnapshot.run(
				document,
				Buffer.from(state.buffer, state.byteOffset, state.byteLength),
				new Date().toISOString(),
			)
			this.statements.clearLog.run(document)
		})()
	}

	/** Log entries stored for a document (for tests and metrics). */
	logLength(document: string): number {
		return (this.db.prepare('SELECT count(*) AS n FROM updates WHERE document = ?').get(document) as { n: number }).n
	}

	createRoom(room: RoomRow): void {
		this.statements.insertRoom.run(room.id, room.title, room.language, room.createdAt)
	}

	getRoom(id: string): RoomRow | null {
		const row = this.statements.getRoom.get(id)
		return row ? { id: row.id, title: row.title, language: row.language, createdAt: row.created_at } : null
	}

	/** Runs SQLite's integrity check; answers 'ok' for a sound database. */
	integrityCheck(): string {
		return this.db.pragma('integrity_check', { simple: true }) as string
	}

	close(): void {
		this.db.close()
	}
}
