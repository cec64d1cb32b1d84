/**
 * tldraw's default page name in the page menu follows the reader's language; the stored page keeps its name.
 */
import { expect, test } from '@playwright/test'
import { createRoom, join } from './fixtures'

test('the page menu shows the default page as "Tudalen 1" to a Welsh reader and "Page 1" to an English one', async ({ browser, request }) => {
	const room = await createRoom(request, 'Tudalennau')
	const welsh = await join(browser, room.links.participant, 'Alys')
	const english = await join(browser, room.links.participant, 'Bob')
	await welsh.page.getByLabel('Language').selectOption('cy')
	await expect(welsh.page.locator('html')).toHaveAttribute('lang', 'cy')

	const welshButton = welsh.page.getByTestId('page-menu.button')
	await expect(welshButton).toHaveText('Tudalen 1')
	await expect(english.page.getByTestId('page-menu.button')).toHaveText('Page 1')
	// The list of pages in the open menu too.
	await welshButton.click()
	await expect(welsh.page.locator('.tlui-page-menu__item__button').first()).toHaveText('Tudalen 1')
	await welsh.page.keyboard.press('Escape')

	// Back to English: the same reader sees the English name again, and the stored page was not renamed.
	await welsh.page.getByLabel('Iaith').selectOption('en')
	await expect(welshButton).toHaveText('Page 1')
	for (const person of [welsh, english]) expect(await person.page.evaluate(() => (window.cydEditor as unknown as { getPages(): Array<{ name: string }> }).getPages().map((p) => p.name))).toEqual(['Page 1'])
	await welsh.context.close()
	await english.context.close()
})
