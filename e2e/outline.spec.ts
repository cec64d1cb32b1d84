import { expect, test } from '@playwright/test'
import { createRoom, join } from './fixtures'

test('the outline: a journey with a stakeholder and a vote, made without touching the canvas; the other screen shows it and says who did what', async ({ browser, request }) => {
	const room = await createRoom(request, 'Library opening hours')
	const ffion = await join(browser, room.links.facilitator, 'Ffion')
	const dai = await join(browser, room.links.participant, 'Dai')
	const d = dai.page
	const f = ffion.page

	await d.getByRole('button', { name: 'Outline' }).click()
	const outline = d.getByRole('complementary', { name: 'Outline of the board' })
	await expect(outline).toContainText('The board has no journey or stakeholders yet.')

	// A two-stage journey from the journey panel's forms.
	await d.getByRole('button', { name: 'Journey' }).click()
	const journey = d.getByRole('complementary', { name: 'Service journey' })
	await journey.getByRole('button', { name: 'Add the blueprint' }).click()
	await journey.getByRole('button', { name: 'Remove Stage 3' }).click()
	await journey.getByLabel('Name of stage 1').fill('Find out')
	await journey.getByLabel('Name of stage 1').press('Enter')
	await journey.getByLabel('Name of stage 2').fill('Visit')
	await journey.getByLabel('Name of stage 2').press('Enter')
	await journey.getByLabel('Text', { exact: true }).fill('Checks the hours online')
	await journey.getByRole('button', { name: 'Add the card' }).click()
	await expect(f.getByTestId('board-announcer')).toContainText('Dai added a card (Action) to stage 1, Find out, Resident actions.')
	await journey.getByLabel('Stage', { exact: true }).selectOption({ label: 'Visit' })
	await journey.getByLabel('Kind', { exact: true }).selectOption({ label: 'Pain point' })
	await journey.getByLabel('Text', { exact: true }).fill('Closed at lunchtime')
	await journey.getByRole('button', { name: 'Add the card' }).click()

	// A stakeholder, named as the actor of the first step.
	await d.getByRole('button', { name: 'Stakeholders' }).click()
	const map = d.getByRole('complementary', { name: 'Stakeholders and community assets' })
	await map.getByRole('button', { name: 'Add the map' }).click()
	await map.getByLabel('Name', { exact: true }).first().fill('Library users')
	await map.getByRole('button', { name: 'Add the stakeholder' }).click()
	await outline.getByRole('listitem').filter({ hasText: 'Checks the hours online' }).getByRole('button', { name: 'Select' }).click()
	await journey.getByLabel('Who acts (a stakeholder)').selectOption({ label: 'Library users' })

	// The outline reads the board by stage and lane.
	await expect(outline.getByRole('heading', { name: 'Stage 1: Find out' })).toBeVisible()
	await expect(outline.getByRole('heading', { name: 'Stage 2: Visit' })).toBeVisible()
	await expect(outline.getByRole('listitem').filter({ hasText: 'Checks the hours online' })).toContainText('Action: Checks the hours online — By: Library users')
	await expect(outline.getByRole('listitem').filter({ hasText: 'Library users (Resident)' })).toContainText('acts in 1 journey steps')

	// A vote from the outline.
	await ffion.page.getByRole('complementary', { name: 'Run the workshop' }).getByRole('button', { name: 'Open a voting round' }).click()
	const pain = outline.getByRole('listitem').filter({ hasText: 'Closed at lunchtime' })
	await pain.getByRole('button', { name: 'Vote', exact: true }).click()
	await expect(pain).toContainText('Your votes: 1')

	// Ffion sees it all on the canvas, and was told who added what, where.
	await expect(f.locator('[data-testid="journey-card"]')).toHaveCount(2)
	await expect(f.locator('.cyd-bp-stage-name')).toHaveText(['Find out', 'Visit'])
	await expect(f.locator('[data-testid="journey-card"][data-text="Checks the hours online"]')).toContainText('By: Library users')
	await expect(f.getByTestId('stakeholder-card')).toContainText('Library users')
	await expect(f.getByTestId('board-announcer')).toContainText('Dai added the stakeholder Library users.')
	await d.screenshot({ path: test.info().outputPath('outline.png') })
	await ffion.context.close()
	await dai.context.close()
})
