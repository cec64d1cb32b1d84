import { createTLSchema, defaultShapeSchemas } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { extractServiceDesign } from './extract.js'
import { CARD_W, COL_W, cellAt, cardHeight, layoutBlueprint, moveItem, orderAt, blueprintLines, type LaidOutCard } from './layout.js'
import { journeyShapeSchemas } from './schema.js'
import type { Lane, Stage } from './shapes.js'

const stages: Stage[] = [
	{ id: 'a', name: 'Notice' },
	{ id: 'b', name: 'Report' },
	{ id: 'c', name: 'Fix' },
]
const lanes: Lane[] = [
	{ id: 'act', name: 'Resident actions', kind: 'actions' },
	{ id: 'front', name: 'Touchpoints', kind: 'frontstage' },
	{ id: 'back', name: 'Behind the scenes', kind: 'backstage' },
	{ id: 'sup', name: 'Support', kind: 'support' },
]
const cards: LaidOutCard[] = [
	{ id: 'c1', stage: 'a', lane: 'act', order: 0, h: 96 },
	{ id: 'c2', stage: 'a', lane: 'act', order: 1, h: 200 },
	{ id: 'c3', stage: 'b', lane: 'front', order: 0, h: 96 },
	{ id: 'c4', stage: 'c', lane: 'back', order: 0, h: 96 },
	{ id: 'c5', stage: 'c', lane: 'act', order: -1, h: 96 },
]

/** Every card's laid-out box lies inside the cell of its stage and lane. */
function expectCardsInTheirCells(grid: { stages: Stage[]; lanes: Lane[] }) {
	const layout = layoutBlueprint(grid, cards, [])
	for (const card of cards) {
		const at = layout.cards.get(card.id)!
		const column = layout.columns.find((c) => c.id === card.stage)!
		const row = layout.rows.find((r) => r.id === card.lane)!
		expect(at.x).toBeGreaterThanOrEqual(column.x)
		expect(at.x + CARD_W).toBeLessThanOrEqual(column.x + column.w)
		expect(at.y).toBeGreaterThanOrEqual(row.y)
		expect(at.y + card.h).toBeLessThanOrEqual(row.y + row.h)
		expect(cellAt(layout, { x: at.x + CARD_W / 2, y: at.y + card.h / 2 })).toEqual({ stage: card.stage, lane: card.lane })
	}
	return layout
}

describe('blueprint layout', () => {
	it('puts every card in its cell and grows a row to fit its fullest cell', () => {
		const layout = expectCardsInTheirCells({ stages, lanes })
		const act = layout.rows.find((r) => r.id === 'act')!
		const front = layout.rows.find((r) => r.id === 'front')!
		// Two cards (96 + 200) and a gap in stage a's cell: the row is taller than a one-card row.
		expect(act.h).toBeGreaterThan(front.h)
		expect(act.h).toBeGreaterThanOrEqual(96 + 200)
		// Within a cell, smaller order first; cards never overlap.
		expect(layout.cards.get('c1')!.y + 96).toBeLessThan(layout.cards.get('c2')!.y)
		expect(layout.w).toBe(layout.columns[2]!.x + COL_W)
	})

	it('keeps every card in its cell when stages and lanes are reordered', () => {
		const before = layoutBlueprint({ stages, lanes }, cards, [])
		const reordered = { stages: moveItem(stages, 0, 2), lanes: moveItem(moveItem(lanes, 3, -3), 2, -1) }
		expect(reordered.stages.map((s) => s.id)).toEqual(['b', 'c', 'a'])
		expect(reordered.lanes.map((l) => l.id)).toEqual(['sup', 'front', 'act', 'back'])
		const after = expectCardsInTheirCells(reordered)
		// Stage a moved from the first column to the last: its cards moved with it.
		expect(after.cards.get('c1')!.x - before.cards.get('c1')!.x).toBe(2 * COL_W)
	})

	it('snaps a point to the nearest cell, inside or outside the grid', () => {
		const layout = layoutBlueprint({ stages, lanes }, cards, [])
		const front = layout.rows.find((r) => r.id === 'front')!
		const b = layout.columns.find((c) => c.id === 'b')!
		expect(cellAt(layout, { x: b.x + 5, y: front.y + 5 })).toEqual({ stage: 'b', lane: 'front' })
		expect(cellAt(layout, { x: -500, y: -500 })).toEqual({ stage: 'a', lane: 'act' })
		expect(cellAt(layout, { x: 1e6, y: 1e6 })).toEqual({ stage: 'c', lane: 'sup' })
	})

	it('orders a dropped card between the cards above and below it', () => {
		const others = [
			{ id: 'x', order: 0, y: 100, h: 100 },
			{ id: 'y', order: 1, y: 212, h: 100 },
		]
		expect(orderAt(others, 0)).toBe(-1)
		expect(orderAt(others, 160)).toBe(0.5)
		expect(orderAt(others, 400)).toBe(2)
		expect(orderAt([], 50)).toBe(0)
	})

	it('draws the lines of interaction, visibility and internal interaction between the right lanes', () => {
		const layout = layoutBlueprint({ stages, lanes }, cards, [])
		expect(blueprintLines(lanes, layout.rows).map((l) => l.line)).toEqual(['interaction', 'visibility', 'internal'])
		const shuffled = moveItem(lanes, 0, 1)
		expect(blueprintLines(shuffled, layoutBlueprint({ stages, lanes: shuffled }, cards, []).rows).map((l) => l.line)).toEqual(['internal'])
	})

	it('gives long text a taller card, within bounds', () => {
		expect(cardHeight('')).toBe(96)
		expect(cardHeight('x'.repeat(200))).toBeGreaterThan(cardHeight('x'.repeat(40)))
		expect(cardHeight('x'.repeat(5000))).toBe(320)
	})
})

const shape = (id: string, type: string, parentId: string, props: Record<string, unknown>, x = 0, y = 0) => ({
	typeName: 'shape',
	id,
	type,
	parentId,
	x,
	y,
	rotation: 0,
	index: 'a1',
	isLocked: false,
	opacity: 1,
	meta: {},
	props,
})
const card = (id: string, stage: string, lane: string, order: number, text: string, extra: Record<string, unknown> = {}) =>
	shape(id, 'cyd-card', 'shape:bp', {
		w: 224,
		h: 96,
		stage,
		lane,
		order,
		kind: 'action',
		text,
		channel: 'web',
		actor: '',
		authorId: 'p1',
		authorName: 'Ceri',
		createdAt: Date.UTC(2026, 10, 22, 10),
		...extra,
	})

describe('ServiceDesign extraction', () => {
	const records = [
		shape('page:page', 'page', '', {}),
		shape('shape:bp', 'cyd-blueprint', 'page:page', { w: 1000, h: 800, title: 'Housing repair', stages, lanes }, 100, 100),
		card('shape:k3', 'c', 'back', 0, 'Contractor booked'),
		card('shape:k2', 'a', 'act', 1, 'Calls the council', { channel: 'phone', actor: 'shape:tenant' }),
		card('shape:k1', 'a', 'act', 0, 'Sees mould'),
		card('shape:k4', 'b', 'front', 0, 'Online form', { kind: 'pain' }),
		card('shape:orphan', 'gone', 'front', 5, 'Stage removed by someone else'),
		shape('shape:p1', 'cyd-persona', 'shape:bp', {
			w: 272,
			h: 200,
			name: 'Mair',
			story: 'Lives with her two children',
			needs: 'A dry home',
			color: 'blue',
			emotions: { a: 2, c: 5, gone: 1 },
			order: 0,
			authorId: 'p1',
			authorName: 'Ceri',
			createdAt: 0,
		}),
		shape('shape:loose', 'cyd-card', 'page:page', { text: 'not in a blueprint' }),
		shape('shape:tenant', 'cyd-stakeholder', 'page:page', { name: 'Tenant', kind: 'resident' }),
		shape('shape:note', 'note', 'shape:bp', { text: 'a tldraw note' }),
	]

	it('gives stages, lanes, cards by cell in order, and personas with their curve', () => {
		const design = extractServiceDesign(records)
		expect(design.format).toBe('cyd-service-design')
		expect(design.journeys).toHaveLength(1)
		const journey = design.journeys[0]!
		expect(journey.title).toBe('Housing repair')
		expect(journey.stages.map((s) => s.name)).toEqual(['Notice', 'Report', 'Fix'])
		expect(journey.lanes.map((l) => l.kind)).toEqual(['actions', 'frontstage', 'backstage', 'support'])
		expect(journey.cards.map((c) => [c.text, c.stage, c.lane])).toEqual([
			['Sees mould', 'a', 'act'],
			['Calls the council', 'a', 'act'],
			// A card whose stage was removed shows in the first stage, as on the canvas.
			['Stage removed by someone else', 'a', 'front'],
			['Online form', 'b', 'front'],
			['Contractor booked', 'c', 'back'],
		])
		const calls = journey.cards[1]!
		expect(calls).toMatchObject({ channel: 'phone', actor: 'shape:tenant', author: { id: 'p1', name: 'Ceri' }, createdAt: '2026-11-22T10:00:00.000Z' })
		expect(journey.cards[0]!.actor).toBeNull()
		expect(journey.cards[3]!.kind).toBe('pain')
		expect(journey.personas).toEqual([
			{
				id: 'shape:p1',
				name: 'Mair',
				story: 'Lives with her two children',
				needs: 'A dry home',
				color: 'blue',
				emotions: [
					{ stage: 'a', value: 2 },
					{ stage: 'c', value: 5 },
				],
				author: { id: 'p1', name: 'Ceri' },
			},
		])
	})

	it('reads records keyed by id the same as a list, and ignores what is not a journey', () => {
		const byId = Object.fromEntries(records.map((r) => [r.id, r]))
		expect(extractServiceDesign(byId)).toEqual(extractServiceDesign(records))
		expect(extractServiceDesign([null, 3, 'x', { typeName: 'shape' }]).journeys).toEqual([])
	})
})

describe('journey shape migrations', () => {
	const schema = createTLSchema({ shapes: { ...defaultShapeSchemas, ...journeyShapeSchemas } })
	const current = schema.serialize()
	// A document saved before each journey shape's first migration.
	const older = {
		...current,
		sequences: {
			...current.sequences,
			'com.tldraw.shape.cyd-blueprint': 0,
			'com.tldraw.shape.cyd-card': 0,
			'com.tldraw.shape.cyd-persona': 0,
		},
	}

	it('migrates blueprints, cards and personas saved with version 0', () => {
		const store = {
			'shape:bp': shape('shape:bp', 'cyd-blueprint', 'page:page', { w: 800, h: 600, title: 'Old', stages: ['Notice', 'Report'], lanes: ['Doing', 'Seeing', 'Hidden'] }),
			'shape:k': shape('shape:k', 'cyd-card', 'shape:bp', {
				w: 224,
				h: 96,
				stage: 's1',
				lane: 'l0',
				order: 0,
				kind: 'idea',
				text: 'Text me when they are coming',
				actor: '',
				authorId: 'p',
				authorName: 'P',
				createdAt: 1,
			}),
			'shape:p': shape('shape:p', 'cyd-persona', 'shape:bp', {
				w: 272,
				h: 200,
				name: 'Mair',
				story: '',
				needs: '',
				color: 'green',
				emotions: [1, 4],
				stageIds: ['s0', 's1'],
				order: 0,
				authorId: 'p',
				authorName: 'P',
				createdAt: 1,
			}),
		}
		const result = schema.migrateStoreSnapshot({ schema: older, store: store as never })
		if (result.type !== 'success') throw new Error(`migration failed: ${result.reason}`)
		const migrated = result.value as unknown as Record<string, { props: Record<string, unknown> }>
		expect(migrated['shape:bp']!.props.stages).toEqual([
			{ id: 's0', name: 'Notice' },
			{ id: 's1', name: 'Report' },
		])
		expect(migrated['shape:bp']!.props.lanes).toEqual([
			{ id: 'l0', name: 'Doing', kind: 'actions' },
			{ id: 'l1', name: 'Seeing', kind: 'frontstage' },
			{ id: 'l2', name: 'Hidden', kind: 'backstage' },
		])
		expect(migrated['shape:k']!.props.channel).toBe('other')
		expect(migrated['shape:p']!.props.emotions).toEqual({ s0: 1, s1: 4 })
		expect(migrated['shape:p']!.props).not.toHaveProperty('stageIds')
		// The migrated records are valid current shapes, and extract as the old cells.
		for (const record of Object.values(migrated)) schema.validateRecord(null as never, record as never, 'initialize', null)
		const journey = extractServiceDesign(migrated).journeys[0]!
		expect(journey.cards.map((c) => [c.stage, c.lane, c.channel])).toEqual([['s1', 'l0', 'other']])
		expect(journey.personas[0]!.emotions).toEqual([
			{ stage: 's0', value: 1 },
			{ stage: 's1', value: 4 },
		])
	})

	it('refuses invalid props through the validators', () => {
		const bad = shape('shape:k', 'cyd-card', 'page:page', { w: 224, h: 96, stage: 's', lane: 'l', order: 0, kind: 'shout', text: '', channel: 'web', actor: '', authorId: '', authorName: '', createdAt: 0 })
		expect(() => schema.validateRecord(null as never, bad as never, 'initialize', null)).toThrow(/kind/)
	})
})
