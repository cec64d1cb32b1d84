/**
 * Test helpers: tldraw stores without an editor, and records to put in them.
 * @module
 */
import { atom } from '@tldraw/state'
import { Store, type SerializedStore } from '@tldraw/store'
import {
	createShapeId,
	createTLSchema,
	toRichText,
	type TLNoteShape,
	type TLPageId,
	type TLRecord,
	type TLShapeId,
	type TLStore,
	type TLStoreProps,
	type TLUser,
} from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'

export const PAGE_ID = 'page:page' as TLPageId

const schema = createTLSchema()

/** A tldraw store as `createTLStore` would make it, minus the editor: document, page, instance state. */
export function makeStore(): TLStore {
	const props: TLStoreProps = {
		defaultName: '',
		assets: {
			upload: async () => ({ src: '' }),
			resolve: (asset) => asset.props.src,
			remove: async () => {},
		},
		users: { currentUser: atom<TLUser | null>('test user', null), resolve: () => atom<TLUser | null>('user', null) },
		onMount: () => {},
	}
	const store: TLStore = new Store({ schema, props })
	// Fills in the document, the default page and the session records, as tldraw's createTLStore does.
	;(store as unknown as { ensureStoreIsUsable(): void }).ensureStoreIsUsable()
	return store
}

/** A valid note shape. */
export function makeNote(opts: { id?: TLShapeId; x?: number; y?: number; text?: string; index?: string } = {}): TLNoteShape {
	return {
		id: opts.id ?? createShapeId(),
		typeName: 'shape',
		type: 'note',
		x: opts.x ?? 0,
		y: opts.y ?? 0,
		rotation: 0,
		index: (opts.index ?? 'a1') as IndexKey,
		parentId: PAGE_ID,
		isLocked: false,
		opacity: 1,
		meta: {},
		props: {
			color: 'black',
			labelColor: 'black',
			size: 'm',
			font: 'draw',
			fontSizeAdjustment: null,
			align: 'middle',
			verticalAlign: 'middle',
			growY: 0,
			url: '',
			richText: toRichText(opts.text ?? ''),
			scale: 1,
			textLastEditedBy: null,
		},
	}
}

/** The store's document-scope records, keyed by id. */
export function documentRecords(store: TLStore): SerializedStore<TLRecord> {
	return store.serialize('document')
}

/** JSON with object keys sorted, for comparing records regardless of key order. */
export function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v
	)
}
