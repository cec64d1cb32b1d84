/**
 * Drawing on a PDF page for the report: the fonts (Noto Sans, embedded from its npm package, so every
 * Welsh letter draws; the standard PDF fonts have no ŵ or ŷ), the pen that tracks where the next
 * thing goes and starts a new page when it runs out of room, the tags that make it a tagged PDF, and
 * small pieces: text, symbols, cards, pictures.
 *
 * Tagged: everything drawn is either content of an element of the structure tree (a heading, a
 * paragraph, a table cell, a figure with its alternative text), marked with that element's tag, or
 * decoration marked as an artifact (rules, boxes, fills, symbols beside their words, page footers), so a
 * screen reader reads the report in order and skips what only decorates it.
 * @module
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Emotion, Picture } from '@cyd/model'
import { EMOTION_COLORS, ICON_BOX, KIND_COLORS, KIND_ICONS, faceIcon, type IconPart } from './icons.js'
import type { ImageFile } from './options.js'
import type { CardView, PictureView } from './report.js'

export type Doc = PDFKit.PDFDocument

/** An element of the PDF's structure tree, and its type (the tag its content is marked with). */
export interface Node {
	el: PDFKit.PDFStructureElement
	type: string
}

/** Options of a structure element: alternative text (figures), and a table header's scope. */
export interface NodeOptions {
	alt?: string
	scope?: 'Column' | 'Row'
}

/** Builds the structure tree while the report is drawn, and marks what is drawn as content or artifact. */
export class Tags {
	/** While set, content is drawn as an artifact and no element is made (something drawn again). */
	private repeating = false

	constructor(
		readonly doc: Doc,
		/** The board's uploaded images by URL, for pictures. */
		readonly images: ReadonlyMap<string, ImageFile> = new Map(),
	) {}

	/** The tree's root: the document. */
	root(): Node {
		const el = this.doc.struct('Document')
		this.doc.addStructure(el)
		return { el, type: 'Document' }
	}

	/** A new element, the last child of `parent`. */
	child(parent: Node, type: string, options: NodeOptions = {}): Node {
		if (this.repeating) return parent
		// pdfkit takes `scope` (a table header's) though its types do not say so.
		const el = this.doc.struct(type, options as PDFKit.Mixins.StructureElementOptions)
		parent.el.add(el)
		return { el, type }
	}

	/** Draw content of `node` (words, a picture): marked with its tag and linked to it in the tree. */
	content(node: Node, draw: () => void): void {
		if (this.repeating) return this.artifact(draw, 'Pagination')
		const content = this.doc.markStructureContent(node.type)
		draw()
		this.doc.endMarkedContent()
		node.el.add(content)
	}

	/** Draw decoration, which a reader skips. */
	artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
		this.doc.markContent('Artifact', { type })
		draw()
		this.doc.endMarkedContent()
	}

	/** Draw again what a reader already had (a row header repeated on the next page): all of it an artifact. */
	decorating(draw: () => void): void {
		this.repeating = true
		try {
			draw()
		} finally {
			this.repeating = false
		}
	}

	/** Words as one element of `type` under `parent`. */
	say(parent: Node, type: string, draw: () => void): Node {
		const node = this.child(parent, type)
		this.content(node, draw)
		return node
	}
}

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
	tags: Tags
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
export function openPen(doc: Doc, tags: Tags): Pen {
	const pen: Pen = { doc, tags, x: 0, y: 0, width: 0, top: 0, bottom: 0, landscape: false }
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

/** Something that takes a known height and draws itself at a place and width, as content of `into`. */
export interface Piece {
	height: number
	draw(x: number, y: number, into: Node): void
}

/** The largest a picture is drawn in a card, in points. */
const PICTURE_MAX_H = 150
const DRAWABLE = new Set(['image/png', 'image/jpeg'])
const COLOUR = /^#[0-9a-fA-F]{3,8}$/
const PATH_DATA = /^[MLQCZAHVSTmlqczahvst0-9 .,eE+-]*$/

/** A drawing's paths, scaled into a box. */
function drawPicture(doc: Doc, picture: Picture, x: number, y: number, scale: number): void {
	doc.save()
	doc.translate(x, y).scale(scale)
	for (const path of picture.paths) {
		if (!PATH_DATA.test(path.d)) continue
		const stroke = path.stroke !== null && COLOUR.test(path.stroke) ? path.stroke : null
		const fill = path.fill !== null && COLOUR.test(path.fill) ? path.fill : null
		doc.path(path.d)
		doc.lineWidth(Math.max(0.1, Number(path.width) || 1)).lineCap('round').lineJoin('round')
		doc.opacity(Math.min(1, Math.max(0, Number(path.opacity))))
		if (stroke) doc.strokeColor(stroke)
		if (fill) doc.fillColor(fill)
		if (fill && stroke) doc.fillAndStroke()
		else if (fill) doc.fill()
		else if (stroke) doc.stroke()
	}
	doc.restore()
}

/**
 * A picture of the board: a drawing's paths, or an uploaded PNG or JPEG image, as a figure with its
 * alternative text; an image whose bytes are not given (or of a kind a PDF cannot hold) is said in words.
 */
export function picturePiece(tags: Tags, view: PictureView, width: number, missing: (url: string) => string): Piece {
	const { doc } = tags
	const box = view.picture ?? view.image
	const file = view.image?.url ? tags.images.get(view.image.url) : undefined
	if (!box || (view.image && !(file && DRAWABLE.has(file.type)))) {
		const words = missing(view.image?.url ?? '')
		const height = measure(doc, words, CARD_DETAILS, width)
		return { height, draw: (x, y, into) => tags.say(into, 'P', () => write(doc, words, CARD_DETAILS, x, y, width)) }
	}
	const scale = Math.min(1, width / Math.max(1, box.w), PICTURE_MAX_H / Math.max(1, box.h))
	const w = box.w * scale
	const h = box.h * scale
	return {
		height: h + 2,
		draw(x, y, into) {
			const figure = tags.child(into, 'Figure', { alt: view.alt })
			tags.content(figure, () => {
				if (view.picture) drawPicture(doc, view.picture, x, y + 1, scale)
				else doc.image(Buffer.from(file!.bytes), x, y + 1, { width: w, height: h })
			})
			tags.artifact(() => doc.rect(x, y + 1, w, h).lineWidth(0.5).stroke(LINE))
		},
	}
}

const CARD_KIND: Style = { face: 'bold', size: 6.5, color: INK, spacing: 0.3 }
const CARD_DETAILS: Style = { face: 'regular', size: 7, color: MUTED }
const CARD_PAD = 4

/**
 * A card as a box: a coloured edge, its kind as symbol and word, its text, its picture if it has one,
 * then its details. `missing` says where a picture not in the file is.
 */
export function cardPiece(tags: Tags, card: CardView, width: number, textStyle: Style, maxHeight: number, missing: (url: string) => string = () => ''): Piece {
	const { doc } = tags
	const inner = width - 2 * CARD_PAD - 3
	const kindStyle = { ...CARD_KIND, color: KIND_COLORS[card.kind].ink }
	const kindLabel = card.kindLabel.toLocaleUpperCase()
	const details = card.details.map((d) => `${d.label}: ${d.value}`).join(' · ')
	const kindH = Math.max(measure(doc, kindLabel, kindStyle, inner - 12), 9)
	const detailsH = details ? measure(doc, details, CARD_DETAILS, inner) + 1 : 0
	const picture = card.picture ? picturePiece(tags, card.picture, inner, missing) : null
	const pictureH = picture ? picture.height + 2 : 0
	const textRoom = maxHeight - 2 * CARD_PAD - kindH - detailsH - pictureH - 1
	const textH = card.text ? Math.min(measure(doc, card.text, textStyle, inner), textRoom) : 0
	const height = CARD_PAD + kindH + 1 + textH + pictureH + detailsH + CARD_PAD
	return {
		height,
		draw(x, y, into) {
			const colors = KIND_COLORS[card.kind]
			const left = x + 3 + CARD_PAD
			tags.artifact(() => {
				doc.rect(x, y, width, height).fillAndStroke(colors.paper, LINE)
				doc.rect(x, y, 3, height).fill(colors.ink)
				drawIcon(doc, KIND_ICONS[card.kind], colors.ink, left, y + CARD_PAD + 0.5, 8)
			})
			tags.content(into, () => write(doc, kindLabel, kindStyle, left + 11, y + CARD_PAD, inner - 11))
			let at = y + CARD_PAD + kindH + 1
			if (card.text) tags.content(into, () => write(doc, card.text, textStyle, left, at, inner, { height: textRoom, ellipsis: true }))
			at += textH
			if (picture) picture.draw(left, at + 1, into)
			at += pictureH
			if (details) tags.content(into, () => write(doc, details, CARD_DETAILS, left, at + 1, inner))
		},
	}
}

/** A feeling: its face (decoration) and its word. */
export function feelingPiece(tags: Tags, value: Emotion, label: string, style: Style, width: number): Piece {
	const { doc } = tags
	const size = 12
	const textH = measure(doc, label, style, width - size - 5)
	return {
		height: Math.max(size, textH),
		draw(x, y, into) {
			tags.artifact(() => drawIcon(doc, faceIcon(value), EMOTION_COLORS[value], x, y, size))
			tags.content(into, () => write(doc, label, style, x + size + 5, y + Math.max(0, (size - textH) / 2), width - size - 5))
		},
	}
}

/** Plain text, cut to `maxHeight` if it would be taller. */
export function textPiece(tags: Tags, text: string, style: Style, width: number, maxHeight: number, align: 'left' | 'right' = 'left'): Piece {
	const height = Math.min(measure(tags.doc, text, style, width), maxHeight)
	return { height, draw: (x, y, into) => tags.content(into, () => write(tags.doc, text, style, x, y, width, { height: maxHeight, ellipsis: true, align })) }
}
