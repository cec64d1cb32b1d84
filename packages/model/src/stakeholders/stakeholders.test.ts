import { createTLSchema, defaultShapeSchemas } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { canvasSchema, designOfDocument } from '../journey/document.js'
import { extractServiceDesign } from '../journey/extract.js'
import { isOnMap, placementOn, pointFor, quadrantOf, ringAt, ringCloseness } from './placement.js'
import { plainText } from './extract.js'
import { stakeholderShapeSchemas } from './schema.js'

describe('influence and interest from a place on a map', () => {
	const size = { w: 900, h: 900 }
	it('rings: the centre is most involved, the outer edge least, outside is nothing', () => {
		expect(placementOn('rings', size, { x: 450, y: 450 })).toEqual({ influence: 1, interest: 1 })
		expect(placementOn('rings', size, { x: 450 + 225, y: 450 })).toEqual({ influence: 0.5, interest: 0.5 })
		expect(placementOn('rings', size, { x: 0, y: 0 })).toEqual({ influence: 0, interest: 0 })
		expect(ringAt(size, { x: 450, y: 500 })).toBe(0)
		expect(ringAt(size, { x: 450, y: 450 + 250 })).toBe(1)
		expect(ringAt(size, { x: 450, y: 450 + 420 })).toBe(2)
		expect(ringAt(size, { x: 10, y: 10 })).toBeNull()
		expect(isOnMap('rings', size, { x: 10, y: 10 })).toBe(false)
	})
	it('puts a card back where its placement says, on both layouts', () => {
		for (const layout of ['rings', 'grid'] as const) {
			const p = { influence: 0.7, interest: layout === 'rings' ? 0.7 : 0.2 }
			expect(placementOn(layout, size, pointFor(layout, size, p, 2))).toEqual(p)
		}
		for (const ring of [0, 1, 2] as const) expect(ringAt(size, pointFor('rings', size, { influence: ringCloseness(ring), interest: 0 }, 1))).toBe(ring)
	})
	it('grid: interest grows to the right, influence upwards, in four quadrants', () => {
		const grid = { w: 800, h: 600 }
		expect(placementOn('grid', grid, { x: 600, y: 150 })).toEqual({ influence: 0.75, interest: 0.75 })
		expect(quadrantOf(placementOn('grid', grid, { x: 600, y: 150 }))).toBe('manage')
		expect(quadrantOf(placementOn('grid', grid, { x: 100, y: 150 }))).toBe('satisfy')
		expect(quadrantOf(placementOn('grid', grid, { x: 700, y: 500 }))).toBe('inform')
		expect(quadrantOf(placementOn('grid', grid, { x: 100, y: 500 }))).toBe('monitor')
		// Off the grid, values are clamped.
		expect(placementOn('grid', grid, { x: -50, y: 900 })).toEqual({ influence: 0, interest: 0 })
		expect(isOnMap('grid', grid, { x: -50, y: 10 })).toBe(false)
	})
})

const base = { typeName: 'shape', rotation: 0, index: 'a1', isLocked: false, opacity: 1, meta: {}, parentId: 'page:page', x: 0, y: 0 }
const who = { authorId: 'p1', authorName: 'Ceri', createdAt: 0 }
const stakeholder = (id: string, name: string, kind = 'resident', influence = 0.5, interest = 0.5) => ({
	...base,
	id,
	type: 'cyd-stakeholder',
	props: { w: 200, h: 100, name, kind, influence, interest, manual: false, notes: '', ...who },
})
const asset = (id: string, name: string) => ({
	...base,
	id,
	type: 'cyd-asset',
	props: { w: 200, h: 100, name, kind: 'place', description: 'A hall', holder: 'Chapel trustees', ...who },
})
const arrow = (id: string, flow: string | undefined, heads: [string, string], label = '') => ({
	...base,
	id,
	type: 'arrow',
	meta: flow ? { flow } : {},
	props: { arrowheadStart: heads[0], arrowheadEnd: heads[1], richText: { type: 'doc', content: label ? [{ type: 'paragraph', content: [{ type: 'text', text: label }] }] : [] } },
})
const bind = (arrowId: string, terminal: 'start' | 'end', to: string) => ({
	typeName: 'binding',
	id: `binding:${arrowId}-${terminal}`,
	type: 'arrow',
	fromId: arrowId,
	toId: to,
	meta: {},
	props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
})
const blueprint = {
	...base,
	id: 'shape:bp',
	type: 'cyd-blueprint',
	props: { w: 1, h: 1, title: 'Repairs', stages: [{ id: 's', name: 'Report' }], lanes: [{ id: 'l', name: 'Resident', kind: 'actions' }] },
}
const card = (id: string, actor: string) => ({
	...base,
	id,
	type: 'cyd-card',
	parentId: 'shape:bp',
	props: { w: 224, h: 96, stage: 's', lane: 'l', order: 0, kind: 'action', text: `card ${id}`, channel: 'phone', actor, ...who },
})

describe('relationships', () => {
	const records = [
		stakeholder('shape:council', 'Council repairs team', 'public', 0.9, 0.6),
		stakeholder('shape:tenant', 'Tenant', 'resident', 0.2, 1),
		asset('shape:hall', 'Community hall'),
		arrow('shape:a1', 'money', ['none', 'arrow'], 'Repair budget'),
		bind('shape:a1', 'start', 'shape:council'),
		bind('shape:a1', 'end', 'shape:tenant'),
		arrow('shape:a2', 'trust', ['arrow', 'arrow']),
		bind('shape:a2', 'start', 'shape:hall'),
		bind('shape:a2', 'end', 'shape:tenant'),
		// Pointing backwards: the head is at the start, so the flow goes from the end to the start.
		arrow('shape:a3', 'information', ['arrow', 'none']),
		bind('shape:a3', 'start', 'shape:council'),
		bind('shape:a3', 'end', 'shape:tenant'),
		// Not relationships: one end free, an end on a note, no flow (defaults to information).
		arrow('shape:loose', 'money', ['none', 'arrow']),
		bind('shape:loose', 'start', 'shape:tenant'),
		arrow('shape:note-arrow', 'money', ['none', 'arrow']),
		bind('shape:note-arrow', 'start', 'shape:tenant'),
		bind('shape:note-arrow', 'end', 'shape:note'),
		{ ...base, id: 'shape:note', type: 'note', props: {} },
		arrow('shape:a4', undefined, ['none', 'arrow']),
		bind('shape:a4', 'start', 'shape:tenant'),
		bind('shape:a4', 'end', 'shape:council'),
	]

	it('are the arrows bound at both ends to stakeholders or assets, typed, with a direction and label', () => {
		const design = extractServiceDesign(records)
		expect(design.relationships).toEqual([
			{ id: 'shape:a1', from: 'shape:council', to: 'shape:tenant', flow: 'money', direction: 'one-way', label: 'Repair budget' },
			{ id: 'shape:a2', from: 'shape:hall', to: 'shape:tenant', flow: 'trust', direction: 'both', label: '' },
			{ id: 'shape:a3', from: 'shape:tenant', to: 'shape:council', flow: 'information', direction: 'one-way', label: '' },
			{ id: 'shape:a4', from: 'shape:tenant', to: 'shape:council', flow: 'information', direction: 'one-way', label: '' },
		])
		expect(design.stakeholders.map((s) => [s.name, s.kind, s.influence, s.interest])).toEqual([
			['Council repairs team', 'public', 0.9, 0.6],
			['Tenant', 'resident', 0.2, 1],
		])
		expect(design.assets).toEqual([
			{ id: 'shape:hall', name: 'Community hall', kind: 'place', description: 'A hall', holder: 'Chapel trustees', connects: ['shape:tenant'], author: { id: 'p1', name: 'Ceri' } },
		])
	})

	it('reads the text of a rich-text label', () => {
		expect(plainText({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'c' }] }] })).toBe('ab\nc')
		expect(plainText(null)).toBe('')
	})
})

describe('a journey card whose actor is a stakeholder', () => {
	const tenant = stakeholder('shape:tenant', 'Tenant')
	const records = [blueprint, tenant, card('shape:c1', 'shape:tenant'), card('shape:c2', 'shape:tenant'), card('shape:c3', '')]

	it('links both ways: the card names the stakeholder, the stakeholder lists the steps it acts in', () => {
		const design = extractServiceDesign(records)
		expect(design.journeys[0]!.cards.map((c) => c.actor)).toEqual(['shape:tenant', 'shape:tenant', null])
		expect(design.stakeholders[0]!.actsIn).toEqual([
			{ journey: 'shape:bp', card: 'shape:c1' },
			{ journey: 'shape:bp', card: 'shape:c2' },
		])
	})

	it('survives renaming the stakeholder: the link is by id, the name is read from the stakeholder', () => {
		const renamed = records.map((r) => (r.id === 'shape:tenant' ? { ...tenant, props: { ...tenant.props, name: 'Tenant of the flat' } } : r))
		const design = extractServiceDesign(renamed)
		expect(design.stakeholders[0]!.name).toBe('Tenant of the flat')
		expect(design.journeys[0]!.cards.map((c) => c.actor)).toEqual(['shape:tenant', 'shape:tenant', null])
		expect(design.stakeholders[0]!.actsIn).toHaveLength(2)
	})

	it('survives deleting the stakeholder: the cards stay, without an actor', () => {
		const design = extractServiceDesign(records.filter((r) => r.id !== 'shape:tenant'))
		expect(design.stakeholders).toEqual([])
		expect(design.journeys[0]!.cards.map((c) => [c.text, c.actor])).toEqual([
			['card shape:c1', null],
			['card shape:c2', null],
			['card shape:c3', null],
		])
	})
})

describe('stakeholder shape migrations', () => {
	it('migrates maps, stakeholders and assets saved with version 0', () => {
		const current = canvasSchema().serialize()
		const older = {
			...current,
			sequences: { ...current.sequences, 'com.tldraw.shape.cyd-map': 0, 'com.tldraw.shape.cyd-stakeholder': 0, 'com.tldraw.shape.cyd-asset': 0 },
		}
		const records = {
			'shape:m': { ...base, id: 'shape:m', type: 'cyd-map', props: { w: 900, h: 900, layout: 'rings', rings: ['Core', 'Involved', 'Wider'] } },
			'shape:s': { ...base, id: 'shape:s', type: 'cyd-stakeholder', props: { w: 200, h: 100, name: 'Tenant', kind: 'resident', influence: 1, interest: 5, notes: '', ...who } },
			'shape:a': { ...base, id: 'shape:a', type: 'cyd-asset', props: { w: 200, h: 100, name: 'Hall', kind: 'place', description: 'Held by the chapel', ...who } },
		}
		const design = designOfDocument(records, older)
		expect(design.stakeholders[0]).toMatchObject({ name: 'Tenant', influence: 0, interest: 1 })
		expect(design.assets[0]).toMatchObject({ name: 'Hall', holder: '' })
		const schema = createTLSchema({ shapes: { ...defaultShapeSchemas, ...stakeholderShapeSchemas } })
		const migrated = schema.migrateStoreSnapshot({ schema: older as never, store: records as never })
		if (migrated.type !== 'success') throw new Error('migration failed')
		for (const record of Object.values(migrated.value)) schema.validateRecord(null as never, record as never, 'initialize', null)
		expect((migrated.value as unknown as Record<string, { props: Record<string, unknown> }>)['shape:m']!.props.title).toBe('')
	})
})
