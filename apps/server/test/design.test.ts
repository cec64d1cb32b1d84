import { describe, expect, it } from 'vitest'
import { canvasSchema } from '@cyd/model/schema'
import type { ServiceDesign } from '@cyd/model'
import { getMetaMap, getRecordsMap, SCHEMA_KEY, writeRecord } from '@cyd/tldraw-yjs'
import { createRoom, joinAs, writeCanvas as writeTo, serverForFile, type TestServer } from './helpers.js'

let server: TestServer
const clients = serverForFile((started) => (server = started))

const session = (room: string, role: 'facilitator' | 'participant') => joinAs(server.url, room, role)

function design(room: string, token?: string) {
	return fetch(`${server.url}/api/rooms/${room}/design`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
}

const base = { typeName: 'shape', rotation: 0, index: 'a1', isLocked: false, opacity: 1, meta: {} }

async function writeCanvas(room: string, schema: unknown, records: Array<Record<string, unknown>>): Promise<void> {
	clients.push(...(await writeTo(server.url, room, schema, records)))
}

describe('GET /api/rooms/:id/design', () => {
	it('extracts the journey from the stored canvas, migrating shapes saved with older versions', async () => {
		const room = await createRoom(server.url)
		const current = canvasSchema().serialize()
		const older = { ...current, sequences: { ...current.sequences, 'com.tldraw.shape.cyd-blueprint': 0, 'com.tldraw.shape.cyd-card': 0 } }
		await writeCanvas(room, older, [
			{ ...base, id: 'shape:bp', type: 'cyd-blueprint', parentId: 'page:page', x: 0, y: 0, props: { w: 800, h: 600, title: 'Blue Badge', stages: ['Find out', 'Apply'], lanes: ['Resident', 'Council'] } },
			{
				...base,
				id: 'shape:card',
				type: 'cyd-card',
				parentId: 'shape:bp',
				x: 0,
				y: 0,
				props: { w: 224, h: 96, stage: 's1', lane: 'l1', order: 0, kind: 'pain', text: '<script>alert(1)</script>', actor: '', authorId: 'p1', authorName: 'Ceri', createdAt: 0 },
			},
		])
		const facilitator = await session(room, 'facilitator')
		const response = await design(room, facilitator)
		expect(response.status).toBe(200)
		const body = (await response.json()) as ServiceDesign
		expect(body.format).toBe('cyd-service-design')
		expect(body.journeys).toHaveLength(1)
		const journey = body.journeys[0]!
		expect(journey.title).toBe('Blue Badge')
		expect(journey.stages).toEqual([
			{ id: 's0', name: 'Find out' },
			{ id: 's1', name: 'Apply' },
		])
		expect(journey.lanes.map((l) => [l.name, l.kind])).toEqual([
			['Resident', 'actions'],
			['Council', 'frontstage'],
		])
		expect(journey.cards).toEqual([
			{
				id: 'shape:card',
				stage: 's1',
				lane: 'l1',
				kind: 'pain',
				text: '<script>alert(1)</script>',
				channel: 'other',
				actor: null,
				// Written through a link used without joining: nobody is credited, whatever the record claimed.
				author: { id: '', name: '' },
				createdAt: '1970-01-01T00:00:00.000Z',
			},
		])
	})

	it('is for facilitators only, and says so', async () => {
		const room = await createRoom(server.url)
		expect((await design(room)).status).toBe(401)
		expect((await design(room, await session(room, 'participant'))).status).toBe(403)
		expect((await design('nosuchroom1', await session(room, 'facilitator'))).status).toBe(404)
		const empty = await design(room, await session(room, 'facilitator'))
		expect(empty.status).toBe(200)
		expect(((await empty.json()) as ServiceDesign).journeys).toEqual([])
	})

	it('answers 409 for a canvas stored by a newer version, and keeps serving', async () => {
		const room = await createRoom(server.url)
		const current = canvasSchema().serialize()
		const newer = { ...current, sequences: { ...current.sequences, 'com.tldraw.shape.cyd-card': 99 } }
		// As a newer version of Cyd would have stored it (a client may not write a schema the server cannot read).
		await server.sync.transact(room, (doc) => {
			getMetaMap(doc).set(SCHEMA_KEY, newer)
			writeRecord(getRecordsMap(doc), { ...base, id: 'shape:bp', type: 'cyd-blueprint', parentId: 'page:page', x: 0, y: 0, props: { w: 1, h: 1, title: '', stages: [], lanes: [] } })
		})
		const facilitator = await session(room, 'facilitator')
		const response = await design(room, facilitator)
		expect(response.status).toBe(409)
		expect(((await response.json()) as { error: string }).error).toMatch(/cannot be read by this version/)
		const other = await createRoom(server.url)
		expect((await design(other, await session(other, 'facilitator'))).status).toBe(200)
	})
})
