/**
 * The canvas guard: what the server checks of every change a client makes to a room's canvas document,
 * and how it answers one it refuses. The canvas is the one document clients write; this guards three
 * things in it.
 *
 * - **Records.** Every record a client adds or changes must be a document record that the room's schema
 *   (`canvasSchema()`) validates. One that is not is answered with a corrective change, as tldraw's own
 *   sync server refuses invalid records: a new record is deleted; a changed one gets back the fields and
 *   props/meta keys the client changed (and is deleted if it is still invalid then). Entries that are not
 *   records, records of a type the schema does not know, and records that are not of the document's
 *   scope are removed.
 * - **The document's schema** (`meta.schema`). A client may set it only to a schema the server can
 *   migrate from and that is not older than the one there; anything else (junk, a newer or unknown
 *   schema, an older one, its removal) is put back.
 * - **Authorship.** Who made a card, persona, stakeholder or asset (`props.authorId`/`props.authorName`;
 *   `meta.authorId`/`meta.author`/`meta.authorName` on any shape that carries them) is set by the server
 *   from the connection that made it, never taken from the client: the connection's person, by their
 *   name in the room's private document; what the touch table (a facilitator's connection) makes at a seat
 *   (`meta.seat`) is its seat's person's; a connection without a person (a link used without joining)
 *   makes records with no author. A record keeps its first author: changes to those fields, and to
 *   `meta.seat`, are put back. The server also keeps its own record of who made each shape in the
 *   private document (`author:<shape id>` -> person id, see `authorsOf`), written once, on the add; a
 *   shape added again under its id (an undone delete) stays its first author's.
 * - **The structure** (blueprints and stakeholder maps, see `@cyd/model`'s structure rules). Unless the
 *   facilitator has opened it (`structureOpen` in the workshop document), only a facilitator's
 *   connection may move, turn, resize by hand, reparent, retitle or otherwise change a blueprint or a
 *   map, or delete one: a participant's change is put back, and a deleted blueprint or map comes back
 *   with whatever was deleted with it in the same change (the cards inside it). Anyone may start a new
 *   blueprint or map; once made it is structure like any other. A blueprint growing with its cards is
 *   layout, not structure, and passes.
 *
 * The correction is made in the same event-loop turn as the change it answers, before the sync core's
 * flush: both go out in one batch, so another client never sees the refused change (it receives the
 * change and its undoing merged into one update), and the writer's own store takes the correction as a
 * remote change. Only what a transaction touched is read and validated.
 *
 * Records written in an older schema (an older client on a document nobody newer has opened, which the
 * web app upgrades as soon as it opens it) are migrated to the current schema and then validated, so the
 * same validators judge every record whatever it was written in; a record whose migration fails is
 * refused. A document whose schema the server cannot migrate from (stored by a newer version) accepts no
 * record changes from clients: the server cannot tell a valid one.
 * @module
 */
import type { TLSchema } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { isStructuralChange, isStructureType, mayChangeStructure, parsePerson, parseWorkshop, privateDocument, WORKSHOP_MAP, type Role, type Seat, type StructureRecord } from '@cyd/model'
import { originTag, type SyncServer } from '@cyd/sync'
import { peopleOf, PRIVATE_MAP, Records } from './records.js'

/**
 * Origin of the guard's corrective changes. Like every change the server makes itself (any origin that
 * is not a connection's, see the sync core's room), they are persisted and sent to every client, the
 * writer included.
 */
export const GUARD_ORIGIN = Symbol('cyd/canvas-guard')

/** tldraw's schema machinery and the document layout, loaded once by `loadCanvasGuard`. */
async function importTools() {
	const [schema, layout] = await Promise.all([import('@cyd/model/schema'), import('@cyd/tldraw-yjs')])
	return { schema: schema.canvasSchema() as TLSchema, layout }
}
type Tools = Awaited<ReturnType<typeof importTools>>

let tools: Tools | null = null
let loading: Promise<Tools> | null = null

/**
 * Loads what the guard judges with (tldraw's schema machinery, which the server otherwise loads only when
 * a design is asked for). Must have resolved before a canvas connection is attached: the canvas
 * admission awaits it. A failed load is tried again on the next call.
 */
export function loadCanvasGuard(): Promise<void> {
	loading ??= importTools().then(
		(loaded) => (tools = loaded),
		(error: unknown) => {
			loading = null
			throw error
		},
	)
	return loading.then(() => undefined)
}

/** The server's record of who made each shape of a room: shape id -> person id, from its private document. */
export function authorsOf(privateDoc: Y.Doc): Map<string, string> {
	return new Map(authorRecords(privateDoc).entries().filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

const authorRecords = (doc: Y.Doc) => new Records<unknown>(doc.getMap(PRIVATE_MAP), 'author:')

export interface CanvasGuardDeps {
	sync: SyncServer
	/** The room's workshop document, loaded, held by the caller while the guard is on (the table's seats). */
	workshop: Y.Doc
}

/** Who made a change: the role and person of the connection it came from. */
interface Writer {
	role: string | null
	person: string | null
}

/** What one transaction changed of one record, with the values it changed from. */
interface Touch {
	/** The record's entry was set: added, or replaced by another (then `replaced` is the old entry). */
	set: boolean
	replaced: unknown
	/** Top-level fields changed, by their old values (`undefined`: the field was absent). */
	fields: Map<string, unknown>
	/** Keys changed inside props and meta, by their old values. */
	nested: Map<string, Map<string, unknown>>
}

/** Fields that say who made a record: the server sets them on the add and keeps them after. */
const AUTHOR_FIELDS = [
	['props', ['authorId', 'authorName']],
	['meta', ['authorId', 'author', 'authorName']],
] as const
/** ... and, once made, the seat a shape was made at. */
const KEPT_FIELDS = [
	['props', ['authorId', 'authorName']],
	['meta', ['authorId', 'author', 'authorName', 'seat']],
] as const

/**
 * Guards a room's canvas document (see the module's notes) until the answered function is called. The
 * canvas, private and workshop documents must be loaded and stay held meanwhile, and `loadCanvasGuard`
 * must have resolved.
 */
export function guardCanvas(room: string, canvas: Y.Doc, deps: CanvasGuardDeps): () => void {
	if (!tools) throw new Error('the canvas guard is not loaded: await loadCanvasGuard() first')
	const { schema, layout } = tools
	const records = layout.getRecordsMap(canvas) as Y.Map<unknown>
	const meta = layout.getMetaMap(canvas)
	const held = deps.sync.retain(privateDocument(room))
	const privateDoc = held.doc
	const workshop = deps.workshop.getMap(WORKSHOP_MAP)

	// What the transaction being cleaned up touched, gathered by the observers, judged after them.
	let touched = new Map<string, Touch>()
	/** Records the transaction deleted, with the entries they had (readable until its clean-up ends). */
	let deleted = new Map<string, unknown>()
	let schemaWas: { value: unknown } | null = null
	const touch = (id: string): Touch => {
		let t = touched.get(id)
		if (!t) touched.set(id, (t = { set: false, replaced: undefined, fields: new Map(), nested: new Map() }))
		return t
	}

	const onRecords = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
		if (!writerOf(transaction.origin)) return
		for (const event of events) {
			const changes = (event as Y.YEvent<Y.Map<unknown>>).changes.keys
			if (event.target === records) {
				for (const [id, change] of changes) {
					if (change.action === 'delete') {
						if (!deleted.has(id)) deleted.set(id, change.oldValue)
						continue
					}
					const t = touch(id)
					t.set = true
					if (change.action === 'update') t.replaced = change.oldValue
				}
				continue
			}
			const [id, field, ...deeper] = event.path
			if (typeof id !== 'string') continue
			const t = touch(id)
			if (field === undefined) {
				for (const [key, change] of changes) if (!t.fields.has(key)) t.fields.set(key, change.oldValue)
			} else if (typeof field === 'string' && deeper.length === 0) {
				let keys = t.nested.get(field)
				if (!keys) t.nested.set(field, (keys = new Map()))
				for (const [key, change] of changes) if (!keys.has(key)) keys.set(key, change.oldValue)
			}
			// Deeper changes (inside a Y type nested in props or meta) cannot be put back one by one: such a
			// record fails the shape check below, and is deleted if putting its keys back does not mend it.
		}
	}

	const onMeta = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
		if (!writerOf(transaction.origin) || !event.keysChanged.has(layout.SCHEMA_KEY)) return
		schemaWas ??= { value: event.changes.keys.get(layout.SCHEMA_KEY)?.oldValue }
	}

	const onTransaction = (transaction: Y.Transaction) => {
		if (touched.size === 0 && deleted.size === 0 && !schemaWas) return
		const took = touched
		const gone = deleted
		const schemaBefore = schemaWas
		touched = new Map()
		deleted = new Map()
		schemaWas = null
		const writer = writerOf(transaction.origin)
		if (writer) judge(writer, took, gone, schemaBefore)
	}

	/** Answers what a client's transaction changed with one corrective transaction, if anything must be put right. */
	const judge = (writer: Writer, took: Map<string, Touch>, gone: Map<string, unknown>, schemaBefore: { value: unknown } | null) => {
		const fixes: (() => void)[] = []
		const structureLocked = !mayChangeStructure((writer.role ?? 'observer') as Role, { structureOpen: workshop.get('structureOpen') === true })
		let docSchema = meta.get(layout.SCHEMA_KEY)
		if (schemaBefore && !schemaMayBecome(schema, schemaBefore.value, docSchema)) {
			const old = schemaBefore.value
			fixes.push(() => (old === undefined ? meta.delete(layout.SCHEMA_KEY) : meta.set(layout.SCHEMA_KEY, old)))
			docSchema = old
		}
		const reading = readingOf(schema, docSchema)
		const valid = (id: string, record: Record<string, unknown> | null): record is Record<string, unknown> => record !== null && isValidRecord(schema, reading, id, record)
		const credits: [string, string][] = []
		for (const [id, t] of took) {
			const entry = records.get(id)
			if (entry === undefined) continue // deleted again within the transaction
			const record = entry instanceof Y.Map ? plainRecord(entry) : null
			if (!valid(id, record)) {
				if (t.set) {
					// New, or put in place of another: the other comes back if it can be read and was valid.
					const before = t.replaced instanceof Y.Map ? formerRecord(t.replaced) : null
					fixes.push(valid(id, before) ? () => layout.writeRecord(records as Y.Map<Y.Map<unknown>>, before) : () => records.delete(id))
				} else if (entry instanceof Y.Map) {
					fixes.push(() => {
						putBack(entry, t)
						if (!valid(id, plainRecord(entry))) records.delete(id)
					})
				} else {
					fixes.push(() => records.delete(id))
				}
				continue
			}
			const yRecord = entry as Y.Map<unknown>
			if (structureLocked) {
				const before = t.set ? (t.replaced instanceof Y.Map ? formerRecord(t.replaced) : null) : recordBefore(record, t)
				if (before && isShapeRecord(before) && isStructureType(before.type) && (!isShapeRecord(record) || before.type !== record.type || isStructuralChange(before, record))) {
					// The structure as it was: a replaced record comes back whole, a changed one gets its fields back.
					fixes.push(t.set ? () => layout.writeRecord(records as Y.Map<Y.Map<unknown>>, before) : () => putBack(yRecord, t))
					continue
				}
			}
			if (t.set) {
				const author = creditFor(writer, id, record, t.replaced)
				const fix = setAuthor(yRecord, author)
				if (fix) fixes.push(fix)
				if (record.typeName === 'shape' && author.id && !authorRecords(privateDoc).has(id)) credits.push([id, author.id])
			} else {
				let author: Author | null = null
				const fix = keepAuthor(yRecord, t, () => (author ??= creditFor(writer, id, record, undefined)))
				if (fix) fixes.push(fix)
			}
		}
		if (structureLocked && gone.size > 0) fixes.push(...restoreStructure(gone))
		if (fixes.length > 0) {
			canvas.transact(() => {
				for (const fix of fixes) fix()
			}, GUARD_ORIGIN)
		}
		if (credits.length > 0) {
			void deps.sync
				.transact(privateDocument(room), (doc) => {
					const authors = authorRecords(doc)
					for (const [id, person] of credits) if (!authors.has(id)) authors.set(id, person)
				})
				.catch(() => undefined)
		}
	}

	/**
	 * The changes that bring back the blueprints and maps a transaction deleted, with every record it
	 * deleted inside them (their cards, and what was inside those).
	 */
	const restoreStructure = (gone: Map<string, unknown>): (() => void)[] => {
		const former = new Map<string, Record<string, unknown>>()
		for (const [id, entry] of gone) {
			if (records.has(id) || !(entry instanceof Y.Map)) continue
			const record = formerRecord(entry)
			if (record && record.id === id) former.set(id, record)
		}
		const back = new Set<string>()
		for (const [id, record] of former) if (isShapeRecord(record) && isStructureType(record.type)) back.add(id)
		if (back.size === 0) return []
		// Whatever was deleted under a record that comes back comes back with it.
		for (let grown = true; grown; ) {
			grown = false
			for (const [id, record] of former) {
				if (!back.has(id) && typeof record.parentId === 'string' && back.has(record.parentId)) {
					back.add(id)
					grown = true
				}
			}
		}
		return [...back].map((id) => () => layout.writeRecord(records as Y.Map<Y.Map<unknown>>, former.get(id)!))
	}

	/** Who a new record is credited to, and by what name. */
	const creditFor = (writer: Writer, id: string, record: Record<string, unknown>, replaced: unknown): Author => {
		const named = (person: string, fallback = ''): Author => ({ id: person, name: parsePerson(peopleOf(privateDoc).get(person))?.name ?? fallback })
		// Made before and added again under its id (an undone delete): still its first author's.
		const recorded = authorRecords(privateDoc).get(id)
		if (typeof recorded === 'string' && recorded) return named(recorded)
		const before = replaced instanceof Y.Map ? formerRecord(replaced) : null
		const beforeProps = before && isObject(before.props) ? before.props : null
		if (beforeProps && typeof beforeProps.authorId === 'string' && beforeProps.authorId) {
			return named(beforeProps.authorId, typeof beforeProps.authorName === 'string' ? beforeProps.authorName : '')
		}
		// At the touch table (a facilitator's screen), what is made at a seat is its person's.
		const seatId = isObject(record.meta) ? record.meta.seat : undefined
		if (writer.role === 'facilitator' && typeof seatId === 'string') {
			const seat = seatsOf(workshop).find((s) => s.id === seatId)
			if (seat) return named(seat.person, seat.name)
		}
		return writer.person ? named(writer.person) : { id: '', name: '' }
	}

	canvas.on('afterTransaction', onTransaction)
	records.observeDeep(onRecords)
	meta.observe(onMeta)
	return () => {
		canvas.off('afterTransaction', onTransaction)
		records.unobserveDeep(onRecords)
		meta.unobserve(onMeta)
		held.release()
	}
}

/** The writer behind a transaction's origin: a connection's tag as the workshop attached it; null for the server's own. */
function writerOf(origin: unknown): Writer | null {
	const tag = originTag(origin)
	if (typeof tag !== 'object' || tag === null) return null
	const { role, person } = tag as { role?: unknown; person?: unknown }
	return { role: typeof role === 'string' ? role : null, person: typeof person === 'string' && person ? person : null }
}

/** A shape record's fields that the structure rules read, when `record` has them. */
function isShapeRecord(record: Record<string, unknown>): record is Record<string, unknown> & StructureRecord {
	return (
		record.typeName === 'shape' &&
		typeof record.type === 'string' &&
		typeof record.x === 'number' &&
		typeof record.y === 'number' &&
		typeof record.rotation === 'number' &&
		typeof record.parentId === 'string' &&
		isObject(record.props)
	)
}

/** A changed record as it was before the transaction: its current fields with the changed ones put back. */
function recordBefore(record: Record<string, unknown>, t: Touch): Record<string, unknown> | null {
	const before: Record<string, unknown> = { ...record }
	for (const [field, old] of t.fields) {
		if (old === undefined) delete before[field]
		else if (old instanceof Y.Map) {
			const former = formerRecord(old)
			if (!former) return null
			before[field] = former
		} else if (old instanceof Y.AbstractType) return null
		else before[field] = old
	}
	for (const [field, keys] of t.nested) {
		if (t.fields.has(field) || !isObject(before[field])) continue
		const nested = { ...(before[field] as Record<string, unknown>) }
		for (const [key, old] of keys) {
			if (old === undefined) delete nested[key]
			else if (old instanceof Y.AbstractType) return null
			else nested[key] = old
		}
		before[field] = nested
	}
	return before
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType)
}

/** The seats of the touch table, from the workshop document's `table` entry alone. */
function seatsOf(workshop: Y.Map<unknown>): readonly Seat[] {
	return parseWorkshop({ table: workshop.get('table') }).table?.seats ?? []
}

/**
 * A record's Y.Map as plain JSON, or null when it is not laid out as a record (see the document layout):
 * props and meta, where present, are Y.Maps of plain JSON values; every other field is a plain JSON value.
 */
function plainRecord(yRecord: Y.Map<unknown>): Record<string, unknown> | null {
	const out: Record<string, unknown> = {}
	for (const [key, value] of yRecord.entries()) {
		const nestedField = key === 'props' || key === 'meta'
		if (!(value instanceof Y.AbstractType)) {
			if (nestedField) return null
			out[key] = value
			continue
		}
		if (!(value instanceof Y.Map) || !nestedField) return null
		const nested: Record<string, unknown> = {}
		for (const [k, v] of value.entries()) {
			if (v instanceof Y.AbstractType) return null
			nested[k] = v
		}
		out[key] = nested
	}
	return out
}

/**
 * What a Y.Map deleted in the transaction being cleaned up held, as plain JSON (read from its deleted
 * items, whose content Yjs keeps until the transaction's garbage collection); null when it cannot be read.
 */
function formerRecord(map: Y.Map<unknown>): Record<string, unknown> | null {
	const out: Record<string, unknown> = {}
	for (const [key, item] of map._map) {
		const content = item.content.getContent() as unknown[]
		if (content.length === 0) continue // collected: deleted before this transaction
		const value = content[content.length - 1]
		if (value instanceof Y.Map) {
			const nested = formerRecord(value as Y.Map<unknown>)
			if (!nested) return null
			out[key] = nested
		} else if (value instanceof Y.AbstractType) {
			return null
		} else {
			out[key] = value
		}
	}
	return out
}

/** How to read a record of a document written in `docSchema` as one of the current schema; null: it cannot be read. */
type Reading = (record: Record<string, unknown>) => Record<string, unknown> | null

const asIs: Reading = (record) => record
const unreadable: Reading = () => null

function readingOf(schema: TLSchema, docSchema: unknown): Reading {
	if (docSchema === undefined) return asIs
	const since = migrationsSince(schema, docSchema)
	if (!since) return unreadable
	if (since.length === 0) return asIs
	return (record) => {
		const result = schema.migratePersistedRecord(record as never, docSchema as never, 'up')
		return result.type === 'success' ? (result.value as unknown as Record<string, unknown>) : null
	}
}

/** The ids of the migrations from `docSchema` to the current schema; null when there is no way from it. */
function migrationsSince(schema: TLSchema, docSchema: unknown): string[] | null {
	if (!isObject(docSchema)) return null
	try {
		const since = schema.getMigrationsSince(docSchema as never)
		return since.ok ? since.value.map((m) => m.id) : null
	} catch {
		return null
	}
}

/**
 * Whether a client may change the document's schema from `before` to `after`: to one the server can
 * migrate from, needing no migration that `before` did not (never older). A document whose schema could
 * not be read takes any readable one (the web app writes the current schema when it opens such a one).
 */
function schemaMayBecome(schema: TLSchema, before: unknown, after: unknown): boolean {
	const next = migrationsSince(schema, after)
	if (!next) return false
	const previous = before === undefined ? null : migrationsSince(schema, before)
	if (!previous) return true
	const known = new Set(previous)
	return next.every((id) => known.has(id))
}

function isValidRecord(schema: TLSchema, reading: Reading, id: string, record: Record<string, unknown>): boolean {
	const typeName = record.typeName
	if (record.id !== id || typeof typeName !== 'string' || !Object.hasOwn(schema.types, typeName)) return false
	const type = schema.types[typeName as keyof typeof schema.types]
	if (type.scope !== 'document') return false
	const current = reading(record)
	if (!current) return false
	try {
		type.validate(current)
		return true
	} catch {
		return false
	}
}

/** Puts back the fields and props/meta keys a transaction changed in a record, as they were before it. */
function putBack(yRecord: Y.Map<unknown>, t: Touch): void {
	for (const [field, old] of t.fields) {
		if (old === undefined) yRecord.delete(field)
		else if (old instanceof Y.Map) {
			const former = formerRecord(old)
			if (former) yRecord.set(field, nestedMap(former))
			else yRecord.delete(field)
		} else if (old instanceof Y.AbstractType) yRecord.delete(field)
		else yRecord.set(field, old)
	}
	for (const [field, keys] of t.nested) {
		const target = yRecord.get(field)
		if (t.fields.has(field) || !(target instanceof Y.Map)) continue
		for (const [key, old] of keys) {
			if (old === undefined || old instanceof Y.AbstractType) target.delete(key)
			else target.set(key, old)
		}
	}
}

function nestedMap(value: Record<string, unknown>): Y.Map<unknown> {
	const map = new Y.Map<unknown>()
	for (const [key, v] of Object.entries(value)) map.set(key, v)
	return map
}

type Author = { id: string; name: string }

/** The change that credits a new record to `author`, if it names anyone else. */
function setAuthor(yRecord: Y.Map<unknown>, author: Author): (() => void) | null {
	const wanted: Record<string, string> = { authorId: author.id, author: author.id, authorName: author.name }
	const writes: [Y.Map<unknown>, string, string][] = []
	for (const [field, keys] of AUTHOR_FIELDS) {
		const target = yRecord.get(field)
		if (!(target instanceof Y.Map)) continue
		for (const key of keys) if (target.has(key) && target.get(key) !== wanted[key]) writes.push([target, key, wanted[key]!])
	}
	if (writes.length === 0) return null
	return () => {
		for (const [map, key, value] of writes) map.set(key, value)
	}
}

/**
 * The change that keeps a changed record's authorship as it was, if the transaction changed it. An
 * author's prop that was not there before (the record became a kind that has one) is credited as on an add.
 */
function keepAuthor(yRecord: Y.Map<unknown>, t: Touch, credit: () => Author): (() => void) | null {
	const restores: (() => void)[] = []
	for (const [field, keys] of KEPT_FIELDS) {
		const target = yRecord.get(field)
		if (!(target instanceof Y.Map)) continue
		const replaced = t.fields.has(field)
		const old = t.fields.get(field)
		// props or meta replaced whole: its authorship keys come back from the one it replaced.
		const before = replaced ? (old instanceof Y.Map ? formerRecord(old) : null) : null
		const changed = t.nested.get(field)
		for (const key of keys) {
			if (!replaced && !changed?.has(key)) continue
			const was = replaced ? before?.[key] : changed?.get(key)
			if (target.get(key) === was) continue
			if (was !== undefined && !(was instanceof Y.AbstractType)) restores.push(() => target.set(key, was))
			else if (field === 'props' && target.has(key)) restores.push(() => target.set(key, key === 'authorId' ? credit().id : credit().name))
			else restores.push(() => target.delete(key))
		}
	}
	if (restores.length === 0) return null
	return () => {
		for (const restore of restores) restore()
	}
}
