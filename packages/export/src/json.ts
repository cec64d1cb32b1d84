/**
 * The JSON export: the ServiceDesign itself, in the documented format (`SERVICE_DESIGN_SCHEMA`), so
 * other tools can read it. Its words are the board's, so the language option does not change it.
 * @module
 */
import type { ServiceDesign } from '@cyd/model'
import { filterAgreed } from './filter.js'
import type { ExportOptions } from './options.js'

/** The design (or, with `agreedOnly`, the agreed design) as indented JSON, ending in a newline. */
export function designJson(design: ServiceDesign, options: ExportOptions): string {
	return `${JSON.stringify(options.agreedOnly ? filterAgreed(design) : design, null, 2)}\n`
}
