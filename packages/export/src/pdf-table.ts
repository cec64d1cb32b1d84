/**
 * Tables in the PDF report: a caption, a header row repeated on every page the table runs onto, and
 * rows whose cells hold text, feelings or stacks of cards. Column widths follow the content; a row
 * too tall for the room left moves to the next page, and a row taller than a whole page (a blueprint
 * cell with many cards) is split between pages, its row header repeated.
 *
 * Tagged as a table: Table, its Caption, a header row of TH (scope Column) and rows of TD, each row's
 * first cell a TH (scope Row) when the table has row headers. A caption and header row repeated on a
 * page the table runs onto, and a row header repeated with a split row, are artifacts.
 * @module
 */
import { LINE, SOFT, cardPiece, feelingPiece, measure, measureWidth, newPage, room, textPiece, write, INK, type Doc, type Node, type Pen, type Piece, type Style, type Tags } from './pdf-pen.js'
import type { Cell, ReportTable } from './report.js'

const PAD = 4
const GAP = 4

/** How a table is drawn: its text styles, and for a blueprint a fixed width for the row headers. */
export interface TableLook {
	body: Style
	head: Style
	caption: Style
	/** Width of the first column when fixed (blueprints); otherwise widths follow the content. */
	firstColumn?: number
	/** Show the caption (hidden when it only repeats the section's heading). */
	showCaption: boolean
	/** The word after the caption on a page the table runs onto. */
	continued: string
	/** Says where a picture not in the file is. */
	missing?: (url: string) => string
}

/** Room a feeling's face takes before its word. */
const FACE_ROOM = 17

/** The widest line of a cell, unwrapped, and its longest word: what it wants and what it needs. */
function cellWidths(doc: Doc, cell: Cell, style: Style): { natural: number; least: number } {
	const text = typeof cell === 'string' ? cell : 'cards' in cell ? cell.cards.map((c) => c.text).join('\n') : cell.label
	const extra = typeof cell === 'object' && 'emotion' in cell ? FACE_ROOM : 0
	const natural = Math.max(0, ...text.split('\n').map((line) => measureWidth(doc, line, style)))
	const least = Math.max(0, ...text.split(/\s+/).map((word) => measureWidth(doc, word, style)))
	return { natural: natural + extra + 2 * PAD + 1, least: Math.min(least, natural) + extra + 2 * PAD + 1 }
}

/**
 * Column widths that fill `width`. Each column wants its natural width (its widest line) and needs at
 * least its longest word. When they do not all fit, the widest columns give way first: every column is
 * capped at one width, chosen so the row fits, and never below the column's longest word.
 */
function columnWidths(doc: Doc, table: ReportTable, look: TableLook, width: number): number[] {
	const count = table.head.length
	if (look.firstColumn !== undefined) {
		const rest = (width - look.firstColumn) / (count - 1)
		return [look.firstColumn, ...Array.from({ length: count - 1 }, () => rest)]
	}
	const columns = table.head.map((head, i) => [
		cellWidths(doc, head, look.head),
		...table.rows.map((row) => cellWidths(doc, row[i] ?? '', i === 0 && table.rowHeaders ? look.head : look.body)),
	])
	const natural = columns.map((cells) => Math.max(...cells.map((c) => c.natural)))
	const least = columns.map((cells) => Math.max(...cells.map((c) => c.least)))
	const total = natural.reduce((a, b) => a + b, 0)
	if (total <= width) return natural.map((w) => w + (width - total) * (w / total))
	const floor = least.reduce((a, b) => a + b, 0)
	if (floor >= width) return least.map((w) => (w * width) / floor)
	const capped = (cap: number) => natural.map((w, i) => Math.max(least[i]!, Math.min(w, cap)))
	const sum = (cap: number) => capped(cap).reduce((a, b) => a + b, 0)
	let low = 0
	let high = Math.max(...natural)
	for (let step = 0; step < 40; step++) {
		const mid = (low + high) / 2
		if (sum(mid) > width) high = mid
		else low = mid
	}
	const widths = capped(low)
	const spare = width - widths.reduce((a, b) => a + b, 0)
	return widths.map((w) => w + spare / count)
}

function pieces(tags: Tags, cell: Cell, style: Style, width: number, maxHeight: number, align: 'left' | 'right', missing?: (url: string) => string): Piece[] {
	if (typeof cell === 'string') return cell === '' ? [] : [textPiece(tags, cell, style, width, maxHeight, align)]
	if ('cards' in cell) return cell.cards.map((c) => cardPiece(tags, c, width, style, maxHeight, missing))
	return [feelingPiece(tags, cell.emotion, cell.label, style, width)]
}

function stackHeight(stack: Piece[]): number {
	return stack.reduce((sum, p, i) => sum + p.height + (i > 0 ? GAP : 0), 0)
}

/** The table's elements: the Table, and its header row's TR (in THead) and rows' TRs (in TBody). */
interface TableNodes {
	table: Node
	body: Node
}

/** The header row: tagged the first time, an artifact where it is repeated on the next pages. */
function drawHead(pen: Pen, table: ReportTable, look: TableLook, widths: number[], nodes: TableNodes | null): void {
	const { doc, tags } = pen
	const heights = table.head.map((h, i) => measure(doc, h, look.head, widths[i]! - 2 * PAD))
	const height = Math.max(...heights) + 2 * PAD
	const row = nodes ? tags.child(tags.child(nodes.table, 'THead'), 'TR') : null
	let x = pen.x
	table.head.forEach((h, i) => {
		const left = x
		tags.artifact(() => doc.rect(left, pen.y, widths[i]!, height).fillAndStroke(SOFT, LINE))
		const words = () => write(doc, h, look.head, left + PAD, pen.y + PAD, widths[i]! - 2 * PAD, { align: table.numeric.includes(i) ? 'right' : 'left' })
		if (row) tags.content(tags.child(row, 'TH', { scope: 'Column' }), words)
		else tags.artifact(words, 'Pagination')
		x += widths[i]!
	})
	pen.y += height
}

/** The caption: tagged (when shown) the first time, an artifact with "continued" on the next pages. */
function drawCaption(pen: Pen, table: ReportTable, look: TableLook, nodes: TableNodes | null): void {
	const continued = nodes === null
	const text = continued ? `${table.caption} (${look.continued})` : table.caption
	const words = () => write(pen.doc, text, look.caption, pen.x, pen.y, pen.width)
	if (continued) pen.tags.artifact(words, 'Pagination')
	// A caption that would only repeat the section's heading is left out.
	else if (look.showCaption) pen.tags.content(pen.tags.child(nodes.table, 'Caption'), words)
	else return
	pen.y += measure(pen.doc, text, look.caption, pen.width) + 3
}

/**
 * Draw one row's stacks from the pen down, `height` tall, and move the pen below it: into the row's
 * cells, or (`cells` null: the row header repeated with a split row) as an artifact.
 */
function drawRowBox(pen: Pen, table: ReportTable, widths: number[], stacks: Piece[][], height: number, cells: Node[], repeatHeader: boolean): void {
	const { doc, tags } = pen
	let x = pen.x
	stacks.forEach((stack, i) => {
		const header = i === 0 && table.rowHeaders
		const left = x
		tags.artifact(() => {
			if (header) doc.rect(left, pen.y, widths[i]!, height).fillAndStroke('#fafafa', LINE)
			else doc.rect(left, pen.y, widths[i]!, height).stroke(LINE)
		})
		let y = pen.y + PAD
		for (const piece of stack) {
			const at = y
			if (i === 0 && repeatHeader) tags.decorating(() => piece.draw(left + PAD, at, cells[i]!))
			else piece.draw(left + PAD, at, cells[i]!)
			y += piece.height + GAP
		}
		x += widths[i]!
	})
	pen.y += height
}

/** Take from each stack the pieces that fit in `space`; the row header (first stack) always goes whole. */
function takeFitting(queues: Piece[][], space: number, rowHeader: Piece[]): Piece[][] {
	return queues.map((queue, i) => {
		if (i === 0) return rowHeader
		const taken: Piece[] = []
		while (queue.length > 0 && stackHeight([...taken, queue[0]!]) <= space) taken.push(queue.shift()!)
		if (taken.length === 0 && queue.length > 0) taken.push(queue.shift()!)
		return taken
	})
}

/** Room kept on a page for a repeated caption and header row. */
const HEAD_ROOM = 60

function rowPieces(pen: Pen, table: ReportTable, look: TableLook, widths: number[], row: Cell[]): Piece[][] {
	const maxPiece = pen.bottom - pen.top - HEAD_ROOM - 2 * PAD
	return row.map((cell, i) => {
		const style = i === 0 && table.rowHeaders ? look.head : look.body
		return pieces(pen.tags, cell, style, widths[i]! - 2 * PAD, maxPiece, table.numeric.includes(i) ? 'right' : 'left', look.missing)
	})
}

function rowHeight(queues: Piece[][]): number {
	return Math.max(...queues.map(stackHeight)) + 2 * PAD
}

function drawRow(pen: Pen, table: ReportTable, widths: number[], queues: Piece[][], restart: () => void, body: Node): void {
	const full = rowHeight(queues)
	if (pen.y + full > pen.bottom && full <= pen.bottom - pen.top - HEAD_ROOM) restart()
	const { tags } = pen
	const tr = tags.child(body, 'TR')
	const cells = queues.map((_, i) => (i === 0 && table.rowHeaders ? tags.child(tr, 'TH', { scope: 'Row' }) : tags.child(tr, 'TD')))
	if (pen.y + full <= pen.bottom) return drawRowBox(pen, table, widths, queues, full, cells, false)
	const rowHeader = queues[0] ?? []
	for (let part = 0; ; part++) {
		if (pen.bottom - pen.y < HEAD_ROOM) restart()
		const chunk = takeFitting(queues, pen.bottom - pen.y - 2 * PAD, rowHeader)
		drawRowBox(pen, table, widths, chunk, rowHeight(chunk), cells, part > 0)
		if (queues.slice(1).every((q) => q.length === 0)) return
		restart()
	}
}

/** A table no taller than this share of a page is kept on one page. */
const KEEP_TOGETHER = 0.45

interface Laid {
	widths: number[]
	rows: Piece[][][]
	/** The room the table should find before it starts: all of it when small, else a few rows. */
	lead: number
}

function layTable(pen: Pen, table: ReportTable, look: TableLook): Laid {
	const widths = columnWidths(pen.doc, table, look, pen.width)
	const rows = table.rows.map((row) => rowPieces(pen, table, look, widths, row))
	const total = HEAD_ROOM + rows.reduce((sum, queues) => sum + rowHeight(queues), 0)
	return { widths, rows, lead: total <= (pen.bottom - pen.top) * KEEP_TOGETHER ? total : 90 }
}

/** How much room a table wants below the pen before it starts (so a heading can keep it company). */
export function tableLead(pen: Pen, table: ReportTable, look: TableLook): number {
	return layTable(pen, table, look).lead
}

/** Draw a table from the pen down, as a Table element of `parent`, starting pages (of the pen's kind) as needed. */
export function drawTable(pen: Pen, table: ReportTable, look: TableLook, parent: Node): void {
	const { widths, rows, lead } = layTable(pen, table, look)
	room(pen, lead)
	const node = pen.tags.child(parent, 'Table')
	const nodes: TableNodes = { table: node, body: node }
	drawCaption(pen, table, look, nodes)
	drawHead(pen, table, look, widths, nodes)
	nodes.body = pen.tags.child(node, 'TBody')
	const restart = () => {
		newPage(pen, pen.landscape)
		drawCaption(pen, table, look, null)
		drawHead(pen, table, look, widths, null)
	}
	for (const queues of rows) drawRow(pen, table, widths, queues, restart, nodes.body)
	pen.y += 14
}

export const TABLE_STYLES = {
	body: { face: 'regular', size: 8.5, color: INK },
	head: { face: 'bold', size: 8.5, color: INK },
	caption: { face: 'bold', size: 9.5, color: INK },
} satisfies Record<string, Style>
