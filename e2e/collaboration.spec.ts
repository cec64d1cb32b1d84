import { expect, test } from '@playwright/test'
import { createRoom, join, makeNote, notes, screenCenter, waitForCanvas } from './fixtures'

test.describe('two people on one board', () => {
	test('notes, concurrent move and edit, cursors, reload, offline', async ({ browser, request }) => {
		const room = await createRoom(request, 'Library opening hours')
		const alice = await join(browser, room.links.facilitator, 'Alice')
		const bob = await join(browser, room.links.participant, 'Bob')

		// Each sees who is here.
		await expect(alice.page.getByTestId('people-list')).toContainText('Bob')
		await expect(bob.page.getByTestId('people-list')).toContainText('Bob (you)')
		await expect(bob.page.getByTestId('people-list')).toContainText('Alice')

		// A note made and typed by Alice appears, with its text, for Bob.
		const noteId = await makeNote(alice.page, { x: 500, y: 350 }, 'Opening hours too short')
		await expect(bob.page.locator('.tl-shape[data-shape-type="note"]')).toContainText('Opening hours too short')
		await alice.page.screenshot({ path: 'test-results/01-alice-note.png' })
		await bob.page.screenshot({ path: 'test-results/01-bob-sees-note.png' })

		// Bob starts editing the note's text while Alice moves it; both changes survive everywhere.
		const before = (await notes(bob.page)).find((n) => n.id === noteId)
		expect(before).toBeDefined()
		const onBob = await screenCenter(bob.page, noteId)
		await bob.page.mouse.dblclick(onBob.x, onBob.y)
		await expect.poll(() => bob.page.evaluate(() => window.cydEditor?.getEditingShapeId() ?? null)).toBe(noteId)

		// Pressed off the point the note was made at, so tldraw cannot take it for a double click on the note.
		const centre = await screenCenter(alice.page, noteId)
		const onAlice = { x: centre.x + 50, y: centre.y + 50 }
		await alice.page.mouse.move(onAlice.x, onAlice.y)
		await alice.page.mouse.down()
		await alice.page.mouse.move(onAlice.x + 120, onAlice.y + 40, { steps: 8 })
		await alice.page.mouse.move(onAlice.x + 250, onAlice.y + 90, { steps: 8 })
		await alice.page.mouse.up()

		await bob.page.keyboard.press('ControlOrMeta+a')
		await bob.page.keyboard.type('Open on Saturdays')
		await bob.page.keyboard.press('Escape')

		const moved = (n: { x: number; y: number } | undefined) => !!n && !!before && n.x > before.x + 100 && n.y > before.y + 30
		for (const person of [alice, bob]) {
			await expect
				.poll(async () => {
					const n = (await notes(person.page)).find((m) => m.id === noteId)
					return n ? { moved: moved(n), text: n.text } : null
				}, { message: `${person.name} sees the move and the edit` })
				.toEqual({ moved: true, text: 'Open on Saturdays' })
		}

		// Each sees the other's cursor with their name.
		await alice.page.mouse.move(300, 300)
		await alice.page.mouse.move(320, 310, { steps: 4 })
		await expect(bob.page.locator('.tl-nametag')).toContainText('Alice')
		await bob.page.mouse.move(700, 420)
		await bob.page.mouse.move(720, 430, { steps: 4 })
		await expect(alice.page.locator('.tl-nametag')).toContainText('Bob')
		await bob.page.screenshot({ path: 'test-results/02-bob-sees-alice-cursor.png' })
		await alice.page.screenshot({ path: 'test-results/02-alice-after-merge.png' })

		// A reload keeps everything (and the name: no second prompt).
		await bob.page.reload()
		await waitForCanvas(bob.page)
		await expect.poll(async () => (await notes(bob.page)).map((n) => n.text)).toEqual(['Open on Saturdays'])

		// Offline: Alice's edit is kept on her device, then reaches Bob when she is back.
		await alice.page.evaluate(() => Object.assign(window, { editorBeforeOffline: window.cydEditor }))
		await alice.context.setOffline(true)
		await expect(alice.page.getByTestId('save-status')).toHaveText('Offline, changes kept on this device')
		await makeNote(alice.page, { x: 400, y: 550 }, 'Written offline')
		await alice.page.screenshot({ path: 'test-results/03-alice-offline.png' })
		expect((await notes(bob.page)).map((n) => n.text)).not.toContain('Written offline')
		await alice.context.setOffline(false)
		await expect(alice.page.getByTestId('save-status')).toHaveText('Saved')
		// going offline and back must not remake the editor (that would drop undo history and selection)
		expect(await alice.page.evaluate(() => (window as { editorBeforeOffline?: unknown }).editorBeforeOffline === window.cydEditor)).toBe(true)
		await expect.poll(async () => (await notes(bob.page)).map((n) => n.text).sort()).toEqual(['Open on Saturdays', 'Written offline'])
		await bob.page.screenshot({ path: 'test-results/04-bob-after-offline-edit.png' })

		await alice.context.close()
		await bob.context.close()
	})

	test('a note written offline is kept on this device through closing the tab, and reaches the others when it opens again', async ({ browser, request }) => {
		const room = await createRoom(request, 'Kept on this device')
		const alice = await join(browser, room.links.facilitator, 'Alice')
		const bob = await join(browser, room.links.participant, 'Bob')
		const roomUrl = alice.page.url()
		/** How many updates this device's copy of the room holds (y-indexeddb's store). */
		const copied = () =>
			alice.page.evaluate(
				(name) =>
					new Promise<number>((resolve, reject) => {
						const open = indexedDB.open(name)
						open.onerror = () => reject(open.error)
						open.onsuccess = () => {
							const db = open.result
							const count = db.transaction('updates').objectStore('updates').count()
							count.onsuccess = () => (db.close(), resolve(count.result))
							count.onerror = () => reject(count.error)
						}
					}),
				`cyd-${room.id}`,
			)
		await alice.context.setOffline(true)
		await expect(alice.page.getByTestId('save-status')).toHaveText('Offline, changes kept on this device')
		const id = await makeNote(alice.page, { x: 420, y: 420 }, 'Written offline')
		// The last words, written by the person (not gathered with others' changes for later): the copy
		// holds them before the tab closes.
		const before = await copied()
		await alice.page.evaluate((noteId) => {
			const text = 'Written, then the tab closed'
			window.cydEditor!.updateShape({ id: noteId, type: 'note', props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } } })
		}, id)
		await expect.poll(copied).toBeGreaterThan(before)
		await alice.page.close()
		await alice.context.setOffline(false)
		const again = await alice.context.newPage()
		await again.goto(roomUrl)
		await waitForCanvas(again)
		await expect.poll(async () => (await notes(again)).map((n) => n.text)).toEqual(['Written, then the tab closed'])
		await expect.poll(async () => (await notes(bob.page)).map((n) => n.text)).toEqual(['Written, then the tab closed'])
		await alice.context.close()
		await bob.context.close()
	})

	test('an unknown room says so', async ({ page }) => {
		await page.goto('/r/nosuchroom123')
		await expect(page.getByRole('heading', { name: 'Room not found' })).toBeVisible()
	})
})
