/**
 * Everything people made on the board reaches the design and everything made from it: a note made at
 * the touch table, free notes, text, a drawing and an uploaded image appear in GET /design, in the
 * version comparison, in decisions and votes, in every export format, and (once agreed) on the public
 * page, which names nobody. Records are valid records of the current canvas schema.
 */
import { inflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { canvasSchema } from '@cyd/model/schema'
import type { DesignDiff, ServiceDesign, VersionInfo, WorkshopState } from '@cyd/model'
// Test support of the packages: valid canvas records, and reading a PDF's text back.
import * as R from '../../../packages/model/src/test-support/records.js'
import { pdfText } from '../../../packages/export/src/test-support/pdf-text.js'
import { callApi, createRoom, joinAs, writeCanvas, serverForFile, type TestServer } from './helpers.js'

let server: TestServer
const clients = serverForFile((started) => (server = started))

const call = (room: string, session: string | null, method: string, path: string, body?: unknown) => callApi(server.url, room, session, method, path, body)

const TITLE = 'Atgyweirio tai: Tŷ’r Gymuned'
const TABLE_NOTE = 'Nobody rings back to say when the surveyor is coming'
/** A 1 x 1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')

/** One file of a zip, by name (its local header gives its size; fflate stores or deflates). */
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

async function write(room: string, records: Array<Record<string, unknown>>): Promise<void> {
	const schema = canvasSchema()
	// The server validates what clients write: these are records as a client of this version makes them.
	for (const record of records) schema.validateRecord(null as never, record as never, 'tests', null)
	clients.push(...(await writeCanvas(server.url, room, schema.serialize(), records)))
}

/** A room with a blueprint, a map with three stakeholders, and the touch table's two seats. */
async function workshop() {
	const id = await createRoom(server.url, TITLE)
	const facilitator = await joinAs(server.url, id, 'facilitator', 'Ffion')
	const dai = await joinAs(server.url, id, 'participant', 'Dai', 'resident')
	await joinAs(server.url, id, 'participant', 'Eira', 'resident')
	await joinAs(server.url, id, 'observer', 'Owain')
	const table = (await (await call(id, facilitator, 'PUT', '/table', { seats: [{ name: 'Gwen' }, { name: 'Huw' }], viewLocked: false })).json()) as WorkshopState
	const gwen = table.table!.seats[0]!
	await write(id, [
		R.blueprint('shape:bp', { x: 0, y: 0 }),
		R.card('shape:card', 'shape:bp', 'Phones and waits 25 minutes'),
		R.map('shape:map', { x: 1200, y: 0 }),
		R.stakeholder('shape:tenant', 'Tenant', { x: 1300, y: 60 }),
		R.stakeholder('shape:landlord', 'Landlord', { x: 1300, y: 400 }),
		R.stakeholder('shape:council', 'Council', { x: 1600, y: 400 }),
	])
	return { room: id, facilitator, dai, gwen }
}

describe('notes, text, drawings and images on the board', () => {
	it('reach the design, the comparison, decisions and votes; every export; and, once agreed, the public page', async () => {
		const { room, facilitator, dai, gwen } = await workshop()
		const before = (await (await call(room, facilitator, 'POST', '/versions', { name: 'Before the table' })).json()) as VersionInfo

		const upload = await fetch(`${server.url}/api/rooms/${room}/assets`, { method: 'POST', headers: { authorization: `Bearer ${facilitator}` }, body: PNG })
		expect(upload.status).toBe(201)
		const { url } = (await upload.json()) as { url: string }
		await write(room, [
			// Made at Gwen's seat of the touch table, in the first stage's first lane.
			R.note('shape:table-note', TABLE_NOTE, { x: 204, y: 180, meta: { seat: gwen.id, createdAt: Date.UTC(2025, 2, 4, 10, 40) } }),
			R.note('shape:free-note', 'The warden knows every tenant', { x: 1400, y: 200 }),
			R.text('shape:text', 'Ask about Welsh-speaking surveyors', { x: 0, y: 1200 }),
			R.draw('shape:sketch', [{ x: 0, y: 0 }, { x: 60, y: 30 }, { x: 120, y: 0 }], { x: 0, y: 1400 }),
			R.imageAsset('asset:photo', url),
			R.image('shape:photo', 'asset:photo', 'Damp on the bedroom wall', { x: 400, y: 1400 }),
		])

		// GET /design: each with its words, who made it (the seat's person), when and where.
		const design = (await (await call(room, facilitator, 'GET', '/design')).json()) as ServiceDesign
		expect(design.contributions.map((c) => [c.kind, c.id])).toEqual([
			['note', 'shape:table-note'],
			['note', 'shape:free-note'],
			['text', 'shape:text'],
			['drawing', 'shape:sketch'],
			['image', 'shape:photo'],
		])
		expect(design.contributions[0]).toMatchObject({
			text: TABLE_NOTE,
			author: { id: gwen.person, name: 'Gwen' },
			seat: 'Gwen',
			createdAt: '2025-03-04T10:40:00.000Z',
			place: { type: 'cell', journey: 'shape:bp', stage: 's1', lane: 'l1' },
		})
		expect(design.contributions[1]!.place).toMatchObject({ type: 'map', map: 'shape:map', ring: 0, ringLabel: 'Core' })
		expect(design.contributions[4]!.image).toEqual({ url, w: 400, h: 300 })

		// The comparison with the version saved before sees them (not "nothing has changed").
		const diff = (await (await call(room, facilitator, 'GET', `/compare?from=${before.id}&to=current`)).json()) as DesignDiff
		expect(diff.contributions.added.map((c) => c.id).sort()).toEqual(['shape:free-note', 'shape:photo', 'shape:sketch', 'shape:table-note', 'shape:text'])

		// Proposed by a participant, voted on, agreed by the facilitator: like a card.
		const proposed = await call(room, dai, 'POST', '/decisions', { item: 'shape:table-note', status: 'proposed' })
		expect(proposed.status).toBe(201)
		expect(await proposed.json()).toMatchObject({ itemKind: 'note', itemText: TABLE_NOTE })
		expect((await call(room, facilitator, 'POST', '/rounds', { votesPerPerson: 3 })).status).toBe(201)
		expect((await call(room, dai, 'POST', '/votes', { shapeId: 'shape:table-note', delta: 1 })).status).toBeLessThan(300)
		expect((await call(room, facilitator, 'POST', '/rounds/close')).status).toBeLessThan(300)
		const agreed = await call(room, facilitator, 'POST', '/decisions', { item: 'shape:table-note', status: 'agreed', note: 'Call back the same day' })
		expect(await agreed.json()).toMatchObject({ itemKind: 'note', status: 'agreed', tally: 1 })
		expect((await call(room, facilitator, 'POST', '/decisions', { item: 'shape:photo', status: 'agreed' })).status).toBe(201)
		expect((await call(room, facilitator, 'POST', '/decisions', { item: 'shape:sketch', status: 'parked' })).status).toBe(201)

		// Every export format holds the note made at the table.
		const get = (query: string) => fetch(`${server.url}/api/rooms/${room}/export?${query}`, { headers: { authorization: `Bearer ${facilitator}` } })
		for (const agreedOnly of ['only', 'all']) {
			const json = (await (await get(`format=json&agreed=${agreedOnly}`)).json()) as ServiceDesign
			expect(json.contributions.map((c) => c.text)).toContain(TABLE_NOTE)
			expect(await (await get(`format=csv&table=contributions&agreed=${agreedOnly}`)).text()).toContain(TABLE_NOTE)
			const zip = Buffer.from(await (await get(`format=csv&agreed=${agreedOnly}`)).arrayBuffer())
			expect(unzipped(zip, 'contributions.csv')).toContain(TABLE_NOTE)
			const md = await (await get(`format=md&agreed=${agreedOnly}`)).text()
			expect(md).toContain(TABLE_NOTE)
			const html = await (await get(`format=html&agreed=${agreedOnly}`)).text()
			expect(html).toContain(TABLE_NOTE)
			// The uploaded photo is in the report itself.
			expect(html).toContain(`src="data:image/png;base64,${PNG.toString('base64')}" alt="Picture: Damp on the bedroom wall"`)
			const pdf = pdfText(new Uint8Array(await (await get(`format=pdf&agreed=${agreedOnly}`)).arrayBuffer()))
			expect(pdf.join('').replace(/\s+/g, '')).toContain(TABLE_NOTE.replace(/\s+/g, ''))
		}
		// Only what was agreed says what is true of the rest: three stakeholders were mapped, none agreed.
		const agreedMd = await (await get('format=md&agreed=only')).text()
		expect(agreedMd).toContain('3 stakeholders were mapped; none agreed yet.')
		expect(agreedMd).toContain('- **Stakeholders:** 0 of 3')
		expect(agreedMd).toContain('Made by: Gwen, at the touch table')

		// Published: the agreed note is there, and nobody is named.
		const { url: published } = (await (await call(room, facilitator, 'POST', '/publish')).json()) as { url: string }
		const page = await (await fetch(`${server.url}${new URL(published).pathname}`)).text()
		expect(page).toContain(TABLE_NOTE)
		expect(page).toContain(`<img class="picture" src="${url}" alt="Picture: Damp on the bedroom wall"`)
		expect(page).not.toContain('The warden knows every tenant')
		for (const name of ['Ffion', 'Dai', 'Eira', 'Owain', 'Gwen', 'Huw']) expect(page).not.toContain(name)
		expect(page).toContain('<td>The facilitator</td>')
		expect(page).toContain('<td>A participant</td>')
		expect(page).toContain(`<dt>What the workshop was about</dt><dd>${TITLE}</dd>`)
		// Ffion, Dai, Eira and the two seats took part; Dai and Eira said they are residents; Owain only watched.
		expect(page).toContain('<dt>People who took part</dt><dd>5</dd><dt>Residents among them</dt><dd>2</dd>')
		expect(page).toContain('This page shows the board as it is now, not a saved version.')
	})

	it('names export files by the room’s title and the day, Welsh letters kept in the UTF-8 name', async () => {
		const { room, facilitator } = await workshop()
		const get = (query: string) => fetch(`${server.url}/api/rooms/${room}/export?${query}`, { headers: { authorization: `Bearer ${facilitator}` } })
		const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date())
		const pdf = await get('format=pdf&agreed=only')
		expect(pdf.headers.get('content-disposition')).toBe(
			`attachment; filename="Atgyweirio-tai-Tyr-Gymuned-${day}-agreed.pdf"; filename*=UTF-8''Atgyweirio-tai-T%C5%B7r-Gymuned-${day}-agreed.pdf`,
		)
		expect((await get('format=csv&table=contributions')).headers.get('content-disposition')).toContain(`filename="Atgyweirio-tai-Tyr-Gymuned-${day}-contributions.csv"`)
		expect((await get('format=json')).headers.get('content-disposition')).not.toContain(room)
		const version = (await (await call(room, facilitator, 'POST', '/versions', { name: 'Ar ôl cinio' })).json()) as VersionInfo
		expect((await get(`format=md&version=${version.id}`)).headers.get('content-disposition')).toContain(`filename="Atgyweirio-tai-Tyr-Gymuned-${day}-Ar-ol-cinio.md"`)
	})
})
