/**
 * The composition root: the Hono app (HTTP API, `/sync` websocket upgrade, the built web app) wired to the
 * sync core and SQLite storage.
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Server } from 'node:http'
import { Socket, type AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { openAPIRouteHandler } from 'hono-openapi'
import pino, { type Logger } from 'pino'
import { isRoomId, workshopDocument } from '@cyd/model'
import type { SqliteStorage } from '@cyd/storage-sqlite'
import { SyncServer, type DocumentStorage, type SyncConnection } from '@cyd/sync'
import { openBackend, type Backend } from './backend.js'
import { AddressGuard, originAllowed } from './guard.js'
import { clientAddress } from './http/address.js'
import { nodeSockets } from './http/websocket.js'
import { fail, onError } from './http/errors.js'
import { referencePage, referenceScript } from './http/reference.js'
import { rateLimit, RateLimits } from './http/rate.js'
import { bearer } from './http/session.js'
import { apiRoutes } from './workshop/routes.js'
import { mapRoutes } from './map/tiles.js'
import { streetsIn } from './map/streets.js'
import { Outcomes } from './workshop/outcomes.js'
import { guardCanvas, loadCanvasGuard } from './workshop/canvas-guard.js'
import { Workshops } from './workshop/workshops.js'
import type { Env } from './env.js'
import { isProblem, TokenSigner } from './workshop/tokens.js'
import type { Config } from './config.js'
import { createMetrics } from './metrics.js'
import { publicRoutes } from './workshop/public.js'
import { pageRoutes } from './workshop/pages.js'
import { startupWarnings } from './warnings.js'
import { ShutdownError, storeBeforeDeadline } from './shutdown.js'

export interface RunningServer {
	port: number
	url: string
	sync: SyncServer
	/** The workshop service (links, people, the facilitator's controls). */
	workshops: Workshops
	backend: Backend
	/** The SQLite store when that is the storage, else null. */
	storage: SqliteStorage | null
	/**
	 * Stores every document and closes every connection and the database; rejects with a ShutdownError
	 * naming the documents not saved when that takes longer than SHUTDOWN_DEADLINE_MS.
	 */
	close(): Promise<void>
}

function problem(c: Context<Env>, status: 400 | 401 | 403 | 404 | 413 | 415 | 429 | 503, error: string) {
	return c.json({ error }, status)
}

/** Compares secrets in constant time. */
function sameSecret(given: string, expected: string): boolean {
	const a = createHash('sha256').update(given).digest()
	const b = createHash('sha256').update(expected).digest()
	return timingSafeEqual(a, b)
}

/** Whether a host (from a Host header) is one a link may be made with when PUBLIC_URL is unset. */
function isLocalHost(host: string): boolean {
	const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '')
	return name === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':')
}

/** The net.Socket under a `ws` WebSocket (its `_socket`; not part of ws's typed API), if it has one. */
function socketOf(ws: unknown): Socket | undefined {
	const socket = (ws as { _socket?: unknown })._socket
	return socket instanceof Socket ? socket : undefined
}

function once(fn: () => void): () => void {
	let done = false
	return () => {
		if (done) return
		done = true
		fn()
	}
}

export interface StartOptions {
	logger?: Logger
	/** Wraps the document storage, e.g. to observe or slow it in a test; the SQLite file stays the real one. */
	wrapStorage?: (storage: DocumentStorage) => DocumentStorage
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
	const logger = options.logger ?? pino({ level: config.logLevel })
	const backend = await openBackend(config, (err, context) => logger.warn({ err, context }, 'backend error'))
	const rooms = backend.rooms
	const assets = backend.assets
	const metrics = createMetrics(backend)
	const sync = new SyncServer({
		storage: options.wrapStorage ? options.wrapStorage(backend.documents) : backend.documents,
		fanOut: backend.redis ?? undefined,
		logger,
		metrics: metrics.sync,
		limits: {
			maxMessageBytes: config.maxMessageBytes,
			maxBufferedBytes: config.limits.maxBufferedBytes,
			maxQueuedBytes: config.limits.maxQueuedBytes,
			messagesPerSecond: config.limits.messagesPerSecond,
			messageBurst: config.limits.messageBurst,
			bytesPerSecond: config.limits.bytesPerSecond,
			// A burst holds at least the largest message accepted.
			byteBurst: Math.max(config.limits.byteBurst, config.maxMessageBytes),
			maxTypeDepth: config.limits.maxUpdateDepth,
			maxJsonDepth: config.limits.maxJsonDepth,
			maxUpdateItems: config.limits.maxUpdateItems,
			maxStringBytes: config.limits.maxStringBytes,
			maxDocumentBytes: config.limits.maxDocumentBytes,
			maxPendingBytes: config.limits.maxPendingBytes,
			maxAwarenessBytes: config.limits.maxAwarenessBytes,
		},
		maxConnectionsPerDocument: config.limits.maxConnectionsPerRoom,
		idleUnloadMs: config.idleUnloadMs,
	})
	metrics.observe(sync)
	const signer = new TokenSigner(await backend.linkSecret())
	const workshops = new Workshops(sync, signer, {
		linkLifetimeMs: config.linkLifetimeDays * 24 * 3600 * 1000,
		stewardLinkLifetimeMs: config.stewardLinkDays * 24 * 3600 * 1000,
		retentionDays: config.retentionDays,
		live: {
			maxPerSession: config.limits.maxConnectionsPerSession,
			maxPerDocument: config.limits.maxConnectionsPerRoom,
			reservedForFacilitators: Math.min(config.limits.reservedForFacilitators, Math.floor(config.limits.maxConnectionsPerRoom / 2)),
		},
		watchCanvas: (room, canvas, workshop) => guardCanvas(room, canvas, { sync, workshop }),
	})
	// The canvas guard judges clients' writes with tldraw's schema: loaded from the start, awaited before a socket is admitted.
	loadCanvasGuard().catch((err: unknown) => logger.error({ err }, 'the canvas guard could not be loaded'))
	const rates = new RateLimits(config.redisUrl)
	let shuttingDown = false

	const guard = new AddressGuard(config.limits.maxConnectionsPerIp, config.limits.connectionsPerIpPerMinute)
	const sweeper = setInterval(() => guard.sweep(), 60_000).unref()
	// Rooms whose retention period has ended lose their personal data (privacy.ts), checked hourly.
	const retention = setInterval(() => void workshops.privacy.sweep().catch((err: unknown) => logger.warn({ err }, 'retention sweep failed')), 3600_000).unref()
	const addressOf = (c: Context<Env>) => clientAddress(c, config.trustedProxies)

	const app = new Hono<Env>()
	app.onError(onError(logger))
	// An online map's tiles come from their own server: the page may fetch them.
	const mapOrigins = config.map.tileUrl ? [new URL(config.map.tileUrl.replace(/[{}]/g, '')).origin] : []
	app.use(
		'*',
		secureHeaders({
			contentSecurityPolicy: {
				defaultSrc: ["'self'"],
				scriptSrc: ["'self'"],
				styleSrc: ["'self'", "'unsafe-inline'"],
				imgSrc: ["'self'", 'data:', 'blob:', ...mapOrigins],
				fontSrc: ["'self'", 'data:'],
				connectSrc: ["'self'", 'ws:', 'wss:', ...mapOrigins],
				workerSrc: ["'self'", 'blob:'],
				frameAncestors: ["'none'"],
				baseUri: ["'none'"],
				formAction: ["'self'"],
				objectSrc: ["'none'"],
			},
			referrerPolicy: 'no-referrer',
			crossOriginEmbedderPolicy: false,
		}),
	)
	// Frames past twice the limit are cut off by ws itself (1009); smaller oversized ones get a reason from the core.
	const { upgradeSocket, injectInto, wss } = nodeSockets<Env>(app, { maxPayload: config.maxMessageBytes * 2 })

	/**
	 * The origin links are made with: PUBLIC_URL; without it, the request's own only when it names this
	 * machine by address or as localhost (a hall's LAN), or is listed in ALLOWED_ORIGINS. A forged Host
	 * header never makes a link that points elsewhere.
	 */
	let warnedOrigin = false
	const origin = (c: Context) => {
		if (config.publicUrl) return config.publicUrl
		const own = new URL(c.req.url).origin
		if (isLocalHost(new URL(own).host) || config.allowedOrigins.includes(own)) return own
		if (!warnedOrigin) {
			warnedOrigin = true
			logger.warn({ host: new URL(own).host }, 'set PUBLIC_URL: links are made for localhost until then')
		}
		return `http://localhost:${(c.env.incoming.socket.localPort ?? config.port) || config.port}`
	}

	app.get('/healthz', (c) => c.text('ok'))
	app.get('/readyz', async (c) => {
		const backends = await backend.check()
		const body = { storage: backend.storage, fanOut: backend.fanOut, backends, saving: sync.saving, shuttingDown }
		const ready = !shuttingDown && sync.saving && Object.values(backends).every(Boolean)
		return c.json(body, ready ? 200 : 503)
	})
	app.get('/metrics', async (c) => {
		c.header('Content-Type', metrics.registry.contentType)
		return c.body(await metrics.registry.metrics())
	})


	const createRoomKey: MiddlewareHandler<Env> = async (c, next) => {
		if (config.createRoomKey && !sameSecret(bearer(c.req.header('authorization')) ?? '', config.createRoomKey)) {
			fail(401, 'making a room on this server needs its room-creation key (Authorization: Bearer <key>)')
		}
		await next()
	}
	const outcomes = new Outcomes(sync, workshops, rooms)
	// The streets of the map's tiles for the reports' and the public page's picture of the map.
	const mapPmtiles = config.map.pmtiles
	const mapStreets = mapPmtiles ? (bounds: [number, number, number, number]) => streetsIn(mapPmtiles, bounds) : undefined
	app.route(
		'/api',
		apiRoutes({
			workshops,
			outcomes,
			rooms,
			assets,
			origin,
			maxUploadBytes: config.maxUploadBytes,
			uploadQuotaBytes: config.uploadQuotaBytes,
			joinLimit: rateLimit(rates.limiter('joins', config.joinsPerIpPerMinute, 60), addressOf, 'joins'),
			proposalLimit: rates.limiter('proposals', config.proposalsPerPersonPerMinute, 60),
			createLimit: [createRoomKey, rateLimit(rates.limiter('rooms', config.roomsPerIpPerHour, 3600), addressOf, 'rooms made')],
			tldrawLicenseKey: config.tldrawLicenseKey,
			log: (data, message) => logger.info(data, message),
			streets: mapStreets,
		}),
	)
	app.route('/api/map', mapRoutes(config.map, (data, message) => logger.warn(data, message)))
	app.route('/p/:id/:secret', publicRoutes({ outcomes, rooms, replyLimit: rates.limiter('replies', config.repliesPerIpPerHour, 3600), addressOf, origin, community: (room) => workshops.community.state(room), evaluation: (room) => workshops.evaluation.totals(room), streets: mapStreets }))

	app.get(
		'/api/openapi.json',
		openAPIRouteHandler(app, {
			documentation: {
				info: { title: 'Cyd', version: '0.1.0', description: "Cyd's HTTP API: rooms, joining, the facilitator's controls, votes, agreement, exports." },
				components: { securitySchemes: { session: { type: 'http', scheme: 'bearer', description: 'A session token from joining (or a link token where a route says so)' } } },
			},
		}),
	)
	app.get('/api/docs', (c) => c.html(referencePage()))
	app.get('/api/docs/reference.js', (c) => c.body(referenceScript, 200, { 'content-type': 'text/javascript; charset=utf-8' }))

	app.get('/uploads/:room/:name', async (c) => {
		const room = c.req.param('room')
		const found = isRoomId(room) ? await assets.get(room, c.req.param('name')) : null
		if (!found) return c.text('not found', 404)
		c.header('Content-Type', found.type)
		c.header('Cache-Control', 'public, max-age=31536000, immutable')
		c.header('X-Content-Type-Options', 'nosniff')
		c.header('Content-Security-Policy', "default-src 'none'")
		return c.body(Buffer.from(found.bytes))
	})

	/** The websocket of one of a room's documents: the canvas, or the workshop state (read-only for all). */
	const syncRoute = (kind: 'canvas' | 'workshop') => [
		async (c: Context<Env>, next: () => Promise<void>) => {
			const room = c.req.param('room') ?? ''
			if (!originAllowed(c.req.header('origin'), c.req.header('host'), config.publicUrl, config.allowedOrigins)) {
				return problem(c, 403, 'websocket connections from this origin are not allowed')
			}
			if (!isRoomId(room) || !(await rooms.getRoom(room))) return problem(c, 404, 'no such room')
			if (shuttingDown) return problem(c, 503, 'shutting down')
			const document = kind === 'canvas' ? room : workshopDocument(room)
			if (!sync.hasRoomFor(document)) return problem(c, 503, 'the room is full')
			const address = addressOf(c)
			await loadCanvasGuard()
			const admission = await workshops.live.admit(room, c.req.query('token'), kind, address, { table: c.req.query('table') === '1' })
			if (isProblem(admission)) return problem(c, admission.status, admission.error)
			const refused = guard.admit(address)
			if (refused) {
				admission.release()
				admission.leave()
				return problem(c, 429, refused)
			}
			c.set('admission', { ...admission, release: once(admission.release) })
			await next()
		},
		upgradeSocket((c) => {
			const room = c.req.param('room') ?? ''
			const address = addressOf(c)
			const admission = c.get('admission')
			let connection: SyncConnection | null = null
			const release = once(() => {
				guard.release(address)
				admission.release()
				admission.leave()
				if (connection) workshops.live.detach(connection, room)
			})
			return {
				onOpen(raw) {
					// ws frames through its net.Socket; corking that socket joins a flush's frames in one write.
					const socket = socketOf(raw)
					connection = sync.connect(
						{
							send: (data) => raw.send(data),
							close: (code, reason) => raw.close(code, reason),
							get bufferedAmount() {
								return raw.bufferedAmount
							},
							cork: () => socket?.cork(),
							uncork: () => socket?.uncork(),
						},
						kind === 'canvas' ? room : workshopDocument(room),
						admission.access,
						admission.identity,
					)
					workshops.live.attach(connection, admission.identity, kind, admission.table)
					admission.release()
				},
				onMessage(data) {
					connection?.receive(data)
				},
				onClose() {
					release()
					connection?.socketClosed()
				},
				onError(error) {
					logger.debug({ err: error, room }, 'websocket error')
					release()
				},
			}
		}),
	] as const
	app.get('/sync/:room', ...syncRoute('canvas'))
	app.get('/sync/:room/workshop', ...syncRoute('workshop'))

	// Checking a receipt, and the privacy notice (pages.ts).
	app.route('/', pageRoutes(workshops.recognition))

	app.all('/api/*', (c) => problem(c, 404, 'no such endpoint'))
	app.all('/uploads/*', (c) => c.text('not found', 404))
	app.all('/sync/*', (c) => problem(c, 404, 'no such room'))

	if (existsSync(join(config.webDir, 'index.html'))) {
		const indexHtml = await readFile(join(config.webDir, 'index.html'), 'utf8')
		app.use('/*', serveStatic({ root: config.webDir }))
		app.get('*', (c) => c.html(indexHtml))
	} else {
		logger.warn({ webDir: config.webDir }, 'web app not built; serving the API only')
	}

	const server: ServerType = await new Promise((resolve) => {
		const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s))
	})
	const http = server as Server
	injectInto(http)
	// Keep idle HTTP connections longer than the clients and proxies that reuse them (Node's 5 s default
	// races a client sending on a connection just as the server closes it: the request is reset). Closing
	// drops whatever connections remain once everything is stored, so this never holds a shutdown.
	http.keepAliveTimeout = 65_000
	http.headersTimeout = 66_000
	const port = (server.address() as AddressInfo).port
	logger.info({ port, dataDir: config.dataDir, storage: backend.storage, fanOut: backend.fanOut }, 'cyd listening')
	for (const warning of startupWarnings(config)) logger.warn(warning.data, warning.message)

	return {
		port,
		url: `http://127.0.0.1:${port}`,
		sync,
		workshops,
		backend,
		storage: backend.sqlite,
		async close() {
			if (shuttingDown) return
			shuttingDown = true
			clearInterval(sweeper)
			clearInterval(retention)
			const closed = new Promise<void>((resolve) => server.close(() => resolve()))
			const { finished, unsaved } = await storeBeforeDeadline(
				sync,
				async () => {
					await workshops.close()
					await rates.close()
				},
				config.shutdownDeadlineMs,
			)
			for (const client of wss.clients) client.terminate()
			// Idle keep-alive connections and requests still half sent would hold `server.close` for up to a
			// minute; everything is stored by now, so they are dropped.
			http.closeAllConnections()
			if (!finished || unsaved.length > 0) {
				const error = new ShutdownError(unsaved, config.shutdownDeadlineMs)
				logger.error({ documents: unsaved, deadlineMs: config.shutdownDeadlineMs }, error.message)
				// Not awaited: closing a database that stopped answering can wait for ever.
				backend.close().catch(() => undefined)
				throw error
			}
			await closed
			await backend.close()
			logger.info({}, 'cyd stopped')
		},
	}
}
