/**
 * The touch table under real fingers (the DevTools protocol's touch events) at 1920x1080, in English and
 * Welsh: one tap acts once, nothing covers a dock, the timer and agenda face every side, seats vote, the
 * lock holds the table, notes join the blueprint and show upright elsewhere, leaving is obvious, and the
 * seats show as connected while the table is open.
 */
import { expect, test, type Browser, type CDPSession, type Locator, type Page } from '@playwright/test'
import { cy } from '../apps/web/src/i18n/cy'
import { translate } from '../apps/web/src/i18n/catalog'
import { en } from '../apps/web/src/i18n/en'
import { createRoom, join, sessionOf, type CreatedRoom, type Person } from './fixtures'

type Messages = typeof en
type Key = keyof Messages
const CATALOGS = { en, cy } as const
type Lang = keyof typeof CATALOGS

/** A message of the app's own catalogue, with its placeholders filled. */
function say(lang: Lang, key: Key, params: Record<string, string | number> = {}): string {
	// A key an older build lacks reads as itself, so that a test run against it fails on what is missing.
	return key in CATALOGS[lang] ? translate(lang, key, params) : key
}

const TABLE = { viewport: { width: 1920, height: 1080 }, hasTouch: true }
const NAMES = ['Ceri', 'Dai', 'Elin', 'Gareth', 'Huw', 'Iola', 'Lowri', 'Meic']

interface Point {
	x: number
	y: number
}
type Box = { x: number; y: number; width: number; height: number }

/** One finger down and up at a point: one tap, as a resident's finger makes it. */
async function tap(cdp: CDPSession, page: Page, at: Point): Promise<void> {
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: at.x, y: at.y, id: 0, radiusX: 4, radiusY: 4, force: 1 }] })
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
	await settled(page)
}

/** Two frames later: whatever a tap set off (the click that follows it, React's render) has happened. */
function settled(page: Page): Promise<void> {
	return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))))
}

async function centreOf(locator: Locator): Promise<Point> {
	const box = (await locator.boundingBox())!
	return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

async function tapOn(cdp: CDPSession, page: Page, locator: Locator): Promise<void> {
	await tap(cdp, page, await centreOf(locator))
}

/** The table's facilitator (Ffion) opens the table layout in `lang` and names `seats` seats. */
async function openTable(browser: Browser, room: CreatedRoom, lang: Lang, seats: number, options = TABLE): Promise<Person & { cdp: CDPSession }> {
	const table = await join(browser, room.url, 'Ffion', options)
	const page = table.page
	if (lang === 'cy') await page.locator('header').getByLabel('Language').selectOption('cy')
	await page.getByRole('button', { name: say(lang, 'table.open') }).click()
	const menu = page.getByRole('region', { name: say(lang, 'table.menuHeading') })
	await menu.getByLabel(say(lang, 'table.setup.count')).selectOption(String(seats))
	for (let i = 0; i < seats; i++) await menu.getByLabel(say(lang, 'table.setup.seat', { n: i + 1 }), { exact: true }).fill(NAMES[i]!)
	await menu.getByRole('button', { name: say(lang, 'table.setup.save') }).click()
	await expect(menu.getByText(say(lang, 'table.setup.saved'))).toBeVisible()
	await menu.getByRole('button', { name: say(lang, 'table.close') }).click()
	for (let i = 0; i < seats; i++) await expect(page.getByTestId(`dock-${i}`).getByRole('heading', { name: say(lang, 'dock.label', { name: NAMES[i]! }) })).toBeVisible()
	return { ...table, cdp: await table.context.newCDPSession(page) }
}

interface NoteState {
	id: string
	text: string
	color: string
	rotation: number
	facing: number
	scale: number
	seat: string
	author: string
}

function notesOn(page: Page): Promise<NoteState[]> {
	return page.evaluate(() =>
		window
			.cydEditor!.getCurrentPageShapes()
			.filter((s) => s.type === 'note')
			.map((s) => {
				const words = (n: unknown): string => {
					const node = n as { text?: string; content?: unknown[] }
					return node.text ?? (node.content ?? []).map(words).join('')
				}
				const meta = s.meta as { facing?: number; seat?: string; author?: string }
				return { id: s.id, text: words(s.props.richText), color: s.props.color as string, rotation: s.rotation, facing: meta.facing ?? 0, scale: s.props.scale as number, seat: meta.seat ?? '', author: meta.author ?? '' }
			}),
	)
}

for (const lang of ['en', 'cy'] as const) {
	test(`${lang}: one finger's tap on a dock acts exactly once, on every control of the dock`, async ({ browser, request }) => {
		const room = await createRoom(request, 'Bus stop')
		const table = await openTable(browser, room, lang, 4)
		const { page, cdp } = table
		const dock = page.getByTestId('dock-0')
		const button = (key: Key, params: Record<string, string | number> = {}) => dock.getByRole('button', { name: say(lang, key, params), exact: true })
		const keyboard = dock.getByRole('group', { name: say(lang, 'key.keyboard', { name: 'Ceri' }) })

		// New note: one note, and its keyboard opens (and stays open).
		await tapOn(cdp, page, button('dock.newNote'))
		expect(await notesOn(page)).toHaveLength(1)
		await expect(keyboard).toBeVisible()
		// A key types its letter once.
		await tapOn(cdp, page, button('key.shift'))
		await expect(button('key.shift')).toHaveAttribute('aria-pressed', 'true')
		await tapOn(cdp, page, dock.getByRole('button', { name: 'B', exact: true }))
		await tapOn(cdp, page, dock.getByRole('button', { name: 'u', exact: true }))
		await tapOn(cdp, page, dock.getByRole('button', { name: 's', exact: true }))
		await tapOn(cdp, page, button('key.backspace'))
		await tapOn(cdp, page, button('key.space'))
		await expect(dock.getByTestId('dock-0-typing')).toHaveText(say(lang, 'dock.typingInto', { text: 'Bu ' }))
		expect((await notesOn(page))[0]!.text).toBe('Bu ')

		// Colour moves to the next colour, not the one after.
		const before = (await notesOn(page))[0]!
		await tapOn(cdp, page, dock.getByRole('button', { name: say(lang, 'dock.colourNamed', { colour: say(lang, 'colour.blue') }) }))
		expect((await notesOn(page))[0]!.color).toBe('yellow')
		expect(before.color).toBe('blue')
		// Turn: a quarter, not a half.
		await tapOn(cdp, page, dock.getByRole('button', { name: say(lang, 'dock.turnLabel') }))
		expect((await notesOn(page))[0]!.facing).toBeCloseTo(Math.PI / 2)
		// Undo: one change back (the turn), not two.
		await tapOn(cdp, page, dock.getByRole('button', { name: say(lang, 'dock.undoLabel') }))
		const undone = (await notesOn(page))[0]!
		expect(undone.facing).toBeCloseTo(0)
		expect(undone.color).toBe('yellow')

		// Cards and Phone open on one tap and close on the next; so does the keyboard.
		for (const [key, panel] of [
			['dock.cards', dock.getByRole('group', { name: say(lang, 'dock.cards') })],
			['dock.phone', dock.getByTestId('table-qr')],
			['dock.keyboard', keyboard],
		] as const) {
			await tapOn(cdp, page, button(key))
			await expect(button(key)).toHaveAttribute('aria-pressed', 'true')
			await expect(panel).toBeVisible()
			await tapOn(cdp, page, button(key))
			await expect(button(key)).toHaveAttribute('aria-pressed', 'false')
			await expect(panel).toBeHidden()
		}
		// Done closes the keyboard, and the tap does not land on what moves under the finger.
		await tapOn(cdp, page, button('dock.keyboard'))
		await expect(keyboard).toBeVisible()
		await tapOn(cdp, page, button('key.done'))
		await expect(keyboard).toBeHidden()
		expect(await notesOn(page)).toHaveLength(1)
		await table.context.close()
	})
}

/** A call to the room's API with the session of the screen `page` (a facilitator's, at the table). */
async function call(page: Page, room: string, method: 'POST' | 'PUT' | 'GET', path: string, data?: unknown) {
	const headers = { authorization: `Bearer ${await sessionOf(page, room)}` }
	const res = await page.request.fetch(`/api/rooms/${room}${path}`, { method, headers, ...(data === undefined ? {} : { data }) })
	expect(res.status(), `${method} ${path}`).toBeLessThan(300)
	return res.json().catch(() => null) as Promise<unknown>
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/** The boxes of every dock, and of each of `others` (by name), with any two that intersect. */
async function crossings(page: Page, docks: number, others: Record<string, Locator>): Promise<string[]> {
	const found: string[] = []
	const dockBoxes = await Promise.all(Array.from({ length: docks }, (_, i) => page.getByTestId(`dock-${i}`).boundingBox()))
	for (const [name, locator] of Object.entries(others)) {
		for (const [n, element] of (await locator.all()).entries()) {
			const box = await element.boundingBox()
			if (!box) continue
			for (const [i, dock] of dockBoxes.entries()) if (dock && overlaps(box, dock)) found.push(`${name} #${n} covers dock ${i}`)
		}
	}
	return found
}

/** The angle (CSS degrees) an element is turned on the screen, from its computed transform. */
function turnOf(locator: Locator): Promise<number> {
	return locator.evaluate((el) => {
		const m = new DOMMatrix(getComputedStyle(el).transform)
		return Math.round((Math.atan2(m.b, m.a) * 180) / Math.PI)
	})
}

const EDGE_TURN: Record<string, number> = { bottom: 0, top: 180, left: 90, right: -90 }

for (const [lang, seats] of [
	['en', 4],
	['cy', 8],
] as const) {
	test(`${lang}, ${seats} seats: nothing covers a dock; the agenda item, the countdown and a message face every side from the middle`, async ({ browser, request }) => {
		const room = await createRoom(request, 'Bus stop')
		const table = await openTable(browser, room, lang, seats)
		const { page, cdp } = table
		await call(page, room.id, 'PUT', '/agenda', { items: [{ id: 'ideas', title: 'Ideas for the stop', kind: 'discussion', minutes: 10 }] })
		await call(page, room.id, 'POST', '/phase', { id: 'ideas' })
		await call(page, room.id, 'POST', '/rounds', { votesPerPerson: 2 })
		const plates = page.locator('[data-testid^="table-plate-"]')
		const edges = [...new Set(await Promise.all(Array.from({ length: seats }, (_, i) => page.getByTestId(`dock-${i}`).getAttribute('class'))))].map((c) => /dock-(\w+)/.exec(c!)![1]!)
		// Every dock opens its deepest panel, the keyboard (its Vote button shows during the round).
		for (let i = 0; i < seats; i++) await page.getByTestId(`dock-${i}`).getByRole('button', { name: say(lang, 'dock.keyboard'), exact: true }).click()
		for (let i = 0; i < seats; i++) await expect(page.getByTestId(`dock-${i}`).getByRole('group', { name: say(lang, 'key.keyboard', { name: NAMES[i]! }) })).toBeVisible()
		await call(page, room.id, 'POST', '/rounds/close')
		await expect(page.getByText(say(lang, 'vote.closed', { voters: 0 })).first()).toBeVisible()
		// Neither the news of the round (nor the room's own vote box) nor the corners lie on a dock.
		const corners = { corner: page.getByTestId('table-corner'), leave: page.getByTestId('table-leave') }
		expect(await crossings(page, seats, { voteBox: page.locator('.vote-bar'), plate: plates, ...corners })).toEqual([])
		await expect(plates).toHaveCount(edges.length)
		await expect(plates.first().getByTestId('plate-message')).toHaveText(say(lang, 'vote.closed', { voters: 0 }))

		// The agenda item and the countdown in each copy, each copy turned to face its own side.
		for (const edge of edges) {
			const plate = page.getByTestId(`table-plate-${edge}`)
			await expect(plate).toContainText('Ideas for the stop')
			await expect(plate.getByTestId('plate-time')).toHaveText(/^(10:00|9:[0-5]\d)$/)
			expect(await turnOf(plate)).toBe(EDGE_TURN[edge])
		}
		for (let i = 0; i < seats; i++) {
			const dock = page.getByTestId(`dock-${i}`)
			const edge = /dock-(\w+)/.exec((await dock.getAttribute('class'))!)![1]!
			expect(await turnOf(dock)).toBe(EDGE_TURN[edge])
		}
		await page.screenshot({ path: `test-results/table-${lang}-${seats}-seats.png` })

		// The menu opens in the middle too, clear of every dock.
		await page.getByRole('button', { name: say(lang, 'table.menu'), exact: true }).click()
		const menu = page.getByRole('region', { name: say(lang, 'table.menuHeading') })
		await expect(menu).toBeVisible()
		await expect(menu.getByRole('button', { name: say(lang, 'table.leave') })).toBeInViewport()
		await page.screenshot({ path: `test-results/table-${lang}-${seats}-seats-menu.png` })
		expect(await crossings(page, seats, { menu, ...corners })).toEqual([])
		await menu.getByRole('button', { name: say(lang, 'table.close') }).click()

		// Dismissed from any side, the message goes from every side; the countdown stays.
		await tapOn(cdp, page, page.getByTestId(`table-plate-${edges.at(-1)}`).getByRole('button', { name: say(lang, 'table.dismiss'), includeHidden: true }))
		await expect(page.getByTestId('plate-message')).toHaveCount(0)
		await expect(plates).toHaveCount(edges.length)
		await table.context.close()
	})
}

test('cy: a seat votes from its dock, for its own person, within the allowance the server keeps', async ({ browser, request }) => {
	const room = await createRoom(request, 'Bus stop')
	const table = await openTable(browser, room, 'cy', 2)
	const { page, cdp } = table
	const dock = page.getByTestId('dock-0')
	const button = (key: Key) => dock.getByRole('button', { name: say('cy', key), exact: true })
	await tapOn(cdp, page, button('dock.newNote'))
	for (const letter of 'mainc') await tapOn(cdp, page, dock.getByRole('button', { name: letter, exact: true }))
	await call(page, room.id, 'POST', '/rounds', { votesPerPerson: 2 })
	await tapOn(cdp, page, button('dock.vote'))
	const votes = dock.getByRole('group', { name: say('cy', 'dock.votesOf', { name: 'Ceri' }) })
	await expect(votes.getByTestId('dock-0-votes')).toHaveText(say('cy', 'vote.remaining', { remaining: 2, total: 2 }))
	await tapOn(cdp, page, button('dock.voteFor'))
	await expect(votes.getByTestId('dock-0-votes')).toHaveText(say('cy', 'vote.remaining', { remaining: 1, total: 2 }))
	await tapOn(cdp, page, button('dock.voteFor'))
	await expect(votes.getByTestId('dock-0-votes')).toHaveText(say('cy', 'vote.remaining', { remaining: 0, total: 2 }))
	await expect(votes).toContainText(say('cy', 'dock.voteTarget', { text: 'mainc', count: 2 }))
	// All used: the dock offers no more, and the server would refuse one anyway.
	await expect(button('dock.voteFor')).toHaveAttribute('aria-disabled', 'true')
	const [note] = await notesOn(page)
	const seats = await page.evaluate(() => window.cydWorkshop!().table!.seats)
	const refused = await page.request.post(`/api/rooms/${room.id}/votes`, { headers: { authorization: `Bearer ${await sessionOf(page, room.id)}` }, data: { shapeId: note!.id, delta: 1, seat: seats[0]!.id } })
	expect(refused.status()).toBe(409)
	// One back and one again: still two.
	await tapOn(cdp, page, button('dock.voteBack'))
	await expect(votes.getByTestId('dock-0-votes')).toHaveText(say('cy', 'vote.remaining', { remaining: 1, total: 2 }))
	await tapOn(cdp, page, button('dock.voteFor'))
	await call(page, room.id, 'POST', '/rounds/close')
	await expect(page.getByTestId('table-plate-bottom').getByTestId('plate-message')).toHaveText(say('cy', 'vote.closed', { voters: 1 }))
	await page.screenshot({ path: test.info().outputPath('table-cy.png') })
	const design = (await call(page, room.id, 'GET', '/design')) as { votes: { item: string; votes: number }[]; contributors: { name: string; votesCast: number }[] }
	expect(design.votes).toEqual([{ item: note!.id, votes: 2 }])
	expect(design.contributors.find((c) => c.name === 'Ceri')?.votesCast).toBe(2)
	expect(design.contributors.find((c) => c.name === 'Ffion')?.votesCast).toBe(0)
	await table.context.close()
})

test('en: the lock holds the table unless the facilitator says it does not; the server refuses the table what the lock holds', async ({ browser, request }) => {
	const room = await createRoom(request, 'Bus stop')
	const remote = await join(browser, room.links.participant, 'Nia')
	const table = await openTable(browser, room, 'en', 2)
	const { page, cdp } = table
	const dock = page.getByTestId('dock-0')
	const newNote = dock.getByRole('button', { name: 'New note', exact: true })

	await call(page, room.id, 'POST', '/lock', { locked: true })
	await expect.poll(() => page.evaluate(() => (window.cydWorkshop!() as unknown as { locked: boolean }).locked)).toBe(true)
	await tapOn(cdp, page, newNote)
	expect(await notesOn(page)).toEqual([])
	await expect(dock.getByTestId('dock-0-typing')).toHaveText(en['dock.locked'])
	await expect(newNote).toHaveAttribute('aria-disabled', 'true')
	// Even a table that sends what its docks would not is refused by the server, and nobody sees it.
	await page.evaluate(() => {
		window.cydRoom!.setReadOnly(false)
		window.cydEditor!.updateInstanceState({ isReadonly: false })
		window.cydEditor!.createShape({ type: 'note', x: 100, y: 100 })
	})
	await expect.poll(() => page.evaluate(() => (window.cydRoom as unknown as { getSnapshot(): { denied: number } }).getSnapshot().denied)).toBeGreaterThan(0)
	await expect.poll(() => page.evaluate(() => window.cydEditor!.getInstanceState().isReadonly)).toBe(true)
	expect(await notesOn(remote.page)).toEqual([])

	// The facilitator lets the table go on while the board stays locked for everyone else.
	await page.getByRole('button', { name: 'Table', exact: true }).click()
	await page.getByLabel(en['table.lockCovers']).uncheck()
	await page.getByRole('button', { name: en['table.close'] }).click()
	await expect(newNote).not.toHaveAttribute('aria-disabled')
	await tapOn(cdp, page, newNote)
	await tapOn(cdp, page, dock.getByRole('button', { name: 'o', exact: true }))
	await expect.poll(async () => (await notesOn(remote.page)).map((n) => n.text)).toEqual(['o'])
	expect(await remote.page.evaluate(() => window.cydEditor!.getInstanceState().isReadonly)).toBe(true)
	await expect(remote.page.getByTestId('view-only')).not.toBeEmpty()
	await remote.context.close()
	await table.context.close()
})

test('en: a note made at the table faces its seat there, shows upright and normal-sized on a laptop, and joins the cell of a blueprint it is dropped on', async ({ browser, request }) => {
	const room = await createRoom(request, 'Repairs')
	const table = await join(browser, room.url, 'Ffion', TABLE)
	const page = table.page
	const journey = page.locator('header').getByRole('button', { name: 'Journey', exact: true })
	await journey.click()
	await page.getByRole('complementary', { name: 'Service journey' }).getByLabel('Start from').selectOption('housing-repair')
	await page.getByRole('button', { name: 'Add the blueprint' }).click()
	await journey.click()
	await page.getByRole('button', { name: 'Facilitator panel' }).click()
	await page.getByRole('button', { name: 'Table layout' }).click()
	const menu = page.getByRole('region', { name: 'The touch table' })
	await menu.getByLabel('Number of seats').selectOption('2')
	await menu.getByLabel('Seat 1', { exact: true }).fill('Ceri')
	await menu.getByLabel('Seat 2', { exact: true }).fill('Dai')
	await menu.getByRole('button', { name: 'Save the seats' }).click()
	await expect(menu.getByText('Seats saved.')).toBeVisible()
	await menu.getByRole('button', { name: 'Close the table settings' }).click()
	await page.evaluate(() => void window.cydEditor!.zoomToFit({ animation: { duration: 0 } }))
	const laptop = await join(browser, room.links.participant, 'Nia', { viewport: { width: 1280, height: 800 } })
	const cdp = await table.context.newCDPSession(page)

	// Dai, at the top edge, makes a note: at the table it faces Dai (its face turned half round)...
	const dai = page.getByTestId('dock-1')
	await tapOn(cdp, page, dai.getByRole('button', { name: 'New note', exact: true }))
	for (const letter of 'bus') await tapOn(cdp, page, dai.getByRole('button', { name: letter, exact: true }))
	const [note] = await notesOn(page)
	expect(note).toMatchObject({ text: 'bus', rotation: 0, scale: 1 })
	expect(note!.facing).toBeCloseTo(Math.PI)
	const face = page.locator(`[id="${note!.id}"]`).locator('xpath=ancestor::div[contains(@class, "seat-note-face")]')
	expect(Number(await face.getAttribute('data-facing'))).toBeCloseTo(Math.PI)
	await page.screenshot({ path: 'test-results/table-note-facing-dai.png' })
	// ...and on the laptop it is upright, and as big as any note made there.
	await expect.poll(async () => (await notesOn(laptop.page)).map((n) => n.text)).toEqual(['bus'])
	await laptop.page.evaluate(() => void window.cydEditor!.zoomToFit({ animation: { duration: 0 } }))
	const onLaptop = laptop.page.locator(`[id="${note!.id}"]`)
	await expect(onLaptop).toBeVisible()
	expect(await laptop.page.locator('.seat-note-face').count()).toBe(0)
	const zoom = await laptop.page.evaluate(() => window.cydEditor!.getCamera().z)
	const box = (await onLaptop.boundingBox())!
	expect(box.width).toBeCloseTo(200 * zoom, 0)
	expect(box.height).toBeCloseTo(200 * zoom, 0)
	await laptop.page.screenshot({ path: 'test-results/table-note-on-laptop.png' })

	// Dragged by one finger onto the cell of a card in another lane, the note becomes a card of that cell.
	type Card = { id: string; stage: string; lane: string; text: string; author: { id: string; name: string } }
	const cards = (p: Page) => p.evaluate(() => (window.cydDesign!() as { journeys: { cards: Card[] }[] }).journeys[0]!.cards)
	const before = await cards(page)
	const target = before.find((c) => c.lane !== before[0]!.lane) ?? before[0]!
	const centre = (id: string) =>
		page.evaluate((shape) => {
			const editor = window.cydEditor!
			const p = editor.pageToScreen(editor.getShapePageBounds(shape)!.center)
			return { x: p.x, y: p.y }
		}, id)
	const from = await centre(note!.id)
	const to = await centre(target.id)
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from.x, y: from.y, id: 0 }] })
	for (let step = 1; step <= 10; step++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: from.x + ((to.x - from.x) * step) / 10, y: from.y + ((to.y - from.y) * step) / 10, id: 0 }] })
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
	await expect.poll(async () => (await notesOn(page)).length).toBe(0)
	const made = (await cards(page)).find((c) => !before.some((b) => b.id === c.id))!
	const seats = await page.evaluate(() => window.cydWorkshop!().table!.seats)
	expect(made).toMatchObject({ stage: target.stage, lane: target.lane, text: 'bus', author: { id: seats[1]!.person, name: 'Dai' } })
	// It is the blueprint's now, laid out upright in its cell like any card.
	const placed = await page.evaluate((id) => {
		const editor = window.cydEditor!
		const shape = editor.getCurrentPageShapes().find((s) => s.id === id)!
		return { rotation: shape.rotation, parent: (shape as unknown as { parentId: string }).parentId }
	}, made.id)
	expect(placed.rotation).toBe(0)
	expect(placed.parent).toMatch(/^shape:/)
	await expect.poll(async () => (await cards(laptop.page)).find((c) => c.id === made.id)?.text).toBe('bus')
	await expect(dai.getByTestId('dock-1-typing')).toHaveText('Typing into: bus')

	// Dai's undo brings the note back as it was, and the card goes.
	await tapOn(cdp, page, dai.getByRole('button', { name: 'Undo my last change' }))
	await expect.poll(async () => (await notesOn(page)).map((n) => n.text)).toEqual(['bus'])
	expect((await cards(page)).some((c) => c.id === made.id)).toBe(false)
	await laptop.context.close()
	await table.context.close()
})

test('en: leaving the table layout is in plain sight; the table opens on another screen from its link, and its seats show as here while it is open', async ({ browser, request }) => {
	const room = await createRoom(request, 'Bus stop')
	// The facilitator's laptop opens the table layout from the facilitator panel.
	const laptop = await join(browser, room.url, 'Ffion', { viewport: { width: 1280, height: 800 } })
	const page = laptop.page
	await page.getByRole('button', { name: 'Table layout' }).click()
	const leave = page.getByTestId('table-leave').getByRole('button', { name: 'Leave the table layout' })
	await expect(leave).toBeInViewport()
	const menu = page.getByRole('region', { name: 'The touch table' })
	await expect(menu.getByRole('button', { name: 'Leave the table layout' })).toBeInViewport()
	await menu.getByLabel('Number of seats').selectOption('2')
	await menu.getByLabel('Seat 1', { exact: true }).fill('Ceri')
	await menu.getByLabel('Seat 2', { exact: true }).fill('Dai')
	await menu.getByRole('button', { name: 'Save the seats' }).click()
	await expect(menu.getByText('Seats saved.')).toBeVisible()
	// The table's own link (and its QR code), for the table's screen.
	const link = await menu.getByRole('textbox', { name: en['table.elsewhere.link'] }).inputValue()
	expect(link).toMatch(new RegExp(`/r/${room.id}\\?mode=table#join=`))
	await expect(menu.getByTestId('table-link-qr')).toBeVisible()
	await page.screenshot({ path: 'test-results/table-on-laptop-menu.png' })
	await leave.click()
	await expect(page.locator('header').getByRole('button', { name: 'Facilitator panel' })).toBeVisible()
	await expect(page.getByTestId('table-surface')).toHaveCount(0)
	// The facilitator panel offers the same link, beside the button that turns this screen into the table.
	const panel = page.getByRole('complementary', { name: en['panel.heading'] })
	await panel.getByRole('button', { name: en['table.elsewhere.heading'] }).click()
	await expect(panel.getByRole('textbox', { name: en['table.elsewhere.link'] })).toHaveValue(link)

	// In the people list, the seats are not here until the table is open...
	const people = page.getByTestId('present')
	const seat = (name: string) => people.getByRole('listitem').filter({ hasText: `${name}` }).filter({ hasText: 'seat' })
	await expect(seat('Ceri')).toContainText(en['present.away'])
	// ...on the table's own screen, straight into the table layout from its link.
	const context = await browser.newContext(TABLE)
	const table = await context.newPage()
	await table.goto(link)
	await table.getByLabel('Your name').fill('Table')
	await table.getByRole('button', { name: 'Join' }).click()
	await expect(table.getByTestId('dock-0').getByRole('heading', { name: 'Dock of Ceri' })).toBeVisible()
	await expect(table.getByTestId('dock-1').getByRole('heading', { name: 'Dock of Dai' })).toBeVisible()
	await expect(seat('Ceri')).toContainText(en['present.online'])
	await expect(seat('Dai')).toContainText(en['present.online'])
	// Once the table's screen closes, they are not here again.
	await context.close()
	await expect(seat('Ceri')).toContainText(en['present.away'])
	await laptop.context.close()
})
