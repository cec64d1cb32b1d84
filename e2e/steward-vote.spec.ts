import { expect, test } from '@playwright/test'
import { createRoom, join, makeNote, sessionOf } from './fixtures'

test('the steward, who does not vote, sees no voting bar in an open round, as the server refuses their votes', async ({ browser, request }) => {
	const room = await createRoom(request, 'Repairs: the follow-up')
	const ffion = await join(browser, room.links.facilitator, 'Ffion')
	const f = ffion.page
	const auth = { Authorization: `Bearer ${await sessionOf(f, room.id)}` }
	const links = (await (await request.get(`/api/rooms/${room.id}/links`, { headers: auth })).json()) as Record<string, string>
	const dai = await join(browser, room.links.participant, 'Dai')
	const sian = await join(browser, links.steward!, 'Siân')
	await f.getByRole('button', { name: 'Close the facilitator panel' }).click()
	const note = await makeNote(f, { x: 300, y: 300 }, 'Text before each visit')

	expect((await request.post(`/api/rooms/${room.id}/rounds`, { headers: auth, data: { votesPerPerson: 3 } })).status()).toBeLessThan(300)
	// A participant votes; the steward's screen has the open round too, and no bar to vote with.
	await expect(dai.page.getByTestId('votes-left')).toHaveText('3 of 3 votes left')
	await expect.poll(() => sian.page.evaluate(() => (window.cydWorkshop?.() as { round: { status: string } | null } | undefined)?.round?.status ?? null)).toBe('open')
	await expect(sian.page.locator('.vote-bar')).toHaveCount(0)
	await expect(sian.page.getByTestId('votes-left')).toHaveCount(0)
	const refused = await request.post(`/api/rooms/${room.id}/votes`, { headers: { Authorization: `Bearer ${await sessionOf(sian.page, room.id)}` }, data: { shapeId: note, delta: 1 } })
	expect(refused.status()).toBe(403)

	// Once the round closes, the steward sees the results as everyone does.
	expect((await request.post(`/api/rooms/${room.id}/rounds/close`, { headers: auth })).status()).toBeLessThan(300)
	await expect(sian.page.locator('.vote-bar')).toContainText('Voting closed')
	for (const person of [ffion, dai, sian]) await person.context.close()
})
