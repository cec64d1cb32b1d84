import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canvasSchema, type Decision, type DesignDiff, type ServiceDesign, type VersionInfo } from '@cyd/model'
import { getRecordsMap } from '@cyd/tldraw-yjs'
import { connectClient, createRoom, joinAs, linkToken, startTestServer, synced, TEST_SECRET, until, writeCanvas, type Client } from './helpers.js'

type Server = Awaited<ReturnType<typeof startTestServer>>
let server: Server
const clients: Client[] = []

beforeAll(async () => {
	server = await startTestServer({ CYD_SECRET: TEST_SECRET })
})
afterAll(async () => {
	for (const c of clients) c.destroy()
	await server.close()
})

function call(room: string, session: string | null, method: string, path: string, body?: unknown) {
	return fetch(`${server.url}/api/rooms/${room}${path}`, {
		method,
		headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session}` } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	})
}

const base = { typeName: 'shape', rotation: 0, index: 'a1', isLocked: false, opacity: 1, meta: {}, parentId: 'page:page', x: 0, y: 0 }
const who = { authorId: 'p1', authorName: 'Ceri', createdAt: 0 }
const blueprint = { ...base, id: 'shape:bp', type: 'cyd-blueprint', props: { w: 1, h: 1, title: 'Repairs', stages: [{ id: 's', name: 'Report' }], lanes: [{ id: 'l', name: 'Resident', kind: 'actions' }] } }
const card = (id: string, text: string) => ({
	...base,
	id,
	type: 'cyd-card',
	parentId: 'shape:bp',
	props: { w: 224, h: 96, stage: 's', lane: 'l', order: 0, kind: 'idea', text, channel: 'web', actor: '', ...who },
})
const stakeholder = { ...base, id: 'shape:tenant', type: 'cyd-stakeholder', props: { w: 200, h: 100, name: 'Tenant', kind: 'resident', influence: 0.5, interest: 0.5, manual: false, notes: '', ...who } }

async function roomWithBoard() {
	const room = await createRoom(server.url)
	clients.push(...(await writeCanvas(server.url, room, canvasSchema().serialize(), [blueprint, card('shape:a', 'Text when they are coming'), card('shape:b', 'A named officer'), stakeholder])))
	return { room, facilitator: await joinAs(server.url, room, 'facilitator', 'Ffion'), participant: await joinAs(server.url, room, 'participant', 'Dai', 'resident') }
}

describe('agreement', () => {
	it('anyone taking part proposes; only the facilitator decides; the log keeps who, when, the note and the tally', async () => {
		const { room, facilitator, participant } = await roomWithBoard()
		const proposed = await call(room, participant, 'POST', '/decisions', { item: 'shape:a', status: 'proposed' })
		expect(proposed.status).toBe(201)
		expect((await call(room, participant, 'POST', '/decisions', { item: 'shape:a', status: 'agreed' })).status).toBe(403)
		// A voting round gives the item votes; the tally at the time is kept with the decision.
		expect((await call(room, facilitator, 'POST', '/rounds', { votesPerPerson: 3 })).status).toBeLessThan(300)
		expect((await call(room, participant, 'POST', '/votes', { shapeId: 'shape:a', delta: 1 })).status).toBeLessThan(300)
		expect((await call(room, participant, 'POST', '/votes', { shapeId: 'shape:a', delta: 1 })).status).toBeLessThan(300)
		expect((await call(room, facilitator, 'POST', '/rounds/close')).status).toBeLessThan(300)
		const agreed = await call(room, facilitator, 'POST', '/decisions', { item: 'shape:a', status: 'agreed', note: 'Pilot in March' })
		expect(agreed.status).toBe(201)
		expect((await agreed.json()) as Decision).toMatchObject({ item: 'shape:a', itemKind: 'card', itemText: 'Text when they are coming', status: 'agreed', note: 'Pilot in March', by: { name: 'Ffion' }, tally: 2 })
		expect((await call(room, facilitator, 'POST', '/decisions', { item: 'shape:tenant', status: 'parked' })).status).toBe(201)

		const design = (await (await call(room, facilitator, 'GET', '/design')).json()) as ServiceDesign
		expect(design.decisions.map((d) => [d.itemText, d.status, d.by.name])).toEqual([
			['Text when they are coming', 'proposed', 'Dai'],
			['Text when they are coming', 'agreed', 'Ffion'],
			['Tenant', 'parked', 'Ffion'],
		])
		expect(design.votes).toEqual([{ item: 'shape:a', votes: 2 }])
		expect(design.title).toBe('Test workshop')
		const dai = design.contributors.find((c) => c.name === 'Dai')!
		expect(dai).toMatchObject({ role: 'participant', affiliation: 'resident', votesCast: 2 })
	})

	it('refuses what it cannot record, with a clear status', async () => {
		const { room, facilitator } = await roomWithBoard()
		expect((await call(room, facilitator, 'POST', '/decisions', { item: 'shape:nothing', status: 'agreed' })).status).toBe(404)
		expect((await call(room, facilitator, 'POST', '/decisions', { item: 'shape:a', status: 'maybe' })).status).toBe(400)
		expect((await call(room, facilitator, 'POST', '/decisions', { status: 'agreed' })).status).toBe(400)
		expect((await call(room, facilitator, 'POST', '/decisions', { item: 'shape:a', status: 'agreed', note: 'x'.repeat(1001) })).status).toBe(400)
		expect((await call(room, null, 'POST', '/decisions', { item: 'shape:a', status: 'proposed' })).status).toBe(401)
		expect((await call('nosuchroom1', facilitator, 'POST', '/decisions', { item: 'shape:a', status: 'agreed' })).status).toBe(404)
	})
})

describe('named versions', () => {
	it('saves the room, compares it with now, and restores it as a new change that a live client receives', async () => {
		const { room, facilitator, participant } = await roomWithBoard()
		expect((await call(room, facilitator, 'POST', '/decisions', { item: 'shape:a', status: 'agreed' })).status).toBe(201)
		const saved = await call(room, facilitator, 'POST', '/versions', { name: 'After the first session' })
		expect(saved.status).toBe(201)
		const version = (await saved.json()) as VersionInfo
		expect(version).toMatchObject({ name: 'After the first session', by: { name: 'Ffion' } })
		expect((await call(room, participant, 'POST', '/versions', { name: 'Mine' })).status).toBe(403)
		expect((await call(room, facilitator, 'POST', '/versions', { name: '   ' })).status).toBe(400)

		// The board changes: a card's text, a card removed, a card added; a later decision.
		clients.push(...(await writeCanvas(server.url, room, canvasSchema().serialize(), [card('shape:a', 'Text me the day before'), card('shape:c', 'Evening visits')], ['shape:b'])))
		expect((await call(room, facilitator, 'POST', '/decisions', { item: 'shape:a', status: 'rejected' })).status).toBe(201)

		const diff = (await (await call(room, facilitator, 'GET', `/compare?from=${version.id}&to=current`)).json()) as DesignDiff
		expect(diff.cards.added.map((c) => c.text)).toEqual(['Evening visits'])
		expect(diff.cards.removed.map((c) => c.text)).toEqual(['A named officer'])
		expect(diff.cards.changed).toEqual([{ id: 'shape:a', text: 'Text me the day before', fields: ['text'] }])

		// The version's design has its own decisions (agreed, not the later rejection) and its name.
		const then = (await (await call(room, facilitator, 'GET', `/design?version=${version.id}`)).json()) as ServiceDesign
		expect(then.versionName).toBe('After the first session')
		expect(then.decisions.map((d) => d.status)).toEqual(['agreed'])
		expect(then.journeys[0]!.cards.map((c) => c.text)).toEqual(['Text when they are coming', 'A named officer'])

		// Anyone in the room can open it read-only.
		const canvas = (await (await call(room, participant, 'GET', `/versions/${version.id}/canvas`)).json()) as { records: Record<string, { props: { text?: string } }> }
		expect(canvas.records['shape:b']?.props.text).toBe('A named officer')

		// Restore: a live client sees the board go back, as one more change.
		const live = connectClient(server.url, room, new Y.Doc(), linkToken(room, 'observer'))
		clients.push(live)
		await synced(live)
		expect((await call(room, participant, 'POST', `/versions/${version.id}/restore`)).status).toBe(403)
		expect((await call(room, facilitator, 'POST', `/versions/${version.id}/restore`)).status).toBe(200)
		const records = getRecordsMap(live.doc)
		await until(live.doc, () => records.has('shape:b') && !records.has('shape:c'))
		expect((records.get('shape:a')!.get('props') as Y.Map<unknown>).get('text')).toBe('Text when they are coming')
		const now = (await (await call(room, facilitator, 'GET', '/design')).json()) as ServiceDesign
		expect(now.journeys[0]!.cards.map((c) => c.text)).toEqual(['Text when they are coming', 'A named officer'])
		// History is kept: the version is still listed, and the decision log still has the rejection.
		expect(now.decisions.map((d) => d.status)).toEqual(['agreed', 'rejected'])

		expect((await call(room, facilitator, 'GET', '/design?version=nosuchversion')).status).toBe(404)
		expect((await call(room, facilitator, 'GET', '/design?version=../../etc')).status).toBe(400)
		expect((await call(room, facilitator, 'POST', '/versions/nosuchversion/restore')).status).toBe(404)
	})
})
