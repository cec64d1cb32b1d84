import { expect, test, type Page } from '@playwright/test'
import { createRoom, join, sessionOf } from './fixtures'

const APPRAISAL = ['Pain point', 'Achievement', 'What works', 'Opportunity', 'Question', 'Evidence']
const EVERY = ['Action', 'Touchpoint', 'Pain point', 'Opportunity', 'Idea', 'Question', 'Evidence', 'Achievement', 'What works']

async function facilitatorPanel(page: Page) {
	const toggle = page.getByRole('button', { name: 'Facilitator panel', exact: true })
	if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
	return page.getByRole('complementary', { name: 'Run the workshop' })
}

const optionsOf = (page: Page, label: string) =>
	page
		.getByRole('complementary', { name: 'Service journey' })
		.getByLabel(label, { exact: true })
		.locator('option')
		.allTextContents()

test('a room made from an appraisal template offers its kinds of card, achievement and what works among them, in the journey panel, the outline and the table docks', async ({ browser, request }) => {
	// The first room: an appraisal, its kinds chosen in the facilitator panel.
	const first = await createRoom(request, 'Joint audit 2025')
	const ffion = await join(browser, first.links.facilitator, 'Ffion')
	const panel = await facilitatorPanel(ffion.page)
	const kinds = panel.getByTestId('card-kinds')
	await expect(kinds.getByRole('checkbox', { checked: true })).toHaveCount(9)
	await kinds.getByRole('button', { name: 'An appraisal’s kinds (needs, achievements, what works)' }).click()
	await expect(kinds.getByRole('checkbox', { name: 'Touchpoint' })).not.toBeChecked()
	await expect(kinds.getByRole('checkbox', { name: 'What works' })).toBeChecked()
	await ffion.page.getByRole('button', { name: 'Journey' }).click()
	const journey = ffion.page.getByRole('complementary', { name: 'Service journey' })
	await journey.getByLabel('Start from').selectOption({ label: 'Appraisal: a joint audit of needs and achievements' })
	await journey.getByRole('button', { name: 'Add the blueprint' }).click()
	await expect(journey.getByTestId('journey-status')).toHaveText('Blueprint added.')
	const session = await sessionOf(ffion.page, first.id)
	const saved = await request.get(`/api/rooms/${first.id}/series/template`, { headers: { authorization: `Bearer ${session}` } })
	expect(saved.status()).toBe(200)
	const template = (await saved.json()) as { cardKinds: string[] }
	expect(template.cardKinds).toEqual(['pain', 'achievement', 'works', 'opportunity', 'question', 'evidence'])

	// Another organisation's room made from that template file, at a touch table.
	const next = await createRoom(request, 'Joint audit 2026')
	const gwen = await join(browser, next.links.facilitator, 'Gwen', { viewport: { width: 1600, height: 1000 }, hasTouch: true })
	const page = gwen.page
	const otherPanel = await facilitatorPanel(page)
	await otherPanel.getByText('Series of sessions', { exact: true }).click()
	await otherPanel.getByLabel('Start from a design file (Cyd’s JSON export)').setInputFiles({ name: 'appraisal.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(template)) })
	await expect(otherPanel.getByTestId('panel-status')).toHaveText('This board now starts from the design file “Joint audit 2025”.')
	await expect(otherPanel.getByTestId('card-kinds').getByRole('checkbox', { checked: true })).toHaveCount(6)

	// The journey panel: a new card may be any of the appraisal's kinds, and nothing else.
	await page.getByRole('button', { name: 'Journey' }).click()
	expect(await optionsOf(page, 'Kind')).toEqual(APPRAISAL)
	// The outline's card form offers the same.
	await page.getByRole('button', { name: 'Outline' }).click()
	const outline = page.getByRole('complementary', { name: 'Outline of the board' })
	await outline.getByRole('button', { name: 'Add a card' }).first().click()
	expect(await outline.getByLabel('Kind', { exact: true }).locator('option').allTextContents()).toEqual(APPRAISAL)
	await outline.getByRole('button', { name: 'Cancel' }).click()

	// The table's docks: Cards offers achievement and what works, not a touchpoint.
	await (await facilitatorPanel(page)).getByRole('button', { name: 'Table layout' }).click()
	const menu = page.getByRole('region', { name: 'The touch table' })
	for (const [i, name] of ['Ceri', 'Dai'].entries()) await menu.getByLabel(`Seat ${i + 1}`, { exact: true }).fill(name)
	await menu.getByRole('button', { name: 'Save the seats' }).click()
	await expect(menu.getByText('Seats saved.')).toBeVisible()
	await menu.getByRole('button', { name: 'Close the table settings' }).click()
	const dock = page.getByTestId('dock-0')
	await dock.getByRole('button', { name: 'Cards', exact: true }).click()
	const cards = dock.getByRole('group', { name: 'Cards' })
	await expect(cards.getByRole('button')).toHaveText([...APPRAISAL, 'Stakeholder', 'Community asset'])
	await cards.getByRole('button', { name: 'What works' }).click()
	await expect.poll(() => page.evaluate(() => window.cydEditor!.getCurrentPageShapes().filter((s) => s.type === 'cyd-card' && (s.props as { kind: string }).kind === 'works').length)).toBeGreaterThan(1)

	// Every kind again, when the facilitator chooses.
	await page.getByRole('button', { name: 'Leave the table layout' }).click()
	const again = await facilitatorPanel(page)
	await again.getByTestId('card-kinds').getByRole('button', { name: 'Every kind' }).click()
	await page.getByRole('button', { name: 'Journey' }).click()
	await expect.poll(() => optionsOf(page, 'Kind')).toEqual(EVERY)
	await ffion.context.close()
	await gwen.context.close()
})
