/**
 * The Markdown report (GitHub-flavoured: pipe tables). Every word from the board is escaped, so a card
 * can neither make a link, an image, HTML, emphasis, a heading or a list, nor break a table: the
 * characters that would (`\ \` * _ [ ] < > | ~ &`, and `#`, `-`, `+`, `=` or `1.` at the start of a line)
 * get a backslash, and line breaks inside a list item or a table cell become `<br>`. Drawings and
 * images are described in words (the HTML and PDF reports show them as pictures).
 * @module
 */
import type { ServiceDesign } from '@cyd/model'
import { EMOTION_FACES, KIND_SYMBOLS } from './icons.js'
import type { ExportOptions } from './options.js'
import { buildReport, type Block, type CardView, type Cell, type Fact, type Report, type ReportTable } from './report.js'

const INLINE_SPECIALS = /[\\`*_[\]<>|~&]/g
const LINE_START = /^(\s*)([#+=-])/gm
const ORDERED_START = /^(\s*\d+)([.)])/gm

/** Text from the board made inert in Markdown: every character that could mark something up is escaped. */
export function escapeMarkdown(text: string): string {
	return text.replace(INLINE_SPECIALS, '\\$&').replace(LINE_START, '$1\\$2').replace(ORDERED_START, '$1\\$2')
}

/** Escaped text kept on one line (for list items and table cells): line breaks become `<br>`. */
function inline(text: string): string {
	return escapeMarkdown(text.trim()).replace(/\r\n|\r|\n/g, '<br>')
}

/** A card: its symbol and kind, its words (or, for a picture without words, what it shows), its details. */
function card(view: CardView): string {
	const details = view.details.map((d) => `${inline(d.label)}: ${inline(d.value)}`).join('; ')
	const words = view.text ? inline(view.text) : view.picture ? `*${inline(view.picture.alt)}*` : ''
	return `${KIND_SYMBOLS[view.kind]} **${inline(view.kindLabel)}:** ${words}${details ? ` (${details})` : ''}`
}

function cell(value: Cell): string {
	if (typeof value === 'string') return inline(value)
	if ('cards' in value) return value.cards.map(card).join('<br>')
	return `${EMOTION_FACES[value.emotion]} ${inline(value.label)}`
}

function rowCell(value: Cell, header: boolean): string {
	const text = cell(value)
	if (text === '') return ' '
	return header ? `**${text}**` : text
}

function facts(list: Fact[]): string {
	return list.map((f) => `- **${inline(f.label)}:** ${inline(f.value)}`).join('\n')
}

function table(t: ReportTable, sectionTitle: string): string {
	const align = t.head.map((_, i) => (t.numeric.includes(i) ? '---:' : '---'))
	const lines = [
		`| ${t.head.map(inline).join(' | ')} |`,
		`| ${align.join(' | ')} |`,
		...t.rows.map((row) => `| ${row.map((c, i) => rowCell(c, i === 0 && t.rowHeaders)).join(' | ')} |`),
	]
	const caption = t.caption === sectionTitle ? [] : [`*${inline(t.caption)}*`, '']
	return [...caption, ...lines].join('\n')
}

function block(b: Block, sectionTitle: string): string {
	switch (b.type) {
		case 'heading':
			return `${'#'.repeat(b.level)} ${inline(b.text)}`
		case 'paragraph':
			return inline(b.text)
		case 'facts':
			return facts(b.facts)
		case 'cards':
			return b.cards.map((c) => `- ${card(c)}`).join('\n')
		case 'list':
			return b.items.map((item) => `- ${inline(item)}`).join('\n')
		case 'table':
			return table(b.table, sectionTitle)
		case 'blueprint':
			return [`#### ${inline(b.heading)}`, ...b.tables.map((t) => table(t, sectionTitle))].join('\n\n')
	}
}

function render(report: Report): string {
	const head = [`# ${inline(report.title)}`, `*${inline(report.kind)}*`, facts(report.meta), inline(report.note)]
	const sections = report.sections.flatMap((s) => [`## ${inline(s.title)}`, ...s.blocks.map((b) => block(b, s.title))])
	return `${[...head, ...sections].join('\n\n')}\n`
}

/** The report of a design as Markdown. */
export function designMarkdown(design: ServiceDesign, options: ExportOptions): string {
	return render(buildReport(design, options))
}
