/**
 * Configuration from the environment, checked once at start-up.
 * @module
 */
import { fileURLToPath } from 'node:url'
import { resolve } from 'node:path'

export interface Config {
	port: number
	host: string
	dataDir: string
	/** Base URL for links handed out, e.g. https://cyd.example.org. Empty: taken from each request. */
	publicUrl: string
	tldrawLicenseKey: string | null
	/** Folder of the built web app. */
	webDir: string
	maxMessageBytes: number
	maxUploadBytes: number
	idleUnloadMs: number
	logLevel: string
	/** postgres:// URL: store documents and rooms in PostgreSQL instead of SQLite. */
	databaseUrl: string | null
	/** redis:// URL: share rooms with other server processes through Redis. */
	redisUrl: string | null
	limits: {
		maxBufferedBytes: number
		maxQueuedBytes: number
		messagesPerSecond: number
		messageBurst: number
		/** Sustained bytes a second one connection may send, and its burst. */
		bytesPerSecond: number
		byteBurst: number
		/** How deep shared types may nest in a document (a root type is 1). */
		maxUpdateDepth: number
		/** How deep arrays and objects may nest in one JSON value of a document or a presence state. */
		maxJsonDepth: number
		/** Most structs and deleted ranges in one update. */
		maxUpdateItems: number
		/** Longest string (or binary value) in an update, in bytes. */
		maxStringBytes: number
		/** Most stored bytes of one document. */
		maxDocumentBytes: number
		/** Most bytes of updates a document holds while waiting for updates it lacks. */
		maxPendingBytes: number
		/** Largest presence (awareness) state of one client, in bytes of JSON. */
		maxAwarenessBytes: number
		maxConnectionsPerRoom: number
		maxConnectionsPerIp: number
		connectionsPerIpPerMinute: number
		/** Sockets one session may hold in a room (a browser tab uses two). */
		maxConnectionsPerSession: number
		/** Places of each room kept for facilitators when it is otherwise full. */
		reservedForFacilitators: number
	}
	/**
	 * How many proxies in front of the server are trusted (TRUST_PROXY: a number, or `true`/`1` for one):
	 * the client address is the one the outermost of them saw in X-Forwarded-For. 0: the socket's address.
	 */
	trustedProxies: number
	/** When set (CREATE_ROOM_KEY), making a room needs it (`Authorization: Bearer <key>`). */
	createRoomKey: string | null
	/** Rooms one address may make an hour. */
	roomsPerIpPerHour: number
	/** Joins one address may make a minute. */
	joinsPerIpPerMinute: number
	/** Proposals one person (not a facilitator) may make a minute. */
	proposalsPerPersonPerMinute: number
	/** Most bytes one room's uploaded images may take. */
	uploadQuotaBytes: number
	/** Origins allowed to open websockets, besides the server's own. */
	allowedOrigins: string[]
	/** Secret for signing join links (CYD_SECRET); generated once under DATA_DIR when unset. */
	secret: string | undefined
	/** How long join links stay valid. */
	linkLifetimeDays: number
	/** How long the steward's link stays valid (renewable by the facilitator): past the workshop, for following it up. */
	stewardLinkDays: number
	/** Days a room keeps personal data (names, access needs, sessions, monitoring answers) unless its facilitator sets another period. */
	retentionDays: number
	/** Replies to public pages one address may leave an hour. */
	repliesPerIpPerHour: number
	/**
	 * How long a shutdown (SIGTERM) may take to store what is not stored yet; past it, the process logs the
	 * documents that were not saved and exits non-zero.
	 */
	shutdownDeadlineMs: number
	/**
	 * The neighbourhood map's tiles: a PMTiles archive served from this server (MAP_PMTILES, a path), or a
	 * raster tile URL template (MAP_TILE_URL, https with {z}, {x} and {y}), with the attribution their
	 * licence asks for (MAP_ATTRIBUTION).
	 */
	map: { pmtiles: string | null; tileUrl: string | null; attribution: string }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
	const raw = env[name]
	if (raw === undefined || raw === '') return fallback
	const value = Number(raw)
	if (!Number.isInteger(value) || value < min) {
		throw new Error(`${name} must be an integer of at least ${min}, got "${raw}"`)
	}
	return value
}

function trustedProxies(raw: string | undefined): number {
	if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return 0
	if (raw === 'true') return 1
	const hops = Number(raw)
	if (!Number.isInteger(hops) || hops < 0 || hops > 10) throw new Error(`TRUST_PROXY must be how many proxies are in front of the server (0 to 10) or true, got "${raw}"`)
	return hops
}

function mapConfig(env: NodeJS.ProcessEnv): Config['map'] {
	const tileUrl = env.MAP_TILE_URL || null
	if (tileUrl && !(/^https?:\/\/[^/]+\//.test(tileUrl) && ['{z}', '{x}', '{y}'].every((part) => tileUrl.includes(part)))) {
		throw new Error(`MAP_TILE_URL must be an http(s) URL template with {z}, {x} and {y}, got "${tileUrl}"`)
	}
	return { pmtiles: env.MAP_PMTILES ? resolve(env.MAP_PMTILES) : null, tileUrl, attribution: env.MAP_ATTRIBUTION ?? '' }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const publicUrl = (env.PUBLIC_URL ?? '').replace(/\/+$/, '')
	if (publicUrl && !/^https?:\/\/[^/]+/.test(publicUrl)) {
		throw new Error(`PUBLIC_URL must be an http(s) URL, got "${publicUrl}"`)
	}
	return {
		port: integer(env, 'PORT', 8787, 0),
		host: env.HOST || '0.0.0.0',
		dataDir: resolve(env.DATA_DIR || './data'),
		publicUrl,
		tldrawLicenseKey: env.TLDRAW_LICENSE_KEY || null,
		webDir: resolve(env.WEB_DIR || fileURLToPath(new URL('../../web/dist', import.meta.url))),
		maxMessageBytes: integer(env, 'MAX_MESSAGE_BYTES', 4 * 1024 * 1024, 1024),
		maxUploadBytes: integer(env, 'MAX_UPLOAD_BYTES', 10 * 1024 * 1024, 1024),
		idleUnloadMs: integer(env, 'IDLE_UNLOAD_MS', 30_000, 0),
		logLevel: env.LOG_LEVEL || 'info',
		databaseUrl: env.DATABASE_URL || null,
		redisUrl: env.REDIS_URL || null,
		limits: {
			maxBufferedBytes: integer(env, 'MAX_BUFFERED_BYTES', 16 * 1024 * 1024, 1024),
			maxQueuedBytes: integer(env, 'MAX_QUEUED_BYTES', 8 * 1024 * 1024, 1024),
			messagesPerSecond: integer(env, 'MESSAGES_PER_SECOND', 200, 1),
			messageBurst: integer(env, 'MESSAGE_BURST', 1000, 1),
			bytesPerSecond: integer(env, 'BYTES_PER_SECOND', 1024 * 1024, 1024),
			byteBurst: integer(env, 'BYTE_BURST', 8 * 1024 * 1024, 1024),
			maxUpdateDepth: integer(env, 'MAX_UPDATE_DEPTH', 16, 4),
			maxJsonDepth: integer(env, 'MAX_JSON_DEPTH', 64, 8),
			maxUpdateItems: integer(env, 'MAX_UPDATE_ITEMS', 200_000, 1000),
			maxStringBytes: integer(env, 'MAX_STRING_BYTES', 1024 * 1024, 1024),
			maxDocumentBytes: integer(env, 'MAX_DOCUMENT_BYTES', 64 * 1024 * 1024, 64 * 1024),
			maxPendingBytes: integer(env, 'MAX_PENDING_BYTES', 1024 * 1024, 1024),
			maxAwarenessBytes: integer(env, 'MAX_AWARENESS_BYTES', 8 * 1024, 256),
			maxConnectionsPerRoom: integer(env, 'MAX_CONNECTIONS_PER_ROOM', 500, 1),
			maxConnectionsPerIp: integer(env, 'MAX_CONNECTIONS_PER_IP', 500, 1),
			connectionsPerIpPerMinute: integer(env, 'CONNECTIONS_PER_IP_PER_MINUTE', 1200, 1),
			maxConnectionsPerSession: integer(env, 'MAX_CONNECTIONS_PER_SESSION', 8, 1),
			reservedForFacilitators: integer(env, 'RESERVED_FOR_FACILITATORS', 10, 0),
		},
		trustedProxies: trustedProxies(env.TRUST_PROXY),
		createRoomKey: env.CREATE_ROOM_KEY || null,
		roomsPerIpPerHour: integer(env, 'ROOMS_PER_IP_PER_HOUR', 30, 1),
		joinsPerIpPerMinute: integer(env, 'JOINS_PER_IP_PER_MINUTE', 30, 1),
		proposalsPerPersonPerMinute: integer(env, 'PROPOSALS_PER_PERSON_PER_MINUTE', 30, 1),
		uploadQuotaBytes: integer(env, 'UPLOAD_QUOTA_BYTES', 200 * 1024 * 1024, 0),
		secret: env.CYD_SECRET || undefined,
		linkLifetimeDays: integer(env, 'LINK_LIFETIME_DAYS', 30, 1),
		stewardLinkDays: integer(env, 'STEWARD_LINK_DAYS', 365, 1),
		retentionDays: integer(env, 'RETENTION_DAYS', 90, 1),
		repliesPerIpPerHour: integer(env, 'REPLIES_PER_IP_PER_HOUR', 10, 1),
		allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
		shutdownDeadlineMs: integer(env, 'SHUTDOWN_DEADLINE_MS', 20_000, 0),
		map: mapConfig(env),
	}
}
