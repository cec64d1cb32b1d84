/**
 * The other contributions of a canvas document: every note, text, drawing, shape, arrow and image people
 * put on the board besides the journey's cards and personas and the map's stakeholders, assets and
 * relationships. Each with its words, who made it (as the record says, or the touch-table seat it was
 * made at), when, and where it lies: the blueprint cell or stakeholder-map ring under its centre.
 *
 * A group of drawings is one contribution (its picture holds them all); a shape or arrow with words in
 * a group is also one of its own. Empty notes and texts are left out: they say nothing.
 * @module
 */
import type { Author, Contribution, ContributionKind, Place } from '../design.js'
import { layoutBlueprint, type BlueprintGrid, type BlueprintLayout } from '../journey/layout.js'
import { isOnMap, placementOn, quadrantOf, ringAt } from '../stakeholders/placement.js'
import { plainText } from '../stakeholders/extract.js'
import { Board, PICTORIAL, apply, centreOf, invert, pictureOf, strokesOf, toPage, type Point } from './geometry.js'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const num = (value: unknown, fallback = 0): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback)
const str = (value: unknown): string => (typeof value === 'string' ? value : '')

/** A seat of the touch table, as the workshop state keeps it: what is made there carries `meta.seat`. */
export interface SeatName {
	id: string
	name: string
	/** The person the server made for the seat. */
	person: string
}

/** What the canvas alone does not say: the touch table's seats, to name who made a note at one. */
export interface BoardContext {
	seats?: readonly SeatName[]
}

/** A blueprint as contributions need it: its shape and its parsed grid. */
export interface BlueprintOnBoard {
	shape: Json
	grid: BlueprintGrid
}

const KINDS: Record<string, ContributionKind> = {
	note: 'note',
	text: 'text',
	geo: 'shape',
	draw: 'drawing',
	highlight: 'drawing',
	line: 'drawing',
	arrow: 'arrow',
	image: 'image',
}

function timeOf(value: unknown): string | null {
	const date = typeof value === 'number' || typeof value === 'string' ? new Date(value) : null
	return date && !Number.isNaN(date.getTime()) && date.getTime() > 0 ? date.toISOString() : null
}

/** Who made a shape: its meta's author, else the person of the seat it was made at, else nobody known. */
function authorOf(meta: Json, seats: readonly SeatName[]): { author: Author; seat: string | null } {
	const seat = seats.find((s) => s.id === str(meta.seat))
	const id = str(meta.authorId) || str(meta.author)
	const name = str(meta.authorName)
	if (id || name) return { author: { id: id || (seat?.person ?? ''), name: name || (seat?.name ?? '') }, seat: seat?.name ?? null }
	if (seat) return { author: { id: seat.person, name: seat.name }, seat: seat.name }
	return { author: { id: '', name: '' }, seat: null }
}

export function extractContributions(
	shapes: readonly Json[],
	bindings: readonly Json[],
	records: readonly Json[],
	blueprints: readonly BlueprintOnBoard[],
	relationships: ReadonlySet<string>,
	context: BoardContext = {},
): Contribution[] {
	const board = new Board(new Map(shapes.map((s) => [str(s.id), s])), bindings)
	const assets = new Map(records.filter((r) => r.typeName === 'asset').map((r) => [str(r.id), r]))
	const pageOrder = new Map(
		records
			.filter((r) => r.typeName === 'page')
			.sort((a, b) => (str(a.index) < str(b.index) ? -1 : str(a.index) > str(b.index) ? 1 : 0))
			.map((r, i) => [str(r.id), i]),
	)
	const places = placeFinder(board, shapes, blueprints)
	const seats = context.seats ?? []
	const isDrawing = (s: Json) => PICTORIAL.has(str(s.type)) && !(s.type === 'arrow' && relationships.has(str(s.id)))
	const wordsOf = (s: Json) => {
		const p = isObject(s.props) ? s.props : {}
		return s.type === 'image' ? str(p.altText) : plainText(p.richText).trim()
	}
	const found: Array<{ contribution: Contribution; page: number; at: Point }> = []
	const add = (shape: Json, kind: ContributionKind, text: string, extra: Pick<Contribution, 'picture' | 'image'>) => {
		const box = board.pageBox(shape)
		const at = box ? centreOf(box) : { x: num(shape.x), y: num(shape.y) }
		const meta = isObject(shape.meta) ? shape.meta : {}
		found.push({
			contribution: { id: str(shape.id), kind, text, ...authorOf(meta, seats), createdAt: timeOf(meta.createdAt), place: places(at, board.pageOf(shape)), ...extra },
			page: pageOrder.get(board.pageOf(shape)) ?? 0,
			at,
		})
	}
	for (const shape of shapes) {
		const type = str(shape.type)
		if (type === 'group') {
			// Only the outermost group of drawings is a contribution; one inside another is part of it.
			if (board.groupsOf(shape).length > 0) continue
			const drawings = board.descendants(shape).filter(isDrawing)
			if (drawings.length === 0) continue
			const picture = pictureOf(drawings.flatMap((d) => toPage(strokesOf(d, board), board.pageMatrix(d))))
			if (picture) add(shape, 'drawing', '', { picture, image: null })
			continue
		}
		const kind = KINDS[type]
		if (!kind || (type === 'arrow' && relationships.has(str(shape.id)))) continue
		const text = wordsOf(shape)
		if ((kind === 'note' || kind === 'text') && text === '') continue
		// A drawing in a group is drawn in the group's picture; with words of its own it is also itself.
		if (isDrawing(shape) && text === '' && board.groupsOf(shape).length > 0) continue
		if (kind === 'image') {
			const p = isObject(shape.props) ? shape.props : {}
			const asset = assets.get(str(p.assetId))
			const src = isObject(asset?.props) ? str(asset.props.src) : ''
			const url = /^\/uploads\/|^https?:\/\//.test(src) ? src : ''
			add(shape, kind, text, { picture: null, image: { url, w: num(p.w, 1), h: num(p.h, 1) } })
			continue
		}
		const picture = isDrawing(shape) ? pictureOf(toPage(strokesOf(shape, board), board.pageMatrix(shape))) : null
		add(shape, kind, text, { picture, image: null })
	}
	return found
		.sort((a, b) => a.page - b.page || a.at.y - b.at.y || a.at.x - b.at.x || (a.contribution.id < b.contribution.id ? -1 : 1))
		.map((f) => f.contribution)
}

/**
 * Where a point lies: in a cell of a blueprint (strictly inside its grid of stages and lanes), or on a
 * stakeholder map (inside its outer ring, or its grid). Blueprints go first: the journey is the finer grid.
 */
function placeFinder(board: Board, shapes: readonly Json[], blueprints: readonly BlueprintOnBoard[]): (point: Point, page: string) => Place | null {
	const grids = blueprints.map((b) => {
		const cards = (board.children.get(str(b.shape.id)) ?? []).filter((c) => c.type === 'cyd-card' && isObject(c.props))
		const personas = (board.children.get(str(b.shape.id)) ?? []).filter((c) => c.type === 'cyd-persona' && isObject(c.props))
		const layout: BlueprintLayout = layoutBlueprint(
			b.grid,
			cards.map((c) => {
				const p = c.props as Json
				return { id: str(c.id), stage: str(p.stage), lane: str(p.lane), order: num(p.order), h: num(p.h, 96) }
			}),
			personas.map((c) => ({ id: str(c.id), order: num((c.props as Json).order) })),
		)
		return { id: str(b.shape.id), page: board.pageOf(b.shape), toLocal: invert(board.pageMatrix(b.shape)), layout }
	})
	const maps = shapes
		.filter((s) => s.type === 'cyd-map' && isObject(s.props))
		.map((s) => ({ shape: s, props: s.props as Json, page: board.pageOf(s), toLocal: invert(board.pageMatrix(s)) }))
	return (point, page) => {
		for (const grid of grids) {
			if (grid.page !== page) continue
			const local = apply(grid.toLocal, point)
			const column = grid.layout.columns.find((c) => local.x >= c.x && local.x <= c.x + c.w)
			const row = grid.layout.rows.find((r) => local.y >= r.y && local.y <= r.y + r.h)
			if (column && row) return { type: 'cell', journey: grid.id, stage: column.id, lane: row.id }
		}
		for (const map of maps) {
			if (map.page !== page) continue
			const size = { w: num(map.props.w, 1), h: num(map.props.h, 1) }
			const layout = map.props.layout === 'grid' ? 'grid' : 'rings'
			const local = apply(map.toLocal, point)
			if (!isOnMap(layout, size, local)) continue
			const title = str(map.props.title)
			if (layout === 'grid') return { type: 'map', map: str(map.shape.id), title, ring: null, ringLabel: '', quadrant: quadrantOf(placementOn('grid', size, local)) }
			const ring = ringAt(size, local)!
			const labels = Array.isArray(map.props.rings) ? map.props.rings : []
			return { type: 'map', map: str(map.shape.id), title, ring, ringLabel: str(labels[ring]), quadrant: null }
		}
		return null
	}
}
