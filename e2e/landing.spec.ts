/**
 * The landing page on a phone (393x851), in English and Welsh: a room needs a title, one press makes
 * one room however often Create is pressed, and the room's links come into view, focused, each with a QR
 * code that reads back as the link.
 */
import { expect, test, type Page } from '@playwright/test'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { cy } from '../apps/web/src/i18n/cy'
import { en } from '../apps/web/src/i18n/en'

type Key = keyof typeof en
const CATALOGS = { en, cy } as const
type Lang = keyof typeof CATALOGS

function say(lang: Lang, key: Key, params: Record<string, string | number> = {}): string {
	return CATALOGS[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]))
}

const PHONE = { viewport: { width: 393, height: 851 }, hasTouch: true, isMobile: true }

/** Every request this page makes to create a room. */
function roomsMade(page: Page): { count: number } {
	const made = { count: 0 }
	page.on('request', (request) => {
		if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/rooms') made.count++
	})
	return made
}

async function openIn(page: Page, lang: Lang): Promise<void> {
	await page.goto('/')
	if (lang === 'cy') await page.getByRole('combobox', { name: say('en', 'language.label'), exact: true }).selectOption('cy')
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(say(lang, 'landing.title'))
}

for (const lang of ['en', 'cy'] as const) {
	test.describe(`the landing page (${lang})`, () => {
		test.use(PHONE)

		test('an empty title is refused with a message, and no room is made', async ({ page }) => {
			const made = roomsMade(page)
			await openIn(page, lang)
			const title = page.getByLabel(say(lang, 'landing.form.title'))
			await title.fill('   ')
			await page.getByRole('button', { name: say(lang, 'landing.form.submit'), exact: true }).tap()
			await expect(page.getByRole('alert').filter({ hasText: say(lang, 'landing.form.titleRequired') })).toBeVisible()
			await expect(title).toBeFocused()
			await expect(title).toHaveAttribute('aria-invalid', 'true')
			await expect(page.getByRole('heading', { name: say(lang, 'landing.created.heading') })).toHaveCount(0)
			expect(made.count).toBe(0)
		})

		test('one press makes one room; its links come into view, focused, each with a QR code', async ({ page }) => {
			const made = roomsMade(page)
			await openIn(page, lang)
			await page.getByLabel(say(lang, 'landing.form.title')).fill(lang === 'cy' ? 'Casglu biniau, Ward 3' : 'Bin collection, Ward 3')
			// Pressed twice in a hurry, as on a slow connection.
			const create = page.getByRole('button', { name: say(lang, 'landing.form.submit'), exact: true })
			await create.evaluate((button: HTMLButtonElement) => {
				button.click()
				button.click()
			})
			const heading = page.getByRole('heading', { name: say(lang, 'landing.created.heading') })
			await expect(heading).toBeVisible()
			expect(made.count).toBe(1)
			await expect(heading).toBeFocused()
			await expect(heading).toBeInViewport()
			// No form left to press again by mistake: making another is a choice of its own.
			await expect(create).toHaveCount(0)

			const participant = say(lang, 'landing.created.linkLabel', { role: say(lang, 'role.participant') })
			const link = await page.getByLabel(participant, { exact: true }).inputValue()
			expect(link).toMatch(/\/r\/[a-z0-9]+#join=/)
			const qr = page.getByRole('img', { name: say(lang, 'landing.created.qr', { role: say(lang, 'role.participant') }) })
			await expect(qr).toBeVisible()
			const image = PNG.sync.read(await qr.screenshot())
			expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(link)
			await page.screenshot({ path: test.info().outputPath(`landing-created-${lang}.png`), fullPage: true })

			await page.getByRole('button', { name: say(lang, 'landing.created.another') }).tap()
			await expect(page.getByLabel(say(lang, 'landing.form.title'))).toHaveValue('')
			await expect(page.getByLabel(say(lang, 'landing.form.title'))).toBeFocused()
			expect(made.count).toBe(1)
		})
	})
}
