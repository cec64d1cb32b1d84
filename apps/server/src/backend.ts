/**
 * Picks the storage and fan-out from the configuration: SQLite in one process by default; PostgreSQL
 * (DATABASE_URL) and Redis (REDIS_URL) for several processes sharing every room.
 * @module
 */
import { join } from 'node:path'
import { RedisFanOut } from '@cyd/fanout-redis'
import { PostgresStorage } from '@cyd/storage-postgres'
import { SqliteStorage } from '@cyd/storage-sqlite'
import type { DocumentStorage, FanOut, RoomStore } from '@cyd/sync'
import type { Config } from './config.js'

export interface Backend {
	storage: 'sqlite' | 'postgres'
	fanOut: 'in-process' | 'redis'
	documents: DocumentStorage
	rooms: RoomStore
	/** Present with REDIS_URL. */
	redis: FanOut | null
	/** The SQLite store, when that is the storage (tests read it directly). */
	sqlite: SqliteStorage | null
	/** Whether each backend answers now. */
	check(): Promise<Record<string, boolean>>
	close(): Promise<void>
}

export async function openBackend(config: Config, log: (error: unknown, context: string) => void): Promise<Backend> {
	const redis = config.redisUrl ? new RedisFanOut({ url: config.redisUrl, onError: log }) : null
	if (config.databaseUrl) {
		const postgres = await PostgresStorage.open({ url: config.databaseUrl })
		return {
			storage: 'postgres',
			fanOut: redis ? 'redis' : 'in-process',
			documents: postgres,
			rooms: postgres,
			redis,
			sqlite: null,
			async check() {
				return { postgres: await postgres.ping(), ...(redis ? { redis: await redis.ping() } : {}) }
			},
			async close() {
				await redis?.close()
				await postgres.close()
			},
		}
	}
	const sqlite = new SqliteStorage({ file: join(config.dataDir, 'cyd.sqlite') })
	return {
		storage: 'sqlite',
		fanOut: redis ? 'redis' : 'in-process',
		documents: sqlite,
		rooms: sqlite,
		redis,
		sqlite,
		async check() {
			return { sqlite: true, ...(redis ? { redis: await redis.ping() } : {}) }
		},
		async close() {
			await redis?.close()
			sqlite.close()
		},
	}
}
