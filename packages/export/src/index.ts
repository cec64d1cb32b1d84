/**
 * @cyd/export: the agreed service design in forms staff can act on. Pure functions of a ServiceDesign
 * (from @cyd/model) and options (language, everything or only what was agreed): JSON in the
 * documented format, CSV tables (one at a time or zipped), and the recognition report of who took
 * part. Runs in Node without a browser.
 * @module
 */
export type { ExportLanguage, ExportOptions } from './options.js'
export { filterAgreed, latestStatuses } from './filter.js'
export { designJson } from './json.js'
export { CSV_TABLES, designCsv, contributorsCsv, csvCell } from './csv.js'
export type { CsvTable } from './csv.js'
export { designCsvZip } from './zip.js'
