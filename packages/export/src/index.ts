/**
 * @cyd/export: the agreed service design in forms staff can act on. Pure functions of a ServiceDesign
 * (from @cyd/model) and options (language, everything or only what was agreed): JSON in the
 * documented format, CSV tables (one at a time or zipped), a Markdown, HTML or PDF report, and the
 * recognition report of who took part. Runs in Node without a browser.
 * @module
 */
export type { ExportLanguage, ExportOptions } from './options.js'
export { filterAgreed, latestStatuses } from './filter.js'
export { designJson } from './json.js'
export { CSV_TABLES, designCsv, contributorsCsv, csvCell } from './csv.js'
export type { CsvTable } from './csv.js'
export { designCsvZip } from './zip.js'
export { designMarkdown, escapeMarkdown } from './markdown.js'
export { designHtml, escapeHtml } from './html.js'
export { designPdf } from './pdf.js'
export { buildReport, STAGES_PER_TABLE } from './report.js'
export type { Report, ReportSection, ReportTable, Block, Cell, CardView, Fact } from './report.js'
