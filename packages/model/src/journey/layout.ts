/**
 * Where everything of a blueprint goes, from its stages, lanes and the cells of its cards alone.
 *
 * Every client lays out the same props to the same positions, so a card's x and y are a cache of its
 * cell and order. Rows grow to fit their tallest cell; columns are one card wide.
 *
 * ```
 * +-------------+-----------+-----------+
 * | title       | stage 1   | stage 2   |   header
 * | emotions    |  :) ---- :(           |   the personas' curves
 * | lane 1      | [card]    | [card]    |   a row per lane, as tall as its fullest cell
 * | lane 2      |           | [card]    |
 * +-------------+-----------+-----------+
 *   [persona] [persona]                     the persona strip, when there are personas
 * ```
 * @module
 */
import type { Lane, Stage } from './shapes.js'

export const LABEL_W = 176
export const HEADER_H = 72
export const EMOTION_H = 144
export const COL_W = 256
export const CARD_W = 224
export const CARD_MIN_H = 96
export const CARD_MAX_H = 320
export const CELL_PAD = 16
export const CARD_GAP = 12
export const ROW_MIN_H = CARD_MIN_H + 2 * CELL_PAD
export const PERSONA_W = 272
export const PERSONA_H = 200
export const PERSONA_GAP = 24

/** The height a card needs for `text` (an estimate by characters, the same on every client). */
export function cardHeight(text: string): number {
	const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 24)), 0)
	return Math.min(CARD_MAX_H, Math.max(CARD_MIN_H, 60 + lines * 20))
}

export interface LaidOutCard {
	id: string
	stage: string
	lane: string
	order: number
	h: number
}

export interface LaidOutPersona {
	id: string
	order: number
}

export interface Column {
	id: string
	x: number
	w: number
}

export interface Row {
	id: string
	y: number
	h: number
}

export interface BlueprintLayout {
	w: number
	h: number
	/** Bottom of the grid; the persona strip starts below it. */
	gridH: number
	columns: Column[]
	rows: Row[]
	/** Card positions, relative to the blueprint. */
	cards: Map<string, { x: number; y: number }>
	personas: Map<string, { x: number; y: number }>
}

export interface BlueprintGrid {
	stages: readonly Stage[]
	lanes: readonly Lane[]
}

/** The cell a card is shown in: its own, or the first stage or lane when its own was removed. */
export function cellOf(grid: BlueprintGrid, card: { stage: string; lane: string }): { stage: string; lane: string } | null {
	const first = { stage: grid.stages[0]?.id, lane: grid.lanes[0]?.id }
	if (first.stage === undefined || first.lane === undefined) return null
	return {
		stage: grid.stages.some((s) => s.id === card.stage) ? card.stage : first.stage,
		lane: grid.lanes.some((l) => l.id === card.lane) ? card.lane : first.lane,
	}
}

const byOrder = (a: { order: number; id: string }, b: { order: number; id: string }) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

export function layoutBlueprint(grid: BlueprintGrid, cards: readonly LaidOutCard[], personas: readonly LaidOutPersona[]): BlueprintLayout {
	const cells = new Map<string, LaidOutCard[]>()
	for (const card of cards) {
		const cell = cellOf(grid, card)
		if (!cell) continue
		const key = `${cell.stage}\u0000${cell.lane}`
		const list = cells.get(key)
		if (list) list.push(card)
		else cells.set(key, [card])
	}
	const columns: Column[] = grid.stages.map((s, i) => ({ id: s.id, x: LABEL_W + i * COL_W, w: COL_W }))
	const rows: Row[] = []
	const positions = new Map<string, { x: number; y: number }>()
	let y = HEADER_H + EMOTION_H
	for (const lane of grid.lanes) {
		let rowH = ROW_MIN_H
		for (const column of columns) {
			const list = cells.get(`${column.id}\u0000${lane.id}`)
			if (!list) continue
			list.sort(byOrder)
			let cy = y + CELL_PAD
			for (const card of list) {
				positions.set(card.id, { x: column.x + (COL_W - CARD_W) / 2, y: cy })
				cy += card.h + CARD_GAP
			}
			rowH = Math.max(rowH, cy - CARD_GAP + CELL_PAD - y)
		}
		rows.push({ id: lane.id, y, h: rowH })
		y += rowH
	}
	const gridH = y
	const w = LABEL_W + Math.max(1, columns.length) * COL_W
	const personaPositions = new Map<string, { x: number; y: number }>()
	const perRow = Math.max(1, Math.floor((w - PERSONA_GAP) / (PERSONA_W + PERSONA_GAP)))
	;[...personas].sort(byOrder).forEach((p, i) => {
		personaPositions.set(p.id, {
			x: PERSONA_GAP + (i % perRow) * (PERSONA_W + PERSONA_GAP),
			y: gridH + PERSONA_GAP + Math.floor(i / perRow) * (PERSONA_H + PERSONA_GAP),
		})
	})
	const personaRows = Math.ceil(personas.length / perRow)
	const h = gridH + (personaRows ? personaRows * (PERSONA_H + PERSONA_GAP) + PERSONA_GAP : 0)
	return { w, h, gridH, columns, rows, cards: positions, personas: personaPositions }
}

/** The cell under a point (relative to the blueprint); a point outside the grid takes the nearest cell. */
export function cellAt(layout: BlueprintLayout, point: { x: number; y: number }): { stage: string; lane: string } | null {
	const column = nearest(layout.columns, point.x, (c) => [c.x, c.x + c.w])
	const row = nearest(layout.rows, point.y, (r) => [r.y, r.y + r.h])
	return column && row ? { stage: column.id, lane: row.id } : null
}

function nearest<T>(items: readonly T[], at: number, span: (item: T) => [number, number]): T | undefined {
	let best: T | undefined
	let bestDistance = Infinity
	for (const item of items) {
		const [from, to] = span(item)
		const distance = at < from ? from - at : at > to ? at - to : 0
		if (distance < bestDistance) {
			best = item
			bestDistance = distance
		}
	}
	return best
}

/**
 * The order for a card dropped with its top at `y` among `others` (the cell's other cards, with their
 * laid-out tops): between the card above and the card below the drop.
 */
export function orderAt(others: ReadonlyArray<{ id: string; order: number; y: number; h: number }>, y: number): number {
	const sorted = [...others].sort(byOrder)
	const index = sorted.findIndex((o) => y < o.y + o.h / 2)
	if (sorted.length === 0) return 0
	if (index === -1) return sorted[sorted.length - 1]!.order + 1
	if (index === 0) return sorted[0]!.order - 1
	return (sorted[index - 1]!.order + sorted[index]!.order) / 2
}

/** The order for a card added at the end of a cell. */
export function orderAfter(others: ReadonlyArray<{ order: number }>): number {
	return others.reduce((max, o) => Math.max(max, o.order + 1), 0)
}

/** `items` with the item at `index` moved by `delta` places (clamped); the same array when it cannot move. */
export function moveItem<T>(items: readonly T[], index: number, delta: number): T[] {
	const to = Math.min(items.length - 1, Math.max(0, index + delta))
	if (index < 0 || index >= items.length || to === index) return [...items]
	const next = [...items]
	const [item] = next.splice(index, 1)
	next.splice(to, 0, item!)
	return next
}

/** The blueprint lines drawn between adjacent lanes of these kinds. */
export const BLUEPRINT_LINES = [
	{ line: 'interaction', above: 'actions', below: 'frontstage' },
	{ line: 'visibility', above: 'frontstage', below: 'backstage' },
	{ line: 'internal', above: 'backstage', below: 'support' },
] as const
export type BlueprintLine = (typeof BLUEPRINT_LINES)[number]['line']

/** The lines to draw: the y of the boundary below lane `index` when it and the next make a pair. */
export function blueprintLines(lanes: readonly Lane[], rows: readonly Row[]): Array<{ line: BlueprintLine; y: number }> {
	const out: Array<{ line: BlueprintLine; y: number }> = []
	for (let i = 0; i + 1 < lanes.length; i++) {
		const pair = BLUEPRINT_LINES.find((l) => l.above === lanes[i]!.kind && l.below === lanes[i + 1]!.kind)
		const row = rows[i]
		if (pair && row) out.push({ line: pair.line, y: row.y + row.h })
	}
	return out
}
