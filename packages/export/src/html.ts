/**
 * The HTML report: one self-contained page (inline CSS and SVG, no script, no external request; a
 * Content-Security-Policy says so to the browser too) that reads well on screen and prints on A4.
 *
 * Accessible by construction: `lang` on the page, one h1 and headings in order, tables with a
 * `<caption>` and `<th scope>`, symbols hidden from screen readers beside the words they stand for.
 * Every word from the board goes through `escapeHtml`, so a card saying `<script>` shows those
 * characters.
 * @module
 */
import type { CardKind, Emotion, ServiceDesign } from '@cyd/model'
import { REPORT_CSS } from './html-style.js'
import { EMOTION_COLORS, ICON_BOX, KIND_COLORS, KIND_ICONS, faceIcon, type IconPart } from './icons.js'
import type { ExportOptions } from './options.js'
import { buildReport, type Block, type CardView, type Cell, type Fact, type Report, type ReportSection, type ReportTable } from './report.js'

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text made safe to place in HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch)
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

function svg(parts: IconPart[], ink: string, size: number): string {
	const paint = (p: IconPart['fill']) => (p === 'ink' ? ink : p === 'paper' ? '#fff' : 'none')
	const paths = parts.map(
		(p) =>
			`<path d="${p.d}" fill="${paint(p.fill)}"${p.stroke === 'none' ? '' : ` stroke="${paint(p.stroke)}" stroke-width="${p.width}" stroke-linecap="round"`}/>`,
	)
	return `<svg class="icon" width="${size}" height="${size}" viewBox="0 0 ${ICON_BOX} ${ICON_BOX}" aria-hidden="true" focusable="false">${paths.join('')}</svg>`
}

function kindIcon(kind: CardKind): string {
	return svg(KIND_ICONS[kind], KIND_COLORS[kind].ink, 14)
}

function face(value: Emotion): string {
	return svg(faceIcon(value), EMOTION_COLORS[value], 20)
}

function card(view: CardView): string {
	const details = view.details.map((d) => `${escapeHtml(d.label)}: ${escapeHtml(d.value)}`).join(' · ')
	return [
		`<li class="kind-${view.kind}">`,
		`<span class="card-kind">${kindIcon(view.kind)}${escapeHtml(view.kindLabel)}</span>`,
		`<span class="card-text">${escapeHtml(view.text)}</span>`,
		details ? `<span class="card-details">${details}</span>` : '',
		'</li>',
	].join('')
}

function cards(views: CardView[]): string {
	return views.length === 0 ? '' : `<ul class="cards">${views.map(card).join('')}</ul>`
}

function cell(value: Cell): string {
	if (typeof value === 'string') return escapeHtml(value)
	if ('cards' in value) return cards(value.cards)
	return `<span class="feeling">${face(value.emotion)}${escapeHtml(value.label)}</span>`
}

function facts(list: Fact[], className: string): string {
	const items = list.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`)
	return `<dl class="${className}">${items.join('')}</dl>`
}

function stats(list: Fact[]): string {
	const items = list.map((f) => `<div><dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd></div>`)
	return `<dl class="stats">${items.join('')}</dl>`
}

function row(t: ReportTable, cells: Cell[]): string {
	const html = cells.map((c, i) => {
		if (i === 0 && t.rowHeaders) return `<th scope="row">${cell(c)}</th>`
		return t.numeric.includes(i) ? `<td class="num">${cell(c)}</td>` : `<td>${cell(c)}</td>`
	})
	return `<tr>${html.join('')}</tr>`
}

function table(t: ReportTable, sectionTitle: string, className = ''): string {
	const captionClass = t.caption === sectionTitle ? ' class="same"' : ''
	const head = t.head.map((h, i) => `<th scope="col"${t.numeric.includes(i) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('')
	return [
		`<div class="scroll"><table${className ? ` class="${className}"` : ''}>`,
		`<caption${captionClass}>${escapeHtml(t.caption)}</caption>`,
		`<thead><tr>${head}</tr></thead>`,
		`<tbody>${t.rows.map((r) => row(t, r)).join('')}</tbody>`,
		'</table></div>',
	].join('')
}

function block(b: Block, section: ReportSection): string {
	switch (b.type) {
		case 'heading':
			return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`
		case 'paragraph':
			return `<p>${escapeHtml(b.text)}</p>`
		case 'facts':
			return section.id === 'summary' ? stats(b.facts) : facts(b.facts, 'facts')
		case 'cards':
			return cards(b.cards)
		case 'table':
			return table(b.table, section.title, b.table.head.length <= 2 ? 'narrow' : '')
		case 'blueprint':
			return `<div class="landscape"><h4>${escapeHtml(b.heading)}</h4>${b.tables.map((t) => table(t, section.title, 'blueprint')).join('')}</div>`
	}
}

function sectionHtml(section: ReportSection): string {
	const heading = `<h2 id="${section.id}">${escapeHtml(section.title)}</h2>`
	return `<section aria-labelledby="${section.id}">${heading}${section.blocks.map((b) => block(b, section)).join('\n')}</section>`
}

function contents(report: Report): string {
	const items = report.sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('')
	return `<nav aria-labelledby="contents"><h2 id="contents">${escapeHtml(report.contents)}</h2><ol>${items}</ol></nav>`
}

function render(report: Report): string {
	return [
		'<!DOCTYPE html>',
		`<html lang="${report.language}">`,
		'<head>',
		'<meta charset="utf-8">',
		`<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		`<title>${escapeHtml(`${report.title} – ${report.kind}`)}</title>`,
		`<style>${REPORT_CSS}</style>`,
		'</head>',
		'<body>',
		'<header class="cover">',
		`<p class="kind">${escapeHtml(report.kind)}</p>`,
		`<h1>${escapeHtml(report.title)}</h1>`,
		facts(report.meta, 'meta'),
		`<p class="note">${escapeHtml(report.note)}</p>`,
		'</header>',
		contents(report),
		'<main>',
		...report.sections.map(sectionHtml),
		'</main>',
		'</body>',
		'</html>',
		'',
	].join('\n')
}

/** The report of a design as one self-contained HTML page. */
export function designHtml(design: ServiceDesign, options: ExportOptions): string {
	return render(buildReport(design, options))
}
