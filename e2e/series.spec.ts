import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import { createRoom, join, sessionOf } from './fixtures'

const PHONE = { viewport: { width: 393, height: 851 }, hasTouch: true, isMobile: true }

/** A blank blueprint with cards, through the journey panel. */
async function blueprintWith(page: Page, texts: string[]) {
	await page.getByRole('button', { name: 'Journey' }).click()
	const journey = page.getByRole('complementary', { name: 'Service journey' })
	await journey.getByRole('button', { name: 'Add the blueprint' }).click()
	for (const text of texts) {
		await journey.getByLabel('Text', { exact: true }).fill(text)
		await journey.getByRole('button', { name: 'Add the card' }).click()
		await expect(journey.getByTestId('journey-status')).toHaveText(/^Card added/)
		await journey.getByLabel('Card', { exact: true }).selectOption({ label: 'A new card' })
	}
}

async function facilitatorPanel(page: Page) {
	const toggle = page.getByRole('button', { name: 'Facilitator panel', exact: true })
	if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
	return page.getByRole('complementary', { name: 'Run the workshop' })
}

test("a second session started from the first shows the first's blueprint, and the two compare", async ({ browser, request }) => {
	const first = await createRoom(request, 'Repairs, session 1')
	const one = await join(browser, first.links.facilitator, 'Ffion')
	await blueprintWith(one.page, ['Text the day before the visit', 'One named officer per repair'])

	const second = await createRoom(request, 'Repairs, session 2')
	const two = await join(browser, second.links.facilitator, 'Ffion')
	const panel = await facilitatorPanel(two.page)
	await panel.getByText('Series of sessions', { exact: true }).click()
	const series = panel.getByTestId('series-section')
	await expect(series).toContainText('This session is not part of a series yet.')
	await series.getByLabel("The earlier session's facilitator link").fill(first.links.facilitator)
	await series.getByRole('button', { name: 'Link to the earlier session' }).press('Enter')
	await expect(panel.getByTestId('panel-status')).toHaveText('Linked to the earlier session.')
	await expect(series.getByTestId('series-list').getByRole('listitem')).toHaveText(['Repairs, session 1', 'Repairs, session 2 · this session'])

	await series.getByRole('button', { name: "Start from the last session's design" }).click()
	await expect(panel.getByTestId('panel-status')).toHaveText('This board now starts from “Repairs, session 1”.')
	await expect(series.getByTestId('series-started-from')).toHaveText('Started from “Repairs, session 1”.')
	// The first session's blueprint, on the second board, in the outline.
	await two.page.getByRole('button', { name: 'Outline' }).click()
	const outline = two.page.getByRole('complementary', { name: 'Outline of the board' })
	await expect(outline).toContainText('Text the day before the visit')
	await expect(outline).toContainText('One named officer per repair')
	const shapes = await two.page.evaluate(() => window.cydEditor!.getCurrentPageShapes().map((s) => s.type))
	expect(shapes.filter((type) => type === 'cyd-blueprint')).toHaveLength(1)
	expect(shapes.filter((type) => type === 'cyd-card')).toHaveLength(2)

	// A new card in the second session, then the comparison.
	await two.page.getByRole('button', { name: 'Journey' }).click()
	const journey = two.page.getByRole('complementary', { name: 'Service journey' })
	await journey.getByLabel('Text', { exact: true }).fill('Book a time online')
	await journey.getByRole('button', { name: 'Add the card' }).click()
	await expect(journey.getByTestId('journey-status')).toHaveText(/^Card added/)
	await facilitatorPanel(two.page)
	// The panel opened again: its sections start folded.
	await panel.getByText('Series of sessions', { exact: true }).click()
	await series.getByLabel('Earlier session').selectOption({ label: 'Repairs, session 1' })
	await series.getByLabel('Later session').selectOption({ label: 'Repairs, session 2' })
	await series.getByRole('button', { name: 'Compare', exact: true }).click()
	await expect(series.getByTestId('session-diff-added')).toContainText('Added (1)')
	await expect(series.getByTestId('session-diff-added')).toContainText('Book a time online')
	await expect(series.getByTestId('session-diff-dropped')).toContainText('Dropped (0)')

	// The second session saved as a workshop template file starts a room of another organisation.
	const [file] = await Promise.all([two.page.waitForEvent('download'), series.getByRole('button', { name: 'Save as a workshop template (its agenda and design, as a file)' }).click()])
	expect(file.suggestedFilename()).toBe('Repairs-session-2-workshop-template.json')
	const bytes = await readFile((await file.path())!)
	expect(JSON.parse(bytes.toString())).toMatchObject({ format: 'cyd-workshop-template', version: 1, title: 'Repairs, session 2' })
	const other = await createRoom(request, 'Another council')
	const three = await join(browser, other.links.facilitator, 'Gwen')
	const otherPanel = await facilitatorPanel(three.page)
	await otherPanel.getByText('Series of sessions', { exact: true }).click()
	// A file that is not a design says why, naming what is wrong; nothing is put on the board.
	await otherPanel.getByLabel('Start from a design file (Cyd’s JSON export)').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"cyd-journey-template"}') })
	await expect(otherPanel.getByRole('alert').first()).toContainText('not a Cyd design file')
	await otherPanel.getByLabel('Start from a design file (Cyd’s JSON export)').setInputFiles({ name: 'template.json', mimeType: 'application/json', buffer: bytes })
	await expect(otherPanel.getByTestId('panel-status')).toHaveText('This board now starts from the design file “Repairs, session 2”.')
	await three.page.getByRole('button', { name: 'Outline' }).click()
	await expect(three.page.getByRole('complementary', { name: 'Outline of the board' })).toContainText('One named officer per repair')
	await expect(three.page.getByRole('complementary', { name: 'Outline of the board' })).toContainText('Book a time online')
	await three.context.close()
	await one.context.close()
	await two.context.close()
})

test("an evaluation answered from a phone, in Welsh, shows in the facilitator's totals", async ({ browser, request }) => {
	const room = await createRoom(request, 'Repairs: evaluation')
	const ffion = await join(browser, room.links.facilitator, 'Ffion')
	const phone = await join(browser, room.links.participant, 'Gareth', PHONE)
	const panel = await facilitatorPanel(ffion.page)
	await panel.getByText('Series of sessions', { exact: true }).click()
	const totals = panel.getByTestId('evaluation-totals')
	// The box follows the room's state, which the server sets: a click asks, the box shows the answer.
	await totals.getByLabel('Evaluation open for answers').click()
	await expect(totals.getByLabel('Evaluation open for answers')).toBeChecked()

	// The phone shows the form as soon as it opens; in Welsh once the person picks Welsh.
	const p = phone.page
	const form = p.getByTestId('evaluation-form')
	await expect(form).toBeVisible()
	await expect(form.getByRole('group', { name: 'I was listened to' })).toBeVisible()
	await p.locator('button[aria-controls="room-tools"]').click()
	await p.getByRole('combobox', { name: 'Language' }).first().selectOption('cy')
	await expect(form.getByRole('heading', { name: 'Sut oedd y sesiwn hon?' })).toBeVisible()
	// A group's radios take the arrow keys; a tap picks one.
	const listened = form.getByRole('group', { name: 'Gwrandawyd arna i' })
	await listened.getByRole('radio', { name: '1 · Anghytuno’n gryf' }).focus()
	for (let i = 0; i < 3; i++) await p.keyboard.press('ArrowRight')
	await expect(listened.getByRole('radio', { name: '4 · Cytuno', exact: true })).toBeChecked()
	await form.getByRole('group', { name: 'Byddwn i’n cymryd rhan eto' }).getByRole('radio', { name: '5 · Cytuno’n gryf' }).check()
	await form.getByLabel('Beth fyddech chi’n ei newid?').fill('Mwy o amser mewn grwpiau bach')
	await form.getByRole('button', { name: 'Anfon' }).press('Enter')
	await expect(p.getByTestId('evaluation-thanks')).toHaveText(/Diolch: mae’ch atebion wedi’u hanfon./)
	await expect(form).toHaveCount(0)

	await totals.getByRole('button', { name: 'Refresh the totals' }).click()
	await expect(totals.getByTestId('evaluation-responses')).toHaveText('Answers: 1')
	await expect(totals.getByTestId('evaluation-row-listened').getByRole('cell')).toHaveText(['0', '0', '0', '1', '0', 'Average 4 of 5'])
	await expect(totals.getByTestId('evaluation-row-understood').getByRole('cell')).toHaveText(['0', '0', '0', '0', '0', 'No answers yet'])
	await expect(totals.getByTestId('evaluation-changes')).toHaveText('Mwy o amser mewn grwpiau bach')
	// Reloaded, the phone does not ask again.
	await p.reload()
	await expect(p.locator('.tl-canvas')).toBeVisible()
	await expect(p.getByRole('heading', { name: 'Sut oedd y sesiwn hon?' })).toHaveCount(0)
	await ffion.context.close()
	await phone.context.close()
})

test("a seat answers the evaluation from its dock at the touch table, once", async ({ browser, request }) => {
	const room = await createRoom(request, 'Repairs: the table')
	const table = await join(browser, room.url, 'Ffion', { viewport: { width: 1600, height: 1000 }, hasTouch: true })
	const page = table.page
	await page.getByRole('button', { name: 'Table layout' }).click()
	const menu = page.getByRole('region', { name: 'The touch table' })
	for (const [i, name] of ['Ceri', 'Dai'].entries()) await menu.getByLabel(`Seat ${i + 1}`, { exact: true }).fill(name)
	await menu.getByRole('button', { name: 'Save the seats' }).click()
	await expect(menu.getByText('Seats saved.')).toBeVisible()
	await menu.getByRole('button', { name: 'Close the table settings' }).click()
	const dock = page.getByTestId('dock-0')
	await expect(dock.getByRole('button', { name: 'Evaluate' })).toHaveCount(0)

	const session = await sessionOf(page, room.id)
	const call = (method: 'GET' | 'PUT', path: string, data?: unknown) => request.fetch(`/api/rooms/${room.id}${path}`, { method, data, headers: { authorization: `Bearer ${session}` } })
	expect((await call('PUT', '/evaluation', { open: true })).status()).toBe(200)
	await dock.getByRole('button', { name: 'Evaluate' }).click()
	const form = dock.getByTestId('dock-0-evaluation')
	await form.getByRole('group', { name: 'I was listened to' }).getByRole('button', { name: '4 · Agree', exact: true }).click()
	await form.getByRole('group', { name: 'I would take part again' }).getByRole('button', { name: '5 · Agree strongly' }).click()
	await expect(form.getByRole('group', { name: 'I was listened to' }).getByRole('button', { name: '4 · Agree', exact: true })).toHaveAttribute('aria-pressed', 'true')
	await form.getByRole('button', { name: 'Send' }).click()
	await expect(form).toHaveText('Thank you: this seat has answered.')
	const totals = (await (await call('GET', '/evaluation')).json()) as { responses: number; statements: { listened: { counts: number[] } } }
	expect(totals.responses).toBe(1)
	expect(totals.statements.listened.counts).toEqual([0, 0, 0, 1, 0])
	// Opened again, the seat is not asked twice.
	await dock.getByRole('button', { name: 'Evaluate' }).click()
	await dock.getByRole('button', { name: 'Evaluate' }).click()
	await expect(dock.getByTestId('dock-0-evaluation')).toHaveText('Thank you: this seat has answered.')
	await table.context.close()
})

test('a design shared to the gallery is found by its topic and copied into a new room by another facilitator', async ({ browser, request }) => {
	const first = await createRoom(request, 'Damp and mould in Tregaron')
	const one = await join(browser, first.links.facilitator, 'Ffion')
	await blueprintWith(one.page, ['Inspect within a week where children live', 'A named officer for each repair'])
	// One card agreed (through the API, as the panel's Agreed button does).
	const cards = await one.page.evaluate(() =>
		window.cydEditor!.getCurrentPageShapes().flatMap((s) => (s.type === 'cyd-card' ? [{ id: s.id, text: (s.props as { text: string }).text }] : []))
	)
	const agreed = cards.find((c) => c.text.startsWith('Inspect'))!
	const decided = await request.post(`/api/rooms/${first.id}/decisions`, { data: { item: agreed.id, status: 'agreed' }, headers: { authorization: `Bearer ${await sessionOf(one.page, first.id)}` } })
	expect(decided.status()).toBe(201)
	const panel = await facilitatorPanel(one.page)
	await panel.getByText('Series of sessions', { exact: true }).click()
	const gallery = panel.getByTestId('gallery')
	await gallery.getByLabel('Topic', { exact: true }).fill('Housing: damp')
	await gallery.getByRole('button', { name: 'Share the agreed design to the gallery' }).click()
	await expect(gallery.getByTestId('gallery-shared')).toHaveText('Shared to the gallery under “Housing: damp”.')

	// Another organisation's facilitator, in Welsh.
	const other = await createRoom(request, 'Cyngor arall')
	const two = await join(browser, other.links.facilitator, 'Gwen')
	await two.page.getByRole('combobox', { name: 'Language' }).first().selectOption('cy')
	const theirs = two.page.getByRole('complementary', { name: 'Rhedeg y gweithdy' })
	if (!(await theirs.isVisible())) await two.page.getByRole('button', { name: 'Panel yr hwylusydd', exact: true }).click()
	await theirs.getByText('Cyfres o sesiynau', { exact: true }).click()
	const search = theirs.getByTestId('gallery')
	await search.getByLabel('Chwilio’r oriel').fill('damp')
	await search.getByRole('button', { name: 'Chwilio', exact: true }).press('Enter')
	await expect(search.getByTestId('gallery-results')).toContainText('Damp and mould in Tregaron')
	await search.getByRole('button', { name: 'Dechrau o “Damp and mould in Tregaron”' }).click()
	await expect(theirs.getByTestId('panel-status')).toHaveText('Mae’r bwrdd hwn bellach yn dechrau o “Damp and mould in Tregaron” o’r oriel.')
	await expect
		.poll(() => two.page.evaluate(() => window.cydEditor!.getCurrentPageShapes().flatMap((s) => (s.type === 'cyd-card' ? [(s.props as { text: string }).text] : []))))
		.toEqual(['Inspect within a week where children live'])
	await one.context.close()
	await two.context.close()
})
