import { describe, expect, it } from 'vitest'
import { compareDesigns } from './compare.js'
import { extractServiceDesign } from './journey/extract.js'
import * as R from './test-support/records.js'

const base = { typeName: 'shape', rotation: 0, index: 'a1', isLocked: false, opacity: 1, meta: {}, parentId: 'page:page', x: 0, y: 0 }
const who = { authorId: 'p', authorName: 'P', createdAt: 0 }
const blueprint = { ...base, id: 'shape:bp', type: 'cyd-blueprint', props: { w: 1, h: 1, title: '', stages: [{ id: 's', name: 'S' }], lanes: [{ id: 'l', name: 'L', kind: 'actions' }] } }
const card = (id: string, text: string, kind = 'action') => ({
	...base,
	id,
	type: 'cyd-card',
	parentId: 'shape:bp',
	props: { w: 224, h: 96, stage: 's', lane: 'l', order: 0, kind, text, channel: 'web', actor: '', ...who },
})
const stakeholder = (id: string, name: string, influence: number) => ({
	...base,
	id,
	type: 'cyd-stakeholder',
	props: { w: 200, h: 100, name, kind: 'resident', influence, interest: 0.5, manual: false, notes: '', ...who },
})

describe('comparing two designs', () => {
	it('lists cards and stakeholders added, removed and changed, with the fields that changed', () => {
		const before = extractServiceDesign([blueprint, card('shape:a', 'Keep'), card('shape:b', 'Goes'), card('shape:c', 'Old text'), stakeholder('shape:s', 'Tenant', 0.2)])
		const after = extractServiceDesign([
			blueprint,
			card('shape:a', 'Keep'),
			card('shape:c', 'New text', 'pain'),
			card('shape:d', 'Arrives'),
			stakeholder('shape:s', 'Tenant', 0.8),
			stakeholder('shape:t', 'Landlord', 0.5),
		])
		const diff = compareDesigns(before, after)
		expect(diff.cards).toEqual({
			added: [{ id: 'shape:d', text: 'Arrives', fields: [] }],
			removed: [{ id: 'shape:b', text: 'Goes', fields: [] }],
			changed: [{ id: 'shape:c', text: 'New text', fields: ['text', 'kind'] }],
		})
		expect(diff.stakeholders).toEqual({
			added: [{ id: 'shape:t', text: 'Landlord', fields: [] }],
			removed: [],
			changed: [{ id: 'shape:s', text: 'Tenant', fields: ['influence'] }],
		})
		expect(compareDesigns(after, after).cards).toEqual({ added: [], removed: [], changed: [] })
	})

	it('sees notes added, removed, moved into another cell and rewritten (not "nothing has changed")', () => {
		const board = [R.page(), R.blueprint('shape:bp', { x: 0, y: 0 })]
		const before = extractServiceDesign([...board, R.note('shape:keep', 'Same'), R.note('shape:gone', 'Goes', { x: 3000 }), R.note('shape:moved', 'Moves', { x: 200, y: 200 })])
		const after = extractServiceDesign([
			...board,
			R.note('shape:keep', 'Same'),
			R.note('shape:moved', 'Moves and says more', { x: 460, y: 200 }),
			R.note('shape:new', 'Made at the table', { x: 3000, meta: { seat: 'seat-a' } }),
		])
		const diff = compareDesigns(before, after)
		expect(diff.contributions).toEqual({
			added: [{ id: 'shape:new', text: 'Made at the table', fields: [] }],
			removed: [{ id: 'shape:gone', text: 'Goes', fields: [] }],
			changed: [{ id: 'shape:moved', text: 'Moves and says more', fields: ['text', 'place'] }],
		})
	})
})
