import { expect, test, type Page } from '@playwright/test'
import { createRoom, join, makeNote, notes, screenCenter, type Person } from './fixtures'

/** The countdown as a number of seconds, read from the text on screen (`m:ss`, perhaps "(paused)"). */
async function countdownSeconds(page: Page): Promise<number> {
	const text = (await page.getByTestId('countdown').textContent()) ?? ''
	const match = /(\d+):(\d\d)/.exec(text)
	if (!match) throw new Error(`no time in "${text}"`)
	return Number(match[1]) * 60 + Number(match[2])
}

/** The page point at the middle of the screen and the zoom: what "bring everyone to my view" shares. */
function view(page: Page) {
	return page.evaluate(() => {
		const editor = window.cydEditor
		if (!editor) return null
		const { center } = editor.getViewportPageBounds()
		return { x: Math.round(center.x), y: Math.round(center.y), z: Math.round(editor.getCamera().z * 100) / 100 }
	})
}

const isReadonly = (page: Page) => page.evaluate(() => window.cydEditor?.getInstanceState().isReadonly ?? null)

test.describe('a workshop: a facilitator and two participants', () => {
	test('timer, bring everyone to me, lock, a voting round, an observer, a replaced link', async ({ browser, request }) => {
		// A long walk through the workshop: 30 s on a quiet machine, past 90 s on a loaded one.
		test.setTimeout(240_000)
		const room = await createRoom(request, 'Bus routes, Ward 5')
		const ffion = await join(browser, room.links.facilitator, 'Ffion')
		const dai = await join(browser, room.links.participant, 'Dai')
		const eira = await join(browser, room.links.participant, 'Eira')
		const everyone: Person[] = [ffion, dai, eira]
		const participants = [dai, eira]
		const f = ffion.page

		// Roles are shown; the link left the address bar; only the facilitator has the panel.
		await expect(f.getByTestId('my-role')).toHaveText('You are: Facilitator')
		await expect(dai.page.getByTestId('my-role')).toHaveText('You are: Participant')
		expect(dai.page.url()).not.toContain('#join=')
		await expect(dai.page.getByRole('button', { name: 'Facilitator panel' })).toHaveCount(0)
		const panel = f.getByRole('complementary', { name: 'Run the workshop' })
		await expect(panel).toBeVisible()
		await expect(panel.getByTestId('present')).toContainText('Dai')
		await expect(panel.getByTestId('present')).toContainText('Eira')

		// An agenda item, started: its countdown reads the same on every screen.
		await panel.getByRole('button', { name: 'Add an item' }).click()
		await panel.getByLabel('Title').fill('Ideas for the route')
		await panel.getByLabel('Minutes').first().fill('7')
		await panel.getByRole('button', { name: 'Start Ideas for the route' }).click()
		for (const p of everyone) await expect(p.page.locator('.countdown')).toContainText('Ideas for the route')
		for (const p of everyone) await expect(p.page.getByTestId('countdown')).toHaveText(/^[67]:\d\d$/)
		await expect
			.poll(async () => {
				const seconds = await Promise.all(everyone.map((p) => countdownSeconds(p.page)))
				return Math.max(...seconds) - Math.min(...seconds)
			}, { message: 'the three countdowns agree to the second' })
			.toBeLessThanOrEqual(1)
		// Paused, the time stands still: then it must read exactly the same everywhere.
		await panel.getByRole('button', { name: 'Pause' }).click()
		await expect(f.getByTestId('countdown')).toContainText('(paused)')
		const paused = await f.getByTestId('countdown').textContent()
		for (const p of participants) await expect(p.page.getByTestId('countdown')).toHaveText(paused ?? '')
		await f.screenshot({ path: 'test-results/10-facilitator-panel.png' })
		await dai.page.screenshot({ path: 'test-results/10-participant-countdown.png' })
		await panel.getByRole('button', { name: 'Resume' }).click()
		await expect(dai.page.getByTestId('countdown')).not.toContainText('paused')

		// Bring everyone to my view: the participants' cameras move to the facilitator's view.
		await f.evaluate(() => {
			window.cydEditor?.setCamera({ x: -1800, y: -900, z: 1.5 })
		})
		const target = await view(f)
		expect(target).not.toBeNull()
		for (const p of participants) expect(await view(p.page)).not.toEqual(target)
		await panel.getByRole('button', { name: 'Bring everyone to my view' }).click()
		for (const p of participants) await expect.poll(() => view(p.page), { message: `${p.name} is brought to the view` }).toEqual(target)
		await expect(dai.page.getByTestId('announcer')).toHaveText('The facilitator brought everyone to their view.')

		// Lock: participants become view-only (banner; no shape can be made), the facilitator can still write.
		await panel.getByRole('button', { name: 'Lock the board' }).click()
		for (const p of participants) {
			await expect(p.page.getByTestId('view-only')).toHaveText(/The facilitator has locked the board/)
			await expect.poll(() => isReadonly(p.page)).toBe(true)
		}
		await expect(dai.page.getByTestId('tools.note')).toHaveCount(0)
		await dai.page.keyboard.press('n')
		await dai.page.mouse.click(500, 450)
		await dai.page.screenshot({ path: 'test-results/11-participant-locked.png' })
		expect(await notes(dai.page)).toEqual([])
		// Even a client that ignores the lock cannot write: the server refuses, and the board starts over.
		await eira.page.evaluate(() => {
			window.cydRoom?.setReadOnly(false)
			window.cydEditor?.updateInstanceState({ isReadonly: false })
			window.cydEditor?.createShape({ type: 'note', x: 0, y: 0 })
		})
		await expect(eira.page.getByRole('alert').filter({ hasText: 'was not saved' })).toBeVisible()
		await expect.poll(() => notes(eira.page)).toEqual([])
		await expect.poll(() => isReadonly(eira.page)).toBe(true)
		await eira.page.screenshot({ path: 'test-results/12-refused-edit.png' })
		expect(await notes(f)).toEqual([])
		await eira.page.getByRole('button', { name: 'Dismiss' }).click()

		await panel.getByRole('button', { name: 'Unlock the board' }).click()
		for (const p of participants) {
			await expect(p.page.getByTestId('view-only')).toHaveText('')
			await expect.poll(() => isReadonly(p.page)).toBe(false)
		}

		// A voting round, end to end.
		const noteId = await makeNote(dai.page, { x: 420, y: 480 }, 'A bus every 20 minutes')
		const other = await makeNote(eira.page, { x: 760, y: 480 }, 'Stop by the surgery')
		await expect.poll(async () => (await notes(f)).length).toBe(2)
		await panel.getByLabel('Votes per person').fill('3')
		await panel.getByRole('button', { name: 'Open a voting round' }).click()
		for (const p of participants) await expect(p.page.getByTestId('votes-left')).toHaveText('3 of 3 votes left')

		const voteOn = async (p: Person, id: string, times: number) => {
			const at = await screenCenter(p.page, id)
			await p.page.mouse.click(at.x, at.y)
			await expect.poll(() => p.page.evaluate(() => window.cydEditor?.getOnlySelectedShapeId() ?? null)).toBe(id)
			// a click on a card that was already selected starts editing its text: leave that, keep it selected
			if (await p.page.evaluate(() => window.cydEditor?.getEditingShapeId() ?? null)) await p.page.keyboard.press('Escape')
			await expect.poll(() => p.page.evaluate(() => window.cydEditor?.getEditingShapeId() ?? null)).toBeNull()
			const button = p.page.getByRole('button', { name: 'Vote for this card' })
			for (let i = 0; i < times; i++) {
				const left = await p.page.getByTestId('votes-left').textContent()
				// keyboard: focus the button and press Enter
				await button.focus()
				await p.page.keyboard.press('Enter')
				await expect(p.page.getByTestId('votes-left')).not.toHaveText(left ?? '')
			}
		}
		await voteOn(dai, noteId, 2)
		await expect(dai.page.getByTestId('votes-left')).toHaveText('1 of 3 votes left')
		await expect(dai.page.getByText('Your votes on this card: 2')).toBeVisible()
		// take one back, then give it again
		await dai.page.getByRole('button', { name: 'Remove my vote' }).click()
		await expect(dai.page.getByTestId('votes-left')).toHaveText('2 of 3 votes left')
		await dai.page.getByRole('button', { name: 'Vote for this card' }).click()
		await voteOn(eira, noteId, 1)
		await voteOn(eira, other, 1)
		await dai.page.screenshot({ path: 'test-results/13-voting-open.png' })
		// hidden until the round closes
		await expect(f.getByTestId('vote-badge')).toHaveCount(0)

		await panel.getByRole('button', { name: 'Close the round and show results' }).click()
		for (const p of everyone) {
			await expect(p.page.locator(`[data-testid="vote-badge"][data-shape-id="${noteId}"]`)).toHaveText('3 votes')
			await expect(p.page.locator(`[data-testid="vote-badge"][data-shape-id="${other}"]`)).toHaveText('1 vote')
		}
		await expect(panel.getByTestId('results').locator('li').first()).toContainText('A bus every 20 minutes')
		await expect(dai.page.getByRole('heading', { name: 'Voting closed: 2 people voted.' })).toBeVisible()
		await f.screenshot({ path: 'test-results/14-results-facilitator.png' })
		await eira.page.screenshot({ path: 'test-results/14-results-participant.png' })

		// An observer's board is view-only.
		const owain = await join(browser, room.links.observer, 'Owain')
		await expect(owain.page.getByTestId('my-role')).toHaveText('You are: Observer')
		await expect(owain.page.getByTestId('view-only')).toHaveText('You are observing: the board is view-only for you.')
		await expect.poll(() => isReadonly(owain.page)).toBe(true)
		await expect.poll(async () => (await notes(owain.page)).length).toBe(2)
		// opening the board wrote nothing the server had to refuse
		await expect(owain.page.getByRole('alert').filter({ hasText: 'was not saved' })).toHaveCount(0)
		await owain.page.screenshot({ path: 'test-results/15-observer.png' })

		// The balance of voice counts who has added what.
		await expect(panel.getByTestId('balance')).toContainText('Dai')
		await expect(panel.getByTestId('balance').locator('tr.quiet')).toContainText(['Owain'])

		// Replacing the participant link sends those who joined with it away, with a clear message.
		f.once('dialog', (dialog) => void dialog.accept())
		await panel.getByText('Join links').click()
		await panel.getByRole('button', { name: 'Replace the Participant link' }).click()
		await expect(panel.getByTestId('panel-status')).toHaveText('The Participant link has been replaced.')
		for (const p of participants) await expect(p.page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible()
		await dai.page.screenshot({ path: 'test-results/16-link-replaced.png' })

		for (const p of [...everyone, owain]) await p.context.close()
	})

	test('without a join link, the room says one is needed', async ({ page, request }) => {
		const room = await createRoom(request, 'Closed room')
		await page.goto(`/r/${room.id}`)
		await expect(page.getByRole('heading', { name: 'You need a join link' })).toBeVisible()
	})
})
