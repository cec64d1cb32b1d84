import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canvasSchema } from '@cyd/model/schema'
import type { Decision, DesignDiff, ServiceDesign, VersionInfo } from '@cyd/model'
import { getRecordsMap } from '@cyd/tldraw-yjs'
import { callApi, connectClient, createRoom, joinAs, linkToken, synced, until, writeCanvas, serverForFile, type TestServer } from './helpers.js'

let server: TestServer
const clients = serverForFile((started) => (server = started))

const call = (room: string, session: string | null, method: string, path: string, body?: unknown) => callApi(server.url, room, session, method, path, body)

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

describe('exports and the public page', () => {
	it('exports every format from the stored design, agreed only or everything, for the facilitator only', async () => {
		const { room, facilitator, participant } = await roomWithBoard()
		expect((await call(room, facilitator, 'POST', '/decisions', { item: 'shape:a', status: 'agreed' })).status).toBe(201)
		const get = (query: string, session = facilitator) => fetch(`${server.url}/api/rooms/${room}/export?${query}`, { headers: { authorization: `Bearer ${session}` } })

		const json = await get('format=json&agreed=only')
		expect(json.status).toBe(200)
		expect(json.headers.get('content-disposition')).toMatch(/^attachment; filename="Test-workshop-\d{4}-\d{2}-\d{2}-agreed\.json"; filename\*=UTF-8''Test-workshop-/)
		const agreed = (await json.json()) as ServiceDesign
		expect(agreed.journeys[0]!.cards.map((c) => c.text)).toEqual(['Text when they are coming'])
		const everything = (await (await get('format=json')).json()) as ServiceDesign
		expect(everything.journeys[0]!.cards.map((c) => c.text)).toEqual(['Text when they are coming', 'A named officer'])

		const csv = await get('format=csv&table=journey-steps')
		expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
		expect(await csv.text()).toContain('A named officer')
		const zip = await get('format=csv')
		expect(zip.headers.get('content-type')).toBe('application/zip')
		expect(Buffer.from(await zip.arrayBuffer()).subarray(0, 2).toString()).toBe('PK')
		expect(await (await get('format=md')).text()).toContain('Text when they are coming')
		const html = await (await get('format=html&language=cy')).text()
		expect(html).toMatch(/<html lang="cy"/)
		const pdf = await get('format=pdf')
		expect(pdf.headers.get('content-type')).toBe('application/pdf')
		expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')

		expect((await get('format=docx')).status).toBe(400)
		expect((await get('format=json&table=votes')).status).toBe(400)
		expect((await get('format=csv&table=secrets')).status).toBe(400)
		expect((await get('format=json&agreed=maybe')).status).toBe(400)
		expect((await get('format=json&language=fr')).status).toBe(400)
		expect((await get('format=json&version=nosuchversion')).status).toBe(404)
		expect((await get('format=json', participant)).status).toBe(403)
		expect((await fetch(`${server.url}/api/rooms/${room}/export?format=json`)).status).toBe(401)
	})

	it('publishes what was agreed at a link that needs no token, and withdraws it', async () => {
		const { room, facilitator, participant } = await roomWithBoard()
		expect((await call(room, facilitator, 'POST', '/decisions', { item: 'shape:a', status: 'agreed', note: 'Everyone agreed' })).status).toBe(201)
		expect((await call(room, facilitator, 'POST', '/decisions', { item: 'shape:b', status: 'rejected' })).status).toBe(201)
		expect((await call(room, participant, 'POST', '/publish')).status).toBe(403)
		const published = await call(room, facilitator, 'POST', '/publish')
		expect(published.status).toBe(201)
		const { url } = (await published.json()) as { url: string }
		const path = new URL(url).pathname
		expect(path).toMatch(new RegExp(`^/p/${room}/[A-Za-z0-9_-]{20,}$`))

		const page = await fetch(`${server.url}${path}`)
		expect(page.status).toBe(200)
		const html = await page.text()
		expect(html).toContain('Text when they are coming')
		expect(html).toContain('Everyone agreed')
		// What was rejected is said as not taken forward, never among what was agreed.
		const notTaken = html.indexOf('<section aria-labelledby="not-taken">')
		expect(html.slice(0, notTaken)).not.toContain('A named officer')
		expect(html.slice(notTaken)).toContain('A named officer')
		// Who took part stays with the room: the public page names no participants.
		expect(html).not.toContain('Dai')
		expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")

		// A wrong secret, another room's path, then a withdrawn page: 404, and nothing of the design.
		expect((await fetch(`${server.url}/p/${room}/wrongsecretwrongsecret`)).status).toBe(404)
		expect((await fetch(`${server.url}/p/nosuchroom1/${path.split('/').pop()}`)).status).toBe(404)
		expect((await call(room, facilitator, 'DELETE', '/publish')).status).toBe(200)
		const gone = await fetch(`${server.url}${path}`)
		expect(gone.status).toBe(404)
		expect(await gone.text()).not.toContain('Text when they are coming')
	})
})
