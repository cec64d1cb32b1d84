import { expect, test } from '@playwright/test'

test('landing page creates a room and shows one join link per role', async ({ page }) => {
	await page.goto('/')
	await page.getByLabel('Room title').fill('Bin collection, Ward 3')
	await page.getByRole('button', { name: 'Create room' }).click()
	for (const role of ['Facilitator', 'Participant', 'Expert', 'Observer']) {
		await expect(page.getByLabel(`Link for the ${role}`, { exact: true })).toHaveValue(/\/r\/[a-z0-9]+#join=[\w-]+\.[\w-]+$/)
	}
	await expect(page.getByText('withdraw (view only) while residents deliberate')).toBeVisible()
	await page.screenshot({ path: 'test-results/landing-created.png', fullPage: true })
	await page.getByRole('link', { name: 'Open the room as facilitator' }).click()
	await expect(page.getByTestId('join-role')).toContainText('You are joining as: Facilitator')
	await expect(page.getByText('links expire', { exact: false }).or(page.getByText('stop working after 30 days'))).toBeVisible()
	await page.screenshot({ path: 'test-results/join-form.png', fullPage: true })
})
