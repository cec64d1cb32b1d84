import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import { createRoom, join, makeNote, sessionOf } from './fixtures'

const PHONE = { viewport: { width: 393, height: 851 }, hasTouch: true, isMobile: true }
const LAPTOP = { viewport: { width: 1280, height: 800 } }

/** Opens the community decisions panel (on a phone the header's tools fold behind the menu). */
async function openDecide(page: Page) {
	const menu = page.locator('.room-tools-toggle')
	if (await menu.isVisible()) await menu.click()
	await page.getByRole('button', { name: 'Decide' }).click()
	await expect(page.getByRole('heading', { name: 'Community decisions' })).toBeVisible()
}

test('a budget round: a phone, a laptop and two table seats vote; both results are shown to everyone and on the published page', async ({ browser, request }) => {
	const room = await createRoom(request, 'The green fund')
	const ffion = await join(browser, room.links.facilitator, 'Ffion', LAPTOP)
	const f = ffion.page
	const auth = { Authorization: `Bearer ${await sessionOf(f, room.id)}` }
	// The touch table's two seats (set up as the facilitator's panel does).
	expect((await request.put(`/api/rooms/${room.id}/table`, { headers: auth, data: { seats: [{ name: 'Ceri' }, { name: 'Dai' }] } })).status()).toBe(200)
	const nia = await join(browser, room.links.participant, 'Nia', PHONE)
	const owain = await join(browser, room.links.participant, 'Owain', LAPTOP)

	// The facilitator sets the round up from the panel, with the keyboard where a form is filled.
	await f.getByRole('button', { name: 'Close the facilitator panel' }).click()
	const note = await makeNote(f, { x: 300, y: 300 }, 'Fruit trees')
	await openDecide(f)
	const panel = f.locator('#community-panel')
	await panel.getByLabel('Pot', { exact: true }).fill('1000')
	await panel.getByRole('button', { name: 'Set up a budget round' }).click()
	for (const [i, [title, cost]] of ([['A bench', '600'], ['A bus shelter', '500'], ['Planters', '300']] as const).entries()) {
		await panel.getByRole('button', { name: 'Add an option' }).click()
		const option = panel.getByRole('group', { name: `Option ${i + 1}` })
		await option.getByLabel('What it is').fill(title)
		await option.getByLabel('Cost', { exact: true }).fill(cost)
	}
	// The note on the board becomes an option: select it, and the panel offers it.
	await f.evaluate((id) => {
		window.cydEditor?.select(id)
	}, note)
	await panel.getByRole('button', { name: 'Add the selected card or note' }).click()
	await expect(panel.getByRole('group', { name: 'Option 4' }).getByLabel('What it is')).toHaveValue('Fruit trees')
	await panel.getByRole('group', { name: 'Option 4' }).getByLabel('Cost', { exact: true }).fill('100')
	await panel.getByRole('button', { name: 'Save the options' }).click()
	await expect(panel.getByRole('group', { name: 'Option 3' }).getByLabel('What it is')).toHaveValue('Planters')
	await panel.getByRole('button', { name: 'Open the vote' }).click()

	// The phone: bench and planters; over the pot is refused before it is sent.
	await openDecide(nia.page)
	const phone = nia.page.locator('#community-panel')
	await phone.getByRole('checkbox', { name: /A bench/ }).check()
	await phone.getByRole('checkbox', { name: /A bus shelter/ }).check()
	await expect(phone.getByText('That is more than the pot.')).toBeVisible()
	await expect(phone.getByRole('button', { name: 'Send my ballot' })).toBeDisabled()
	await phone.getByRole('checkbox', { name: /A bus shelter/ }).uncheck()
	await phone.getByRole('checkbox', { name: /Planters/ }).check()
	await expect(phone.getByText('You chose £900 of £1,000.')).toBeVisible()
	await phone.getByRole('button', { name: 'Send my ballot' }).click()
	await expect(phone.getByText('Your ballot is in. Thank you.')).toBeVisible()

	// The laptop: the bench only, by keyboard.
	await openDecide(owain.page)
	const laptop = owain.page.locator('#community-panel')
	await laptop.getByRole('checkbox', { name: /A bench/ }).focus()
	await owain.page.keyboard.press('Space')
	await laptop.getByRole('button', { name: 'Send my ballot' }).focus()
	await owain.page.keyboard.press('Enter')
	await expect(laptop.getByText('Your ballot is in. Thank you.')).toBeVisible()

	// The table's two seats, from the facilitator's screen: Ceri the shelter, Dai the shelter and planters.
	const castFor = async (seat: string, options: string[]) => {
		await panel.getByLabel('Vote for').selectOption({ label: seat })
		for (const o of options) await panel.getByRole('checkbox', { name: new RegExp(o) }).check()
		await panel.getByRole('button', { name: 'Send my ballot' }).click()
		await expect(panel.getByText('Your ballot is in. Thank you.')).toBeVisible()
	}
	await castFor('Ceri', ['A bus shelter'])
	await castFor('Dai', ['A bus shelter', 'Planters'])
	await panel.getByRole('button', { name: 'Close and count' }).first().click()

	// Both results, for everyone. Four ballots, two votes for each option. Greedy: planters (£300), then the
	// shelter (£500), cheaper first; the bench (£600) does not fit in the £200 left. Equal shares: £250 each;
	// the bench's two supporters have £500 < £600; planters and the shelter tie, planters (cheaper) first,
	// Nia and Dai paying £150 each; then the shelter's Ceri (£250) and Dai (£100) fall short; the completion
	// funds the shelter from the £700 left over.
	for (const page of [f, nia.page, owain.page]) {
		const results = page.getByTestId('budget-results')
		await expect(results).toContainText('4 ballots')
		await expect(page.getByTestId('budget-greedy')).toContainText('Most votes first')
		await expect(page.getByTestId('budget-mes')).toContainText('£250 for each voter')
		await expect(page.getByTestId('budget-greedy').getByRole('listitem').filter({ hasText: 'A bench' })).toContainText('Not funded. At its turn only £200 was left, and it costs £600.')
	}
	await expect(nia.page.getByTestId('budget-mes').getByRole('listitem').filter({ hasText: 'Fruit trees' })).toContainText('Not funded. Nobody voted for it.')
	await expect(nia.page.getByTestId('budget-mes').getByRole('listitem').filter({ hasText: 'Planters' })).toContainText('Funded. Its 2 supporters paid for it from their shares, none more than £150.')

	// The results and the ballots download as tables; the ballots name nobody.
	const [results] = await Promise.all([f.waitForEvent('download'), panel.getByRole('button', { name: 'Download the results (CSV)' }).click()])
	const table = await readFile((await results.path())!, 'utf8')
	expect(table).toContain('Planters,300,GBP,2,2,Funded')
	const [ballots] = await Promise.all([f.waitForEvent('download'), panel.getByRole('button', { name: 'Download the ballots (CSV, no names)' }).click()])
	const lines = (await readFile((await ballots.path())!, 'utf8')).trim().split('\r\n')
	expect(lines).toHaveLength(5)
	expect(lines.join('\n')).not.toMatch(/Nia|Owain|Ceri|Dai/)

	// The design's own exports carry them: the report's table of results per rule, and the ballots without names.
	const report = await (await request.get(`/api/rooms/${room.id}/export?format=md`, { headers: auth })).text()
	expect(report).toContain('## What the community decided')
	expect(report).toContain('| **A bench** | £600 | 2 | Not funded | At its turn only £200 was left, and it costs £600. |')
	const exported = (await (await request.get(`/api/rooms/${room.id}/export?format=csv&table=budget-ballots`, { headers: auth })).text()).trim().split('\r\n')
	expect(exported).toHaveLength(5)
	expect(exported.join('\n')).not.toMatch(/Nia|Owain|Ceri|Dai/)

	// The published page shows them.
	const published = (await (await request.post(`/api/rooms/${room.id}/publish`, { headers: auth })).json()) as { url: string }
	const page = await ffion.context.newPage()
	await page.goto(new URL(published.url).pathname)
	await expect(page.getByRole('heading', { name: 'What the community decided' })).toBeVisible()
	await expect(page.locator('[data-rule="mes"]')).toContainText('Planters')
	await expect(page.locator('[data-rule="greedy"]')).toContainText('At its turn only £200 was left, and it costs £600.')
	for (const person of [ffion, nia, owain]) await person.context.close()
})

test('a table seat casts its budget ballot from its dock, with the pot kept as for anyone, and it counts for the seat', async ({ browser, request }) => {
	const room = await createRoom(request, 'The green fund')
	const table = await join(browser, room.links.facilitator, 'Ffion', { viewport: { width: 1600, height: 1000 }, hasTouch: true })
	const page = table.page
	const api = (method: 'get' | 'post' | 'put', path: string, data?: unknown) => sessionOf(page, room.id).then((s) => request[method](`/api/rooms/${room.id}${path}`, { headers: { Authorization: `Bearer ${s}` }, data }))
	const seats = (await (await api('put', '/table', { seats: [{ name: 'Ceri' }, { name: 'Dai' }] })).json()) as { table: { seats: { id: string }[] } }
	const [ceri, dai] = seats.table.seats.map((s) => s.id) as [string, string]
	expect((await api('post', '/budget', { pot: 1000, currency: 'GBP', ballot: 'approval' })).status()).toBe(201)
	const options = [
		{ title: 'A bench', cost: 600 },
		{ title: 'A bus shelter', cost: 500 },
		{ title: 'Planters', cost: 300 },
	]
	const costed = (await (await api('put', '/budget/options', { options })).json()) as { budget: { options: { id: string; title: string }[] } }
	const id = (title: string) => costed.budget.options.find((o) => o.title === title)!.id
	await page.getByRole('button', { name: 'Table layout' }).click()
	// No budget button until the round opens.
	await expect(page.getByTestId('dock-0').getByRole('button', { name: 'New note' })).toBeVisible()
	await expect(page.getByTestId('dock-0').getByRole('button', { name: 'Cast my budget ballot' })).toHaveCount(0)
	expect((await api('post', '/budget/open')).status()).toBe(200)

	// Ceri taps the bench and the shelter: more than the pot, and Send holds back; then planters instead.
	const dock = page.getByTestId('dock-0')
	await dock.getByRole('button', { name: 'Cast my budget ballot' }).click()
	const ballot = dock.getByRole('group', { name: 'Budget ballot of Ceri' })
	await ballot.getByRole('button', { name: 'A bench · £600' }).click()
	await ballot.getByRole('button', { name: 'A bus shelter · £500' }).click()
	await expect(ballot.getByText('You chose £1,100 of £1,000. That is more than the pot.')).toBeVisible()
	await expect(ballot.getByRole('button', { name: 'Send my ballot' })).toBeDisabled()
	await ballot.getByRole('button', { name: 'A bus shelter · £500' }).click()
	await expect(ballot.getByRole('button', { name: 'A bus shelter · £500' })).toHaveAttribute('aria-pressed', 'false')
	await ballot.getByRole('button', { name: 'Planters · £300' }).click()
	await expect(ballot.getByText('You chose £900 of £1,000.')).toBeVisible()
	await ballot.getByRole('button', { name: 'Send my ballot' }).click()
	await expect(ballot.getByText('Your ballot is in. Thank you.')).toBeVisible()

	// Dai, at the other dock, the shelter.
	const other = page.getByTestId('dock-1')
	await other.getByRole('button', { name: 'Cast my budget ballot' }).click()
	const second = other.getByRole('group', { name: 'Budget ballot of Dai' })
	await second.getByRole('button', { name: 'A bus shelter · £500' }).click()
	await second.getByRole('button', { name: 'Send my ballot' }).click()
	await expect(second.getByText('Your ballot is in. Thank you.')).toBeVisible()

	// The server counted each for its seat's person, and refuses a second ballot for a seat.
	expect(await (await api('get', `/budget/mine?seat=${ceri}`)).json()).toEqual({ ballot: { [id('A bench')]: 1, [id('Planters')]: 1 } })
	expect(await (await api('get', `/budget/mine?seat=${dai}`)).json()).toEqual({ ballot: { [id('A bus shelter')]: 1 } })
	const again = await api('post', '/budget/ballot', { ballot: { [id('Planters')]: 1 }, seat: ceri })
	expect(again.status()).toBe(409)
	// Reopened, the dock remembers the seat has voted.
	await dock.getByRole('button', { name: 'Cast my budget ballot' }).click()
	await dock.getByRole('button', { name: 'Cast my budget ballot' }).click()
	await expect(ballot.getByText('Your ballot is in. Thank you.')).toBeVisible()
	// Closing the round counts both and takes the button away.
	const closed = (await (await api('post', '/budget/close')).json()) as { budget: { results: { voters: number } } }
	expect(closed.budget.results.voters).toBe(2)
	await expect(dock.getByRole('button', { name: 'Cast my budget ballot' })).toHaveCount(0)
	await table.context.close()
})

test('a participant casts a budget ballot from the outline with the keyboard alone, and reads both results there', async ({ browser, request }) => {
	const room = await createRoom(request, 'The green fund')
	const ffion = await join(browser, room.links.facilitator, 'Ffion', LAPTOP)
	const api = (method: 'get' | 'post' | 'put', session: string, path: string, data?: unknown) => request[method](`/api/rooms/${room.id}${path}`, { headers: { Authorization: `Bearer ${session}` }, data })
	const facilitator = await sessionOf(ffion.page, room.id)
	expect((await api('post', facilitator, '/budget', { pot: 1000, currency: 'GBP', ballot: 'approval' })).status()).toBe(201)
	const options = [
		{ title: 'A bench', cost: 600 },
		{ title: 'A bus shelter', cost: 500 },
		{ title: 'Planters', cost: 300 },
	]
	const costed = (await (await api('put', facilitator, '/budget/options', { options })).json()) as { budget: { options: { id: string; title: string }[] } }
	const id = (title: string) => costed.budget.options.find((o) => o.title === title)!.id
	expect((await api('post', facilitator, '/budget/open')).status()).toBe(200)

	const owain = await join(browser, room.links.participant, 'Owain', LAPTOP)
	const page = owain.page
	await page.getByRole('button', { name: 'Outline' }).focus()
	await page.keyboard.press('Enter')
	const outline = page.getByTestId('outline-budget')
	await expect(outline.getByRole('heading', { name: 'Participatory budget' })).toBeVisible()
	// The bench, then Tab past the shelter to the planters, then Tab to Send.
	await outline.getByRole('checkbox', { name: /A bench/ }).focus()
	await page.keyboard.press('Space')
	await page.keyboard.press('Tab')
	await page.keyboard.press('Tab')
	await page.keyboard.press('Space')
	await expect(outline.getByText('You chose £900 of £1,000.')).toBeVisible()
	await page.keyboard.press('Tab')
	await expect(outline.getByRole('button', { name: 'Send my ballot' })).toBeFocused()
	await page.keyboard.press('Enter')
	await expect(outline.getByText('Your ballot is in. Thank you.')).toBeVisible()
	const owainSession = await sessionOf(page, room.id)
	expect(await (await api('get', owainSession, '/budget/mine')).json()).toEqual({ ballot: { [id('A bench')]: 1, [id('Planters')]: 1 } })

	// Closed, the outline reads both rules' results, each option with why: planters (cheaper) first, then the bench.
	expect((await api('post', facilitator, '/budget/close')).status()).toBe(200)
	await expect(outline.getByTestId('budget-greedy').getByRole('listitem').filter({ hasText: 'A bench' })).toContainText('Funded. Its turn came with £700 left in the pot.')
	await expect(outline.getByTestId('budget-mes').getByRole('listitem').filter({ hasText: 'A bus shelter' })).toContainText('Not funded. Nobody voted for it.')
	for (const person of [ffion, owain]) await person.context.close()
})
