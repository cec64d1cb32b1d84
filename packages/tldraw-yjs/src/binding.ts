/**
 * The binding between a tldraw store and a Y.Doc: {@link bindStoreToYDoc}.
 *
 * Main flow:
 * - bind: reconcile schemas (migrate an older doc in one transaction, refuse a newer one); if the doc
 *   has records it wins and replaces the store's document records, otherwise the store's document
 *   records are written into the doc.
 * - store -> doc: a `store.listen` on user changes to document records writes, in one transaction
 *   tagged with this binding's origin, only the fields that differ between the store and the doc.
 * - doc -> store: `observeDeep` on the records map; transactions with our origin are skipped; the
 *   touched fields of each touched record are merged onto the store's record, validated, and applied
 *   with `store.mergeRemoteChanges` (so they are `remote` changes: tldraw's undo ignores them).
 * - presence: see {@link bindPresence}.
 *
 * @module
 */
import type { RecordScope, SerializedSchema } from '@tldraw/store'
import type { TLRecord, TLStore } from '@tldraw/tlschema'
import type { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import {
	collectTouches,
	diffRecord,
	getMetaMap,
	getRecordsMap,
	isPlainObject,
	mergeTouched,
	readAllRecords,
	readRecord,
	SCHEMA_KEY,
	unionTouch,
	writeRecord,
	type RecordTouch,
	type YRecord,
} from './layout.js'
import { bindPresence, type BindingUser, type Logger, type Peer, type PresenceBinding } from './presence.js'
import { migrateRecords, relateSchema } from './schema.js'

/** Options of {@link bindStoreToYDoc}. */
export interface BindStoreToYDocOptions {
	/** The tldraw store (for instance from `createTLStore`, or `new Store({ schema: createTLSchema(), ... })`). */
	store: TLStore
	/** The shared document. Bind once it holds what is known of the room (synced or loaded from disk). */
	doc: Y.Doc
	/** Awareness to publish presence on and read others' presence from. Without it, no presence. */
	awareness?: Awareness
	/** The local person, as shown to others. */
	user: BindingUser
	/** Least time between two presence publications, in ms (default 50; 0 publishes every change). */
	presenceIntervalMs?: number
	/** Where problems are reported (invalid remote records and the like). Defaults to `console.warn`. */
	log?: Logger
	/**
	 * Whether local changes may be written to the doc now (default: always). While it answers false, the
	 * store's own changes stay in the store: for a read-only viewer, whose writes the server would refuse,
	 * including the ones the editor makes by itself (a note fitting its text, say). Remote changes still apply.
	 */
	canWrite?: () => boolean
	/**
	 * When to apply others' changes to the store (default: at once, in the doc's transaction). Given, the
	 * binding gathers what arrives and calls `schedule(apply)` once per gathering: a browser can apply them
	 * once a frame, so that a burst of remote edits costs one store change (one render), not one each.
	 */
	scheduleRemote?: (apply: () => void) => void
}

/** Why a binding stopped syncing. */
export type BindingErrorReason =
	/** The doc was written by a newer version of the schema: this client must not touch it. */
	| 'newer-schema'
	/** The doc is older, and migrating its records failed. */
	| 'migration-failed'

/** The life of a binding. */
export type BindingState =
	| { status: 'bound' }
	| { status: 'error'; reason: BindingErrorReason; message: string }
	| { status: 'disposed' }

/** What {@link bindStoreToYDoc} returns. */
export interface TldrawYjsBinding {
	/** The origin of every Y transaction this binding makes (unique to the binding). */
	readonly origin: object
	/** Whether the binding is syncing, stopped on an error, or disposed. */
	getState(): BindingState
	/** Change the local person's name or colour (published through awareness). */
	setUser(user: BindingUser): void
	/** Everyone present (this tab first), from awareness; empty without awareness. Stable between changes. */
	getPeers(): readonly Peer[]
	/**
	 * Call `listener` when {@link TldrawYjsBinding.getPeers} or {@link TldrawYjsBinding.getState} changes.
	 * Returns the unsubscribe function (shaped for React's `useSyncExternalStore`).
	 */
	subscribe(listener: () => void): () => void
	/** Stop syncing: unlisten the store and the doc, withdraw presence, remove peers' presence records. */
	dispose(): void
}

const defaultLog: Logger = (message, error) => console.warn(message, error ?? '')

/**
 * Bind `store` to `doc` (and presence to `awareness`), both ways, until `dispose()`.
 *
 * Layout in the doc: `doc.getMap('records')` maps each document record's id to a Y.Map of its
 * top-level fields, with `props` and `meta` as nested Y.Maps, so concurrent edits to different fields
 * of one record all survive; `doc.getMap('meta').get('schema')` is the tldraw serialized schema.
 *
 * If the doc has records they win over the store's; otherwise the store's document records are
 * written into the doc. A doc from an older schema is migrated and written back in one transaction;
 * a doc from a newer schema is left untouched and the binding reports `{ status: 'error' }`.
 *
 * @example
 * ```ts
 * const binding = bindStoreToYDoc({ store, doc, awareness: provider.awareness, user: { id, name, color } })
 * // later
 * binding.dispose()
 * ```
 */
export function bindStoreToYDoc(options: BindStoreToYDocOptions): TldrawYjsBinding {
	const { store, doc, awareness } = options
	const log = options.log ?? defaultLog
	const origin: object = Object.freeze({ name: 'cyd/tldraw-yjs binding' })
	const records = getRecordsMap(doc)
	const meta = getMetaMap(doc)
	const types = store.schema.types as unknown as Record<string, { scope: RecordScope } | undefined>
	const isDocumentType = (typeName: unknown) => typeof typeName === 'string' && types[typeName]?.scope === 'document'

	let state: BindingState = { status: 'bound' }
	const listeners = new Set<() => void>()
	const notify = () => {
		for (const listener of listeners) listener()
	}
	const cleanups: Array<() => void> = []
	let presence: PresenceBinding | null = null
	const detach = () => {
		for (const cleanup of cleanups.splice(0).reverse()) cleanup()
		presence?.dispose()
		presence = null
	}
	const fail = (reason: BindingErrorReason, message: string) => {
		log(`cyd/tldraw-yjs: ${message}`)
		detach()
		state = { status: 'error', reason, message }
		notify()
	}

	/** The validated record to put for a doc record, or null (logged) when it cannot be used. */
	const validate = (raw: Record<string, unknown>, id: string, before: TLRecord | undefined): TLRecord | null => {
		if (raw.id !== id || !isDocumentType(raw.typeName)) {
			log(`cyd/tldraw-yjs: ignoring doc entry ${id}: not a document record of this schema`)
			return null
		}
		try {
			return store.schema.validateRecord(store, raw as unknown as TLRecord, before ? 'updateRecord' : 'createRecord', before ?? null)
		} catch (error) {
			log(`cyd/tldraw-yjs: ignoring invalid record ${id} from the doc`, error)
			return null
		}
	}

	const applyToStore = (puts: TLRecord[], removes: TLRecord['id'][]) => {
		if (puts.length === 0 && removes.length === 0) return
		try {
			store.mergeRemoteChanges(() => {
				if (removes.length) store.remove(removes)
				if (puts.length) store.put(puts)
			})
		} catch (error) {
			// One bad record must not keep the others out: retry one at a time.
			log('cyd/tldraw-yjs: applying remote changes failed, retrying one by one', error)
			for (const id of removes) {
				try {
					store.mergeRemoteChanges(() => store.remove([id]))
				} catch (e) {
					log(`cyd/tldraw-yjs: could not remove ${id}`, e)
				}
			}
			for (const record of puts) {
				try {
					store.mergeRemoteChanges(() => store.put([record]))
				} catch (e) {
					log(`cyd/tldraw-yjs: could not apply ${record.id}`, e)
				}
			}
		}
	}

	const writeSchema = () => meta.set(SCHEMA_KEY, store.schema.serialize())

	/** Reconcile the doc with the store once, at bind time. False when the binding failed. */
	const initialise = (): boolean => {
		if (records.size === 0) {
			doc.transact(() => {
				for (const record of store.allRecords()) {
					if (isDocumentType(record.typeName)) writeRecord(records, record)
				}
				writeSchema()
			}, origin)
			return true
		}
		let docRecords = readAllRecords(doc)
		const rawSchema = meta.get(SCHEMA_KEY)
		if (isPlainObject(rawSchema)) {
			const docSchema = rawSchema as unknown as SerializedSchema
			const relation = relateSchema(store.schema, docSchema)
			if (relation.type === 'newer') {
				fail('newer-schema', `the doc was written by a newer schema (${relation.reason}); not syncing`)
				return false
			}
			if (relation.type === 'older') {
				const migrated = migrateRecords(store.schema, docSchema, docRecords)
				if (!migrated) {
					fail('migration-failed', 'migrating the doc to the current schema failed; not syncing')
					return false
				}
				doc.transact(() => {
					for (const id of Object.keys(docRecords)) {
						if (!(id in migrated)) records.delete(id)
					}
					for (const record of Object.values(migrated)) writeRecord(records, record)
					writeSchema()
				}, origin)
				docRecords = readAllRecords(doc)
			}
		} else {
			doc.transact(writeSchema, origin)
		}
		const puts: TLRecord[] = []
		for (const [id, raw] of Object.entries(docRecords)) {
			const record = fromDoc(id, raw, store.get(id as TLRecord['id']))
			if (record) puts.push(record)
		}
		const removes = store
			.allRecords()
			.filter((record) => isDocumentType(record.typeName) && !(record.id in docRecords))
			.map((record) => record.id)
		applyToStore(puts, removes)
		return true
	}

	// Records of the doc the store could not take (invalid, or incomplete while an update waits for
	// an earlier one). The store's copy is stale, so the next change to one is read whole, not merged.
	const pending = new Set<string>()

	/** The record to put for the doc's version of `id`, or null (and `id` marked pending). */
	const fromDoc = (id: string, raw: Record<string, unknown>, before: TLRecord | undefined): TLRecord | null => {
		const record = validate(raw, id, before)
		if (record) pending.delete(id)
		else pending.add(id)
		return record
	}

	// doc -> store: what others changed, gathered until it is applied (at once unless `scheduleRemote`).
	const gathered = new Map<string, RecordTouch>()
	let scheduled = false
	const onDocChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, transaction: Y.Transaction) => {
		if (transaction.origin === origin) return
		for (const [id, touch] of collectTouches(records, events)) gathered.set(id, unionTouch(gathered.get(id), touch))
		if (!options.scheduleRemote) return applyGathered()
		if (scheduled) return
		scheduled = true
		options.scheduleRemote(() => {
			scheduled = false
			if (state.status === 'bound') applyGathered()
		})
	}
	const applyGathered = () => {
		const touches = [...gathered]
		gathered.clear()
		const puts: TLRecord[] = []
		const removes: TLRecord['id'][] = []
		for (const [id, touch] of touches) {
			const recordId = id as TLRecord['id']
			const current = store.get(recordId)
			const yRecord: YRecord | undefined = records.get(id)
			if (!(yRecord instanceof Y.Map)) {
				pending.delete(id)
				if (current) removes.push(recordId)
				continue
			}
			const remote = readRecord(yRecord)
			if (!current || touch.whole || pending.has(id)) {
				const record = fromDoc(id, remote, current)
				if (record) puts.push(record)
				continue
			}
			// Keep the fields of the store's record that this transaction did not touch: they may hold
			// local changes the store listener has not written yet.
			const merged = mergeTouched(current as unknown as Record<string, unknown>, remote, touch)
			const record = validate(merged, id, current) ?? fromDoc(id, remote, current)
			if (record) puts.push(record)
		}
		applyToStore(puts, removes)
	}

	// store -> doc
	type Diff = { added: Record<string, TLRecord>; updated: Record<string, [TLRecord, TLRecord]>; removed: Record<string, TLRecord> }
	const onStoreChange = ({ changes }: { changes: Diff }) => {
		if (options.canWrite && !options.canWrite()) return
		doc.transact(() => {
			// Values come from the store's current state (not the diff's), so that a remote change
			// applied since this diff was recorded is not overwritten by a stale value.
			for (const id of Object.keys(changes.added)) {
				const record = store.get(id as TLRecord['id'])
				if (record) writeRecord(records, record)
			}
			for (const [id, [from, to]] of Object.entries(changes.updated)) {
				const record = store.get(id as TLRecord['id'])
				if (!record) continue
				const touch = diffRecord(from as unknown as Record<string, unknown>, to as unknown as Record<string, unknown>)
				writeRecord(records, record, touch)
			}
			for (const id of Object.keys(changes.removed)) {
				if (!store.has(id as TLRecord['id']) && records.has(id)) records.delete(id)
			}
		}, origin)
	}

	const onMetaChange = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
		if (transaction.origin === origin || !event.keysChanged.has(SCHEMA_KEY)) return
		const rawSchema = meta.get(SCHEMA_KEY)
		if (!isPlainObject(rawSchema)) return
		const relation = relateSchema(store.schema, rawSchema as unknown as SerializedSchema)
		if (relation.type === 'newer') fail('newer-schema', `a newer client upgraded the doc (${relation.reason}); not syncing`)
	}

	if (initialise()) {
		records.observeDeep(onDocChange)
		cleanups.push(() => records.unobserveDeep(onDocChange), () => gathered.clear())
		meta.observe(onMetaChange)
		cleanups.push(() => meta.unobserve(onMetaChange))
		cleanups.push(store.listen(onStoreChange, { source: 'user', scope: 'document' }))
		if (awareness) {
			presence = bindPresence({ store, awareness, user: options.user, intervalMs: options.presenceIntervalMs ?? 50, log })
			cleanups.push(presence.subscribePeers(notify))
		}
	}

	return {
		origin,
		getState: () => state,
		setUser: (user) => presence?.setUser(user),
		getPeers: () => presence?.getPeers() ?? [],
		subscribe(listener) {
			listeners.add(listener)
			return () => {
				listeners.delete(listener)
			}
		},
		dispose() {
			if (state.status === 'disposed') return
			detach()
			state = { status: 'disposed' }
			notify()
			listeners.clear()
		},
	}
}
