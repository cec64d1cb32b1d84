/**
 * On a 393x851 phone nothing of the room spills past the screen's edge, in English and Welsh, in normal
 * and larger text: tldraw's menu zone and toolbar, the header, the empty board's card, and every control
 * of the facilitator panel with all its sections open (Welsh labels are the longest).
 * @module
 */
import { expect, test, type Page } from '@playwright/test'
import { createRoom, join } from './fixtures'

const PHONE = { viewport: { width: 393, height: 851 }, hasTouch: true, isMobile: true }

/** The visible controls and tldraw zones wider than the screen allows, described. */
function spilling(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth
		const selector = '.panel button, .panel a, .panel input, .panel select, .panel label, .panel summary, header button, .empty-board button, .tlui-menu-zone, .tlui-main-toolbar, .tlui-navigation-panel'
		return [...document.querySelectorAll<HTMLElement>(selector)]
			.filter((e) => {
				const r = e.getBoundingClientRect()
				return r.width > 0 && r.height > 0 && (r.right > width + 1 || r.left < -1)
			})
			.map((e) => `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent ?? '').trim().slice(0, 50)}" ${Math.round(e.getBoundingClientRect().left)}..${Math.round(e.getBoundingClientRect().right)} of ${width}`)
	})
}

for (const [lang, largerText] of [['en', false], ['cy', false], ['en', true], ['cy', true]] as const) {
	test(`on a phone nothing of the room or the facilitator panel spills past the screen (${lang}${largerText ? ', larger text' : ''})`, async ({ browser, request }) => {
		const room = await createRoom(request, 'Phone: does it fit')
		const ffion = await join(browser, room.links.facilitator, 'Ffion', PHONE)
		const page = ffion.page
		if (lang === 'cy' || largerText) {
			await page.evaluate(
				([language, larger]) => {
					localStorage.setItem('cyd.language', language)
					if (larger) localStorage.setItem('cyd.display', JSON.stringify({ theme: 'system', largerText: true, reducedMotion: false }))
				},
				[lang, largerText] as const
			)
			await page.reload()
			await expect(page.locator('html')).toHaveAttribute('lang', lang)
			await expect(page.locator('.tl-canvas')).toBeVisible()
		}
		await expect(page.getByTestId('empty-board')).toBeVisible()
		const panel = page.locator('#facilitator-panel')
		await expect(panel).toBeVisible()
		// Every section of the panel open, the join links loaded.
		await panel.evaluate((aside) => aside.querySelectorAll('details').forEach((d) => (d.open = true)))
		await expect(panel.locator('.links li').first()).toBeVisible()
		await expect.poll(() => spilling(page)).toEqual([])
		await page.screenshot({ path: test.info().outputPath(`phone-panel-${lang}${largerText ? '-larger' : ''}.png`) })
		await ffion.context.close()
	})
}
