import { readFile } from 'node:fs/promises'
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { createRoom, join, makeNote, sessionOf } from './fixtures'

/** Click a button that downloads a file; answers the file's name and text. */
async function download(page: Page, click: () => Promise<void>) {
	const [file] = await Promise.all([page.waitForEvent('download'), click()])
	return { name: file.suggestedFilename(), text: (await readFile((await file.path())!)).toString('utf8') }
}

test('notes reach the comparison of versions and the CSV picker, and the export panel says what is true of what was agreed', async ({ browser, request }) => {
	const room = await createRoom(request, 'Buses: what we heard')
	const ffion = await join(browser, room.links.facilitator, 'Ffion')
	const f = ffion.page
	await f.getByRole('button', { name: 'Close the facilitator panel' }).click()

	// A sticky note, then three stakeholders on a map, none of them agreed.
	const first = await makeNote(f, { x: 260, y: 260 }, 'Buses stop at six')
	await f.getByRole('button', { name: 'Stakeholders' }).click()
	const map = f.getByRole('complementary', { name: 'Stakeholders and community assets' })
	await map.getByLabel('Layout').selectOption({ label: 'Stakeholder rings' })
	await map.getByRole('button', { name: 'Add the map' }).click()
	for (const name of ['Tenant', 'Bus company', 'Council']) {
		await map.getByLabel('Stakeholder', { exact: true }).selectOption('new')
		await map.getByLabel('Name', { exact: true }).first().fill(name)
		await map.getByRole('button', { name: 'Add the stakeholder' }).click()
		await expect(map.getByTestId('map-status')).toHaveText(`${name} added to the map.`)
	}
	await f.getByRole('button', { name: 'Stakeholders' }).click()
	await expect(map).toBeHidden()

	// A version, then another note, and the first one agreed.
	await f.getByRole('button', { name: 'Facilitator panel' }).click()
	const panel = f.getByRole('complementary', { name: 'Run the workshop' })
	await panel.getByText('Versions', { exact: true }).click()
	await panel.getByLabel('Name of this version').fill('Before lunch')
	await panel.getByRole('button', { name: 'Save a version' }).click()
	await expect(panel.getByTestId('version-list')).toContainText('Before lunch')
	await f.getByRole('button', { name: 'Close the facilitator panel' }).click()
	await makeNote(f, { x: 260, y: 520 }, 'A bench by the stop')
	await f.evaluate((id) => {
		window.cydEditor?.select(id)
	}, first)
	await f.getByRole('button', { name: 'Facilitator panel' }).click()
	await expect(panel.getByText('Selected: Buses stop at six')).toBeVisible()
	await panel.getByRole('button', { name: 'Agreed', exact: true }).click()
	await expect(panel.getByTestId('panel-status')).toHaveText('Marked as Agreed.')
	// Dates in the language's own form ("29 November 2026, 14:05"), never the browser's US form.
	const ukDate = /\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}/
	await expect(panel.getByTestId('decision-log').getByRole('listitem').first()).toContainText(ukDate)

	// The comparison shows the notes as their own group: one added, one agreed since the version.
	// The panel was closed since, so its Versions section is folded again.
	const compare = panel.getByRole('button', { name: 'Compare Before lunch with now' })
	if (!(await compare.isVisible())) await panel.getByText('Versions', { exact: true }).click()
	await compare.click()
	await expect(panel.getByTestId('version-list').getByRole('listitem').first()).toContainText(ukDate)
	const diff = panel.getByTestId('version-diff')
	await expect(diff).not.toContainText('Nothing has changed.')
	const notes = diff.getByTestId('diff-contributions')
	await expect(notes.getByRole('heading', { name: 'Notes, text and drawings' })).toBeVisible()
	await expect(notes.getByRole('listitem')).toHaveText(['Added: A bench by the stop', 'Agreed since then: Buses stop at six'])

	// The export panel says what there is beside what was agreed.
	await panel.getByText('Export', { exact: true }).click()
	await expect(panel.getByLabel('Only what was agreed')).toBeChecked()
	const counts = panel.getByTestId('export-counts')
	await expect(counts.getByRole('listitem')).toHaveText(['3 stakeholders were mapped; none agreed yet.', 'Notes and other contributions: 1 of 2 agreed'])

	// The CSV picker offers every table the server exports (the server names them when refused one).
	const refused = await request.get(`/api/rooms/${room.id}/export?format=csv&table=none`, { headers: { Authorization: `Bearer ${await sessionOf(f, room.id)}` } })
	expect(refused.status()).toBe(400)
	const accepted = /one of (.+)$/.exec(((await refused.json()) as { error: string }).error)![1]!.split(', ')
	expect(accepted).toContain('contributions')
	await panel.getByTestId('export-counts').screenshot({ path: test.info().outputPath('export-counts.png') })
	await panel.getByLabel('Format').selectOption('csv')
	const offered = await panel.getByLabel('Table', { exact: true }).locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
	expect(offered).toEqual(['all', ...accepted])
	await panel.getByLabel('Table', { exact: true }).selectOption({ label: 'Notes, text, drawings and other contributions' })
	const csv = await download(f, () => panel.getByRole('button', { name: 'Download' }).click())
	expect(csv.name).toMatch(/contributions.*\.csv$/)
	expect(csv.text).toContain('Buses stop at six')
	expect(csv.text).not.toContain('A bench by the stop')
	// The report of only what was agreed says the same as the panel.
	await panel.getByLabel('Format').selectOption('md')
	const md = await download(f, () => panel.getByRole('button', { name: 'Download' }).click())
	expect(md.text).toContain('3 stakeholders were mapped; none agreed yet.')
	expect(md.text).toContain('Buses stop at six')
	await ffion.context.close()
})

test('the balance of voice counts what each person did and says what is counted, in English and Welsh', async ({ browser, request }) => {
	const room = await createRoom(request, 'Library: opening hours')
	const ffion = await join(browser, room.links.facilitator, 'Ffion')
	const dai = await join(browser, room.links.participant, 'Dai')
	await join(browser, room.links.participant, 'Owain')
	const f = ffion.page
	const d = dai.page

	// Dai makes a note, moves it, and votes for it in a round.
	const id = await makeNote(d, { x: 300, y: 300 }, 'Open on Sundays')
	await d.evaluate((note) => {
		const editor = window.cydEditor as unknown as { getShape(id: string): { x: number; y: number }; updateShape(s: { id: string; type: string; x: number; y: number }): void }
		const shape = editor.getShape(note)
		editor.updateShape({ id: note, type: 'note', x: shape.x + 200, y: shape.y })
	}, id)
	const auth = async (page: Page) => ({ Authorization: `Bearer ${await sessionOf(page, room.id)}` })
	expect((await request.post(`/api/rooms/${room.id}/rounds`, { headers: await auth(f), data: { votesPerPerson: 3 } })).status()).toBeLessThan(300)
	expect((await request.post(`/api/rooms/${room.id}/votes`, { headers: await auth(d), data: { shapeId: id, delta: 1 } })).status()).toBe(200)

	// The balance of voice is open from the start (found by its test id: the panel's name changes with the language).
	const balance = f.getByTestId('balance')
	await expect(balance.getByTestId('balance-counted')).toHaveText(
		'What is counted: the items each person made, edited and moved on the board, and the items they voted for; each item once per person for each of these.'
	)
	const table = balance.getByRole('table')
	await expect(table).toHaveAccessibleName('What each person did on the board, least first')
	await expect(table.getByRole('columnheader')).toHaveText(['Made', 'Edited', 'Moved', 'Voted for', 'Total'])
	const dais = table.locator('tbody[data-person="Dai"]')
	await expect(dais.locator('th')).toHaveText('Dai (Participant)')
	// Made 1, edited 1 (its words), moved 1, voted for 1: 4 in all.
	await expect(dais.getByRole('cell')).toHaveText(['1', '1', '1', '1', '4'])
	await expect(table.locator('tbody[data-person="Owain"] tr').first()).toHaveClass('quiet')
	await expect(table.locator('tbody[data-person="Owain"] th')).toContainText('not heard yet')
	expect((await new AxeBuilder({ page: f }).include('[data-testid="balance"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations).toEqual([])
	await balance.screenshot({ path: test.info().outputPath('balance-en.png') })

	await f.getByLabel('Language').first().selectOption('cy')
	await expect(balance.getByTestId('balance-counted')).toContainText('Beth sy’n cael ei gyfrif')
	await expect(table.getByRole('columnheader')).toHaveText(['Wedi’u gwneud', 'Wedi’u golygu', 'Wedi’u symud', 'Wedi pleidleisio', 'Cyfanswm'])
	await balance.screenshot({ path: test.info().outputPath('balance-cy.png') })
	await ffion.context.close()
	await dai.context.close()
})
