import { expect, test } from '@playwright/test'

test('landing page creates a room and shows its link', async ({ page }) => {
	await page.goto('/')
	await page.getByLabel('Room title').fill('Bin collection, Ward 3')
	await page.getByRole('button', { name: 'Create room' }).click()
	const link = page.getByLabel('Link to share')
	await expect(link).toHaveValue(/\/r\/[a-z0-9]+$/)
	await page.screenshot({ path: 'test-results/landing-created.png' })
})
