/**
 * The neighbourhood map, end to end in Chromium (software WebGL): the facilitator sets the map, a
 * participant sees it drawn under the board from the server's PMTiles archive (made by this test),
 * pins a note and adds one at a place by its coordinates, the facilitator's screen at another zoom shows
 * each pin over the same point of the map, a drag moves the pin everywhere, and the GeoJSON export has
 * the pins within a metre.
 */
import { join } from 'node:path'
import { chromium, expect, test, type Page } from '@playwright/test'
import { writePmtilesFixture } from '../apps/server/test/pmtiles-fixture'
import { createRoom, join as joinRoom, makeNote, screenCenter, sessionOf } from './fixtures'

declare global {
	interface Window {
		cydMap?: {
			project(lngLat: [number, number]): { x: number; y: number }
			getZoom(): number
			loaded(): boolean
			queryRenderedFeatures(): Array<{ sourceLayer?: string }>
			getContainer(): HTMLElement
		}
	}
}

/** The Pierhead Building, Cardiff Bay. */
const CENTRE = { lon: -3.1631, lat: 51.4637 }
/** A bench by the water, west of it: where the keyboard's note goes. */
const BENCH = { lon: -3.1652, lat: 51.4641 }

test.beforeAll(() => {
	writePmtilesFixture(join(process.env.CYD_E2E_DATA_DIR!, 'map.pmtiles'), { centre: CENTRE, maxZoom: 16 })
})

function metres(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
	const rad = Math.PI / 180
	const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2
	return 2 * 6371008.8 * Math.asin(Math.sqrt(h))
}

interface Exported {
	type: string
	features: Array<{ id: string; geometry: { type: string; coordinates: [number, number] }; properties: { text: string; place: string } }>
}

/** Where the map draws a place on `page`, and where the board draws a shape's centre, in viewport pixels. */
async function mapAndBoard(page: Page, place: [number, number], shapeId: string) {
	const onMap = await page.evaluate((lngLat) => {
		const map = window.cydMap!
		const p = map.project(lngLat)
		const box = map.getContainer().getBoundingClientRect()
		return { x: p.x + box.left, y: p.y + box.top }
	}, place)
	return { onMap, onBoard: await screenCenter(page, shapeId) }
}

async function waitForMap(page: Page): Promise<void> {
	await expect(page.getByTestId('map-layer')).toHaveAttribute('data-status', 'ready', { timeout: 30_000 })
	// Tiles decoded and drawn: the roads and the water of the archive are on the screen.
	await expect.poll(() => page.evaluate(() => [...new Set((window.cydMap?.queryRenderedFeatures() ?? []).map((f) => f.sourceLayer))].sort()), { timeout: 20_000 }).toEqual(
		expect.arrayContaining(['earth', 'roads']),
	)
}

test('the neighbourhood map: set, seen under the board, pins shared and exported', async ({ browser, request }) => {
	const room = await createRoom(request, 'Cardiff Bay walkabout')
	const ffion = await joinRoom(browser, room.links.facilitator, 'Ffion')
	const gareth = await joinRoom(browser, room.links.participant, 'Gareth', { viewport: { width: 1100, height: 720 } })
	for (const p of [ffion.page, gareth.page]) p.on('console', (m) => m.type() === 'warning' && m.text().startsWith('map:') && console.log(m.text()))

	// The facilitator sets the map: its centre and zoom.
	await ffion.page.getByRole('button', { name: 'Neighbourhood map' }).click()
	const panel = ffion.page.locator('#geomap-panel')
	await panel.getByLabel('Latitude (degrees north)').fill(String(CENTRE.lat))
	await panel.getByLabel('Longitude (degrees east)').fill(String(CENTRE.lon))
	await panel.getByLabel('Zoom (0 to 22)').fill('17')
	await panel.getByRole('button', { name: 'Set the map' }).click()
	await expect(panel.getByTestId('geomap-status')).toHaveText('The map is set for everyone.')

	// The participant sees it under the board, at the map's zoom, centred where the facilitator said.
	await waitForMap(gareth.page)
	expect(await gareth.page.evaluate(() => window.cydMap!.getZoom())).toBeCloseTo(17, 1)
	await waitForMap(ffion.page)
	await gareth.page.screenshot({ path: 'test-results/map-01-participant-sees-map.png' })

	// The participant makes a note and pins it where it lies, naming the place.
	const noteId = await makeNote(gareth.page, { x: 620, y: 300 }, 'Benches here please')
	await gareth.page.getByRole('button', { name: 'Neighbourhood map' }).click()
	const garethPanel = gareth.page.locator('#geomap-panel')
	await garethPanel.getByRole('button', { name: 'Pin the selected item to the map' }).click()
	const place = garethPanel.getByLabel('Place of Note: Benches here please')
	await place.fill('Roald Dahl Plass')
	await place.press('Enter')

	// With the keyboard: a note at a place given by its coordinates.
	await garethPanel.getByText('Add a note at a place').click()
	await garethPanel.getByLabel('Note', { exact: true }).fill('A water fountain')
	await garethPanel.getByLabel('Place (a street or landmark)').fill('Mermaid Quay')
	const noteForm = garethPanel.locator('details', { hasText: 'Add a note at a place' })
	await noteForm.getByLabel('Latitude (degrees north)').fill(String(BENCH.lat))
	await noteForm.getByLabel('Longitude (degrees east)').fill(String(BENCH.lon))
	await noteForm.getByRole('button', { name: 'Add the note on the map' }).click()
	await expect(garethPanel.getByTestId('pin-list').locator('li')).toHaveCount(2)

	// The facilitator's screen, at another zoom, lists both and draws each over the same point of the map.
	const ffionList = panel.getByTestId('pin-list')
	await expect(ffionList).toContainText('Note: Benches here please')
	await expect(ffionList).toContainText('Roald Dahl Plass')
	await expect(ffionList).toContainText('Mermaid Quay')
	await ffion.page.evaluate(() => {
		const editor = window.cydEditor!
		editor.setCamera({ ...editor.getCamera(), z: editor.getCamera().z * 1.7 })
	})
	await expect.poll(() => ffion.page.evaluate(() => window.cydMap!.getZoom())).toBeCloseTo(17 + Math.log2(1.7), 1)

	const token = await sessionOf(ffion.page, room.id)
	const exportPins = async () => {
		const res = await request.get(`/api/rooms/${room.id}/export?format=geojson`, { headers: { authorization: `Bearer ${token}` } })
		expect(res.status()).toBe(200)
		expect(res.headers()['content-type']).toBe('application/geo+json; charset=utf-8')
		return (await res.json()) as Exported
	}
	let exported = await exportPins()
	expect(exported.type).toBe('FeatureCollection')
	const fountain = exported.features.find((f) => f.properties.text === 'A water fountain')!
	expect(fountain.properties.place).toBe('Mermaid Quay')
	const [fLon, fLat] = fountain.geometry.coordinates
	expect(metres({ lon: fLon, lat: fLat }, BENCH)).toBeLessThan(1)
	const benches = exported.features.find((f) => f.id === noteId)!
	expect(benches.properties.place).toBe('Roald Dahl Plass')
	for (const feature of [benches, fountain]) {
		const { onMap, onBoard } = await mapAndBoard(ffion.page, feature.geometry.coordinates, feature.id)
		expect(Math.hypot(onMap.x - onBoard.x, onMap.y - onBoard.y), `${feature.properties.text} on the facilitator's screen`).toBeLessThan(3)
	}
	await ffion.page.screenshot({ path: 'test-results/map-02-facilitator-sees-pins.png' })

	// The participant drags the pinned note: the pin moves on the facilitator's screen and in the export.
	// (The panel closed and nothing selected, so neither it nor tldraw's style panel lies over the note.)
	await garethPanel.getByRole('button', { name: 'Close the neighbourhood map panel' }).click()
	await gareth.page.evaluate(() => {
		window.cydEditor!.selectNone()
	})
	const from = await screenCenter(gareth.page, noteId)
	await gareth.page.mouse.move(from.x + 40, from.y + 40)
	await gareth.page.mouse.down()
	await gareth.page.mouse.move(from.x + 100, from.y + 80, { steps: 8 })
	await gareth.page.mouse.move(from.x + 160, from.y + 120, { steps: 8 })
	await gareth.page.mouse.up()
	const before = benches.geometry.coordinates
	await expect
		.poll(async () => {
			const now = (await exportPins()).features.find((f) => f.id === noteId)!.geometry.coordinates
			return metres({ lon: now[0], lat: now[1] }, { lon: before[0], lat: before[1] })
		})
		.toBeGreaterThan(20)
	exported = await exportPins()
	const moved = exported.features.find((f) => f.id === noteId)!
	// Dragged right and down: east and south.
	expect(moved.geometry.coordinates[0]).toBeGreaterThan(before[0])
	expect(moved.geometry.coordinates[1]).toBeLessThan(before[1])
	await expect.poll(async () => {
		const { onMap, onBoard } = await mapAndBoard(ffion.page, moved.geometry.coordinates, noteId)
		return Math.hypot(onMap.x - onBoard.x, onMap.y - onBoard.y)
	}).toBeLessThan(3)
	await expect(ffionList).toContainText(`latitude ${moved.geometry.coordinates[1].toFixed(6)}`)

	// "Go to the map's area" brings the facilitator's screen back to the map's centre and zoom.
	await panel.getByRole('button', { name: 'Go to the map’s area' }).click()
	await expect.poll(() => ffion.page.evaluate(() => window.cydMap!.getZoom())).toBeCloseTo(17, 1)
	const centre = await ffion.page.evaluate(() => {
		const map = window.cydMap as unknown as { getCenter(): { lng: number; lat: number } }
		return map.getCenter()
	})
	expect(metres({ lon: centre.lng, lat: centre.lat }, CENTRE)).toBeLessThan(2)

	// A pin says what was decided about its item.
	expect((await request.post(`/api/rooms/${room.id}/decisions`, { headers: { authorization: `Bearer ${token}` }, data: { item: noteId, status: 'agreed' } })).status()).toBe(201)
	await expect(ffionList.locator(`li[data-pin="${noteId}"]`)).toContainText('Agreed')

	await ffion.context.close()
	await gareth.context.close()
})

test('the map panel and its messages in Welsh', async ({ browser, request }) => {
	const room = await createRoom(request, 'Map y Bae')
	const ffion = await joinRoom(browser, room.links.facilitator, 'Ffion')
	// MapLibre and pmtiles are a chunk of their own, fetched only once the room has a map.
	const fetched: string[] = []
	ffion.page.on('request', (r) => fetched.push(new URL(r.url()).pathname))
	await ffion.page.getByRole('combobox', { name: 'Language' }).selectOption('cy')
	await ffion.page.getByRole('button', { name: 'Map y gymdogaeth' }).click()
	const panel = ffion.page.locator('#geomap-panel')
	await expect(panel.getByRole('heading', { name: 'Map y gymdogaeth' })).toBeVisible()
	await panel.getByLabel('Lledred (graddau i’r gogledd)').fill('95')
	await panel.getByLabel('Hydred (graddau i’r dwyrain)').fill(String(CENTRE.lon))
	await panel.getByRole('button', { name: 'Gosod y map' }).click()
	await expect(panel.getByTestId('geomap-status')).toHaveText('Rhowch ledred (-85 i 85) a hydred (-180 i 180) mewn graddau.')
	expect(fetched.filter((path) => path.includes('maplibre'))).toEqual([])
	await panel.getByLabel('Lledred (graddau i’r gogledd)').fill(String(CENTRE.lat))
	await panel.getByRole('button', { name: 'Gosod y map' }).click()
	await expect(panel.getByTestId('geomap-status')).toHaveText('Mae’r map wedi’i osod i bawb.')
	await expect(panel.getByRole('heading', { name: 'Dim eitemau wedi’u pinio' })).toBeVisible()
	await expect.poll(() => fetched.filter((path) => /\/assets\/maplibre-[^/]*\.js$/.test(path)).length).toBe(1)
	await ffion.context.close()
})

test('without WebGL the map layer says it cannot draw, and the board and its pins work as before', async ({ request }) => {
	// A browser of its own, with WebGL turned off.
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-webgl', '--disable-3d-apis', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	})
	const room = await createRoom(request, 'No WebGL here')
	const ffion = await joinRoom(browser, room.links.facilitator, 'Ffion')
	expect(await ffion.page.evaluate(() => Boolean(document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl')))).toBe(false)
	const token = await sessionOf(ffion.page, room.id)
	const set = await request.put(`/api/rooms/${room.id}/map`, { headers: { authorization: `Bearer ${token}` }, data: { centre: CENTRE, zoom: 17 } })
	expect(set.status()).toBe(200)
	await expect(ffion.page.getByTestId('map-layer')).toHaveAttribute('data-status', 'no-webgl')
	await expect(ffion.page.getByRole('status').filter({ hasText: 'the browser has no WebGL' })).toBeVisible()
	const note = await makeNote(ffion.page, { x: 500, y: 400 }, 'Still works')
	await ffion.page.getByRole('button', { name: 'Neighbourhood map' }).click()
	await ffion.page.locator('#geomap-panel').getByRole('button', { name: 'Pin the selected item to the map' }).click()
	await expect(ffion.page.locator('#geomap-panel').getByTestId('pin-list')).toContainText('Note: Still works')
	expect(await ffion.page.evaluate((id) => (window.cydEditor as unknown as { getShape(id: string): { meta: unknown } | undefined }).getShape(id)?.meta, note)).toEqual(
		expect.objectContaining({ pin: { place: '' } }),
	)
	await browser.close()
})

test('a plan image placed by two control points lines up with the map at them, on another screen too', async ({ browser }) => {
	const room = await createRoom(await browser.newContext().then((c) => c.request), 'Plan of the bay')
	const ffion = await joinRoom(browser, room.links.facilitator, 'Ffion')
	const gareth = await joinRoom(browser, room.links.participant, 'Gareth', { viewport: { width: 1000, height: 700 } })
	await ffion.page.getByRole('button', { name: 'Neighbourhood map' }).click()
	const panel = ffion.page.locator('#geomap-panel')
	await panel.getByLabel('Latitude (degrees north)').fill(String(CENTRE.lat))
	await panel.getByLabel('Longitude (degrees east)').fill(String(CENTRE.lon))
	await panel.getByLabel('Zoom (0 to 22)').fill('16')
	await panel.getByRole('button', { name: 'Set the map' }).click()
	await waitForMap(gareth.page)

	// A plan of 400 x 300 pixels on the board, selected, anywhere and any size.
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#fffbe6" stroke="#c00" stroke-width="8"/><path d="M0 0L400 300" stroke="#c00" stroke-width="4"/></svg>`
	const imageId = await ffion.page.evaluate((src) => {
		const editor = window.cydEditor as unknown as {
			createAssets(assets: unknown[]): void
			createShape(shape: unknown): void
			select(id: string): void
		}
		editor.createAssets([{ id: 'asset:plan', typeName: 'asset', type: 'image', props: { name: 'plan.svg', src, w: 400, h: 300, mimeType: 'image/svg+xml', isAnimated: false }, meta: {} }])
		const id = 'shape:plan'
		editor.createShape({ id, type: 'image', x: 100, y: 80, props: { assetId: 'asset:plan', w: 200, h: 150 } })
		editor.select(id)
		return id
	}, `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`)

	// Its top left is the Pierhead; its bottom right a point to the south-east.
	const corners = [
		{ pixel: [0, 0], place: CENTRE },
		{ pixel: [400, 300], place: { lon: -3.1585, lat: 51.4615 } },
	] as const
	await panel.getByText('Place this plan on the map').click()
	for (const [i, c] of corners.entries()) {
		await panel.getByLabel(`Point ${i + 1}: pixels across`).fill(String(c.pixel[0]))
		await panel.getByLabel(`Point ${i + 1}: pixels down`).fill(String(c.pixel[1]))
		await panel.getByLabel(`Point ${i + 1}: latitude`).fill(String(c.place.lat))
		await panel.getByLabel(`Point ${i + 1}: longitude`).fill(String(c.place.lon))
	}
	await panel.getByRole('button', { name: 'Place the plan' }).click()
	await expect(panel.getByTestId('plan-status')).toHaveText('The plan is placed by 2 points.')

	// On the participant's screen (another size, another zoom), each control point of the image lies over its place on the map.
	await gareth.page.evaluate(() => {
		const editor = window.cydEditor!
		editor.setCamera({ ...editor.getCamera(), z: editor.getCamera().z * 0.6 })
	})
	for (const c of corners) {
		await expect
			.poll(() =>
				gareth.page.evaluate(
					({ id, pixel, place }) => {
						const editor = window.cydEditor as unknown as {
							getShape(id: string): { props: { w: number } } | undefined
							getShapePageTransform(id: string): { applyToPoint(p: { x: number; y: number }): { x: number; y: number } }
							pageToViewport(p: { x: number; y: number }): { x: number; y: number }
							getContainer(): HTMLElement
						}
						const shape = editor.getShape(id)
						if (!shape) return Infinity
						const scale = shape.props.w / 400
						const onPage = editor.getShapePageTransform(id).applyToPoint({ x: pixel[0] * scale, y: pixel[1] * scale })
						const onBoard = editor.pageToViewport(onPage)
						const box = editor.getContainer().getBoundingClientRect()
						const map = window.cydMap!
						const onMap = map.project([place.lon, place.lat])
						const mapBox = map.getContainer().getBoundingClientRect()
						return Math.hypot(onBoard.x + box.left - (onMap.x + mapBox.left), onBoard.y + box.top - (onMap.y + mapBox.top))
					},
					{ id: imageId, pixel: c.pixel, place: c.place },
				),
			)
			.toBeLessThan(3)
	}
	await gareth.page.screenshot({ path: 'test-results/map-03-plan-on-the-map.png' })
	await ffion.context.close()
	await gareth.context.close()
})

test('the touch table shows the map under its board, following its view', async ({ browser, request }) => {
	const room = await createRoom(request, 'Table over the bay')
	const table = await joinRoom(browser, room.url, 'Ffion', { viewport: { width: 1600, height: 900 } })
	const token = await sessionOf(table.page, room.id)
	expect((await request.put(`/api/rooms/${room.id}/map`, { headers: { authorization: `Bearer ${token}` }, data: { centre: CENTRE, zoom: 17 } })).status()).toBe(200)
	await table.page.getByRole('button', { name: 'Table layout' }).click()
	await expect(table.page.getByRole('region', { name: 'The touch table' })).toBeVisible()
	await waitForMap(table.page)
	const before = await table.page.evaluate(() => window.cydMap!.getZoom())
	await table.page.evaluate(() => {
		const editor = window.cydEditor!
		editor.setCamera({ ...editor.getCamera(), z: editor.getCamera().z * 2 })
	})
	await expect.poll(() => table.page.evaluate(() => window.cydMap!.getZoom())).toBeCloseTo(before + 1, 1)
	await table.page.screenshot({ path: 'test-results/map-04-touch-table.png' })
	await table.context.close()
})
