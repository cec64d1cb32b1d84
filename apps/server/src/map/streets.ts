/**
 * The streets of the server's PMTiles archive over an area, for the reports' picture of the map: the
 * archive is read from its file (a few byte ranges, as the web app reads it over HTTP), the vector tiles
 * that cover the area at one zoom are decoded (Mapbox Vector Tile protocol buffers, read here), and the
 * lines of their roads layer come back as [longitude, latitude].
 * @module
 */
import { open } from 'node:fs/promises'
import { PMTiles, type RangeResponse, type Source } from 'pmtiles'
import type { MapStreets } from '@cyd/export'

/** The layers that hold roads: the Protomaps basemap's, and OpenMapTiles'. */
const ROAD_LAYERS = new Set(['roads', 'transportation'])
/** Most tiles read for one picture, and most points kept. */
const MAX_TILES = 16
const MAX_POINTS = 20_000

/** A PMTiles source that reads the archive's file. */
class FileRanges implements Source {
	constructor(private readonly path: string) {}
	getKey(): string {
		return this.path
	}
	async getBytes(offset: number, length: number): Promise<RangeResponse> {
		const handle = await open(this.path, 'r')
		try {
			const bytes = new Uint8Array(length)
			const { bytesRead } = await handle.read(bytes, 0, length, offset)
			return { data: bytes.buffer.slice(0, bytesRead) }
		} finally {
			await handle.close()
		}
	}
}

// --- protocol buffers: just what reading a vector tile needs ---

class Reader {
	at = 0
	constructor(
		private readonly bytes: Uint8Array,
		readonly end = bytes.length,
	) {}
	varint(): number {
		let value = 0
		let shift = 1
		for (;;) {
			const byte = this.bytes[this.at++]
			if (byte === undefined) throw new Error('a vector tile ends inside a number')
			value += (byte & 0x7f) * shift
			if (byte < 0x80) return value
			shift *= 128
		}
	}
	/** A length-delimited field's bytes, as a reader of their own. */
	sub(): Reader {
		const length = this.varint()
		const reader = new Reader(this.bytes, this.at + length)
		reader.at = this.at
		this.at += length
		return reader
	}
	skip(wire: number): void {
		if (wire === 0) this.varint()
		else if (wire === 1) this.at += 8
		else if (wire === 2) {
			// The length first: `at += varint()` would add to where `at` was before the length was read.
			const length = this.varint()
			this.at += length
		}
		else if (wire === 5) this.at += 4
		else throw new Error(`a vector tile has a field of wire type ${wire}`)
	}
	text(): string {
		const sub = this.sub()
		return new TextDecoder().decode(this.bytes.subarray(sub.at, sub.end))
	}
}

const unzigzag = (n: number) => (n % 2 === 1 ? -(n + 1) / 2 : n / 2)

/** The lines of a feature's geometry, in tile coordinates. */
function linesOf(geometry: Reader): Array<Array<[number, number]>> {
	const lines: Array<Array<[number, number]>> = []
	let x = 0
	let y = 0
	let line: Array<[number, number]> = []
	while (geometry.at < geometry.end) {
		const command = geometry.varint()
		const id = command & 7
		const count = command >> 3
		if (id === 7) {
			if (line[0]) line.push(line[0])
			continue
		}
		for (let i = 0; i < count; i++) {
			x += unzigzag(geometry.varint())
			y += unzigzag(geometry.varint())
			if (id === 1) {
				if (line.length > 1) lines.push(line)
				line = []
			}
			line.push([x, y])
		}
	}
	if (line.length > 1) lines.push(line)
	return lines
}

/** The road lines of one vector tile, in tile coordinates, with the tile's extent. */
export function roadsOfTile(bytes: Uint8Array): Array<{ extent: number; lines: Array<Array<[number, number]>> }> {
	const tile = new Reader(bytes)
	const found: Array<{ extent: number; lines: Array<Array<[number, number]>> }> = []
	while (tile.at < tile.end) {
		const key = tile.varint()
		if (key >> 3 !== 3 || (key & 7) !== 2) {
			tile.skip(key & 7)
			continue
		}
		const layer = tile.sub()
		let name = ''
		let extent = 4096
		const geometries: Reader[] = []
		while (layer.at < layer.end) {
			const field = layer.varint()
			if (field >> 3 === 1 && (field & 7) === 2) name = layer.text()
			else if (field >> 3 === 5 && (field & 7) === 0) extent = layer.varint()
			else if (field >> 3 === 2 && (field & 7) === 2) {
				const feature = layer.sub()
				let type = 0
				let geometry: Reader | null = null
				while (feature.at < feature.end) {
					const f = feature.varint()
					if (f >> 3 === 3 && (f & 7) === 0) type = feature.varint()
					else if (f >> 3 === 4 && (f & 7) === 2) geometry = feature.sub()
					else feature.skip(f & 7)
				}
				if (type === 2 && geometry) geometries.push(geometry)
			} else layer.skip(field & 7)
		}
		if (ROAD_LAYERS.has(name)) found.push({ extent, lines: geometries.flatMap(linesOf) })
	}
	return found
}

const lonOf = (x: number) => x * 360 - 180
const latOf = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI
const mercatorX = (lon: number) => (lon + 180) / 360
const mercatorY = (lat: number) => {
	const sin = Math.sin((lat * Math.PI) / 180)
	return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)
}

/**
 * The roads of the archive at `path` over `bounds` ([west, south, east, north] in degrees), from the
 * tiles of the deepest zoom at which a few cover it (or the archive's deepest). Tiles the archive lacks
 * are left out; a file that is missing or is not an archive of vector tiles answers null.
 */
export async function streetsIn(path: string, bounds: [number, number, number, number]): Promise<MapStreets | null> {
	const archive = new PMTiles(new FileRanges(path))
	const header = await archive.getHeader()
	// Tile type 1: Mapbox Vector Tiles.
	if (header.tileType !== 1) return null
	const [west, south, east, north] = bounds
	const x0 = mercatorX(west)
	const x1 = mercatorX(east)
	const y0 = mercatorY(north)
	const y1 = mercatorY(south)
	const span = Math.max(x1 - x0, y1 - y0, 1e-9)
	let z = Math.max(header.minZoom, Math.min(header.maxZoom, Math.floor(Math.log2(1 / span)) + 1))
	const tilesAt = (zoom: number) => {
		const n = 2 ** zoom
		const clampTile = (v: number) => Math.max(0, Math.min(n - 1, Math.floor(v * n)))
		return { n, xs: [clampTile(x0), clampTile(x1)] as const, ys: [clampTile(y0), clampTile(y1)] as const }
	}
	let tiles = tilesAt(z)
	while (z > header.minZoom && (tiles.xs[1] - tiles.xs[0] + 1) * (tiles.ys[1] - tiles.ys[0] + 1) > MAX_TILES) tiles = tilesAt(--z)
	const roads: MapStreets['roads'] = []
	let points = 0
	for (let x = tiles.xs[0]; x <= tiles.xs[1]; x++) {
		for (let y = tiles.ys[0]; y <= tiles.ys[1]; y++) {
			const tile = await archive.getZxy(z, x, y)
			if (!tile) continue
			for (const { extent, lines } of roadsOfTile(new Uint8Array(tile.data))) {
				for (const line of lines) {
					if (points + line.length > MAX_POINTS) return { roads }
					points += line.length
					roads.push(line.map(([tx, ty]) => [lonOf((x + tx / extent) / tiles.n), latOf((y + ty / extent) / tiles.n)]))
				}
			}
		}
	}
	return { roads }
}
