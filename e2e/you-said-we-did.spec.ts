import { expect, test, type Page } from '@playwright/test'
import { createRoom, join } from './fixtures'

/** The Atom namespace: a feed's elements are in it. */
const ATOM = 'http://www.w3.org/2005/Atom'

test('agree, commit to an action, publish; the steward posts an update that the page and its feed show; a reply is public only once approved', async ({ browser, request }) => {
	const room = await createRoom(request, 'Repairs: what happens next')
	const ffion = await join(browser, room.links.facilitator, 'Ffion')
	const f = ffion.page

	// Three cards on a blank blueprint.
	await f.getByRole('button', { name: 'Journey' }).click()
	const journey = f.getByRole('complementary', { name: 'Service journey' })
	await journey.getByRole('button', { name: 'Add the blueprint' }).click()
	for (const text of ['Text the day before the visit', 'One named officer per repair', 'Close the phone line']) {
		await journey.getByLabel('Text', { exact: true }).fill(text)
		await journey.getByRole('button', { name: 'Add the card' }).click()
		await expect(journey.getByTestId('journey-status')).toHaveText(/^Card added/)
		await journey.getByLabel('Card', { exact: true }).selectOption({ label: 'A new card' })
	}

	// Agree two, reject one with its reason.
	await f.getByRole('button', { name: 'Outline' }).click()
	const outline = f.getByRole('complementary', { name: 'Outline of the board' })
	const panel = f.getByRole('complementary', { name: 'Run the workshop' })
	const decide = async (text: string, status: 'Agreed' | 'Rejected', note = '') => {
		await outline.getByRole('listitem').filter({ hasText: text }).getByRole('button', { name: 'Select' }).click()
		await f.getByRole('button', { name: 'Facilitator panel' }).click()
		await expect(panel.getByText(`Selected: ${text}`)).toBeVisible()
		await panel.getByLabel('Note (optional)').fill(note)
		await panel.getByRole('button', { name: status, exact: true }).click()
		await expect(panel.getByTestId('panel-status')).toHaveText(`Marked as ${status}.`)
	}
	await decide('Text the day before the visit', 'Agreed', 'Start in March')
	await decide('One named officer per repair', 'Agreed')
	await decide('Close the phone line', 'Rejected', 'Many residents rely on it')

	// An action on an agreed card, with an owner and a due day, from the actions panel.
	await f.getByRole('button', { name: 'Actions and outcomes' }).click()
	const commit = f.getByRole('complementary', { name: 'Actions and outcomes' })
	await commit.getByLabel('For', { exact: true }).selectOption({ label: 'Text the day before the visit' })
	await commit.getByLabel('What will be done').fill('Send a text the day before every repair visit')
	await commit.getByLabel('Who owns it').selectOption({ label: 'A named agency' })
	await commit.getByLabel('Name of the group or agency').fill('Council contact centre')
	await commit.getByLabel('Due (optional)').fill('2026-03-31')
	await commit.getByRole('button', { name: 'Add the action' }).click()
	await expect(commit.getByTestId('commit-status')).toHaveText('Action added.')
	await expect(commit.getByTestId('action-list')).toContainText('Send a text the day before every repair visit')
	// On the board, next to its card.
	await expect(f.getByTestId('action-card')).toContainText('Send a text the day before every repair visit')

	// Publish, from the facilitator panel (still open beside it).
	await panel.getByText('Public page', { exact: true }).click()
	await panel.getByRole('button', { name: 'Publish' }).click()
	await expect(panel.getByTestId('panel-status')).toHaveText('Published.')
	const link = await panel.getByRole('textbox', { name: 'Public link' }).inputValue()

	// A fresh context, with no token: the agreed, the rejected with its reason, the action.
	const stranger = await browser.newContext()
	const visitor = await stranger.newPage()
	await visitor.goto(link)
	const body = visitor.locator('body')
	await expect(visitor.getByRole('heading', { name: 'You said, we did' })).toBeVisible()
	await expect(body).toContainText('Text the day before the visit')
	await expect(body).toContainText('One named officer per repair')
	const notTaken = visitor.locator('section[aria-labelledby="not-taken"]')
	await expect(notTaken).toContainText('Close the phone line')
	await expect(notTaken).toContainText('Many residents rely on it')
	await expect(visitor.locator('section[aria-labelledby="journeys"]')).not.toContainText('Close the phone line')
	await expect(visitor.locator('section[aria-labelledby="actions"]')).toContainText('Send a text the day before every repair visit')
	await expect(visitor.locator('section[aria-labelledby="actions"]')).toContainText('Council contact centre (agency)')
	await expect(visitor.locator('section[aria-labelledby="actions"]')).toContainText('31 March 2026')

	// The steward joins with their own link and posts a dated update.
	const links = (await f.evaluate(async (id) => {
		const session = (JSON.parse(localStorage.getItem(`cyd.session.${id}`) ?? '{}') as { session: string }).session
		return (await fetch(`/api/rooms/${id}/links`, { headers: { authorization: `Bearer ${session}` } })).json()
	}, room.id)) as Record<string, string>
	const sian = await join(browser, links.steward!, 'Siân')
	const s = sian.page
	const stewardPanel = s.getByRole('complementary', { name: 'Actions and outcomes' })
	await expect(stewardPanel).toBeVisible()
	await stewardPanel.getByText('Post an update: Send a text the day before every repair visit').click()
	await stewardPanel.getByLabel('What happened').fill('The first texts went out on Monday to 40 homes')
	await stewardPanel.getByLabel('Status', { exact: true }).selectOption({ label: 'In progress' })
	await stewardPanel.getByRole('button', { name: 'Post the update' }).click()
	await expect(stewardPanel.getByTestId('commit-status')).toHaveText('Update posted.')
	await s.screenshot({ path: test.info().outputPath('steward.png') })

	// The page shows it (newest first, by role, never by name), and so does the feed, which parses as Atom.
	await visitor.reload()
	const actions = visitor.locator('section[aria-labelledby="actions"]')
	await expect(actions).toContainText('The first texts went out on Monday to 40 homes')
	await expect(actions).toContainText('The steward')
	await expect(body).not.toContainText('Siân')
	const feedHref = await visitor.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')
	expect(feedHref).toMatch(/\/feed\.atom$/)
	const feed = await visitor.request.get(new URL(feedHref!, link).href)
	expect(feed.headers()['content-type']).toBe('application/atom+xml; charset=utf-8')
	const parsed = await parseAtom(visitor, await feed.text())
	expect(parsed.error).toBe('')
	expect(parsed.root).toEqual({ name: 'feed', ns: ATOM })
	expect(parsed.feed.id).toMatch(/^tag:/)
	expect(parsed.feed.title).toBe('Repairs: what happens next: updates on actions')
	expect(parsed.feed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/)
	expect(parsed.entries).toHaveLength(1)
	expect(parsed.entries[0]!.title).toBe('Send a text the day before every repair visit: In progress')
	expect(parsed.entries[0]!.content).toContain('The first texts went out on Monday to 40 homes')
	expect(parsed.entries[0]!.id).toBeTruthy()
	expect(parsed.entries[0]!.updated).toBeTruthy()

	// A visitor's reply reaches the facilitator's screen, and is public only once approved.
	const reply = 'Thank you. Will this cover <b>flats</b> too? https://example.invalid/ask'
	await visitor.getByLabel('Your reply').fill(reply)
	await visitor.getByRole('button', { name: 'Send the reply' }).click()
	await expect(visitor.getByTestId('reply-said')).toContainText('Thank you: your reply has reached the people running the workshop.')
	await expect(visitor.locator('section[aria-labelledby="replies"]')).not.toContainText('Will this cover')

	const replies = commit.getByTestId('reply-list')
	await expect(replies).toContainText(reply)
	await f.screenshot({ path: test.info().outputPath('facilitator-reply.png') })
	await replies.getByRole('listitem').filter({ hasText: 'Will this cover' }).getByRole('button', { name: 'Approve and publish' }).click()
	await expect(commit.getByTestId('commit-status')).toHaveText('Reply published.')

	await visitor.goto(link)
	const published = visitor.getByTestId('replies')
	await expect(published).toContainText(reply)
	// Plain text: the tag is shown as written, and the address is not a link.
	await expect(published.locator('b')).toHaveCount(0)
	await expect(published.locator('a')).toHaveCount(0)
	await visitor.screenshot({ path: test.info().outputPath('public-page.png'), fullPage: true })

	await stranger.close()
	await sian.context.close()
	await ffion.context.close()
})

/** Parses a feed with the browser's XML parser: any parser error, the root element, the feed's and each entry's fields. */
async function parseAtom(page: Page, xml: string) {
	return page.evaluate(
		({ xml, ns }) => {
			const doc = new DOMParser().parseFromString(xml, 'application/xml')
			const error = doc.getElementsByTagName('parsererror')[0]?.textContent ?? ''
			const root = doc.documentElement
			const child = (el: Element, name: string) => Array.from(el.children).find((c) => c.namespaceURI === ns && c.localName === name)?.textContent ?? null
			return {
				error,
				root: { name: root.localName, ns: root.namespaceURI },
				feed: { id: child(root, 'id'), title: child(root, 'title'), updated: child(root, 'updated') },
				entries: Array.from(root.children)
					.filter((c) => c.namespaceURI === ns && c.localName === 'entry')
					.map((e) => ({ id: child(e, 'id'), title: child(e, 'title'), updated: child(e, 'updated'), content: child(e, 'content') })),
			}
		},
		{ xml, ns: ATOM },
	)
}
