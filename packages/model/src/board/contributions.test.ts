import { b64Vecs } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { canvasSchema } from '../journey/document.js'
import { extractServiceDesign } from '../journey/extract.js'
import { plainText } from '../stakeholders/extract.js'
import * as R from '../test-support/records.js'
import { decodePoints, float16 } from './b64.js'

const seats = [{ id: 'seat-a', name: 'By the window', person: 'p-seat' }]
const madeAt = Date.UTC(2025, 2, 4, 10, 15)

/** A board with a blueprint at (100, 100), a rings map at (1200, 0) and things people made around them. */
function board(): Array<Record<string, unknown>> {
	return [
		R.page(),
		R.blueprint('shape:bp', { x: 100, y: 100 }),
		R.card('shape:card', 'shape:bp', 'A card, not another contribution'),
		R.map('shape:map', { x: 1200, y: 0 }),
		R.stakeholder('shape:tenant', 'Tenant', { x: 1300, y: 100 }),
		R.stakeholder('shape:landlord', 'Landlord', { x: 1300, y: 400 }),
		R.arrow('shape:rel', { x: 0, y: 0 }, { x: 0, y: 300 }, 'Pays rent', { x: 1400, y: 150 }),
		R.arrowBinding('binding:a', 'shape:rel', 'shape:tenant', 'start'),
		R.arrowBinding('binding:b', 'shape:rel', 'shape:landlord', 'end'),
		// Made at the touch table: its centre (560, 408) is in stage 2, lane 2 of the blueprint.
		R.note('shape:table-note', 'Nobody tells you\nwhen they are coming', { x: 560, y: 408, meta: { seat: 'seat-a', createdAt: madeAt } }),
		// Turned a quarter round its top left corner: its centre (400, 380) is in stage 1, lane 1.
		R.note('shape:turned', 'Turned to face a seat', { x: 500, y: 280, rotation: Math.PI / 2 }),
		// On the map's middle ring (150 from its centre).
		R.note('shape:map-note', 'The warden knows everyone', { x: 1400, y: 350, meta: { authorId: 'p2', authorName: 'Dai' } }),
		R.note('shape:empty', ''),
		R.text('shape:text', 'Ideas for later', { x: 0, y: 2000 }),
		R.draw('shape:sketch', [{ x: 0, y: 0 }, { x: 50, y: 20 }, { x: 100, y: 0 }], { x: 0, y: 1500 }),
		R.group('shape:group', { x: 0, y: 1800 }),
		R.draw('shape:in-group-1', [{ x: 0, y: 0 }, { x: 40, y: 40 }], { parentId: 'shape:group' }),
		R.draw('shape:in-group-2', [{ x: 100, y: 0 }, { x: 60, y: 40 }], { parentId: 'shape:group' }),
		R.geo('shape:box', 'rectangle', 120, 80, 'Drop-in clinic', { x: 600, y: 1500 }),
		R.arrow('shape:free-arrow', { x: 0, y: 0 }, { x: 200, y: 0 }, '', { x: 3000, y: 0 }),
		R.imageAsset('asset:photo', '/uploads/room1/abc.png'),
		R.image('shape:photo', 'asset:photo', 'The hall on a Thursday', { x: 3000, y: 500 }),
	]
}

describe('other contributions', () => {
	it('are valid records of the current canvas schema in these tests', () => {
		const schema = canvasSchema()
		for (const record of board()) expect(() => schema.validateRecord(null as never, record as never, 'tests', null), String(record.id)).not.toThrow()
	})

	it('takes every note, text, drawing, shape, free arrow and image, top to bottom, and nothing of the journey or map', () => {
		const design = extractServiceDesign(board(), { seats })
		expect(design.contributions.map((c) => [c.id, c.kind])).toEqual([
			['shape:free-arrow', 'arrow'],
			['shape:turned', 'note'],
			['shape:map-note', 'note'],
			['shape:table-note', 'note'],
			['shape:photo', 'image'],
			['shape:sketch', 'drawing'],
			['shape:box', 'shape'],
			['shape:group', 'drawing'],
			['shape:text', 'text'],
		])
		expect(design.journeys[0]!.cards.map((c) => c.id)).toEqual(['shape:card'])
		expect(design.relationships.map((r) => r.id)).toEqual(['shape:rel'])
	})

	it('credits a note made at the touch table to its seat, with when it was made and the cell it lies in', () => {
		const note = extractServiceDesign(board(), { seats }).contributions.find((c) => c.id === 'shape:table-note')
		expect(note).toEqual({
			id: 'shape:table-note',
			kind: 'note',
			text: 'Nobody tells you\nwhen they are coming',
			author: { id: 'p-seat', name: 'By the window' },
			seat: 'By the window',
			createdAt: '2025-03-04T10:15:00.000Z',
			place: { type: 'cell', journey: 'shape:bp', stage: 's2', lane: 'l2' },
			picture: null,
			image: null,
		})
	})

	it('names the author a note records, else nobody; and finds cells through rotation, rings on a map, nothing elsewhere', () => {
		const byId = new Map(extractServiceDesign(board(), { seats }).contributions.map((c) => [c.id, c]))
		expect(byId.get('shape:map-note')).toMatchObject({
			author: { id: 'p2', name: 'Dai' },
			seat: null,
			createdAt: null,
			place: { type: 'map', map: 'shape:map', title: 'Who is involved', ring: 1, ringLabel: 'Directly involved', quadrant: null },
		})
		expect(byId.get('shape:turned')).toMatchObject({ author: { id: '', name: '' }, place: { type: 'cell', stage: 's1', lane: 'l1' } })
		expect(byId.get('shape:text')).toMatchObject({ text: 'Ideas for later', place: null })
		// Without the seats (a canvas read on its own) a table note's author is not known.
		expect(extractServiceDesign(board()).contributions.find((c) => c.id === 'shape:table-note')).toMatchObject({ author: { id: '', name: '' }, seat: null })
	})

	it('draws drawings, shapes and arrows as paths, a group of drawings as one picture, and keeps an image by its uploaded URL', () => {
		const byId = new Map(extractServiceDesign(board()).contributions.map((c) => [c.id, c]))
		const sketch = byId.get('shape:sketch')!.picture!
		expect(sketch.paths).toHaveLength(1)
		expect(sketch.paths[0]).toMatchObject({ stroke: '#4465e9', fill: null, width: 3.5, opacity: 1 })
		expect(sketch.paths[0]!.d).toMatch(/^M2\.8 2\.8 Q/)
		expect(sketch.w).toBeCloseTo(100 + 3.5 + 2, 0)
		expect(byId.get('shape:group')!.picture!.paths).toHaveLength(2)
		expect(byId.has('shape:in-group-1')).toBe(false)
		expect(byId.get('shape:box')).toMatchObject({ kind: 'shape', text: 'Drop-in clinic', picture: { paths: [{ fill: '#f5f5f5', stroke: '#e03131' }] } })
		expect(byId.get('shape:box')!.picture!.paths[0]!.d).toMatch(/Z$/)
		// The line and its head.
		expect(byId.get('shape:free-arrow')!.picture!.paths).toHaveLength(2)
		expect(byId.get('shape:photo')).toMatchObject({ text: 'The hall on a Thursday', image: { url: '/uploads/room1/abc.png', w: 400, h: 300 }, picture: null })
	})
})

describe('reading the board', () => {
	it('decodes a draw segment as tldraw encodes it, in 3D and in 2D', () => {
		const points = [
			{ x: 10.5, y: -3, z: 0.5 },
			{ x: 12, y: 1.25, z: 0.5 },
			{ x: 40, y: 30, z: 0.5 },
		]
		expect(decodePoints(b64Vecs.encodePoints(points))).toEqual(points.map(({ x, y }) => ({ x, y })))
		const flat = b64Vecs.encodePoints(b64Vecs.decodePoints(b64Vecs.encodePoints(points)))
		expect(decodePoints(flat)).toEqual(points.map(({ x, y }) => ({ x, y })))
		expect(decodePoints('not base64!')).toEqual([])
		expect(float16(0x3c00)).toBe(1)
		expect(float16(0xc000)).toBe(-2)
	})

	it('reads rich text as plain lines: paragraphs, line breaks and list items', () => {
		const doc = {
			type: 'doc',
			content: [
				{ type: 'paragraph', content: [{ type: 'text', text: 'First' }, { type: 'hardBreak' }, { type: 'text', text: 'second', marks: [{ type: 'bold' }] }] },
				{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }, { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'two' }] }] }] },
			],
		}
		expect(plainText(doc)).toBe('First\nsecond\none\ntwo')
	})
})
