/**
 * The HTML report's stylesheet, inlined into the page: plain and readable on screen, and on paper A4
 * portrait with each service blueprint on its own A4 landscape pages (a named `@page`).
 * @module
 */
import { KIND_COLORS } from './icons.js'

/** The CSS of the HTML report. */
export const REPORT_CSS = `
:root { --ink: #0b0c0c; --muted: #505a5f; --line: #b1b4b6; --soft: #f3f2f1; --accent: #1d4ed8; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans", "Segoe UI", Arial, Helvetica, sans-serif; color: var(--ink); background: #fff; line-height: 1.45; }
body { margin: 0 auto; padding: 32px 40px 64px; max-width: 1180px; font-size: 16px; }
header.cover { border-bottom: 4px solid var(--accent); padding-bottom: 16px; margin-bottom: 24px; }
.kind { margin: 0; color: var(--muted); font-size: 1.05rem; text-transform: uppercase; letter-spacing: 0.04em; font-weight: 600; }
h1 { font-size: 2.4rem; line-height: 1.15; margin: 4px 0 12px; }
h2 { font-size: 1.6rem; margin: 40px 0 12px; }
main h2 { padding-top: 12px; border-top: 1px solid var(--line); }
h3 { font-size: 1.3rem; margin: 28px 0 8px; }
h4 { font-size: 1.05rem; margin: 22px 0 8px; }
p { margin: 0 0 12px; max-width: 48em; }
.note { background: var(--soft); border-left: 6px solid var(--accent); padding: 10px 14px; max-width: none; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 12px; }
dl.meta dt { font-weight: 700; }
dl.meta dd { margin: 0; }
nav ol { columns: 2; margin: 0; padding-left: 1.4em; }
nav a { color: var(--accent); }
dl.stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; margin: 0; }
dl.stats div { display: flex; flex-direction: column; justify-content: space-between; border: 1px solid var(--line); border-top: 4px solid var(--accent); padding: 8px 12px; break-inside: avoid; }
dl.stats dt { font-size: 0.9rem; color: var(--muted); }
dl.stats dd { margin: 0; font-size: 1.7rem; font-weight: 700; }
dl.facts { margin: 0 0 12px; }
dl.facts dt { font-weight: 700; }
dl.facts dd { margin: 0 0 8px; white-space: pre-line; max-width: 48em; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 20px; font-size: 0.92rem; }
table.narrow { width: auto; min-width: 50%; }
caption { text-align: left; font-weight: 700; padding: 0 0 6px; }
caption.same { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
td { white-space: pre-line; }
thead th { background: var(--soft); }
tbody th { font-weight: 700; background: #fafafa; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
ul.cards { list-style: none; margin: 0 0 12px; padding: 0; }
ul.cards li { border: 1px solid var(--line); border-left: 5px solid var(--kind); background: var(--paper); padding: 6px 8px; margin: 0 0 6px; break-inside: avoid; }
.card-kind { display: flex; align-items: center; gap: 5px; font-size: 0.78rem; font-weight: 700; color: var(--kind); text-transform: uppercase; letter-spacing: 0.03em; }
.card-text { display: block; white-space: pre-line; }
.card-details { display: block; font-size: 0.8rem; color: var(--muted); }
.icon { flex: none; }
.picture { display: block; max-width: 100%; height: auto; margin: 4px 0; background: #fff; border: 1px solid var(--line); }
.picture-missing { display: block; font-size: 0.85rem; color: var(--muted); font-style: italic; }
.feeling { display: inline-flex; align-items: center; gap: 6px; }
table.blueprint { table-layout: fixed; font-size: 0.85rem; }
table.blueprint thead th:first-child, table.blueprint tbody th { width: 150px; }
table.blueprint td { padding: 5px; white-space: normal; }
table.blueprint ul.cards { margin: 0; }
table.blueprint ul.cards li { margin-bottom: 5px; padding: 4px 6px; }
${Object.entries(KIND_COLORS)
	.map(([kind, { ink, paper }]) => `.kind-${kind} { --kind: ${ink}; --paper: ${paper}; }`)
	.join('\n')}
ol.replies { list-style: none; padding: 0; margin: 12px 0; }
ol.replies li { border-left: 4px solid var(--accent, #2f6f5e); background: #f6f7f6; padding: 8px 12px; margin-bottom: 8px; }
.reply-text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0 0 4px; }
.reply-meta { color: #555; font-size: 0.85em; margin: 0; }
form.reply label { display: block; font-weight: 700; margin-bottom: 4px; }
form.reply textarea { display: block; width: 100%; max-width: 40rem; min-height: 7rem; font: inherit; padding: 8px; border: 2px solid #555; border-radius: 4px; box-sizing: border-box; }
form.reply button { margin-top: 8px; font: inherit; font-weight: 700; padding: 8px 16px; border: 2px solid #1b1b1b; border-radius: 4px; background: #1b1b1b; color: #fff; cursor: pointer; }
form.reply textarea:focus-visible, form.reply button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.said { border: 2px solid #2f6f5e; padding: 8px 12px; }
.said.refused { border-color: #b3261e; }
@page { size: A4; margin: 16mm 14mm; }
@page landscape { size: A4 landscape; margin: 12mm; }
@media print {
	html { font-size: 10.5pt; }
	body { padding: 0; max-width: none; font-size: 10.5pt; }
	nav, form.reply { display: none; }
	h2 { margin-top: 28px; }
	h2, h3, h4, caption { break-after: avoid; }
	p:has(+ .scroll), p:has(+ dl), p:has(+ ul) { break-after: avoid; }
	table.narrow, dl.facts { break-inside: avoid; }
	table.blueprint { font-size: 8pt; }
	table.blueprint tr { break-inside: auto; }
	table.blueprint ul.cards li { padding: 3px 5px; margin-bottom: 3px; }
	table.blueprint .card-kind { font-size: 6.5pt; }
	table.blueprint .card-details { font-size: 6.5pt; }
	thead { display: table-header-group; }
	tr, ul.cards li, dl.stats div { break-inside: avoid; }
	.scroll { overflow: visible; }
	.landscape { page: landscape; break-before: page; }
	.landscape h4 { margin-top: 0; }
	* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`
