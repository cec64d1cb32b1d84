/**
 * Cyd on a phone (393x851, touch), in English and Welsh, under real fingers (the DevTools protocol's
 * touch events): a swipe on the blueprint pans and moves nothing for anyone, one finger pans the empty
 * board while cards move after a long press or once selected, the room opens fitted to the board (a
 * reload too), "bring everyone to my view" shows the same area on every screen, the header, banner and
 * panels leave the board the screen with adding a card first, the join page starts with the name and
 * Join, the hints say "tap", a card is voted for by tapping it and everyone sees the ranked results,
 * and text typed into a new card survives tapping away, every time.
 */
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test'
import type { Language } from '../apps/web/src/i18n/catalog'
import { LAPTOP, PHONE, say, sessionOf } from './fixtures'

type Lang = Language



interface Point {
	x: number
	y: number
}
interface Box {
	x: number
	y: number
	w: number
	h: number
}
interface Person {
	context: BrowserContext
	page: Page
}

/** The part of tldraw's Editor these tests use, beyond what the shared fixtures declare. */
interface ShapeRecord {
	id: string
	type: string
	x: number
	y: number
	parentId: string
	props: Record<string, unknown>
}
interface PhoneEditor {
	getCurrentPageShapes(): ShapeRecord[]
	getShape(id: string): ShapeRecord | undefined
	getSortedChildIdsForParent(id: string): string[]
	getShapeUtil(shape: ShapeRecord): { getText(shape: ShapeRecord): string | undefined }
	getCamera(): { x: number; y: number; z: number }
	getViewportPageBounds(): Box
	getCurrentPageBounds(): Box | undefined
	getShapePageBounds(id: string | ShapeRecord): Box | undefined
	pageToViewport(point: Point): Point
	screenToPage(point: Point): Point
	getContainer(): HTMLElement
	getShapeAtPoint(point: Point, opts: { hitInside?: boolean; margin?: number }): ShapeRecord | undefined
	isPointInShape(shape: ShapeRecord, point: Point, opts: { hitInside?: boolean; margin?: number }): boolean
	getSelectedShapeIds(): string[]
	getEditingShapeId(): string | null
	select(id: string): void
	createShape(shape: { type: string; x: number; y: number }): void
	updateShape(partial: { id: string; type: string; x?: number; props?: Record<string, unknown> }): void
	deleteShapes(ids: string[]): void
	zoomToFit(opts: { animation: { duration: number } }): void
	zoomToBounds(box: Box, opts: { animation: { duration: number } }): void
}

async function createRoomIn(request: APIRequestContext, lang: Lang, title: string): Promise<{ id: string; links: { facilitator: string; participant: string } }> {
	const res = await request.post('/api/rooms', { data: { title, language: lang } })
	expect(res.status()).toBe(201)
	return res.json()
}

/** A new device opens a join link and joins as `name`, in the room's language. */
async function joinIn(browser: Browser, lang: Lang, url: string, name: string, options: object = PHONE): Promise<Person> {
	const context = await browser.newContext(options)
	const page = await context.newPage()
	page.on('pageerror', (error) => console.log(`[${name}] page error: ${error.message}`))
	await page.goto(url)
	await page.getByLabel(say(lang, 'join.name')).fill(name)
	const join = page.getByRole('button', { name: say(lang, 'join.submit'), exact: true })
	// A finger taps where a mouse clicks: tldraw tells the two apart.
	await ('hasTouch' in options ? join.tap() : join.click())
	await expect(page.locator('.tl-canvas')).toBeVisible()
	await expect.poll(() => page.evaluate(() => Boolean(window.cydEditor))).toBe(true)
	await expect(page.getByTestId('save-status')).toHaveText(say(lang, 'status.saved'))
	return { context, page }
}

/** A room with a worked sample blueprint, made by its facilitator (Sian) on a laptop. */
async function roomWithJourney(browser: Browser, request: APIRequestContext, lang: Lang) {
	const room = await createRoomIn(request, lang, lang === 'cy' ? 'Atgyweirio tai' : 'Housing repairs')
	const sian = await joinIn(browser, lang, room.links.facilitator, 'Sian (facilitator)', LAPTOP)
	const f = sian.page
	await f.getByRole('button', { name: say(lang, 'journey.open'), exact: true }).click()
	const panel = f.getByRole('complementary', { name: say(lang, 'journey.heading') })
	await panel.getByLabel(say(lang, 'journey.startFrom')).selectOption('housing-repair')
	await panel.getByRole('button', { name: say(lang, 'journey.add') }).click()
	await expect.poll(() => shapes(f).then((s) => s.filter((x) => x.type === 'cyd-card').length)).toBeGreaterThan(10)
	return { room, sian }
}

/** Every shape's place, as this screen has it. */
function shapes(page: Page): Promise<{ id: string; type: string; x: number; y: number; parentId: string; text: string }[]> {
	return page.evaluate(() => {
		const editor = (window.cydEditor as unknown as PhoneEditor)
		const all = editor.getCurrentPageShapes().map((s) => ({
			id: s.id,
			type: s.type,
			x: Math.round(s.x * 100) / 100,
			y: Math.round(s.y * 100) / 100,
			parentId: s.parentId,
			text: editor.getShapeUtil(s).getText(s) ?? '',
		}))
		return all.sort((a, b) => (a.id < b.id ? -1 : 1))
	})
}

const camera = (page: Page) => page.evaluate(() => (window.cydEditor as unknown as PhoneEditor).getCamera())

/** What part of the page this screen shows. */
const viewport = (page: Page): Promise<Box> =>
	page.evaluate(() => {
		const b = (window.cydEditor as unknown as PhoneEditor).getViewportPageBounds()
		return { x: b.x, y: b.y, w: b.w, h: b.h }
	})

/** A shape's page bounds on screen (viewport pixels of the page). */
function onScreen(page: Page, id: string): Promise<Box> {
	return page.evaluate((shapeId) => {
		const editor = (window.cydEditor as unknown as PhoneEditor)
		const b = editor.getShapePageBounds(shapeId)!
		const r = editor.getContainer().getBoundingClientRect()
		const a = editor.pageToViewport({ x: b.x, y: b.y })
		const z = editor.getCamera().z
		return { x: a.x + r.left, y: a.y + r.top, w: b.w * z, h: b.h * z }
	}, id)
}

/** A point of the canvas, away from tldraw's menus and toolbar, where nothing is under the finger. */
function emptyPoint(page: Page): Promise<Point> {
	return page.evaluate(() => {
		const editor = (window.cydEditor as unknown as PhoneEditor)
		const r = editor.getContainer().getBoundingClientRect()
		for (let y = r.top + 80; y < r.bottom - 120; y += 12) {
			for (let x = r.left + 12; x < r.right - 12; x += 12) {
				const page = editor.screenToPage({ x, y })
				if (!editor.getShapeAtPoint(page, { hitInside: true, margin: 16 })) return { x, y }
			}
		}
		throw new Error('no empty point on the screen')
	})
}

const contains = (outer: Box, inner: Box, slack = 2) =>
	inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.w <= outer.x + outer.w + slack && inner.y + inner.h <= outer.y + outer.h + slack

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

/** Fingers through the DevTools protocol. */
function fingers(cdp: CDPSession) {
	const send = (type: 'touchStart' | 'touchMove' | 'touchEnd', at?: Point) =>
		cdp.send('Input.dispatchTouchEvent', { type, touchPoints: at ? [{ x: at.x, y: at.y, id: 0, radiusX: 4, radiusY: 4, force: 1 }] : [] })
	return {
		async tap(at: Point) {
			await send('touchStart', at)
			await send('touchEnd')
		},
		/** One finger down at `from`, along to `to` in steps, and up. */
		async swipe(from: Point, to: Point, steps = 10) {
			await send('touchStart', from)
			for (let i = 1; i <= steps; i++) await send('touchMove', { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps })
			await send('touchEnd')
		},
		/**
		 * A long press and then a drag: held still, but for the tremble of a real finger (which keeps
		 * the browser's own long-press menu away), until tldraw picks the card up; then moved.
		 */
		async pressAndDrag(page: Page, from: Point, to: Point, steps = 10) {
			await send('touchStart', from)
			await send('touchMove', { x: from.x + 2, y: from.y + 1 })
			await send('touchMove', { x: from.x + 3, y: from.y })
			await expect.poll(() => page.evaluate(() => (window.cydEditor as unknown as { getPath(): string }).getPath()), { timeout: 3000 }).toBe('select.translating')
			for (let i = 1; i <= steps; i++) await send('touchMove', { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps })
			await send('touchEnd')
		},
	}
}

/** Two frames later: whatever a touch set off has happened. */
const settled = (page: Page) => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))))

/** The facilitator's API, with their session. */
async function asFacilitator(page: Page, room: string, path: string, data: object) {
	const res = await page.request.post(`/api/rooms/${room}/${path}`, { data, headers: { authorization: `Bearer ${await sessionOf(page, room)}` } })
	expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBe(true)
}

const blueprintOf = async (page: Page) => (await shapes(page)).find((s) => s.type === 'cyd-blueprint')!

for (const lang of ['en', 'cy'] as const) {
	test.describe(`on a phone (${lang})`, () => {
		test('a one-finger swipe across the blueprint pans the view and moves nothing, for anyone', async ({ browser, request }) => {
			const { room, sian } = await roomWithJourney(browser, request, lang)
			const nia = await joinIn(browser, lang, room.links.participant, 'Nia')
			const sianOnPhone = await joinIn(browser, lang, room.links.facilitator, 'Sian ar ei ffôn')
			const before = await shapes(sian.page)
			for (const person of [nia, sianOnPhone]) {
				const page = person.page
				const touch = fingers(await person.context.newCDPSession(page))
				const bp = await onScreen(page, (await blueprintOf(page)).id)
				// From the lane names down the blueprint's left side, across the cards to the right.
				const from = { x: bp.x + Math.min(bp.w * 0.06, 30), y: Math.min(bp.y + bp.h * 0.5, 560) }
				const was = await camera(page)
				await touch.swipe(from, { x: from.x + 150, y: from.y - 120 })
				await settled(page)
				const now = await camera(page)
				expect(Math.abs((now.x - was.x) * now.z - 150), 'the view followed the finger').toBeLessThan(8)
				expect(Math.abs((now.y - was.y) * now.z + 120), 'the view followed the finger').toBeLessThan(8)
				expect(await page.evaluate(() => (window.cydEditor as unknown as PhoneEditor).getSelectedShapeIds().length)).toBe(0)
			}
			// Nothing moved, on any screen.
			for (const page of [sian.page, nia.page, sianOnPhone.page]) await expect.poll(() => shapes(page)).toEqual(before)

			// A participant cannot move, rename or delete the structure by any other way either.
			const bpId = (await blueprintOf(nia.page)).id
			await nia.page.evaluate((id) => {
				const editor = (window.cydEditor as unknown as PhoneEditor)
				editor.select(id)
				editor.updateShape({ id, type: 'cyd-blueprint', x: 900, props: { title: 'Mine now' } })
				editor.deleteShapes([id])
			}, bpId)
			expect(await nia.page.evaluate(() => (window.cydEditor as unknown as PhoneEditor).getSelectedShapeIds().length)).toBe(0)
			await settled(nia.page)
			for (const page of [sian.page, nia.page]) await expect.poll(() => shapes(page)).toEqual(before)
			await nia.page.locator('.room-tools-toggle').tap()
			await nia.page.getByRole('button', { name: say(lang, 'journey.open'), exact: true }).tap()
			const panel = nia.page.getByRole('complementary', { name: say(lang, 'journey.heading') })
			await expect(panel.getByText(say(lang, 'journey.structureLocked'))).toBeVisible()
			await expect(panel.getByLabel(say(lang, 'journey.stageName', { n: 1 }))).toBeDisabled()
			await expect(panel.getByRole('button', { name: say(lang, 'journey.addStage'), includeHidden: true })).toBeDisabled()
			// The facilitator still can.
			await expect(sian.page.getByRole('complementary', { name: say(lang, 'journey.heading') }).getByLabel(say(lang, 'journey.stageName', { n: 1 }))).toBeEnabled()
			await nia.page.screenshot({ path: test.info().outputPath(`phone-structure-${lang}.png`) })
			// Once the facilitator opens the structure to everyone, it is Nia's to change too.
			await sian.page.getByRole('button', { name: say(lang, 'panel.open'), exact: true }).click()
			// (The box follows the workshop state, so it shows ticked once the server has opened it.)
			const open = sian.page.getByRole('checkbox', { name: say(lang, 'panel.structureOpen') })
			await open.click()
			await expect(open).toBeChecked()
			await expect(panel.getByLabel(say(lang, 'journey.stageName', { n: 1 }))).toBeEnabled()
			await expect(panel.getByText(say(lang, 'journey.structureLocked'))).toHaveCount(0)
			for (const p of [sian, nia, sianOnPhone]) await p.context.close()
		})

		test('one finger pans the empty board; a card moves after a long press or once selected', async ({ browser, request }) => {
			const { room, sian } = await roomWithJourney(browser, request, lang)
			const nia = await joinIn(browser, lang, room.links.participant, 'Nia')
			const page = nia.page
			const touch = fingers(await nia.context.newCDPSession(page))
			// A note beside the blueprint, to be selected and moved.
			const noteId = await page.evaluate(() => {
				const editor = (window.cydEditor as unknown as PhoneEditor)
				const b = editor.getCurrentPageBounds()!
				editor.createShape({ type: 'note', x: b.x + b.w + 80, y: b.y })
				return editor.getCurrentPageShapes().find((s) => s.type === 'note')!.id
			})
			await page.evaluate(() => void (window.cydEditor as unknown as PhoneEditor).zoomToFit({ animation: { duration: 0 } }))
			await settled(page)
			const before = await shapes(page)

			// The empty board pans under one finger: no selection box, nothing moves.
			const from = await emptyPoint(page)
			const was = await camera(page)
			await touch.swipe(from, { x: from.x + 60, y: from.y + 90 })
			await settled(page)
			const now = await camera(page)
			expect(Math.abs((now.x - was.x) * now.z - 60), 'the board followed the finger').toBeLessThan(8)
			expect(Math.abs((now.y - was.y) * now.z - 90), 'the board followed the finger').toBeLessThan(8)
			expect(await shapes(page)).toEqual(before)

			// A quick swipe that starts on a card pans too: the card stays in its cell.
			// A card of the first stage, so that a column to the right is the next stage.
			const card = await page.evaluate(() => {
				const editor = window.cydEditor as unknown as PhoneEditor
				const bp = editor.getCurrentPageShapes().find((s) => s.type === 'cyd-blueprint')!
				const first = (bp.props.stages as { id: string }[])[0]!.id
				return editor.getCurrentPageShapes().find((s) => s.type === 'cyd-card' && s.props.stage === first)!
			})
			const cardBox = await onScreen(page, card.id)
			await touch.swipe({ x: cardBox.x + cardBox.w / 2, y: cardBox.y + cardBox.h / 2 }, { x: cardBox.x + cardBox.w / 2 - 70, y: cardBox.y + cardBox.h / 2 + 40 })
			await settled(page)
			expect(await shapes(page)).toEqual(before)

			// A long press picks the card up: dragged a column to the right, it joins the next stage's cell.
			const stageOf = (id: string, on = page) => on.evaluate((cardId) => (window.cydEditor as unknown as PhoneEditor).getShape(cardId)!.props.stage as string, id)
			const stageBefore = await stageOf(card.id)
			const box = await onScreen(page, card.id)
			const centre = { x: box.x + box.w / 2, y: box.y + box.h / 2 }
			await touch.pressAndDrag(page, centre, { x: centre.x + box.w * 1.15, y: centre.y })
			for (const on of [page, sian.page]) await expect.poll(() => stageOf(card.id, on)).not.toBe(stageBefore)

			// Once selected (a tap), the note moves under one finger.
			const note = await onScreen(page, noteId)
			const noteAt = { x: note.x + note.w / 2, y: note.y + note.h / 2 }
			await touch.tap(noteAt)
			await expect.poll(() => page.evaluate(() => (window.cydEditor as unknown as PhoneEditor).getSelectedShapeIds())).toEqual([noteId])
			await page.waitForTimeout(500) // past tldraw's double-tap time, so the next touch is a drag, not a double tap
			const noteBefore = (await shapes(page)).find((s) => s.id === noteId)!
			await touch.swipe(noteAt, { x: noteAt.x - 40, y: noteAt.y + 60 })
			await expect.poll(async () => (await shapes(sian.page)).find((s) => s.id === noteId)!.y).toBeGreaterThan(noteBefore.y + 20)
			for (const p of [sian, nia]) await p.context.close()
		})

		test('the room opens fitted to the whole board, and a reload does too', async ({ browser, request }) => {
			const { room, sian } = await roomWithJourney(browser, request, lang)
			const nia = await joinIn(browser, lang, room.links.participant, 'Nia')
			const board = await nia.page.evaluate(() => {
				const b = (window.cydEditor as unknown as PhoneEditor).getCurrentPageBounds()!
				return { x: b.x, y: b.y, w: b.w, h: b.h }
			})
			await expect.poll(() => viewport(nia.page).then((v) => contains(v, board))).toBe(true)
			// Fitted, not lost in the middle: the board fills the screen's width or height.
			const v = await viewport(nia.page)
			expect(Math.max(board.w / v.w, board.h / v.h)).toBeGreaterThan(0.6)
			await nia.page.screenshot({ path: test.info().outputPath(`phone-opened-${lang}.png`) })
			await nia.page.reload()
			await expect(nia.page.getByTestId('save-status')).toHaveText(say(lang, 'status.saved'))
			await expect.poll(() => viewport(nia.page).then((v) => contains(v, board))).toBe(true)
			for (const p of [sian, nia]) await p.context.close()
		})

		test('“bring everyone to my view” shows a phone the same area as the laptop', async ({ browser, request }) => {
			const { room, sian } = await roomWithJourney(browser, request, lang)
			const nia = await joinIn(browser, lang, room.links.participant, 'Nia')
			const f = sian.page
			await f.getByRole('button', { name: say(lang, 'panel.open'), exact: true }).click()
			const card = (await shapes(f)).find((s) => s.type === 'cyd-card')!
			await f.evaluate((id) => {
				const editor = (window.cydEditor as unknown as PhoneEditor)
				const b = editor.getShapePageBounds(id)!
				editor.zoomToBounds({ x: b.x - 200, y: b.y - 100, w: b.w + 500, h: b.h + 300 }, { animation: { duration: 0 } })
			}, card.id)
			const area = await viewport(f)
			await f.getByRole('button', { name: say(lang, 'panel.summon') }).click()
			await expect(nia.page.getByTestId('announcer')).toHaveText(say(lang, 'announce.summon'))
			// The phone's camera glides there: once it stops, it shows all of the laptop's area and no more
			// than it needs (the area fills the phone's width or its height).
			const fits = (seen: Box) => contains(seen, area, 4) && Math.max(area.w / seen.w, area.h / seen.h) > 0.95
			await expect.poll(() => viewport(nia.page).then(fits), { message: 'the phone shows the laptop’s area, fitted' }).toBe(true)
			const seen = await viewport(nia.page)
			expect(contains(seen, area, 4)).toBe(true)
			expect(Math.max(area.w / seen.w, area.h / seen.h)).toBeGreaterThan(0.95)
			for (const p of [sian, nia]) await p.context.close()
		})

		test('the header, the lock banner and the panels leave the board the screen; adding a card comes first', async ({ browser, request }) => {
			const { room, sian } = await roomWithJourney(browser, request, lang)
			await asFacilitator(sian.page, room.id, 'lock', { locked: true })
			const nia = await joinIn(browser, lang, room.links.participant, 'Nia')
			const page = nia.page
			await expect(page.getByTestId('view-only')).toHaveText(say(lang, 'readonly.locked'))
			const header = (await page.locator('.room-header').boundingBox())!
			const banners = (await page.locator('.banners').boundingBox())!
			expect(header.height + banners.height, 'header and banner together').toBeLessThanOrEqual(112)
			await page.screenshot({ path: test.info().outputPath(`phone-locked-${lang}.png`) })
			await asFacilitator(sian.page, room.id, 'lock', { locked: false })
			await expect(page.getByTestId('view-only')).toBeHidden()

			await page.locator('.room-tools-toggle').tap()
			await page.getByRole('button', { name: say(lang, 'journey.open'), exact: true }).tap()
			const panel = page.getByRole('complementary', { name: say(lang, 'journey.heading') })
			await expect(panel).toBeVisible()
			// The board keeps at least two fifths of the screen, the menu folded away again.
			await expect(page.locator('#room-tools')).toBeHidden()
			const canvas = (await page.locator('.tl-canvas').boundingBox())!
			expect(canvas.width).toBeGreaterThanOrEqual(390)
			expect(canvas.height).toBeGreaterThanOrEqual(851 * 0.4)
			// Adding a card is the first thing in the panel, in sight without scrolling.
			await expect(panel.getByLabel(say(lang, 'journey.text'))).toBeInViewport({ ratio: 1 })
			await expect(panel.getByRole('button', { name: say(lang, 'journey.addCard') })).toBeInViewport({ ratio: 1 })
			const cardText = (await panel.getByLabel(say(lang, 'journey.text')).boundingBox())!
			const stages = (await panel.getByText(say(lang, 'journey.stages'), { exact: true }).boundingBox())!
			expect(cardText.y).toBeLessThan(stages.y)
			await page.screenshot({ path: test.info().outputPath(`phone-journey-panel-${lang}.png`) })
			for (const p of [sian, nia]) await p.context.close()
		})

		test('the join page shows the name and Join first', async ({ browser, request }) => {
			const room = await createRoomIn(request, lang, 'Llyfrgell')
			const context = await browser.newContext(PHONE)
			const page = await context.newPage()
			await page.goto(room.links.participant)
			await expect(page.getByLabel(say(lang, 'join.name'))).toBeInViewport({ ratio: 1 })
			await expect(page.getByRole('button', { name: say(lang, 'join.submit'), exact: true })).toBeInViewport({ ratio: 1 })
			await expect(page.getByText(say(lang, 'join.privacy.short'))).toBeVisible()
			await page.screenshot({ path: test.info().outputPath(`phone-join-${lang}.png`) })
			// The choices are still there for those who want them: why I am here, and how the board looks.
			await expect(page.getByLabel(say(lang, 'display.largerText'))).toBeAttached()
			await page.getByLabel(say(lang, 'join.affiliation.resident')).tap()
			await expect(page.getByLabel(say(lang, 'join.affiliation.resident'))).toBeChecked()
			await page.getByLabel(say(lang, 'join.name')).fill('Gwen')
			await page.getByRole('button', { name: say(lang, 'join.submit'), exact: true }).tap()
			await expect(page.getByTestId('save-status')).toHaveText(say(lang, 'status.saved'))
			await context.close()
		})

		test('the hints say “tap” on a phone and “double-click” on a laptop', async ({ browser, request }) => {
			const { room, sian } = await roomWithJourney(browser, request, lang)
			// An empty card, made by the facilitator.
			await sian.page.evaluate(() => {
				const editor = (window.cydEditor as unknown as PhoneEditor)
				const card = editor.getCurrentPageShapes().find((s) => s.type === 'cyd-card')!
				editor.updateShape({ id: card.id, type: 'cyd-card', props: { text: '' } })
			})
			const nia = await joinIn(browser, lang, room.links.participant, 'Nia')
			await expect(nia.page.locator('.cyd-card-empty')).toHaveText(say(lang, 'journey.emptyCardTouch'))
			await expect(sian.page.locator('.cyd-card-empty')).toHaveText(say(lang, 'journey.emptyCard'))
			for (const p of [sian, nia]) await p.context.close()
		})

		test('a card is voted for by tapping it; the badge stays in sight; everyone sees the ranked results', async ({ browser, request }) => {
			const { room, sian } = await roomWithJourney(browser, request, lang)
			const nia = await joinIn(browser, lang, room.links.participant, 'Nia')
			const page = nia.page
			const touch = fingers(await nia.context.newCDPSession(page))
			await asFacilitator(sian.page, room.id, 'rounds', { votesPerPerson: 3 })
			const bar = page.locator('.vote-bar')
			await expect(bar).toContainText(say(lang, 'vote.tapCard'))
			await expect(page.getByTestId('votes-left')).toHaveText(say(lang, 'vote.remaining', { remaining: 3, total: 3 }))

			const cards = (await shapes(page)).filter((s) => s.type === 'cyd-card')
			const [first, second] = [cards[0]!, cards[3]!]
			const tapCard = async (id: string) => {
				const box = await onScreen(page, id)
				await touch.tap({ x: box.x + box.w / 2, y: box.y + box.h / 2 })
			}
			await tapCard(first.id)
			await expect(page.getByTestId('votes-left')).toHaveText(say(lang, 'vote.remaining', { remaining: 2, total: 3 }))
			await page.waitForTimeout(1000) // well past tldraw's double-tap time, also on a loaded machine: the next tap is a tap of its own
			await tapCard(first.id)
			await expect(page.getByTestId('votes-left')).toHaveText(say(lang, 'vote.remaining', { remaining: 1, total: 3 }))
			await page.waitForTimeout(1000) // again: a quick tap elsewhere would be tldraw's double tap, whatever the card
			await tapCard(second.id)
			await expect(page.getByTestId('votes-left')).toHaveText(say(lang, 'vote.remaining', { remaining: 0, total: 3 }))
			// My badge on the card is on the board, in sight, and nothing of the vote box covers it.
			const badge = page.locator(`[data-testid="my-vote-badge"][data-shape-id="${first.id}"]`)
			await expect(badge).toHaveText(say(lang, 'vote.mine', { count: 2 }))
			const b = (await badge.boundingBox())!
			const barBox = (await bar.boundingBox())!
			const canvas = (await page.locator('.tl-canvas').boundingBox())!
			expect(overlap({ x: b.x, y: b.y, w: b.width, h: b.height }, { x: barBox.x, y: barBox.y, w: barBox.width, h: barBox.height })).toBe(false)
			expect(contains({ x: canvas.x, y: canvas.y, w: canvas.width, h: canvas.height }, { x: b.x, y: b.y, w: b.width, h: b.height })).toBe(true)
			await page.screenshot({ path: test.info().outputPath(`phone-voting-${lang}.png`) })

			await asFacilitator(sian.page, room.id, 'rounds/close', {})
			// Everyone sees the ranked results at once, without opening anything.
			for (const p of [page, sian.page]) {
				const results = p.locator('.vote-bar').getByTestId('results')
				await expect(results).toBeVisible()
				await expect(results.locator('li').first()).toContainText(say(lang, 'vote.count', { count: 2 }))
				await expect(results.locator('li').first()).toContainText(first.text.slice(0, 20))
				await expect(results.locator('li').nth(1)).toContainText(second.text.slice(0, 20))
			}
			await page.screenshot({ path: test.info().outputPath(`phone-results-${lang}.png`) })
			for (const p of [sian, nia]) await p.context.close()
		})
	})
}

/**
 * Two ways of writing a new card, 50 rounds each, each ended by a tap on the empty board: in the card
 * itself, the last word still being composed by the phone's keyboard; and in the journey panel's text
 * box, which the tap away deselects the card under (and unmounts) before the box could lose focus.
 */
test('text typed into a new card and tapped away from is never lost (100 rounds, on a phone)', async ({ browser, request }) => {
	// A hundred rounds of real taps and typing: on a slow machine they take longer than one test's usual 90 s.
	test.setTimeout(300_000)
	const lang = 'cy'
	const { room, sian } = await roomWithJourney(browser, request, lang)
	const nia = await joinIn(browser, lang, room.links.participant, 'Nia')
	const page = nia.page
	const cdp = await nia.context.newCDPSession(page)
	const touch = fingers(cdp)
	await page.locator('.room-tools-toggle').tap()
	await page.getByRole('button', { name: say(lang, 'journey.open'), exact: true }).tap()
	const panelText = page.getByRole('complementary', { name: say(lang, 'journey.heading') }).getByLabel(say(lang, 'journey.text'))
	await expect(panelText).toBeVisible()
	// Zoomed in on an empty cell of the first stage, with the empty board beside it, in what the panel leaves of the board.
	const { cell, away } = await page.evaluate(() => {
		const editor = window.cydEditor as unknown as PhoneEditor
		const bp = editor.getCurrentPageShapes().find((s) => s.type === 'cyd-blueprint')!
		const cards = editor.getSortedChildIdsForParent(bp.id).map((c) => editor.getShape(c)!)
		const b = editor.getShapePageBounds(bp)!
		for (let y = b.y + 240; y < b.y + b.h - 40; y += 8) {
			const p = { x: b.x + 176 + 60, y }
			if (cards.some((c) => editor.isPointInShape(c, p, { hitInside: true, margin: 24 }))) continue
			editor.zoomToBounds({ x: p.x - 330, y: p.y - 150, w: 500, h: 300 }, { animation: { duration: 0 } })
			const r = editor.getContainer().getBoundingClientRect()
			const toScreen = (q: Point) => {
				const v = editor.pageToViewport(q)
				return { x: v.x + r.left, y: v.y + r.top }
			}
			return { cell: toScreen(p), away: toScreen({ x: b.x - 120, y: p.y }) }
		}
		throw new Error('no empty cell')
	})
	await settled(page)
	const cardTexts = () => page.evaluate(() => (window.cydEditor as unknown as PhoneEditor).getCurrentPageShapes().filter((s) => s.type === 'cyd-card').map((s) => s.props.text as string))
	const before = (await cardTexts()).length
	/** Polls every frame or so: a hundred rounds add up. */
	const QUICK = { intervals: [16] }
	for (let round = 0; round < 100; round++) {
		const words = `Syniad ${round} am y gwasanaeth`
		await touch.tap(cell)
		await touch.tap(cell)
		await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('cyd-card-input') ?? false), QUICK).toBe(true)
		if (round % 2 === 0) {
			// Typed as a phone's keyboard types: words committed, the last one still being composed.
			await cdp.send('Input.insertText', { text: words })
			await cdp.send('Input.imeSetComposition', { text: ' rhif', selectionStart: 5, selectionEnd: 5 })
		} else {
			// The new card is selected: its words typed in the panel's box instead.
			await panelText.tap()
			await expect(panelText).toBeFocused()
			await cdp.send('Input.insertText', { text: `${words} rhif` })
		}
		await touch.tap(away)
		await expect.poll(() => page.evaluate(() => (window.cydEditor as unknown as PhoneEditor).getEditingShapeId()), QUICK).toBeNull()
		await expect.poll(() => cardTexts(), { ...QUICK, message: `round ${round}`, timeout: 2000 }).toContain(`${words} rhif`)
		// Take the card away again, so the next round starts from the same empty cell.
		await page.evaluate((text) => {
			const editor = window.cydEditor as unknown as PhoneEditor
			const card = editor.getCurrentPageShapes().find((s) => s.type === 'cyd-card' && s.props.text === text)!
			editor.deleteShapes([card.id])
		}, `${words} rhif`)
	}
	expect((await cardTexts()).length).toBe(before)
	for (const p of [sian, nia]) await p.context.close()
})
