import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import { createRoom, join } from './fixtures'

/** Click a button that downloads a file; answers the file's name and bytes. */
async function download(page: Page, click: () => Promise<void>) {
	const [file] = await Promise.all([page.waitForEvent('download'), click()])
	return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) }
}

test('the facilitator agrees two cards, saves a version, exports JSON, PDF and a picture, and publishes exactly what was agreed', async ({ browser, request }) => {
	const room = await createRoom(request, 'Repairs: what we agreed')
	const ffion = await join(browser, room.links.facilitator, 'Ffion')
	const f = ffion.page

	// Three cards on a blank blueprint.
	await f.getByRole('button', { name: 'Journey' }).click()
	const journey = f.getByRole('complementary', { name: 'Service journey' })
	await journey.getByRole('button', { name: 'Add the blueprint' }).click()
	for (const text of ['Text the day before the visit', 'One named officer per repair', 'Close the phone line']) {
		await journey.getByLabel('Text', { exact: true }).fill(text)
		await journey.getByRole('button', { name: 'Add the card' }).click()
		await expect(journey.getByTestId('journey-status')).toHaveText(/^Card added/)
		await journey.getByLabel('Card', { exact: true }).selectOption({ label: 'A new card' })
	}
	const picture = await download(f, () => journey.getByRole('button', { name: 'Save a picture (PNG)' }).click())
	expect(picture.name).toBe('new-service-journey.png')
	expect(picture.bytes.subarray(1, 4).toString()).toBe('PNG')

	// Decisions, from the outline's Select and the facilitator panel.
	await f.getByRole('button', { name: 'Outline' }).click()
	const outline = f.getByRole('complementary', { name: 'Outline of the board' })
	await f.getByRole('button', { name: 'Facilitator panel' }).click()
	const panel = f.getByRole('complementary', { name: 'Run the workshop' })
	const decide = async (text: string, status: 'Agreed' | 'Rejected', note = '') => {
		await outline.getByRole('listitem').filter({ hasText: text }).getByRole('button', { name: 'Select' }).click()
		await f.getByRole('button', { name: 'Facilitator panel' }).click()
		await expect(panel.getByText(`Selected: ${text}`)).toBeVisible()
		await panel.getByLabel('Note (optional)').fill(note)
		await panel.getByRole('button', { name: status, exact: true }).click()
		await expect(panel.getByTestId('panel-status')).toHaveText(`Marked as ${status}.`)
	}
	await decide('Text the day before the visit', 'Agreed', 'Start in March')
	await decide('One named officer per repair', 'Agreed')
	await decide('Close the phone line', 'Rejected', 'Many residents rely on it')
	await expect(panel.getByTestId('decision-log').getByRole('listitem')).toHaveCount(3)
	await expect(outline.getByRole('listitem').filter({ hasText: 'Close the phone line' })).toContainText('[Rejected]')
	await expect(f.getByTestId('status-badge')).toHaveCount(3)

	// A named version.
	await panel.getByText('Versions', { exact: true }).click()
	await panel.getByLabel('Name of this version').fill('End of session one')
	await panel.getByRole('button', { name: 'Save a version' }).click()
	await expect(panel.getByTestId('version-list')).toContainText('End of session one')

	// Exports through the panel: agreed only is the default.
	await panel.getByText('Export', { exact: true }).click()
	await panel.getByLabel('Format').selectOption('json')
	const json = await download(f, () => panel.getByRole('button', { name: 'Download' }).click())
	expect(json.name).toMatch(/^Repairs-what-we-agreed-\d{4}-\d{2}-\d{2}-agreed\.json$/)
	const design = JSON.parse(json.bytes.toString()) as { title: string; journeys: Array<{ cards: Array<{ text: string }> }>; decisions: Array<{ note: string }> }
	expect(design.title).toBe('Repairs: what we agreed')
	expect(design.journeys[0]!.cards.map((c) => c.text)).toEqual(['Text the day before the visit', 'One named officer per repair'])
	await panel.getByLabel('Format').selectOption('pdf')
	await panel.getByLabel('Of', { exact: true }).selectOption({ label: 'End of session one' })
	const pdf = await download(f, () => panel.getByRole('button', { name: 'Download' }).click())
	expect(pdf.name).toMatch(/\.pdf$/)
	expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-')

	// Publish; the page opens in a fresh browser with no token and shows exactly what was agreed.
	await panel.getByText('Public page', { exact: true }).click()
	await panel.getByRole('button', { name: 'Publish' }).click()
	await expect(panel.getByTestId('panel-status')).toHaveText('Published.')
	const link = await panel.getByRole('textbox', { name: 'Public link' }).inputValue()
	const stranger = await browser.newContext()
	const page = await stranger.newPage()
	await page.goto(link)
	const body = page.locator('body')
	await expect(body).toContainText('Text the day before the visit')
	await expect(body).toContainText('One named officer per repair')
	await expect(body).toContainText('Start in March')
	// What was rejected is said, with its reason, as not taken forward; never among what was agreed.
	const notTaken = page.locator('section[aria-labelledby="not-taken"]')
	await expect(notTaken).toContainText('Close the phone line')
	await expect(notTaken).toContainText('Many residents rely on it')
	await expect(page.locator('section[aria-labelledby="journeys"]')).not.toContainText('Close the phone line')
	await expect(page.locator('section[aria-labelledby="decisions"]')).not.toContainText('Close the phone line')
	await page.screenshot({ path: test.info().outputPath('published.png'), fullPage: true })

	// Withdrawn, the same link shows nothing of it.
	await panel.getByRole('button', { name: 'Withdraw the page' }).click()
	await expect(panel.getByTestId('panel-status')).toHaveText('The public page is withdrawn.')
	const gone = await page.goto(link)
	expect(gone?.status()).toBe(404)
	await expect(page.locator('body')).not.toContainText('Text the day before the visit')
	await stranger.close()
	await ffion.context.close()
})
