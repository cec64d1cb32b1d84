/**
 * Reconciling the schema a doc was written in with the schema of the local store.
 * @module
 */
import type { SerializedSchema, SerializedStore, StoreSchema } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'

/** How a doc's schema relates to ours. */
export type SchemaRelation =
	/** Same versions of every shared migration sequence: records can be used as they are. */
	| { type: 'same' }
	/** The doc is older: its records need the listed number of migrations. */
	| { type: 'older'; migrations: number }
	/** The doc is newer than this client (or unrelated to it): it must not be touched. */
	| { type: 'newer'; reason: string }

/** Compare a doc's serialized schema with the local store schema. */
export function relateSchema(schema: StoreSchema<TLRecord, unknown>, docSchema: SerializedSchema): SchemaRelation {
	// getMigrationsSince answers an error when the doc names a migration we do not know, which is
	// what a doc written by a newer client looks like.
	const migrations = schema.getMigrationsSince(docSchema)
	if (!migrations.ok) return { type: 'newer', reason: String(migrations.error) }
	return migrations.value.length === 0 ? { type: 'same' } : { type: 'older', migrations: migrations.value.length }
}

/** Migrate records written in `docSchema` to the local schema; `null` when a migration fails. */
export function migrateRecords(
	schema: StoreSchema<TLRecord, unknown>,
	docSchema: SerializedSchema,
	records: Record<string, Record<string, unknown>>
): SerializedStore<TLRecord> | null {
	const result = schema.migrateStoreSnapshot({
		schema: docSchema,
		store: records as unknown as SerializedStore<TLRecord>,
	})
	return result.type === 'success' ? result.value : null
}
