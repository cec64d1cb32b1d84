import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { createRoom, join, makeNote, sessionOf } from './fixtures'

async function openDecide(page: Page) {
	const menu = page.locator('.room-tools-toggle')
	if (await menu.isVisible()) await menu.click()
	await page.getByRole('button', { name: 'Decide' }).click()
	await expect(page.getByRole('heading', { name: 'Community decisions' })).toBeVisible()
}

test('experts leave the room in deliberation (a note instead of the board, in Welsh too) and come back; then everyone ratifies what was agreed', async ({ browser, request }) => {
	const room = await createRoom(request, 'The square')
	const ffion = await join(browser, room.links.facilitator, 'Ffion')
	const f = ffion.page
	const auth = { Authorization: `Bearer ${await sessionOf(f, room.id)}` }
	const elis = await join(browser, room.links.expert, 'Elis')
	const nia = await join(browser, room.links.participant, 'Nia')
	await f.getByRole('button', { name: 'Close the facilitator panel' }).click()
	const note = await makeNote(f, { x: 300, y: 300 }, 'Trees along the square')
	expect((await request.post(`/api/rooms/${room.id}/decisions`, { headers: auth, data: { item: note, status: 'agreed' } })).status()).toBe(201)
	const agenda = (await (await request.put(`/api/rooms/${room.id}/agenda`, { headers: auth, data: { items: [{ title: 'Residents deliberate', kind: 'deliberation', minutes: 15 }] } })).json()) as { agenda: { id: string }[] }

	await openDecide(f)
	const panel = f.locator('#community-panel')
	// The box follows the workshop state: it is ticked once the server has it.
	const leave = panel.getByRole('checkbox', { name: 'Experts leave the room during deliberation' })
	await leave.click()
	await expect(leave).toBeChecked()
	expect((await request.post(`/api/rooms/${room.id}/phase`, { headers: auth, data: { id: agenda.agenda[0]!.id } })).status()).toBe(200)

	// The expert's board gives way to a note saying why; the resident's board stays.
	await expect(elis.page.getByRole('heading', { name: 'The experts have left the room' })).toBeVisible()
	await expect(elis.page.locator('.tl-canvas')).toHaveCount(0)
	await expect(nia.page.locator('.tl-canvas')).toBeVisible()
	await elis.page.getByLabel('Language').first().selectOption('cy')
	await expect(elis.page.getByRole('heading', { name: 'Mae’r arbenigwyr wedi gadael yr ystafell' })).toBeVisible()
	await elis.page.getByLabel('Iaith').first().selectOption('en')

	// The phase ends: the board comes back, with what is on it.
	expect((await request.post(`/api/rooms/${room.id}/phase`, { headers: auth, data: { id: null } })).status()).toBe(200)
	await expect(elis.page.locator('.tl-canvas')).toBeVisible()
	await expect.poll(() => elis.page.evaluate((id) => Boolean(window.cydEditor?.getCurrentPageShapes().some((s) => s.id === id)), note), { timeout: 15_000 }).toBe(true)

	// Ratification: two thirds of yes and no; Nia says yes, Elis abstains: ratified.
	await panel.getByLabel('Yes votes needed').selectOption({ label: '2 in 3' })
	await panel.getByRole('button', { name: 'Ask everyone to ratify' }).click()
	for (const [person, answer] of [
		[nia, 'Yes'],
		[elis, 'Abstain'],
	] as const) {
		await openDecide(person.page)
		const mine = person.page.locator('#community-panel')
		await mine.getByRole('group', { name: 'Trees along the square' }).getByRole('radio', { name: answer }).check()
		await mine.getByRole('button', { name: 'Send my answers' }).click()
		await expect(mine.getByText('Your answers are in. Thank you.')).toBeVisible()
	}
	// The panel, with a ratification open, has no accessibility violations.
	const axe = await new AxeBuilder({ page: nia.page }).include('#community-panel').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
	expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
	await panel.getByRole('button', { name: 'Close and count' }).click()
	for (const page of [f, nia.page, elis.page]) await expect(page.getByTestId('ratification-results')).toContainText('Trees along the square: Ratified (1 yes, 0 no, 1 abstained)')

	const published = (await (await request.post(`/api/rooms/${room.id}/publish`, { headers: auth })).json()) as { url: string }
	const page = await ffion.context.newPage()
	await page.goto(new URL(published.url).pathname)
	await expect(page.locator('.community-ratification')).toContainText('Trees along the square: Ratified (1 yes, 0 no, 1 abstained)')

	// A dot-voting round for residents only, opened from the facilitator panel: Nia gave no affiliation.
	await panel.getByRole('button', { name: 'Close community decisions' }).click()
	await f.getByRole('button', { name: 'Facilitator panel' }).click()
	await f.locator('#facilitator-panel').getByLabel('Who may vote').selectOption({ label: 'Residents only' })
	await f.locator('#facilitator-panel').getByRole('button', { name: 'Open a voting round' }).click()
	await expect(f.getByTestId('round-status')).toBeVisible()
	const refused = await request.post(`/api/rooms/${room.id}/votes`, { headers: { Authorization: `Bearer ${await sessionOf(nia.page, room.id)}` }, data: { shapeId: note, delta: 1 } })
	expect(refused.status()).toBe(403)
	expect(((await refused.json()) as { error: string }).error).toBe('this round is for residents only (as people said when they joined)')
	for (const person of [ffion, elis, nia]) await person.context.close()
})
