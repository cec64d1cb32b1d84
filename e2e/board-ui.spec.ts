/**
 * What every screen shows of the board (a laptop at 1280x800, a phone at 393x851), in English and Welsh:
 * tldraw's style panel never covers the board's content, a card's badges never cover its words, Welsh
 * labels are not cut short, a person's initials are letters, and an empty board says what to do next.
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test'
import type { Language } from '../apps/web/src/i18n/catalog'
import { LAPTOP, PHONE, say, sessionOf } from './fixtures'

type Lang = Language



interface Rect {
	x: number
	y: number
	width: number
	height: number
}
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5

interface ShapeRecord {
	id: string
	type: string
	props: Record<string, unknown>
}
interface BoardEditor {
	getCurrentPageShapes(): ShapeRecord[]
	getShapePageBounds(id: string): { x: number; y: number; w: number; h: number } | undefined
	setCamera(camera: { x: number; y: number; z: number }): void
	select(id: string): void
	setCurrentTool(id: string): void
	createShape(shape: { type: string; x: number; y: number }): void
}

async function createRoomIn(request: APIRequestContext, lang: Lang, title: string): Promise<{ id: string; links: Record<'facilitator' | 'participant' | 'observer', string> }> {
	const res = await request.post('/api/rooms', { data: { title, language: lang } })
	expect(res.status()).toBe(201)
	return res.json()
}

async function joinIn(browser: Browser, lang: Lang, url: string, name: string, options: object = LAPTOP) {
	const context = await browser.newContext(options)
	const page = await context.newPage()
	await page.goto(url)
	await page.getByLabel(say(lang, 'join.name')).fill(name)
	const join = page.getByRole('button', { name: say(lang, 'join.submit'), exact: true })
	await ('hasTouch' in options ? join.tap() : join.click())
	await expect.poll(() => page.evaluate(() => Boolean(window.cydEditor))).toBe(true)
	await expect(page.getByTestId('save-status')).toHaveText(say(lang, 'status.saved'))
	return { context, page }
}

/** The facilitator (Sian) adds the worked sample blueprint from the journey panel. */
async function addSample(page: Page, lang: Lang) {
	await page.getByRole('button', { name: say(lang, 'journey.open'), exact: true }).click()
	const panel = page.getByRole('complementary', { name: say(lang, 'journey.heading') })
	await panel.getByLabel(say(lang, 'journey.startFrom')).selectOption('housing-repair')
	await panel.getByRole('button', { name: say(lang, 'journey.add') }).click()
	await expect(page.locator('.cyd-card')).not.toHaveCount(0)
	await panel.getByRole('button', { name: say(lang, 'journey.close') }).click()
}

async function api(page: Page, room: string, path: string, data: object) {
	const res = await page.request.post(`/api/rooms/${room}/${path}`, { data, headers: { authorization: `Bearer ${await sessionOf(page, room)}` } })
	expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBe(true)
}

const rects = (page: Page, selector: string): Promise<Rect[]> =>
	page.locator(selector).evaluateAll((elements) =>
		elements.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height }))
	)

/** Whether any badge covers any card's kind, channel or words, as this screen shows them now. */
async function badgesOverWords(page: Page): Promise<string[]> {
	const badges = await rects(page, '[data-testid="vote-badge"], [data-testid="my-vote-badge"], [data-testid="status-badge"]')
	const words = await rects(page, '.cyd-card-kind, .cyd-card-channel, .cyd-card-text')
	expect(badges.length).toBeGreaterThan(0)
	return badges.flatMap((b, i) => words.filter((w) => overlap(b, w)).map((w) => `badge ${i} at ${Math.round(b.x)},${Math.round(b.y)} covers words at ${Math.round(w.x)},${Math.round(w.y)}`))
}

test("tldraw's style panel never covers the blueprint's stage titles", async ({ browser, request }) => {
	const room = await createRoomIn(request, 'en', 'Housing repairs')
	const sian = await joinIn(browser, 'en', room.links.facilitator, 'Sian')
	await addSample(sian.page, 'en')
	const nia = await joinIn(browser, 'en', room.links.participant, 'Nia')
	const page = nia.page
	const covered = async () => {
		const panels = await rects(page, '[data-testid="style.panel"]')
		const titles = await rects(page, '.cyd-bp-stage')
		return panels.flatMap((p) => titles.filter((s) => overlap(p, s))).length
	}
	await expect(page.locator('.cyd-bp-stage')).toHaveCount(5)
	expect(await covered(), 'as the room opens').toBe(0)
	// At 100 %, the blueprint's last stages are where the panel used to be.
	await page.evaluate(() => {
		const editor = window.cydEditor as unknown as BoardEditor
		const bp = editor.getCurrentPageShapes().find((s) => s.type === 'cyd-blueprint')!
		const b = editor.getShapePageBounds(bp.id)!
		editor.setCamera({ x: 1280 - b.x - b.w - 20, y: 60 - b.y, z: 1 })
	})
	expect(await covered(), 'at 100 %, the last stage at the top right').toBe(0)
	// A card selected: still nothing to style, so no panel.
	await page.evaluate(() => {
		const editor = window.cydEditor as unknown as BoardEditor
		editor.select(editor.getCurrentPageShapes().find((s) => s.type === 'cyd-card')!.id)
	})
	expect(await covered(), 'with a card selected').toBe(0)
	// Its styles are there for a tool that draws.
	await page.evaluate(() => {
		;(window.cydEditor as unknown as BoardEditor).setCurrentTool('note')
	})
	await expect(page.getByTestId('style.panel')).toBeVisible()
	await page.screenshot({ path: test.info().outputPath('laptop-style-panel.png') })
	for (const p of [sian, nia]) await p.context.close()
})

for (const lang of ['en', 'cy'] as const) {
	test(`a card's badges never cover its words, and nothing is cut short (${lang})`, async ({ browser, request }) => {
		const room = await createRoomIn(request, lang, 'Atgyweirio')
		const sian = await joinIn(browser, lang, room.links.facilitator, 'Sian (facilitator)')
		await addSample(sian.page, lang)
		const nia = await joinIn(browser, lang, room.links.participant, 'Nia')
		const cards = await sian.page.evaluate(() =>
			(window.cydEditor as unknown as BoardEditor)
				.getCurrentPageShapes()
				.filter((s) => s.type === 'cyd-card')
				.map((s) => s.id)
		)
		// Agreed, parked, and voted for: every kind of badge, on cards with a channel and on cards without.
		await api(sian.page, room.id, 'decisions', { item: cards[0], status: 'agreed' })
		await api(sian.page, room.id, 'decisions', { item: cards[1], status: 'parked' })
		await api(sian.page, room.id, 'rounds', { votesPerPerson: 3 })
		for (const id of [cards[0], cards[0], cards[2]]) await api(nia.page, room.id, 'votes', { shapeId: id, delta: 1 })
		await api(sian.page, room.id, 'rounds/close', {})
		for (const page of [sian.page, nia.page]) {
			await expect(page.locator(`[data-testid="vote-badge"][data-shape-id="${cards[0]}"]`)).toHaveText(say(lang, 'vote.badge', { count: 2 }))
			await expect(page.locator(`[data-testid="status-badge"][data-shape-id="${cards[1]}"]`)).toHaveText(say(lang, 'agree.status.parked'))
		}
		const page = nia.page
		expect(await badgesOverWords(page), 'fitted to the board').toEqual([])
		for (const id of cards.slice(0, 3)) {
			await page.evaluate((cardId) => {
				const editor = window.cydEditor as unknown as BoardEditor
				const b = editor.getShapePageBounds(cardId)!
				editor.setCamera({ x: 400 - b.x, y: 300 - b.y, z: 1 })
			}, id)
			expect(await badgesOverWords(page), `at 100 % on ${id}`).toEqual([])
		}
		// No card's kind and no badge is cut short (as "CAM GWEITHRE…" was).
		const clipped = await page.locator('.cyd-card-kind, [data-testid="vote-badge"], [data-testid="status-badge"]').evaluateAll((elements) =>
			elements.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent)
		)
		expect(clipped).toEqual([])
		await page.screenshot({ path: test.info().outputPath(`badges-${lang}.png`) })
		// Initials are letters: "Sian (facilitator)" is SF, not "S(".
		const initials = await page.getByTestId('people-list').locator('.person-dot').allInnerTexts()
		expect(initials).toContain('SF')
		expect(initials.filter((i) => /[^\p{L}\p{N}]/u.test(i))).toEqual([])
		for (const p of [sian, nia]) await p.context.close()
	})

	test(`an empty board says what to do next (${lang})`, async ({ browser, request }) => {
		const room = await createRoomIn(request, lang, 'Parc')
		// The facilitator opens the room first, as they do: an observer who opens a room nobody has written
		// to yet is told a change of theirs was refused (tldraw's first page, made on their screen).
		const sian = await joinIn(browser, lang, room.links.facilitator, 'Sian')
		const nia = await joinIn(browser, lang, room.links.participant, 'Nia', PHONE)
		const page = nia.page
		const hint = page.getByTestId('empty-board')
		await expect(hint).toContainText(say(lang, 'board.empty.heading'))
		await expect(hint).toContainText(say(lang, 'board.empty.body'))
		await page.screenshot({ path: test.info().outputPath(`empty-board-phone-${lang}.png`) })
		// Start a journey: the journey panel opens, ready to add one.
		await hint.getByRole('button', { name: say(lang, 'board.empty.journey') }).tap()
		await expect(page.getByRole('complementary', { name: say(lang, 'journey.heading') }).getByRole('button', { name: say(lang, 'journey.add') })).toBeVisible()
		// Add a note: the note tool, and what to do with it, in the words of a finger.
		await hint.getByRole('button', { name: say(lang, 'board.empty.note') }).tap()
		await expect(hint).toHaveText(say(lang, 'board.empty.noteTouch'))
		await expect.poll(() => page.evaluate(() => (window.cydEditor as unknown as { getCurrentToolId(): string }).getCurrentToolId())).toBe('note')
		// An observer is told the board fills up as others add to it.
		const owain = await joinIn(browser, lang, room.links.observer, 'Owain')
		await expect(owain.page.getByTestId('empty-board')).toContainText(say(lang, 'board.empty.viewOnly'))
		await expect(owain.page.getByTestId('empty-board').getByRole('button')).toHaveCount(0)
		// Once something is on the board, the hint is gone, for everyone.
		await page.evaluate(() => {
			;(window.cydEditor as unknown as BoardEditor).createShape({ type: 'note', x: 100, y: 100 })
		})
		for (const p of [page, owain.page, sian.page]) await expect(p.getByTestId('empty-board')).toHaveCount(0)
		for (const p of [sian, nia, owain]) await p.context.close()
	})
}
