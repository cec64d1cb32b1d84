/**
 * The neighbourhood map: the PMTiles archive the deployer names, served with HTTP range requests over a
 * real socket (and read back by the `pmtiles` library, as the web app reads it), the facilitator's map
 * settings in the workshop state, and the pins of the ServiceDesign. The archive is made by the test.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PMTiles } from 'pmtiles'
import { canvasSchema } from '@cyd/model/schema'
import { lonLatToPage, type ServiceDesign, type WorkshopState } from '@cyd/model'
import { callApi, createRoom, joinAs, noteRecord, startTestServer, tempDataDir, TEST_SECRET, writeCanvas, type Client, type TestServer } from './helpers.js'
import { tileOf, vectorTile, writePmtilesFixture } from './pmtiles-fixture.js'
import { streetsIn } from '../src/map/streets.js'

/** The Pierhead Building, Cardiff Bay. */
const CENTRE = { lon: -3.1631, lat: 51.4637 }
const fixturePath = join(tempDataDir(), 'bay.pmtiles')
const fixture = writePmtilesFixture(fixturePath, { centre: CENTRE, maxZoom: 16 })

let server: TestServer
let missing: TestServer
let none: TestServer
const clients: Client[] = []
beforeAll(async () => {
	;[server, missing, none] = await Promise.all([
		startTestServer({ CYD_SECRET: TEST_SECRET, MAP_PMTILES: fixturePath, MAP_ATTRIBUTION: '© the tests' }),
		startTestServer({ CYD_SECRET: TEST_SECRET, MAP_PMTILES: join(tempDataDir(), 'not-there.pmtiles') }),
		startTestServer({ CYD_SECRET: TEST_SECRET }),
	])
})
afterAll(async () => {
	for (const c of clients) c.destroy()
	await Promise.all([server?.close(), missing?.close(), none?.close()])
})

const tiles = () => `${server.url}/api/map/tiles.pmtiles`
const get = (range?: string, base = tiles()) => fetch(base, { headers: range === undefined ? {} : { range } })

/** Metres between two places (haversine). */
function metres(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
	const rad = Math.PI / 180
	const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2
	return 2 * 6371008.8 * Math.asin(Math.sqrt(h))
}

describe('the PMTiles archive over HTTP', () => {
	it('is small, and the web app is told where it is', async () => {
		expect(fixture.length).toBeLessThan(4096)
		expect(await (await fetch(`${server.url}/api/map/source`)).json()).toEqual({ pmtiles: '/api/map/tiles.pmtiles', tileUrl: null, attribution: '© the tests' })
		expect(await (await fetch(`${none.url}/api/map/source`)).json()).toEqual({ pmtiles: null, tileUrl: null, attribution: '' })
	})

	it('answers a byte range with 206, Content-Range and exactly those bytes', async () => {
		const response = await get('bytes=0-126')
		expect(response.status).toBe(206)
		expect(response.headers.get('accept-ranges')).toBe('bytes')
		expect(response.headers.get('content-range')).toBe(`bytes 0-126/${fixture.length}`)
		expect(response.headers.get('content-length')).toBe('127')
		expect(new Uint8Array(await response.arrayBuffer())).toEqual(fixture.slice(0, 127))

		const middle = await get('bytes=127-200')
		expect(middle.status).toBe(206)
		expect(new Uint8Array(await middle.arrayBuffer())).toEqual(fixture.slice(127, 201))
	})

	it('answers an open-ended range, a suffix and a range past the end cut to the file', async () => {
		const open = await get('bytes=100-')
		expect(open.headers.get('content-range')).toBe(`bytes 100-${fixture.length - 1}/${fixture.length}`)
		expect(new Uint8Array(await open.arrayBuffer())).toEqual(fixture.slice(100))
		const suffix = await get('bytes=-20')
		expect(suffix.headers.get('content-range')).toBe(`bytes ${fixture.length - 20}-${fixture.length - 1}/${fixture.length}`)
		expect(new Uint8Array(await suffix.arrayBuffer())).toEqual(fixture.slice(-20))
		// What the pmtiles library asks first: 16 KiB from the start, more than this archive holds.
		const first = await get('bytes=0-16383')
		expect(first.status).toBe(206)
		expect(new Uint8Array(await first.arrayBuffer())).toEqual(fixture)
	})

	it('answers the whole file without a Range, and HEAD with its length and no body', async () => {
		const whole = await get()
		expect(whole.status).toBe(200)
		expect(whole.headers.get('accept-ranges')).toBe('bytes')
		expect(new Uint8Array(await whole.arrayBuffer())).toEqual(fixture)
		const head = await fetch(tiles(), { method: 'HEAD', headers: { range: 'bytes=0-9' } })
		expect(head.status).toBe(206)
		expect(head.headers.get('content-range')).toBe(`bytes 0-9/${fixture.length}`)
		expect((await head.arrayBuffer()).byteLength).toBe(0)
	})

	it('refuses a range it cannot serve with 416 and the length of the file', async () => {
		for (const bad of [`bytes=${fixture.length}-`, 'bytes=50-10', 'bytes=0-1,5-9', 'items=0-10', 'bytes=-0', 'bytes=-']) {
			const response = await get(bad)
			expect(response.status, bad).toBe(416)
			expect(response.headers.get('content-range'), bad).toBe(`bytes */${fixture.length}`)
			expect(((await response.json()) as { error: string }).error, bad).toBeTruthy()
		}
	})

	it('answers the whole file when If-Range names another version of it', async () => {
		const etag = (await get('bytes=0-0')).headers.get('etag')!
		expect(etag).toMatch(/^"/)
		expect((await fetch(tiles(), { headers: { range: 'bytes=0-9', 'if-range': etag } })).status).toBe(206)
		const stale = await fetch(tiles(), { headers: { range: 'bytes=0-9', 'if-range': '"older"' } })
		expect(stale.status).toBe(200)
		expect((await stale.arrayBuffer()).byteLength).toBe(fixture.length)
	})

	it('says 404 when the file is missing or no map is set up', async () => {
		const gone = await get('bytes=0-10', `${missing.url}/api/map/tiles.pmtiles`)
		expect(gone.status).toBe(404)
		expect(((await gone.json()) as { error: string }).error).toMatch(/missing/)
		const unset = await get('bytes=0-10', `${none.url}/api/map/tiles.pmtiles`)
		expect(unset.status).toBe(404)
		expect(((await unset.json()) as { error: string }).error).toMatch(/MAP_PMTILES/)
	})

	it('is read by the pmtiles library over real HTTP: header, metadata and the tile under the centre', async () => {
		const archive = new PMTiles(tiles())
		const header = await archive.getHeader()
		expect(header).toMatchObject({ specVersion: 3, tileType: 1, minZoom: 0, maxZoom: 16, numAddressedTiles: 17 })
		expect(header.centerLon).toBeCloseTo(CENTRE.lon, 5)
		expect(((await archive.getMetadata()) as { name: string }).name).toBe('Cyd test neighbourhood')
		for (const z of [0, 9, 16]) {
			const { x, y } = tileOf(CENTRE.lon, CENTRE.lat, z)
			const tile = await archive.getZxy(z, x, y)
			expect(new Uint8Array(tile!.data), `tile ${z}/${x}/${y}`).toEqual(vectorTile())
		}
		const { x, y } = tileOf(CENTRE.lon, CENTRE.lat, 16)
		expect(await archive.getZxy(16, x + 1, y)).toBeUndefined()
	})
})

describe('the streets of the archive, for the reports', () => {
	/** The middle of the zoom-16 tile under the centre, where the fixture's two roads cross. */
	const crossing = () => {
		const { x, y } = tileOf(CENTRE.lon, CENTRE.lat, 16)
		const n = 2 ** 16
		return { lon: ((x + 0.5) / n) * 360 - 180, lat: (Math.atan(Math.sinh(Math.PI * (1 - (2 * (y + 0.5)) / n))) * 180) / Math.PI }
	}

	it('are read from the file: the two roads of the tile under an area, in WGS 84', async () => {
		const at = crossing()
		const streets = await streetsIn(fixturePath, [at.lon - 0.0005, at.lat - 0.0003, at.lon + 0.0005, at.lat + 0.0003])
		expect(streets!.roads).toHaveLength(2)
		const [eastWest, northSouth] = streets!.roads as [Array<[number, number]>, Array<[number, number]>]
		// One runs west to east through the crossing, the other north to south.
		expect(eastWest.every(([, lat]) => Math.abs(lat - at.lat) < 1e-9)).toBe(true)
		expect(eastWest[0]![0]).toBeLessThan(at.lon - 0.002)
		expect(eastWest[1]![0]).toBeGreaterThan(at.lon + 0.002)
		expect(northSouth.every(([lon]) => Math.abs(lon - at.lon) < 1e-9)).toBe(true)
		// A file that is not there: no streets, an error to log.
		await expect(streetsIn(join(tempDataDir(), 'not-there.pmtiles'), [0, 0, 1, 1])).rejects.toThrow()
	})

	it("are drawn under the pins in the picture of the map of the HTML and PDF reports and the public page, and not without tiles", async () => {
		const at = crossing()
		const report = async (base: string) => {
			const room = await createRoom(base)
			const facilitator = await joinAs(base, room, 'facilitator')
			const state = (await (await callApi(base, room, facilitator, 'PUT', '/map', { centre: CENTRE, zoom: 16 })).json()) as WorkshopState
			const near = { lon: at.lon + 0.0008, lat: at.lat + 0.0004 }
			const [a, b] = [lonLatToPage(state.map!, at), lonLatToPage(state.map!, near)]
			clients.push(
				...(await writeCanvas(base, room, canvasSchema().serialize(), [
					{ ...noteRecord('shape:crossing', 'At the crossroads', { pin: { place: '' } }), x: a.x - 100, y: a.y - 100 },
					{ ...noteRecord('shape:near', 'Near it', { pin: { place: '' } }), x: b.x - 100, y: b.y - 100 },
				])),
			)
			const html = await (await callApi(base, room, facilitator, 'GET', '/export?format=html')).text()
			const pdf = await callApi(base, room, facilitator, 'GET', '/export?format=pdf')
			expect(pdf.status).toBe(200)
			// The public page (what was agreed) draws its picture over the streets too.
			expect((await callApi(base, room, facilitator, 'POST', '/decisions', { item: 'shape:crossing', status: 'agreed' })).status).toBe(201)
			const { url } = (await (await callApi(base, room, facilitator, 'POST', '/publish')).json()) as { url: string }
			const page = await (await fetch(url.replace(/^https?:\/\/[^/]+/, base))).text()
			expect(page).toContain('Places on the map')
			return { html, page }
		}
		const { html: withTiles, page } = await report(server.url)
		expect(page).toContain('stroke="#b8ad9e"')
		expect(withTiles).toContain('Places on the map')
		const roads = [...withTiles.matchAll(/<path d="([^"]*)" fill="none" stroke="#b8ad9e"/g)].map((m) => m[1]!)
		expect(roads).toHaveLength(1)
		// Both roads, each a line across the picture (320 wide): the crossing pin lies on both.
		const moves = roads[0]!.match(/M/g) ?? []
		expect(moves).toHaveLength(2)
		const without = await report(none.url)
		expect(without.html).toContain('Places on the map')
		expect(without.html).not.toContain('#b8ad9e')
		expect(without.page).not.toContain('#b8ad9e')
	})
})

describe("the room's map", () => {
	it('is set by the facilitator and read by everyone in the workshop state; its origin stays as first set', async () => {
		const room = await createRoom(server.url)
		const facilitator = await joinAs(server.url, room, 'facilitator')
		const set = await callApi(server.url, room, facilitator, 'PUT', '/map', { centre: CENTRE, zoom: 16, bounds: [-3.2, 51.44, -3.12, 51.48] })
		expect(set.status).toBe(200)
		const state = (await set.json()) as WorkshopState
		expect(state.map).toMatchObject({ centre: CENTRE, zoom: 16, bounds: [-3.2, 51.44, -3.12, 51.48], origin: CENTRE, referenceZoom: 16 })
		const moved = (await (await callApi(server.url, room, facilitator, 'PUT', '/map', { centre: { lon: -3.17, lat: 51.47 }, zoom: 15 })).json()) as WorkshopState
		expect(moved.map).toMatchObject({ centre: { lon: -3.17, lat: 51.47 }, zoom: 15, bounds: null, origin: CENTRE, referenceZoom: 16 })
	})

	it("refuses a participant's map and bad input with a message, storing nothing", async () => {
		const room = await createRoom(server.url)
		const facilitator = await joinAs(server.url, room, 'facilitator')
		const participant = await joinAs(server.url, room, 'participant')
		expect((await callApi(server.url, room, participant, 'PUT', '/map', { centre: CENTRE, zoom: 16 })).status).toBe(403)
		for (const [body, message] of [
			[{ centre: { lon: 200, lat: 0 }, zoom: 16 }, /centre/],
			[{ centre: CENTRE, zoom: 40 }, /zoom/],
			[{ centre: CENTRE, zoom: 16, bounds: [0, 0, 1, 1] }, /within bounds/],
			[{ centre: CENTRE, zoom: 16, bounds: [1, 2] }, /bounds/],
			[{ centre: 'Cardiff', zoom: 16 }, /centre/],
		] as const) {
			const response = await callApi(server.url, room, facilitator, 'PUT', '/map', body)
			expect(response.status, JSON.stringify(body)).toBe(400)
			expect(((await response.json()) as { error: string }).error).toMatch(message)
		}
		const design = (await (await callApi(server.url, room, facilitator, 'GET', '/design')).json()) as ServiceDesign
		expect(design.map).toBeNull()
	})

	it("puts pinned items in the ServiceDesign in WGS 84, within a metre of where they lie, and no longer once the map is taken away", async () => {
		const room = await createRoom(server.url)
		const facilitator = await joinAs(server.url, room, 'facilitator')
		await callApi(server.url, room, facilitator, 'PUT', '/map', { centre: CENTRE, zoom: 16 })
		const state = (await (await callApi(server.url, room, facilitator, 'PUT', '/map', { centre: CENTRE, zoom: 16 })).json()) as WorkshopState
		// The bench: 200 m or so north-west of the Pierhead; the note's centre is its pin.
		const bench = { lon: -3.1655, lat: 51.465 }
		const at = lonLatToPage(state.map!, bench)
		clients.push(
			...(await writeCanvas(server.url, room, canvasSchema().serialize(), [
				{ ...noteRecord('shape:bench', 'A bench by the water', { pin: { place: 'Roald Dahl Plass' } }), x: at.x - 100, y: at.y - 100 },
				noteRecord('shape:elsewhere', 'Not pinned'),
			])),
		)
		const design = (await (await callApi(server.url, room, facilitator, 'GET', '/design')).json()) as ServiceDesign
		expect(design.map).toMatchObject({ centre: CENTRE, zoom: 16, bounds: null })
		expect(design.map!.pins).toHaveLength(1)
		const pin = design.map!.pins[0]!
		expect(pin).toMatchObject({ id: 'shape:bench', kind: 'note', text: 'A bench by the water', place: 'Roald Dahl Plass' })
		expect(metres(pin, bench)).toBeLessThan(1)

		// The GeoJSON export has it, in longitude, latitude order, within a metre.
		const exported = await callApi(server.url, room, facilitator, 'GET', '/export?format=geojson')
		expect(exported.status).toBe(200)
		expect(exported.headers.get('content-type')).toBe('application/geo+json; charset=utf-8')
		expect(exported.headers.get('content-disposition')).toMatch(/\.geojson/)
		const geojson = (await exported.json()) as { type: string; features: Array<{ id: string; geometry: { type: string; coordinates: [number, number] }; properties: { place: string } }> }
		expect(geojson.type).toBe('FeatureCollection')
		const feature = geojson.features.find((f) => f.id === 'shape:bench')!
		expect(feature.geometry.type).toBe('Point')
		expect(feature.properties.place).toBe('Roald Dahl Plass')
		const [lon, lat] = feature.geometry.coordinates
		expect(metres({ lon, lat }, bench)).toBeLessThan(1)
		const participant = await joinAs(server.url, room, 'participant')
		expect((await callApi(server.url, room, participant, 'GET', '/export?format=geojson')).status).toBe(403)

		// The public page (what was agreed) lists the pin once it is agreed, with its place and coordinates.
		expect((await callApi(server.url, room, facilitator, 'POST', '/decisions', { item: 'shape:bench', status: 'agreed' })).status).toBe(201)
		const { url } = (await (await callApi(server.url, room, facilitator, 'POST', '/publish')).json()) as { url: string }
		const page = await (await fetch(url.replace(/^https?:\/\/[^/]+/, server.url))).text()
		expect(page).toContain('Places on the map')
		expect(page).toContain('Roald Dahl Plass')
		expect(page).toContain(pin.lat.toFixed(6))
		expect(page).not.toContain('Not pinned')

		expect((await callApi(server.url, room, facilitator, 'DELETE', '/map')).status).toBe(200)
		const after = (await (await callApi(server.url, room, facilitator, 'GET', '/design')).json()) as ServiceDesign
		expect(after.map).toBeNull()
	})
})
