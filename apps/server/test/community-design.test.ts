/**
 * The community's decisions in the ServiceDesign and every export, against a real server and real
 * SQLite: a closed budget round (both rules' results per option, the ballots without names) and a
 * closed ratification (the tally per item), built from what the server stored, never from a client's
 * document.
 */
import { inflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { parseCommunity, WORKSHOP_MAP, type CommunityState, type ServiceDesign, type WorkshopState } from '@cyd/model'
import { canvasSchema } from '@cyd/model/schema'
import { callApi, connectClient, createRoom, joinAs, noteRecord, serverForFile, synced, writeCanvas, type TestServer } from './helpers.js'

let server: TestServer
const clients = serverForFile((started) => (server = started))

const call = (room: string, session: string | null, method: string, path: string, body?: unknown) => callApi(server.url, room, session, method, path, body)
const json = async <T>(response: Response | Promise<Response>): Promise<T> => {
	const r = await response
	expect(r.status, await r.clone().text()).toBeLessThan(300)
	return r.json() as Promise<T>
}

/**
 * A room whose budget round is closed: a pot of £1,000; Rhys (bench, planters), Olwen (bench) and the
 * table's seats Ceri (shelter) and Dai (shelter, planters). And a closed ratification of two agreed notes.
 */
async function decidedRoom() {
	const id = await createRoom(server.url, 'The green fund')
	const facilitator = await joinAs(server.url, id, 'facilitator', 'Ffion')
	const rhys = await joinAs(server.url, id, 'participant', 'Rhys', 'resident')
	const olwen = await joinAs(server.url, id, 'participant', 'Olwen', 'organisation')
	clients.push(...(await writeCanvas(server.url, id, canvasSchema().serialize(), [noteRecord('shape:bench', 'A bench'), noteRecord('shape:shelter', 'A bus shelter')])))
	await json(call(id, facilitator, 'POST', '/budget', { pot: 1000, currency: 'GBP', ballot: 'approval' }))
	const options = [
		{ title: 'A bench', cost: 600, item: 'shape:bench' },
		{ title: 'A bus shelter', cost: 500, item: 'shape:shelter' },
		{ title: 'Planters', cost: 300 },
		{ title: 'Fruit trees', cost: 100 },
	]
	const costed = await json<CommunityState>(call(id, facilitator, 'PUT', '/budget/options', { options }))
	const [bench, shelter, planters] = costed.budget!.options.map((o) => o.id) as [string, string, string]
	await json(call(id, facilitator, 'POST', '/budget/open'))
	const table = await json<WorkshopState>(call(id, facilitator, 'PUT', '/table', { seats: [{ name: 'Ceri' }, { name: 'Dai' }] }))
	const [ceri, dai] = table.table!.seats.map((s) => s.id) as [string, string]
	const cast = (session: string, ballot: Record<string, number>, seat?: string) => json(call(id, session, 'POST', '/budget/ballot', { ballot, seat }))
	await cast(rhys, { [bench]: 1, [planters]: 1 })
	await cast(olwen, { [bench]: 1 })
	await cast(facilitator, { [shelter]: 1 }, ceri)
	await cast(facilitator, { [shelter]: 1, [planters]: 1 }, dai)
	await json(call(id, facilitator, 'POST', '/budget/close'))

	for (const item of ['shape:bench', 'shape:shelter']) await json(call(id, facilitator, 'POST', '/decisions', { item, status: 'agreed' }))
	await json(call(id, facilitator, 'POST', '/ratification', { threshold: { yes: 2, of: 3 } }))
	await json(call(id, rhys, 'POST', '/ratification/ballot', { votes: { 'shape:bench': 'yes', 'shape:shelter': 'no' } }))
	await json(call(id, olwen, 'POST', '/ratification/ballot', { votes: { 'shape:bench': 'yes', 'shape:shelter': 'yes' } }))
	await json(call(id, facilitator, 'POST', '/ratification/close'))
	return { id, facilitator, rhys, bench, shelter, planters }
}

const NAMES = /Ffion|Rhys|Olwen|Ceri|Dai/

/** One file of a zip, by name (its local header gives its size; the export stores or deflates). */
function unzipped(zip: Buffer, name: string): string {
	for (let at = 0; at + 30 <= zip.length && zip.readUInt32LE(at) === 0x04034b50; ) {
		const method = zip.readUInt16LE(at + 8)
		const size = zip.readUInt32LE(at + 18)
		const nameLength = zip.readUInt16LE(at + 26)
		const start = at + 30 + nameLength + zip.readUInt16LE(at + 28)
		const data = zip.subarray(start, start + size)
		if (zip.toString('utf8', at + 30, at + 30 + nameLength) === name) return (method === 8 ? inflateRawSync(data) : data).toString('utf8')
		at = start + size
	}
	throw new Error(`${name} is not in the zip`)
}

describe('the community’s decisions in the design and the exports', () => {
	it('GET /design carries the closed budget round with both rules’ results and the ballots without names, and the ratification’s tally', async () => {
		const r = await decidedRoom()
		const design = await json<ServiceDesign>(call(r.id, r.facilitator, 'GET', '/design'))
		expect(design.budgets).toHaveLength(1)
		const round = design.budgets![0]!
		expect(round).toMatchObject({ pot: 1000, currency: 'GBP', ballot: 'approval', points: 0, audience: 'everyone', voters: 4, share: 250 })
		// Most votes first: planters, then the shelter (cheaper first at 2 votes each); the bench does not fit the £200 left.
		expect(round.greedy).toEqual({ funded: [r.planters, r.shelter], spent: 800, left: 200 })
		// Equal shares: planters by the rule (Rhys and Dai pay £150 each), the shelter by the completion.
		expect(round.equalShares.funded).toEqual([r.planters, r.shelter])
		const byTitle = new Map(round.options.map((o) => [o.title, o]))
		expect(byTitle.get('A bench')).toMatchObject({ cost: 600, item: 'shape:bench', votes: 2, supporters: 2, greedy: { funded: false, reason: 'pot-short', potLeft: 200 }, equalShares: { funded: false, reason: 'supporters-short' } })
		expect(byTitle.get('Planters')!.equalShares).toMatchObject({ funded: true, reason: 'funded', step: 1, maxPayment: 150 })
		expect(byTitle.get('A bus shelter')!.equalShares).toMatchObject({ funded: true, reason: 'completion' })
		expect(byTitle.get('Fruit trees')!.greedy.reason).toBe('no-support')
		expect(round.ballots).toEqual([
			[1, 0, 1, 0],
			[1, 0, 0, 0],
			[0, 1, 1, 0],
			[0, 1, 0, 0],
		])
		expect(JSON.stringify(round)).not.toMatch(NAMES)
		expect(design.ratifications).toEqual([
			expect.objectContaining({
				threshold: { yes: 2, of: 3 },
				voters: 2,
				items: [
					{ item: 'shape:bench', kind: 'note', text: 'A bench', yes: 2, no: 0, abstain: 0, ratified: true },
					{ item: 'shape:shelter', kind: 'note', text: 'A bus shelter', yes: 1, no: 1, abstain: 0, ratified: false },
				],
			}),
		])
	})

	it('is the server’s own record: a client (even the facilitator’s) that writes a budget into the workshop document changes nothing', async () => {
		const r = await decidedRoom()
		const before = await json<ServiceDesign>(call(r.id, r.facilitator, 'GET', '/design'))
		// Every connection to the workshop document, the facilitator's too, is read-only: its write is refused.
		const c = connectClient(server.url, `${r.id}/workshop`, undefined, r.facilitator)
		clients.push(c)
		await synced(c)
		c.doc.getMap(WORKSHOP_MAP).set('budget', { ...parseCommunity(c.doc.getMap(WORKSHOP_MAP).toJSON()).budget, pot: 5 })
		const after = await json<ServiceDesign>(call(r.id, r.facilitator, 'GET', '/design'))
		expect(after.budgets).toEqual(before.budgets)
	})

	it('is in every export: JSON, the Markdown, HTML and PDF reports (a table of results per rule, with why), and the CSV tables', async () => {
		const r = await decidedRoom()
		const exported = (format: string, extra = '') => call(r.id, r.facilitator, 'GET', `/export?format=${format}${extra}`)
		const file = (await (await exported('json')).json()) as ServiceDesign
		expect(file.budgets![0]!.voters).toBe(4)
		expect(file.ratifications![0]!.items).toHaveLength(2)

		const md = await (await exported('md')).text()
		expect(md).toContain('## What the community decided')
		expect(md).toContain('| **A bench** | £600 | 2 | Not funded | At its turn only £200 was left, and it costs £600. |')
		expect(md).toContain('| **Planters** | £300 | 2 | Funded | Its 2 supporters paid for it from their shares, none more than £150. |')
		expect(md).toContain('| **A bench** | Note | 2 | 0 | 0 | Ratified |')
		const html = await (await exported('html', '&language=cy')).text()
		expect(html).toContain('Canlyniadau yn ôl y rheol “Cyfrannau cyfartal”')
		const pdf = await exported('pdf')
		expect(pdf.status).toBe(200)
		expect(pdf.headers.get('content-type')).toBe('application/pdf')

		// The ballots: one line each, numbered, naming nobody.
		const ballots = await (await exported('csv', '&table=budget-ballots')).text()
		const lines = ballots.replace(/^\uFEFF/, '').trimEnd().split('\r\n')
		expect(lines).toHaveLength(5)
		expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['1,1', '1,2', '1,3', '1,4'])
		expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(['A bench; Planters', 'A bench', 'A bus shelter; Planters', 'A bus shelter'])
		expect(ballots).not.toMatch(NAMES)
		// And in the zip of every table, with the results.
		const zip = Buffer.from(await (await exported('csv')).arrayBuffer())
		expect(unzipped(zip, 'budget-ballots.csv').replace(/^\uFEFF/, '')).toBe(ballots.replace(/^\uFEFF/, ''))
		expect(unzipped(zip, 'budget-results.csv')).toContain('A bench,600,GBP,2,2,Not funded,"At its turn only £200 was left, and it costs £600."')
		expect((await exported('csv', '&table=nope')).status).toBe(400)
	})

	it('keeps every closed round, oldest first, each with its own ballots; a saved version has what it had', async () => {
		const r = await decidedRoom()
		const version = await json<{ id: string }>(call(r.id, r.facilitator, 'POST', '/versions', { name: 'After the vote' }))
		// A new round replaces the room's; the design keeps the closed one with its ballots.
		await json(call(r.id, r.facilitator, 'POST', '/budget', { pot: 50, currency: 'GBP', ballot: 'approval' }))
		const design = () => json<ServiceDesign>(call(r.id, r.facilitator, 'GET', '/design'))
		expect((await design()).budgets!.map((b) => [b.pot, b.voters, b.ballots.length])).toEqual([[1000, 4, 4]])
		const costed = await json<CommunityState>(call(r.id, r.facilitator, 'PUT', '/budget/options', { options: [{ title: 'Seeds', cost: 20 }] }))
		await json(call(r.id, r.facilitator, 'POST', '/budget/open'))
		await json(call(r.id, r.rhys, 'POST', '/budget/ballot', { ballot: { [costed.budget!.options[0]!.id]: 1 } }))
		await json(call(r.id, r.facilitator, 'POST', '/budget/close'))
		const both = (await design()).budgets!
		expect(both.map((b) => [b.pot, b.voters, b.ballots])).toEqual([
			[1000, 4, [[1, 0, 1, 0], [1, 0, 0, 0], [0, 1, 1, 0], [0, 1, 0, 0]]],
			[50, 1, [[1]]],
		])
		// A second ratification: the first stays, the open one is not there until it closes.
		await json(call(r.id, r.facilitator, 'POST', '/ratification', { threshold: { yes: 1, of: 2 } }))
		expect((await design()).ratifications!.map((x) => x.threshold)).toEqual([{ yes: 2, of: 3 }])
		await json(call(r.id, r.facilitator, 'POST', '/ratification/close'))
		expect((await design()).ratifications!.map((x) => x.threshold)).toEqual([
			{ yes: 2, of: 3 },
			{ yes: 1, of: 2 },
		])
		// The version saved after the first round has that round alone.
		const saved = await json<ServiceDesign>(call(r.id, r.facilitator, 'GET', `/design?version=${version.id}`))
		expect(saved.budgets!.map((b) => [b.pot, b.voters, b.ballots.length])).toEqual([[1000, 4, 4]])
		expect(saved.ratifications).toHaveLength(1)
		// The public page shows every closed round too.
		const { url } = await json<{ url: string }>(call(r.id, r.facilitator, 'POST', '/publish'))
		const html = await (await fetch(url.replace(/^https?:\/\/[^/]+/, server.url))).text()
		expect(html).toContain('Pot: £1,000. Ballots: 4.')
		expect(html).toContain('Pot: £50. Ballots: 1.')
		expect(html).toContain('An item is ratified when at least 2 in 3')
		expect(html).toContain('An item is ratified when at least 1 in 2')
	})
})
