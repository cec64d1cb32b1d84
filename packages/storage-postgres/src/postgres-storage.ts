/**
 * PostgreSQL storage: the same update log, snapshot and room schema as SQLite, shared by several server
 * processes. Appends take a shared advisory lock per document and compaction an exclusive one, so a
 * compaction never deletes a log entry it did not merge.
 * @module
 */
import pg from 'pg'
import * as Y from 'yjs'
import type { DocumentStorage, LogEntry, RoomStore, StoredRoom } from '@cyd/sync'

const MIGRATIONS: string[] = [
	`CREATE TABLE IF NOT EXISTS updates (
		seq BIGSERIAL PRIMARY KEY,
		document TEXT NOT NULL,
		data BYTEA NOT NULL
	);
	CREATE INDEX IF NOT EXISTS updates_by_document ON updates (document, seq);
	CREATE TABLE IF NOT EXISTS snapshots (
		document TEXT PRIMARY KEY,
		state BYTEA NOT NULL,
		updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
	);
	CREATE TABLE IF NOT EXISTS rooms (
		id TEXT PRIMARY KEY,
		title TEXT NOT NULL,
		language TEXT NOT NULL,
		created_at TIMESTAMPTZ NOT NULL
	);`,
]

/** Advisory lock key that serialises migrations between processes starting together. */
const MIGRATION_LOCK = 0x637964 // "cyd"

export interface PostgresStorageOptions {
	/** A postgres:// connection string. */
	url: string
	/** Connections in the pool. Default 10. */
	poolSize?: number
}

export class PostgresStorage implements DocumentStorage, RoomStore {
	private constructor(readonly pool: pg.Pool) {}

	/** Connects and brings the schema up to date. */
	static async open(options: PostgresStorageOptions): Promise<PostgresStorage> {
		const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 })
		// A client that loses its server emits 'error' (on the pool while idle, on itself while checked out);
		// the query in flight rejects and the write is retried, so the event itself needs no handling, but
		// without a listener it would end the process.
		pool.on('error', () => undefined)
		pool.on('connect', (client) => client.on('error', () => undefined))
		const storage = new PostgresStorage(pool)
		await storage.migrate()
		return storage
	}

	private async migrate(): Promise<void> {
		const client = await this.pool.connect()
		try {
			await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
			await client.query('CREATE TABLE IF NOT EXISTS cyd_schema (version INTEGER NOT NULL)')
			const { rows } = await client.query<{ version: number }>('SELECT max(version) AS version FROM cyd_schema')
			const current = rows[0]?.version ?? 0
			for (let v = current; v < MIGRATIONS.length; v++) {
				await client.query('BEGIN')
				await client.query(MIGRATIONS[v]!)
				await client.query('INSERT INTO cyd_schema (version) VALUES ($1)', [v + 1])
				await client.query('COMMIT')
			}
		} finally {
			await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
			client.release()
		}
	}

	async load(document: string): Promise<Uint8Array[]> {
		const client = await this.pool.connect()
		try {
			// One snapshot of the database for both reads: a compaction between them cannot hide entries.
			await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
			const snapshot = await client.query<{ state: Buffer }>('SELECT state FROM snapshots WHERE document = $1', [document])
			const log = await client.query<{ data: Buffer }>('SELECT data FROM updates WHERE document = $1 ORDER BY seq', [document])
			await client.query('COMMIT')
			client.release()
			return [...snapshot.rows.map((r) => r.state), ...log.rows.map((r) => r.data)]
		} catch (error) {
			await client.query('ROLLBACK').catch(() => undefined)
			client.release(true) // the connection may be broken: do not hand it out again
			throw error
		}
	}

	async append(entries: readonly LogEntry[]): Promise<void> {
		const documents = [...new Set(entries.map((e) => e.document))].sort()
		await this.transaction(async (client) => {
			await client.query('SELECT pg_advisory_xact_lock_shared(hashtext(d)) FROM unnest($1::text[]) AS d', [documents])
			await client.query('INSERT INTO updates (document, data) SELECT * FROM unnest($1::text[], $2::bytea[])', [
				entries.map((e) => e.document),
				entries.map((e) => Buffer.from(e.update.buffer, e.update.byteOffset, e.update.byteLength)),
			])
		})
	}

	/** Merges `state`, the stored snapshot and every logged update of the document into one snapshot. */
	async compact(document: string, state: Uint8Array): Promise<void> {
		await this.transaction(async (client) => {
			await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [document])
			const snapshot = await client.query<{ state: Buffer }>('SELECT state FROM snapshots WHERE document = $1', [document])
			const log = await client.query<{ data: Buffer }>('SELECT data FROM updates WHERE document = $1', [document])
			const doc = new Y.Doc()
			for (const row of snapshot.rows) Y.applyUpdate(doc, row.state)
			for (const row of log.rows) Y.applyUpdate(doc, row.data)
			Y.applyUpdate(doc, state)
			const merged = Y.encodeStateAsUpdate(doc)
			doc.destroy()
			await client.query(
				`INSERT INTO snapshots (document, state, updated_at) VALUES ($1, $2, now())
				 ON CONFLICT (document) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
				[document, Buffer.from(merged)],
			)
			await client.query('DELETE FROM updates WHERE document = $1', [document])
		})
	}

	async logLength(document: string): Promise<number> {
		const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM updates WHERE document = $1', [document])
		return Number(rows[0]?.n ?? 0)
	}

	async createRoom(room: StoredRoom): Promise<void> {
		await this.pool.query('INSERT INTO rooms (id, title, language, created_at) VALUES ($1, $2, $3, $4)', [
			room.id,
			room.title,
			room.language,
			room.createdAt,
		])
	}

	async getRoom(id: string): Promise<StoredRoom | null> {
		const { rows } = await this.pool.query<{ id: string; title: string; language: string; created_at: Date }>(
			'SELECT id, title, language, created_at FROM rooms WHERE id = $1',
			[id],
		)
		const row = rows[0]
		return row ? { id: row.id, title: row.title, language: row.language, createdAt: row.created_at.toISOString() } : null
	}

	/** True when the database answers. */
	async ping(): Promise<boolean> {
		try {
			await this.pool.query('SELECT 1')
			return true
		} catch {
			return false
		}
	}

	async close(): Promise<void> {
		await this.pool.end()
	}

	private async transaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
		const client = await this.pool.connect()
		try {
			await client.query('BEGIN')
			await work(client)
			await client.query('COMMIT')
		} catch (error) {
			await client.query('ROLLBACK').catch(() => undefined)
			client.release(true) // the connection may be broken: do not hand it out again
			throw error
		}
		client.release()
	}
}
