/**
 * tldraw-sized shape records as the binding stores them: one Y.Map per shape under the `shapes` map, each
 * record field a key, `props` one JSON value. A bench edit rewrites what a drag plus a label edit would.
 * @module
 */
import * as Y from 'yjs'

const colors = ['black', 'blue', 'green', 'light-violet', 'orange', 'red', 'violet', 'yellow'] as const
const words = ['resident', 'journey', 'referral', 'waiting', 'housing', 'support', 'advice', 'letter', 'phone', 'visit']

function label(seed: number): string {
	const parts: string[] = []
	for (let i = 0; i < 12; i++) parts.push(words[(seed * 7 + i * 3) % words.length]!)
	return parts.join(' ')
}

/** The `props` of a geo shape with a rich-text label, about 400 bytes as JSON. */
export function shapeProps(seed: number): Record<string, unknown> {
	return {
		w: 160 + (seed % 80),
		h: 90 + (seed % 40),
		geo: 'rectangle',
		color: colors[seed % colors.length],
		labelColor: 'black',
		fill: 'semi',
		dash: 'draw',
		size: 'm',
		font: 'draw',
		align: 'middle',
		verticalAlign: 'middle',
		growY: 0,
		url: '',
		scale: 1,
		richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: label(seed) }] }] },
	}
}

export function shapesOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>('shapes')
}

/** Adds a new shape record owned by generator client `owner`, with edit sequence 0. */
export function createShape(doc: Y.Doc, id: string, owner: number, seed: number): void {
	const record = new Y.Map<unknown>()
	record.set('id', id)
	record.set('typeName', 'shape')
	record.set('type', 'geo')
	record.set('parentId', 'page:page')
	record.set('index', `a${seed.toString(36)}`)
	record.set('x', (seed % 100) * 200)
	record.set('y', Math.floor(seed / 100) * 150)
	record.set('rotation', 0)
	record.set('isLocked', false)
	record.set('opacity', 1)
	record.set('meta', {})
	record.set('props', shapeProps(seed))
	record.set('owner', owner)
	record.set('seq', seqValue(owner, 0))
	shapesOf(doc).set(id, record)
}

/** One edit: a move, a turn and a relabel of the shape, with the edit's sequence number, in one transaction. */
export function editShape(doc: Y.Doc, id: string, owner: number, seq: number): void {
	const record = shapesOf(doc).get(id)
	if (!record) throw new Error(`no shape ${id}`)
	doc.transact(() => {
		record.set('x', (seq * 37) % 2000)
		record.set('y', (seq * 53) % 1500)
		record.set('rotation', (seq % 8) * 0.1)
		record.set('props', shapeProps(seq))
		record.set('seq', seqValue(owner, seq))
	})
}

/**
 * An edit's owner and sequence number as stored under `seq`: a tagged string, so that a reader of raw
 * updates finds it by its bytes (an update to an existing key does not name the key).
 */
export function seqValue(owner: number, seq: number): string {
	return `seq ${owner} ${seq}`
}

export interface Edit {
	owner: number
	seq: number
}

const tag = 'seq '
const seqPattern = /^seq (-?\d+) (\d+)$/

/** The owner and sequence number of a stored `seq` value, or null for any other value. */
export function seqOf(value: unknown): Edit | null {
	const match = typeof value === 'string' ? seqPattern.exec(value) : null
	return match ? { owner: Number(match[1]), seq: Number(match[2]) } : null
}

/** lib0's type byte for a string in an encoded `any` value. */
const anyString = 119
const tagBytes = Buffer.from(tag)

/**
 * Every `seq` value an encoded update holds, found by its bytes: the string type, a one-byte length, then
 * `seq <owner> <seq>`. Nothing else the bench writes contains `seq `, so this needs no decoding.
 */
export function editsIn(update: Uint8Array): Edit[] {
	const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength)
	const edits: Edit[] = []
	for (let at = bytes.indexOf(tagBytes); at !== -1; at = bytes.indexOf(tagBytes, at + tagBytes.length)) {
		if (at < 2 || bytes[at - 2] !== anyString) continue
		const length = bytes[at - 1]!
		if (length >= 128 || at + length > bytes.length) continue
		const edit = seqOf(bytes.toString('latin1', at, at + length))
		if (edit) edits.push(edit)
	}
	return edits
}

/** The `records` map of a Cyd canvas document: record id -> Y.Map of its fields, `props` and `meta` nested Y.Maps. */
export function recordsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>('records')
}

/** A fractional index for the `n`th record (tldraw's format: integer part `a1`, a fraction not ending in 0). */
export function noteIndex(n: number): string {
	return `a1${n.toString(36)}V`
}

/**
 * A tldraw note as Cyd's canvas stores it and its guard accepts: the tldraw schema's fields, a rich-text
 * label, and `meta` (where the bench keeps an edit's tagged `seq`, and the table a note's `seat`).
 */
export function noteRecord(id: string, text: string, n: number, x: number, y: number, meta: Record<string, unknown>): Record<string, unknown> {
	return {
		typeName: 'shape',
		id,
		type: 'note',
		parentId: 'page:page',
		index: noteIndex(n),
		x,
		y,
		rotation: 0,
		isLocked: false,
		opacity: 1,
		meta,
		props: {
			color: colors[n % colors.length],
			labelColor: 'black',
			size: 'm',
			font: 'draw',
			fontSizeAdjustment: 1,
			align: 'middle',
			verticalAlign: 'middle',
			growY: 0,
			url: '',
			richText: richText(text),
			scale: 1,
			textLastEditedBy: null,
		},
	}
}

/** tldraw's rich text of one paragraph. */
export function richText(text: string): Record<string, unknown> {
	return { type: 'doc', content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }] }
}

function nestedMap(value: Record<string, unknown>): Y.Map<unknown> {
	const map = new Y.Map<unknown>()
	for (const [key, v] of Object.entries(value)) map.set(key, v)
	return map
}

/** Adds `record` to the canvas's records as the binding lays it out (`props` and `meta` as nested maps). */
export function putRecord(doc: Y.Doc, record: Record<string, unknown>): void {
	const yRecord = new Y.Map<unknown>()
	for (const [key, value] of Object.entries(record)) {
		yRecord.set(key, (key === 'props' || key === 'meta') && typeof value === 'object' && value !== null ? nestedMap(value as Record<string, unknown>) : value)
	}
	recordsOf(doc).set(record.id as string, yRecord)
}

/**
 * Changes an existing record in one transaction: `fields` at its top level, `props` keys in its props map,
 * and the edit's tagged `seq` in its meta map. Answers false if the record is not (or no longer) there.
 */
export function changeRecord(doc: Y.Doc, id: string, seq: string, fields: Record<string, unknown>, props: Record<string, unknown> = {}): boolean {
	const record = recordsOf(doc).get(id)
	if (!(record instanceof Y.Map)) return false
	const propsMap = record.get('props')
	const metaMap = record.get('meta')
	if (!(propsMap instanceof Y.Map) || !(metaMap instanceof Y.Map)) return false
	doc.transact(() => {
		for (const [key, value] of Object.entries(fields)) record.set(key, value)
		for (const [key, value] of Object.entries(props)) propsMap.set(key, value)
		metaMap.set('seq', seq)
	})
	return true
}
