/**
 * tldraw's own interface in a Welsh room: its toolbar, its menu, its style panel, the status it
 * announces to a screen reader when a shape is selected (tldraw's shapes and Cyd's), with no English
 * left and no warning that tldraw has no Welsh.
 */
import { expect, test } from '@playwright/test'
import { translate } from '../apps/web/src/i18n/catalog'
import { createRoom, join } from './fixtures'

// tldraw's English for the labels checked here: none of it may show in the Welsh room.
const ENGLISH = ['Select', 'Hand', 'Draw', 'Eraser', 'Arrow', 'Text', 'Note', 'Rectangle', 'Edit', 'View', 'Preferences', 'Export as', 'Triangle', 'Diamond', 'tool.cyd-card']

test('Welsh: tldraw’s toolbar, menu, style panel and screen-reader announcements are in Welsh', async ({ browser, request }) => {
	const room = await createRoom(request, 'Ystafell')
	const person = await join(browser, room.links.participant, 'Alys')
	const { page } = person
	const warnings: string[] = []
	page.on('console', (m) => {
		if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text())
	})
	await page.getByLabel('Language').selectOption('cy')
	await expect(page.locator('html')).toHaveAttribute('lang', 'cy')

	// The toolbar: each tool is named in Welsh.
	const welshTools: Record<string, string> = { select: 'Dewis', hand: 'Llaw', draw: 'Lluniadu', eraser: 'Rhwbiwr', arrow: 'Saeth', text: 'Testun', note: 'Nodyn' }
	for (const [tool, welsh] of Object.entries(welshTools)) {
		const button = page.getByTestId(`tools.${tool}`)
		if (!(await button.isVisible())) continue
		await expect(button, tool).toHaveAttribute('aria-label', new RegExp(`^${welsh}\\b`))
	}
	await expect(page.getByTestId('tools.note')).toHaveAttribute('aria-label', /^Nodyn/)
	// tldraw's own board is marked as Welsh too.
	await expect(page.locator('.tl-container').first()).toHaveAttribute('lang', 'cy')

	// tldraw's main menu.
	await page.getByTestId('main-menu.button').click()
	const menu = page.locator('.tlui-menu').first()
	await expect(menu).toBeVisible()
	await expect(menu).toContainText('Golygu')
	await expect(menu).toContainText('Gweld')
	const menuText = await menu.innerText()
	for (const word of ['Edit', 'View', 'Preferences', 'Export as']) expect(menuText.split('\n'), word).not.toContain(word)
	await page.keyboard.press('Escape')

	// What tldraw tells a screen reader when a shape is selected: a triangle, then one of Cyd's cards.
	const status = page.getByRole('status', { name: 'Statws' })
	await page.evaluate(() => {
		const editor = window.cydEditor!
		editor.createShape({ id: 'shape:welsh-triangle', type: 'geo', x: 100, y: 100, props: { geo: 'triangle', w: 120, h: 120 } } as { type: string; x: number; y: number })
		editor.select('shape:welsh-triangle')
	})
	await expect(status).toContainText('Triongl')
	// The style panel of the selected triangle.
	await expect(page.getByTestId('style.color.blue')).toHaveAttribute('aria-label', /^Lliw — Glas/)
	await expect(page.getByTestId('style.fill.solid')).toHaveAttribute('aria-label', /^Llenwi — Solet/)
	await expect(page.getByTestId('style.size.m')).toHaveAttribute('aria-label', /^Maint — Canolig/)
	await page.evaluate(() => {
		const editor = window.cydEditor!
		editor.createShape({ id: 'shape:welsh-card', type: 'cyd-card', x: 400, y: 100 } as { type: string; x: number; y: number })
		editor.select('shape:welsh-card')
	})
	await expect(status).toContainText('Cerdyn')
	const announced = await status.innerText()
	for (const word of ENGLISH) expect(announced, word).not.toContain(word)

	expect(warnings.filter((w) => /No translation found for locale|missing messages/.test(w))).toEqual([])
	await page.screenshot({ path: 'test-results/tldraw-welsh.png' })
	await person.context.close()
})

test('Welsh browser: a saved version opens in the Welsh room with no error or warning about translations', async ({ browser, request }) => {
	const cy = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate('cy', key, params)
	const room = await createRoom(request, 'Ystafell')
	const context = await browser.newContext({ locale: 'cy-GB' })
	const page = await context.newPage()
	const problems: string[] = []
	page.on('console', (m) => {
		if (m.type() === 'warning' || m.type() === 'error') problems.push(m.text())
	})
	page.on('pageerror', (e) => problems.push(e.message))
	await page.goto(room.links.facilitator)
	// The room is in English; this person picks Welsh.
	await page.getByLabel('Language').first().selectOption('cy')
	await page.getByLabel(cy('join.name')).fill('Ffion')
	await page.getByRole('button', { name: cy('join.submit') }).click()
	await expect(page.locator('html')).toHaveAttribute('lang', 'cy')
	await expect(page.locator('.tl-canvas')).toBeVisible()

	const panel = page.getByRole('complementary', { name: cy('panel.heading') })
	await panel.getByText(cy('versions.heading'), { exact: true }).click()
	await panel.getByLabel(cy('versions.name')).fill('Diwedd y sesiwn')
	await panel.getByRole('button', { name: cy('versions.save') }).click()
	await expect(panel.getByTestId('version-list')).toContainText('Diwedd y sesiwn')
	await panel.getByRole('button', { name: cy('versions.openNamed', { name: 'Diwedd y sesiwn' }) }).click()
	await expect(page.getByTestId('version-canvas').locator('.tl-canvas')).toBeVisible()
	await expect(page.getByRole('dialog').getByRole('heading')).toHaveText(cy('versions.viewing', { name: 'Diwedd y sesiwn' }))

	expect(problems.filter((p) => /translation|messages found|Unexpected token|undefined/i.test(p))).toEqual([])
	await context.close()
})
