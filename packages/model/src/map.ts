/**
 * The neighbourhood map of a room: the area and zoom the facilitator sets, the fixed mapping between the
 * board's page coordinates and WGS 84 longitude and latitude, and the items pinned to the map.
 *
 * The mapping is Web Mercator (EPSG:3857) at the room's reference zoom, with 512-pixel tiles as MapLibre
 * counts them: one page unit is one pixel at `referenceZoom`, and page (0, 0) is `origin`. Both are fixed
 * the first time the facilitator sets the map and kept after, so moving the view later never moves a pin.
 *
 * A pin is any shape of the board with `meta.pin` (an object, with the name of its place as `place`): its
 * point is the centre of the shape on the page, so dragging the shape moves the pin on every screen.
 * @module
 */
import { Board, centreOf, strokesOf, toPage } from './board/geometry.js'
import { plainText } from './stakeholders/extract.js'
import type { Author } from './design.js'

export interface LonLat {
	/** Degrees east, -180 .. 180. */
	lon: number
	/** Degrees north, within Web Mercator's -85.051129 .. 85.051129. */
	lat: number
}

/** West, south, east, north, in degrees. */
export type Bounds = [number, number, number, number]

/** The map of a room, as the facilitator set it (kept in the workshop document under `map`). */
export interface MapSettings {
	/** Where the view opens: its centre and its Web Mercator zoom (512-pixel tiles). */
	centre: LonLat
	zoom: number
	/** Where the map may be panned to, or null for anywhere. */
	bounds: Bounds | null
	/** The place at page (0, 0), fixed when the map was first set. */
	origin: LonLat
	/** The zoom at which one page unit is one pixel, fixed when the map was first set. */
	referenceZoom: number
	/** Server time it was last set. */
	at: number
}

/** The map as the facilitator sends it. */
export interface MapRequest {
	centre: LonLat
	zoom: number
	bounds: Bounds | null
}

export const MIN_MAP_ZOOM = 0
export const MAX_MAP_ZOOM = 22
export const MAX_LATITUDE = 85.051129
/** Pixels of Web Mercator's world at zoom 0, as MapLibre counts them. */
export const TILE_SIZE = 512

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const str = (v: unknown): string => (typeof v === 'string' ? v : '')

export function isLonLat(v: unknown): v is LonLat {
	if (!isObject(v)) return false
	const lon = num(v.lon)
	const lat = num(v.lat)
	return lon !== null && lat !== null && lon >= -180 && lon <= 180 && lat >= -MAX_LATITUDE && lat <= MAX_LATITUDE
}

export function isBounds(v: unknown): v is Bounds {
	if (!Array.isArray(v) || v.length !== 4 || !v.every((n) => num(n) !== null)) return false
	const [w, s, e, n] = v as number[]
	return w! >= -180 && e! <= 180 && s! >= -MAX_LATITUDE && n! <= MAX_LATITUDE && w! < e! && s! < n!
}

/** What is wrong with a map request, or null when it may be stored. */
export function mapRequestProblem(request: MapRequest): string | null {
	if (!isLonLat(request.centre)) return `centre: lon -180..180 and lat -${MAX_LATITUDE}..${MAX_LATITUDE}`
	if (!(request.zoom >= MIN_MAP_ZOOM && request.zoom <= MAX_MAP_ZOOM)) return `zoom: ${MIN_MAP_ZOOM} to ${MAX_MAP_ZOOM}`
	if (request.bounds !== null) {
		if (!isBounds(request.bounds)) return 'bounds: [west, south, east, north] in degrees, west < east and south < north'
		const [w, s, e, n] = request.bounds
		const { lon, lat } = request.centre
		if (lon < w || lon > e || lat < s || lat > n) return 'centre: must lie within bounds'
	}
	return null
}

/** The settings after a facilitator's request: the origin and reference zoom stay as first set. */
export function nextMapSettings(previous: MapSettings | null, request: MapRequest, at: number): MapSettings {
	return {
		centre: request.centre,
		zoom: request.zoom,
		bounds: request.bounds,
		origin: previous?.origin ?? request.centre,
		referenceZoom: previous?.referenceZoom ?? Math.round(request.zoom),
		at,
	}
}

/** Reads the workshop document's `map` entry, or null when there is none (or it is malformed). */
export function parseMapSettings(json: unknown): MapSettings | null {
	if (!isObject(json) || !isLonLat(json.centre) || !isLonLat(json.origin)) return null
	const zoom = num(json.zoom)
	const referenceZoom = num(json.referenceZoom)
	if (zoom === null || referenceZoom === null) return null
	return {
		centre: { lon: json.centre.lon, lat: json.centre.lat },
		zoom,
		bounds: isBounds(json.bounds) ? [...json.bounds] : null,
		origin: { lon: json.origin.lon, lat: json.origin.lat },
		referenceZoom,
		at: num(json.at) ?? 0,
	}
}

/** Web Mercator x of a longitude, 0 .. 1 west to east. */
export const mercatorX = (lon: number) => (lon + 180) / 360
/** Web Mercator y of a latitude, 0 .. 1 north to south. */
export function mercatorY(lat: number): number {
	const phi = (Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI) / 180
	return (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2
}
const lonOf = (x: number) => x * 360 - 180
const latOf = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI

/** Page units across Web Mercator's whole world. */
export const worldSize = (map: Pick<MapSettings, 'referenceZoom'>) => TILE_SIZE * 2 ** map.referenceZoom

/** The page point of a place. */
export function lonLatToPage(map: Pick<MapSettings, 'origin' | 'referenceZoom'>, place: LonLat): { x: number; y: number } {
	const size = worldSize(map)
	return { x: (mercatorX(place.lon) - mercatorX(map.origin.lon)) * size, y: (mercatorY(place.lat) - mercatorY(map.origin.lat)) * size }
}

/** The place of a page point. */
export function pageToLonLat(map: Pick<MapSettings, 'origin' | 'referenceZoom'>, point: { x: number; y: number }): LonLat {
	const size = worldSize(map)
	return { lon: lonOf(mercatorX(map.origin.lon) + point.x / size), lat: latOf(mercatorY(map.origin.lat) + point.y / size) }
}

/** The Web Mercator zoom that shows the board at a camera zoom (screen pixels per page unit). */
export const mapZoomAt = (map: Pick<MapSettings, 'referenceZoom'>, cameraZoom: number) => map.referenceZoom + Math.log2(cameraZoom)
/** The camera zoom that shows the map at a Web Mercator zoom. */
export const cameraZoomFor = (map: Pick<MapSettings, 'referenceZoom'>, zoom: number) => 2 ** (zoom - map.referenceZoom)

/** The kind of item a pin is, from its shape's type. */
export const PIN_KINDS = ['note', 'card', 'asset', 'stakeholder', 'persona', 'text', 'shape', 'image'] as const
export type PinKind = (typeof PIN_KINDS)[number]
const KIND_OF: Record<string, PinKind> = {
	note: 'note',
	'cyd-card': 'card',
	'cyd-asset': 'asset',
	'cyd-stakeholder': 'stakeholder',
	'cyd-persona': 'persona',
	text: 'text',
	image: 'image',
}

/** Most characters of a pin's place name. */
export const MAX_PLACE_NAME = 200

/** One item pinned to the map. */
export interface MapPin {
	/** The item's shape id. */
	id: string
	kind: PinKind
	/** Its words (a note's text, a card's, an asset's or stakeholder's name). */
	text: string
	/** The name of its place (a street or landmark), as people gave it; '' when none. */
	place: string
	lon: number
	lat: number
	/**
	 * For a pinned drawing or shape (a rectangle, an ellipse, a freehand loop, a line of three points or
	 * more): the area it marks, as a closed ring of [longitude, latitude] (its outline, at most 200
	 * points); null for an item pinned at a point.
	 */
	area: Array<[number, number]> | null
	author: Author
}

/** Whether a shape record is pinned to the map. */
export const isPinned = (shape: { meta?: unknown }): boolean => isObject(shape.meta) && isObject(shape.meta.pin)

/** The shapes whose outline is an area when pinned. */
const AREA_TYPES = new Set(['geo', 'draw', 'line'])
const MAX_AREA_POINTS = 200

/** The area a pinned drawing or shape marks, as a closed ring of [lon, lat]; null when it marks a point. */
function areaOf(shape: Record<string, unknown>, board: Board, map: Pick<MapSettings, 'origin' | 'referenceZoom'>, round: (n: number) => number): Array<[number, number]> | null {
	if (!AREA_TYPES.has(str(shape.type))) return null
	const points = toPage(strokesOf(shape, board), board.pageMatrix(shape))[0]?.points ?? []
	if (points.length < 3) return null
	const step = Math.ceil(points.length / MAX_AREA_POINTS)
	const ring = points
		.filter((_, i) => i % step === 0)
		.map((point): [number, number] => {
			const { lon, lat } = pageToLonLat(map, point)
			return [round(lon), round(lat)]
		})
	return [...ring, ring[0]!]
}

/** The place name of a pinned shape. */
export const placeNameOf = (shape: { meta?: unknown }): string => (isObject(shape.meta) && isObject(shape.meta.pin) ? str(shape.meta.pin.place).slice(0, MAX_PLACE_NAME) : '')

/** What a pinned item says, by its kind. */
function wordsOf(shape: Record<string, unknown>): string {
	const p = isObject(shape.props) ? shape.props : {}
	if (shape.type === 'cyd-card') return str(p.text)
	if (shape.type === 'cyd-asset' || shape.type === 'cyd-stakeholder' || shape.type === 'cyd-persona') return str(p.name)
	if (shape.type === 'image') return str(p.altText)
	return plainText(p.richText).trim()
}

/**
 * The items pinned to the map, from a canvas document's records, in order of latitude (north first) then
 * longitude. Coordinates are rounded to 7 decimals (about a centimetre).
 */
export function extractPins(records: Iterable<unknown>, map: Pick<MapSettings, 'origin' | 'referenceZoom'>): MapPin[] {
	const shapes = [...records].filter((r): r is Record<string, unknown> => isObject(r) && r.typeName === 'shape')
	const board = new Board(new Map(shapes.map((s) => [str(s.id), s])))
	const round = (n: number) => Math.round(n * 1e7) / 1e7
	return shapes
		.filter(isPinned)
		.map((shape): MapPin => {
			const box = board.pageBox(shape)
			const point = box ? centreOf(box) : { x: num(shape.x) ?? 0, y: num(shape.y) ?? 0 }
			const { lon, lat } = pageToLonLat(map, point)
			const meta = shape.meta as Record<string, unknown>
			const p = isObject(shape.props) ? shape.props : {}
			return {
				id: str(shape.id),
				kind: KIND_OF[str(shape.type)] ?? 'shape',
				text: wordsOf(shape),
				place: placeNameOf(shape),
				lon: round(lon),
				lat: round(lat),
				area: areaOf(shape, board, map, round),
				author: { id: str(p.authorId) || str(meta.authorId) || str(meta.author), name: str(p.authorName) || str(meta.authorName) },
			}
		})
		.sort((a, b) => b.lat - a.lat || a.lon - b.lon || (a.id < b.id ? -1 : 1))
}

/** The map of a ServiceDesign: the area the facilitator set, and the items pinned to it. */
export interface DesignMap {
	centre: LonLat
	zoom: number
	bounds: Bounds | null
	pins: MapPin[]
}

/** A control point of a plan image: a pixel of the image (from its top left) and the place it shows. */
export interface ControlPoint {
	pixel: { x: number; y: number }
	place: LonLat
}

/** Where a plan image goes on the page: its top left, its scale (page units per image pixel) and its rotation (radians). */
export interface PlanPlacement {
	x: number
	y: number
	scale: number
	rotation: number
}

/**
 * Places a plan image (a local plan, a site drawing) on the map by two or more control points: the
 * similarity (scale, rotation, move; no shear, as the board draws an image) that takes each pixel to the
 * page point of its place, exactly for two points and by least squares for more. Null when the points do
 * not fix one (fewer than two, or all on one pixel).
 */
export function placePlan(map: Pick<MapSettings, 'origin' | 'referenceZoom'>, points: readonly ControlPoint[]): PlanPlacement | null {
	if (points.length < 2) return null
	const targets = points.map((p) => lonLatToPage(map, p.place))
	const n = points.length
	const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / n
	const px = mean(points.map((p) => p.pixel.x))
	const py = mean(points.map((p) => p.pixel.y))
	const tx = mean(targets.map((t) => t.x))
	const ty = mean(targets.map((t) => t.y))
	// a = Σ (T - T̄) · conj(p - p̄) / Σ |p - p̄|², as complex numbers: a = scale · e^(i rotation).
	let re = 0
	let im = 0
	let norm = 0
	for (const [i, p] of points.entries()) {
		const dx = p.pixel.x - px
		const dy = p.pixel.y - py
		const ex = targets[i]!.x - tx
		const ey = targets[i]!.y - ty
		re += ex * dx + ey * dy
		im += ey * dx - ex * dy
		norm += dx * dx + dy * dy
	}
	if (norm === 0) return null
	const ar = re / norm
	const ai = im / norm
	const scale = Math.hypot(ar, ai)
	if (!(scale > 0)) return null
	// The top left: b = T̄ - a · p̄.
	const x = tx - (ar * px - ai * py)
	const y = ty - (ai * px + ar * py)
	const rotation = (Math.atan2(ai, ar) + 2 * Math.PI) % (2 * Math.PI)
	return { x, y, scale, rotation }
}
