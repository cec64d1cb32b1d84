import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { createRoom, fitView, join, waitForCanvas } from './fixtures'

/** Serious and critical accessibility violations on the page as it is now (WCAG 2.2 A and AA rules). */
async function violations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`)
}

test('axe finds no serious or critical violations on the landing page, the guide and the join page', async ({ browser, page, request }) => {
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
})

test('axe finds no serious or critical violations in every mode of a room, in high contrast with larger text, and in Welsh', async ({ browser, request }) => {
	const room = await createRoom(request, 'Axe room')
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

test('the dark theme: followed from the device until a theme is chosen, on Cyd’s panels and tldraw alike, with no serious or critical violations (colour contrast included)', async ({ browser, request }) => {
	const room = await createRoom(request, 'Dark room')
	// A device set to dark: the join page follows it, with nothing chosen yet.
	const context = await browser.newContext({ colorScheme: 'dark' })
	const f = await context.newPage()
	const html = f.locator('html')
	await f.goto('/')
	await expect(html).toHaveClass(/\bcyd-dark\b/)
	expect(await violations(f), 'landing, dark').toEqual([])
	await f.getByRole('link', { name: 'How to take part: an easy guide' }).click()
	await expect(f.getByRole('heading', { name: 'How to take part' })).toBeVisible()
	expect(await violations(f), 'guide, dark').toEqual([])
	await f.goto(room.links.facilitator)
	await expect(f.getByLabel('Your name')).toBeVisible()
	await expect(html).toHaveClass(/\bcyd-dark\b/)
	await expect(f.getByLabel('As this device is set')).toBeChecked()
	expect(await violations(f), 'join, dark').toEqual([])
	await f.getByLabel('Your name').fill('Ffion')
	await f.getByRole('button', { name: 'Join' }).click()
	await waitForCanvas(f)
	await expect(f.locator('.tl-container')).toHaveClass(/\btl-theme__dark\b/)

	// Chosen in the Display menu, the theme wins over the device, for the panels and the board, and is kept.
	await f.locator('.display-menu summary').click()
	await f.getByLabel('Light', { exact: true }).check()
	await expect(html).not.toHaveClass(/\bcyd-dark\b/)
	await expect(f.locator('.tl-container')).toHaveClass(/\btl-theme__light\b/)
	await f.getByLabel('Dark', { exact: true }).check()
	await expect(html).toHaveClass(/\bcyd-dark\b/)
	await expect(f.locator('.tl-container')).toHaveClass(/\btl-theme__dark\b/)
	await f.reload()
	await waitForCanvas(f)
	await expect(html).toHaveClass(/\bcyd-dark\b/)
	await expect(f.locator('.tl-container')).toHaveClass(/\btl-theme__dark\b/)
	expect(await f.evaluate(() => getComputedStyle(document.querySelector('.panel')!).backgroundColor)).toBe('rgb(28, 32, 38)')

	// A journey and a map on the board, each panel checked on the way.
	await f.getByRole('button', { name: 'Journey' }).click()
	await f.getByRole('complementary', { name: 'Service journey' }).getByLabel('Start from').selectOption('housing-repair')
	await f.getByRole('button', { name: 'Add the blueprint' }).click()
	expect(await violations(f), 'journey mode, dark').toEqual([])
	await f.getByRole('button', { name: 'Stakeholders' }).click()
	await f.getByRole('button', { name: 'Add the map' }).click()
	await f.getByLabel('Name', { exact: true }).first().fill('Tenants')
	await f.getByRole('button', { name: 'Add the stakeholder' }).click()
	expect(await violations(f), 'stakeholder mode, dark').toEqual([])

	// The facilitator panel and the outline open together, then an outline form open too.
	await f.getByRole('button', { name: 'Facilitator panel' }).click()
	await f.getByRole('button', { name: 'Outline' }).click()
	const outline = f.getByRole('complementary', { name: 'Outline of the board' })
	await expect(f.getByRole('complementary', { name: 'Run the workshop' })).toBeVisible()
	await expect(outline.getByRole('heading', { name: 'Stakeholders' })).toBeVisible()
	await fitView(f)
	expect(await violations(f), 'facilitator panel and outline, dark').toEqual([])
	await f.screenshot({ path: test.info().outputPath('room-dark.png') })
	await outline.getByRole('listitem').first().getByRole('button', { name: 'Edit' }).click()
	await expect(outline.getByRole('form')).toBeVisible()
	expect(await violations(f), 'an outline form, dark').toEqual([])
	await f.screenshot({ path: test.info().outputPath('outline-form-dark.png') })
	await context.close()
})

test('on a phone the header folds behind a menu button, and the room still passes axe with it open', async ({ browser, request }) => {
	const room = await createRoom(request, 'Housing repairs')
	const nia = await join(browser, room.links.participant, 'Nia', { viewport: { width: 393, height: 851 }, hasTouch: true, isMobile: true })
	const page = nia.page
	const menu = page.locator('header').getByRole('button', { name: 'Menu' })
	const outline = page.getByRole('button', { name: 'Outline' })
	await expect(menu).toHaveAttribute('aria-expanded', 'false')
	await expect(outline).toBeHidden()
	// The header is two short lines at most, not a quarter of the screen.
	expect((await page.locator('.room-header').boundingBox())!.height).toBeLessThan(100)
	await menu.click()
	await expect(menu).toHaveAttribute('aria-expanded', 'true')
	await outline.click()
	await expect(page.getByRole('complementary', { name: 'Outline of the board' })).toBeVisible()
	expect(await violations(page), 'phone, menu open').toEqual([])
	// The Display menu opens on the screen, wherever its button wrapped to.
	await page.locator('.display-menu summary').click()
	const body = (await page.locator('.display-menu-body').boundingBox())!
	expect(body.x).toBeGreaterThanOrEqual(0)
	expect(body.x + body.width).toBeLessThanOrEqual(393)
	await expect(page.getByLabel('Larger text')).toBeInViewport()
	await nia.context.close()
})
