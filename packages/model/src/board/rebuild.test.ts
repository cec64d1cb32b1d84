import { describe, expect, it } from 'vitest'
import type { ServiceDesign } from '../design.js'
import { sampleDesign } from '../test-support/design.js'
import { extractServiceDesign } from '../journey/extract.js'
import { canvasSchema } from '../journey/document.js'
import { page } from '../test-support/records.js'
import { boardOfDesign, indexKey } from './rebuild.js'

describe('a board rebuilt from a design', () => {
	it('gives back the same journeys, map, relationships and words, in valid records', () => {
		const design = sampleDesign()
		const records = [page(), ...boardOfDesign(design)]
		const schema = canvasSchema()
		for (const record of records) expect(() => schema.validateRecord(null as never, record as never, 'initialize', null), String(record.id)).not.toThrow()
		const back = extractServiceDesign(records)
		expect(back.journeys).toEqual(design.journeys)
		expect(back.stakeholders).toEqual(design.stakeholders)
		expect(back.assets).toEqual(design.assets)
		expect(back.relationships).toEqual(design.relationships)
		const words = (d: ServiceDesign) => d.contributions.map((c) => [c.id, c.kind, c.text]).sort()
		expect(words(back)).toEqual(words(design))
		// Ids are unique and the blueprints do not overlap.
		expect(new Set(records.map((r) => r.id)).size).toBe(records.length)
		const [a, b] = records.filter((r) => r.type === 'cyd-blueprint') as Array<{ y: number; props: { h: number } }>
		expect(b!.y).toBeGreaterThanOrEqual(a!.y + a!.props.h)
	})

	it('rebuilds an empty design as nothing, on the page it is given', () => {
		const design = { ...sampleDesign(), journeys: [], stakeholders: [], assets: [], relationships: [], contributions: [] }
		expect(boardOfDesign(design)).toEqual([])
		const one = boardOfDesign({ ...design, journeys: sampleDesign().journeys.slice(1) }, { pageId: 'page:other' })
		expect(one.filter((r) => r.type === 'cyd-blueprint').map((r) => r.parentId)).toEqual(['page:other'])
	})

	it('orders index keys as strings', () => {
		const keys = Array.from({ length: 200 }, (_, i) => indexKey(i))
		expect([...keys].sort()).toEqual(keys)
		expect(new Set(keys).size).toBe(200)
	})
})
