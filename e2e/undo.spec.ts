import { expect, test } from '@playwright/test'
import { createRoom, join, makeNote, notes, screenCenter } from './fixtures'

test('undo is per person: my undo takes back my move, never your text on the same note', async ({ browser, request }) => {
	const room = await createRoom(request, 'Undo')
	const alice = await join(browser, room.links.facilitator, 'Alice')
	const bob = await join(browser, room.links.participant, 'Bob')

	const id = await makeNote(alice.page, { x: 400, y: 300 }, 'Longer hours')
	await expect(bob.page.locator('.tl-shape[data-shape-type="note"]')).toContainText('Longer hours')
	const start = (await notes(alice.page)).find((n) => n.id === id)!

	// Alice drags the note away.
	// Pressed 50 px off the point the note was made at: tldraw takes a press within 40 px of the last one,
	// soon after it, for a double click (which would edit the note's text instead of moving it).
	const centre = await screenCenter(alice.page, id)
	const at = { x: centre.x + 50, y: centre.y + 50 }
	await alice.page.mouse.move(at.x, at.y)
	await alice.page.mouse.down()
	await alice.page.mouse.move(at.x + 200, at.y + 80, { steps: 10 })
	await alice.page.mouse.up()
	await expect.poll(async () => (await notes(bob.page)).find((n) => n.id === id)?.x).toBeGreaterThan(start.x + 150)

	// Then Bob rewrites its text.
	const onBob = await screenCenter(bob.page, id)
	await bob.page.mouse.dblclick(onBob.x, onBob.y)
	await expect.poll(() => bob.page.evaluate(() => window.cydEditor?.getEditingShapeId() ?? null)).toBe(id)
	await bob.page.keyboard.press('ControlOrMeta+a')
	await bob.page.keyboard.type('Open on Sundays')
	await bob.page.keyboard.press('Escape')
	await expect.poll(async () => (await notes(alice.page)).find((n) => n.id === id)?.text).toBe('Open on Sundays')

	// Alice presses undo: her move is taken back; Bob's text stays, for both of them.
	await alice.page.locator('.tl-canvas').click({ position: { x: 20, y: 400 } })
	await alice.page.keyboard.press('ControlOrMeta+z')
	for (const person of [alice, bob]) {
		await expect.poll(async () => (await notes(person.page)).find((n) => n.id === id)?.x).toBe(start.x)
		expect((await notes(person.page)).find((n) => n.id === id)?.text).toBe('Open on Sundays')
	}
	await alice.page.screenshot({ path: 'test-results/17-after-undo.png' })

	// Redo puts her move back, Bob's text still there.
	await alice.page.keyboard.press('ControlOrMeta+Shift+z')
	await expect.poll(async () => (await notes(bob.page)).find((n) => n.id === id)?.x).toBeGreaterThan(start.x + 150)
	expect((await notes(bob.page)).find((n) => n.id === id)?.text).toBe('Open on Sundays')
	await alice.context.close()
	await bob.context.close()
})
