import { describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { checkDocument, checkTypeDepth, scanUpdate, UpdateRefused, type UpdateBudget } from './budget.js'
import type { Connection } from './connection.js'
import { Room } from './room.js'
import { DEFAULT_LIMITS } from './server.js'

const budget: UpdateBudget = { maxTypeDepth: 16, maxJsonDepth: 64, maxUpdateItems: 10_000, maxStringBytes: 64 * 1024 }

/** What a client sends for `change` made to `doc`. */
function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
	const updates: Uint8Array[] = []
	const collect = (u: Uint8Array) => updates.push(u)
	doc.on('update', collect)
	doc.transact(change)
	doc.off('update', collect)
	return Y.mergeUpdates(updates)
}

function refusal(run: () => unknown): UpdateRefused {
	try {
		run()
	} catch (error) {
		if (error instanceof UpdateRefused) return error
		throw error
	}
	throw new Error('not refused')
}

/** A map nested `depth` levels under the root map `records`, in one transaction. */
function nestedMaps(depth: number, doc = new Y.Doc()): Uint8Array {
	return updateOf(doc, () => {
		let map = doc.getMap('records')
		for (let i = 0; i < depth; i++) {
			const next = new Y.Map()
			map.set('k', next)
			map = next
		}
	})
}

/** A lib0 Any array nested `depth` deep, encoded by hand (lib0 itself would recurse). */
function deepAnyUpdate(depth: number, client = 7): Uint8Array {
	const e = encoding.createEncoder()
	encoding.writeVarUint(e, 1) // one client
	encoding.writeVarUint(e, 1) // one struct
	encoding.writeVarUint(e, client)
	encoding.writeVarUint(e, 0) // clock
	encoding.writeUint8(e, 8 | 0x20) // ContentAny, with a map key, parent given
	encoding.writeVarUint(e, 1) // parent is a root type name
	encoding.writeVarString(e, 'records')
	encoding.writeVarString(e, 'deep')
	encoding.writeVarUint(e, 1) // one value
	for (let i = 0; i < depth; i++) {
		encoding.writeUint8(e, 117) // array
		encoding.writeVarUint(e, 1)
	}
	encoding.writeUint8(e, 126) // null
	encoding.writeVarUint(e, 0) // empty delete set
	return encoding.toUint8Array(e)
}

function tldrawLikeDoc(): Y.Doc {
	const doc = new Y.Doc()
	doc.transact(() => {
		const records = doc.getMap<Y.Map<unknown>>('records')
		for (let i = 0; i < 20; i++) {
			const record = new Y.Map<unknown>()
			records.set(`shape:${i}`, record)
			record.set('id', `shape:${i}`)
			const props = new Y.Map<unknown>()
			record.set('props', props)
			let richText: unknown = { type: 'text', text: `note ${i} 🎉 é` }
			for (let d = 0; d < 20; d++) richText = { type: 'doc', content: [richText] }
			props.set('richText', richText)
			props.set('w', 200.5)
			props.set('big', 2n ** 40n)
			props.set('bytes', new Uint8Array([1, 2, 3]))
			record.set('meta', new Y.Map())
		}
		const text = doc.getText('text')
		text.insert(0, 'héllo 🎉 wörld 𝄞')
		text.format(1, 3, { bold: true, link: { href: 'x' } })
		text.insertEmbed(2, { image: 'x.png' })
		const xml = doc.getXmlFragment('xml')
		const element = new Y.XmlElement('p')
		xml.insert(0, [element])
		element.insert(0, [new Y.XmlText('x')])
		doc.getArray('list').insert(0, [1, 'two', { three: [3] }, null])
	})
	doc.getMap('records').delete('shape:3')
	doc.getText('text').delete(0, 2)
	return doc
}

describe('update budgets', () => {
	it('read the clocks of every struct as Yjs does', () => {
		const doc = tldrawLikeDoc()
		const update = Y.encodeStateAsUpdate(doc)
		const scan = scanUpdate(update, budget)
		const decoded = Y.decodeUpdate(update).structs
		expect(scan.size).toBe(decoded.length)
		for (let i = 0; i < decoded.length; i++) {
			expect(scan.structs.slice(i * 9, i * 9 + 3)).toEqual([decoded[i]!.id.client, decoded[i]!.id.clock, decoded[i]!.length])
		}
		expect(() => checkTypeDepth(scan, new Y.Doc(), budget.maxTypeDepth, null)).not.toThrow()
		const copy = new Y.Doc()
		Y.applyUpdate(copy, update)
		expect(checkDocument(copy, budget)).toBeNull()
	})

	it('let a canvas of depth 3 with rich text 20 deep through, incremental edits included', () => {
		const doc = new Y.Doc()
		const server = new Y.Doc()
		for (let i = 0; i < 5; i++) {
			const update = updateOf(doc, () => {
				const record = new Y.Map<unknown>()
				doc.getMap('records').set(`shape:${i}`, record)
				const props = new Y.Map<unknown>()
				record.set('props', props)
				props.set('x', i)
			})
			checkTypeDepth(scanUpdate(update, budget), server, budget.maxTypeDepth, null)
			Y.applyUpdate(server, update)
			const edit = updateOf(doc, () => {
				const props = (doc.getMap('records').get(`shape:${i}`) as Y.Map<Y.Map<unknown>>).get('props')!
				props.set('x', i + 1)
				props.set('meta', new Y.Map())
			})
			checkTypeDepth(scanUpdate(edit, budget), server, budget.maxTypeDepth, null)
			Y.applyUpdate(server, edit)
		}
	})

	it('refuse types nested past the limit, within one update and on top of the document', () => {
		expect(refusal(() => checkTypeDepth(scanUpdate(nestedMaps(5000), budget), new Y.Doc(), 16, null)).message).toMatch(
			/shared types nested more than 16 deep/,
		)
		expect(() => checkTypeDepth(scanUpdate(nestedMaps(15), budget), new Y.Doc(), 16, null)).not.toThrow()
		// 15 levels in the document (the root and 14 maps), one more is fine, two more are not.
		const client = new Y.Doc()
		const server = new Y.Doc()
		Y.applyUpdate(server, nestedMaps(14, client))
		let deepest = client.getMap('records')
		while (deepest.get('k') instanceof Y.Map) deepest = deepest.get('k') as Y.Map<unknown>
		const one = updateOf(client, () => deepest.set('k', new Y.Map()))
		expect(() => checkTypeDepth(scanUpdate(one, budget), server, 16, null)).not.toThrow()
		Y.applyUpdate(server, one)
		const two = updateOf(client, () => (deepest.get('k') as Y.Map<unknown>).set('k', new Y.Map()))
		expect(refusal(() => checkTypeDepth(scanUpdate(two, budget), server, 16, null)).code).toBe(1008)
	})

	it('refuse deeply nested values without recursing, where lib0 itself throws', () => {
		const update = deepAnyUpdate(100_000)
		expect(() => Y.decodeUpdate(update)).toThrow(RangeError)
		expect(refusal(() => scanUpdate(update, budget)).message).toMatch(/JSON value nested more than 64 deep/)
		expect(() => scanUpdate(deepAnyUpdate(64), budget)).not.toThrow()
		const json = new Y.Doc()
		const deepJson = updateOf(json, () => json.getArray('a').insert(0, [new Y.Map()]))
		expect(() => scanUpdate(deepJson, budget)).not.toThrow()
	})

	it('refuse long strings, too many structs and subdocuments', () => {
		const doc = new Y.Doc()
		const long = updateOf(doc, () => doc.getText('t').insert(0, 'x'.repeat(70_000)))
		expect(refusal(() => scanUpdate(long, budget)).message).toMatch(/a string of 70000 bytes/)
		const many = new Y.Doc()
		const items = updateOf(many, () => {
			for (let i = 0; i < 200; i++) many.getMap('m').set(`k${i}`, i)
		})
		expect(refusal(() => scanUpdate(items, { ...budget, maxUpdateItems: 100 })).message).toMatch(/more than 100 structs/)
		const sub = new Y.Doc()
		const subdoc = updateOf(sub, () => sub.getMap('m').set('doc', new Y.Doc()))
		expect(refusal(() => scanUpdate(subdoc, budget)).message).toMatch(/subdocuments/)
	})

	it('refuse malformed structure that Yjs would trip over mid-update', () => {
		// A struct whose parent is a later clock of its own client.
		const e = encoding.createEncoder()
		encoding.writeVarUint(e, 1)
		encoding.writeVarUint(e, 1)
		encoding.writeVarUint(e, 5) // client
		encoding.writeVarUint(e, 0)
		encoding.writeUint8(e, 8) // ContentAny
		encoding.writeVarUint(e, 0) // parent by id
		encoding.writeVarUint(e, 5)
		encoding.writeVarUint(e, 3)
		encoding.writeVarUint(e, 1)
		encoding.writeUint8(e, 126)
		encoding.writeVarUint(e, 0)
		expect(refusal(() => scanUpdate(encoding.toUint8Array(e), budget)).code).toBe(1002)
		// Truncated and unknown content.
		const good = nestedMaps(2)
		expect(() => scanUpdate(good.slice(0, good.length - 3), budget)).toThrow(UpdateRefused)
		expect(() => scanUpdate(new Uint8Array([1, 1, 1, 0, 0x1f, 1, 1, 0x61, 0]), budget)).toThrow(/unknown content/)
	})

	it('refuse a chain of types built across updates that wait for a missing parent', () => {
		const room = new Room('chain', () => [], () => undefined, () => 0, DEFAULT_LIMITS)
		const origin = { isConnection: true } as unknown as Connection
		const client = new Y.Doc()
		const updates: Uint8Array[] = []
		let map = client.getMap('records')
		for (let i = 0; i < 30; i++) {
			updates.push(
				updateOf(client, () => {
					const next = new Y.Map()
					map.set('k', next)
					map = next
				}),
			)
		}
		// The first update withheld: every other one waits for it; the chain is refused before it reaches the document.
		let refusedAt = -1
		for (let i = updates.length - 1; i >= 1 && refusedAt < 0; i--) {
			try {
				room.applyClientUpdate(updates[i]!, origin)
			} catch (error) {
				expect(error).toBeInstanceOf(UpdateRefused)
				refusedAt = i
			}
		}
		expect(refusedAt).toBeGreaterThan(0)
		expect(room.doc.getMap('records').size).toBe(0)
		room.destroy()
	})

	it('accept updates that arrive out of order and resolve from pending', () => {
		const room = new Room('ahead', () => [], () => undefined, () => 0, DEFAULT_LIMITS)
		const origin = { isConnection: true } as unknown as Connection
		const client = new Y.Doc()
		const first = updateOf(client, () => client.getMap('records').set('shape:1', new Y.Map()))
		const second = updateOf(client, () => (client.getMap('records').get('shape:1') as Y.Map<unknown>).set('props', new Y.Map()))
		room.applyClientUpdate(second, origin)
		expect(room.doc.store.pendingStructs).not.toBeNull()
		room.applyClientUpdate(first, origin)
		expect(room.doc.store.pendingStructs).toBeNull()
		expect(room.doc.getMap('records').toJSON()).toEqual({ 'shape:1': { props: {} } })
		room.destroy()
	})
})

describe('loaded documents', () => {
	it('are refused when nested deeper than the budget', () => {
		const doc = new Y.Doc()
		doc.transact(() => {
			let map = doc.getMap('records')
			for (let i = 0; i < 40; i++) {
				const next = new Y.Map()
				map.set('k', next)
				map = next
			}
		})
		expect(checkDocument(doc, budget)).toMatch(/shared types nested more than 16 deep/)
		const values = new Y.Doc()
		let deep: unknown = 1
		for (let i = 0; i < 100; i++) deep = [deep]
		values.getMap('m').set('deep', deep)
		expect(checkDocument(values, budget)).toMatch(/JSON value nested more than 64 deep/)
	})
})
