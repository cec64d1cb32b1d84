import { describe, expect, it } from 'vitest'
import type { ServiceDesign } from '@cyd/model'
import { designGeoJson, designGeoJsonText } from './geojson.js'
import { fixtureDesign, TABLE_NOTE } from './test-support/fixture.js'

const en = { language: 'en', agreedOnly: false } as const

function withMap(design: ServiceDesign): ServiceDesign {
	return {
		...design,
		map: {
			centre: { lon: -3.1631, lat: 51.4637 },
			zoom: 16,
			bounds: [-3.2, 51.44, -3.12, 51.48],
			pins: [
				{ id: 'shape:n1', kind: 'note', text: TABLE_NOTE, place: 'Roald Dahl Plass', lon: -3.1655123, lat: 51.4650456, area: null, author: { id: 'p1', name: 'Mair' } },
				{ id: 'shape:c9', kind: 'card', text: 'Who pays when the landlord is at fault?', place: '', lon: -3.17, lat: 51.46, area: null, author: { id: 'p2', name: 'Aled' } },
			],
		},
	}
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The problems of a GeoJSON text against RFC 7946 (the parts this export uses); none when it is valid. */
function rfc7946Problems(text: string): string[] {
	const problems: string[] = []
	const doc = JSON.parse(text) as unknown
	const position = (p: unknown, where: string) => {
		if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) return problems.push(`${where}: a position is 2 or 3 numbers`)
		const [lon, lat] = p as number[]
		if (lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90) problems.push(`${where}: longitude then latitude, in WGS 84 degrees`)
	}
	/** Twice the signed area of a ring: positive when counter-clockwise (lon as x, lat as y). */
	const signedArea = (ring: number[][]) => ring.slice(0, -1).reduce((sum, [x1, y1], i) => sum + x1! * ring[i + 1]![1]! - ring[i + 1]![0]! * y1!, 0)
	if (!isObject(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) return ['a FeatureCollection with a features array']
	if ('crs' in doc) problems.push('no crs member (RFC 7946 §4)')
	if (doc.bbox !== undefined && !(Array.isArray(doc.bbox) && doc.bbox.length === 4 && doc.bbox[0] <= doc.bbox[2] && doc.bbox[1] <= doc.bbox[3])) problems.push('bbox: west, south, east, north')
	for (const [i, f] of doc.features.entries()) {
		const where = `features[${i}]`
		if (!isObject(f) || f.type !== 'Feature') { problems.push(`${where}: a Feature`); continue }
		if (!('properties' in f) || !(f.properties === null || isObject(f.properties))) problems.push(`${where}: properties is an object or null`)
		if (f.id !== undefined && typeof f.id !== 'string' && typeof f.id !== 'number') problems.push(`${where}: id is a string or number`)
		const g = f.geometry
		if (!isObject(g)) { problems.push(`${where}: a geometry`); continue }
		if (g.type === 'Point') position(g.coordinates, where)
		else if (g.type === 'Polygon') {
			if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) { problems.push(`${where}: rings`); continue }
			for (const [r, ring] of (g.coordinates as unknown[]).entries()) {
				if (!Array.isArray(ring) || ring.length < 4) { problems.push(`${where}: a ring has 4 or more positions`); continue }
				ring.forEach((p) => position(p, where))
				if (JSON.stringify(ring[0]) !== JSON.stringify(ring[ring.length - 1])) problems.push(`${where}: a ring is closed`)
				const area = signedArea(ring as number[][])
				if (r === 0 ? area <= 0 : area >= 0) problems.push(`${where}: exterior rings counter-clockwise, holes clockwise (§3.1.6)`)
			}
		} else problems.push(`${where}: geometry type ${String(g.type)} not expected here`)
	}
	return problems
}

describe('the GeoJSON export', () => {
	it('is valid RFC 7946: pins as points in longitude, latitude order, the map area a counter-clockwise polygon', () => {
		const text = designGeoJsonText(withMap(fixtureDesign()), en)
		expect(rfc7946Problems(text)).toEqual([])
		const doc = JSON.parse(text) as ReturnType<typeof designGeoJson>
		expect(doc.features.map((f) => f.id)).toEqual(['shape:n1', 'shape:c9', 'map-area'])
		expect(doc.features[0]).toEqual({
			type: 'Feature',
			id: 'shape:n1',
			geometry: { type: 'Point', coordinates: [-3.1655123, 51.4650456] },
			properties: { kind: 'note', text: TABLE_NOTE, place: 'Roald Dahl Plass', author: 'Mair', status: 'agreed', votes: 3 },
		})
		expect(doc.bbox).toEqual([-3.2, 51.44, -3.12, 51.48])
	})

	it('the checker catches what is not RFC 7946', () => {
		const bad = { type: 'FeatureCollection', crs: {}, features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [51.46, -300] } }, { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [0, 1], [1, 1], [0, 0]]] } }] }
		expect(rfc7946Problems(JSON.stringify(bad))).toEqual([
			'no crs member (RFC 7946 §4)',
			'features[0]: longitude then latitude, in WGS 84 degrees',
			'features[1]: exterior rings counter-clockwise, holes clockwise (§3.1.6)',
		])
	})

	it('gives a pinned area as a Polygon, counter-clockwise whichever way it was drawn', () => {
		const design = withMap(fixtureDesign())
		// Drawn clockwise (north-west, north-east, south-east, south-west).
		const clockwise: Array<[number, number]> = [[-3.166, 51.465], [-3.164, 51.465], [-3.164, 51.464], [-3.166, 51.464], [-3.166, 51.465]]
		design.map!.pins.push({ id: 'shape:park', kind: 'shape', text: 'The park', place: 'Butetown', lon: -3.165, lat: 51.4645, area: clockwise, author: { id: 'p1', name: 'Mair' } })
		const text = designGeoJsonText(design, en)
		expect(rfc7946Problems(text)).toEqual([])
		const park = (JSON.parse(text) as ReturnType<typeof designGeoJson>).features.find((f) => f.id === 'shape:park')!
		expect(park.geometry).toEqual({ type: 'Polygon', coordinates: [[...clockwise].reverse()] })
	})

	it('keeps only agreed pins with agreedOnly, and names nobody on the public page', () => {
		const agreed = designGeoJson(withMap(fixtureDesign()), { ...en, agreedOnly: true })
		expect(agreed.features.map((f) => f.id)).toEqual(['shape:n1', 'map-area'])
		const page = designGeoJson(withMap(fixtureDesign()), { ...en, publicPage: true })
		expect(page.features.filter((f) => f.properties.kind !== 'area').map((f) => (f as { properties: { author: string } }).properties.author)).toEqual(['', ''])
	})

	it('is an empty collection for a room without a map', () => {
		const text = designGeoJsonText({ ...fixtureDesign(), map: null }, en)
		expect(JSON.parse(text)).toEqual({ type: 'FeatureCollection', features: [] })
		expect(rfc7946Problems(text)).toEqual([])
	})
})
