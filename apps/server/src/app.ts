/**
 * The composition root: the Hono app (HTTP API, `/sync` websocket upgrade, the built web app) wired to the
 * sync core and SQLite storage.
 * @module
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Socket, type AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { createNodeWebSocket } from '@hono/node-ws'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import pino, { type Logger } from 'pino'
import { MAX_ROOM_TITLE, isLanguage, isRoomId, newRoomId, workshopDocument, type RoomInfo } from '@cyd/model'
import type { SqliteStorage } from '@cyd/storage-sqlite'
import { SyncServer, type DocumentStorage, type SyncConnection } from '@cyd/sync'
import { AssetStore, sniffImage } from './assets.js'
import { openBackend, type Backend } from './backend.js'
import { AddressGuard, originAllowed } from './guard.js'
import { joinUrl, registerWorkshopRoutes } from './workshop/routes.js'
import { Outcomes } from './workshop/outcomes.js'
import { Workshops } from './workshop/service.js'
import type { Env } from './env.js'
import { isProblem, loadSecret, TokenSigner } from './workshop/tokens.js'
import type { Config } from './config.js'
import { createMetrics } from './metrics.js'

export interface RunningServer {
	port: number
	url: string
	sync: SyncServer
	/** The workshop service (links, people, the facilitator's controls). */
	workshops: Workshops
	backend: Backend
	/** The SQLite store when that is the storage, else null. */
	storage: SqliteStorage | null
	/** Flushes every document to disk and closes every connection and the database. */
	close(): Promise<void>
}

function problem(c: Context<Env>, status: 400 | 401 | 403 | 404 | 413 | 415 | 429 | 503, error: string) {
	return c.json({ error }, status)
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
	const assets = new AssetStore(join(config.dataDir, 'assets'))
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
		},
		maxConnectionsPerDocument: config.limits.maxConnectionsPerRoom,
		idleUnloadMs: config.idleUnloadMs,
	})
	metrics.observe(sync)
	const signer = new TokenSigner(loadSecret(config.dataDir, config.secret))
	const workshops = new Workshops(sync, signer, config.linkLifetimeDays * 24 * 3600 * 1000)
	let shuttingDown = false

	const guard = new AddressGuard(config.limits.maxConnectionsPerIp, config.limits.connectionsPerIpPerMinute)
	const sweeper = setInterval(() => guard.sweep(), 60_000).unref()
	const clientAddress = (c: Context<Env>) => {
		if (config.trustProxy) {
			const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
			if (forwarded) return forwarded
		}
		return c.env.incoming.socket.remoteAddress ?? 'unknown'
	}

	const app = new Hono<Env>()
	app.use(
		'*',
		secureHeaders({
			contentSecurityPolicy: {
				defaultSrc: ["'self'"],
				scriptSrc: ["'self'"],
				styleSrc: ["'self'", "'unsafe-inline'"],
				imgSrc: ["'self'", 'data:', 'blob:'],
				fontSrc: ["'self'", 'data:'],
				connectSrc: ["'self'", 'ws:', 'wss:'],
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
	const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app })
	// Frames past twice the limit are cut off by ws itself (1009); smaller oversized ones get a reason from the core.
	wss.options.maxPayload = config.maxMessageBytes * 2

	const origin = (c: Context) => config.publicUrl || new URL(c.req.url).origin

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

	app.get('/api/config', (c) => c.json({ tldrawLicenseKey: config.tldrawLicenseKey }))

	app.post('/api/rooms', bodyLimit({ maxSize: 16 * 1024, onError: (c) => problem(c, 413, 'request body too large') }), async (c) => {
		let body: unknown
		try {
			body = await c.req.json()
		} catch {
			return problem(c, 400, 'body must be JSON: { "title": string, "language": "en" | "cy" }')
		}
		if (typeof body !== 'object' || body === null || Array.isArray(body)) return problem(c, 400, 'body must be a JSON object')
		const { title = '', language = 'en' } = body as { title?: unknown; language?: unknown }
		if (typeof title !== 'string' || title.length > MAX_ROOM_TITLE) {
			return problem(c, 400, `title must be a string of at most ${MAX_ROOM_TITLE} characters`)
		}
		if (!isLanguage(language)) return problem(c, 400, 'language must be "en" or "cy"')
		const room: RoomInfo = { id: newRoomId(), title: title.trim(), language, createdAt: new Date().toISOString() }
		await rooms.createRoom(room)
		const tokens = await workshops.createLinks(room.id)
		const links = Object.fromEntries(Object.entries(tokens).map(([role, token]) => [role, joinUrl(origin(c), room.id, token)]))
		logger.info({ room: room.id }, 'room created')
		// `url` is the facilitator's link: whoever creates a room runs it.
		return c.json({ ...room, url: links.facilitator, links }, 201)
	})

	app.get('/api/rooms/:id', async (c) => {
		const id = c.req.param('id')
		const room = isRoomId(id) ? await rooms.getRoom(id) : null
		if (!room) return problem(c, 404, 'no such room')
		return c.json(room)
	})

	app.post(
		'/api/rooms/:id/assets',
		bodyLimit({
			maxSize: config.maxUploadBytes,
			onError: (c) => problem(c, 413, `images may be at most ${config.maxUploadBytes} bytes`),
		}),
		async (c) => {
			const id = c.req.param('id')
			if (!isRoomId(id) || !(await rooms.getRoom(id))) return problem(c, 404, 'no such room')
			const bytes = new Uint8Array(await c.req.arrayBuffer())
			const image = sniffImage(bytes)
			if (!image) return problem(c, 415, 'only PNG, JPEG, GIF and WebP images are accepted')
			const name = await assets.put(id, bytes, image.ext)
			return c.json({ url: `/uploads/${id}/${name}` }, 201)
		},
	)

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
			const admission = await workshops.admit(room, c.req.query('token'), kind)
			if (isProblem(admission)) return problem(c, admission.status, admission.error)
			const refused = guard.admit(clientAddress(c))
			if (refused) {
				admission.release()
				return problem(c, 429, refused)
			}
			c.set('admission', { ...admission, release: once(admission.release) })
			await next()
		},
		upgradeWebSocket((c: Context<Env>) => {
			const room = c.req.param('room') ?? ''
			const address = clientAddress(c)
			const admission = c.get('admission')
			let connection: SyncConnection | null = null
			const release = once(() => {
				guard.release(address)
				admission.release()
				if (connection) workshops.detach(connection, room)
			})
			return {
				onOpen(_event, ws) {
					const raw = ws.raw!
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
					workshops.attach(connection, admission.identity, kind)
					admission.release()
				},
				onMessage(event) {
					const data = event.data
					connection?.receive(typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer))
				},
				onClose() {
					release()
					connection?.socketClosed()
				},
				onError() {
					release()
				},
			}
		}),
	] as const
	app.get('/sync/:room', ...syncRoute('canvas'))
	app.get('/sync/:room/workshop', ...syncRoute('workshop'))
	registerWorkshopRoutes(app, { workshops, outcomes: new Outcomes(sync, workshops, rooms), rooms, origin })

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
	injectWebSocket(server)
	const port = (server.address() as AddressInfo).port
	logger.info({ port, dataDir: config.dataDir, storage: backend.storage, fanOut: backend.fanOut }, 'cyd listening')

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
			await workshops.flushCounts()
			const closed = new Promise<void>((resolve) => server.close(() => resolve()))
			workshops.close()
			await sync.close()
			for (const client of wss.clients) client.terminate()
			await closed
			await backend.close()
			logger.info({}, 'cyd stopped')
		},
	}
}
