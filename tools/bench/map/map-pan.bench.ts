/**
 * Frames per second while the board pans with 500 pinned notes, over the neighbourhood map (MapLibre,
 * vector tiles from the server's PMTiles archive, software WebGL) and on the same board without a map.
 * The camera moves 6 page units a frame for `WINDOW_MS`; frame times are requestAnimationFrame deltas.
 */
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { writePmtilesFixture } from '../../../apps/server/test/pmtiles-fixture'

const CENTRE = { lon: -3.1631, lat: 51.4637 }
const PINS = 500
const WINDOW_MS = 5000

test.beforeAll(() => {
	writePmtilesFixture(join(process.env.CYD_MAP_BENCH_DIR!, 'map.pmtiles'), { centre: CENTRE, maxZoom: 16 })
})

interface Editor {
	createShapes(shapes: unknown[]): unknown
	getCamera(): { x: number; y: number; z: number }
	setCamera(camera: { x: number; y: number; z: number }): unknown
	zoomToFit(options?: unknown): unknown
}

async function board(page: Page, title: string, withMap: boolean, pinned: boolean): Promise<void> {
	const res = await page.request.post('/api/rooms', { data: { title, language: 'en' } })
	const room = (await res.json()) as { id: string; url: string }
	await page.goto(room.url)
	await page.getByLabel('Your name').fill('Bench')
	await page.getByRole('button', { name: 'Join' }).click()
	await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { cydEditor?: Editor }).cydEditor))).toBe(true)
	const session = await page.evaluate((id) => (JSON.parse(localStorage.getItem(`cyd.session.${id}`) ?? '{}') as { session: string }).session, room.id)
	if (withMap) {
		const set = await page.request.put(`/api/rooms/${room.id}/map`, { headers: { authorization: `Bearer ${session}` }, data: { centre: CENTRE, zoom: 16 } })
		expect(set.status()).toBe(200)
		await expect(page.getByTestId('map-layer')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 })
	}
	// 500 notes in a 25 x 20 grid, 260 page units apart, each pinned (with no map, the pin is only a mark in its record).
	await page.evaluate(({ count, pinned }) => {
		const editor = (window as unknown as { cydEditor: Editor }).cydEditor
		const shapes = Array.from({ length: count }, (_, i) => ({
			type: 'note',
			x: (i % 25) * 260 - 3250,
			y: Math.floor(i / 25) * 260 - 2600,
			meta: pinned ? { pin: { place: '' } } : {},
		}))
		for (let i = 0; i < shapes.length; i += 100) editor.createShapes(shapes.slice(i, i + 100))
		editor.setCamera({ x: 640, y: 400, z: 0.5 })
	}, { count: PINS, pinned })
	await expect(page.getByTestId('save-status')).toHaveText('Saved', { timeout: 60_000 })
}

/** Pans for the window; answers frames per second and frame-time percentiles. */
function pan(page: Page) {
	return page.evaluate(
		(windowMs) =>
			new Promise<{ fps: number; p50: number; p95: number; max: number }>((resolve) => {
				const editor = (window as unknown as { cydEditor: Editor }).cydEditor
				const times: number[] = []
				let start = 0
				let last = 0
				const frame = (now: number) => {
					if (start === 0) start = last = now
					else times.push(now - last)
					last = now
					const camera = editor.getCamera()
					editor.setCamera({ ...camera, x: camera.x - 6 })
					if (now - start < windowMs) requestAnimationFrame(frame)
					else {
						const sorted = [...times].sort((a, b) => a - b)
						const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
						resolve({ fps: (times.length * 1000) / (now - start), p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! })
					}
				}
				requestAnimationFrame(frame)
			}),
		WINDOW_MS,
	)
}

test('panning 500 pinned notes, with the map and without it', async ({ browser }) => {
	const rows: string[] = []
	for (const [name, withMap, pinned] of [
		['board only, no map', false, true],
		['over the map, notes pinned', true, true],
		['over the map, notes not pinned', true, false],
	] as const) {
		const context = await browser.newContext()
		const page = await context.newPage()
		await board(page, name, withMap, pinned)
		await pan(page) // warm-up
		const r = await pan(page)
		rows.push(`| ${name} | ${PINS} | ${r.fps.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} |`)
		await context.close()
	}
	console.log(['| board | notes | frames/s | frame p50 ms | frame p95 ms | frame max ms |', '| --- | ---: | ---: | ---: | ---: | ---: |', ...rows].join('\n'))
})
