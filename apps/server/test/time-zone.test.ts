/**
 * A room's time zone: the facilitator sets it, and the exports and the public page write the room's dates
 * and times in it (Europe/London until set). Real server, real SQLite, a stock client writing the board.
 */
import { describe, expect, it } from 'vitest'
import { canvasSchema } from '@cyd/model/schema'
import type { ServiceDesign, WorkshopState } from '@cyd/model'
import { callApi, createRoom, joinAs, noteRecord, writeCanvas, serverForFile, type TestServer } from './helpers.js'

let server: TestServer
const clients = serverForFile((started) => (server = started))

/** How the report writes `iso` in `timeZone`: "29 November 2026, 14:05". */
function written(iso: string, timeZone: string): string {
	const date = new Date(iso)
	const day = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(date)
	const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date)
	return `${day}, ${time}`
}

describe("a room's time zone", () => {
	it('is set by the facilitator only, to a zone that exists, and the exports write its times in it', async () => {
		const room = await createRoom(server.url)
		clients.push(...(await writeCanvas(server.url, room, canvasSchema().serialize(), [noteRecord('shape:bench', 'A bench by the bus stop')])))
		const facilitator = await joinAs(server.url, room, 'facilitator', 'Ffion')
		const participant = await joinAs(server.url, room, 'participant', 'Dai')
		const call = (session: string, method: string, path: string, body?: unknown) => callApi(server.url, room, session, method, path, body)
		expect((await call(facilitator, 'POST', '/decisions', { item: 'shape:bench', status: 'agreed' })).status).toBe(201)
		const design = (await (await call(facilitator, 'GET', '/design')).json()) as ServiceDesign
		const at = design.decisions[0]!.at
		const markdown = async () => (await call(facilitator, 'GET', '/export?format=md&language=en')).text()

		// Europe/London until the facilitator says otherwise.
		expect(await markdown()).toContain(written(at, 'Europe/London'))

		expect((await call(participant, 'PUT', '/time-zone', { timeZone: 'Pacific/Auckland' })).status).toBe(403)
		for (const body of [{}, { timeZone: 'Mars/Olympus_Mons' }, { timeZone: '' }, { timeZone: 12 }]) {
			const refused = await call(facilitator, 'PUT', '/time-zone', body)
			expect(refused.status).toBe(400)
		}
		// Nothing refused was stored.
		expect(await markdown()).toContain(written(at, 'Europe/London'))

		const set = await call(facilitator, 'PUT', '/time-zone', { timeZone: 'Pacific/Auckland' })
		expect(set.status).toBe(200)
		expect(((await set.json()) as WorkshopState).timeZone).toBe('Pacific/Auckland')
		const report = await markdown()
		// Auckland is 11 to 13 hours from London: the same moment reads differently.
		expect(report).toContain(written(at, 'Pacific/Auckland'))
		expect(report).not.toContain(written(at, 'Europe/London'))
	})
})
