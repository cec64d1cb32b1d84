/**
 * A small PMTiles (v3) archive of vector tiles, made by the tests themselves: a few Mapbox Vector Tiles
 * (protocol buffers written by hand here) over a made-up neighbourhood, in the layers of the Protomaps
 * basemap that Cyd's map style draws (earth, landuse, water, roads, buildings). Tiles and directories are
 * stored uncompressed. Every tile from zoom 0 to `maxZoom` that covers `centre` is in it.
 * @module
 */
import { writeFileSync } from 'node:fs'

export interface FixtureOptions {
	centre: { lon: number; lat: number }
	maxZoom?: number
}

// --- protocol buffers: just what a vector tile needs ---

function varint(out: number[], value: number): void {
	let v = value
	while (v >= 0x80) {
		out.push((v & 0x7f) | 0x80)
		v = Math.floor(v / 128)
	}
	out.push(v)
}
const zigzag = (n: number) => (n << 1) ^ (n >> 31)
const key = (field: number, wire: number) => (field << 3) | wire
function bytesField(out: number[], field: number, bytes: number[] | Uint8Array): void {
	varint(out, key(field, 2))
	varint(out, bytes.length)
	out.push(...bytes)
}
function varintField(out: number[], field: number, value: number): void {
	varint(out, key(field, 0))
	varint(out, value)
}
function packed(values: number[]): number[] {
	const out: number[] = []
	for (const v of values) varint(out, v)
	return out
}

type Ring = Array<[number, number]>
interface Feature {
	type: 1 | 2 | 3
	/** Lines or rings in tile coordinates (0..4096). */
	parts: Ring[]
	tags?: number[]
}

/** The geometry commands of a feature (MoveTo, LineTo, ClosePath), with zigzag deltas. */
function geometry(feature: Feature): number[] {
	const out: number[] = []
	let cx = 0
	let cy = 0
	for (const part of feature.parts) {
		const points = feature.type === 3 ? part.slice(0, -1) : part
		const [first, ...rest] = points
		out.push((1 & 0x7) | (1 << 3), zigzag(first![0] - cx), zigzag(first![1] - cy))
		cx = first![0]
		cy = first![1]
		if (rest.length > 0) {
			out.push((2 & 0x7) | (rest.length << 3))
			for (const [x, y] of rest) {
				out.push(zigzag(x - cx), zigzag(y - cy))
				cx = x
				cy = y
			}
		}
		if (feature.type === 3) out.push((7 & 0x7) | (1 << 3))
	}
	return out
}

function layer(name: string, features: Feature[], keys: string[] = [], values: string[] = []): number[] {
	const out: number[] = []
	varintField(out, 15, 2)
	bytesField(out, 1, [...Buffer.from(name)])
	for (const [i, f] of features.entries()) {
		const body: number[] = []
		varintField(body, 1, i + 1)
		if (f.tags?.length) bytesField(body, 2, packed(f.tags))
		varintField(body, 3, f.type)
		bytesField(body, 4, packed(geometry(f)))
		bytesField(out, 2, body)
	}
	for (const k of keys) bytesField(out, 3, [...Buffer.from(k)])
	for (const v of values) {
		const value: number[] = []
		bytesField(value, 1, [...Buffer.from(v)])
		bytesField(out, 4, value)
	}
	varintField(out, 5, 4096)
	return out
}

const square = (x0: number, y0: number, x1: number, y1: number): Ring => [
	[x0, y0],
	[x1, y0],
	[x1, y1],
	[x0, y1],
	[x0, y0],
]

/** One vector tile: land everywhere, a park, a river, two roads and a few buildings (the same in every tile). */
export function vectorTile(): Uint8Array {
	const out: number[] = []
	bytesField(out, 3, layer('earth', [{ type: 3, parts: [square(0, 0, 4096, 4096)] }]))
	bytesField(out, 3, layer('landuse', [{ type: 3, parts: [square(400, 400, 1600, 1400)], tags: [0, 0] }], ['kind'], ['park']))
	bytesField(out, 3, layer('water', [{ type: 3, parts: [square(0, 3000, 4096, 3400)], tags: [0, 0] }], ['kind'], ['river']))
	bytesField(
		out,
		3,
		layer(
			'roads',
			[
				{ type: 2, parts: [[[0, 2048], [4096, 2048]]], tags: [0, 0] },
				{ type: 2, parts: [[[2048, 0], [2048, 4096]]], tags: [0, 1] },
			],
			['kind'],
			['major_road', 'minor_road'],
		),
	)
	bytesField(out, 3, layer('buildings', [2300, 2700, 3100].map((x) => ({ type: 3 as const, parts: [square(x, 2300, x + 250, 2600)] }))))
	return Uint8Array.from(out)
}

// --- the archive ---

/** The tile of a place at a zoom (Web Mercator, XYZ). */
export function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
	const n = 2 ** z
	const phi = (lat * Math.PI) / 180
	return { x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n) }
}

/** PMTiles' tile id: tiles of lower zooms first, then along a Hilbert curve (the spec's zxyToTileId). */
export function tileId(z: number, x: number, y: number): number {
	let acc = ((1 << z) * (1 << z) - 1) / 3
	let a = z - 1
	let [tx, ty] = [x, y]
	for (let s = 1 << a; s > 0; s >>= 1) {
		const rx = tx & s
		const ry = ty & s
		acc += ((3 * rx) ^ ry) * (1 << a)
		if (ry === 0) [tx, ty] = rx !== 0 ? [s - 1 - ty, s - 1 - tx] : [ty, tx]
		a--
	}
	return acc
}

function u64(view: DataView, at: number, value: number): void {
	view.setUint32(at, value % 2 ** 32, true)
	view.setUint32(at + 4, Math.floor(value / 2 ** 32), true)
}

/** The archive's bytes. One tile's content is stored once and every tile entry points at it. */
export function pmtilesFixture({ centre, maxZoom = 16 }: FixtureOptions): Uint8Array {
	const tile = vectorTile()
	const ids = Array.from({ length: maxZoom + 1 }, (_, z) => {
		const { x, y } = tileOf(centre.lon, centre.lat, z)
		return tileId(z, x, y)
	}).sort((a, b) => a - b)
	// The root directory: ids (delta), run lengths, lengths, offsets (+1, or 0 for "right after the last").
	const dir: number[] = []
	varint(dir, ids.length)
	let last = 0
	for (const id of ids) {
		varint(dir, id - last)
		last = id
	}
	for (const _ of ids) varint(dir, 1)
	for (const _ of ids) varint(dir, tile.length)
	// Every entry points at the one tile at offset 0 (written as 0 + 1).
	for (const _ of ids) varint(dir, 1)
	const metadata = Buffer.from(
		JSON.stringify({
			name: 'Cyd test neighbourhood',
			attribution: 'Made by the tests',
			vector_layers: ['earth', 'landuse', 'water', 'roads', 'buildings'].map((id) => ({ id, fields: {}, minzoom: 0, maxzoom: maxZoom })),
		}),
	)
	const header = new Uint8Array(127)
	const view = new DataView(header.buffer)
	header.set(Buffer.from('PMTiles'), 0)
	header[7] = 3
	const rootOffset = 127
	const metadataOffset = rootOffset + dir.length
	const tileOffset = metadataOffset + metadata.length
	u64(view, 8, rootOffset)
	u64(view, 16, dir.length)
	u64(view, 24, metadataOffset)
	u64(view, 32, metadata.length)
	u64(view, 40, tileOffset)
	u64(view, 48, 0)
	u64(view, 56, tileOffset)
	u64(view, 64, tile.length)
	u64(view, 72, ids.length)
	u64(view, 80, ids.length)
	u64(view, 88, 1)
	header[96] = 0 // not clustered: entries share one tile
	header[97] = 1 // directories: no compression
	header[98] = 1 // tiles: no compression
	header[99] = 1 // Mapbox Vector Tiles
	header[100] = 0
	header[101] = maxZoom
	view.setInt32(102, Math.round((centre.lon - 1) * 1e7), true)
	view.setInt32(106, Math.round((centre.lat - 1) * 1e7), true)
	view.setInt32(110, Math.round((centre.lon + 1) * 1e7), true)
	view.setInt32(114, Math.round((centre.lat + 1) * 1e7), true)
	header[118] = Math.min(14, maxZoom)
	view.setInt32(119, Math.round(centre.lon * 1e7), true)
	view.setInt32(123, Math.round(centre.lat * 1e7), true)
	const out = new Uint8Array(tileOffset + tile.length)
	out.set(header, 0)
	out.set(dir, rootOffset)
	out.set(metadata, metadataOffset)
	out.set(tile, tileOffset)
	return out
}

/** Writes the archive to `path`; answers its bytes. */
export function writePmtilesFixture(path: string, options: FixtureOptions): Uint8Array {
	const bytes = pmtilesFixture(options)
	writeFileSync(path, bytes)
	return bytes
}
