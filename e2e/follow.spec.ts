import { expect, test, type Page } from '@playwright/test'
import { createRoom, join, waitForCanvas } from './fixtures'

/**
 * The page point at the middle of the screen. (A follower's zoom fits the leader's view into its own
 * canvas, which is wider here than the facilitator's beside the panel, so only the centres agree.)
 */
function view(page: Page) {
	return page.evaluate(() => {
		const editor = window.cydEditor
		if (!editor) return null
		const { center } = editor.getViewportPageBounds()
		return { x: Math.round(center.x), y: Math.round(center.y) }
	})
}

const moveCamera = (page: Page, camera: { x: number; y: number; z: number }) => page.evaluate((c) => {
		window.cydEditor?.setCamera(c)
	}, camera)

/** The camera of `name` as this page has it from their presence. */
function theirCamera(page: Page, name: string) {
	return page.evaluate((n) => window.cydEditor?.getCollaborators().find((c) => c.userName === n)?.camera ?? null, name)
}

const followingUserId = (page: Page) => page.evaluate(() => window.cydEditor?.getInstanceState().followingUserId ?? null)

test('everyone follows the facilitator while it is on; a participant can step out; off lets everyone go', async ({ browser, request }) => {
	const room = await createRoom(request, 'Follow me')
	const ffion = await join(browser, room.links.facilitator, 'Ffion')
	const dai = await join(browser, room.links.participant, 'Dai')
	const f = ffion.page
	const d = dai.page
	const panel = f.getByRole('complementary', { name: 'Run the workshop' })
	const toggle = panel.getByRole('button', { name: 'Everyone follows me' })
	await expect(toggle).toHaveAttribute('aria-pressed', 'false')
	await expect(d.getByTestId('follow-note')).toHaveCount(0)

	// On: the participant's view follows the facilitator's, through pans and zooms.
	await toggle.click()
	await expect(toggle).toHaveAttribute('aria-pressed', 'true')
	await expect(panel.getByTestId('follow-status')).toBeVisible()
	await expect(d.getByTestId('follow-note')).toContainText('Following Ffion')
	await expect(d.getByTestId('announcer')).toHaveText('The facilitator asked everyone to follow their view.')
	// The facilitator's own view does not follow anyone.
	await expect(f.getByTestId('follow-note')).toHaveCount(0)
	expect(await followingUserId(f)).toBeNull()

	for (const camera of [
		{ x: -1500, y: -700, z: 1.5 },
		{ x: 600, y: 350, z: 0.5 },
	]) {
		await moveCamera(f, camera)
		const target = await view(f)
		await expect.poll(() => view(d), { message: 'Dai follows the facilitator' }).toEqual(target)
	}
	await d.screenshot({ path: 'test-results/20-following.png' })

	// Dai steps out: the facilitator moves on, Dai's view stays where it was.
	await d.getByRole('button', { name: 'Stop following' }).click()
	await expect(d.getByTestId('follow-note')).toContainText('You stopped following Ffion.')
	const stepped = await view(d)
	await moveCamera(f, { x: -200, y: -900, z: 1.25 })
	await expect.poll(() => theirCamera(d, 'Ffion')).toEqual({ x: -200, y: -900, z: 1.25 })
	expect(await view(d)).toEqual(stepped)
	// ... and back in.
	await d.getByRole('button', { name: 'Follow again' }).click()
	await expect(d.getByTestId('follow-note')).toContainText('Following Ffion')
	await expect.poll(() => view(d)).toEqual(await view(f))
	// Moving the board by hand steps out too.
	await d.mouse.move(640, 400)
	await d.mouse.wheel(0, 300)
	await expect(d.getByTestId('follow-note')).toContainText('You stopped following Ffion.')
	await d.getByRole('button', { name: 'Follow again' }).click()
	await expect.poll(() => view(d)).toEqual(await view(f))

	// Off: Dai is let go, and stays put when the facilitator moves again.
	await toggle.click()
	await expect(toggle).toHaveAttribute('aria-pressed', 'false')
	await expect(d.getByTestId('follow-note')).toHaveCount(0)
	await expect.poll(() => followingUserId(d)).toBeNull()
	await expect(d.getByTestId('announcer')).toHaveText('The facilitator stopped leading: you can move around the board freely.')
	const stayed = await view(d)
	await moveCamera(f, { x: 2500, y: -1800, z: 2 })
	await expect.poll(() => theirCamera(d, 'Ffion'), { message: "the facilitator's move reached Dai" }).toEqual({ x: 2500, y: -1800, z: 2 })
	expect(await view(d)).toEqual(stayed)

	await ffion.context.close()
	await dai.context.close()
})

test('display preferences chosen when joining apply at once, survive a reload and can be changed in the room', async ({ browser, request }) => {
	const room = await createRoom(request, 'Display')
	const context = await browser.newContext()
	const page = await context.newPage()
	const html = page.locator('html')
	await page.goto(room.links.participant)
	await page.getByLabel('Your name').fill('Eira')
	await page.getByLabel('Larger text').check()
	await page.getByLabel('High contrast').check()
	await expect(html).toHaveClass(/\bcyd-larger-text\b/)
	await expect(html).toHaveClass(/\bcyd-high-contrast\b/)
	await expect(html).not.toHaveClass(/\bcyd-reduced-motion\b/)
	await page.getByRole('button', { name: 'Join' }).click()
	await waitForCanvas(page)

	await page.reload()
	await waitForCanvas(page)
	await expect(html).toHaveClass(/\bcyd-larger-text\b/)
	expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px')
	await page.screenshot({ path: 'test-results/21-larger-text-high-contrast.png' })

	// From the room header, by keyboard: reduce motion on, larger text off.
	const menu = page.locator('.display-menu summary')
	await menu.focus()
	await page.keyboard.press('Enter')
	await page.getByLabel('Reduce motion').check()
	await page.getByLabel('Larger text').uncheck()
	await expect(html).toHaveClass(/\bcyd-reduced-motion\b/)
	await expect(html).not.toHaveClass(/\bcyd-larger-text\b/)
	await page.reload()
	await waitForCanvas(page)
	await expect(html).toHaveClass(/\bcyd-reduced-motion\b/)
	await expect(html).not.toHaveClass(/\bcyd-larger-text\b/)
	await context.close()
})
