import { describe, expect, it } from 'vitest'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { SERVICE_DESIGN_SCHEMA, type ServiceDesign } from '@cyd/model'
import { designJson } from './json.js'
import { designHtml } from './html.js'
import { designMarkdown } from './markdown.js'
import { buildReport, type ReportTable } from './report.js'
import { fixtureDesign, TABLE_NOTE } from './test-support/fixture.js'

function withMap(design: ServiceDesign): ServiceDesign {
	return {
		...design,
		map: {
			centre: { lon: -3.1631, lat: 51.4637 },
			zoom: 17,
			bounds: null,
			pins: [
				{ id: 'shape:n1', kind: 'note', text: TABLE_NOTE, place: 'Roald Dahl Plass', lon: -3.1655123, lat: 51.4650456, area: null, author: { id: 'p1', name: 'Mair' } },
				{ id: 'shape:c9', kind: 'card', text: 'Who pays when the landlord is at fault?', place: '', lon: -3.17, lat: 51.46, area: null, author: { id: 'p2', name: 'Aled' } },
			],
		},
	}
}

const tableOf = (design: ServiceDesign, options: Parameters<typeof buildReport>[1]) => {
	const section = buildReport(design, options).sections.find((s) => s.id === 'places')
	const block = section?.blocks.find((b) => b.type === 'table')
	return { section, table: block?.type === 'table' ? (block.table as ReportTable) : null }
}

describe("the reports' places on the map", () => {
	it('are in the JSON export, which the schema accepts (everything, and only what was agreed)', () => {
		const validate = new Ajv2020({ allErrors: true, strict: true }).compile(SERVICE_DESIGN_SCHEMA)
		for (const agreedOnly of [false, true]) {
			const json = JSON.parse(designJson(withMap(fixtureDesign()), { language: 'en', agreedOnly })) as ServiceDesign
			expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
			expect(json.map?.pins.map((p) => p.id)).toEqual(agreedOnly ? ['shape:n1'] : ['shape:n1', 'shape:c9'])
		}
	})

	it('number the pinned items in a table with their place and WGS 84 coordinates, and their status', () => {
		const { section, table } = tableOf(withMap(fixtureDesign()), { language: 'en', agreedOnly: false })
		expect(section?.title).toBe('Places on the map')
		expect(section?.blocks[0]).toEqual({ type: 'paragraph', text: 'The map is centred on latitude 51.463700, longitude -3.163100, at zoom 17. Coordinates are WGS 84 degrees.' })
		expect(table?.head).toEqual(['No.', 'Item', 'Place', 'Latitude', 'Longitude', 'Status'])
		expect(table?.rows).toEqual([
			['1', `Note: ${TABLE_NOTE}`, 'Roald Dahl Plass', '51.465046', '-3.165512', 'Agreed'],
			['2', 'Journey card: Who pays when the landlord is at fault?', '', '51.460000', '-3.170000', 'Parked'],
		])
	})

	it('keep only agreed pins with only what was agreed, and say so when none is', () => {
		expect(tableOf(withMap(fixtureDesign()), { language: 'en', agreedOnly: true }).table?.rows.map((r) => r[0])).toEqual(['1'])
		const onlyParked = withMap(fixtureDesign())
		onlyParked.map!.pins = onlyParked.map!.pins.slice(1)
		const { section } = tableOf(onlyParked, { language: 'en', agreedOnly: true })
		expect(section?.blocks[1]).toEqual({ type: 'paragraph', text: '1 item was pinned to the map; it is not agreed yet.' })
	})

	it('are in Welsh, in the Markdown and HTML reports, and only for a room with a map', () => {
		const { section, table } = tableOf(withMap(fixtureDesign()), { language: 'cy', agreedOnly: false })
		expect(section?.title).toBe('Lleoedd ar y map')
		expect(table?.head.slice(0, 5)).toEqual(['Rhif', 'Eitem', 'Lle', 'Lledred', 'Hydred'])
		expect(designMarkdown(withMap(fixtureDesign()), { language: 'en', agreedOnly: false })).toContain('Roald Dahl Plass')
		expect(designHtml(withMap(fixtureDesign()), { language: 'en', agreedOnly: false })).toContain('Places on the map')
		expect(buildReport({ ...fixtureDesign(), map: null }, { language: 'en', agreedOnly: false }).sections.some((s) => s.id === 'places')).toBe(false)
	})
})

describe('the picture of the pins', () => {
	it('draws each pin a numbered dot, north up, and a pinned area its outline, in the HTML and PDF reports', async () => {
		const design = withMap(fixtureDesign())
		design.map!.pins.push({ id: 'shape:park', kind: 'shape', text: 'The park', place: '', lon: -3.167, lat: 51.4655, area: [[-3.168, 51.466], [-3.166, 51.466], [-3.166, 51.465], [-3.168, 51.465], [-3.168, 51.466]], author: { id: 'p1', name: 'Mair' } })
		const section = buildReport(design, { language: 'en', agreedOnly: false }).sections.find((s) => s.id === 'places')!
		const cards = section.blocks.find((b) => b.type === 'cards')
		expect(cards?.type).toBe('cards')
		const picture = cards!.type === 'cards' ? cards!.cards[0]!.picture!.picture! : null
		expect(picture!.w).toBe(320)
		// The frame, one area, then a dot and a number for each of the three pins.
		expect(picture!.paths).toHaveLength(1 + 1 + 3 * 2)
		const dotAt = (i: number) => {
			const [, x, y] = /^M([\d.]+) ([\d.]+)a/.exec(picture!.paths[2 + 2 * i]!.d)!
			return { x: Number(x) + 10, y: Number(y) }
		}
		// Pin 1 (51.4650 N, 3.1655 W) is north and east of pin 2 (51.46 N, 3.17 W): higher and further right.
		expect(dotAt(0).y).toBeLessThan(dotAt(1).y)
		expect(dotAt(0).x).toBeGreaterThan(dotAt(1).x)
		// The number 1 is the right-hand strokes of a seven-segment digit, centred on its dot.
		expect(picture!.paths[3]!.d).toBe(`M${(dotAt(0).x + 2.5).toFixed(2)} ${(dotAt(0).y - 4.5).toFixed(2)}V${dotAt(0).y.toFixed(2)}M${(dotAt(0).x + 2.5).toFixed(2)} ${dotAt(0).y.toFixed(2)}V${(dotAt(0).y + 4.5).toFixed(2)}`)
		expect(designHtml(design, { language: 'en', agreedOnly: false })).toContain('aria-label="A plan of the 3 pinned items, north up')
		const { designPdf } = await import('./pdf.js')
		expect((await designPdf(design, { language: 'cy', agreedOnly: false })).length).toBeGreaterThan(1000)
	})
})
