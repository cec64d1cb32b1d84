/**
 * The HTML report: one self-contained page (inline CSS and SVG, no script, no external request; a
 * Content-Security-Policy says so to the browser too) that reads well on screen and prints on A4.
 *
 * Accessible by construction: `lang` on the page, one h1 and headings in order, tables with a
 * `<caption>` and `<th scope>`, symbols hidden from screen readers beside the words they stand for.
 * Every word from the board goes through `escapeHtml`, so a card saying `<script>` shows those
 * characters.
 *
 * Drawings are inline SVG (`role="img"` with their description); uploaded images are put in the page as
 * `data:` URLs when their bytes are given, or (the public page, served beside the uploads) shown from
 * their URL on the same server; otherwise the report says where the picture is.
 * @module
 */
import type { Emotion, Picture, ServiceDesign } from '@cyd/model'
import { REPORT_CSS } from './html-style.js'
import { EMOTION_COLORS, ICON_BOX, KIND_COLORS, KIND_ICONS, faceIcon, type IconPart, type ViewKind } from './icons.js'
import { message } from './messages.js'
import type { ExportOptions, ImageFile, PublicFeedback } from './options.js'
import { formatTime } from './format.js'
import { buildReport, type Block, type CardView, type Cell, type Fact, type PictureView, type Report, type ReportSection, type ReportTable } from './report.js'

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text made safe to place in HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch)
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
/** The public page's: images may also come from the server that serves it. */
const CSP_LINKED = "default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self'"

/** What drawing a report needs besides the report: the images' bytes, and whether to link to them. */
interface Render {
	report: Report
	images: ReadonlyMap<string, ImageFile>
	linkImages: boolean
	feedback: PublicFeedback | null
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])
const COLOUR = /^#[0-9a-fA-F]{3,8}$/
const PATH_DATA = /^[MLQCZAHVSTmlqczahvst0-9 .,eE+-]*$/
/** Largest size of a picture on the page, in CSS pixels. */
const PICTURE_W = 320
const PICTURE_H = 200

function svg(parts: IconPart[], ink: string, size: number): string {
	const paint = (p: IconPart['fill']) => (p === 'ink' ? ink : p === 'paper' ? '#fff' : 'none')
	const paths = parts.map(
		(p) =>
			`<path d="${p.d}" fill="${paint(p.fill)}"${p.stroke === 'none' ? '' : ` stroke="${paint(p.stroke)}" stroke-width="${p.width}" stroke-linecap="round"`}/>`,
	)
	return `<svg class="icon" width="${size}" height="${size}" viewBox="0 0 ${ICON_BOX} ${ICON_BOX}" aria-hidden="true" focusable="false">${paths.join('')}</svg>`
}

function kindIcon(kind: ViewKind): string {
	return svg(KIND_ICONS[kind], KIND_COLORS[kind].ink, 14)
}

function face(value: Emotion): string {
	return svg(faceIcon(value), EMOTION_COLORS[value], 20)
}

/** The size to show a w x h picture at: its own, or smaller to fit the largest size. */
function fit(w: number, h: number): { w: number; h: number } {
	const scale = Math.min(1, PICTURE_W / Math.max(1, w), PICTURE_H / Math.max(1, h))
	return { w: Math.max(1, Math.round(w * scale)), h: Math.max(1, Math.round(h * scale)) }
}

/** A drawing as inline SVG. Paths and colours are checked, so nothing in them can reach outside the page. */
function drawingSvg(picture: Picture, alt: string): string {
	const size = fit(picture.w, picture.h)
	const paint = (colour: string | null) => (colour !== null && COLOUR.test(colour) ? colour : 'none')
	const paths = picture.paths
		.filter((p) => PATH_DATA.test(p.d))
		.map(
			(p) =>
				`<path d="${p.d}" fill="${paint(p.fill)}" stroke="${paint(p.stroke)}" stroke-width="${Number(p.width) || 0}" opacity="${Number(p.opacity) || 0}" stroke-linecap="round" stroke-linejoin="round"/>`,
		)
	return `<svg class="picture" role="img" aria-label="${escapeHtml(alt)}" width="${size.w}" height="${size.h}" viewBox="0 0 ${Number(picture.w) || 1} ${Number(picture.h) || 1}">${paths.join('')}</svg>`
}

function pictureHtml(view: PictureView, out: Render): string {
	if (view.picture) return drawingSvg(view.picture, view.alt)
	const image = view.image
	if (!image) return ''
	const size = fit(image.w, image.h)
	const file = image.url ? out.images.get(image.url) : undefined
	if (file && IMAGE_TYPES.has(file.type)) {
		const data = Buffer.from(file.bytes).toString('base64')
		return `<img class="picture" src="data:${file.type};base64,${data}" alt="${escapeHtml(view.alt)}" width="${size.w}" height="${size.h}">`
	}
	if (out.linkImages && /^\/uploads\/[A-Za-z0-9_-]+\/[0-9a-f]{64}\.(png|jpg|gif|webp)$/.test(image.url)) {
		return `<img class="picture" src="${escapeHtml(image.url)}" alt="${escapeHtml(view.alt)}" width="${size.w}" height="${size.h}">`
	}
	const words = image.url ? message(out.report.language, 'picture.notInFile', { url: image.url }) : message(out.report.language, 'picture.notKept')
	return `<span class="picture-missing">${escapeHtml(words)}</span>`
}

function card(view: CardView, out: Render): string {
	const details = view.details.map((d) => `${escapeHtml(d.label)}: ${escapeHtml(d.value)}`).join(' · ')
	return [
		`<li class="kind-${view.kind}">`,
		`<span class="card-kind">${kindIcon(view.kind)}${escapeHtml(view.kindLabel)}</span>`,
		view.text ? `<span class="card-text">${escapeHtml(view.text)}</span>` : '',
		view.picture ? pictureHtml(view.picture, out) : '',
		details ? `<span class="card-details">${details}</span>` : '',
		'</li>',
	].join('')
}

function cards(views: CardView[], out: Render): string {
	return views.length === 0 ? '' : `<ul class="cards">${views.map((v) => card(v, out)).join('')}</ul>`
}

function cell(value: Cell, out: Render): string {
	if (typeof value === 'string') return escapeHtml(value)
	if ('cards' in value) return cards(value.cards, out)
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

function row(t: ReportTable, cells: Cell[], out: Render): string {
	const html = cells.map((c, i) => {
		if (i === 0 && t.rowHeaders) return `<th scope="row">${cell(c, out)}</th>`
		return t.numeric.includes(i) ? `<td class="num">${cell(c, out)}</td>` : `<td>${cell(c, out)}</td>`
	})
	return `<tr>${html.join('')}</tr>`
}

function table(t: ReportTable, sectionTitle: string, out: Render, className = ''): string {
	const captionClass = t.caption === sectionTitle ? ' class="same"' : ''
	const head = t.head.map((h, i) => `<th scope="col"${t.numeric.includes(i) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('')
	return [
		`<div class="scroll"><table${className ? ` class="${className}"` : ''}>`,
		`<caption${captionClass}>${escapeHtml(t.caption)}</caption>`,
		`<thead><tr>${head}</tr></thead>`,
		`<tbody>${t.rows.map((r) => row(t, r, out)).join('')}</tbody>`,
		'</table></div>',
	].join('')
}

function block(b: Block, section: ReportSection, out: Render): string {
	switch (b.type) {
		case 'heading':
			return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`
		case 'paragraph':
			return `<p>${escapeHtml(b.text)}</p>`
		case 'facts':
			return section.id === 'summary' ? stats(b.facts) : facts(b.facts, 'facts')
		case 'cards':
			return cards(b.cards, out)
		case 'list':
			return `<ul class="list">${b.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`
		case 'table':
			return table(b.table, section.title, out, b.table.head.length <= 2 ? 'narrow' : '')
		case 'blueprint':
			return `<div class="landscape"><h4>${escapeHtml(b.heading)}</h4>${b.tables.map((t) => table(t, section.title, out, 'blueprint')).join('')}</div>`
	}
}

function sectionHtml(section: ReportSection, out: Render): string {
	const heading = `<h2 id="${section.id}">${escapeHtml(section.title)}</h2>`
	return `<section aria-labelledby="${section.id}">${heading}${section.blocks.map((b) => block(b, section, out)).join('\n')}</section>`
}

/**
 * The public page's replies: those approved, as plain text (a URL in one is only text), the form for a
 * new one (no script: a plain POST), what became of one just sent, and the Atom feed of updates.
 */
function feedbackHtml(feedback: PublicFeedback, language: Report['language'], timeZone: string): string {
	const t = (key: Parameters<typeof message>[1], values?: Record<string, string | number>) => escapeHtml(message(language, key, values))
	const said = feedback.said
		? `<p class="said${feedback.said.sent ? '' : ' refused'}" role="status" data-testid="reply-said">${feedback.said.sent ? t('replies.thanks') : t('replies.refused', { reason: feedback.said.reason })}</p>`
		: ''
	const list = feedback.replies.length
		? `<ol class="replies" data-testid="replies">${feedback.replies
				.map((r) => `<li><p class="reply-text">${escapeHtml(r.text)}</p><p class="reply-meta">${t('replies.sent', { time: formatTime(new Date(r.at).toISOString(), language, timeZone) })}</p></li>`)
				.join('')}</ol>`
		: `<p>${t('replies.none')}</p>`
	return [
		'<section aria-labelledby="replies">',
		`<h2 id="replies">${t('replies.heading')}</h2>`,
		`<p>${t('replies.about')}</p>`,
		list,
		`<h3 id="reply-form">${t('replies.formHeading')}</h3>`,
		said,
		`<p id="reply-about">${t('replies.formAbout', { max: feedback.maxReply })}</p>`,
		`<form class="reply" method="post" action="${escapeHtml(feedback.replyUrl)}">`,
		`<label for="reply-text">${t('replies.label')}</label>`,
		`<textarea id="reply-text" name="text" maxlength="${feedback.maxReply}" required aria-describedby="reply-about"></textarea>`,
		`<button type="submit">${t('replies.send')}</button>`,
		'</form>',
		`<p>${t('feed.follow')} <a href="${escapeHtml(feedback.feedUrl)}" type="application/atom+xml">${t('feed.link')}</a></p>`,
		'</section>',
	].join('\n')
}

function contents(report: Report, feedback: PublicFeedback | null): string {
	const items =
		report.sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('') +
		(feedback ? `<li><a href="#replies">${escapeHtml(message(report.language, 'replies.heading'))}</a></li>` : '')
	return `<nav aria-labelledby="contents"><h2 id="contents">${escapeHtml(report.contents)}</h2><ol>${items}</ol></nav>`
}

function render(out: Render): string {
	const { report } = out
	return [
		'<!DOCTYPE html>',
		`<html lang="${report.language}">`,
		'<head>',
		'<meta charset="utf-8">',
		`<meta http-equiv="Content-Security-Policy" content="${out.linkImages ? CSP_LINKED : CSP}">`,
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		`<title>${escapeHtml(`${report.title} – ${report.kind}`)}</title>`,
		...(out.feedback ? [`<link rel="alternate" type="application/atom+xml" title="${escapeHtml(message(report.language, 'feed.link'))}" href="${escapeHtml(out.feedback.feedUrl)}">`] : []),
		`<style>${REPORT_CSS}</style>`,
		'</head>',
		'<body>',
		'<header class="cover">',
		`<p class="kind">${escapeHtml(report.kind)}</p>`,
		`<h1>${escapeHtml(report.title)}</h1>`,
		facts(report.meta, 'meta'),
		`<p class="note">${escapeHtml(report.note)}</p>`,
		'</header>',
		contents(report, out.feedback),
		'<main>',
		...report.sections.map((s) => sectionHtml(s, out)),
		...(out.feedback ? [feedbackHtml(out.feedback, report.language, report.timeZone)] : []),
		'</main>',
		'</body>',
		'</html>',
		'',
	].join('\n')
}

/** The report of a design as one self-contained HTML page. */
export function designHtml(design: ServiceDesign, options: ExportOptions): string {
	return render({ report: buildReport(design, options), images: options.images ?? new Map(), linkImages: options.linkImages === true, feedback: options.feedback ?? null })
}
