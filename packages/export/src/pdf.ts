/**
 * The PDF report: the same report as the HTML one, laid out with pdfkit on A4 portrait pages, with each
 * journey's service blueprint on A4 landscape pages (stages as columns, lanes as rows, the cards listed
 * in their cells). Text is drawn as text in an embedded Unicode font, so Welsh reads right, copies out
 * and is found by search; a card saying `<script>` is just those characters. Bookmarks lead to each
 * section and journey, and every page carries the title and its number.
 *
 * A tagged PDF in the report's language: a structure tree of the document (H1 title, a Sect per
 * section with its H2, H3 and H4 headings, paragraphs, lists of cards, tables with header cells), the
 * drawings and images of the board as figures with alternative text, and decoration and page footers
 * marked as artifacts (see `Tags`).
 * @module
 */
import type { ServiceDesign } from '@cyd/model'
import PDFDocument from 'pdfkit'
import { message } from './messages.js'
import type { ExportOptions } from './options.js'
import { ACCENT, INK, LINE, MUTED, SOFT, Tags, measure, newPage, openPen, registerFonts, room, write, cardPiece, type Doc, type Node, type Pen, type Style } from './pdf-pen.js'
import { TABLE_STYLES, drawTable, tableLead, type TableLook } from './pdf-table.js'
import { buildReport, type Block, type Fact, type Report, type ReportSection, type ReportTable } from './report.js'

const STYLES = {
	kind: { face: 'semibold', size: 10, color: MUTED, spacing: 0.6 },
	title: { face: 'bold', size: 24, color: INK },
	h2: { face: 'bold', size: 16, color: INK },
	h3: { face: 'bold', size: 13, color: INK },
	h4: { face: 'bold', size: 11, color: INK },
	body: { face: 'regular', size: 10, color: INK },
	label: { face: 'bold', size: 10, color: INK },
	small: { face: 'regular', size: 8, color: MUTED },
	stat: { face: 'bold', size: 16, color: INK },
	statLabel: { face: 'regular', size: 8, color: MUTED },
	cardText: { face: 'regular', size: 9, color: INK },
	blueprintText: { face: 'regular', size: 8, color: INK },
} satisfies Record<string, Style>

type Outline = PDFKit.PDFOutline

interface Context {
	pen: Pen
	report: Report
	outline: Outline
	section: ReportSection
	/** The section's element of the structure tree. */
	node: Node
}

function paragraph(pen: Pen, parent: Node, text: string, style: Style = STYLES.body, after = 8, type = 'P'): void {
	const height = measure(pen.doc, text, style, pen.width)
	room(pen, height)
	pen.tags.say(parent, type, () => write(pen.doc, text, style, pen.x, pen.y, pen.width))
	pen.y += height + after
}

/** Where a picture not in the file is, in words. */
function missing(report: Report): (url: string) => string {
	return (url) => message(report.language, url ? 'picture.notInFile' : 'picture.notKept', { url })
}

/** The room the blocks after a heading need to start on the same page as it: its paragraphs and a small table. */
function leadOf(cx: Context, next: Block[]): number {
	let height = 0
	for (const block of next) {
		if (block.type === 'paragraph') height += measure(cx.pen.doc, block.text, STYLES.body, cx.pen.width) + 8
		else if (block.type === 'heading') height += 30
		else if (block.type === 'table') return height + tableLead(cx.pen, block.table, lookOf(cx, block.table))
		else return height + 70
	}
	return height
}

function heading(cx: Context, level: 2 | 3 | 4, text: string, next: Block[] = []): void {
	const { pen } = cx
	const style = level === 2 ? STYLES.h2 : level === 3 ? STYLES.h3 : STYLES.h4
	const height = measure(pen.doc, text, style, pen.width)
	room(pen, height + 24 + Math.max(leadOf(cx, next), 46))
	const before = pen.y > pen.top ? (level === 2 ? 14 : 10) : 0
	pen.y += before
	if (level === 2) {
		pen.tags.artifact(() => pen.doc.moveTo(pen.x, pen.y - 6).lineTo(pen.x + pen.width, pen.y - 6).lineWidth(0.75).stroke(LINE))
	}
	pen.tags.say(cx.node, `H${level}`, () => write(pen.doc, text, style, pen.x, pen.y, pen.width))
	if (level === 3) cx.outline.addItem(text)
	pen.y += height + (level === 2 ? 8 : 5)
}

/** Labels and their values: one paragraph each, the label in bold above the value. */
function facts(pen: Pen, parent: Node, list: Fact[]): void {
	for (const fact of list) {
		const labelH = measure(pen.doc, fact.label, STYLES.label, pen.width)
		const valueH = measure(pen.doc, fact.value, STYLES.body, pen.width)
		room(pen, labelH + 1 + valueH)
		const node = pen.tags.child(parent, 'P')
		pen.tags.content(node, () => write(pen.doc, fact.label, STYLES.label, pen.x, pen.y, pen.width))
		pen.y += labelH + 1
		pen.tags.content(node, () => write(pen.doc, fact.value, STYLES.body, pen.x, pen.y, pen.width))
		pen.y += valueH + 6
	}
	pen.y += 4
}

/** The summary's figures in boxes, four to a row; each a paragraph of its label and its figure. */
function stats(pen: Pen, parent: Node, list: Fact[]): void {
	const perRow = 4
	const gap = 8
	const width = (pen.width - gap * (perRow - 1)) / perRow
	const height = 60
	list.forEach((fact, i) => {
		const column = i % perRow
		if (column === 0 && i > 0) pen.y += height + gap
		if (column === 0) room(pen, height)
		const x = pen.x + column * (width + gap)
		pen.tags.artifact(() => {
			pen.doc.rect(x, pen.y, width, height).stroke(LINE)
			pen.doc.rect(x, pen.y, width, 3).fill(ACCENT)
		})
		const node = pen.tags.child(parent, 'P')
		pen.tags.content(node, () => write(pen.doc, fact.label, STYLES.statLabel, x + 7, pen.y + 7, width - 14, { height: 26, ellipsis: true }))
		pen.tags.content(node, () => write(pen.doc, fact.value, STYLES.stat, x + 7, pen.y + 33, width - 14))
	})
	pen.y += height + 14
}

/** Cards one under another, as a list: L, an LI and its LBody per card. */
function cardList(cx: Context, block: Extract<Block, { type: 'cards' }>): void {
	const { pen } = cx
	const list = pen.tags.child(cx.node, 'L')
	for (const card of block.cards) {
		const piece = cardPiece(pen.tags, card, pen.width, STYLES.cardText, pen.bottom - pen.top, missing(cx.report))
		room(pen, piece.height)
		piece.draw(pen.x, pen.y, pen.tags.child(pen.tags.child(list, 'LI'), 'LBody'))
		pen.y += piece.height + 5
	}
	pen.y += 6
}

/** Short texts one under another, each after a bullet: L, an LI and its LBody per text. */
function textList(cx: Context, items: string[]): void {
	const { pen } = cx
	const list = pen.tags.child(cx.node, 'L')
	const indent = 12
	for (const item of items) {
		const height = measure(pen.doc, item, STYLES.body, pen.width - indent)
		room(pen, height)
		const li = pen.tags.child(list, 'LI')
		pen.tags.artifact(() => pen.doc.circle(pen.x + 3, pen.y + 6, 1.6).fill(INK))
		pen.tags.say(li, 'LBody', () => write(pen.doc, item, STYLES.body, pen.x + indent, pen.y, pen.width - indent))
		pen.y += height + 4
	}
	pen.y += 6
}

function continued(cx: Context): string {
	return message(cx.report.language, 'report.continued')
}

function lookOf(cx: Context, t: ReportTable): TableLook {
	return { ...TABLE_STYLES, showCaption: t.caption !== cx.section.title, continued: continued(cx), missing: missing(cx.report) }
}

function blueprint(cx: Context, block: Extract<Block, { type: 'blueprint' }>): void {
	const { pen } = cx
	newPage(pen, true)
	heading(cx, 4, block.heading)
	for (const t of block.tables) {
		if (pen.y > pen.top + 40) newPage(pen, true)
		drawTable(pen, t, { ...TABLE_STYLES, body: STYLES.blueprintText, firstColumn: 118, showCaption: true, continued: continued(cx), missing: missing(cx.report) }, cx.node)
	}
	newPage(pen, false)
}

function drawBlock(cx: Context, block: Block, next: Block[]): void {
	switch (block.type) {
		case 'heading':
			return heading(cx, block.level, block.text, next)
		case 'paragraph':
			return paragraph(cx.pen, cx.node, block.text)
		case 'facts':
			return cx.section.id === 'summary' ? stats(cx.pen, cx.node, block.facts) : facts(cx.pen, cx.node, block.facts)
		case 'cards':
			return cardList(cx, block)
		case 'list':
			return textList(cx, block.items)
		case 'table':
			return drawTable(cx.pen, block.table, lookOf(cx, block.table), cx.node)
		case 'blueprint':
			return blueprint(cx, block)
	}
}

function cover(pen: Pen, root: Node, report: Report): void {
	pen.tags.say(root, 'P', () => write(pen.doc, report.kind.toLocaleUpperCase(), STYLES.kind, pen.x, pen.y, pen.width))
	pen.y += 16
	paragraph(pen, root, report.title, STYLES.title, 10, 'H1')
	for (const fact of report.meta) paragraph(pen, root, `${fact.label}: ${fact.value}`, STYLES.body, 2)
	pen.y += 8
	const noteH = measure(pen.doc, report.note, STYLES.body, pen.width - 24)
	pen.tags.artifact(() => {
		pen.doc.rect(pen.x, pen.y, pen.width, noteH + 16).fill(SOFT)
		pen.doc.rect(pen.x, pen.y, 4, noteH + 16).fill(ACCENT)
	})
	pen.tags.say(root, 'P', () => write(pen.doc, report.note, STYLES.body, pen.x + 14, pen.y + 8, pen.width - 24))
	pen.y += noteH + 16 + 10
	pen.tags.artifact(() => pen.doc.rect(pen.x, pen.y, pen.width, 3).fill(ACCENT))
	pen.y += 12
}

/** The title and page number at the foot of every page: artifacts, which a reader skips. */
function footers(tags: Tags, report: Report): void {
	const { doc } = tags
	const range = doc.bufferedPageRange()
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i)
		const { width, height } = doc.page
		const side = width > height ? 40 : 54
		const page = message(report.language, 'report.page', { n: i + 1, total: range.count })
		tags.artifact(() => {
			write(doc, report.title, STYLES.small, side, height - 34, width / 2, { lineBreak: false, height: 12, ellipsis: true })
			write(doc, page, STYLES.small, width / 2, height - 34, width / 2 - side, { align: 'right', lineBreak: false })
		}, 'Pagination')
	}
}

/** Draw the report: its cover, then each section (bookmarked), then the footers on every page. */
function render(doc: Doc, report: Report, tags: Tags): void {
	const pen = openPen(doc, tags)
	const root = tags.root()
	cover(pen, root, report)
	for (const section of report.sections) {
		const cx: Context = { pen, report, outline: doc.outline.addItem(section.title), section, node: tags.child(root, 'Sect') }
		heading(cx, 2, section.title, section.blocks)
		section.blocks.forEach((block, i) => drawBlock(cx, block, section.blocks.slice(i + 1)))
	}
	footers(tags, report)
}

function collect(doc: Doc): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const chunks: Uint8Array[] = []
		doc.on('data', (chunk: Uint8Array) => chunks.push(chunk))
		doc.on('end', () => resolve(Buffer.concat(chunks)))
		doc.on('error', reject)
	})
}

/** The report of a design as a PDF file. */
export async function designPdf(design: ServiceDesign, options: ExportOptions): Promise<Uint8Array> {
	const report = buildReport(design, options)
	const created = new Date(design.generatedAt)
	const doc = new PDFDocument({
		autoFirstPage: false,
		bufferPages: true,
		tagged: true,
		lang: options.language,
		displayTitle: true,
		pdfVersion: '1.7',
		info: {
			Title: report.title,
			Subject: report.kind,
			Creator: 'Cyd',
			Producer: 'Cyd',
			...(Number.isNaN(created.getTime()) ? {} : { CreationDate: created, ModDate: created }),
		},
	})
	registerFonts(doc)
	const bytes = collect(doc)
	render(doc, report, new Tags(doc, options.images))
	doc.end()
	return bytes
}
