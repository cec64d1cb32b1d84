/**
 * The Y.Doc layout of a tldraw document, and the few operations that read and write it.
 *
 * ```
 * doc.getMap('records')  record id -> Y.Map of the record's top-level fields
 *                          props, meta -> nested Y.Map of their keys (field-level merge)
 *                          every other field -> a plain JSON value
 * doc.getMap('meta')     'schema' -> the tldraw SerializedSchema the records are written in
 * ```
 *
 * @module
 */
import type { SerializedSchema } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'
import { isEqual } from '@tldraw/utils'
import * as Y from 'yjs'

/** Name of the top-level Y.Map holding the records. */
export const RECORDS_MAP = 'records'
/** Name of the top-level Y.Map holding document metadata. */
export const META_MAP = 'meta'
/** Key, in the meta map, of the serialized tldraw schema. */
export const SCHEMA_KEY = 'schema'

/** Record fields whose keys are merged one by one (each is a nested Y.Map). */
export const NESTED_FIELDS: ReadonlySet<string> = new Set(['props', 'meta'])

/** The Y.Map of one record. */
export type YRecord = Y.Map<unknown>

/** The `records` map of `doc`. */
export function getRecordsMap(doc: Y.Doc): Y.Map<YRecord> {
	return doc.getMap<YRecord>(RECORDS_MAP)
}

/** The `meta` map of `doc`. */
export function getMetaMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(META_MAP)
}

/** The schema the doc's records are written in, if any. */
export function readDocSchema(doc: Y.Doc): SerializedSchema | undefined {
	const value = getMetaMap(doc).get(SCHEMA_KEY)
	return isPlainObject(value) ? (value as unknown as SerializedSchema) : undefined
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType)
}

/** The plain JSON form of a record's Y.Map (nested maps become objects). */
export function readRecord(yRecord: YRecord): Record<string, unknown> {
	return yRecord.toJSON() as Record<string, unknown>
}

/** Read every record of `doc` as plain JSON, keyed by id. */
export function readAllRecords(doc: Y.Doc): Record<string, Record<string, unknown>> {
	const out: Record<string, Record<string, unknown>> = {}
	getRecordsMap(doc).forEach((value, id) => {
		if (value instanceof Y.Map) out[id] = readRecord(value)
	})
	return out
}

function nestedMapOf(value: Record<string, unknown>): Y.Map<unknown> {
	const map = new Y.Map<unknown>()
	for (const [key, v] of Object.entries(value)) {
		if (v !== undefined) map.set(key, v)
	}
	return map
}

/** Write `value`'s keys into `target`, touching only keys whose value differs. */
function syncNested(target: Y.Map<unknown>, value: Record<string, unknown>): void {
	for (const [key, v] of Object.entries(value)) {
		if (v === undefined) {
			if (target.has(key)) target.delete(key)
		} else if (!target.has(key) || !isEqual(target.get(key), v)) {
			target.set(key, v)
		}
	}
	for (const key of Array.from(target.keys())) {
		if (!(key in value)) target.delete(key)
	}
}

/**
 * Make the Y side of `record` equal to `record`, writing only the fields (and, for props/meta, the
 * keys) that differ. With `only`, look at just those fields and keys (what a local change touched),
 * leaving every other field of the doc's record as it is. Must run inside a transaction.
 */
export function writeRecord(records: Y.Map<YRecord>, record: TLRecord | Record<string, unknown>, only?: RecordTouch): void {
	const fields = record as Record<string, unknown>
	const id = fields.id as string
	const existing = records.get(id)
	if (!(existing instanceof Y.Map)) {
		const yRecord = new Y.Map<unknown>()
		for (const [key, value] of Object.entries(fields)) {
			if (value === undefined) continue
			yRecord.set(key, NESTED_FIELDS.has(key) && isPlainObject(value) ? nestedMapOf(value) : value)
		}
		records.set(id, yRecord)
		return
	}
	const writeField = (key: string) => {
		const value = fields[key]
		const current = existing.get(key)
		if (value === undefined) {
			if (existing.has(key)) existing.delete(key)
		} else if (NESTED_FIELDS.has(key) && isPlainObject(value)) {
			if (current instanceof Y.Map) syncNested(current, value)
			else existing.set(key, nestedMapOf(value))
		} else if (!existing.has(key) || current instanceof Y.AbstractType || !isEqual(current, value)) {
			existing.set(key, value)
		}
	}
	if (!only || only.whole) {
		for (const key of Object.keys(fields)) writeField(key)
		for (const key of Array.from(existing.keys())) {
			if (!(key in fields)) existing.delete(key)
		}
		return
	}
	for (const key of only.fields) writeField(key)
	for (const [field, keys] of only.nested) {
		if (only.fields.has(field)) continue
		const value = fields[field]
		const target = existing.get(field)
		if (!isPlainObject(value) || !(target instanceof Y.Map)) {
			writeField(field)
			continue
		}
		for (const key of keys) {
			const v = value[key]
			if (v === undefined) {
				if (target.has(key)) target.delete(key)
			} else if (!target.has(key) || !isEqual(target.get(key), v)) {
				target.set(key, v)
			}
		}
	}
}

/** The fields (and props/meta keys) that differ between two versions of a record. */
export function diffRecord(from: Record<string, unknown>, to: Record<string, unknown>): RecordTouch {
	const touch: RecordTouch = { whole: false, fields: new Set(), nested: new Map() }
	for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
		const a = from[key]
		const b = to[key]
		if (a === b) continue
		if (NESTED_FIELDS.has(key) && isPlainObject(a) && isPlainObject(b)) {
			const keys = new Set<string>()
			for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
				if (!isEqual(a[k], b[k])) keys.add(k)
			}
			if (keys.size) touch.nested.set(key, keys)
		} else if (!isEqual(a, b)) {
			touch.fields.add(key)
		}
	}
	return touch
}

/** Which parts of one record a Y transaction touched. */
export interface RecordTouch {
	/** The record's entry in the records map was set or deleted as a whole. */
	whole: boolean
	/** Top-level fields set or deleted. */
	fields: Set<string>
	/** Keys changed inside the nested maps, by field name (props, meta). */
	nested: Map<string, Set<string>>
}

/** Group the events of one `observeDeep` call by record id. */
export function collectTouches(records: Y.Map<YRecord>, events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>): Map<string, RecordTouch> {
	const touches = new Map<string, RecordTouch>()
	const touch = (id: string): RecordTouch => {
		let t = touches.get(id)
		if (!t) {
			t = { whole: false, fields: new Set(), nested: new Map() }
			touches.set(id, t)
		}
		return t
	}
	for (const event of events) {
		if (event.target === records) {
			for (const key of event.changes.keys.keys()) touch(key).whole = true
			continue
		}
		const path = event.path
		const id = path[0]
		if (typeof id !== 'string') continue
		const t = touch(id)
		const field = path[1]
		if (path.length === 1) {
			for (const key of event.changes.keys.keys()) t.fields.add(key)
		} else if (path.length === 2 && typeof field === 'string') {
			let keys = t.nested.get(field)
			if (!keys) t.nested.set(field, (keys = new Set()))
			for (const key of event.changes.keys.keys()) keys.add(key)
		} else {
			t.whole = true
		}
	}
	return touches
}

/** What two touches of a record touched between them (`a` may be absent). */
export function unionTouch(a: RecordTouch | undefined, b: RecordTouch): RecordTouch {
	if (!a) return b
	const nested = new Map([...a.nested].map(([field, keys]) => [field, new Set(keys)]))
	for (const [field, keys] of b.nested) nested.set(field, new Set([...(nested.get(field) ?? []), ...keys]))
	return { whole: a.whole || b.whole, fields: new Set([...a.fields, ...b.fields]), nested }
}

/**
 * Apply the parts of `remote` that a transaction touched onto `local`, keeping every other field of
 * `local` (which may hold local changes not yet written to the doc).
 */
export function mergeTouched(
	local: Record<string, unknown>,
	remote: Record<string, unknown>,
	t: RecordTouch
): Record<string, unknown> {
	const next: Record<string, unknown> = { ...local }
	for (const field of t.fields) {
		if (field in remote) next[field] = remote[field]
		else delete next[field]
	}
	for (const [field, keys] of t.nested) {
		if (t.fields.has(field)) continue
		const base = isPlainObject(local[field]) ? local[field] : {}
		const from = isPlainObject(remote[field]) ? remote[field] : {}
		const merged: Record<string, unknown> = { ...base }
		for (const key of keys) {
			if (key in from) merged[key] = from[key]
			else delete merged[key]
		}
		next[field] = merged
	}
	return next
}
