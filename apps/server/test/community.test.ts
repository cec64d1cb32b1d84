/**
 * Decisions the community holds, against a real server, real SQLite and stock y-websocket clients:
 * experts withdraw in a deliberation phase (and leave the room when the facilitator asks), rounds for
 * participants or residents only, ratification with a threshold, and participatory budgeting with its
 * ballot rules and both rules' results.
 */
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { equalShares, greedyByVotes, parseCommunity, WORKSHOP_MAP, type CommunityState, type WorkshopState } from '@cyd/model'
import { canvasSchema } from '@cyd/model/schema'
import { callApi, connectClient, createRoom, joinAs, noteRecord, serverForFile, synced, until, writeCanvas, type Client, type TestServer } from './helpers.js'

let server: TestServer
const clients = serverForFile((started) => (server = started))

const call = (room: string, session: string | null, method: string, path: string, body?: unknown) => callApi(server.url, room, session, method, path, body)
const json = async <T>(response: Response | Promise<Response>): Promise<T> => (await response).json() as Promise<T>
const error = async (response: Response | Promise<Response>) => ((await (await response).json()) as { error: string }).error

function client(room: string, token: string, doc?: Y.Doc): Client {
	const c = connectClient(server.url, room, doc, token)
	clients.push(c)
	return c
}

/** A room with a facilitator, a resident participant, an organisation's participant, an expert and two notes. */
async function room() {
	const id = await createRoom(server.url)
	const facilitator = await joinAs(server.url, id, 'facilitator', 'Ffion')
	const resident = await joinAs(server.url, id, 'participant', 'Rhys', 'resident')
	const officer = await joinAs(server.url, id, 'participant', 'Olwen', 'organisation')
	const expert = await joinAs(server.url, id, 'expert', 'Elis', 'resident')
	clients.push(...(await writeCanvas(server.url, id, canvasSchema().serialize(), [noteRecord('shape:bench', 'A bench'), noteRecord('shape:shelter', 'A bus shelter')])))
	const agenda = await json<WorkshopState>(
		call(id, facilitator, 'PUT', '/agenda', {
			items: [
				{ title: 'Evidence', kind: 'evidence', minutes: 10 },
				{ title: 'Deliberation', kind: 'deliberation', minutes: 20 },
			],
		}),
	)
	const [evidence, deliberation] = agenda.agenda.map((a) => a.id) as [string, string]
	return { id, facilitator, resident, officer, expert, evidence, deliberation }
}

/** Opens a websocket that the server should refuse; resolves with the refusal's status. */
function refusal(url: string): Promise<{ status: number }> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url)
		ws.on('open', () => {
			ws.close()
			reject(new Error('the server let the socket in'))
		})
		ws.on('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }))
		ws.on('error', () => undefined)
	})
}

/** Resolves with the close code of the client's current socket. */
function closeOf(c: Client): Promise<number> {
	return new Promise((resolve) => c.provider.ws!.addEventListener('close', (event: { code: number }) => resolve(event.code)))
}

describe('experts withdraw in a deliberation phase', () => {
	it("refuses experts' votes and proposals in deliberation, and stores nothing; allows them in other phases", async () => {
		const r = await room()
		expect((await call(r.id, r.facilitator, 'POST', '/rounds', { votesPerPerson: 3 })).status).toBe(201)
		expect((await call(r.id, r.facilitator, 'POST', '/phase', { id: r.deliberation })).status).toBe(200)

		const vote = await call(r.id, r.expert, 'POST', '/votes', { shapeId: 'shape:bench', delta: 1 })
		expect(vote.status).toBe(403)
		expect(await error(vote)).toMatch(/experts have withdrawn/)
		const propose = await call(r.id, r.expert, 'POST', '/decisions', { item: 'shape:bench', status: 'proposed' })
		expect(propose.status).toBe(403)
		expect(await error(propose)).toMatch(/experts have withdrawn/)
		// The community goes on.
		expect((await call(r.id, r.resident, 'POST', '/votes', { shapeId: 'shape:bench', delta: 1 })).status).toBe(200)
		expect((await call(r.id, r.resident, 'POST', '/decisions', { item: 'shape:shelter', status: 'proposed' })).status).toBe(201)

		expect(await json(call(r.id, r.expert, 'GET', '/votes/mine'))).toEqual({ ballot: {}, remaining: 3 })
		const state = await json<WorkshopState>(call(r.id, r.facilitator, 'POST', '/phase', { id: r.evidence }))
		expect(state.decisions.map((d) => d.item)).toEqual(['shape:shelter'])
		// In the evidence phase experts vote and propose again.
		expect((await call(r.id, r.expert, 'POST', '/votes', { shapeId: 'shape:bench', delta: 1 })).status).toBe(200)
		expect((await call(r.id, r.expert, 'POST', '/decisions', { item: 'shape:bench', status: 'proposed' })).status).toBe(201)
	})

	it("experts leave the room: their board closes with its own code, stays shut while the phase lasts, and comes back after", async () => {
		const r = await room()
		const expertBoard = client(r.id, r.expert)
		const residentBoard = client(r.id, r.resident)
		await Promise.all([synced(expertBoard), synced(residentBoard)])
		const community = await json<CommunityState>(call(r.id, r.facilitator, 'PUT', '/experts-leave', { on: true }))
		expect(community.expertsLeave).toBe(true)
		// Not yet deliberation: nothing happens. Then the phase starts and the expert's board closes.
		const closed = closeOf(expertBoard)
		await call(r.id, r.facilitator, 'POST', '/phase', { id: r.deliberation })
		expect(await closed).toBe(4410)
		expertBoard.provider.disconnect()

		// A new connection of the expert's board is refused at the door, with why.
		const refused = await refusal(`${server.url.replace(/^http/, 'ws')}/sync/${r.id}?token=${r.expert}`)
		expect(refused.status).toBe(403)
		// The resident's board is untouched.
		expect(residentBoard.provider.wsconnected).toBe(true)

		// The phase ends: the expert's board opens again and syncs.
		expect((await call(r.id, r.facilitator, 'POST', '/phase', { id: null })).status).toBe(200)
		const back = client(r.id, r.expert)
		await synced(back)
		expect(back.doc.getMap('records').has('shape:bench')).toBe(true)

		// Without "experts leave the room", deliberation keeps experts watching (read-only).
		await call(r.id, r.facilitator, 'PUT', '/experts-leave', { on: false })
		await call(r.id, r.facilitator, 'POST', '/phase', { id: r.deliberation })
		const watching = client(r.id, r.expert)
		await synced(watching)
		expect(watching.provider.wsconnected).toBe(true)
	})

	it('only the facilitator sends experts out', async () => {
		const r = await room()
		expect((await call(r.id, r.resident, 'PUT', '/experts-leave', { on: true })).status).toBe(403)
		expect((await call(r.id, r.facilitator, 'PUT', '/experts-leave', { on: 'yes' })).status).toBe(400)
	})
})

describe('who a round is for', () => {
	it('a residents-only round takes residents (seats by their person), and refuses the others with a clear 403', async () => {
		const r = await room()
		const table = await json<WorkshopState>(call(r.id, r.facilitator, 'PUT', '/table', { seats: [{ name: 'Ceri' }, { name: 'Dai' }] }))
		const seat = table.table!.seats[0]!.id
		expect((await call(r.id, r.facilitator, 'POST', '/rounds', { votesPerPerson: 2, audience: 'residents' })).status).toBe(201)
		expect((await call(r.id, r.resident, 'POST', '/votes', { shapeId: 'shape:bench', delta: 1 })).status).toBe(200)
		const officer = await call(r.id, r.officer, 'POST', '/votes', { shapeId: 'shape:bench', delta: 1 })
		expect(officer.status).toBe(403)
		expect(await error(officer)).toBe('this round is for residents only (as people said when they joined)')
		// A seat whose person gave no affiliation is not counted a resident.
		expect((await call(r.id, r.facilitator, 'POST', '/votes', { shapeId: 'shape:bench', delta: 1, seat })).status).toBe(403)
		// The expert said they live here: a resident, so they vote (outside deliberation).
		expect((await call(r.id, r.expert, 'POST', '/votes', { shapeId: 'shape:bench', delta: 1 })).status).toBe(200)
		const closed = await json<WorkshopState>(call(r.id, r.facilitator, 'POST', '/rounds/close'))
		expect(closed.round?.results).toEqual({ 'shape:bench': 2 })
	})

	it('a participants-only round refuses experts and the facilitator, and takes participants and seats', async () => {
		const r = await room()
		const table = await json<WorkshopState>(call(r.id, r.facilitator, 'PUT', '/table', { seats: [{ name: 'Ceri' }, { name: 'Dai' }] }))
		const seat = table.table!.seats[0]!.id
		expect((await call(r.id, r.facilitator, 'POST', '/rounds', { votesPerPerson: 2, audience: 'participants' })).status).toBe(201)
		expect(await error(call(r.id, r.expert, 'POST', '/votes', { shapeId: 'shape:bench', delta: 1 }))).toBe('this round is for participants only')
		expect((await call(r.id, r.facilitator, 'POST', '/votes', { shapeId: 'shape:bench', delta: 1 })).status).toBe(403)
		expect((await call(r.id, r.officer, 'POST', '/votes', { shapeId: 'shape:bench', delta: 1 })).status).toBe(200)
		expect((await call(r.id, r.facilitator, 'POST', '/votes', { shapeId: 'shape:shelter', delta: 1, seat })).status).toBe(200)
		expect((await call(r.id, r.facilitator, 'POST', '/rounds', { votesPerPerson: 2, audience: 'nobody' })).status).toBe(400)
	})
})

describe('ratification', () => {
	it('asks about every agreed item, takes one ballot each, and publishes the tally against the threshold', async () => {
		const r = await room()
		expect(await error(call(r.id, r.facilitator, 'POST', '/ratification', { threshold: { yes: 2, of: 3 } }))).toMatch(/nothing has been agreed/)
		for (const item of ['shape:bench', 'shape:shelter']) expect((await call(r.id, r.facilitator, 'POST', '/decisions', { item, status: 'agreed' })).status).toBe(201)
		expect((await call(r.id, r.resident, 'POST', '/ratification', { threshold: { yes: 2, of: 3 } })).status).toBe(403)
		expect((await call(r.id, r.facilitator, 'POST', '/ratification', { threshold: { yes: 3, of: 2 } })).status).toBe(400)
		const opened = await json<CommunityState>(call(r.id, r.facilitator, 'POST', '/ratification', { threshold: { yes: 2, of: 3 }, audience: 'participants' }))
		expect(opened.ratification?.items.map((i) => i.item).sort()).toEqual(['shape:bench', 'shape:shelter'])

		const third = await joinAs(server.url, r.id, 'participant', 'Tegan', 'resident')
		const ballot = (bench: string, shelter: string) => ({ votes: { 'shape:bench': bench, 'shape:shelter': shelter } })
		expect((await call(r.id, r.resident, 'POST', '/ratification/ballot', ballot('yes', 'yes'))).status).toBe(201)
		expect((await call(r.id, r.officer, 'POST', '/ratification/ballot', ballot('yes', 'no'))).status).toBe(201)
		// Refused, nothing stored: a second ballot, an unknown item, a ballot that leaves an item out, the expert.
		const again = await call(r.id, r.resident, 'POST', '/ratification/ballot', ballot('no', 'no'))
		expect(again.status).toBe(409)
		expect(await error(again)).toBe('you have already cast your ballot in this ratification')
		expect(await error(call(r.id, third, 'POST', '/ratification/ballot', { votes: { 'shape:bench': 'yes', 'shape:shelter': 'yes', 'shape:nope': 'yes' } }))).toBe('no such item in this ratification: shape:nope')
		expect(await error(call(r.id, third, 'POST', '/ratification/ballot', { votes: { 'shape:bench': 'yes' } }))).toMatch(/answer every item/)
		expect(await error(call(r.id, third, 'POST', '/ratification/ballot', { votes: { 'shape:bench': 'maybe', 'shape:shelter': 'yes' } }))).toMatch(/yes, no or abstain/)
		expect((await call(r.id, r.expert, 'POST', '/ratification/ballot', ballot('yes', 'yes'))).status).toBe(403)
		expect(await json(call(r.id, third, 'GET', '/ratification/mine'))).toEqual({ ballot: null })
		expect((await call(r.id, third, 'POST', '/ratification/ballot', ballot('no', 'abstain'))).status).toBe(201)
		expect(await json(call(r.id, r.resident, 'GET', '/ratification/mine'))).toEqual({ ballot: { 'shape:bench': 'yes', 'shape:shelter': 'yes' } })

		// Everyone's workshop document gets the tally when the round closes, never the ballots.
		const watcher = client(`${r.id}/workshop`, r.officer)
		await synced(watcher)
		expect(parseCommunity(watcher.doc.getMap(WORKSHOP_MAP).toJSON()).ratification?.results).toBeNull()
		await call(r.id, r.facilitator, 'POST', '/ratification/close')
		await until(watcher.doc, () => parseCommunity(watcher.doc.getMap(WORKSHOP_MAP).toJSON()).ratification?.status === 'closed')
		const closed = parseCommunity(watcher.doc.getMap(WORKSHOP_MAP).toJSON()).ratification!
		// Bench: 2 yes, 1 no: two thirds exactly, ratified. Shelter: 1 yes, 1 no, 1 abstain: a half, not.
		expect(closed.results).toEqual({ 'shape:bench': { yes: 2, no: 1, abstain: 0, ratified: true }, 'shape:shelter': { yes: 1, no: 1, abstain: 1, ratified: false } })
		expect(closed.voters).toBe(3)
		expect(await error(call(r.id, r.resident, 'POST', '/ratification/ballot', ballot('yes', 'yes')))).toBe('the ratification is closed')
		const tally = (await (await call(r.id, r.facilitator, 'GET', '/ratification/results.csv')).text()).trim().split('\r\n')
		expect(tally).toEqual(['item,kind,text,yes,no,abstained,ratified,threshold', 'shape:bench,note,A bench,2,1,0,yes,2/3', 'shape:shelter,note,A bus shelter,1,1,1,no,2/3'])
	})
})

describe('participatory budgeting', () => {
	it('keeps the ballot rules (each refusal a clear error, nothing stored) and publishes both rules’ results', async () => {
		const r = await room()
		const steward = await joinAs(server.url, r.id, 'steward', 'Siân')
		expect((await call(r.id, r.resident, 'POST', '/budget', { pot: 1000, currency: 'GBP', ballot: 'approval' })).status).toBe(403)
		expect((await call(r.id, r.facilitator, 'POST', '/budget', { pot: 1000, currency: 'pounds', ballot: 'approval' })).status).toBe(400)
		expect((await call(r.id, r.facilitator, 'POST', '/budget', { pot: 1000, currency: 'GBP', ballot: 'points' })).status).toBe(400)
		expect((await call(r.id, r.facilitator, 'POST', '/budget', { pot: 1000, currency: 'GBP', ballot: 'approval' })).status).toBe(201)
		expect(await error(call(r.id, r.facilitator, 'POST', '/budget/open'))).toMatch(/at least one costed option/)

		// The steward costs the options; a participant may not; an option may be a board item.
		const options = [
			{ title: 'A bench', cost: 600, item: 'shape:bench' },
			{ title: 'A bus shelter', cost: 500, item: 'shape:shelter' },
			{ title: 'Planters', cost: 300 },
		]
		expect((await call(r.id, r.resident, 'PUT', '/budget/options', { options })).status).toBe(403)
		expect(await error(call(r.id, steward, 'PUT', '/budget/options', { options: [{ title: 'A mural', cost: 5000 }] }))).toMatch(/more than the whole pot/)
		expect((await call(r.id, steward, 'PUT', '/budget/options', { options: [{ title: 'Ghost', cost: 5, item: 'shape:ghost' }] })).status).toBe(404)
		const costed = await json<CommunityState>(call(r.id, steward, 'PUT', '/budget/options', { options }))
		const [bench, shelter, planters] = costed.budget!.options.map((o) => o.id) as [string, string, string]
		expect(costed.budget!.options.map((o) => o.cost)).toEqual([600, 500, 300])

		// Not open yet: no ballots.
		expect(await error(call(r.id, r.resident, 'POST', '/budget/ballot', { ballot: { [bench]: 1 } }))).toBe('no budget round is open')
		expect((await call(r.id, r.facilitator, 'POST', '/budget/open')).status).toBe(200)
		expect(await error(call(r.id, steward, 'PUT', '/budget/options', { options }))).toBe('the options are fixed once the round opens')

		const table = await json<WorkshopState>(call(r.id, r.facilitator, 'PUT', '/table', { seats: [{ name: 'Ceri' }, { name: 'Dai' }] }))
		const [ceri, dai] = table.table!.seats.map((s) => s.id) as [string, string]
		const cast = (session: string, ballot: Record<string, number>, seat?: string) => call(r.id, session, 'POST', '/budget/ballot', { ballot, seat })

		const over = await cast(r.resident, { [bench]: 1, [shelter]: 1 })
		expect(over.status).toBe(400)
		expect(await error(over)).toBe('over budget: the options you approved cost 1100 GBP, the pot is 1000 GBP')
		expect(await error(cast(r.resident, { nope: 1 }))).toBe('no such option: nope')
		expect(await error(cast(r.resident, { [bench]: 2 }))).toMatch(/approves an option once/)
		expect(await error(cast(r.resident, {}))).toMatch(/at least one option/)
		expect(await json(call(r.id, r.resident, 'GET', '/budget/mine'))).toEqual({ ballot: null })

		// Ballots: the resident (bench, planters), the officer (bench), the expert (shelter, planters), two seats.
		expect((await cast(r.resident, { [bench]: 1, [planters]: 1 })).status).toBe(201)
		const twice = await cast(r.resident, { [bench]: 1 })
		expect(twice.status).toBe(409)
		expect(await error(twice)).toBe('you have already cast your ballot in this budget round')
		expect((await cast(r.officer, { [bench]: 1 })).status).toBe(201)
		expect((await cast(r.expert, { [shelter]: 1, [planters]: 1 })).status).toBe(201)
		expect((await cast(r.facilitator, { [shelter]: 1 }, ceri)).status).toBe(201)
		expect((await cast(r.facilitator, { [shelter]: 1, [planters]: 1 }, dai)).status).toBe(201)
		expect((await cast(r.facilitator, { [bench]: 1 }, ceri)).status).toBe(409)
		expect(await json(call(r.id, r.facilitator, 'GET', `/budget/mine?seat=${dai}`))).toEqual({ ballot: { [shelter]: 1, [planters]: 1 } })
		// Observers and stewards do not vote.
		const observer = await joinAs(server.url, r.id, 'observer', 'Owain')
		expect((await cast(observer, { [bench]: 1 })).status).toBe(403)
		expect((await call(r.id, r.facilitator, 'GET', '/budget/ballots.csv')).status).toBe(409)

		const watcher = client(`${r.id}/workshop`, r.officer)
		await synced(watcher)
		const closed = await json<CommunityState>(call(r.id, r.facilitator, 'POST', '/budget/close'))
		expect(await error(cast(r.officer, { [planters]: 1 }))).toBe('the budget round is closed')
		const results = closed.budget!.results!
		expect(results.voters).toBe(5)
		// Greedy: planters and shelter have 3 votes each, the cheaper first: planters (300), shelter (500);
		// bench (2 votes, 600) no longer fits in the 200 left.
		expect(results.greedy.funded).toEqual([planters, shelter])
		expect(results.greedy.verdicts[bench]).toMatchObject({ funded: false, reason: 'pot-short', potLeft: 200 })
		// Equal shares: 5 voters, 200 each. Bench: its 2 backers have 400 < 600: out. Planters: 3 backers at 100
		// each; shelter: 3 at 166.67; both 3 effective votes: the cheaper, planters, first. Then shelter's backers
		// have 100 (the expert), 200 (Ceri), 100 (Dai): 400 < 500: out. Completion with 700 left funds shelter
		// (3 votes, 500); bench (600) does not fit in the 200 then left. Bench's backers kept 100 + 200.
		const ballots = [{ [bench]: 1, [planters]: 1 }, { [bench]: 1 }, { [shelter]: 1, [planters]: 1 }, { [shelter]: 1 }, { [shelter]: 1, [planters]: 1 }]
		expect(results.equalShares.funded).toEqual(equalShares(closed.budget!.options, ballots, 1000).funded)
		expect(results.greedy.funded).toEqual(greedyByVotes(closed.budget!.options, ballots, 1000).funded)
		expect(results.equalShares.funded).toEqual([planters, shelter])
		expect(results.equalShares.verdicts[shelter]!.reason).toBe('completion')
		expect(results.equalShares.verdicts[bench]).toMatchObject({ funded: false, reason: 'supporters-short', supportersLeft: 300 })
		await until(watcher.doc, () => parseCommunity(watcher.doc.getMap(WORKSHOP_MAP).toJSON()).budget?.results !== null)
		expect(parseCommunity(watcher.doc.getMap(WORKSHOP_MAP).toJSON()).budget?.results).toEqual(results)

		// The ballots as CSV: one line each, no names.
		const csv = await call(r.id, r.facilitator, 'GET', '/budget/ballots.csv')
		expect(csv.headers.get('content-type')).toMatch(/text\/csv/)
		const lines = (await csv.text()).trim().split('\r\n')
		expect(lines[0]).toBe('ballot,A bench (600 GBP),A bus shelter (500 GBP),Planters (300 GBP)')
		expect(lines.slice(1).map((l) => l.split(',').slice(1).join(',')).sort()).toEqual(['0,1,0', '0,1,1', '0,1,1', '1,0,0', '1,0,1'])
		expect(lines.join('\n')).not.toMatch(/Rhys|Olwen|Elis|Ceri|Dai/)
		expect((await call(r.id, r.resident, 'GET', '/budget/ballots.csv')).status).toBe(403)

		// The results as a table, in Welsh too.
		const rows = (await (await call(r.id, r.facilitator, 'GET', '/budget/results.csv')).text()).trim().split('\r\n')
		expect(rows[0]).toBe('option,cost,currency,votes,supporters,most votes first,why (most votes first),equal shares,why (equal shares)')
		expect(rows[1]).toBe('A bench,600,GBP,2,2,Not funded,"At its turn only £200 was left, and it costs £600.",Not funded,"Its supporters had only £300 of their shares left for a cost of £600, and the £200 left over was not enough."')
		expect(rows[3]).toBe('Planters,300,GBP,3,3,Funded,"Its turn came with £1,000 left in the pot.",Funded,"Its 3 supporters paid for it from their shares, none more than £100."')
		const welsh = await (await call(r.id, r.facilitator, 'GET', '/budget/results.csv?language=cy')).text()
		expect(welsh).toContain('Wedi’i ariannu')
		expect((await call(r.id, r.facilitator, 'GET', '/budget/results.csv?language=fr')).status).toBe(400)
	})

	it('points ballots: each voter splits their points; more than their points is over budget', async () => {
		const r = await room()
		await call(r.id, r.facilitator, 'POST', '/budget', { pot: 100, currency: 'EUR', ballot: 'points', points: 10, audience: 'residents' })
		const state = await json<CommunityState>(call(r.id, r.facilitator, 'PUT', '/budget/options', { options: [{ title: 'A', cost: 60 }, { title: 'B', cost: 40 }] }))
		const [a, b] = state.budget!.options.map((o) => o.id) as [string, string]
		await call(r.id, r.facilitator, 'POST', '/budget/open')
		expect(await error(call(r.id, r.resident, 'POST', '/budget/ballot', { ballot: { [a]: 7, [b]: 4 } }))).toBe('over budget: you gave 11 points, each voter has 10')
		expect(await error(call(r.id, r.officer, 'POST', '/budget/ballot', { ballot: { [a]: 1 } }))).toMatch(/residents only/)
		expect((await call(r.id, r.resident, 'POST', '/budget/ballot', { ballot: { [a]: 7, [b]: 3 } })).status).toBe(201)
		expect((await call(r.id, r.expert, 'POST', '/budget/ballot', { ballot: { [b]: 10 } })).status).toBe(201)
		const closed = await json<CommunityState>(call(r.id, r.facilitator, 'POST', '/budget/close'))
		// As worked by hand in the model's tests: B by equal shares, then A by completion.
		expect(closed.budget!.results!.equalShares.funded).toEqual([b, a])
	})
})

describe('the public page', () => {
	it('shows the ratification tally beside each item and both budget results with why, in the room’s language, naming no voter', async () => {
		const r = await room()
		for (const item of ['shape:bench', 'shape:shelter']) await call(r.id, r.facilitator, 'POST', '/decisions', { item, status: 'agreed' })
		await call(r.id, r.facilitator, 'POST', '/ratification', { threshold: { yes: 1, of: 2 } })
		await call(r.id, r.resident, 'POST', '/ratification/ballot', { votes: { 'shape:bench': 'yes', 'shape:shelter': 'no' } })
		await call(r.id, r.facilitator, 'POST', '/ratification/close')
		await call(r.id, r.facilitator, 'POST', '/budget', { pot: 500, currency: 'GBP', ballot: 'approval' })
		const state = await json<CommunityState>(call(r.id, r.facilitator, 'PUT', '/budget/options', { options: [{ title: 'Bench <by the shop>', cost: 300 }, { title: 'Planters', cost: 400 }] }))
		const [bench, planters] = state.budget!.options.map((o) => o.id) as [string, string]
		await call(r.id, r.facilitator, 'POST', '/budget/open')
		await call(r.id, r.resident, 'POST', '/budget/ballot', { ballot: { [bench]: 1 } })
		await call(r.id, r.officer, 'POST', '/budget/ballot', { ballot: { [planters]: 1 } })
		await call(r.id, r.expert, 'POST', '/budget/ballot', { ballot: { [planters]: 1 } })
		await call(r.id, r.facilitator, 'POST', '/budget/close')
		const { url } = await json<{ url: string }>(call(r.id, r.facilitator, 'POST', '/publish'))
		const html = await (await fetch(url.replace(/^https?:\/\/[^/]+/, server.url))).text()
		expect(html).toContain('What the community decided')
		expect(html).toMatch(/A bench<\/strong>: Ratified \(1 yes, 0 no, 0 abstained\)/)
		expect(html).toMatch(/A bus shelter<\/strong>: Not ratified \(0 yes, 1 no, 0 abstained\)/)
		expect(html).toContain('Bench &lt;by the shop&gt;')
		expect(html).not.toContain('<by the shop>')
		// Equal shares: three voters, £166.67 each. Planters' two supporters have £333.33 < £400: out; bench's one
		// has £166.67 < £300: out. Completion: planters (2 votes, £400) fits in £500; bench (£300) then does not.
		expect(html).toContain('The pot of £500 is shared equally: £166.67 for each voter.')
		expect(html).toContain('Paid from the money left over: its supporters had only £333.33 of their shares left, but the pot still had enough.')
		expect(html).toContain('Its supporters had only £166.67 of their shares left for a cost of £300, and the £100 left over was not enough.')
		expect(html).not.toMatch(/Rhys|Olwen|Elis/)
	})
})
