/**
 * Where the seats of a touch table are: each seat has a slot on one of the screen's edges, and its dock
 * stands on that edge turned to face someone standing there. Pure geometry in screen pixels (the table's
 * own box), so it can be checked without a browser.
 * @module
 */

export type Edge = 'bottom' | 'top' | 'left' | 'right'

/** Which edge a seat takes when two have as much room: the first faces the second across the table. */
const EDGE_ORDER: readonly Edge[] = ['bottom', 'top', 'left', 'right']

/** How a dock is turned (CSS degrees, clockwise) for the person at each edge to read it. */
const ANGLE: Record<Edge, number> = { bottom: 0, top: 180, left: 90, right: -90 }

/** Room kept free at each end of an edge, so docks on neighbouring edges do not meet in a corner. */
export const CORNER = 96
/** A dock is at most this wide along its edge (its targets do not need more). */
export const MAX_DOCK = 600

export interface Point {
	x: number
	y: number
}

export interface SeatPlace {
	edge: Edge
	/** Clockwise, in degrees: what turns "up" on the screen into "away from this person". */
	angle: number
	/** The middle of the seat's slot, on the edge. */
	anchor: Point
	/** How long the dock is along the edge. */
	span: number
	/** Unit vector from the edge into the table. */
	inward: Point
}

/**
 * Which edge each of `count` seats stands at: each seat in turn takes the edge where it would have the
 * most room (the first two face each other across the long sides; then the short sides; then the long
 * sides share), so nobody's dock is squeezed while another edge has room to spare.
 */
export function seatEdges(count: number, width: number, height: number): Edge[] {
	const length = (edge: Edge) => (edge === 'bottom' || edge === 'top' ? width : height) - 2 * CORNER
	const taken: Record<Edge, number> = { bottom: 0, top: 0, left: 0, right: 0 }
	return Array.from({ length: count }, () => {
		let best: Edge = EDGE_ORDER[0]!
		for (const edge of EDGE_ORDER) if (length(edge) / (taken[edge] + 1) > length(best) / (taken[best] + 1)) best = edge
		taken[best]++
		return best
	})
}

/** The place of each of `count` seats on a `width` x `height` table. */
export function seatPlaces(count: number, width: number, height: number): SeatPlace[] {
	const edges = seatEdges(count, width, height)
	return edges.map((edge, i) => {
		const onEdge = edges.filter((e) => e === edge).length
		const slot = edges.slice(0, i).filter((e) => e === edge).length
		const horizontal = edge === 'bottom' || edge === 'top'
		const length = (horizontal ? width : height) - 2 * CORNER
		const slotLength = length / onEdge
		// Counted from each person's left: on the top and right edges that is the far end of the screen.
		const from = edge === 'top' || edge === 'right' ? onEdge - 1 - slot : slot
		const along = CORNER + slotLength * (from + 0.5)
		const anchor = edge === 'bottom' ? { x: along, y: height } : edge === 'top' ? { x: along, y: 0 } : edge === 'left' ? { x: 0, y: along } : { x: width, y: along }
		return { edge, angle: ANGLE[edge], anchor, span: Math.max(0, Math.min(slotLength - 16, MAX_DOCK)), inward: inwardOf(edge) }
	})
}

function inwardOf(edge: Edge): Point {
	return edge === 'bottom' ? { x: 0, y: -1 } : edge === 'top' ? { x: 0, y: 1 } : edge === 'left' ? { x: 1, y: 0 } : { x: -1, y: 0 }
}

/** The seat closest to a point on the table (whose territory it is in). */
export function nearestSeat(places: readonly SeatPlace[], point: Point): number {
	let best = -1
	let bestDistance = Infinity
	places.forEach((place, i) => {
		const d = Math.hypot(point.x - place.anchor.x, point.y - place.anchor.y)
		if (d < bestDistance) {
			best = i
			bestDistance = d
		}
	})
	return best
}

/** The point `depth` pixels in front of a seat, `offset` pixels along its edge (to its right). */
export function inFrontOf(place: SeatPlace, depth: number, offset = 0): Point {
	// The person's right, as they face the table: the inward vector turned a quarter anticlockwise on screen.
	const right = { x: -place.inward.y, y: place.inward.x }
	return {
		x: place.anchor.x + place.inward.x * depth + right.x * offset,
		y: place.anchor.y + place.inward.y * depth + right.y * offset,
	}
}

/** Radians (tldraw's shape rotation, clockwise) that make a shape face the person at a seat. */
export function facing(place: SeatPlace): number {
	return (place.angle * Math.PI) / 180
}

/**
 * The top-left corner (tldraw's `x`, `y`, about which a shape turns) for a `w` x `h` shape turned by
 * `rotation` radians, so that its centre lands on `centre`.
 */
export function cornerFor(centre: Point, w: number, h: number, rotation: number): Point {
	const cos = Math.cos(rotation)
	const sin = Math.sin(rotation)
	return { x: centre.x - (cos * w) / 2 + (sin * h) / 2, y: centre.y - (sin * w) / 2 - (cos * h) / 2 }
}

/** The angle of the line from `a` to `b`, in radians. */
export function angleOf(a: Point, b: Point): number {
	return Math.atan2(b.y - a.y, b.x - a.x)
}

/** A box on the table's screen, in its own pixels. */
export interface Rect {
	left: number
	top: number
	right: number
	bottom: number
}

/** What stands on the table's edges: a dock (on its seat's edge), or a corner control (`edge` null). */
export interface Obstacle {
	edge: Edge | null
	rect: Rect
}

/**
 * The middle of the table that nothing on its edges reaches: below every dock on the top edge (and the
 * corner controls), above every dock on the bottom edge, right of those on the left, left of those on the
 * right, less `margin`. Whatever is shown there covers no dock, however deep the docks' panels are.
 */
export function freeRect(width: number, height: number, obstacles: readonly Obstacle[], margin = 12): Rect {
	let left = 0
	let top = 0
	let right = width
	let bottom = height
	for (const { edge, rect } of obstacles) {
		if (edge === 'top' || edge === null) top = Math.max(top, rect.bottom)
		else if (edge === 'bottom') bottom = Math.min(bottom, rect.top)
		else if (edge === 'left') left = Math.max(left, rect.right)
		else right = Math.min(right, rect.left)
	}
	left += margin
	top += margin
	right -= margin
	bottom -= margin
	return { left, top, right: Math.max(left, right), bottom: Math.max(top, bottom) }
}

/** One copy of what the table shows everyone, turned to face the people on `edge`. */
export interface Plate {
	edge: Edge
	/** Its centre on the screen. */
	centre: Point
	/** CSS degrees, as the docks of that edge are turned. */
	angle: number
}

/**
 * Where the copies of a message go so that people on every occupied edge read one the right way up: a
 * copy for the bottom and one for the top back to back in the middle, one for each side either side of
 * them, the whole group scaled down (never up) to fit `free`. A plate is `w` x `h` as its readers see it.
 */
export function platesIn(free: Rect, edges: ReadonlySet<Edge>, w: number, h: number, gap = 8): { plates: Plate[]; scale: number; bounds: Rect | null } {
	const both = edges.has('bottom') && edges.has('top')
	const local: { edge: Edge; x: number; y: number; sw: number; sh: number }[] = []
	if (edges.has('bottom')) local.push({ edge: 'bottom', x: 0, y: both ? (h + gap) / 2 : 0, sw: w, sh: h })
	if (edges.has('top')) local.push({ edge: 'top', x: 0, y: both ? -(h + gap) / 2 : 0, sw: w, sh: h })
	const side = w / 2 + gap + h / 2
	if (edges.has('left')) local.push({ edge: 'left', x: -side, y: 0, sw: h, sh: w })
	if (edges.has('right')) local.push({ edge: 'right', x: side, y: 0, sw: h, sh: w })
	if (local.length === 0) return { plates: [], scale: 1, bounds: null }
	const minX = Math.min(...local.map((p) => p.x - p.sw / 2))
	const maxX = Math.max(...local.map((p) => p.x + p.sw / 2))
	const minY = Math.min(...local.map((p) => p.y - p.sh / 2))
	const maxY = Math.max(...local.map((p) => p.y + p.sh / 2))
	const scale = Math.max(0, Math.min(1, (free.right - free.left) / (maxX - minX), (free.bottom - free.top) / (maxY - minY)))
	const cx = (free.left + free.right) / 2
	const cy = (free.top + free.bottom) / 2
	const mx = (minX + maxX) / 2
	const my = (minY + maxY) / 2
	const bounds = { left: cx - ((maxX - minX) / 2) * scale, top: cy - ((maxY - minY) / 2) * scale, right: cx + ((maxX - minX) / 2) * scale, bottom: cy + ((maxY - minY) / 2) * scale }
	return { scale, bounds, plates: local.map((p) => ({ edge: p.edge, angle: ANGLE[p.edge], centre: { x: cx + (p.x - mx) * scale, y: cy + (p.y - my) * scale } })) }
}

/**
 * Where a square of half-side `half` centred at `at` goes so as not to lie on `clear` (what the middle of
 * the table shows everyone): slid the least distance along the seat's edge, or where it was if it is
 * clear already.
 */
export function besideOf(place: SeatPlace, at: Point, half: number, clear: Rect | null, gap = 8): Point {
	if (!clear) return at
	const hits = at.x + half > clear.left && at.x - half < clear.right && at.y + half > clear.top && at.y - half < clear.bottom
	if (!hits) return at
	if (place.edge === 'bottom' || place.edge === 'top') {
		const left = clear.left - half - gap
		const right = clear.right + half + gap
		return { x: Math.abs(at.x - left) <= Math.abs(right - at.x) ? left : right, y: at.y }
	}
	const up = clear.top - half - gap
	const down = clear.bottom + half + gap
	return { x: at.x, y: Math.abs(at.y - up) <= Math.abs(down - at.y) ? up : down }
}
