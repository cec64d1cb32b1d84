import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canvasSchema } from '@cyd/model/schema'
import type { ServiceDesign, WorkshopState } from '@cyd/model'
import { getMetaMap, getRecordsMap, SCHEMA_KEY, writeRecord } from '@cyd/tldraw-yjs'
import { callApi, connectClient, createRoom, joinAs, linkToken, synced, until, serverForFile, type TestServer } from './helpers.js'

let server: TestServer
const clients = serverForFile((started) => (server = started))

const call = (room: string, session: string | null, method: string, path: string, body?: unknown) => callApi(server.url, room, session, method, path, body)
const seats = (...names: string[]) => names.map((name) => ({ name }))

const note = (id: string, seat?: string) => ({
	typeName: 'shape',
	id,
	type: 'note',
	parentId: 'page:page',
	index: 'a1',
	x: 0,
	y: 0,
	rotation: 0,
	isLocked: false,
	opacity: 1,
	meta: seat ? { seat } : {},
	props: {
		color: 'blue',
		labelColor: 'black',
		size: 'm',
		font: 'draw',
		fontSizeAdjustment: 1,
		align: 'middle',
		verticalAlign: 'middle',
		growY: 0,
		url: '',
		richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A bench by the bus stop' }] }] },
		scale: 1,
		textLastEditedBy: null,
	},
})

/** Writes records over the canvas socket as the holder of `token`; resolves once an observer has them. */
async function writeAs(room: string, token: string, records: Record<string, unknown>[]) {
	const writer = connectClient(server.url, room, new Y.Doc(), token)
	const probe = connectClient(server.url, room, new Y.Doc(), linkToken(room, 'observer'))
	clients.push(writer, probe)
	await Promise.all([synced(writer), synced(probe)])
	writer.doc.transact(() => {
		getMetaMap(writer.doc).set(SCHEMA_KEY, canvasSchema().serialize())
		for (const record of records) writeRecord(getRecordsMap(writer.doc), record)
	})
	await until(probe.doc, () => records.every((r) => getRecordsMap(probe.doc).has(r.id as string)))
}

describe('the touch table', () => {
	it('the facilitator names the seats: each gets its own colour and becomes a person of the room', async () => {
		const room = await createRoom(server.url)
		const facilitator = await joinAs(server.url, room, 'facilitator', 'Ffion')
		const set = await call(room, facilitator, 'PUT', '/table', { seats: seats('Ceri', 'Dai', 'Elin', 'Gareth'), viewLocked: true })
		expect(set.status).toBe(200)
		const state = (await set.json()) as WorkshopState
		const table = state.table!
		expect(table.viewLocked).toBe(true)
		expect(table.seats.map((s) => s.name)).toEqual(['Ceri', 'Dai', 'Elin', 'Gareth'])
		expect(new Set(table.seats.map((s) => s.colour)).size).toBe(4)
		expect(new Set(table.seats.map((s) => s.person)).size).toBe(4)
		expect(state.participants.filter((p) => p.seat).map((p) => [p.name, p.seat])).toEqual([
			['Ceri', 'Ceri'],
			['Dai', 'Dai'],
			['Elin', 'Elin'],
			['Gareth', 'Gareth'],
		])

		// Renamed, a seat keeps its id, colour and person; a new seat takes a colour nobody has.
		const [ceri, dai] = table.seats
		const again = (await (await call(room, facilitator, 'PUT', '/table', { seats: [{ id: ceri!.id, name: 'Ceri Jones' }, { id: dai!.id, name: 'Dai' }, { name: 'Nia' }] })).json()) as WorkshopState
		expect(again.table!.seats[0]).toEqual({ ...ceri, name: 'Ceri Jones' })
		expect(again.table!.seats[1]).toEqual(dai)
		expect([ceri!.colour, dai!.colour]).not.toContain(again.table!.seats[2]!.colour)
		expect(again.table!.viewLocked).toBe(false)
		expect(again.participants.find((p) => p.id === ceri!.person)?.name).toBe('Ceri Jones')
	})

	it('refuses a bad table with a clear status, and only a facilitator sets one', async () => {
		const room = await createRoom(server.url)
		const facilitator = await joinAs(server.url, room, 'facilitator', 'Ffion')
		const participant = await joinAs(server.url, room, 'participant', 'Dai')
		expect((await call(room, participant, 'PUT', '/table', { seats: seats('A', 'B') })).status).toBe(403)
		expect((await call(room, null, 'PUT', '/table', { seats: seats('A', 'B') })).status).toBe(401)
		expect((await call('nosuchroom1', facilitator, 'PUT', '/table', { seats: seats('A', 'B') })).status).toBe(404)
		for (const body of [
			{ seats: seats('Alone') },
			{ seats: seats('1', '2', '3', '4', '5', '6', '7', '8', '9') },
			{ seats: seats('A', '  ') },
			{ seats: seats('A', 'x'.repeat(61)) },
			{ seats: [{ name: 'A', id: 'not an id!' }, { name: 'B' }] },
			{ seats: [{ name: 'A', id: 'same' }, { name: 'B', id: 'same' }] },
			{ seats: seats('A', 'B'), viewLocked: 'yes' },
			{ seats: 'A and B' },
		]) {
			const response = await call(room, facilitator, 'PUT', '/table', body)
			expect(response.status, JSON.stringify(body)).toBe(400)
			expect(((await response.json()) as { error: string }).error).toBeTruthy()
		}
		const state = (await (await call(room, facilitator, 'GET', '/design')).json()) as ServiceDesign
		expect(state.contributors.map((c) => c.name).sort()).toEqual(['Dai', 'Ffion'])
	})

	it("credits what is made at a seat to the seat's person, only when the table (a facilitator) made it", async () => {
		const room = await createRoom(server.url)
		const facilitator = await joinAs(server.url, room, 'facilitator', 'Ffion')
		const participant = await joinAs(server.url, room, 'participant', 'Dai')
		const table = ((await (await call(room, facilitator, 'PUT', '/table', { seats: seats('Ceri', 'Elin') })).json()) as WorkshopState).table!
		const [ceri, elin] = table.seats
		await writeAs(room, facilitator, [note('shape:n1', ceri!.id), note('shape:n2', ceri!.id), note('shape:n3', elin!.id), note('shape:n4')])
		// A participant cannot credit a seat: their note stays theirs.
		await writeAs(room, participant, [note('shape:n5', elin!.id), note('shape:n6', 'no-such-seat')])
		const design = (await (await call(room, facilitator, 'GET', '/design')).json()) as ServiceDesign
		const made = Object.fromEntries(design.contributors.map((c) => [c.name, c.notesMade]))
		expect(made).toEqual({ Ffion: 1, Dai: 2, Ceri: 2, Elin: 1 })
	})

	it("counts the time the table is open as its seats' people's time present, and stops soon after it falls silent", async () => {
		const room = await createRoom(server.url)
		const facilitator = await joinAs(server.url, room, 'facilitator', 'Ffion')
		const participant = await joinAs(server.url, room, 'participant', 'Dai')
		expect((await call(room, participant, 'POST', '/table/here')).status).toBe(403)
		expect((await call(room, null, 'POST', '/table/here')).status).toBe(401)
		await call(room, facilitator, 'PUT', '/table', { seats: seats('Ceri', 'Elin') })
		expect((await call(room, facilitator, 'POST', '/table/here')).status).toBe(204)
		const minutes = async () => {
			const design = (await (await call(room, facilitator, 'GET', '/design')).json()) as ServiceDesign
			return Object.fromEntries(design.contributors.filter((c) => c.name !== 'Ffion' && c.name !== 'Dai').map((c) => [c.name, c.minutesPresent]))
		}
		// The table says it is open at 0, 35, 70 and 105 s: 105 s each (1.75 minutes, shown as 2).
		const t0 = Date.now()
		for (const s of [0, 35, 70, 105]) await server.workshops.table.here(room, t0 + s * 1000)
		expect(await minutes()).toEqual({ Ceri: 2, Elin: 2 })
		// Then silent for an hour (closed, or offline): only 90 s of it counts (195 s, 3.25 minutes).
		await server.workshops.table.here(room, t0 + 105_000 + 3_600_000)
		expect(await minutes()).toEqual({ Ceri: 3, Elin: 3 })
	})
})
