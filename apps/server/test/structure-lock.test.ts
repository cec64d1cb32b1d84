/**
 * The structure lock, through the real server and stock y-websocket clients: a blueprint or stakeholder
 * map is the facilitator's unless the facilitator opens the structure to everyone. A participant's move,
 * resize, retitle, stage or lane change, or delete of one is put back by the server, whatever client
 * sent it; adding cards (which grows a blueprint) and starting a new blueprint stay everyone's.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canvasSchema } from '@cyd/model/schema'
import { getMetaMap, getRecordsMap, SCHEMA_KEY } from '@cyd/tldraw-yjs'
import { callApi, connectClient, createRoom, linkToken, putRecords, synced, until, serverForFile, type Client, type TestServer } from './helpers.js'

type YRecord = Y.Map<unknown>

let server: TestServer
const clients = serverForFile((started) => (server = started))

async function join(room: string, role: 'facilitator' | 'participant', name: string) {
	const response = await fetch(`${server.url}/api/rooms/${room}/join`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ token: linkToken(room, role), name, affiliation: null }),
	})
	expect(response.status).toBe(201)
	return (await response.json()) as { session: string; person: { id: string } }
}

async function canvasClient(room: string, token: string): Promise<Client> {
	const client = connectClient(server.url, room, new Y.Doc(), token)
	clients.push(client)
	await synced(client)
	return client
}

const base = { typeName: 'shape', rotation: 0, index: 'a1', isLocked: false, opacity: 1, meta: {}, parentId: 'page:page', x: 0, y: 0 }
const blueprint = (id = 'shape:bp', title = 'Repairs') => ({
	...base,
	id,
	type: 'cyd-blueprint',
	props: { w: 800, h: 400, title, stages: [{ id: 's', name: 'Report' }], lanes: [{ id: 'l', name: 'Resident', kind: 'actions' }] },
})
const card = (id: string, text: string) => ({
	...base,
	id,
	type: 'cyd-card',
	parentId: 'shape:bp',
	props: { w: 224, h: 96, stage: 's', lane: 'l', order: 0, kind: 'idea', text, channel: 'web', actor: '', authorId: '', authorName: '', createdAt: 0 },
})

const recordOf = (c: Client, id: string) => getRecordsMap(c.doc).get(id) as YRecord | undefined
const propsOf = (c: Client, id: string) => recordOf(c, id)?.get('props') as Y.Map<unknown> | undefined

/** A room with a blueprint and a card, the facilitator's canvas, a participant's, and an observer's that watches. */
async function room() {
	const id = await createRoom(server.url)
	const ffion = await join(id, 'facilitator', 'Ffion')
	const ceri = await join(id, 'participant', 'Ceri')
	const facilitator = await canvasClient(id, ffion.session)
	facilitator.doc.transact(() => getMetaMap(facilitator.doc).set(SCHEMA_KEY, canvasSchema().serialize()))
	putRecords(facilitator.doc, [blueprint(), card('shape:card', 'Report a repair')])
	const participant = await canvasClient(id, ceri.session)
	const observer = await canvasClient(id, linkToken(id, 'observer'))
	await until(participant.doc, () => recordOf(participant, 'shape:card') !== undefined)
	await until(observer.doc, () => recordOf(observer, 'shape:card') !== undefined)
	/** Every value of `field` the observer ever saw on the blueprint. */
	const seen: unknown[] = []
	getRecordsMap(observer.doc).observeDeep(() => seen.push(recordOf(observer, 'shape:bp')?.get('x')))
	return { id, ffion, ceri, facilitator, participant, observer, seen }
}

describe('the structure is the facilitator’s unless opened', () => {
	it('puts back a participant’s move, retitle and stage change, and no other screen sees them', async () => {
		const { participant, observer, seen } = await room()
		recordOf(participant, 'shape:bp')!.set('x', 500)
		await until(participant.doc, () => recordOf(participant, 'shape:bp')!.get('x') === 0)
		participant.doc.transact(() => {
			propsOf(participant, 'shape:bp')!.set('title', 'Mine now')
			propsOf(participant, 'shape:bp')!.set('stages', [])
		})
		await until(participant.doc, () => propsOf(participant, 'shape:bp')!.get('title') === 'Repairs')
		expect(propsOf(participant, 'shape:bp')!.get('stages')).toEqual([{ id: 's', name: 'Report' }])
		// A card added after them arrives, so the observer has had everything the server sent before it.
		putRecords(participant.doc, [card('shape:after', 'Evening visits')])
		await until(observer.doc, () => recordOf(observer, 'shape:after') !== undefined)
		expect(seen).not.toContain(500)
		expect(propsOf(observer, 'shape:bp')!.get('title')).toBe('Repairs')
	})

	it('brings back a blueprint a participant deleted, with the cards deleted in it', async () => {
		const { participant, observer } = await room()
		participant.doc.transact(() => {
			getRecordsMap(participant.doc).delete('shape:card')
			getRecordsMap(participant.doc).delete('shape:bp')
		})
		await until(participant.doc, () => recordOf(participant, 'shape:bp') !== undefined && recordOf(participant, 'shape:card') !== undefined)
		expect(propsOf(participant, 'shape:card')!.get('text')).toBe('Report a repair')
		putRecords(participant.doc, [card('shape:after', 'Evening visits')])
		await until(observer.doc, () => recordOf(observer, 'shape:after') !== undefined)
		expect(recordOf(observer, 'shape:bp')).toBeDefined()
		expect(recordOf(observer, 'shape:card')).toBeDefined()
	})

	it('lets a participant delete a card, grow a blueprint with cards, and start a blueprint of their own', async () => {
		const { participant, observer } = await room()
		participant.doc.transact(() => {
			getRecordsMap(participant.doc).delete('shape:card')
			propsOf(participant, 'shape:bp')!.set('h', 640)
		})
		putRecords(participant.doc, [blueprint('shape:mine', 'Bins')])
		await until(observer.doc, () => recordOf(observer, 'shape:mine') !== undefined)
		expect(recordOf(observer, 'shape:card')).toBeUndefined()
		expect(propsOf(observer, 'shape:bp')!.get('h')).toBe(640)
		expect(recordOf(participant, 'shape:mine')).toBeDefined()
	})

	it('lets the facilitator change it, and everyone once the facilitator opens it', async () => {
		const { id, ffion, ceri, facilitator, participant, observer } = await room()
		recordOf(facilitator, 'shape:bp')!.set('x', 300)
		await until(observer.doc, () => recordOf(observer, 'shape:bp')!.get('x') === 300)

		// Only a facilitator opens it.
		const refused = await callApi(server.url, id, ceri.session, 'POST', '/structure', { open: true })
		expect(refused.status).toBe(403)
		const bad = await callApi(server.url, id, ffion.session, 'POST', '/structure', { open: 'yes' })
		expect(bad.status).toBe(400)
		const opened = await callApi(server.url, id, ffion.session, 'POST', '/structure', { open: true })
		expect(opened.status).toBe(200)
		expect(((await opened.json()) as { structureOpen: boolean }).structureOpen).toBe(true)

		recordOf(participant, 'shape:bp')!.set('x', 900)
		await until(observer.doc, () => recordOf(observer, 'shape:bp')!.get('x') === 900)
		expect(recordOf(participant, 'shape:bp')!.get('x')).toBe(900)

		// Closed again, the participant's next move is put back.
		expect((await callApi(server.url, id, ffion.session, 'POST', '/structure', { open: false })).status).toBe(200)
		recordOf(participant, 'shape:bp')!.set('x', 1200)
		await until(participant.doc, () => recordOf(participant, 'shape:bp')!.get('x') === 900)
	})
})
