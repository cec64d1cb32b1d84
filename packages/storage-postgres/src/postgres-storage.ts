/**
 * PostgreSQL storage: the same update log, snapshot and room schema as SQLite, shared by several server
 * processes. Appends take a shared advisory lock per document and compaction an exclusive one, so a
 * compaction never deletes a log entry it did not merge. Uploaded files and the secrets every process
 * must share live here too, so that no process keeps anything on its own disk.
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
	`CREATE TABLE IF NOT EXISTS assets (
		room TEXT NOT NULL,
		name TEXT NOT NULL,
		size INTEGER NOT NULL,
		data BYTEA NOT NULL,
		created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
		PRIMARY KEY (room, name)
	);
	CREATE TABLE IF NOT EXISTS secrets (
		name TEXT PRIMARY KEY,
		value BYTEA NOT NULL,
		created_at TIMESTAMPTZ NOT NULL DEFAULT now()
	);`,
]

/** Advisory lock key that serialises migrations between processes starting together. */
const MIGRATION_LOCK = 0x637964 // "cyd"
/**
 * First half of the two-key advisory lock that serialises one room's uploads (the second is the room's
 * hash); two-key locks never collide with the one-key locks above.
 */
const ASSET_LOCK = 0x637964

/** What storing an upload came to. */
export type PutAssetResult = 'stored' | 'present' | 'over-quota'

export interface PostgresStorageOptions {
	/** A postgres:// connection string. */
	url: string
	/** Connections in the pool. Default 10. */
	poolSize?: number
	/** How long to wait for a new connection before the operation fails (and is retried). Default 10 s. */
	connectTimeoutMs?: number
}

export class PostgresStorage implements DocumentStorage, RoomStore {
	private constructor(readonly pool: pg.Pool) {}

	/** Connects and brings the schema up to date. */
	static async open(options: PostgresStorageOptions): Promise<PostgresStorage> {
		const pool = new pg.Pool({
			connectionString: options.url,
			max: options.poolSize ?? 10,
			// A database host that stops answering fails a connection attempt instead of holding it for minutes;
			// keep-alive notices a connection whose peer has gone.
			connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
			keepAlive: true,
		})
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

	/**
	 * Stores an uploaded file of a room under `name` unless the room's files would then take more than
	 * `quotaBytes`. One room's uploads are stored one at a time across every process, so that two at once
	 * cannot both pass the quota; a name already stored is `present` and counts once.
	 */
	async putAsset(room: string, name: string, data: Uint8Array, quotaBytes: number): Promise<PutAssetResult> {
		let result: PutAssetResult = 'stored'
		await this.transaction(async (client) => {
			await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ASSET_LOCK, room])
			const { rows } = await client.query<{ used: string; present: boolean }>(
				'SELECT coalesce(sum(size), 0) AS used, coalesce(bool_or(name = $2), false) AS present FROM assets WHERE room = $1',
				[room, name],
			)
			const used = Number(rows[0]?.used ?? 0)
			if (rows[0]?.present) {
				result = 'present'
				return
			}
			if (used + data.byteLength > quotaBytes) {
				result = 'over-quota'
				return
			}
			await client.query('INSERT INTO assets (room, name, size, data) VALUES ($1, $2, $3, $4)', [
				room,
				name,
				data.byteLength,
				Buffer.from(data.buffer, data.byteOffset, data.byteLength),
			])
		})
		return result
	}

	/** The bytes of a room's uploaded file, or null. */
	async getAsset(room: string, name: string): Promise<Uint8Array | null> {
		const { rows } = await this.pool.query<{ data: Buffer }>('SELECT data FROM assets WHERE room = $1 AND name = $2', [room, name])
		return rows[0]?.data ?? null
	}

	/** The bytes a room's uploads take, and their names. */
	async assetUsage(room: string): Promise<{ bytes: number; names: Set<string> }> {
		const { rows } = await this.pool.query<{ name: string; size: number }>('SELECT name, size FROM assets WHERE room = $1', [room])
		return { bytes: rows.reduce((sum, r) => sum + r.size, 0), names: new Set(rows.map((r) => r.name)) }
	}

	/**
	 * The secret stored under `name`; when there is none yet, `candidate` is stored and answered. Processes
	 * starting together all answer the same one: the first to commit.
	 */
	async sharedSecret(name: string, candidate: Uint8Array): Promise<Buffer> {
		await this.pool.query('INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
			name,
			Buffer.from(candidate.buffer, candidate.byteOffset, candidate.byteLength),
		])
		const { rows } = await this.pool.query<{ value: Buffer }>('SELECT value FROM secrets WHERE name = $1', [name])
		if (!rows[0]) throw new Error(`the secret "${name}" was not stored`)
		return rows[0].value
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
