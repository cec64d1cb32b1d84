/**
 * A panel's status line follows the language: switched after the status was shown, it is said again in the
 * language chosen, names of roles within it too.
 */
import { expect, test } from '@playwright/test'
import { translate } from '../apps/web/src/i18n/catalog'
import { createRoom, join } from './fixtures'

test('the facilitator panel’s status line is said again in Welsh after switching language', async ({ browser, request }) => {
	const room = await createRoom(request, 'Llyfrgell')
	const ffion = await join(browser, room.links.facilitator, 'Ffion')
	const { page } = ffion
	// (Found by its id: its name changes language too.)
	const panel = page.locator('#facilitator-panel')
	const status = panel.getByTestId('panel-status')

	await panel.getByRole('button', { name: 'Bring everyone to my view' }).click()
	await expect(status).toHaveText('Everyone has been brought to your view.')
	await page.getByLabel('Language').selectOption('cy')
	await expect(page.locator('html')).toHaveAttribute('lang', 'cy')
	await expect(status).toHaveText(translate('cy', 'panel.summoned'))

	// A status naming a role: the role's name changes language with it.
	await page.getByLabel('Iaith').selectOption('en')
	await panel.getByText('Join links').click()
	const limit = page.getByLabel('People allowed before I approve each one').first()
	await limit.fill('2')
	await limit.press('Enter')
	await expect(status).toHaveText(translate('en', 'links.limitSaved', { role: translate('en', 'role.facilitator'), count: 2 }))
	await page.getByLabel('Language').selectOption('cy')
	await expect(status).toHaveText(translate('cy', 'links.limitSaved', { role: translate('cy', 'role.facilitator'), count: 2 }))
	await ffion.context.close()
})

test('the stakeholder panel’s status line is said again in Welsh after switching language', async ({ browser, request }) => {
	const room = await createRoom(request, 'Llyfrgell')
	const dai = await join(browser, room.links.participant, 'Dai')
	const { page } = dai
	await page.getByRole('button', { name: 'Stakeholders' }).click()
	const panel = page.locator('#stakeholder-panel')
	await panel.getByRole('button', { name: 'Add the map' }).click()
	await expect(panel.getByTestId('map-status')).toHaveText(translate('en', 'map.added'))
	await page.getByLabel('Language').selectOption('cy')
	await expect(panel.getByTestId('map-status')).toHaveText(translate('cy', 'map.added'))
	await dai.context.close()
})

test('the journey panel’s status line is said again in Welsh after switching language', async ({ browser, request }) => {
	const room = await createRoom(request, 'Llyfrgell')
	const dai = await join(browser, room.links.participant, 'Dai')
	const { page } = dai
	await page.getByRole('button', { name: 'Journey' }).click()
	const panel = page.locator('#journey-panel')
	await panel.getByLabel('Start from').selectOption('blank')
	await panel.getByRole('button', { name: 'Add the blueprint' }).click()
	await expect(panel.getByTestId('journey-status')).toHaveText(translate('en', 'journey.added'))
	await page.getByLabel('Language').selectOption('cy')
	await expect(panel.getByTestId('journey-status')).toHaveText(translate('cy', 'journey.added'))
	await dai.context.close()
})
