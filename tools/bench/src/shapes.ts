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
