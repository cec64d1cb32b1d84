import { expect, test, type Locator, type Page } from '@playwright/test'
import { createRoom, fitView, join, screenCenter, sessionOf } from './fixtures'

interface Design {
	journeys: Array<{
		title: string
		stages: Array<{ id: string; name: string }>
		lanes: Array<{ id: string; name: string; kind: string }>
		cards: Array<{ id: string; stage: string; lane: string; kind: string; text: string; channel: string; author: { name: string } }>
		personas: Array<{ name: string; emotions: Array<{ stage: string; value: number }> }>
	}>
}

const designOf = (page: Page) => page.evaluate(() => window.cydDesign?.() ?? null) as Promise<Design | null>

/** Where a card with this text is, as [stage name, lane name], in a design. */
function cellOfText(design: Design | null, text: string): [string, string] | null {
	const journey = design?.journeys[0]
	const card = journey?.cards.find((c) => c.text === text)
	if (!journey || !card) return null
	return [journey.stages.find((s) => s.id === card.stage)!.name, journey.lanes.find((l) => l.id === card.lane)!.name]
}

/** The middle of a locator's box on screen. */
async function middle(locator: Locator) {
	const box = await locator.boundingBox()
	if (!box) throw new Error('not on screen')
	return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

test.describe('journey mode: a live service blueprint', () => {
	test('one builds a three-stage blueprint with a persona; the other sees it live and moves a card; the server agrees', async ({ browser, request }) => {
		const room = await createRoom(request, 'Damp and mould repairs')
		const ffion = await join(browser, room.links.facilitator, 'Ffion')
		const dai = await join(browser, room.links.participant, 'Dai')
		const f = ffion.page
		const d = dai.page

		// A blank blueprint: three stages and the five default lanes with the blueprint lines between them.
		await f.getByRole('button', { name: 'Journey' }).click()
		const panel = f.getByRole('complementary', { name: 'Service journey' })
		await panel.getByLabel('Start from').selectOption('blank')
		await panel.getByRole('button', { name: 'Add the blueprint' }).click()
		await expect(panel.getByTestId('journey-status')).toHaveText('Blueprint added.')
		await panel.getByLabel('Title').fill('Reporting damp')
		await panel.getByLabel('Title').press('Enter')
		for (const [n, name] of [
			[1, 'Notice'],
			[2, 'Report'],
			[3, 'Fix'],
		] as const) {
			await panel.getByLabel(`Name of stage ${n}`).fill(name)
			await panel.getByLabel(`Name of stage ${n}`).press('Enter')
		}
		await expect(f.locator('.cyd-bp-stage-name')).toHaveText(['Notice', 'Report', 'Fix'])
		await expect(f.locator('.cyd-bp-line')).toHaveText(['Line of interaction', 'Line of visibility', 'Line of internal interaction'])

		// Cards in several lanes through the panel's form.
		const addCard = async (stage: string, lane: string, kind: string, channel: string, text: string) => {
			await panel.getByLabel('Card', { exact: true }).selectOption({ label: 'A new card' })
			await panel.getByLabel('Stage', { exact: true }).selectOption({ label: stage })
			await panel.getByLabel('Lane', { exact: true }).selectOption({ label: lane })
			await panel.getByLabel('Kind', { exact: true }).selectOption({ label: kind })
			await panel.getByLabel('Channel', { exact: true }).selectOption({ label: channel })
			await panel.getByLabel('Text', { exact: true }).fill(text)
			await panel.getByRole('button', { name: 'Add the card' }).click()
			await expect(panel.getByTestId('journey-status')).toHaveText(`Card added to ${stage}, ${lane}.`)
		}
		await addCard('Notice', 'Resident actions', 'Action', 'In person', 'Sees black mould behind the wardrobe')
		await addCard('Report', 'Touchpoints', 'Pain point', 'Phone', 'Waits 40 minutes on the repairs line')
		await addCard('Report', 'Behind the scenes', 'Action', 'Web', 'Repair logged as routine')
		await addCard('Fix', 'Evidence', 'Evidence', 'App', 'Photos of the wall before and after')

		// And one on the canvas: a double click in a cell adds a card there and types into it.
		const fixColumn = await middle(f.locator('.cyd-bp-stage').nth(2))
		const supportLane = await middle(f.locator('.cyd-bp-lane.lane-support'))
		// Two frames drawn: the page is idle, so the two clicks reach tldraw as one double click.
		await f.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
		await f.mouse.dblclick(fixColumn.x, supportLane.y)
		await expect.poll(() => f.evaluate(() => window.cydEditor?.getEditingShapeId() ?? null)).not.toBeNull()
		await f.keyboard.type('Surveyor checks the ventilation')
		await f.keyboard.press('Enter')
		await expect.poll(async () => cellOfText(await designOf(f), 'Surveyor checks the ventilation')).toEqual(['Fix', 'Support processes'])

		// A persona and their emotion at each stage.
		await panel.getByLabel('Name', { exact: true }).last().fill('Mair')
		await panel.getByLabel('Their story').last().fill('Rents a flat with her two children')
		await panel.getByLabel('What they need').last().fill('A dry, safe home')
		await panel.getByRole('button', { name: 'Add the persona' }).click()
		await panel.getByLabel('How Mair feels at Notice').selectOption({ label: 'Bad' })
		await panel.getByLabel('How Mair feels at Report').selectOption({ label: 'Very bad' })
		await panel.getByLabel('How Mair feels at Fix').selectOption({ label: 'Good' })

		// Dai sees it all, live.
		await fitView(d)
		await expect(d.getByTestId('journey-card')).toHaveCount(5)
		await expect(d.getByTestId('journey-persona')).toContainText('Mair')
		await expect.poll(async () => (await designOf(d))?.journeys[0]?.personas[0]?.emotions.map((e) => e.value)).toEqual([2, 1, 4])
		await expect(d.locator('.cyd-bp-emotions g circle[r="13"]')).toHaveCount(3)

		// Dai drags the pain point from Report/Touchpoints to Notice/Touchpoints.
		const pain = await d.evaluate(() => window.cydEditor!.getCurrentPageShapes().find((s) => (s as unknown as { props: { text?: string } }).props.text?.startsWith('Waits'))!.id)
		const from = await screenCenter(d, pain)
		const noticeColumn = await middle(d.locator('.cyd-bp-stage').nth(0))
		const touchpoints = await middle(d.locator('.cyd-bp-lane.lane-frontstage'))
		await d.mouse.move(from.x, from.y)
		await d.mouse.down()
		await d.mouse.move(from.x - 40, from.y + 5, { steps: 4 })
		await d.mouse.move(noticeColumn.x, touchpoints.y, { steps: 12 })
		await d.mouse.up()
		const moved = ['Notice', 'Touchpoints']
		await expect.poll(async () => cellOfText(await designOf(d), 'Waits 40 minutes on the repairs line')).toEqual(moved)
		await expect.poll(async () => cellOfText(await designOf(f), 'Waits 40 minutes on the repairs line')).toEqual(moved)
		// Ffion's screen reader is told who moved what where.
		await expect(f.getByTestId('board-announcer')).toContainText('Dai moved a card to stage 1, Notice, Touchpoints: Waits 40 minutes on the repairs line.')

		// The document as stored on the server extracts to exactly what both screens hold.
		const session = await sessionOf(f, room.id)
		const stored = async () => (await (await request.get(`/api/rooms/${room.id}/design`, { headers: { authorization: `Bearer ${session}` } })).json()) as Design
		await expect.poll(async () => cellOfText(await stored(), 'Waits 40 minutes on the repairs line')).toEqual(moved)
		const onServer = await stored()
		expect((await designOf(f))!.journeys).toEqual(onServer.journeys)
		expect((await designOf(d))!.journeys).toEqual(onServer.journeys)
		const journey = onServer.journeys[0]!
		expect(journey.title).toBe('Reporting damp')
		expect(journey.stages.map((s) => s.name)).toEqual(['Notice', 'Report', 'Fix'])
		expect(journey.cards.map((c) => [cellOfText(onServer, c.text), c.kind, c.channel, c.author.name])).toEqual([
			[['Notice', 'Resident actions'], 'action', 'inPerson', 'Ffion'],
			[['Notice', 'Touchpoints'], 'pain', 'phone', 'Ffion'],
			[['Report', 'Behind the scenes'], 'action', 'web', 'Ffion'],
			[['Fix', 'Support processes'], 'action', 'other', 'Ffion'],
			[['Fix', 'Evidence'], 'evidence', 'app', 'Ffion'],
		])

		// What the card looks like where it landed, on both screens: inside the Notice column, Touchpoints row.
		for (const page of [f, d]) {
			const card = await page.locator('[data-testid="journey-card"][data-text^="Waits"]').boundingBox()
			const column = await page.locator('.cyd-bp-stage').nth(0).boundingBox()
			const row = await page.locator('.cyd-bp-lane.lane-frontstage').boundingBox()
			expect(card!.x).toBeGreaterThanOrEqual(column!.x)
			expect(card!.x + card!.width).toBeLessThanOrEqual(column!.x + column!.width + 1)
			expect(card!.y).toBeGreaterThanOrEqual(row!.y)
			expect(card!.y + card!.height).toBeLessThanOrEqual(row!.y + row!.height + 1)
		}
		await f.screenshot({ path: test.info().outputPath('journey-facilitator.png') })
		await d.screenshot({ path: test.info().outputPath('journey-participant.png') })

		// Dai deletes the card he moved, still selected on his canvas: Ffion's screen reader is told who removed it.
		expect(await d.evaluate(() => window.cydEditor?.getOnlySelectedShapeId())).toBe(pain)
		await d.keyboard.press('Delete')
		await expect(f.getByTestId('journey-card')).toHaveCount(4)
		await expect(f.getByTestId('board-announcer')).toContainText('Dai removed a card: Waits 40 minutes on the repairs line.')
		await ffion.context.close()
		await dai.context.close()
	})

	test('with the keyboard alone: add a card, then move it to another cell', async ({ browser, request }) => {
		const room = await createRoom(request, 'Blue Badge')
		const ceri = await join(browser, room.links.facilitator, 'Ceri')
		const page = ceri.page
		const journeyButton = page.getByRole('button', { name: 'Journey' })
		await journeyButton.focus()
		await page.keyboard.press('Enter')
		const panel = page.getByRole('complementary', { name: 'Service journey' })
		// Start from the Blue Badge sample: choose it with the arrow keys, then press the button.
		await panel.getByLabel('Start from').focus()
		await page.keyboard.press('ArrowDown')
		await page.keyboard.press('ArrowDown')
		await expect(panel.getByLabel('Start from')).toHaveValue('blue-badge')
		await page.keyboard.press('Tab')
		await page.keyboard.press('Enter')
		await expect(panel.getByTestId('journey-status')).toHaveText('Blueprint added.')
		const before = (await designOf(page))!.journeys[0]!
		expect(before.cards.length).toBeGreaterThan(10)

		// A new card: the form's fields in order (its words, then its cell), by Tab, with arrow keys in the lists.
		await panel.getByLabel('Card', { exact: true }).focus()
		await expect(panel.getByLabel('Card', { exact: true })).toHaveValue('new')
		await page.keyboard.press('Tab') // Text
		await page.keyboard.type('Large-print form on request')
		await page.keyboard.press('Tab') // Stage: the first
		await page.keyboard.press('ArrowDown') // the second stage
		await page.keyboard.press('Tab') // Lane
		await page.keyboard.press('ArrowDown') // Touchpoints
		await page.keyboard.press('Tab') // Kind
		await page.keyboard.press('Tab') // Channel
		await page.keyboard.press('Tab') // Who acts
		await page.keyboard.press('Tab')
		await expect(panel.getByRole('button', { name: 'Add the card' })).toBeFocused()
		await page.keyboard.press('Enter')
		const [second, touchpoints] = [before.stages[1]!, before.lanes[1]!]
		await expect(panel.getByTestId('journey-status')).toHaveText(`Card added to ${second.name}, ${touchpoints.name}.`)
		const added = async () => (await designOf(page))!.journeys[0]!.cards.find((c) => c.text === 'Large-print form on request')
		await expect.poll(async () => (await added())?.stage).toBe(second.id)
		expect((await added())!).toMatchObject({ lane: touchpoints.id, kind: 'touchpoint', author: { name: 'Ceri' } })

		// Move it: pick it in the card list, then choose another lane and stage with the arrow keys.
		await panel.getByLabel('Card', { exact: true }).focus()
		await page.keyboard.press('End')
		await expect(panel.getByLabel('Card', { exact: true })).toHaveValue((await added())!.id)
		await page.keyboard.press('Tab') // Text
		await page.keyboard.press('Tab') // Stage
		await page.keyboard.press('ArrowDown')
		await page.keyboard.press('Tab') // Lane
		await page.keyboard.press('ArrowDown')
		const [third, backstage] = [before.stages[2]!, before.lanes[2]!]
		await expect.poll(async () => [(await added())?.stage, (await added())?.lane]).toEqual([third.id, backstage.id])
		await expect(panel.getByTestId('journey-status')).toHaveText(`Card moved to ${third.name}, ${backstage.name}.`)
		// The canvas shows it in that cell, and it is the card selected there.
		expect(await page.evaluate(() => window.cydEditor?.getOnlySelectedShapeId())).toBe((await added())!.id)
		await page.screenshot({ path: test.info().outputPath('journey-keyboard.png') })
		await ceri.context.close()
	})
})

test('a journey saved as a template file is imported as a new blueprint; a file that is not a template says why; in Welsh', async ({ browser, request }) => {
	const room = await createRoom(request, 'Templates')
	const ceri = await join(browser, room.links.facilitator, 'Ceri')
	const page = ceri.page
	await page.getByRole('combobox', { name: 'Language' }).first().selectOption('cy')
	await page.getByRole('button', { name: 'Taith', exact: true }).click()
	const panel = page.getByRole('complementary', { name: 'Taith y gwasanaeth' })
	await panel.getByLabel('Dechrau o').selectOption('blue-badge')
	await panel.getByRole('button', { name: 'Ychwanegu’r glasbrint' }).click()
	await expect(panel.getByTestId('journey-status')).toHaveText('Glasbrint wedi’i ychwanegu.')
	const [saved] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Cadw fel ffeil templed' }).click()])
	const file = await saved.path()
	const template = JSON.parse((await import('node:fs')).readFileSync(file!, 'utf8')) as { format: string; title: string; stages: string[]; cards: unknown[] }
	expect(template.format).toBe('cyd-journey-template')
	expect(template.title).toBe('Gwneud cais am Fathodyn Glas')
	await page.screenshot({ path: test.info().outputPath('journey-cy.png') })

	// Import it again: a second blueprint with the same stages and cards.
	await panel.getByText('Dechrau taith', { exact: true }).click()
	await panel.getByLabel('Mewnforio templed (ffeil JSON)').setInputFiles(file!)
	await expect(panel.getByTestId('journey-status')).toHaveText('Templed wedi’i fewnforio.')
	const journeys = async () => ((await page.evaluate(() => window.cydDesign?.())) as { journeys: Array<{ stages: Array<{ name: string }>; cards: unknown[] }> }).journeys
	await expect.poll(async () => (await journeys()).length).toBe(2)
	const [a, b] = await journeys()
	expect(b!.stages.map((s) => s.name)).toEqual(a!.stages.map((s) => s.name))
	expect(b!.cards).toHaveLength(template.cards.length)

	// Not a template: a clear error, nothing added.
	await panel.getByLabel('Mewnforio templed (ffeil JSON)').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'something-else' })) })
	await expect(panel.getByRole('alert')).toHaveText(/^Nid templed taith yw’r ffeil honno: format: expected "cyd-journey-template"/)
	expect(await journeys()).toHaveLength(2)
	await ceri.context.close()
})
