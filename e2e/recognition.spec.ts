/**
 * Recognition end to end: a participant opens "My contribution" from the room (by keyboard, in English
 * and Welsh), sees what they gave and downloads their signed receipt as a PDF, which the server's
 * verification page calls genuine; a phone that joins from a seat's QR link is that seat's person.
 */
import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { translate } from '../apps/web/src/i18n/catalog'
import { createRoom, join, sessionOf } from './fixtures'

test('a participant opens My contribution and downloads the receipt', async ({ browser, request }) => {
	const room = await createRoom(request, 'Bus stop co-design')
	const nia = await join(browser, room.links.participant, 'Nia')
	const page = nia.page

	// Reached by keyboard: focus the named button and press Enter.
	const open = page.getByRole('button', { name: translate('en', 'mine.open') })
	await open.focus()
	await page.keyboard.press('Enter')
	const dialog = page.getByRole('dialog', { name: translate('en', 'mine.heading') })
	await expect(dialog).toBeVisible()
	await expect(dialog.getByTestId('mine-made')).toHaveText('0')
	await expect(dialog.getByTestId('mine-credits')).toHaveText(translate('en', 'mine.creditsValue', { credits: '0', rate: '1' }))

	const download = page.waitForEvent('download')
	await dialog.getByRole('button', { name: translate('en', 'mine.download') }).click()
	const file = await download
	expect(file.suggestedFilename()).toMatch(/\.pdf$/)
	const bytes = await readFile((await file.path())!)
	expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
	await expect(dialog.getByTestId('mine-status')).toHaveText(translate('en', 'mine.downloaded'))

	// The receipt's code checks out on the server's verification page.
	const session = await sessionOf(page, room.id)
	const receipt = (await (await request.get(`/api/rooms/${room.id}/contribution/receipt`, { headers: { authorization: `Bearer ${session}` } })).json()) as { code: string }
	const verify = await browser.newPage()
	await verify.goto(`/verify/${receipt.code}`)
	await expect(verify.getByRole('status')).toContainText('Genuine')
	await expect(verify.getByText('Bus stop co-design')).toBeVisible()
	await verify.close()

	// Escape closes it and gives focus back to the button.
	await page.keyboard.press('Escape')
	await expect(dialog).toBeHidden()
	await expect(open).toBeFocused()

	// In Welsh, the same, named in Welsh.
	await page.locator('header').getByLabel('Language').selectOption('cy')
	await page.getByRole('button', { name: translate('cy', 'mine.open') }).click()
	const welsh = page.getByRole('dialog', { name: translate('cy', 'mine.heading') })
	await expect(welsh).toBeVisible()
	await expect(welsh.getByRole('button', { name: translate('cy', 'mine.download') })).toBeVisible()
	await expect(welsh.getByRole('radio', { name: translate('cy', 'mine.language.cy') })).toBeChecked()
	await nia.context.close()
})

test("a phone that joins from a seat's QR link is that seat's person", async ({ browser, request }) => {
	const room = await createRoom(request, 'Table and phones')
	const facilitatorJoin = await request.post(`/api/rooms/${room.id}/join`, { data: { token: room.url.split('#join=')[1], name: 'Ffion' } })
	const facilitator = ((await facilitatorJoin.json()) as { session: string }).session
	const auth = { authorization: `Bearer ${facilitator}` }
	const table = (await (await request.put(`/api/rooms/${room.id}/table`, { headers: auth, data: { seats: [{ name: 'Ceri' }, { name: 'Dai' }], viewLocked: false } })).json()) as { table: { seats: { id: string; person: string; name: string }[] } }
	const ceri = table.table.seats[0]!
	const keys = (await (await request.get(`/api/rooms/${room.id}/table/phones`, { headers: auth })).json()) as Record<string, string>
	const peopleBefore = ((await (await request.get(`/api/rooms/${room.id}/balance`, { headers: auth })).json()) as { people: unknown[] }).people.length

	// The link the table's QR code shows for Ceri's seat (PhoneCode): the participant link, the seat and its key.
	const link = `${room.links.participant}&seat=${encodeURIComponent(ceri.name)}&seatKey=${encodeURIComponent(keys[ceri.id]!)}`
	const phone = await join(browser, link, 'Ceri', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
	const session = await sessionOf(phone.page, room.id)
	const me = (await (await request.get(`/api/rooms/${room.id}/me`, { headers: { authorization: `Bearer ${session}` } })).json()) as { id: string; name: string }
	expect(me).toMatchObject({ id: ceri.person, name: 'Ceri' })
	const peopleAfter = ((await (await request.get(`/api/rooms/${room.id}/balance`, { headers: auth })).json()) as { people: unknown[] }).people.length
	expect(peopleAfter).toBe(peopleBefore)

	// Their contribution is the seat's, from the phone as from the table.
	const fromPhone = await (await request.get(`/api/rooms/${room.id}/contribution`, { headers: { authorization: `Bearer ${session}` } })).json()
	const fromTable = await (await request.get(`/api/rooms/${room.id}/contribution?seat=${ceri.id}`, { headers: auth })).json()
	expect(fromPhone).toEqual(fromTable)
	await phone.context.close()
})

test('what would help someone take part reaches the facilitator alone; monitoring is answered anonymously and shown as suppressed totals', async ({ browser, request }) => {
	const room = await createRoom(request, 'Equal standing')
	const ffion = await join(browser, room.url, 'Ffion')

	const context = await browser.newContext()
	const page = await context.newPage()
	await page.goto(room.links.participant)
	await page.getByLabel(translate('en', 'join.name')).fill('Nia')
	// Folded away and optional; opened and answered by keyboard.
	const summary = page.getByTestId('join-needs').locator('summary')
	await expect(summary).toHaveText(translate('en', 'join.needs'))
	await summary.focus()
	await page.keyboard.press('Enter')
	await page.getByRole('checkbox', { name: translate('en', 'needs.large-print') }).check()
	await page.getByLabel(translate('en', 'join.needs.other')).fill('A quiet corner')
	await page.getByRole('button', { name: translate('en', 'join.submit'), exact: true }).click()
	await expect(page.getByTestId('save-status')).toHaveText('Saved')

	await page.getByRole('button', { name: translate('en', 'mine.open') }).click()
	const mine = page.getByRole('dialog', { name: translate('en', 'mine.heading') })
	await expect(mine.getByTestId('mine-needs')).toHaveCount(0)
	await mine.locator('summary', { hasText: translate('en', 'monitor.heading') }).click()
	await mine.getByLabel(translate('en', 'monitor.q.welsh')).selectOption({ label: translate('en', 'monitor.a.learning') })
	await mine.getByRole('button', { name: translate('en', 'monitor.send') }).click()
	await expect(mine.getByText(translate('en', 'monitor.sent'))).toBeVisible()

	const f = ffion.page
	await f.getByRole('button', { name: translate('en', 'mine.open') }).click()
	const facilitator = f.getByRole('dialog', { name: translate('en', 'mine.heading') })
	await expect(facilitator.getByTestId('mine-needs')).toContainText(`Nia: ${translate('en', 'needs.large-print')}; A quiet corner`)
	await expect(facilitator.getByTestId('monitoring-responses')).toHaveText(`${translate('en', 'monitor.responses')}: ${translate('en', 'monitor.fewer')}`)
	await context.close()
	await ffion.context.close()
})
