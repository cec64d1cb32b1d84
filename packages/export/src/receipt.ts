/**
 * A contribution receipt, in English or Welsh: the workshop's name and date, the person's name as they
 * gave it, time present, what they made, votes cast and the time credits at the room's rate, with the
 * code and link that check it is genuine. As a printable HTML page (one or several receipts, each on a
 * page of its own when printed) and as a tagged PDF drawn with the report's fonts and pen.
 * @module
 */
import type { ReceiptClaims } from '@cyd/model'
import PDFDocument from 'pdfkit'
import { formatDay, formatHours } from './format.js'
import { escapeHtml } from './html.js'
import type { ExportLanguage } from './options.js'
import { ACCENT, INK, LINE, MUTED, Tags, measure, openPen, registerFonts, write, type Style } from './pdf-pen.js'

const WORDS = {
	en: {
		kind: 'Contribution receipt',
		intro: 'This certifies the time and work given to a co-design workshop run with Cyd.',
		workshop: 'Workshop',
		date: 'Date',
		name: 'Given by',
		hours: 'Hours present',
		made: 'Things made on the board',
		votes: 'Votes cast',
		rate: 'Time credits per hour',
		credits: 'Time credits',
		issued: 'Issued',
		check: 'To check that this receipt is genuine, open this link or enter the code at the Cyd that issued it:',
		code: 'Receipt code',
		print: 'Print',
	},
	cy: {
		kind: 'Derbynneb cyfraniad',
		intro: "Mae hyn yn tystio i'r amser a'r gwaith a roddwyd i weithdy cyd-ddylunio a gynhaliwyd gyda Cyd.",
		workshop: 'Gweithdy',
		date: 'Dyddiad',
		name: 'Gan',
		hours: 'Oriau yn bresennol',
		made: "Pethau a wnaed ar y bwrdd",
		votes: 'Pleidleisiau a fwriwyd',
		rate: 'Credydau amser yr awr',
		credits: 'Credydau amser',
		issued: 'Cyhoeddwyd',
		check: "I wirio bod y dderbynneb hon yn ddilys, agorwch y ddolen hon neu rhowch y cod yn y Cyd a'i cyhoeddodd:",
		code: 'Cod y dderbynneb',
		print: 'Argraffu',
	},
} as const satisfies Record<ExportLanguage, Record<string, string>>

export type ReceiptWords = Record<keyof (typeof WORDS)['en'], string>

/** One receipt, ready to render: what it certifies, its code, and the link that checks it. */
export interface ReceiptView {
	claims: ReceiptClaims
	code: string
	verifyUrl: string
}

/** The label and value of each line of a receipt, in order. */
export function receiptLines(claims: ReceiptClaims, language: ExportLanguage): { label: string; value: string }[] {
	const w = WORDS[language]
	const number = (n: number) => new Intl.NumberFormat(language === 'cy' ? 'cy-GB' : 'en-GB', { maximumFractionDigits: 2 }).format(n)
	return [
		{ label: w.workshop, value: claims.workshop },
		{ label: w.date, value: formatDay(claims.date, language) },
		{ label: w.name, value: claims.name },
		{ label: w.hours, value: formatHours(claims.minutesPresent, language) },
		{ label: w.made, value: number(claims.made) },
		{ label: w.votes, value: number(claims.votesCast) },
		{ label: w.rate, value: number(claims.creditRate) },
		{ label: w.credits, value: number(claims.credits) },
		{ label: w.issued, value: formatDay(claims.issuedAt.slice(0, 10), language) },
	]
}

export function receiptWords(language: ExportLanguage): ReceiptWords {
	return WORDS[language]
}

/** Receipts as one printable HTML page (each on a page of its own when printed). */
export function receiptHtml(receipts: readonly ReceiptView[], language: ExportLanguage): string {
	const w = WORDS[language]
	const sections = receipts
		.map(
			(r) => `<section class="receipt" aria-labelledby="r-${escapeHtml(r.claims.id)}">
<p class="kind">${escapeHtml(w.kind)}</p>
<h1 id="r-${escapeHtml(r.claims.id)}">${escapeHtml(r.claims.workshop)}</h1>
<p>${escapeHtml(w.intro)}</p>
<dl>${receiptLines(r.claims, language)
				.map((l) => `<dt>${escapeHtml(l.label)}</dt><dd>${escapeHtml(l.value)}</dd>`)
				.join('')}</dl>
<p class="check">${escapeHtml(w.check)} <a href="${escapeHtml(r.verifyUrl)}">${escapeHtml(r.verifyUrl)}</a></p>
<p class="code"><span>${escapeHtml(w.code)}:</span> <code>${escapeHtml(r.code)}</code></p>
</section>`,
		)
		.join('\n')
	return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(w.kind)}${receipts[0] ? ` · ${escapeHtml(receipts[0].claims.workshop)}` : ''}</title>
<style>
body { font-family: system-ui, sans-serif; color: #0b0c0c; margin: 0; padding: 1.5rem; line-height: 1.45; }
.receipt { max-width: 40rem; margin: 0 auto 2rem; border: 2px solid #1d4ed8; border-radius: 8px; padding: 1.5rem; }
.kind { text-transform: uppercase; letter-spacing: 0.06em; color: #505a5f; font-weight: 600; margin: 0; }
h1 { margin: 0.25rem 0 0.75rem; font-size: 1.6rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1.25rem; margin: 1rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.check, .code { font-size: 0.9rem; color: #505a5f; overflow-wrap: anywhere; }
code { font-size: 0.75rem; }
@media print { body { padding: 0; } .receipt { break-after: page; border-color: #000; } }
</style>
</head>
<body>
${sections}
</body>
</html>`
}

const STYLES = {
	kind: { face: 'semibold', size: 10, color: MUTED, spacing: 0.6 },
	title: { face: 'bold', size: 22, color: INK },
	body: { face: 'regular', size: 11, color: INK },
	label: { face: 'bold', size: 11, color: INK },
	small: { face: 'regular', size: 8, color: MUTED },
} satisfies Record<string, Style>

/** A receipt as a tagged PDF (A4, in the receipt's language). */
export async function receiptPdf(receipt: ReceiptView, language: ExportLanguage): Promise<Uint8Array> {
	const w = WORDS[language]
	const issued = new Date(receipt.claims.issuedAt)
	const doc = new PDFDocument({
		autoFirstPage: false,
		bufferPages: true,
		tagged: true,
		lang: language,
		displayTitle: true,
		pdfVersion: '1.7',
		info: { Title: `${w.kind}: ${receipt.claims.workshop}`, Subject: w.kind, Creator: 'Cyd', Producer: 'Cyd', ...(Number.isNaN(issued.getTime()) ? {} : { CreationDate: issued, ModDate: issued }) },
	})
	registerFonts(doc)
	const bytes = new Promise<Uint8Array>((resolve, reject) => {
		const chunks: Uint8Array[] = []
		doc.on('data', (chunk: Uint8Array) => chunks.push(chunk))
		doc.on('end', () => resolve(Buffer.concat(chunks)))
		doc.on('error', reject)
	})
	const tags = new Tags(doc)
	const pen = openPen(doc, tags)
	const root = tags.root()
	const say = (type: string, text: string, style: Style, after: number) => {
		const height = measure(doc, text, style, pen.width)
		tags.say(root, type, () => write(doc, text, style, pen.x, pen.y, pen.width))
		pen.y += height + after
	}
	tags.artifact(() => doc.rect(pen.x, pen.y, pen.width, 4).fill(ACCENT))
	pen.y += 16
	say('P', w.kind.toUpperCase(), STYLES.kind, 4)
	say('H1', receipt.claims.workshop, STYLES.title, 10)
	say('P', w.intro, STYLES.body, 16)
	const labelWidth = 190
	for (const line of receiptLines(receipt.claims, language)) {
		const height = Math.max(measure(doc, line.label, STYLES.label, labelWidth - 10), measure(doc, line.value, STYLES.body, pen.width - labelWidth))
		const row = tags.child(root, 'P')
		tags.content(row, () => {
			write(doc, line.label, STYLES.label, pen.x, pen.y, labelWidth - 10)
			write(doc, line.value, STYLES.body, pen.x + labelWidth, pen.y, pen.width - labelWidth)
		})
		pen.y += height + 6
	}
	pen.y += 10
	tags.artifact(() => doc.moveTo(pen.x, pen.y).lineTo(pen.x + pen.width, pen.y).lineWidth(0.75).stroke(LINE))
	pen.y += 12
	say('P', w.check, STYLES.body, 4)
	const linkHeight = measure(doc, receipt.verifyUrl, STYLES.small, pen.width)
	tags.say(root, 'P', () => write(doc, receipt.verifyUrl, { ...STYLES.small, color: ACCENT }, pen.x, pen.y, pen.width, { link: receipt.verifyUrl }))
	pen.y += linkHeight + 10
	say('P', `${w.code}: ${receipt.code}`, STYLES.small, 4)
	doc.end()
	return bytes
}
