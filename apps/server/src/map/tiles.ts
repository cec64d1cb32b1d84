/**
 * The neighbourhood map's tiles: a PMTiles archive the deployer names (MAP_PMTILES), served from this
 * server with HTTP range requests so that a hall with no internet still has its map, or a tile URL
 * template with its attribution (MAP_TILE_URL, MAP_ATTRIBUTION) for deployments online. Mounted at
 * `/api/map`: `GET /api/map/source` says which the web app should use; `GET /api/map/tiles.pmtiles` is
 * the archive, one byte range at a time (206 with Content-Range; 416 for a range it cannot serve).
 * @module
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { Hono } from 'hono'
import { describeRoute } from 'hono-openapi'
import type { Env } from '../env.js'
import { fail } from '../http/errors.js'

export interface MapSourceConfig {
	/** Path of a PMTiles (v3) archive of vector tiles, or null. */
	pmtiles: string | null
	/** A raster tile URL template ({z}/{x}/{y}) for deployments online, or null. */
	tileUrl: string | null
	/** What the tiles' licence asks to be shown with them. */
	attribution: string
}

/** What the web app is told of the map's tiles. */
export interface MapSource {
	/** Where the PMTiles archive is served (this server), or null. */
	pmtiles: string | null
	tileUrl: string | null
	attribution: string
}

export const PMTILES_PATH = '/api/map/tiles.pmtiles'

/** A byte range of a file of `size` bytes, inclusive, or why it cannot be served. */
export type ByteRange = { start: number; end: number } | { problem: string }

/**
 * The one byte range of a Range header (RFC 9110 §14.1.2): `bytes=a-b`, `bytes=a-` or `bytes=-n`. Several
 * ranges, another unit, a start past the end or a start after the end cannot be served (416).
 */
export function parseRange(header: string, size: number): ByteRange {
	const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
	if (!match) return { problem: header.includes(',') ? 'only one byte range is served at a time' : 'Range must be bytes=start-end, bytes=start- or bytes=-length' }
	const [, first, last] = match as unknown as [string, string, string]
	if (first === '' && last === '') return { problem: 'Range must name a start or a length' }
	if (first === '') {
		const length = Number(last)
		if (length === 0 || size === 0) return { problem: 'a range of no bytes cannot be served' }
		return { start: Math.max(0, size - length), end: size - 1 }
	}
	const start = Number(first)
	const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
	if (start >= size) return { problem: `the range starts past the end of the file (${size} bytes)` }
	if (Number(last) < start && last !== '') return { problem: 'the range ends before it starts' }
	return { start, end }
}

const streamOf = (path: string, start: number, end: number) => Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream<Uint8Array>

export function mapRoutes(config: MapSourceConfig, warn: (data: object, message: string) => void) {
	let warnedMissing = false
	const source: MapSource = { pmtiles: config.pmtiles ? PMTILES_PATH : null, tileUrl: config.tileUrl, attribution: config.attribution }
	return new Hono<Env>()
		.get('/source', describeRoute({ summary: "Where the neighbourhood map's tiles come from: this server's PMTiles archive, a tile URL template, or none", tags: ['map'] }), (c) =>
			c.json(source),
		)
		.get('/tiles.pmtiles', describeRoute({ summary: 'The PMTiles archive of the map (HTTP range requests)', tags: ['map'] }), async (c) => {
			if (!config.pmtiles) fail(404, 'this server has no map tiles (set MAP_PMTILES to a .pmtiles file)')
			const file = await stat(config.pmtiles).catch(() => null)
			if (!file?.isFile()) {
				if (!warnedMissing) {
					warnedMissing = true
					warn({ path: config.pmtiles }, 'MAP_PMTILES names no file')
				}
				fail(404, 'the map tiles file is missing on this server')
			}
			warnedMissing = false
			const size = file.size
			// Changes when the deployer replaces the file; PMTiles clients read it to notice.
			const etag = `"${size.toString(36)}-${Math.floor(file.mtimeMs).toString(36)}"`
			c.header('Accept-Ranges', 'bytes')
			c.header('ETag', etag)
			c.header('Content-Type', 'application/vnd.pmtiles')
			c.header('Cache-Control', 'public, max-age=300')
			c.header('X-Content-Type-Options', 'nosniff')
			const range = c.req.header('range')
			const ifRange = c.req.header('if-range')
			// A Range with an If-Range naming another version of the file: the whole (new) file instead.
			if (range === undefined || (ifRange !== undefined && ifRange !== etag)) {
				c.header('Content-Length', String(size))
				return c.req.method === 'HEAD' || size === 0 ? c.body(null, 200) : c.body(streamOf(config.pmtiles, 0, size - 1), 200)
			}
			const wanted = parseRange(range, size)
			if ('problem' in wanted) {
				c.header('Content-Range', `bytes */${size}`)
				return c.json({ error: wanted.problem }, 416)
			}
			c.header('Content-Range', `bytes ${wanted.start}-${wanted.end}/${size}`)
			c.header('Content-Length', String(wanted.end - wanted.start + 1))
			return c.req.method === 'HEAD' ? c.body(null, 206) : c.body(streamOf(config.pmtiles, wanted.start, wanted.end), 206)
		})
}
