/**
 * The neighbourhood map at the touch table and the camera held to the map, end to end in Chromium under
 * real fingers (the DevTools protocol's touch events) at 1920x1080: a seat pins its note where a finger
 * taps the map, attributed to the seat's person, and a laptop at another zoom shows it over the same map
 * point; the map pans and pinches with the table's fingers; the seat's undo and the keyboard work the pin;
 * in Welsh too. And a pan or zoom far away on a laptop stays within the facilitator's area and the tiles'
 * zoom range.
 */
import { join as joinPath } from 'node:path'
import { expect, test, type APIRequestContext, type CDPSession, type Page } from '@playwright/test'
import { writePmtilesFixture } from '../apps/server/test/pmtiles-fixture'
import { createRoom, join, say, sessionOf, type CreatedRoom } from './fixtures'

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
const TABLE = { viewport: { width: 1920, height: 1080 }, hasTouch: true }

interface Point {
	x: number
	y: number
}
interface Pin {
	id: string
	lon: number
	lat: number
	text: string
	author: string
}

test.beforeAll(() => {
	writePmtilesFixture(joinPath(process.env.CYD_E2E_DATA_DIR!, 'map.pmtiles'), { centre: CENTRE, maxZoom: 16 })
})

function metres(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
	const rad = Math.PI / 180
	const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2
	return 2 * 6371008.8 * Math.asin(Math.sqrt(h))
}

/** Two frames later: whatever a tap set off has happened. */
function settled(page: Page): Promise<void> {
	return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))))
}

async function tap(cdp: CDPSession, page: Page, at: Point): Promise<void> {
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: at.x, y: at.y, id: 0, radiusX: 4, radiusY: 4, force: 1 }] })
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
	await settled(page)
}

/** Fingers (one or two) from `from` to `to` in ten steps. */
async function gesture(cdp: CDPSession, page: Page, from: Point[], to: Point[]): Promise<void> {
	const at = (step: number) => from.map((f, id) => ({ x: f.x + ((to[id]!.x - f.x) * step) / 10, y: f.y + ((to[id]!.y - f.y) * step) / 10, id }))
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) })
	for (let step = 1; step <= 10; step++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(step) })
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
	await settled(page)
}

async function waitForMap(page: Page): Promise<void> {
	await expect(page.getByTestId('map-layer')).toHaveAttribute('data-status', 'ready', { timeout: 30_000 })
	await expect.poll(() => page.evaluate(() => [...new Set((window.cydMap?.queryRenderedFeatures() ?? []).map((f) => f.sourceLayer))].sort()), { timeout: 20_000 }).toEqual(
		expect.arrayContaining(['earth', 'roads']),
	)
}

/** The place the map shows at a point of the viewport. */
function placeAt(page: Page, at: Point): Promise<{ lon: number; lat: number }> {
	return page.evaluate((p) => {
		const map = window.cydMap as unknown as { unproject(p: [number, number]): { lng: number; lat: number }; getContainer(): HTMLElement }
		const box = map.getContainer().getBoundingClientRect()
		const place = map.unproject([p.x - box.left, p.y - box.top])
		return { lon: place.lng, lat: place.lat }
	}, at)
}

/** How far (pixels) a shape's centre lies from where the map draws its place. */
function offMap(page: Page, id: string, place: { lon: number; lat: number }): Promise<number> {
	return page.evaluate(
		({ id, place }) => {
			const editor = window.cydEditor!
			const centre = editor.pageToViewport(editor.getShapePageBounds(id)!.center)
			const box = editor.getContainer().getBoundingClientRect()
			const map = window.cydMap!
			const onMap = map.project([place.lon, place.lat])
			const mapBox = map.getContainer().getBoundingClientRect()
			return Math.hypot(centre.x + box.left - (onMap.x + mapBox.left), centre.y + box.top - (onMap.y + mapBox.top))
		},
		{ id, place },
	)
}

/** The pins of the room's GeoJSON export (what the server holds), points only. */
async function pinsOf(request: APIRequestContext, room: string, token: string): Promise<Pin[]> {
	const res = await request.get(`/api/rooms/${room}/export?format=geojson`, { headers: { authorization: `Bearer ${token}` } })
	expect(res.status()).toBe(200)
	const { features } = (await res.json()) as { features: Array<{ id: string; geometry: { type: string; coordinates: [number, number] }; properties: { text: string; author: string } }> }
	return features
		.filter((f) => f.geometry.type === 'Point' && 'text' in f.properties)
		.map((f) => ({ id: f.id, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], text: f.properties.text, author: f.properties.author }))
}

/** Who a shape says made it, on a screen. */
const authorOf = (page: Page, id: string) => page.evaluate((shape) => (window.cydEditor!.getCurrentPageShapes().find((s) => s.id === shape)?.meta.author as string | undefined) ?? null, id)

async function tableWithMap(browser: import('@playwright/test').Browser, room: CreatedRoom, lang: 'en' | 'cy', bounds: number[] | null = null) {
	const table = await join(browser, room.url, 'Ffion', TABLE)
	const page = table.page
	const token = await sessionOf(page, room.id)
	expect((await page.request.put(`/api/rooms/${room.id}/map`, { headers: { authorization: `Bearer ${token}` }, data: { centre: CENTRE, zoom: 17, bounds } })).status()).toBe(200)
	if (lang === 'cy') await page.locator('header').getByLabel('Language').selectOption('cy')
	await page.getByRole('button', { name: say(lang, 'table.open') }).click()
	const menu = page.getByRole('region', { name: say(lang, 'table.menuHeading') })
	await menu.getByLabel(say(lang, 'table.setup.count')).selectOption('2')
	await menu.getByLabel(say(lang, 'table.setup.seat', { n: 1 }), { exact: true }).fill('Ceri')
	await menu.getByLabel(say(lang, 'table.setup.seat', { n: 2 }), { exact: true }).fill('Dai')
	await menu.getByRole('button', { name: say(lang, 'table.setup.save') }).click()
	await expect(menu.getByText(say(lang, 'table.setup.saved'))).toBeVisible()
	await menu.getByRole('button', { name: say(lang, 'table.close') }).click()
	await waitForMap(page)
	return { ...table, token, cdp: await table.context.newCDPSession(page) }
}

test('en: a seat pins its note where a finger taps the map; a laptop shows it there; the map pans and pinches at the table', async ({ browser, request }) => {
	const room = await createRoom(request, 'Table over the bay')
	const table = await tableWithMap(browser, room, 'en')
	const { page, cdp } = table
	const pinsOn = () => pinsOf(request, room.id, table.token)
	const laptop = await join(browser, room.links.participant, 'Nia', { viewport: { width: 1100, height: 720 } })
	const ceri = page.getByTestId('dock-0')
	const seats = await page.evaluate(() => window.cydWorkshop!().table!.seats)

	// Ceri makes a note and types into it.
	await tap(cdp, page, await centreOf(ceri.getByRole('button', { name: 'New note', exact: true })))
	for (const letter of 'bus') await tap(cdp, page, await centreOf(ceri.getByRole('button', { name: letter, exact: true })))
	const note = await page.evaluate(() => window.cydEditor!.getCurrentPageShapes().find((s) => s.type === 'note')!.id)

	// Pin: the dock asks for a tap on the map; a finger taps the map, away from the note.
	const pin = ceri.getByRole('button', { name: 'Pin my note or card to the map' })
	await tap(cdp, page, await centreOf(pin))
	await expect(pin).toHaveAttribute('aria-pressed', 'true')
	const panel = ceri.getByRole('group', { name: 'Pin to the map: Ceri' })
	await expect(panel).toContainText('Tap the map where it goes.')
	const target = { x: 520, y: 430 }
	const place = await placeAt(page, target)
	await tap(cdp, page, target)

	// The note moved there and is pinned, Ceri's, on the table's map and in the design on the laptop.
	await expect(panel).toBeHidden()
	await expect(pin).toHaveAttribute('aria-pressed', 'false')
	await expect(ceri.getByTestId('dock-0-typing')).toHaveText('Pinned on the map.')
	expect(await offMap(page, note, place)).toBeLessThan(2)
	await expect.poll(async () => (await pinsOn()).map((p) => p.id)).toEqual([note])
	const [pinned] = await pinsOn()
	expect(pinned).toMatchObject({ text: 'bus', author: 'Ceri' })
	await expect.poll(() => authorOf(laptop.page, note)).toBe(seats[0]!.person)
	expect(metres(pinned!, place)).toBeLessThan(1)
	await page.screenshot({ path: 'test-results/map-table-01-pinned.png' })

	// The laptop, at another zoom, draws the note over the same point of its map.
	await waitForMap(laptop.page)
	await laptop.page.evaluate(() => {
		const editor = window.cydEditor!
		editor.setCamera({ ...editor.getCamera(), z: editor.getCamera().z * 1.6 })
	})
	await expect.poll(() => offMap(laptop.page, note, place)).toBeLessThan(3)

	// Two fingers on the empty table pinch the map with the board (twice as far apart: one zoom in)...
	const before = await page.evaluate(() => window.cydMap!.getZoom())
	await gesture(
		cdp,
		page,
		[
			{ x: 800, y: 520 },
			{ x: 1000, y: 520 },
		],
		[
			{ x: 700, y: 520 },
			{ x: 1100, y: 520 },
		],
	)
	await expect.poll(() => page.evaluate(() => window.cydMap!.getZoom())).toBeCloseTo(before + 1, 1)
	// ...and one finger pans them: the pinned note stays over its place.
	const centreBefore = await placeAt(page, { x: 960, y: 540 })
	await gesture(cdp, page, [{ x: 700, y: 600 }], [{ x: 900, y: 500 }])
	expect(metres(await placeAt(page, { x: 960, y: 540 }), centreBefore)).toBeGreaterThan(5)
	expect(await offMap(page, note, place)).toBeLessThan(2)

	// A tap on the map with no seat waiting to pin moves nothing.
	const still = await page.evaluate((id) => window.cydEditor!.getShapePageBounds(id)!.center, note)
	await tap(cdp, page, { x: 1300, y: 450 })
	expect(await page.evaluate((id) => window.cydEditor!.getShapePageBounds(id)!.center, note)).toEqual(still)

	// Ceri's undo takes the pin away (and puts the note back where it was).
	await tap(cdp, page, await centreOf(ceri.getByRole('button', { name: 'Undo my last change' })))
	await expect.poll(async () => (await pinsOn()).length).toBe(0)

	// With the keyboard: Pin, then "Pin where it lies", then Unpin.
	await pin.focus()
	await page.keyboard.press('Enter')
	await ceri.getByRole('button', { name: 'Pin where it lies' }).focus()
	await page.keyboard.press('Enter')
	await expect.poll(async () => (await pinsOn()).map((p) => p.id)).toEqual([note])
	await pin.focus()
	await page.keyboard.press('Enter')
	await expect(panel).toContainText('It is pinned. Tap the map to move it there, or drag it.')
	await ceri.getByRole('button', { name: 'Unpin', exact: true }).focus()
	await page.keyboard.press('Enter')
	await expect(ceri.getByTestId('dock-0-typing')).toHaveText('Taken off the map.')
	await expect.poll(async () => (await pinsOn()).length).toBe(0)

	await laptop.context.close()
	await table.context.close()
})

test('cy: a seat at the top of the table pins its note where a finger taps the map, in Welsh', async ({ browser, request }) => {
	const room = await createRoom(request, 'Bwrdd y bae')
	const table = await tableWithMap(browser, room, 'cy')
	const { page, cdp } = table
	const dai = page.getByTestId('dock-1')
	const seats = await page.evaluate(() => window.cydWorkshop!().table!.seats)
	await tap(cdp, page, await centreOf(dai.getByRole('button', { name: say('cy', 'dock.newNote'), exact: true })))
	await tap(cdp, page, await centreOf(dai.getByRole('button', { name: 'b', exact: true })))
	const note = await page.evaluate(() => window.cydEditor!.getCurrentPageShapes().find((s) => s.type === 'note')!.id)
	await tap(cdp, page, await centreOf(dai.getByRole('button', { name: 'Pinio fy nodyn neu fy ngherdyn ar y map' })))
	await expect(dai.getByRole('group', { name: 'Pinio ar y map: Dai' })).toContainText('Tapiwch y map lle mae’n mynd.')
	const target = { x: 1400, y: 600 }
	const place = await placeAt(page, target)
	await tap(cdp, page, target)
	await expect(dai.getByTestId('dock-1-typing')).toHaveText('Wedi’i binio ar y map.')
	await expect.poll(async () => (await pinsOf(request, room.id, table.token)).map((p) => p.id)).toEqual([note])
	const pins = await pinsOf(request, room.id, table.token)
	expect(pins[0]!.author).toBe('Dai')
	expect(await authorOf(page, note)).toBe(seats[1]!.person)
	expect(metres(pins[0]!, place)).toBeLessThan(1)
	await table.context.close()
})

test('with a map, a pan or zoom far away on a laptop stays within the facilitator’s area and the tiles’ zooms', async ({ browser, request }) => {
	const room = await createRoom(request, 'Held to the bay')
	const ffion = await join(browser, room.url, 'Ffion')
	const token = await sessionOf(ffion.page, room.id)
	const bounds = [CENTRE.lon - 0.01, CENTRE.lat - 0.005, CENTRE.lon + 0.01, CENTRE.lat + 0.005]
	expect((await request.put(`/api/rooms/${room.id}/map`, { headers: { authorization: `Bearer ${token}` }, data: { centre: CENTRE, zoom: 17, bounds } })).status()).toBe(200)
	const nia = await join(browser, room.links.participant, 'Nia', { viewport: { width: 1100, height: 720 } })
	const page = nia.page
	await waitForMap(page)
	const view = () =>
		page.evaluate(() => {
			const map = window.cydMap as unknown as { getBounds(): { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number }; getZoom(): number }
			const b = map.getBounds()
			return { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth(), zoom: map.getZoom() }
		})
	const inside = async () => {
		const v = await view()
		const slack = 1e-6
		return v.west >= bounds[0]! - slack && v.south >= bounds[1]! - slack && v.east <= bounds[2]! + slack && v.north <= bounds[3]! + slack
	}
	// Zoomed in on the area, a pan a hundred screens away by the mouse wheel, and one by tldraw's camera, stop at its edge.
	await page.evaluate(() => {
		const editor = window.cydEditor!
		editor.setCamera({ ...editor.getCamera(), z: 1 })
	})
	await page.mouse.move(550, 400)
	for (let i = 0; i < 20; i++) await page.mouse.wheel(5000, 3000)
	await expect.poll(inside).toBe(true)
	const edge = await view()
	expect(edge.east).toBeCloseTo(bounds[2]!, 5)
	await page.evaluate(() => {
		const editor = window.cydEditor!
		const camera = editor.getCamera()
		editor.setCamera({ x: camera.x + 1e7, y: camera.y - 1e7, z: camera.z })
	})
	await expect.poll(inside).toBe(true)
	expect((await view()).west).toBeCloseTo(bounds[0]!, 5)
	// Zooming in a thousandfold stops at six zooms past the tiles' deepest (16): 22.
	await page.evaluate(() => {
		const editor = window.cydEditor!
		editor.setCamera({ ...editor.getCamera(), z: editor.getCamera().z * 1000 })
	})
	await expect.poll(async () => (await view()).zoom).toBeCloseTo(22, 3)
	expect(await inside()).toBe(true)
	// Zoomed far out, the area is in the middle of the screen, not lost.
	await page.evaluate(() => {
		const editor = window.cydEditor!
		editor.setCamera({ x: 1e7, y: 1e7, z: editor.getCamera().z / 1e6 })
	})
	const centre = await page.evaluate(() => {
		const { lng, lat } = (window.cydMap as unknown as { getCenter(): { lng: number; lat: number } }).getCenter()
		return { lon: lng, lat }
	})
	expect(metres(centre, CENTRE)).toBeLessThan(50)
	await nia.context.close()
	await ffion.context.close()
})

async function centreOf(locator: import('@playwright/test').Locator): Promise<Point> {
	const box = (await locator.boundingBox())!
	return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}
