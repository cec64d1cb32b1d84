import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { createRoom, join } from './fixtures'

/** Serious and critical accessibility violations on the page as it is now (WCAG 2.2 A and AA rules). */
async function violations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`)
}

test('axe finds no serious or critical violations on the landing page, the guide, the join page and every mode of a room', async ({ browser, page, request }) => {
	await page.goto('/')
	expect(await violations(page), 'landing').toEqual([])
	await page.getByRole('link', { name: 'How to take part: an easy guide' }).click()
	await expect(page.getByRole('heading', { name: 'How to take part' })).toBeVisible()
	await expect(page.getByRole('heading', { level: 2 })).toHaveCount(6)
	expect(await violations(page), 'guide').toEqual([])
	await page.getByRole('combobox', { name: 'Language' }).selectOption('cy')
	await expect(page.getByRole('heading', { name: 'Sut i gymryd rhan' })).toBeVisible()
	expect(await violations(page), 'guide in Welsh').toEqual([])
	await page.screenshot({ path: test.info().outputPath('guide-cy.png'), fullPage: true })
	await page.getByRole('combobox', { name: 'Iaith' }).selectOption('en')

	const room = await createRoom(request, 'Axe room')
	const joining = await browser.newContext()
	const joinPage = await joining.newPage()
	await joinPage.goto(room.links.participant)
	await expect(joinPage.getByLabel('Your name')).toBeVisible()
	expect(await violations(joinPage), 'join').toEqual([])
	await joining.close()

	const ffion = await join(browser, room.links.facilitator, 'Ffion')
	const f = ffion.page
	expect(await violations(f), 'room with the facilitator panel').toEqual([])
	await f.getByRole('button', { name: 'Journey' }).click()
	await f.getByRole('complementary', { name: 'Service journey' }).getByLabel('Start from').selectOption('housing-repair')
	await f.getByRole('button', { name: 'Add the blueprint' }).click()
	expect(await violations(f), 'journey mode').toEqual([])
	await f.getByRole('button', { name: 'Stakeholders' }).click()
	await f.getByRole('button', { name: 'Add the map' }).click()
	expect(await violations(f), 'stakeholder mode').toEqual([])
	await f.getByRole('button', { name: 'Outline' }).click()
	expect(await violations(f), 'outline').toEqual([])
	// The high-contrast theme and larger text, checked the same way (colour contrast included).
	await f.locator('.display-menu summary').click()
	await f.getByLabel('High contrast').check()
	await f.getByLabel('Larger text').check()
	await expect(f.locator('html')).toHaveClass(/cyd-high-contrast/)
	expect(await violations(f), 'high contrast, larger text').toEqual([])
	await f.getByRole('combobox', { name: 'Language' }).first().selectOption('cy')
	await expect(f.locator('html')).toHaveAttribute('lang', 'cy')
	expect(await violations(f), 'outline in Welsh').toEqual([])
	await ffion.context.close()
})
