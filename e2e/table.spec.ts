import AxeBuilder from '@axe-core/playwright'
import { expect, test, type APIRequestContext, type Browser, type CDPSession, type Locator, type Page } from '@playwright/test'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { createRoom, join, sessionOf, waitForCanvas, type CreatedRoom, type Person } from './fixtures'

/** A touch table lying flat: big, and touch only. */
const TABLE = { viewport: { width: 1600, height: 1000 }, hasTouch: true }
const SEATS = ['Ceri', 'Dai', 'Elin', 'Gareth']
/** Where each seat's dock stands, and how the table turns its notes to face it (radians, `meta.facing`). */
const FACING = [0, Math.PI, Math.PI / 2, -Math.PI / 2]

interface Point {
	x: number
	y: number
}

interface NoteOnScreen {
	id: string
	seat: string
	author: string
	text: string
	/** Which way the table shows it facing; on the board itself a note stays upright. */
	facing: number
	x: number
	y: number
	/** The note's centre on the screen. */
	centre: Point
}

function notesOf(page: Page): Promise<NoteOnScreen[]> {
	return page.evaluate(() => {
		const editor = window.cydEditor!
		return editor
			.getCurrentPageShapes()
			.filter((s) => s.type === 'note')
			.map((s) => {
				const meta = s.meta as { seat?: string; author?: string; facing?: number }
				const words = (n: unknown): string => {
					const node = n as { text?: string; content?: unknown[] }
					return node.text ?? (node.content ?? []).map(words).join('')
				}
				const centre = editor.pageToScreen(editor.getShapePageBounds(s)!.center)
				return { id: s.id, seat: meta.seat ?? '', author: meta.author ?? '', text: words((s.props as { richText: unknown }).richText), facing: meta.facing ?? s.rotation, x: s.x, y: s.y, centre: { x: centre.x, y: centre.y } }
			})
	})
}

/** Fingers on the screen through the DevTools protocol: every call lists all the fingers down now. */
function fingers(cdp: CDPSession) {
	return (type: 'touchStart' | 'touchMove' | 'touchEnd', points: readonly Point[]) =>
		cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p, id) => ({ x: p.x, y: p.y, id, radiusX: 4, radiusY: 4, force: 1 })) })
}

async function centreOf(locator: Locator): Promise<Point> {
	const box = (await locator.boundingBox())!
	return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** Ffion opens the table layout and names four seats, then closes the table menu. */
async function setUpTable(browser: Browser, room: CreatedRoom): Promise<Person> {
	const table = await join(browser, room.url, 'Ffion', TABLE)
	await table.page.getByRole('button', { name: 'Table layout' }).click()
	const menu = table.page.getByRole('region', { name: 'The touch table' })
	await expect(menu.getByText('Set up the seats to start.')).toBeVisible()
	for (const [i, name] of SEATS.entries()) await menu.getByLabel(`Seat ${i + 1}`, { exact: true }).fill(name)
	await menu.getByRole('button', { name: 'Save the seats' }).click()
	await expect(menu.getByText('Seats saved.')).toBeVisible()
	await menu.getByRole('button', { name: 'Close the table settings' }).click()
	for (const [i, name] of SEATS.entries()) await expect(table.page.getByTestId(`dock-${i}`).getByRole('heading', { name: `Dock of ${name}` })).toBeVisible()
	return table
}

/** The room's design as the server extracts it, asked for with the table's (a facilitator's) session. */
async function designOf(page: Page, room: string): Promise<{ contributors: { name: string; notesMade: number }[] }> {
	const res = await page.request.get(`/api/rooms/${room}/design`, { headers: { authorization: `Bearer ${await sessionOf(page, room)}` } })
	expect(res.status()).toBe(200)
	return res.json()
}

/** A room with a remote participant (Nia) and the four-seat table, fingers ready. */
async function tableAndRemote(browser: Browser, request: APIRequestContext) {
	const room = await createRoom(request, 'Bus stop')
	const remote = await join(browser, room.links.participant, 'Nia')
	const table = await setUpTable(browser, room)
	const page = table.page
	const touch = fingers(await table.context.newCDPSession(page))
	return { room, remote, table, page, touch, dock: (i: number) => page.getByTestId(`dock-${i}`) }
}

function seatsOf(page: Page): Promise<{ id: string; name: string; person: string }[]> {
	return page.evaluate(() => window.cydWorkshop?.().table?.seats ?? [])
}

test('four people at four seats make, type into and drag their own notes at the same time', async ({ browser, request }) => {
	const { room, remote, table, page, touch, dock } = await tableAndRemote(browser, request)

	// Four fingers land on four docks' "New note" at once.
	const newNote = await Promise.all(SEATS.map((_, i) => centreOf(dock(i).getByRole('button', { name: 'New note' }))))
	await touch('touchStart', newNote)
	await touch('touchEnd', [])
	await expect.poll(async () => (await notesOf(page)).length).toBe(4)
	const seats = await seatsOf(page)
	expect(seats.map((s) => s.name)).toEqual(SEATS)

	// Each seat types its own word on its own keyboard, a letter from every seat at the same moment.
	const words = ['bench', 'shade', 'light', 'ramps']
	for (const [i] of SEATS.entries()) await expect(dock(i).getByTestId(`dock-${i}-typing`)).toHaveText('Typing into: (empty)')
	for (let letter = 0; letter < 5; letter++) {
		const keys = await Promise.all(words.map((word, i) => centreOf(dock(i).getByRole('button', { name: word[letter], exact: true }))))
		await touch('touchStart', keys)
		await touch('touchEnd', [])
	}
	for (const [i, word] of words.entries()) await expect(dock(i).getByTestId(`dock-${i}-typing`)).toHaveText(`Typing into: ${word}`)

	// Four fingers, one on each note, drag them along four different paths at once.
	const before = await notesOf(page)
	const bySeat = seats.map((seat) => before.find((n) => n.seat === seat.id)!)
	const paths: Point[] = [
		{ x: -260, y: -60 },
		{ x: 240, y: 70 },
		{ x: 90, y: -200 },
		{ x: -110, y: 180 },
	]
	const start = bySeat.map((n) => n.centre)
	await touch('touchStart', start)
	const steps = 12
	for (let step = 1; step <= steps; step++) {
		await touch(
			'touchMove',
			start.map((p, i) => ({ x: p.x + (paths[i]!.x * step) / steps, y: p.y + (paths[i]!.y * step) / steps })),
		)
	}
	await touch('touchEnd', [])

	const after = await notesOf(page)
	for (const [i, seat] of seats.entries()) {
		const note = after.find((n) => n.seat === seat.id)!
		// Where its own finger left it,
		expect(note.centre.x).toBeCloseTo(start[i]!.x + paths[i]!.x, 0)
		expect(note.centre.y).toBeCloseTo(start[i]!.y + paths[i]!.y, 0)
		// with its own seat's words, credited to the seat's person, facing the seat.
		expect(note.text).toBe(words[i])
		expect(note.author).toBe(seat.person)
		expect(note.facing).toBeCloseTo(FACING[i]!)
	}

	// The remote participant's screen shows all four, where the table has them.
	await expect
		.poll(async () => (await notesOf(remote.page)).map((n) => [n.seat, n.text, Math.round(n.x), Math.round(n.y)]).sort())
		.toEqual(after.map((n) => [n.seat, n.text, Math.round(n.x), Math.round(n.y)]).sort())

	// The server credits each note to its seat's person.
	const design = await designOf(page, room.id)
	for (const name of SEATS) expect(design.contributors.find((c) => c.name === name)?.notesMade).toBe(1)
	expect(design.contributors.find((c) => c.name === 'Ffion')?.notesMade).toBe(0)

	// A seat's undo takes back its own last change only: Dai's drag, not Ceri's.
	await expect(dock(1).getByRole('button', { name: 'Undo my last change' })).not.toHaveAttribute('aria-disabled')
	await dock(1).getByRole('button', { name: 'Undo my last change' }).click()
	const undone = await notesOf(page)
	const dai = undone.find((n) => n.seat === seats[1]!.id)!
	expect(dai.centre.x).toBeCloseTo(start[1]!.x, 0)
	expect(dai.centre.y).toBeCloseTo(start[1]!.y, 0)
	const ceri = undone.find((n) => n.seat === seats[0]!.id)!
	expect(ceri.centre.x).toBeCloseTo(start[0]!.x + paths[0]!.x, 0)

	await remote.context.close()
	await table.context.close()
})

test('a locked view holds against a pinch from a seat; a phone joins the table by its QR code', async ({ browser, request }) => {
	const room = await createRoom(request, 'Bus stop')
	const table = await setUpTable(browser, room)
	const page = table.page
	const touch = fingers(await table.context.newCDPSession(page))
	const camera = () => page.evaluate(() => window.cydEditor!.getCamera())
	// An empty stretch of table between the docks.
	const pinch = async () => {
		await touch('touchStart', [
			{ x: 760, y: 500 },
			{ x: 840, y: 500 },
		])
		for (let step = 1; step <= 8; step++) {
			await touch('touchMove', [
				{ x: 760 - step * 15, y: 500 },
				{ x: 840 + step * 15, y: 500 },
			])
		}
		await touch('touchEnd', [])
	}

	// Unlocked, the pinch zooms in.
	const z0 = (await camera()).z
	await pinch()
	expect((await camera()).z).toBeGreaterThan(z0 * 2)

	// Locked from the table menu, the same pinch changes nothing.
	await page.getByRole('button', { name: 'Table', exact: true }).click()
	await page.getByLabel('Lock the view (pinching and panning do nothing)').check()
	await expect(page.getByText('View locked')).toBeVisible()
	// The menu stands in the middle of the table: closed, the pinch lands on the table itself.
	await page.getByRole('button', { name: 'Close the table settings' }).click()
	const held = await camera()
	await pinch()
	expect(await camera()).toEqual(held)

	// The view stays put, but a note can still be turned with two fingers to face another side.
	await page.getByTestId('dock-0').getByRole('button', { name: 'New note' }).click()
	const [note] = await notesOf(page)
	const c = note!.centre
	const around = (angle: number): Point[] => [
		{ x: c.x - 40 * Math.cos(angle), y: c.y - 40 * Math.sin(angle) },
		{ x: c.x + 40 * Math.cos(angle), y: c.y + 40 * Math.sin(angle) },
	]
	await touch('touchStart', around(0))
	for (let step = 1; step <= 9; step++) await touch('touchMove', around(((Math.PI / 2) * step) / 9))
	await touch('touchEnd', [])
	const [turned] = await notesOf(page)
	expect(turned!.facing).toBeCloseTo(Math.PI / 2)
	expect(turned!.centre.x).toBeCloseTo(c.x, 0)
	expect(turned!.centre.y).toBeCloseTo(c.y, 0)
	// And a quarter more from the dock's Turn.
	await page.getByTestId('dock-0').getByRole('button', { name: 'Turn my note to face the next side' }).click()
	expect((await notesOf(page))[0]!.facing).toBeCloseTo(Math.PI)
	expect(await camera()).toEqual(held)
	await page.getByRole('button', { name: 'Table', exact: true }).click()

	// The QR code in the menu decodes to the participant link; a phone joins with it.
	const qr = page.getByRole('region', { name: 'The touch table' }).getByTestId('table-qr')
	await expect(qr).toBeVisible()
	const link = decodeQr(await qr.screenshot())
	expect(link).toBe(room.links.participant)

	// Each dock's QR code brings a phone in at that seat's place.
	await page.getByRole('button', { name: 'Close the table settings' }).click()
	await page.getByTestId('dock-0').getByRole('button', { name: 'Phone' }).click()
	// The participant link, the seat's name and the server's key for that seat.
	const qrCode = page.getByTestId('dock-0').getByTestId('table-qr')
	await expect.poll(async () => decodeQr(await qrCode.screenshot())).toContain('&seatKey=')
	const seatLink = decodeQr(await qrCode.screenshot())
	expect(seatLink?.startsWith(`${room.links.participant}&seat=Ceri&seatKey=`)).toBe(true)
	const phone = await browser.newContext({ viewport: { width: 393, height: 851 }, hasTouch: true, isMobile: true })
	const phonePage = await phone.newPage()
	await phonePage.goto(seatLink!)
	await expect(phonePage.getByTestId('join-seat')).toHaveText('You are joining the table, at the place of Ceri.')
	await phonePage.getByLabel('Your name').fill('Ceri')
	await phonePage.getByRole('button', { name: 'Join' }).click()
	await waitForCanvas(phonePage)
	await expect(phonePage.getByTestId('my-role')).toContainText('Participant')
	// The phone is Ceri's seat's person, not a second person.
	const ceri = (await seatsOf(page)).find((s) => s.name === 'Ceri')!
	const phoneSession = await sessionOf(phonePage, room.id)
	const me = (await (await request.get(`/api/rooms/${room.id}/me`, { headers: { authorization: `Bearer ${phoneSession}` } })).json()) as { id: string }
	expect(me.id).toBe(ceri.person)

	await phone.close()
	await table.context.close()
})

function decodeQr(png: Buffer): string | null {
	const image = PNG.sync.read(png)
	return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null
}

test('in a hall without Wi-Fi the table keeps working, shows it is offline, and syncs when the network returns', async ({ browser, request }) => {
	const { room, remote, table, page, touch, dock } = await tableAndRemote(browser, request)
	await expect(page.getByTestId('table-status')).toHaveText('Connection: Saved')

	await table.context.setOffline(true)
	await expect(page.getByTestId('table-status')).toHaveText('Connection: Offline, changes kept on this device')
	await touch('touchStart', await Promise.all([0, 1].map((i) => centreOf(dock(i).getByRole('button', { name: 'New note' })))))
	await touch('touchEnd', [])
	for (const [i, letter] of ['o', 'k'].entries()) await dock(i).getByRole('button', { name: letter, exact: true }).click()
	await expect.poll(async () => (await notesOf(page)).map((n) => n.text).sort()).toEqual(['k', 'o'])
	expect(await notesOf(remote.page)).toEqual([])

	await table.context.setOffline(false)
	await expect(page.getByTestId('table-status')).toHaveText('Connection: Saved')
	await expect.poll(async () => (await notesOf(remote.page)).map((n) => n.text).sort()).toEqual(['k', 'o'])
	// Made offline, still credited to the seats' people once the server has them.
	const design = await designOf(page, room.id)
	expect(design.contributors.filter((c) => c.notesMade > 0).map((c) => c.name).sort()).toEqual(['Ceri', 'Dai'])
	await remote.context.close()
	await table.context.close()
})

test('at the table a seat adds a journey card, types into it and drags it by hand into another cell', async ({ browser, request }) => {
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
	// The whole blueprint between the two docks.
	await page.evaluate(() => {
		const editor = window.cydEditor!
		editor.zoomToFit({ animation: { duration: 0 } })
		const camera = editor.getCamera()
		const centre = editor.getViewportPageBounds().center
		editor.setCamera({ x: camera.x, y: camera.y, z: camera.z * 0.7 })
		const after = editor.getViewportPageBounds().center
		editor.setCamera({ x: camera.x + (after.x - centre.x), y: camera.y + (after.y - centre.y), z: camera.z * 0.7 })
	})
	type Card = { id: string; stage: string; lane: string; kind: string; text: string; author: { name: string } }
	const cards = () => page.evaluate(() => (window.cydDesign!() as { journeys: { cards: Card[] }[] }).journeys[0]!.cards)
	const before = await cards()

	const dock = page.getByTestId('dock-0')
	await dock.getByRole('button', { name: 'Cards' }).click()
	await dock.getByRole('button', { name: 'Pain point' }).click()
	await expect.poll(async () => (await cards()).length).toBe(before.length + 1)
	for (const letter of 'noisy') await dock.getByRole('button', { name: letter, exact: true }).click()
	const made = (await cards()).find((c) => !before.some((b) => b.id === c.id))!
	expect(made).toMatchObject({ kind: 'pain', text: 'noisy', author: { name: 'Ceri' } })

	// A finger takes it to the cell of a card in another stage and lane.
	const target = before.find((c) => c.stage !== made.stage && c.lane !== made.lane)!
	const centre = (id: string) =>
		page.evaluate((shape) => {
			const editor = window.cydEditor!
			const p = editor.pageToScreen(editor.getShapePageBounds(shape)!.center)
			return { x: p.x, y: p.y }
		}, id)
	const from = await centre(made.id)
	const to = await centre(target.id)
	const touch = fingers(await table.context.newCDPSession(page))
	await touch('touchStart', [from])
	for (let step = 1; step <= 10; step++) await touch('touchMove', [{ x: from.x + ((to.x - from.x) * step) / 10, y: from.y + ((to.y - from.y) * step) / 10 }])
	await touch('touchEnd', [])
	await expect.poll(async () => (await cards()).find((c) => c.id === made.id)).toMatchObject({ stage: target.stage, lane: target.lane, text: 'noisy' })
	await table.context.close()
})

/** Serious and critical accessibility violations (WCAG 2.2 A and AA rules). */
async function violations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
	return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`)
}

test('the table layout passes axe, in English and in Welsh, with its menu, a keyboard and the cards open', async ({ browser, request }) => {
	const room = await createRoom(request, 'Bus stop')
	const table = await setUpTable(browser, room)
	const page = table.page
	await page.getByTestId('dock-0').getByRole('button', { name: 'New note' }).click()
	await expect(page.getByTestId('dock-0').getByRole('group', { name: 'On-screen keyboard of Ceri' })).toBeVisible()
	await page.getByTestId('dock-1').getByRole('button', { name: 'Cards' }).click()
	await expect(page.getByTestId('dock-1').getByRole('button', { name: 'Pain point' })).toBeVisible()
	// Every target at the table is at least 48 pixels each way.
	for (const box of await page.locator('.dock-key, .table-menu-button').evaluateAll((keys) => keys.map((k) => k.getBoundingClientRect()).map((r) => [r.width, r.height]))) {
		expect(Math.min(...box)).toBeGreaterThanOrEqual(48)
	}
	expect(await violations(page), 'table').toEqual([])
	await page.getByRole('button', { name: 'Table', exact: true }).click()
	expect(await violations(page), 'table menu').toEqual([])
	await page.getByRole('combobox', { name: 'Language' }).selectOption('cy')
	await expect(page.getByTestId('dock-0').getByRole('button', { name: 'Nodyn newydd' })).toBeVisible()
	expect(await violations(page), 'table in Welsh').toEqual([])
	await table.context.close()
})
