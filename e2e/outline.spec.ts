import { expect, test } from '@playwright/test'
import { createRoom, fitView, join } from './fixtures'

test('the outline: a journey with a stakeholder and a vote, made without touching the canvas; the other screen shows it and says who did what', async ({ browser, request }) => {
	const room = await createRoom(request, 'Library opening hours')
	const ffion = await join(browser, room.links.facilitator, 'Ffion')
	const dai = await join(browser, room.links.participant, 'Dai')
	const d = dai.page
	const f = ffion.page

	await d.getByRole('button', { name: 'Outline' }).click()
	const outline = d.getByRole('complementary', { name: 'Outline of the board' })
	await expect(outline).toContainText('The board has no journey or stakeholders yet.')

	// A two-stage journey from the journey panel's forms: the facilitator sets its stages (the board's
	// structure is theirs), then Dai adds the cards.
	await f.getByRole('button', { name: 'Journey' }).click()
	const stages = f.getByRole('complementary', { name: 'Service journey' })
	await stages.getByRole('button', { name: 'Add the blueprint' }).click()
	await stages.getByRole('button', { name: 'Remove Stage 3' }).click()
	await stages.getByLabel('Name of stage 1').fill('Find out')
	await stages.getByLabel('Name of stage 1').press('Enter')
	await stages.getByLabel('Name of stage 2').fill('Visit')
	await stages.getByLabel('Name of stage 2').press('Enter')
	await f.getByRole('button', { name: 'Facilitator panel' }).click()
	await d.getByRole('button', { name: 'Journey' }).click()
	const journey = d.getByRole('complementary', { name: 'Service journey' })
	await expect(journey.getByLabel('Stage', { exact: true }).locator('option')).toHaveText(['Find out', 'Visit'])
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
	await expect(outline.getByRole('listitem').filter({ hasText: 'Library users (Resident)' })).toContainText('acts in 1 journey step')

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

test('with the keyboard alone: a two-stage journey, a stakeholder who acts in it, and a vote', async ({ browser, request }) => {
	const room = await createRoom(request, 'Keyboard only')
	const ffion = await join(browser, room.links.facilitator, 'Ffion')
	const dai = await join(browser, room.links.participant, 'Dai')
	const d = dai.page
	const press = async (...keys: string[]) => {
		for (const key of keys) await d.keyboard.press(key)
	}
	/** Move the focus to a control (as Tab would) and press Enter. */
	const activate = async (locator: ReturnType<typeof d.getByRole>) => {
		await locator.focus()
		await press('Enter')
	}

	await activate(d.getByRole('button', { name: 'Journey' }))
	const journey = d.getByRole('complementary', { name: 'Service journey' })
	await journey.getByLabel('Start from').focus()
	await press('Tab', 'Enter')
	await expect(journey.getByTestId('journey-status')).toHaveText('Blueprint added.')
	// Its stages are the board's structure, the facilitator's: Ffion takes the third away, by keyboard too.
	const f = ffion.page
	await f.getByRole('button', { name: 'Journey' }).focus()
	await f.keyboard.press('Enter')
	await f.getByRole('complementary', { name: 'Service journey' }).getByRole('button', { name: 'Remove Stage 3' }).focus()
	await f.keyboard.press('Enter')
	await expect(journey.getByLabel(/^Name of stage/)).toHaveCount(2)
	await f.getByRole('button', { name: 'Facilitator panel' }).focus()
	await f.keyboard.press('Enter')

	// A stakeholder first, so the card can name it.
	await activate(d.getByRole('button', { name: 'Stakeholders' }))
	const map = d.getByRole('complementary', { name: 'Stakeholders and community assets' })
	await activate(map.getByRole('button', { name: 'Add the map' }))
	await map.getByLabel('Stakeholder', { exact: true }).focus()
	await press('Tab')
	await d.keyboard.type('Parents')
	await map.getByRole('button', { name: 'Add the stakeholder' }).focus()
	await press('Enter')
	await expect(map.getByTestId('map-status')).toHaveText('Parents added to the map.')

	// A card in each stage; the first names the stakeholder.
	await activate(d.getByRole('button', { name: 'Journey' }))
	for (const [stageSteps, text, actor] of [
		[0, 'Finds the form online', true],
		[1, 'Waits for a reply', false],
	] as const) {
		await journey.getByLabel('Card', { exact: true }).focus()
		await press('Home', 'Tab') // a new card; its text
		await d.keyboard.type(text)
		await press('Tab', 'Home') // Stage
		for (let i = 0; i < stageSteps; i++) await press('ArrowDown')
		await press('Tab', 'Tab', 'Tab', 'Tab') // Lane, Kind, Channel, Who acts
		if (actor) await press('End')
		await press('Tab')
		await expect(journey.getByRole('button', { name: 'Add the card' })).toBeFocused()
		await press('Enter')
		await expect(journey.getByTestId('journey-status')).toHaveText(/^Card added to Stage \d/)
	}

	// A vote, from the outline.
	await ffion.page.getByRole('complementary', { name: 'Run the workshop' }).getByRole('button', { name: 'Open a voting round' }).click()
	await activate(d.getByRole('button', { name: 'Outline' }))
	const outline = d.getByRole('complementary', { name: 'Outline of the board' })
	const item = outline.getByRole('listitem').filter({ hasText: 'Waits for a reply' })
	await activate(item.getByRole('button', { name: 'Vote', exact: true }))
	await expect(item).toContainText('Your votes: 1')

	const design = (await d.evaluate(() => window.cydDesign?.())) as {
		journeys: Array<{ stages: Array<{ id: string }>; cards: Array<{ text: string; stage: string; actor: string | null }> }>
		stakeholders: Array<{ id: string; name: string; actsIn: unknown[] }>
	}
	const [first, second] = design.journeys[0]!.stages
	expect(design.journeys[0]!.stages).toHaveLength(2)
	expect(design.journeys[0]!.cards.map((c) => [c.text, c.stage, c.actor])).toEqual([
		['Finds the form online', first!.id, design.stakeholders[0]!.id],
		['Waits for a reply', second!.id, null],
	])
	expect(design.stakeholders.map((s) => [s.name, s.actsIn.length])).toEqual([['Parents', 1]])
	await ffion.context.close()
	await dai.context.close()
})

test('the outline’s own forms, with the keyboard alone: a card added, edited, moved to another cell, linked to a stakeholder, then deleted; the other screen shows it in its new cell and says who did it', async ({ browser, request }) => {
	const room = await createRoom(request, 'Bulky waste')
	const ffion = await join(browser, room.links.facilitator, 'Ffion')
	const dai = await join(browser, room.links.participant, 'Dai')
	const f = ffion.page
	const d = dai.page

	// Ffion sets the scene from her panels: a blank blueprint with named stages, and a stakeholder.
	await f.getByRole('button', { name: 'Journey' }).click()
	const journey = f.getByRole('complementary', { name: 'Service journey' })
	await journey.getByRole('button', { name: 'Add the blueprint' }).click()
	for (const [n, name] of [
		[1, 'Book'],
		[2, 'Collect'],
	] as const) {
		await journey.getByLabel(`Name of stage ${n}`).fill(name)
		await journey.getByLabel(`Name of stage ${n}`).press('Enter')
	}
	await f.getByRole('button', { name: 'Stakeholders' }).click()
	const map = f.getByRole('complementary', { name: 'Stakeholders and community assets' })
	await map.getByRole('button', { name: 'Add the map' }).click()
	await map.getByLabel('Name', { exact: true }).first().fill('Crew')
	await map.getByRole('button', { name: 'Add the stakeholder' }).click()

	// Dai uses only the outline, and only the keyboard.
	const press = async (...keys: string[]) => {
		for (const key of keys) await d.keyboard.press(key)
	}
	const activate = async (locator: ReturnType<typeof d.getByRole>) => {
		await locator.focus()
		await press('Enter')
	}
	await activate(d.getByRole('button', { name: 'Outline' }))
	const outline = d.getByRole('complementary', { name: 'Outline of the board' })
	const status = outline.getByTestId('outline-status')
	await expect(outline.getByRole('heading', { name: 'Stage 2: Collect' })).toBeVisible()

	// Add a card: the form opens on its text; the other fields keep their first choices.
	const add = outline.getByRole('button', { name: 'Add a card' })
	await activate(add)
	await expect(add).toHaveAttribute('aria-expanded', 'true')
	await expect(outline.getByRole('form', { name: 'A new card' }).getByLabel('Text')).toBeFocused()
	await d.keyboard.type('Books a collection')
	await press('Tab', 'Tab', 'Tab', 'Tab', 'Tab') // Kind, Stage, Lane, Who acts, then the button
	await expect(outline.getByRole('button', { name: 'Add the card' })).toBeFocused()
	await press('Enter')
	await expect(status).toHaveText('Card added to Book, Resident actions.')
	await expect(add).toBeFocused()
	await expect(add).toHaveAttribute('aria-expanded', 'false')
	await expect(f.getByTestId('board-announcer')).toContainText('Dai added a card (Action) to stage 1, Book, Resident actions.')

	// Edit it: new words, another kind, the second stage, the Touchpoints lane, and Crew as who acts.
	const item = outline.getByRole('listitem').filter({ hasText: 'Books a collection' })
	await activate(item.getByRole('button', { name: 'Edit' }))
	const form = outline.getByRole('form', { name: 'Edit the card' })
	await expect(form.getByLabel('Text')).toBeFocused()
	await press('ControlOrMeta+A')
	await d.keyboard.type('Books a bulky waste collection online')
	await press('Tab', 'ArrowDown', 'ArrowDown') // Kind: Pain point
	await press('Tab', 'ArrowDown') // Stage: Collect
	await press('Tab', 'ArrowDown') // Lane: Touchpoints
	await press('Tab', 'End') // Who acts: Crew
	await press('Tab')
	await expect(form.getByRole('button', { name: 'Save' })).toBeFocused()
	await press('Enter')
	await expect(status).toHaveText('Card moved to Collect, Touchpoints.')
	const moved = outline.getByRole('region', { name: 'Stage 2: Collect' }).getByRole('listitem').filter({ hasText: 'Books a bulky waste collection online' })
	await expect(moved).toContainText('Pain point: Books a bulky waste collection online — By: Crew')
	// The focus is back on the card's Edit button, in its new place.
	await expect(moved.getByRole('button', { name: 'Edit' })).toBeFocused()
	await expect(outline.getByRole('region', { name: 'Stage 1: Book' }).getByRole('listitem')).toHaveCount(0)

	// Escape cancels: nothing changes, and the focus goes back to Edit.
	await press('Enter')
	await expect(form.getByLabel('Text')).toBeFocused()
	await d.keyboard.type(' and more')
	await press('Escape')
	await expect(form).toHaveCount(0)
	await expect(moved.getByRole('button', { name: 'Edit' })).toBeFocused()
	await expect(moved).toContainText('Pain point: Books a bulky waste collection online — By: Crew')

	// Ffion's canvas shows the card inside the Collect column and the Touchpoints row, acted by Crew.
	await expect(f.getByTestId('board-announcer')).toContainText('Dai moved a card to stage 2, Collect, Touchpoints: Books a bulky waste collection online.')
	type Design = {
		journeys: Array<{ stages: Array<{ id: string }>; lanes: Array<{ id: string }>; cards: Array<{ text: string; kind: string; stage: string; lane: string; actor: string | null }> }>
		stakeholders: Array<{ id: string; name: string }>
	}
	const design = async () => (await f.evaluate(() => window.cydDesign?.())) as Design
	await expect.poll(async () => (await design()).journeys[0]!.cards.map((c) => c.text)).toEqual(['Books a bulky waste collection online'])
	const seen = await design()
	const [stages, lanes] = [seen.journeys[0]!.stages, seen.journeys[0]!.lanes]
	expect(seen.journeys[0]!.cards[0]).toMatchObject({ kind: 'pain', stage: stages[1]!.id, lane: lanes[1]!.id, actor: seen.stakeholders[0]!.id })
	expect(seen.stakeholders[0]!.name).toBe('Crew')
	await fitView(f)
	const card = f.locator('[data-testid="journey-card"][data-text="Books a bulky waste collection online"]')
	await expect(card).toContainText('By: Crew')
	const [box, column, row] = await Promise.all([card.boundingBox(), f.locator('.cyd-bp-stage').nth(1).boundingBox(), f.locator('.cyd-bp-lane.lane-frontstage').boundingBox()])
	expect(box!.x).toBeGreaterThanOrEqual(column!.x)
	expect(box!.x + box!.width).toBeLessThanOrEqual(column!.x + column!.width + 1)
	expect(box!.y).toBeGreaterThanOrEqual(row!.y)
	expect(box!.y + box!.height).toBeLessThanOrEqual(row!.y + row!.height + 1)

	// The stakeholder's name and kind, from the outline too.
	const crew = outline.getByRole('listitem').filter({ hasText: 'Crew (Resident)' })
	await activate(crew.getByRole('button', { name: 'Edit' }))
	const stakeholderForm = outline.getByRole('form', { name: 'Edit the stakeholder' })
	await expect(stakeholderForm.getByLabel('Name')).toBeFocused()
	await d.keyboard.type(' (waste)')
	await stakeholderForm.getByLabel('Kind').focus()
	await press('End', 'ArrowUp', 'ArrowUp', 'ArrowUp') // Public body
	await activate(stakeholderForm.getByRole('button', { name: 'Save' }))
	await expect(status).toHaveText('Changes saved.')
	await expect(f.getByTestId('stakeholder-card')).toContainText('Crew (waste)')
	await expect(f.getByTestId('stakeholder-card')).toContainText('Public body')
	await expect(moved).toContainText('By: Crew (waste)')

	// Delete the card from its form: the focus goes to the outline's heading; Ffion hears who removed it.
	await activate(moved.getByRole('button', { name: 'Edit' }))
	await activate(form.getByRole('button', { name: 'Delete this card' }))
	await expect(status).toHaveText('Card deleted.')
	await expect(outline.getByRole('heading', { name: 'Outline of the board' })).toBeFocused()
	await expect(f.getByTestId('journey-card')).toHaveCount(0)
	await expect(f.getByTestId('board-announcer')).toContainText('Dai removed a card: Books a bulky waste collection online.')
	await d.screenshot({ path: test.info().outputPath('outline-forms.png') })
	await ffion.context.close()
	await dai.context.close()
})
