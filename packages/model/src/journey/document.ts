/**
 * The ServiceDesign of a stored canvas document, whatever version of the shapes it was saved with:
 * its records are migrated to the current shape versions first, as a client opening it would.
 * @module
 */
import { createTLSchema, defaultShapeSchemas, type TLSchema } from '@tldraw/tlschema'
import type { BoardContext } from '../board/contributions.js'
import type { ServiceDesign } from '../design.js'
import { extractServiceDesign } from './extract.js'
import { stakeholderShapeSchemas } from '../stakeholders/schema.js'
import { journeyShapeSchemas } from './schema.js'

type SerializedSchema = Parameters<TLSchema['migrateStoreSnapshot']>[0]['schema']

let schema: TLSchema | null = null

/** The canvas schema: tldraw's shapes, the journey shapes and the stakeholder shapes. */
export function canvasSchema(): TLSchema {
	schema ??= createTLSchema({ shapes: { ...defaultShapeSchemas, ...journeyShapeSchemas, ...stakeholderShapeSchemas } })
	return schema
}

/** A document this version cannot read (written by a newer one, or not migratable). */
export class DocumentVersionError extends Error {}

/**
 * Extract the ServiceDesign of a document's records (keyed by id), written in `docSchema` (the
 * serialized schema stored with them; none for an empty document). `context` names the touch table's
 * seats, for notes made at one.
 */
export function designOfDocument(records: Record<string, unknown>, docSchema: unknown, context: BoardContext = {}): ServiceDesign {
	if (Object.keys(records).length === 0 || docSchema === undefined || docSchema === null) return extractServiceDesign(records, context)
	const result = canvasSchema().migrateStoreSnapshot({ schema: docSchema as SerializedSchema, store: records as never })
	if (result.type !== 'success') throw new DocumentVersionError(`the canvas cannot be read by this version: ${String(result.reason)}`)
	return extractServiceDesign(result.value as unknown as Record<string, unknown>, context)
}
