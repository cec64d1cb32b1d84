/**
 * The canvas guard, through the real server and stock y-websocket clients: what a client writes into the
 * canvas's records and schema is validated against the room's schema and answered with a corrective
 * change, and who made a record is set from the connection, never taken from the client.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canvasSchema } from '@cyd/model/schema'
import { privateDocument, type ServiceDesign, type WorkshopState } from '@cyd/model'
import { getMetaMap, getRecordsMap, SCHEMA_KEY } from '@cyd/tldraw-yjs'
import { authorsOf } from '../src/workshop/canvas-guard.js'
import { callApi, connectClient, createRoom, linkToken, noteRecord, putRecords, synced, until, serverForFile, type Client, type TestServer } from './helpers.js'

type YRecord = Y.Map<unknown>

let server: TestServer
const clients = serverForFile((started) => (server = started))

type Role = 'facilitator' | 'participant' | 'observer'

async function join(room: string, role: Role, name: string) {
	const response = await fetch(`${server.url}/api/rooms/${room}/join`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ token: linkToken(room, role), name, affiliation: null }),
	})
	expect(response.status).toBe(201)
	return (await response.json()) as { session: string; person: { id: string; name: string } }
}

/** A synced canvas client with `token` (a session, or a link). */
async function canvasClient(room: string, token: string): Promise<Client> {
	const client = connectClient(server.url, room, new Y.Doc(), token)
	clients.push(client)
	await synced(client)
	return client
}

const call = (room: string, session: string, method: string, path: string, body?: unknown) => callApi(server.url, room, session, method, path, body)

async function design(room: string, session: string): Promise<ServiceDesign> {
	const response = await call(room, session, 'GET', '/design')
	expect(response.status).toBe(200)
	return (await response.json()) as ServiceDesign
}

/** The server's record of who made each shape, from the room's private document. */
async function serverAuthors(room: string): Promise<Map<string, string>> {
	const held = server.sync.retain(privateDocument(room))
	try {
		return authorsOf(await held.ready)
	} finally {
		held.release()
	}
}

const base = { typeName: 'shape', rotation: 0, index: 'a1', isLocked: false, opacity: 1, meta: {}, parentId: 'page:page', x: 0, y: 0 }
const blueprint = { ...base, id: 'shape:bp', type: 'cyd-blueprint', props: { w: 800, h: 400, title: 'Repairs', stages: [{ id: 's', name: 'Report' }], lanes: [{ id: 'l', name: 'Resident', kind: 'actions' }] } }
const card = (id: string, text: string, author = { authorId: '', authorName: '' }) => ({
	...base,
	id,
	type: 'cyd-card',
	parentId: 'shape:bp',
	props: { w: 224, h: 96, stage: 's', lane: 'l', order: 0, kind: 'idea', text, channel: 'web', actor: '', ...author, createdAt: 0 },
})

const recordOf = (c: Client, id: string) => getRecordsMap(c.doc).get(id) as YRecord | undefined
const propsOf = (c: Client, id: string) => (recordOf(c, id)?.get('props') as Y.Map<unknown> | undefined)?.toJSON() as Record<string, unknown> | undefined
const metaOf = (c: Client, id: string) => (recordOf(c, id)?.get('meta') as Y.Map<unknown> | undefined)?.toJSON() as Record<string, unknown> | undefined

/** Every record id the client ever saw added to its records map, and every value the card's props ever had there. */
function watch(c: Client) {
	const ids = new Set<string>()
	const props: Record<string, unknown>[] = []
	getRecordsMap(c.doc).observeDeep((events) => {
		for (const event of events) {
			if (event.target === getRecordsMap(c.doc)) for (const [id, change] of event.changes.keys) if (change.action !== 'delete') ids.add(id)
		}
		const p = propsOf(c, 'shape:card')
		if (p) props.push(p)
	})
	return { ids, props }
}

/** A room with a blueprint and a card ("Report a repair") made by Ceri, and the people taking part. */
async function roomWithCard() {
	const room = await createRoom(server.url)
	const ffion = await join(room, 'facilitator', 'Ffion')
	const ceri = await join(room, 'participant', 'Ceri')
	const dai = await join(room, 'participant', 'Dai')
	const observer = await canvasClient(room, linkToken(room, 'observer'))
	const maker = await canvasClient(room, ceri.session)
	maker.doc.transact(() => getMetaMap(maker.doc).set(SCHEMA_KEY, canvasSchema().serialize()))
	putRecords(maker.doc, [blueprint, card('shape:card', 'Report a repair', { authorId: ceri.person.id, authorName: 'Ceri' })])
	await until(observer.doc, () => recordOf(observer, 'shape:card') !== undefined)
	return { room, ffion, ceri, dai, observer, maker }
}

describe('records are validated against the room schema', () => {
	it('an invalid new record vanishes for its writer and never reaches another client', async () => {
		const { room, dai, observer } = await roomWithCard()
		const seen = watch(observer)
		const writer = await canvasClient(room, dai.session)
		const bad = [
			// Wrong prop types.
			{ ...card('shape:bad-types', 'Evening visits'), props: { ...card('x', '').props, w: 'wide', order: '1', kind: 'rant' } },
			// A shape type the schema does not know.
			{ ...base, id: 'shape:bad-type', type: 'cyd-banner', props: { text: 'Vote for me' } },
			// Fields missing.
			{ typeName: 'shape', id: 'shape:bad-missing', type: 'cyd-card', props: { text: 'Half a card' } },
			// A record type the schema does not know, and one that is not of the document.
			{ typeName: 'ballot', id: 'ballot:1', votes: 99 },
			{ typeName: 'camera', id: 'camera:page:page', x: 0, y: 0, z: 1, meta: {} },
			// An id that does not match the record's key is written under another key below.
		]
		writer.doc.transact(() => {
			putRecords(writer.doc, [...bad, card('shape:good', 'A named officer')])
			getRecordsMap(writer.doc).set('shape:not-a-record', 'just a string' as unknown as YRecord)
			const mislabelled = new Y.Map<unknown>()
			for (const [key, value] of Object.entries(card('shape:other', 'Mislabelled'))) if (key !== 'props' && key !== 'meta') mislabelled.set(key, value)
			mislabelled.set('props', new Y.Map(Object.entries(card('x', 'Mislabelled').props)))
			mislabelled.set('meta', new Y.Map())
			getRecordsMap(writer.doc).set('shape:mislabelled', mislabelled as YRecord)
		})
		const refused = [...bad.map((r) => r.id), 'shape:not-a-record', 'shape:mislabelled']

		// The valid record in the same transaction arrives; the invalid ones never did, and are not there.
		await until(observer.doc, () => recordOf(observer, 'shape:good') !== undefined)
		for (const id of refused) {
			expect(seen.ids.has(id), id).toBe(false)
			expect(getRecordsMap(observer.doc).has(id), id).toBe(false)
		}
		// The writer gets them taken away.
		await until(writer.doc, () => refused.every((id) => !getRecordsMap(writer.doc).has(id)))
		expect(propsOf(writer, 'shape:good')?.text).toBe('A named officer')

		// A client joining now gets only valid records; the design reads.
		const late = await canvasClient(room, linkToken(room, 'observer'))
		expect([...getRecordsMap(late.doc).keys()].sort()).toEqual(['shape:bp', 'shape:card', 'shape:good'])
		const ffion = await join(room, 'facilitator', 'Ffion 2')
		expect((await design(room, ffion.session)).journeys[0]!.cards.map((c) => c.text).sort()).toEqual(['A named officer', 'Report a repair'])
	})

	it('an invalid change to a valid card is put back, while a valid edit made at the same time by another client is kept', async () => {
		const { room, ffion, dai, observer, maker } = await roomWithCard()
		const seen = watch(observer)
		const writer = await canvasClient(room, dai.session)
		const props = () => recordOf(writer, 'shape:card')!.get('props') as Y.Map<unknown>
		// Both at once: Dai's breaks the card's width and kind, Ceri's changes its text.
		props().set('w', 'wide')
		props().set('kind', 'rant')
		;(recordOf(maker, 'shape:card')!.get('props') as Y.Map<unknown>).set('text', 'Report a repair online')

		const settled = (c: Client) => () => {
			const p = propsOf(c, 'shape:card')
			return p?.text === 'Report a repair online' && p.w === 224 && p.kind === 'idea'
		}
		await Promise.all([until(observer.doc, settled(observer)), until(writer.doc, settled(writer)), until(maker.doc, settled(maker))])
		// Nobody else ever saw the broken card.
		expect(seen.props.filter((p) => p.w !== 224 || p.kind !== 'idea')).toEqual([])

		// A field that does not belong on the record is taken off again; a top-level field broken is put back.
		const record = recordOf(writer, 'shape:card')!
		writer.doc.transact(() => {
			props().set('colour', 'red')
			record.set('x', 'left')
			record.set('parentId', 42)
		})
		await until(writer.doc, () => propsOf(writer, 'shape:card')?.colour === undefined && record.get('x') === 0 && record.get('parentId') === 'shape:bp')
		expect(propsOf(observer, 'shape:card')).not.toHaveProperty('colour')
		expect(recordOf(observer, 'shape:card')!.get('x')).toBe(0)

		const cards = (await design(room, ffion.session)).journeys[0]!.cards
		expect(cards.map((c) => [c.text, c.kind])).toEqual([['Report a repair online', 'idea']])
	})
})

describe('who made a record is set by the server', () => {
	it('a card claiming another author is credited to the person whose connection made it', async () => {
		const { room, ffion, ceri, dai, observer } = await roomWithCard()
		const writer = await canvasClient(room, dai.session)
		putRecords(writer.doc, [card('shape:claimed', 'Text me the day before', { authorId: ceri.person.id, authorName: 'Ceri' })])
		const credited = (c: Client) => () => propsOf(c, 'shape:claimed')?.authorId === dai.person.id && propsOf(c, 'shape:claimed')?.authorName === 'Dai'
		await Promise.all([until(writer.doc, credited(writer)), until(observer.doc, credited(observer))])

		// A link used without joining names nobody, whoever the record claims.
		const anonymous = await canvasClient(room, linkToken(room, 'participant'))
		putRecords(anonymous.doc, [card('shape:anonymous', 'Evening visits', { authorId: ceri.person.id, authorName: 'Ceri' })])
		await until(observer.doc, () => propsOf(observer, 'shape:anonymous')?.authorId === '')
		expect(propsOf(observer, 'shape:anonymous')?.authorName).toBe('')

		const authors = Object.fromEntries((await design(room, ffion.session)).journeys[0]!.cards.map((c) => [c.text, c.author]))
		expect(authors).toEqual({
			'Report a repair': { id: ceri.person.id, name: 'Ceri' },
			'Text me the day before': { id: dai.person.id, name: 'Dai' },
			'Evening visits': { id: '', name: '' },
		})
		const recorded = await serverAuthors(room)
		expect(recorded.get('shape:card')).toBe(ceri.person.id)
		expect(recorded.get('shape:claimed')).toBe(dai.person.id)
		expect(recorded.has('shape:anonymous')).toBe(false)
	})

	it("a changed author is put back: nobody re-attributes someone else's card", async () => {
		const { room, ffion, ceri, dai, observer } = await roomWithCard()
		const writer = await canvasClient(room, dai.session)
		const props = recordOf(writer, 'shape:card')!.get('props') as Y.Map<unknown>
		writer.doc.transact(() => {
			props.set('authorId', dai.person.id)
			props.set('authorName', 'Dai')
			props.set('text', 'Report a repair by phone')
		})
		// The text edit stands; the authorship comes back.
		const settled = (c: Client) => () => {
			const p = propsOf(c, 'shape:card')
			return p?.text === 'Report a repair by phone' && p.authorId === ceri.person.id && p.authorName === 'Ceri'
		}
		await Promise.all([until(writer.doc, settled(writer)), until(observer.doc, settled(observer))])

		// Deleted by someone else and added again under its id (an undo): still Ceri's.
		getRecordsMap(writer.doc).delete('shape:card')
		await until(observer.doc, () => !getRecordsMap(observer.doc).has('shape:card'))
		putRecords(writer.doc, [card('shape:card', 'Report a repair by phone', { authorId: dai.person.id, authorName: 'Dai' })])
		await until(observer.doc, () => propsOf(observer, 'shape:card')?.authorId === ceri.person.id)
		expect((await design(room, ffion.session)).journeys[0]!.cards[0]!.author).toEqual({ id: ceri.person.id, name: 'Ceri' })
	})

	it("a note made at a seat of the touch table is the seat's person's only when the table (a facilitator) made it", async () => {
		const room = await createRoom(server.url)
		const ffion = await join(room, 'facilitator', 'Ffion')
		const dai = await join(room, 'participant', 'Dai')
		const set = await call(room, ffion.session, 'PUT', '/table', { seats: [{ name: 'Ceri' }, { name: 'Elin' }] })
		expect(set.status).toBe(200)
		const [ceri, elin] = ((await set.json()) as WorkshopState).table!.seats
		const observer = await canvasClient(room, linkToken(room, 'observer'))
		const table = await canvasClient(room, ffion.session)
		const phone = await canvasClient(room, dai.session)

		putRecords(table.doc, [noteRecord('shape:at-ceri', 'A bench by the bus stop', { seat: ceri!.id, author: 'someone', authorName: 'Someone' })])
		putRecords(table.doc, [noteRecord('shape:ffion', 'Later buses', {})])
		putRecords(phone.doc, [noteRecord('shape:not-elin', 'Free parking', { seat: elin!.id, author: elin!.person, authorName: 'Elin' })])
		await until(observer.doc, () => ['shape:at-ceri', 'shape:ffion', 'shape:not-elin'].every((id) => getRecordsMap(observer.doc).has(id)))
		await until(observer.doc, () => metaOf(observer, 'shape:at-ceri')?.author === ceri!.person && metaOf(observer, 'shape:not-elin')?.author === dai.person.id)
		expect(metaOf(observer, 'shape:at-ceri')).toEqual({ seat: ceri!.id, author: ceri!.person, authorName: 'Ceri' })
		expect(metaOf(observer, 'shape:not-elin')).toEqual({ seat: elin!.id, author: dai.person.id, authorName: 'Dai' })

		const recorded = await serverAuthors(room)
		expect(recorded.get('shape:at-ceri')).toBe(ceri!.person)
		expect(recorded.get('shape:ffion')).toBe(ffion.person.id)
		expect(recorded.get('shape:not-elin')).toBe(dai.person.id)

		// Once made, a note's seat stays: moving it to another seat is put back.
		await until(phone.doc, () => metaOf(phone, 'shape:at-ceri')?.author === ceri!.person)
		;(recordOf(phone, 'shape:at-ceri')!.get('meta') as Y.Map<unknown>).set('seat', elin!.id)
		await until(phone.doc, () => metaOf(phone, 'shape:at-ceri')?.seat === ceri!.id)
		expect(metaOf(observer, 'shape:at-ceri')?.seat).toBe(ceri!.id)
	})
})

describe("the document's schema", () => {
	it('junk, a schema the server cannot read, an older one or none are put back; the design still reads', async () => {
		const { room, ffion, dai, observer } = await roomWithCard()
		const writer = await canvasClient(room, dai.session)
		const current = canvasSchema().serialize()
		const meta = getMetaMap(writer.doc)
		const restored = (c: Client) => () => JSON.stringify(getMetaMap(c.doc).get(SCHEMA_KEY)) === JSON.stringify(current)
		const seen: unknown[] = []
		getMetaMap(observer.doc).observe(() => seen.push(getMetaMap(observer.doc).get(SCHEMA_KEY)))
		for (const junk of ['junk', { schemaVersion: 2, sequences: { ...current.sequences, 'com.tldraw.shape.cyd-card': 99 } }, { schemaVersion: 2, sequences: { ...current.sequences, 'com.tldraw.shape.cyd-blueprint': 0 } }, { schemaVersion: 2 }, undefined]) {
			if (junk === undefined) meta.delete(SCHEMA_KEY)
			else meta.set(SCHEMA_KEY, junk)
			await until(writer.doc, restored(writer))
			expect((await design(room, ffion.session)).journeys[0]!.cards.map((c) => c.text)).toEqual(['Report a repair'])
		}
		expect(restored(observer)()).toBe(true)
		expect(seen.every((value) => JSON.stringify(value) === JSON.stringify(current))).toBe(true)
	})
})
