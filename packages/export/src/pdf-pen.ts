/**
 * Drawing on a PDF page for the report: the fonts (Noto Sans, embedded from its npm package, so every
 * Welsh letter draws; the standard PDF fonts have no ŵ or ŷ), the pen that tracks where the next
 * thing goes and starts a new page when it runs out of room, and small pieces: text, symbols, cards.
 * @module
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Emotion } from '@cyd/model'
import { EMOTION_COLORS, ICON_BOX, KIND_COLORS, KIND_ICONS, faceIcon, type IconPart } from './icons.js'
import type { CardView } from './report.js'

export type Doc = PDFKit.PDFDocument

export const INK = '#0b0c0c'
export const MUTED = '#505a5f'
export const LINE = '#b1b4b6'
export const SOFT = '#f3f2f1'
export const ACCENT = '#1d4ed8'

/** The font faces the report uses, by the name they are registered under. */
export type Face = 'regular' | 'bold' | 'semibold'

const FONT_FILES: Record<Face, string> = {
	regular: '400Regular/NotoSans_400Regular.ttf',
	semibold: '600SemiBold/NotoSans_600SemiBold.ttf',
	bold: '700Bold/NotoSans_700Bold.ttf',
}

const fontCache = new Map<Face, Buffer>()
const require = createRequire(import.meta.url)

/** The bytes of a face of Noto Sans, read once from the font package. */
export function fontBytes(face: Face): Buffer {
	let bytes = fontCache.get(face)
	if (!bytes) {
		bytes = readFileSync(require.resolve(`@expo-google-fonts/noto-sans/${FONT_FILES[face]}`))
		fontCache.set(face, bytes)
	}
	return bytes
}

/** Register the report's faces with a document. */
export function registerFonts(doc: Doc): void {
	for (const face of Object.keys(FONT_FILES) as Face[]) doc.registerFont(face, fontBytes(face))
}

/** A text style: face, size in points, colour. */
export interface Style {
	face: Face
	size: number
	color: string
	/** Extra space between letters, for small capitals-like labels. */
	spacing?: number
}

export const LINE_GAP = 1.5

/** Where the next block goes on the current page, and the page's usable area. */
export interface Pen {
	doc: Doc
	x: number
	y: number
	width: number
	top: number
	bottom: number
	landscape: boolean
}

const PORTRAIT_MARGIN = { top: 54, bottom: 60, left: 54, right: 54 }
const LANDSCAPE_MARGIN = { top: 40, bottom: 48, left: 40, right: 40 }

/** Start a new page, portrait or landscape, and put the pen at its top. */
export function newPage(pen: Pen, landscape: boolean): void {
	const margins = landscape ? LANDSCAPE_MARGIN : PORTRAIT_MARGIN
	// pdfkit starts a page of its own when text runs past the bottom margin; the pen keeps to its own
	// bottom, so pdfkit's is set near the paper's edge, where nothing reaches, and never fires.
	pen.doc.addPage({ size: 'A4', layout: landscape ? 'landscape' : 'portrait', margins: { ...margins, bottom: 4 } })
	pen.landscape = landscape
	pen.x = margins.left
	pen.top = margins.top
	pen.y = margins.top
	pen.width = pen.doc.page.width - margins.left - margins.right
	pen.bottom = pen.doc.page.height - margins.bottom
}

/** A new document with its first, portrait page. */
export function openPen(doc: Doc): Pen {
	const pen: Pen = { doc, x: 0, y: 0, width: 0, top: 0, bottom: 0, landscape: false }
	newPage(pen, false)
	return pen
}

/** Make sure `height` points are free below the pen; start a new page of the same kind if not. */
export function room(pen: Pen, height: number): void {
	if (pen.y + height > pen.bottom && pen.y > pen.top) newPage(pen, pen.landscape)
}

function use(doc: Doc, style: Style): void {
	doc.font(style.face).fontSize(style.size).fillColor(style.color)
}

/** The height of `text` in `style`, wrapped to `width`. */
export function measure(doc: Doc, text: string, style: Style, width: number): number {
	use(doc, style)
	return doc.heightOfString(text, { width, lineGap: LINE_GAP, characterSpacing: style.spacing ?? 0 })
}

/** The width of `text` on one line in `style`. */
export function measureWidth(doc: Doc, text: string, style: Style): number {
	use(doc, style)
	return doc.widthOfString(text, { characterSpacing: style.spacing ?? 0 })
}

/** Draw `text` at (x, y) wrapped to `width`; cut to `height` with an ellipsis if given. */
export function write(doc: Doc, text: string, style: Style, x: number, y: number, width: number, extra: PDFKit.Mixins.TextOptions = {}): void {
	use(doc, style)
	doc.text(text, x, y, { width, lineGap: LINE_GAP, characterSpacing: style.spacing ?? 0, ...extra })
}

/** Draw a symbol (see icons.ts) of `size` points with its top left at (x, y). */
export function drawIcon(doc: Doc, parts: IconPart[], ink: string, x: number, y: number, size: number): void {
	const paint = (p: IconPart['fill']) => (p === 'ink' ? ink : '#ffffff')
	doc.save()
	doc.translate(x, y).scale(size / ICON_BOX)
	for (const part of parts) {
		doc.path(part.d)
		if (part.stroke !== 'none') doc.lineWidth(part.width).lineCap('round').strokeColor(paint(part.stroke))
		if (part.fill !== 'none') doc.fillColor(paint(part.fill))
		if (part.fill !== 'none' && part.stroke !== 'none') doc.fillAndStroke()
		else if (part.fill !== 'none') doc.fill()
		else doc.stroke()
	}
	doc.restore()
}

/** Something that takes a known height and draws itself at a place and width. */
export interface Piece {
	height: number
	draw(x: number, y: number): void
}

const CARD_KIND: Style = { face: 'bold', size: 6.5, color: INK, spacing: 0.3 }
const CARD_DETAILS: Style = { face: 'regular', size: 7, color: MUTED }
const CARD_PAD = 4

/** A card as a box: a coloured edge, its kind as symbol and word, its text, then its details. */
export function cardPiece(doc: Doc, card: CardView, width: number, textStyle: Style, maxHeight: number): Piece {
	const inner = width - 2 * CARD_PAD - 3
	const kindStyle = { ...CARD_KIND, color: KIND_COLORS[card.kind].ink }
	const kindLabel = card.kindLabel.toLocaleUpperCase()
	const details = card.details.map((d) => `${d.label}: ${d.value}`).join(' · ')
	const kindH = Math.max(measure(doc, kindLabel, kindStyle, inner - 12), 9)
	const detailsH = details ? measure(doc, details, CARD_DETAILS, inner) + 1 : 0
	const textRoom = maxHeight - 2 * CARD_PAD - kindH - detailsH - 1
	const textH = Math.min(measure(doc, card.text, textStyle, inner), textRoom)
	const height = CARD_PAD + kindH + 1 + textH + detailsH + CARD_PAD
	return {
		height,
		draw(x, y) {
			const colors = KIND_COLORS[card.kind]
			doc.rect(x, y, width, height).fillAndStroke(colors.paper, LINE)
			doc.rect(x, y, 3, height).fill(colors.ink)
			const left = x + 3 + CARD_PAD
			drawIcon(doc, KIND_ICONS[card.kind], colors.ink, left, y + CARD_PAD + 0.5, 8)
			write(doc, kindLabel, kindStyle, left + 11, y + CARD_PAD, inner - 11)
			write(doc, card.text, textStyle, left, y + CARD_PAD + kindH + 1, inner, { height: textRoom, ellipsis: true })
			if (details) write(doc, details, CARD_DETAILS, left, y + CARD_PAD + kindH + 1 + textH + 1, inner)
		},
	}
}

/** A feeling: its face and its word. */
export function feelingPiece(doc: Doc, value: Emotion, label: string, style: Style, width: number): Piece {
	const size = 12
	const textH = measure(doc, label, style, width - size - 5)
	return {
		height: Math.max(size, textH),
		draw(x, y) {
			drawIcon(doc, faceIcon(value), EMOTION_COLORS[value], x, y, size)
			write(doc, label, style, x + size + 5, y + Math.max(0, (size - textH) / 2), width - size - 5)
		},
	}
}

/** Plain text, cut to `maxHeight` if it would be taller. */
export function textPiece(doc: Doc, text: string, style: Style, width: number, maxHeight: number, align: 'left' | 'right' = 'left'): Piece {
	const height = Math.min(measure(doc, text, style, width), maxHeight)
	return { height, draw: (x, y) => write(doc, text, style, x, y, width, { height: maxHeight, ellipsis: true, align }) }
}
