import { describe, expect, it } from 'vitest'
import { BLUEPRINT_TYPE } from './journey/shapes.js'
import { isStructuralChange, mayChangeStructure } from './structure.js'
import { MAP_TYPE } from './stakeholders/shapes.js'

const blueprint = {
	type: BLUEPRINT_TYPE,
	x: 0,
	y: 0,
	rotation: 0,
	parentId: 'page:page',
	props: { w: 800, h: 600, title: 'Bins', stages: [{ id: 's1', name: 'Report' }], lanes: [{ id: 'l1', name: 'Actions', kind: 'actions' }] },
}

describe('the structure of the board', () => {
	it('is the facilitator’s until it is opened to everyone', () => {
		expect(mayChangeStructure('facilitator', { structureOpen: false })).toBe(true)
		expect(mayChangeStructure('participant', { structureOpen: false })).toBe(false)
		expect(mayChangeStructure('expert', { structureOpen: false })).toBe(false)
		expect(mayChangeStructure('participant', { structureOpen: true })).toBe(true)
	})

	it('counts moving a blueprint and changing its title, stages or lanes, not its growing with its cards', () => {
		expect(isStructuralChange(blueprint, { ...blueprint, x: 40 })).toBe(true)
		expect(isStructuralChange(blueprint, { ...blueprint, rotation: 0.1 })).toBe(true)
		expect(isStructuralChange(blueprint, { ...blueprint, parentId: 'shape:frame' })).toBe(true)
		expect(isStructuralChange(blueprint, { ...blueprint, props: { ...blueprint.props, title: 'Recycling' } })).toBe(true)
		expect(isStructuralChange(blueprint, { ...blueprint, props: { ...blueprint.props, stages: [{ id: 's1', name: 'Ring' }] } })).toBe(true)
		expect(isStructuralChange(blueprint, { ...blueprint, props: { ...blueprint.props, lanes: [] } })).toBe(true)
		expect(isStructuralChange(blueprint, { ...blueprint, props: { ...blueprint.props, w: 1056, h: 720 } })).toBe(false)
		expect(isStructuralChange(blueprint, { ...blueprint })).toBe(false)
	})

	it('counts any change to a map but none to what is put on it', () => {
		const map = { ...blueprint, type: MAP_TYPE, props: { w: 960, h: 960, layout: 'rings', title: '', rings: ['', '', ''] } }
		expect(isStructuralChange(map, { ...map, props: { ...map.props, w: 1200 } })).toBe(true)
		expect(isStructuralChange(map, { ...map, props: { ...map.props, layout: 'grid' } })).toBe(true)
		const card = { ...blueprint, type: 'cyd-card', props: { text: 'a' } }
		expect(isStructuralChange(card, { ...card, x: 500, props: { text: 'b' } })).toBe(false)
	})
})
