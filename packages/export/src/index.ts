/**
 * @cyd/export: the agreed service design in forms staff can act on. Pure functions of a ServiceDesign
 * (from @cyd/model) and options (language, everything or only what was agreed, for staff or the public
 * page, the board's images): JSON in the documented format, CSV tables (one at a time or zipped), a
 * Markdown, HTML or (tagged) PDF report with the board's notes and pictures and the commitments made
 * (outcomes, actions and their updates), the Atom feed of those updates, the recognition report of who
 * took part, and the files' names. Runs in Node without a browser.
 * @module
 */
export type { ExportLanguage, ExportOptions, ImageFile, PublicFeedback } from './options.js'
export { filterAgreed, latestStatuses } from './filter.js'
export { message, messagesOf } from './messages.js'
export type { MessageKey } from './messages.js'
export { designJson } from './json.js'
export { designGeoJson, designGeoJsonText } from './geojson.js'
export type { PinCollection, PinFeature, AreaFeature } from './geojson.js'
export { pictureBounds, STREET_COLOUR } from './places.js'
export type { MapStreets } from './places.js'
export { CSV_TABLES, designCsv, contributorsCsv, csvCell } from './csv.js'
export type { CsvTable } from './csv.js'
export { designCsvZip } from './zip.js'
export { designMarkdown, escapeMarkdown } from './markdown.js'
export { designHtml, escapeHtml } from './html.js'
export { designPdf } from './pdf.js'
export { receiptHtml, receiptPdf, receiptLines, receiptWords } from './receipt.js'
export type { ReceiptView, ReceiptWords } from './receipt.js'
export { designAtom, escapeXml } from './atom.js'
export type { AtomOptions } from './atom.js'
export { buildReport, STAGES_PER_TABLE } from './report.js'
export type { Report, ReportSection, ReportTable, Block, Cell, CardView, PictureView, Fact } from './report.js'
export { exportFileName, contentDisposition } from './file-name.js'
export type { FileName, FileNameParts } from './file-name.js'
