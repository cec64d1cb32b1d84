import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { createRoom, join, makeNote, waitForCanvas } from './fixtures'

/** Serious and critical accessibility violations on the page as it is now (WCAG 2.2 A and AA rules). */
async function violations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`)
}

/** A new browser context (another device) that asks to join with `url` as `name`, without waiting to get in. */
async function askToJoin(browser: Browser, url: string, name: string) {
	const context = await browser.newContext()
	const page = await context.newPage()
	await page.goto(url)
	await page.getByLabel('Your name').fill(name)
	await page.getByLabel('I am a resident').check()
	await page.getByRole('button', { name: 'Join' }).click()
	return { name, context, page }
}

const WAITING = 'Waiting for the facilitator to let you in. Keep this page open: you will join as soon as they do.'

test('a link that admits one person: the next waits until the facilitator lets them in, and one refused is told so', async ({ browser, request }) => {
	const room = await createRoom(request, 'Play park, Tredegar')
	const ffion = await join(browser, room.links.facilitator, 'Ffion')
	const f = ffion.page
	const panel = f.getByRole('complementary', { name: 'Run the workshop' })

	// The participant link admits one person; past that, each new one needs the facilitator.
	await panel.getByText('Join links').click()
	const participantLink = panel.getByRole('listitem').filter({ has: f.getByLabel('Link for the Participant') })
	const limit = participantLink.getByLabel('People allowed before I approve each one')
	await expect(participantLink.getByTestId('link-limit-participant')).toHaveText('Nobody has joined with the Participant link so far. Leave the box empty for any number.')
	await expect(limit).toHaveValue('')
	await limit.fill('1')
	await limit.press('Enter')
	await expect(panel.getByTestId('panel-status')).toHaveText('The Participant link now admits 1 person before you approve each new person.')

	// The first participant joins at once.
	const dai = await join(browser, room.links.participant, 'Dai')
	await expect(dai.page.getByTestId('my-role')).toHaveText('You are: Participant')
	await expect(participantLink.getByTestId('link-limit-participant')).toHaveText(
		'1 person has joined with the Participant link so far. Anyone else who opens it waits for you to let them in.'
	)

	// The second waits; the facilitator sees them, is told politely, and lets them in from the keyboard.
	const eira = await askToJoin(browser, room.links.participant, 'Eira')
	await expect(eira.page.getByTestId('join-waiting')).toHaveText(WAITING)
	const waiting = panel.getByTestId('waiting')
	await expect(panel.getByText('Waiting to join (1)')).toBeVisible()
	await expect(waiting.getByRole('listitem')).toHaveText([/Eira.*Participant, resident/])
	await expect(f.getByTestId('waiting-announcer')).toHaveText('Waiting to join: Eira. Let them in or refuse them at the top of the facilitator panel.')
	expect(await violations(f), 'facilitator panel with someone waiting').toEqual([])
	await waiting.scrollIntoViewIfNeeded()
	await f.screenshot({ path: test.info().outputPath('waiting-list.png') })
	await waiting.getByRole('button', { name: 'Let in Eira' }).focus()
	await f.keyboard.press('Enter')
	await expect(panel.getByTestId('panel-status')).toHaveText('Eira has been let in.')
	await expect(waiting).toHaveCount(0)
	// The keyboard stays in the panel, not back at the start of the page.
	await expect(f.getByRole('heading', { name: 'Run the workshop' })).toBeFocused()
	await waitForCanvas(eira.page)
	await expect(eira.page.getByTestId('my-role')).toHaveText('You are: Participant')
	await expect(panel.getByTestId('present')).toContainText('Eira')
	await expect(participantLink.getByTestId('link-limit-participant')).toContainText('2 people have joined with the Participant link so far.')

	// A third is refused, and told so.
	const gwen = await askToJoin(browser, room.links.participant, 'Gwen')
	await expect(gwen.page.getByTestId('join-waiting')).toHaveText(WAITING)
	await expect(f.getByTestId('waiting-announcer')).toHaveText(/^Waiting to join: Gwen\./)
	await waiting.getByRole('button', { name: 'Refuse Gwen' }).click()
	await expect(panel.getByTestId('panel-status')).toHaveText('Gwen was not let in, and has been told.')
	await expect(gwen.page.getByRole('alert').filter({ hasText: 'did not let you in' })).toHaveText('The facilitator did not let you in with this link. Speak to them if you think this is a mistake.')
	await expect(gwen.page.getByTestId('join-waiting')).toHaveText('')
	await expect(gwen.page.locator('.tl-canvas')).toHaveCount(0)
	await expect(panel.getByTestId('present')).not.toContainText('Gwen')

	// Emptied, the number admits anyone again.
	await limit.fill('')
	await participantLink.getByRole('button', { name: 'Save the number for the Participant link' }).click()
	await expect(panel.getByTestId('panel-status')).toHaveText('The Participant link lets any number of people in.')
	const huw = await join(browser, room.links.participant, 'Huw')
	await expect(panel.getByTestId('present')).toContainText('Huw')

	for (const p of [ffion, dai, eira, gwen, huw]) await p.context.close()
})

test('a round for the people here now: someone who joins after it opened is told plainly why their vote did not count', async ({ browser, request }) => {
	const room = await createRoom(request, 'Library hours')
	const ffion = await join(browser, room.links.facilitator, 'Ffion')
	const f = ffion.page
	const panel = f.getByRole('complementary', { name: 'Run the workshop' })
	const dai = await join(browser, room.links.participant, 'Dai')
	const noteId = await makeNote(f, { x: 500, y: 450 }, 'Open on Saturday afternoons')

	await panel.getByLabel('Only people here now may vote').check()
	await panel.getByRole('button', { name: 'Open a voting round' }).click()
	await expect(panel.getByTestId('round-status')).toHaveText(
		'A round is open for the people who were here when it opened: 3 votes each. Votes stay hidden until you close it.'
	)

	const voteFor = async (page: Page) => {
		await expect(page.getByTestId('votes-left')).toHaveText('3 of 3 votes left')
		await page.evaluate((id) => {
			window.cydEditor?.select(id)
		}, noteId)
		await page.getByRole('button', { name: 'Vote for this card' }).click()
	}
	// Here when it opened: the vote counts.
	await voteFor(dai.page)
	await expect(dai.page.getByTestId('votes-left')).toHaveText('2 of 3 votes left')

	// Joined later: refused, in words of the app's own, not the server's.
	const gwyn = await join(browser, room.links.participant, 'Gwyn')
	await voteFor(gwyn.page)
	await expect(gwyn.page.getByRole('alert').filter({ hasText: 'not counted' })).toHaveText(
		'Your vote was not counted: this round is for the people who were here when it opened. You can vote in the next round.'
	)
	await expect(gwyn.page.getByTestId('votes-left')).toHaveText('3 of 3 votes left')

	// Closed, it counts Dai's vote only.
	await panel.getByRole('button', { name: 'Close the round and show results' }).click()
	await expect(f.locator(`[data-testid="vote-badge"][data-shape-id="${noteId}"]`)).toHaveText('1 vote')
	for (const p of [ffion, dai, gwyn]) await p.context.close()
})
