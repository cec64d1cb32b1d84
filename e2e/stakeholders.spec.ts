import { expect, test, type Page } from '@playwright/test'
import { createRoom, fitView, join, screenCenter, sessionOf } from './fixtures'

interface Design {
	journeys: Array<{ cards: Array<{ id: string; text: string; actor: string | null }> }>
	stakeholders: Array<{ id: string; name: string; kind: string; influence: number; interest: number; actsIn: Array<{ card: string }> }>
	relationships: Array<{ id: string; from: string; to: string; flow: string; direction: string; label: string }>
}

const designOf = (page: Page) => page.evaluate(() => window.cydDesign?.() ?? null) as Promise<Design | null>

/** A shape's page bounds as the editor of `page` has them. */
function boundsOf(page: Page, id: string) {
	return page.evaluate((shapeId) => {
		const b = window.cydEditor?.getShapePageBounds(shapeId) as { x: number; y: number; w: number; h: number } | undefined
		return b ? { x: Math.round(b.x), y: Math.round(b.y), w: Math.round(b.w), h: Math.round(b.h) } : null
	}, id)
}

/** Whether two boxes touch (with a margin): an arrow bound to a card ends at the card's edge. */
const touches = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }, margin = 24) =>
	a.x <= b.x + b.w + margin && b.x <= a.x + a.w + margin && a.y <= b.y + b.h + margin && b.y <= a.y + a.h + margin

test('stakeholder rings: typed relationships follow a moved card on both screens, and a journey step names its actor', async ({ browser, request }) => {
	const room = await createRoom(request, 'Housing repairs: who is involved')
	const ffion = await join(browser, room.links.facilitator, 'Ffion')
	const dai = await join(browser, room.links.participant, 'Dai')
	const f = ffion.page
	const d = dai.page

	// Ffion adds a rings map and places three stakeholders in its rings.
	await f.getByRole('button', { name: 'Close the facilitator panel' }).click()
	await f.getByRole('button', { name: 'Stakeholders' }).click()
	const panel = f.getByRole('complementary', { name: 'Stakeholders and community assets' })
	await panel.getByLabel('Layout').selectOption({ label: 'Stakeholder rings' })
	await panel.getByRole('button', { name: 'Add the map' }).click()
	const addStakeholder = async (name: string, kind: string, ring: string) => {
		await panel.getByLabel('Stakeholder', { exact: true }).selectOption('new')
		await panel.getByLabel('Name', { exact: true }).first().fill(name)
		await panel.getByLabel('Kind', { exact: true }).first().selectOption({ label: kind })
		await panel.getByLabel('Ring', { exact: true }).selectOption({ label: ring })
		await panel.getByRole('button', { name: 'Add the stakeholder' }).click()
		await expect(panel.getByTestId('map-status')).toHaveText(`${name} added to the map.`)
	}
	await addStakeholder('Tenant', 'Resident', 'Core')
	await addStakeholder('Repairs team', 'Public body', 'Directly involved')
	await addStakeholder('Tenants association', 'Community group', 'Wider community')
	const byName = async (page: Page, name: string) => (await designOf(page))!.stakeholders.find((s) => s.name === name)!
	expect(await byName(f, 'Tenant')).toMatchObject({ kind: 'resident', influence: 0.83, interest: 0.83 })
	expect(await byName(f, 'Repairs team')).toMatchObject({ kind: 'public', influence: 0.5 })
	expect(await byName(f, 'Tenants association')).toMatchObject({ kind: 'community', influence: 0.17 })
	const tenant = (await byName(f, 'Tenant')).id
	const team = (await byName(f, 'Repairs team')).id
	const association = (await byName(f, 'Tenants association')).id

	// A typed relationship through the panel...
	await f.evaluate(() => {
		window.cydEditor?.selectNone()
	})
	await panel.getByLabel('From', { exact: true }).selectOption({ label: 'Repairs team' })
	await panel.getByLabel('To', { exact: true }).selectOption({ label: 'Tenant' })
	await panel.getByLabel('What flows', { exact: true }).selectOption({ label: 'Service' })
	await panel.getByLabel('Label (optional)').fill('Repairs')
	await panel.getByRole('button', { name: 'Add the relationship' }).click()
	await expect(panel.getByTestId('map-status')).toHaveText('Service from Repairs team to Tenant added.')

	// ...and one drawn with tldraw's arrow tool from card to card, then typed in the panel.
	await f.evaluate(() => {
		window.cydEditor?.selectNone()
	})
	const from = await screenCenter(f, association)
	const to = await screenCenter(f, tenant)
	await f.getByTestId('tools.arrow').click()
	await f.mouse.move(from.x, from.y)
	await f.mouse.down()
	await f.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 })
	await f.mouse.move(to.x, to.y, { steps: 5 })
	await f.mouse.up()
	await expect.poll(async () => (await designOf(f))!.relationships.length).toBe(2)
	await f.keyboard.press('Escape')
	const drawn = (await designOf(f))!.relationships.find((r) => r.from === association)!
	await f.evaluate((id) => {
		window.cydEditor?.select(id)
	}, drawn.id)
	await panel.getByLabel('What flows', { exact: true }).selectOption({ label: 'Trust' })
	await panel.getByLabel('Direction', { exact: true }).selectOption({ label: 'Both ways' })

	const expected = [
		{ from: team, to: tenant, flow: 'service', direction: 'one-way', label: 'Repairs' },
		{ from: association, to: tenant, flow: 'trust', direction: 'both', label: '' },
	]
	const relationships = async (page: Page) =>
		(await designOf(page))!.relationships.map(({ from, to, flow, direction, label }) => ({ from, to, flow, direction, label })).sort((a, b) => a.flow.localeCompare(b.flow))
	await expect.poll(() => relationships(f)).toEqual(expected)
	await expect.poll(() => relationships(d)).toEqual(expected)

	// Dai moves the tenant; both arrows follow it, on both screens.
	await fitView(d)
	await expect(d.getByTestId('stakeholder-card')).toHaveCount(3)
	const arrows = (await designOf(d))!.relationships.map((r) => r.id)
	const before = await boundsOf(d, tenant)
	const start = await screenCenter(d, tenant)
	await d.mouse.move(start.x, start.y)
	await d.mouse.down()
	await d.mouse.move(start.x + 30, start.y + 10, { steps: 3 })
	await d.mouse.move(start.x + 160, start.y + 90, { steps: 10 })
	await d.mouse.up()
	for (const page of [d, f]) {
		await expect.poll(async () => (await boundsOf(page, tenant))!.x).not.toBe(before!.x)
		const card = (await boundsOf(page, tenant))!
		for (const arrow of arrows) expect(touches((await boundsOf(page, arrow))!, card)).toBe(true)
	}
	// Dropped further from the centre, the tenant is less involved.
	await expect.poll(async () => (await byName(f, 'Tenant')).influence).toBeLessThan(0.83)

	// A journey step names the tenant as its actor: the link shows in the extraction and on the card.
	await f.getByRole('button', { name: 'Journey' }).click()
	const journey = f.getByRole('complementary', { name: 'Service journey' })
	await journey.getByRole('button', { name: 'Add the blueprint' }).click()
	await journey.getByLabel('Who acts (a stakeholder)').selectOption({ label: 'Tenant' })
	await journey.getByLabel('Text', { exact: true }).fill('Reports the leak')
	await journey.getByRole('button', { name: 'Add the card' }).click()
	await expect.poll(async () => (await byName(d, 'Tenant')).actsIn.length).toBe(1)
	const card = (await designOf(d))!.journeys[0]!.cards.find((c) => c.text === 'Reports the leak')!
	expect(card.actor).toBe(tenant)
	await expect(d.locator('[data-testid="journey-card"][data-text="Reports the leak"]')).toContainText('By: Tenant')

	// Renamed, the link holds and the card shows the new name.
	await f.getByRole('button', { name: 'Stakeholders' }).click()
	await f.evaluate((id) => {
		window.cydEditor?.select(id)
	}, tenant)
	await panel.getByLabel('Name', { exact: true }).first().fill('Tenant of flat 3')
	await panel.getByLabel('Name', { exact: true }).first().press('Enter')
	await expect(d.locator('[data-testid="journey-card"][data-text="Reports the leak"]')).toContainText('By: Tenant of flat 3')

	// The server's copy agrees with both screens.
	const session = await sessionOf(f, room.id)
	const stored = async () => (await (await request.get(`/api/rooms/${room.id}/design`, { headers: { authorization: `Bearer ${session}` } })).json()) as Design
	await expect.poll(async () => (await stored()).stakeholders.find((s) => s.id === tenant)?.name).toBe('Tenant of flat 3')
	const onServer = await stored()
	expect(onServer.stakeholders).toEqual((await designOf(f))!.stakeholders)
	expect(onServer.stakeholders).toEqual((await designOf(d))!.stakeholders)
	expect(onServer.relationships).toEqual((await designOf(d))!.relationships)
	await f.screenshot({ path: test.info().outputPath('stakeholders-facilitator.png') })
	await d.screenshot({ path: test.info().outputPath('stakeholders-participant.png') })

	// Deleting the tenant asks first (it is named in a step); the step stays, with no one named.
	f.once('dialog', (dialog) => {
		expect(dialog.message()).toContain('is named in 1 journey step')
		void dialog.accept()
	})
	await f.evaluate((id) => {
		window.cydEditor?.select(id)
	}, tenant)
	await panel.getByRole('button', { name: 'Delete this stakeholder' }).click()
	await expect.poll(async () => (await designOf(d))!.stakeholders.map((s) => s.name)).toEqual(['Repairs team', 'Tenants association'])
	const after = (await designOf(d))!.journeys[0]!.cards.find((c) => c.text === 'Reports the leak')
	expect(after).toMatchObject({ actor: null })
	await ffion.context.close()
	await dai.context.close()
})

test('with the keyboard alone: a map, two stakeholders and a relationship between them', async ({ browser, request }) => {
	const room = await createRoom(request, 'Keyboard map')
	const ceri = await join(browser, room.links.participant, 'Ceri')
	const page = ceri.page
	await page.getByRole('button', { name: 'Stakeholders' }).focus()
	await page.keyboard.press('Enter')
	const panel = page.getByRole('complementary', { name: 'Stakeholders and community assets' })
	// Layout: rings (the first choice); Tab to the button and press it.
	await panel.getByLabel('Layout').focus()
	await page.keyboard.press('Tab')
	await expect(panel.getByRole('button', { name: 'Add the map' })).toBeFocused()
	await page.keyboard.press('Enter')
	await expect(panel.getByTestId('map-status')).toHaveText('Map added.')

	const addStakeholder = async (name: string, kindSteps: number) => {
		await panel.getByLabel('Stakeholder', { exact: true }).focus()
		await page.keyboard.press('Home') // "A new stakeholder"
		await page.keyboard.press('Tab') // Name
		await page.keyboard.type(name)
		await page.keyboard.press('Tab') // Kind: from the first
		await page.keyboard.press('Home')
		for (let i = 0; i < kindSteps; i++) await page.keyboard.press('ArrowDown')
		await page.keyboard.press('Tab') // Ring
		await page.keyboard.press('Tab') // Notes
		await page.keyboard.press('Tab')
		await expect(panel.getByRole('button', { name: 'Add the stakeholder' })).toBeFocused()
		await page.keyboard.press('Enter')
		await expect(panel.getByTestId('map-status')).toHaveText(`${name} added to the map.`)
	}
	await addStakeholder('Youth club', 1)
	await addStakeholder('Council', 3)
	await page.keyboard.press('Escape')
	await page.evaluate(() => {
		window.cydEditor?.selectNone()
	})

	// The relationship form: From (Council), To (Youth club), What flows (Money), Direction, Label, Add.
	await panel.getByLabel('From', { exact: true }).focus()
	await page.keyboard.press('Home')
	await page.keyboard.press('Tab')
	await page.keyboard.press('End')
	await page.keyboard.press('Tab') // What flows: Money is first
	await page.keyboard.press('Home')
	await page.keyboard.press('Tab') // Direction
	await page.keyboard.press('Tab') // Label
	await page.keyboard.type('Small grant')
	await page.keyboard.press('Tab')
	await expect(panel.getByRole('button', { name: 'Add the relationship' })).toBeFocused()
	await page.keyboard.press('Enter')
	await expect(panel.getByTestId('map-status')).toHaveText('Money from Council to Youth club added.')
	const design = (await designOf(page))!
	const id = (name: string) => design.stakeholders.find((s) => s.name === name)!.id
	expect(design.stakeholders.map((s) => [s.name, s.kind])).toEqual([
		['Council', 'public'],
		['Youth club', 'community'],
	])
	expect(design.relationships).toEqual([{ id: expect.any(String), from: id('Council'), to: id('Youth club'), flow: 'money', direction: 'one-way', label: 'Small grant' }])
	await ceri.context.close()
})
