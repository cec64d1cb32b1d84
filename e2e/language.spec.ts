import { expect, test } from '@playwright/test'
import { createRoom, join } from './fixtures'

test('Welsh: the page, its lang attribute and tldraw’s own tools follow the language picker', async ({ browser, request }) => {
	const room = await createRoom(request, 'Llyfrgell')
	const alice = await join(browser, room.links.participant, 'Alys')
	const { page } = alice
	await page.getByLabel('Language').selectOption('cy')
	await expect(page.locator('html')).toHaveAttribute('lang', 'cy')
	await expect(page.getByTestId('save-status')).toHaveText('Wedi’i gadw')
	await expect(page.getByRole('region', { name: 'Pwy sydd yma' })).toContainText('Alys (chi)')
	await expect(page.getByTestId('tools.note')).toHaveAttribute('aria-label', /Nodyn/)
	await page.screenshot({ path: 'test-results/06-welsh.png' })
	// the choice is remembered across a reload
	await page.reload()
	await expect(page.getByTestId('save-status')).toHaveText('Wedi’i gadw')
	await alice.context.close()
})
