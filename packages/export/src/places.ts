/**
 * The report's section on the neighbourhood map: the area the facilitator set, a picture of the pins
 * (north up, in Web Mercator, each a numbered dot and each pinned area its outline, over the streets of
 * the server's map tiles when it has them: `ExportOptions.streets`) and a numbered table of the items pinned to it (kind and words, place name,
 * latitude and longitude in WGS 84, and, in the full report, their status). Only in the reports of a room
 * that has a map.
 * @module
 */
import { mercatorX, mercatorY, type DecisionStatus, type DesignMap, type Picture, type PicturePath, type ServiceDesign } from '@cyd/model'
import type { MessageKey } from './messages.js'
import type { Block, ReportSection } from './report.js'

/** What the section needs of the report's context. */
export interface PlacesContext {
	design: ServiceDesign
	full: ServiceDesign
	agreedOnly: boolean
	statuses: Map<string, DecisionStatus>
	t: (key: MessageKey, values?: Record<string, string | number>) => string
	/** The streets under the picture, when the server has map tiles. */
	streets?: MapStreets | null
}

/** Streets of the map's tiles, as lines of [longitude, latitude] (WGS 84), to draw under the pins. */
export interface MapStreets {
	roads: Array<Array<[number, number]>>
}

const KIND_KEYS = {
	note: 'places.kind.note',
	card: 'places.kind.card',
	asset: 'places.kind.asset',
	stakeholder: 'places.kind.stakeholder',
	persona: 'places.kind.persona',
	text: 'places.kind.text',
	shape: 'places.kind.shape',
	image: 'places.kind.image',
} as const satisfies Record<string, MessageKey>

/** Degrees to 6 decimals (about 10 cm), written with a point whatever the language. */
const degrees = (n: number) => n.toFixed(6)

export function placesSection(cx: PlacesContext): ReportSection {
	const { t } = cx
	const map = cx.design.map ?? cx.full.map
	const pins = cx.design.map?.pins ?? []
	const title = t('places.heading')
	const area = map ? [{ type: 'paragraph' as const, text: t('places.area', { lat: degrees(map.centre.lat), lon: degrees(map.centre.lon), zoom: map.zoom }) }] : []
	if (pins.length === 0) {
		const total = cx.full.map?.pins.length ?? 0
		return { id: 'places', title, blocks: [...area, { type: 'paragraph', text: cx.agreedOnly && total > 0 ? t('places.noneAgreed', { total }) : t('places.none') }] }
	}
	const rows = pins.map((pin, i) => [
		String(i + 1),
		`${t(KIND_KEYS[pin.kind])}: ${pin.text}`,
		pin.place,
		degrees(pin.lat),
		degrees(pin.lon),
		...(cx.agreedOnly ? [] : [cx.statuses.get(pin.id) ? t(`status.${cx.statuses.get(pin.id)!}`) : '']),
	])
	const picture: Block = {
		type: 'cards',
		cards: [{ kind: 'drawing', kindLabel: t('places.picture'), text: '', details: [], picture: { alt: t('places.pictureAlt', { count: pins.length }), picture: pinsPicture(pins, cx.streets ?? null), image: null } }],
	}
	const head = [t('places.number'), t('places.item'), t('places.place'), t('places.lat'), t('places.lon'), ...(cx.agreedOnly ? [] : [t('journey.status')])]
	return { id: 'places', title, blocks: [...area, picture, { type: 'table', table: { caption: title, head, rows, rowHeaders: false, numeric: [0, 3, 4] } }] }
}

/** The segments of a seven-segment digit, 5 wide and 9 high: a top, b top right, c bottom right, d bottom, e bottom left, f top left, g middle. */
const SEGMENTS: Record<string, string> = { a: 'M0 0H5', b: 'M5 0V4.5', c: 'M5 4.5V9', d: 'M0 9H5', e: 'M0 4.5V9', f: 'M0 0V4.5', g: 'M0 4.5H5' }
const DIGITS = ['abcdef', 'bc', 'abged', 'abgcd', 'fgbc', 'afgcd', 'afgedc', 'abc', 'abcdefg', 'abfgcd']

/** A number drawn as strokes, centred on (x, y): the picture's paths have no text. */
function numberPath(n: number, x: number, y: number): string {
	const digits = String(n).split('').map(Number)
	const width = digits.length * 5 + (digits.length - 1) * 2.5
	return digits
		.map((digit, i) => {
			const left = x - width / 2 + i * 7.5
			return [...DIGITS[digit]!]
				.map((segment) => SEGMENTS[segment]!.replace(/^M([\d.]+) ([\d.]+)/, (_, sx: string, sy: string) => `M${(left + Number(sx)).toFixed(2)} ${(y - 4.5 + Number(sy)).toFixed(2)}`).replace(/([HV])([\d.]+)/, (_, axis: string, v: string) => `${axis}${(Number(v) + (axis === 'H' ? left : y - 4.5)).toFixed(2)}`))
				.join('')
		})
		.join('')
}

const WIDTH = 320
const RADIUS = 10

/** Where the picture of `pins` lies in Web Mercator (0 to 1 each way), with its scale and height. */
function frameOf(pins: DesignMap['pins']) {
	const points = pins.flatMap((pin) => [[pin.lon, pin.lat] as [number, number], ...(pin.area ?? [])]).map(([lon, lat]) => ({ x: mercatorX(lon), y: mercatorY(lat) }))
	const xs = points.map((p) => p.x)
	const ys = points.map((p) => p.y)
	let [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
	// At least a little ground round a single pin, and a margin for the dots.
	const span = Math.max(maxX - minX, maxY - minY, 1e-6)
	minX -= span * 0.1
	maxX += span * 0.1
	minY -= span * 0.1
	maxY += span * 0.1
	const scale = (WIDTH - 4 * RADIUS) / Math.max(maxX - minX, ((maxY - minY) * (WIDTH - 4 * RADIUS)) / (WIDTH * 1.2))
	const height = Math.max(200, Math.round((maxY - minY) * scale + 4 * RADIUS))
	return { minX, minY, scale, height }
}

const lonOf = (x: number) => x * 360 - 180
const latOf = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI

/** The area the picture of `pins` shows, [west, south, east, north] in degrees: what the server reads streets for. */
export function pictureBounds(pins: DesignMap['pins']): [number, number, number, number] {
	const { minX, minY, scale, height } = frameOf(pins)
	const x = (px: number) => minX + (px - 2 * RADIUS) / scale
	const y = (py: number) => minY + (py - 2 * RADIUS) / scale
	return [lonOf(x(0)), latOf(y(height)), lonOf(x(WIDTH)), latOf(y(0))]
}

/** The part of the segment a-b inside the box 0..w x 0..h (Liang-Barsky), or null. */
function clipSegment(a: { x: number; y: number }, b: { x: number; y: number }, w: number, h: number): [{ x: number; y: number }, { x: number; y: number }] | null {
	let t0 = 0
	let t1 = 1
	const dx = b.x - a.x
	const dy = b.y - a.y
	for (const [p, q] of [
		[-dx, a.x],
		[dx, w - a.x],
		[-dy, a.y],
		[dy, h - a.y],
	] as const) {
		if (p === 0) {
			if (q < 0) return null
			continue
		}
		const r = q / p
		if (p < 0) t0 = Math.max(t0, r)
		else t1 = Math.min(t1, r)
		if (t0 > t1) return null
	}
	return [
		{ x: a.x + t0 * dx, y: a.y + t0 * dy },
		{ x: a.x + t1 * dx, y: a.y + t1 * dy },
	]
}

/** The roads, as one path of the segments that lie in the picture (clipped to it: a PDF does not clip). */
function roadsPath(streets: MapStreets, at: (lon: number, lat: number) => { x: number; y: number }, w: number, h: number): string {
	const parts: string[] = []
	for (const line of streets.roads) {
		const points = line.map(([lon, lat]) => at(lon, lat))
		let open = false
		let last: { x: number; y: number } | null = null
		for (let i = 1; i < points.length; i++) {
			const clipped = clipSegment(points[i - 1]!, points[i]!, w, h)
			if (!clipped) {
				open = false
				continue
			}
			const [from, to] = clipped
			if (!open || !last || Math.hypot(last.x - from.x, last.y - from.y) > 0.01) parts.push(`M${from.x.toFixed(2)} ${from.y.toFixed(2)}`)
			parts.push(`L${to.x.toFixed(2)} ${to.y.toFixed(2)}`)
			open = true
			last = to
		}
	}
	return parts.join('')
}

/** The colour of the streets in the picture. */
export const STREET_COLOUR = '#b8ad9e'

/** The pins (and pinned areas) on a plain ground, north up, numbered as in the table, over the streets when given. */
export function pinsPicture(pins: DesignMap['pins'], streets: MapStreets | null = null): Picture {
	const { minX, minY, scale, height } = frameOf(pins)
	const at = (lon: number, lat: number) => ({ x: 2 * RADIUS + (mercatorX(lon) - minX) * scale, y: 2 * RADIUS + (mercatorY(lat) - minY) * scale })
	const paths: PicturePath[] = [{ d: `M0 0H${WIDTH}V${height}H0Z`, stroke: '#9a9a9a', fill: '#f3f0e8', width: 1, opacity: 1 }]
	const roads = streets ? roadsPath(streets, at, WIDTH, height) : ''
	if (roads) paths.push({ d: roads, stroke: STREET_COLOUR, fill: null, width: 2.5, opacity: 1 })
	for (const pin of pins) {
		if (!pin.area) continue
		const ring = pin.area.map(([lon, lat]) => at(lon, lat))
		paths.push({ d: `M${ring.map((p) => `${p.x.toFixed(2)} ${p.y.toFixed(2)}`).join('L')}Z`, stroke: '#c62828', fill: '#c62828', width: 2, opacity: 0.35 })
	}
	for (const [i, pin] of pins.entries()) {
		const { x, y } = at(pin.lon, pin.lat)
		paths.push({ d: `M${(x - RADIUS).toFixed(2)} ${y.toFixed(2)}a${RADIUS} ${RADIUS} 0 1 0 ${2 * RADIUS} 0a${RADIUS} ${RADIUS} 0 1 0 ${-2 * RADIUS} 0Z`, stroke: '#ffffff', fill: '#c62828', width: 1.5, opacity: 1 })
		paths.push({ d: numberPath(i + 1, x, y), stroke: '#ffffff', fill: null, width: 1.6, opacity: 1 })
	}
	return { w: WIDTH, h: height, paths }
}
