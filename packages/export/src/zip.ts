/**
 * All CSV tables in one zip file (`journey-steps.csv`, `stakeholders.csv`, ...), for a single download.
 * @module
 */
import type { ServiceDesign } from '@cyd/model'
import { zipSync, type Zippable } from 'fflate'
import { CSV_TABLES, designCsv } from './csv.js'
import type { ExportOptions } from './options.js'

/** The earliest time a zip entry can carry; used when the design has no time of its own. */
const ZIP_EPOCH = new Date('1980-01-01T00:00:00Z')

/** A zip holding every table of `CSV_TABLES` as `<table>.csv`, dated when the design was generated. */
export function designCsvZip(design: ServiceDesign, options: ExportOptions): Uint8Array {
	const generated = new Date(design.generatedAt)
	const mtime = Number.isNaN(generated.getTime()) || generated < ZIP_EPOCH ? ZIP_EPOCH : generated
	const encoder = new TextEncoder()
	const files: Zippable = {}
	for (const table of CSV_TABLES) files[`${table}.csv`] = encoder.encode(designCsv(design, table, options))
	return zipSync(files, { level: 6, mtime })
}
