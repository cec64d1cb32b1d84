/**
 * Where shapes are on the page and what they look like, from their records alone: each shape's
 * transform to page space (through frames and groups), its outline, and a picture of the shapes that
 * are drawings (freehand, highlights, lines, geometric shapes, arrows) as simple vector paths. The
 * sizes and colours follow tldraw's defaults (light theme), so a picture looks like the board.
 * @module
 */
import type { Picture, PicturePath } from '../design.js'
import { decodePoints } from './b64.js'

type Json = Record<string, unknown>
export interface Point {
	x: number
	y: number
}
export interface Box {
	minX: number
	minY: number
	maxX: number
	maxY: number
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const num = (value: unknown, fallback = 0): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback)
const str = (value: unknown): string => (typeof value === 'string' ? value : '')

/** An affine transform: x' = a x + c y + e, y' = b x + d y + f. */
export type Matrix = readonly [number, number, number, number, number, number]

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0]

export function multiply(m: Matrix, n: Matrix): Matrix {
	return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]]
}

export function apply(m: Matrix, p: Point): Point {
	return { x: m[0] * p.x + m[2] * p.y + m[4], y: m[1] * p.x + m[3] * p.y + m[5] }
}

export function invert(m: Matrix): Matrix {
	const det = m[0] * m[3] - m[1] * m[2]
	if (det === 0) return IDENTITY
	return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det, (m[2] * m[5] - m[3] * m[4]) / det, (m[1] * m[4] - m[0] * m[5]) / det]
}

/** A shape's own transform within its parent: its position, then its rotation. */
function localMatrix(shape: Json): Matrix {
	const r = num(shape.rotation)
	const cos = Math.cos(r)
	const sin = Math.sin(r)
	return [cos, sin, -sin, cos, num(shape.x), num(shape.y)]
}

/** The shapes of a document by id, and the transform of each to page space. */
export class Board {
	private readonly matrices = new Map<string, Matrix>()
	readonly children = new Map<string, Json[]>()

	/** Per arrow, the shapes its ends are bound to and where on them (0..1 of their box). */
	private readonly ends = new Map<string, { start?: { to: string; anchor: Point }; end?: { to: string; anchor: Point } }>()

	constructor(
		readonly shapes: ReadonlyMap<string, Json>,
		bindings: readonly Json[] = [],
	) {
		for (const binding of bindings) {
			if (binding.type !== 'arrow' || !isObject(binding.props)) continue
			const terminal = binding.props.terminal
			if (terminal !== 'start' && terminal !== 'end') continue
			const anchor = isObject(binding.props.normalizedAnchor) ? binding.props.normalizedAnchor : {}
			const entry = this.ends.get(str(binding.fromId)) ?? {}
			entry[terminal] = { to: str(binding.toId), anchor: { x: num(anchor.x, 0.5), y: num(anchor.y, 0.5) } }
			this.ends.set(str(binding.fromId), entry)
		}
		for (const shape of shapes.values()) {
			const parent = str(shape.parentId)
			const list = this.children.get(parent)
			if (list) list.push(shape)
			else this.children.set(parent, [shape])
		}
	}

	/** The transform from a shape's own space to its page's (parents that are shapes applied in turn). */
	pageMatrix(shape: Json): Matrix {
		const id = str(shape.id)
		const known = this.matrices.get(id)
		if (known) return known
		let matrix = localMatrix(shape)
		const seen = new Set([id])
		for (let parent = this.shapes.get(str(shape.parentId)); parent && !seen.has(str(parent.id)); parent = this.shapes.get(str(parent.parentId))) {
			seen.add(str(parent.id))
			matrix = multiply(localMatrix(parent), matrix)
		}
		this.matrices.set(id, matrix)
		return matrix
	}

	/** The page a shape is on (its top-most parent). */
	pageOf(shape: Json): string {
		let current = shape
		const seen = new Set<string>()
		while (this.shapes.has(str(current.parentId)) && !seen.has(str(current.id))) {
			seen.add(str(current.id))
			current = this.shapes.get(str(current.parentId))!
		}
		return str(current.parentId)
	}

	/** The groups a shape is in, innermost first. */
	groupsOf(shape: Json): Json[] {
		const out: Json[] = []
		const seen = new Set<string>()
		for (let parent = this.shapes.get(str(shape.parentId)); parent && !seen.has(str(parent.id)); parent = this.shapes.get(str(parent.parentId))) {
			seen.add(str(parent.id))
			if (parent.type === 'group') out.push(parent)
		}
		return out
	}

	/** Every shape below a shape (children, their children, ...). */
	descendants(shape: Json): Json[] {
		const out: Json[] = []
		const seen = new Set<string>()
		const visit = (id: string) => {
			for (const child of this.children.get(id) ?? []) {
				if (seen.has(str(child.id))) continue
				seen.add(str(child.id))
				out.push(child)
				visit(str(child.id))
			}
		}
		visit(str(shape.id))
		return out
	}

	/** A shape's box in its own space. */
	localBox(shape: Json, depth = 0): Box | null {
		const p = isObject(shape.props) ? shape.props : {}
		const scale = num(p.scale, 1)
		switch (shape.type) {
			case 'note':
				return { minX: 0, minY: 0, maxX: NOTE_SIZE * scale, maxY: (NOTE_SIZE + num(p.growY)) * scale }
			case 'text': {
				const w = num(p.w, 8) * scale
				return { minX: 0, minY: 0, maxX: w, maxY: textHeight(plainLines(p.richText), num(p.w, 8), FONT_SIZES[str(p.size)] ?? 24) * scale }
			}
			case 'group': {
				if (depth > 32) return null
				const boxes = (this.children.get(str(shape.id)) ?? []).flatMap((child) => {
					const box = this.localBox(child, depth + 1)
					return box ? [transformBox(localMatrix(child), box)] : []
				})
				return boxes.length ? boxes.reduce(union) : null
			}
			default: {
				if (typeof p.w === 'number' && typeof p.h === 'number') return { minX: 0, minY: 0, maxX: num(p.w), maxY: num(p.h) + num(p.growY) }
				const points = strokesOf(shape, this).flatMap((s) => s.points)
				return points.length ? boxOf(points) : null
			}
		}
	}

	/** Where a bound arrow's ends are, in the arrow's own space: at the anchor on the shape each is bound to. */
	arrowEnds(arrow: Json): { start?: Point; end?: Point } {
		const bound = this.ends.get(str(arrow.id))
		const out: { start?: Point; end?: Point } = {}
		if (!bound) return out
		const toArrow = invert(this.pageMatrix(arrow))
		for (const terminal of ['start', 'end'] as const) {
			const end = bound[terminal]
			const target = end && this.shapes.get(end.to)
			const box = target && target.type !== 'arrow' ? this.localBox(target) : null
			if (!end || !target || !box) continue
			const local = { x: box.minX + end.anchor.x * (box.maxX - box.minX), y: box.minY + end.anchor.y * (box.maxY - box.minY) }
			out[terminal] = apply(toArrow, apply(this.pageMatrix(target), local))
		}
		return out
	}

	/** A shape's box on its page, or null when it has no size. */
	pageBox(shape: Json): Box | null {
		const box = this.localBox(shape)
		return box ? transformBox(this.pageMatrix(shape), box) : null
	}
}

export const NOTE_SIZE = 200
/** tldraw's font sizes (16 px times the size style's factor). */
const FONT_SIZES: Record<string, number> = { s: 18, m: 24, l: 36, xl: 44 }
/** tldraw's stroke widths (2 px times the size style's factor). */
const STROKE_WIDTHS: Record<string, number> = { s: 2, m: 3.5, l: 5, xl: 10 }

/** tldraw's colours (light theme): the ink, and the pale fill. */
const COLOURS: Record<string, { solid: string; semi: string }> = {
	black: { solid: '#1d1d1d', semi: '#e8e8e8' },
	blue: { solid: '#4465e9', semi: '#dce1f8' },
	green: { solid: '#099268', semi: '#d3e9e3' },
	grey: { solid: '#9fa8b2', semi: '#eceef0' },
	'light-blue': { solid: '#4ba1f1', semi: '#ddedfa' },
	'light-green': { solid: '#4cb05e', semi: '#dbf0e0' },
	'light-red': { solid: '#f87777', semi: '#f4dadb' },
	'light-violet': { solid: '#e085f4', semi: '#f5eafa' },
	orange: { solid: '#e16919', semi: '#f8e2d4' },
	red: { solid: '#e03131', semi: '#f4dadb' },
	violet: { solid: '#ae3ec9', semi: '#ecdcf2' },
	yellow: { solid: '#f1ac4b', semi: '#f9f0e6' },
	white: { solid: '#ffffff', semi: '#f5f5f5' },
}

const colourOf = (name: unknown) => COLOURS[str(name)] ?? COLOURS.black!

function fillOf(fill: unknown, colour: unknown): string | null {
	switch (fill) {
		case 'semi':
			return '#f5f5f5'
		case 'solid':
		case 'pattern':
		case 'lined-fill':
			return colourOf(colour).semi
		case 'fill':
			return colourOf(colour).solid
		default:
			return null
	}
}

/** The plain lines of a rich text (see `plainText`), for estimating its height. */
function plainLines(richText: unknown): string[] {
	const lines: string[] = []
	const walk = (node: unknown, line: string[]): void => {
		if (!isObject(node)) return
		if (typeof node.text === 'string') line.push(node.text)
		for (const child of Array.isArray(node.content) ? node.content : []) walk(child, line)
	}
	for (const block of isObject(richText) && Array.isArray(richText.content) ? richText.content : []) {
		const line: string[] = []
		walk(block, line)
		lines.push(line.join(''))
	}
	return lines.length ? lines : ['']
}

/** An estimate of a text's height: lines wrapped at its width, at tldraw's line height. */
function textHeight(lines: string[], width: number, fontSize: number): number {
	const perLine = Math.max(1, Math.floor(width / (fontSize * 0.55)))
	const count = lines.reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0)
	return count * fontSize * 1.35 + 8
}

export function boxOf(points: readonly Point[]): Box {
	let minX = Infinity
	let minY = Infinity
	let maxX = -Infinity
	let maxY = -Infinity
	for (const p of points) {
		minX = Math.min(minX, p.x)
		minY = Math.min(minY, p.y)
		maxX = Math.max(maxX, p.x)
		maxY = Math.max(maxY, p.y)
	}
	return { minX, minY, maxX, maxY }
}

function union(a: Box, b: Box): Box {
	return { minX: Math.min(a.minX, b.minX), minY: Math.min(a.minY, b.minY), maxX: Math.max(a.maxX, b.maxX), maxY: Math.max(a.maxY, b.maxY) }
}

function transformBox(m: Matrix, box: Box): Box {
	return boxOf(
		[
			{ x: box.minX, y: box.minY },
			{ x: box.maxX, y: box.minY },
			{ x: box.maxX, y: box.maxY },
			{ x: box.minX, y: box.maxY },
		].map((p) => apply(m, p)),
	)
}

export function centreOf(box: Box): Point {
	return { x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 }
}

/** One line or outline of a drawing, in the space of the shape it belongs to. */
export interface Stroke {
	points: Point[]
	closed: boolean
	stroke: string | null
	fill: string | null
	width: number
	opacity: number
	/** Whether `points` are the corners of a curve to be drawn smooth (freehand) rather than straight. */
	smooth: boolean
}

/** The shape types drawn as pictures. */
export const PICTORIAL = new Set(['draw', 'highlight', 'line', 'geo', 'arrow'])

/** The strokes of a drawing shape in its own space; none for shapes that are not drawings. */
export function strokesOf(shape: Json, board: Board): Stroke[] {
	const p = isObject(shape.props) ? shape.props : {}
	const colour = colourOf(p.color)
	const width = (STROKE_WIDTHS[str(p.size)] ?? 3.5) * num(p.scale, 1)
	switch (shape.type) {
		case 'draw':
		case 'highlight': {
			const highlight = shape.type === 'highlight'
			const sx = num(p.scaleX, 1)
			const sy = num(p.scaleY, 1)
			const segments = Array.isArray(p.segments) ? p.segments.filter(isObject) : []
			const points = segments.flatMap((s) => decodePoints(str(s.path), s.dim === 2 ? 2 : 3)).map((pt) => ({ x: pt.x * sx, y: pt.y * sy }))
			if (points.length === 0) return []
			const closed = p.isClosed === true
			return [
				{
					points,
					closed,
					stroke: colour.solid,
					fill: closed && !highlight ? fillOf(p.fill, p.color) : null,
					width: highlight ? width * 5 : width,
					opacity: highlight ? 0.45 : 1,
					smooth: true,
				},
			]
		}
		case 'line': {
			const points = isObject(p.points)
				? Object.values(p.points)
						.filter(isObject)
						.sort((a, b) => (str(a.index) < str(b.index) ? -1 : str(a.index) > str(b.index) ? 1 : 0))
						.map((pt) => ({ x: num(pt.x), y: num(pt.y) }))
				: []
			return points.length > 1 ? [{ points, closed: false, stroke: colour.solid, fill: null, width, opacity: 1, smooth: p.spline === 'cubic' }] : []
		}
		case 'geo': {
			const w = num(p.w, 1)
			const h = num(p.h, 1) + num(p.growY)
			const outline = geoOutline(str(p.geo), w, h)
			return [{ points: outline, closed: true, stroke: colour.solid, fill: fillOf(p.fill, p.color), width, opacity: 1, smooth: false }]
		}
		case 'arrow':
			return arrowStrokes(shape, board, colour.solid, width)
		default:
			return []
	}
}

function polygon(n: number, w: number, h: number, start = -Math.PI / 2): Point[] {
	return Array.from({ length: n }, (_, i) => {
		const a = start + (i * 2 * Math.PI) / n
		return { x: w / 2 + (w / 2) * Math.cos(a), y: h / 2 + (h / 2) * Math.sin(a) }
	})
}

/** The outline of a geometric shape of tldraw's (`geo`), as a closed polygon in a w x h box. */
function geoOutline(geo: string, w: number, h: number): Point[] {
	const box = [
		{ x: 0, y: 0 },
		{ x: w, y: 0 },
		{ x: w, y: h },
		{ x: 0, y: h },
	]
	switch (geo) {
		case 'ellipse':
		case 'oval':
		case 'cloud':
		case 'heart':
			return polygon(40, w, h)
		case 'triangle':
			return [{ x: w / 2, y: 0 }, { x: w, y: h }, { x: 0, y: h }]
		case 'diamond':
			return [{ x: w / 2, y: 0 }, { x: w, y: h / 2 }, { x: w / 2, y: h }, { x: 0, y: h / 2 }]
		case 'pentagon':
			return polygon(5, w, h)
		case 'hexagon':
			return polygon(6, w, h, 0)
		case 'octagon':
			return polygon(8, w, h, Math.PI / 8)
		case 'star':
			return Array.from({ length: 10 }, (_, i) => {
				const a = -Math.PI / 2 + (i * Math.PI) / 5
				const r = i % 2 === 0 ? 0.5 : 0.2
				return { x: w / 2 + w * r * Math.cos(a), y: h / 2 + h * r * Math.sin(a) }
			})
		case 'rhombus':
			return [{ x: w * 0.25, y: 0 }, { x: w, y: 0 }, { x: w * 0.75, y: h }, { x: 0, y: h }]
		case 'rhombus-2':
			return [{ x: 0, y: 0 }, { x: w * 0.75, y: 0 }, { x: w, y: h }, { x: w * 0.25, y: h }]
		case 'trapezoid':
			return [{ x: w * 0.25, y: 0 }, { x: w * 0.75, y: 0 }, { x: w, y: h }, { x: 0, y: h }]
		case 'arrow-right':
			return [{ x: 0, y: h * 0.25 }, { x: w * 0.6, y: h * 0.25 }, { x: w * 0.6, y: 0 }, { x: w, y: h / 2 }, { x: w * 0.6, y: h }, { x: w * 0.6, y: h * 0.75 }, { x: 0, y: h * 0.75 }]
		case 'arrow-left':
			return [{ x: w, y: h * 0.25 }, { x: w * 0.4, y: h * 0.25 }, { x: w * 0.4, y: 0 }, { x: 0, y: h / 2 }, { x: w * 0.4, y: h }, { x: w * 0.4, y: h * 0.75 }, { x: w, y: h * 0.75 }]
		case 'arrow-up':
			return [{ x: w * 0.25, y: h }, { x: w * 0.25, y: h * 0.4 }, { x: 0, y: h * 0.4 }, { x: w / 2, y: 0 }, { x: w, y: h * 0.4 }, { x: w * 0.75, y: h * 0.4 }, { x: w * 0.75, y: h }]
		case 'arrow-down':
			return [{ x: w * 0.25, y: 0 }, { x: w * 0.25, y: h * 0.6 }, { x: 0, y: h * 0.6 }, { x: w / 2, y: h }, { x: w, y: h * 0.6 }, { x: w * 0.75, y: h * 0.6 }, { x: w * 0.75, y: 0 }]
		default:
			return box
	}
}

/** An arrow: its line (straight, or bent through the point `bend` off its middle) and its heads. */
function arrowStrokes(shape: Json, board: Board, ink: string, width: number): Stroke[] {
	const p = isObject(shape.props) ? shape.props : {}
	const ends = board.arrowEnds(shape)
	const start = ends.start ?? (isObject(p.start) ? { x: num(p.start.x), y: num(p.start.y) } : { x: 0, y: 0 })
	const end = ends.end ?? (isObject(p.end) ? { x: num(p.end.x), y: num(p.end.y) } : { x: 0, y: 0 })
	const bend = num(p.bend)
	const dx = end.x - start.x
	const dy = end.y - start.y
	const length = Math.hypot(dx, dy)
	if (length === 0) return []
	const mid = { x: (start.x + end.x) / 2 - (dy / length) * bend, y: (start.y + end.y) / 2 + (dx / length) * bend }
	const line = Array.from({ length: 17 }, (_, i) => {
		const t = i / 16
		// The quadratic curve through start, mid (at t = 1/2) and end.
		const cx = 2 * mid.x - (start.x + end.x) / 2
		const cy = 2 * mid.y - (start.y + end.y) / 2
		return { x: (1 - t) ** 2 * start.x + 2 * (1 - t) * t * cx + t ** 2 * end.x, y: (1 - t) ** 2 * start.y + 2 * (1 - t) * t * cy + t ** 2 * end.y }
	})
	const strokes: Stroke[] = [{ points: line, closed: false, stroke: ink, fill: null, width, opacity: 1, smooth: false }]
	const head = (tip: Point, from: Point) => {
		const a = Math.atan2(tip.y - from.y, tip.x - from.x)
		const size = Math.min(length / 3, 12 + width * 2)
		const side = (turn: number) => ({ x: tip.x - size * Math.cos(a + turn), y: tip.y - size * Math.sin(a + turn) })
		strokes.push({ points: [side(0.45), tip, side(-0.45)], closed: true, stroke: ink, fill: ink, width, opacity: 1, smooth: false })
	}
	if (str(p.arrowheadEnd) !== 'none' && str(p.arrowheadEnd) !== '') head(line[16]!, line[15]!)
	if (str(p.arrowheadStart) !== 'none' && str(p.arrowheadStart) !== '') head(line[0]!, line[1]!)
	return strokes
}

const round = (n: number) => Math.round(n * 10) / 10

function pathOf(points: readonly Point[], closed: boolean, smooth: boolean): string {
	const at = (p: Point) => `${round(p.x)} ${round(p.y)}`
	if (!smooth || points.length < 3) return `M${at(points[0]!)}${points.slice(1).map((p) => ` L${at(p)}`).join('')}${closed ? ' Z' : ''}`
	// Through the middles of the segments, with each point as a control point: a smooth freehand line.
	const parts = [`M${at(points[0]!)}`]
	for (let i = 1; i < points.length - 1; i++) {
		const p = points[i]!
		const next = points[i + 1]!
		parts.push(`Q${at(p)} ${at({ x: (p.x + next.x) / 2, y: (p.y + next.y) / 2 })}`)
	}
	parts.push(`L${at(points[points.length - 1]!)}`)
	return parts.join(' ') + (closed ? ' Z' : '')
}

/** Drop points closer than `gap` to the last kept one, so long freehand lines stay small. */
function thin(points: readonly Point[], gap: number): Point[] {
	const out: Point[] = []
	for (const p of points) {
		const last = out[out.length - 1]
		if (!last || Math.hypot(p.x - last.x, p.y - last.y) >= gap) out.push(p)
	}
	const end = points[points.length - 1]
	if (end && out[out.length - 1] !== end) out.push(end)
	return out
}

/** A picture of strokes given in page space: their paths moved to a box starting at 0,0. */
export function pictureOf(strokes: ReadonlyArray<Stroke>): Picture | null {
	const drawn = strokes.filter((s) => s.points.length > 0)
	if (drawn.length === 0) return null
	const box = boxOf(drawn.flatMap((s) => s.points))
	const pad = Math.max(...drawn.map((s) => s.width)) / 2 + 1
	const w = Math.max(1, box.maxX - box.minX)
	const h = Math.max(1, box.maxY - box.minY)
	// Keep detail to about a 400th of the picture's size: enough for a report, small enough for JSON.
	const gap = Math.max(w, h) / 400
	const paths: PicturePath[] = drawn.map((s) => {
		const moved = thin(s.points, gap).map((p) => ({ x: p.x - box.minX + pad, y: p.y - box.minY + pad }))
		return { d: pathOf(moved, s.closed, s.smooth), stroke: s.stroke, fill: s.fill, width: round(s.width), opacity: s.opacity }
	})
	return { w: round(w + 2 * pad), h: round(h + 2 * pad), paths }
}

/** Strokes moved from a shape's space into page space. */
export function toPage(strokes: readonly Stroke[], matrix: Matrix): Stroke[] {
	const scale = Math.sqrt(Math.abs(matrix[0] * matrix[3] - matrix[1] * matrix[2])) || 1
	return strokes.map((s) => ({ ...s, points: s.points.map((p) => apply(matrix, p)), width: s.width * scale }))
}
