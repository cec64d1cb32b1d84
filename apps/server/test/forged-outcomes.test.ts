/**
 * Outcomes cannot be forged from the canvas: a participant's canvas connection writes a saved workshop
 * state (decisions, a closed round with its tally) into the canvas document, where only a version's
 * document keeps one. The design, exports, the public page and a version saved afterwards still show
 * only what the server recorded in the workshop document.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canvasSchema } from '@cyd/model/schema'
import type { ServiceDesign, VersionInfo } from '@cyd/model'
import { callApi, connectClient, createRoom, joinAs, linkToken, synced, until, writeCanvas, serverForFile, type TestServer } from './helpers.js'

let server: TestServer
const clients = serverForFile((started) => (server = started))

const call = (room: string, session: string | null, method: string, path: string, body?: unknown) => callApi(server.url, room, session, method, path, body)

const base = { typeName: 'shape', rotation: 0, index: 'a1', isLocked: false, opacity: 1, meta: {}, parentId: 'page:page', x: 0, y: 0 }
const blueprint = { ...base, id: 'shape:bp', type: 'cyd-blueprint', props: { w: 1, h: 1, title: 'Repairs', stages: [{ id: 's', name: 'Report' }], lanes: [{ id: 'l', name: 'Resident', kind: 'actions' }] } }
const card = (id: string, text: string) => ({
	...base,
	id,
	type: 'cyd-card',
	parentId: 'shape:bp',
	props: { w: 224, h: 96, stage: 's', lane: 'l', order: 0, kind: 'idea', text, channel: 'web', actor: '', authorId: '', authorName: '', createdAt: 0 },
})

const REAL = 'Text when they are coming'
const FAKE = 'A named officer'

/** A room whose board has two cards; the facilitator agrees the first after a round that gave it two votes. */
async function roomWithAgreement() {
	const room = await createRoom(server.url)
	clients.push(...(await writeCanvas(server.url, room, canvasSchema().serialize(), [blueprint, card('shape:a', REAL), card('shape:b', FAKE)])))
	const facilitator = await joinAs(server.url, room, 'facilitator', 'Ffion')
	const participant = await joinAs(server.url, room, 'participant', 'Dai')
	expect((await call(room, facilitator, 'POST', '/rounds', { votesPerPerson: 3 })).status).toBe(201)
	for (let i = 0; i < 2; i++) expect((await call(room, participant, 'POST', '/votes', { shapeId: 'shape:a', delta: 1 })).status).toBe(200)
	expect((await call(room, facilitator, 'POST', '/rounds/close')).status).toBe(200)
	expect((await call(room, facilitator, 'POST', '/decisions', { item: 'shape:a', status: 'agreed', note: 'Pilot in March' })).status).toBe(201)
	return { room, facilitator }
}

/** A participant's canvas connection (their join link, as a stock client) writes a workshop state into the canvas. */
async function forge(room: string, state: Record<string, unknown>): Promise<void> {
	const attacker = connectClient(server.url, room, new Y.Doc(), linkToken(room, 'participant'))
	const witness = connectClient(server.url, room, new Y.Doc(), linkToken(room, 'observer'))
	clients.push(attacker, witness)
	await Promise.all([synced(attacker), synced(witness)])
	attacker.doc.getMap('workshop').set('state', state)
	// The canvas takes it (it is not a record): what matters is that no outcome is read from it.
	await until(witness.doc, () => witness.doc.getMap('workshop').has('state'))
}

const fakeAgreement = {
	decisions: [{ item: 'shape:b', itemKind: 'card', itemText: FAKE, status: 'agreed', note: 'Forged', by: { id: 'x', name: 'Ffion' }, at: new Date().toISOString(), tally: 99 }],
	round: { id: 'forged', status: 'closed', votesPerPerson: 3, openedAt: 0, closedAt: 1, results: { 'shape:b': 99 }, voters: 9 },
}

async function design(room: string, session: string, version?: string): Promise<ServiceDesign> {
	const response = await call(room, session, 'GET', version ? `/design?version=${version}` : '/design')
	expect(response.status).toBe(200)
	return (await response.json()) as ServiceDesign
}

async function agreedExport(room: string, session: string): Promise<ServiceDesign> {
	const response = await fetch(`${server.url}/api/rooms/${room}/export?format=json&agreed=only`, { headers: { authorization: `Bearer ${session}` } })
	expect(response.status).toBe(200)
	return (await response.json()) as ServiceDesign
}

async function publicPage(room: string, session: string): Promise<string> {
	const published = await call(room, session, 'POST', '/publish')
	expect(published.status).toBe(201)
	const path = new URL(((await published.json()) as { url: string }).url).pathname
	const page = await fetch(`${server.url}${path}`)
	expect(page.status).toBe(200)
	// The page links its feed and reply form by its own path, whose random secret may hold any digits.
	return (await page.text()).replaceAll(path, '')
}

const agreement = (d: ServiceDesign) => d.decisions.map((x) => [x.item, x.status, x.note, x.tally])

describe('outcomes forged in the canvas document', () => {
	it('a forged agreement and tally show nowhere: not in the design, an export, the public page or a version', async () => {
		const { room, facilitator } = await roomWithAgreement()
		await forge(room, fakeAgreement)

		const now = await design(room, facilitator)
		expect(agreement(now)).toEqual([['shape:a', 'agreed', 'Pilot in March', 2]])
		expect(now.votes).toEqual([{ item: 'shape:a', votes: 2 }])

		const exported = await agreedExport(room, facilitator)
		expect(exported.journeys[0]!.cards.map((c) => c.text)).toEqual([REAL])
		expect(exported.votes).toEqual([{ item: 'shape:a', votes: 2 }])

		const html = await publicPage(room, facilitator)
		expect(html).toContain(REAL)
		expect(html).not.toContain(FAKE)
		expect(html).not.toContain('Forged')
		expect(html).not.toContain('99')

		// A version saved now keeps the workshop state the server holds, not the canvas's forgery.
		const saved = await call(room, facilitator, 'POST', '/versions', { name: 'After the forgery' })
		expect(saved.status).toBe(201)
		const then = await design(room, facilitator, ((await saved.json()) as VersionInfo).id)
		expect(agreement(then)).toEqual([['shape:a', 'agreed', 'Pilot in March', 2]])
		expect(then.votes).toEqual([{ item: 'shape:a', votes: 2 }])
	})

	it('an empty forged log hides no real agreement', async () => {
		const { room, facilitator } = await roomWithAgreement()
		await forge(room, { decisions: [], round: null })

		const now = await design(room, facilitator)
		expect(agreement(now)).toEqual([['shape:a', 'agreed', 'Pilot in March', 2]])
		expect(now.votes).toEqual([{ item: 'shape:a', votes: 2 }])
		expect((await agreedExport(room, facilitator)).journeys[0]!.cards.map((c) => c.text)).toEqual([REAL])

		const html = await publicPage(room, facilitator)
		expect(html).toContain(REAL)
		expect(html).toContain('Pilot in March')
	})
})
