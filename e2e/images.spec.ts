import { expect, test } from '@playwright/test'
import { createRoom, join } from './fixtures'

test('a pasted image is uploaded and the document holds its URL; an SVG is refused with a message', async ({ browser, request }) => {
	const room = await createRoom(request, 'Images')
	const alice = await join(browser, room.links.participant, 'Alice')
	const { page } = alice

	// A real PNG, made by the browser, handed to tldraw as a paste would.
	await page.evaluate(async () => {
		const canvas = document.createElement('canvas')
		canvas.width = 40
		canvas.height = 30
		const ctx = canvas.getContext('2d')
		if (ctx) {
			ctx.fillStyle = '#0b5d4b'
			ctx.fillRect(0, 0, 40, 30)
		}
		const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
		if (!blob) throw new Error('no PNG')
		await window.cydEditor?.putExternalContent({ type: 'files', files: [new File([blob], 'square.png', { type: 'image/png' })] })
	})
	await expect
		.poll(() => page.evaluate(() => window.cydEditor?.getAssets().map((a) => ('src' in a.props ? a.props.src : null)) ?? []))
		.toEqual([expect.stringMatching(/^\/uploads\//)])

	// An SVG is refused by the server (415): the person is told why, in their language.
	await page.evaluate(async () => {
		const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
		await window.cydEditor?.putExternalContent({ type: 'files', files: [new File([svg], 'shape.svg', { type: 'image/svg+xml' })] })
	})
	// (tldraw also announces the toast in a live region, hence the toast title locator)
	await expect(page.locator('.tlui-toast__title', { hasText: 'This file type cannot be added. Use a PNG, JPEG, GIF or WebP image.' })).toBeVisible()
	await page.screenshot({ path: 'test-results/05-svg-refused.png' })
	// the refused asset does not stay in the document
	await expect.poll(() => page.evaluate(() => window.cydEditor?.getAssets().length)).toBe(1)
	await alice.context.close()
})
