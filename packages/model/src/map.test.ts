import { describe, expect, it } from 'vitest'
import { extractPins, placePlan, lonLatToPage, mapRequestProblem, mapZoomAt, cameraZoomFor, nextMapSettings, pageToLonLat, parseMapSettings } from './map.js'
import { parseWorkshop } from './workshop.js'

/** Cardiff Bay, Pierhead Building. */
const PIERHEAD = { lon: -3.1631, lat: 51.4637 }

const settings = nextMapSettings(null, { centre: PIERHEAD, zoom: 16, bounds: null }, 1)

/** Metres between two places (haversine). */
function metres(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
	const r = 6371008.8
	const rad = Math.PI / 180
	const dLat = (b.lat - a.lat) * rad
	const dLon = (b.lon - a.lon) * rad
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
	return 2 * r * Math.asin(Math.sqrt(h))
}

describe('the map of a room', () => {
	it('puts its first centre at page (0, 0) and keeps the origin and reference zoom when the view changes', () => {
		expect(lonLatToPage(settings, PIERHEAD)).toEqual({ x: 0, y: 0 })
		expect(settings.referenceZoom).toBe(16)
		const moved = nextMapSettings(settings, { centre: { lon: -3.17, lat: 51.47 }, zoom: 14.5, bounds: [-3.2, 51.4, -3.1, 51.5] }, 2)
		expect(moved.origin).toEqual(PIERHEAD)
		expect(moved.referenceZoom).toBe(16)
		expect(moved.centre).toEqual({ lon: -3.17, lat: 51.47 })
	})

	it('maps page points to places and back within a millimetre', () => {
		for (const point of [
			{ x: 0, y: 0 },
			{ x: 1234.5, y: -987.25 },
			{ x: -40_000, y: 25_000 },
		]) {
			const back = lonLatToPage(settings, pageToLonLat(settings, point))
			expect(Math.abs(back.x - point.x)).toBeLessThan(1e-6)
			expect(Math.abs(back.y - point.y)).toBeLessThan(1e-6)
		}
	})

	it('makes one page unit one pixel of Web Mercator at the reference zoom (about 0.74 m at 51.46 N, zoom 16)', () => {
		const east = pageToLonLat(settings, { x: 1000, y: 0 })
		// 40075016.7 m around the equator over 512 * 2^16 pixels, times cos(latitude); the haversine takes a mean radius.
		const expected = (40075016.686 / (512 * 2 ** 16)) * Math.cos((PIERHEAD.lat * Math.PI) / 180) * 1000
		expect(metres(PIERHEAD, east)).toBeGreaterThan(expected * 0.995)
		expect(metres(PIERHEAD, east)).toBeLessThan(expected * 1.005)
		expect(mapZoomAt(settings, 1)).toBe(16)
		expect(mapZoomAt(settings, 0.5)).toBe(15)
		expect(cameraZoomFor(settings, 18)).toBe(4)
	})

	it('refuses a centre off the globe, a zoom out of range and bounds that do not hold the centre', () => {
		expect(mapRequestProblem({ centre: { lon: 181, lat: 0 }, zoom: 10, bounds: null })).toMatch(/centre/)
		expect(mapRequestProblem({ centre: { lon: 0, lat: 89 }, zoom: 10, bounds: null })).toMatch(/centre/)
		expect(mapRequestProblem({ centre: PIERHEAD, zoom: 30, bounds: null })).toMatch(/zoom/)
		expect(mapRequestProblem({ centre: PIERHEAD, zoom: 16, bounds: [0, 0, 1, 1] })).toMatch(/within bounds/)
		expect(mapRequestProblem({ centre: PIERHEAD, zoom: 16, bounds: [1, 0, 0, 1] })).toMatch(/bounds/)
		expect(mapRequestProblem({ centre: PIERHEAD, zoom: 16, bounds: [-3.2, 51.4, -3.1, 51.5] })).toBeNull()
	})

	it('is read from the workshop document, and a malformed entry is no map', () => {
		expect(parseWorkshop({ map: settings }).map).toEqual(settings)
		expect(parseWorkshop({}).map).toBeNull()
		expect(parseMapSettings({ ...settings, origin: { lon: 'x', lat: 0 } })).toBeNull()
		expect(parseMapSettings({ ...settings, bounds: [1, 2] })?.bounds).toBeNull()
	})

	it("finds pinned items at the centre of their shape, with their words, place name and author", () => {
		const here = lonLatToPage(settings, { lon: -3.165, lat: 51.465 })
		const records: unknown[] = [
			{ typeName: 'page', id: 'page:page' },
			{
				typeName: 'shape',
				id: 'shape:note',
				type: 'note',
				parentId: 'page:page',
				x: here.x - 100,
				y: here.y - 100,
				rotation: 0,
				props: { scale: 1, growY: 0, richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Bench by the water' }] }] } },
				meta: { pin: { place: 'Roald Dahl Plass' }, authorId: 'p1', authorName: 'Alys' },
			},
			{
				typeName: 'shape',
				id: 'shape:asset',
				type: 'cyd-asset',
				parentId: 'page:page',
				x: 0,
				y: 0,
				rotation: 0,
				props: { w: 0, h: 0, name: 'Pierhead', kind: 'place', description: '', holder: '', authorId: 'p2', authorName: 'Bryn', createdAt: 0 },
				meta: { pin: {} },
			},
			{ typeName: 'shape', id: 'shape:unpinned', type: 'note', parentId: 'page:page', x: 0, y: 0, rotation: 0, props: {}, meta: {} },
		]
		const pins = extractPins(records, settings)
		expect(pins.map((p) => p.id)).toEqual(['shape:note', 'shape:asset'])
		const [note, asset] = pins
		expect(note).toMatchObject({ kind: 'note', text: 'Bench by the water', place: 'Roald Dahl Plass', author: { id: 'p1', name: 'Alys' } })
		expect(metres(note!, { lon: -3.165, lat: 51.465 })).toBeLessThan(0.01)
		expect(asset).toMatchObject({ kind: 'asset', text: 'Pierhead', place: '', author: { id: 'p2', name: 'Bryn' } })
		expect(metres(asset!, PIERHEAD)).toBeLessThan(0.01)
	})

	it('gives a pinned shape or drawing the area it marks, as a closed ring of its outline', () => {
		const nw = lonLatToPage(settings, { lon: -3.166, lat: 51.465 })
		const records = [
			{
				typeName: 'shape',
				id: 'shape:park',
				type: 'geo',
				parentId: 'page:page',
				x: nw.x,
				y: nw.y,
				rotation: 0,
				props: { geo: 'rectangle', w: 300, h: 200, growY: 0, richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The park' }] }] } },
				meta: { pin: { place: 'Butetown park' } },
			},
			{ typeName: 'shape', id: 'shape:line', type: 'line', parentId: 'page:page', x: 0, y: 0, rotation: 0, props: { points: { a: { id: 'a', index: 'a1', x: 0, y: 0 }, b: { id: 'b', index: 'a2', x: 50, y: 0 } } }, meta: { pin: {} } },
		]
		const [park, line] = extractPins(records, settings)
		expect(park).toMatchObject({ id: 'shape:park', kind: 'shape', text: 'The park', place: 'Butetown park' })
		expect(park!.area).toHaveLength(5)
		expect(park!.area![0]).toEqual(park!.area![4])
		const corners = [nw, { x: nw.x + 300, y: nw.y }, { x: nw.x + 300, y: nw.y + 200 }, { x: nw.x, y: nw.y + 200 }].map((p) => pageToLonLat(settings, p))
		for (const [i, corner] of corners.entries()) expect(metres({ lon: park!.area![i]![0], lat: park!.area![i]![1] }, corner)).toBeLessThan(0.05)
		// The centre is the pin's point; a line of two points marks no area.
		expect(metres(park!, pageToLonLat(settings, { x: nw.x + 150, y: nw.y + 100 }))).toBeLessThan(0.05)
		expect(line!.area).toBeNull()
	})

	it('places a plan image by control points: exactly by two, by least squares by three, null when they fix nothing', () => {
		// A plan 400 x 300 pixels whose top left and bottom right show these two places.
		const nw = { lon: -3.168, lat: 51.466 }
		const se = { lon: -3.16, lat: 51.462 }
		const placed = placePlan(settings, [
			{ pixel: { x: 0, y: 0 }, place: nw },
			{ pixel: { x: 400, y: 300 }, place: se },
		])!
		const at = (px: number, py: number) => ({
			x: placed.x + placed.scale * (px * Math.cos(placed.rotation) - py * Math.sin(placed.rotation)),
			y: placed.y + placed.scale * (px * Math.sin(placed.rotation) + py * Math.cos(placed.rotation)),
		})
		for (const [pixel, place] of [
			[[0, 0], nw],
			[[400, 300], se],
		] as const) {
			const want = lonLatToPage(settings, place)
			const got = at(pixel[0], pixel[1])
			expect(Math.hypot(got.x - want.x, got.y - want.y)).toBeLessThan(1e-6)
		}
		// A third point that agrees changes nothing; the plan is not turned when north is up on both.
		const mid = pageToLonLat(settings, at(200, 150))
		const three = placePlan(settings, [
			{ pixel: { x: 0, y: 0 }, place: nw },
			{ pixel: { x: 400, y: 300 }, place: se },
			{ pixel: { x: 200, y: 150 }, place: mid },
		])!
		expect(three.scale).toBeCloseTo(placed.scale, 9)
		expect(three.x).toBeCloseTo(placed.x, 6)
		expect(three.rotation).toBeCloseTo(placed.rotation, 9)
		expect(placePlan(settings, [{ pixel: { x: 0, y: 0 }, place: nw }])).toBeNull()
		expect(placePlan(settings, [{ pixel: { x: 5, y: 5 }, place: nw }, { pixel: { x: 5, y: 5 }, place: se }])).toBeNull()
	})

	it('turns a plan drawn with north to the right a quarter turn', () => {
		// Pixel x grows to the north, pixel y to the east: the image turns -90 degrees (270).
		const a = { lon: -3.165, lat: 51.463 }
		const b = pageToLonLat(settings, { x: lonLatToPage(settings, a).x, y: lonLatToPage(settings, a).y - 500 })
		const placed = placePlan(settings, [
			{ pixel: { x: 0, y: 0 }, place: a },
			{ pixel: { x: 250, y: 0 }, place: b },
		])!
		expect(placed.scale).toBeCloseTo(2, 9)
		expect(placed.rotation).toBeCloseTo((3 * Math.PI) / 2, 9)
	})
})
