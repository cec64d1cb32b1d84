/**
 * Recognition people receive themselves: "My contribution" from a person's own session, time credits at
 * the facilitator's rate, receipts signed by the server (verified, tampering detected, as HTML and PDF in
 * English and Welsh), receipts for the table's seats, a phone from a seat's QR code being that seat's
 * person, and participation codes adding up hours across two rooms. A real server, real sockets.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordsMap } from '@cyd/tldraw-yjs'
import { canvasSchema } from '@cyd/model/schema'
import type { MyContribution, ParticipationTotal, Receipt, ReceiptCheck, WorkshopState } from '@cyd/model'
import { callApi, connectClient, createRoom, joinAs, linkToken, noteRecord, putRecords, serverForFile, startTestServer, synced, until, writeCanvas, type TestServer } from './helpers.js'

let server: TestServer
const clients = serverForFile((started) => (server = started))
const call = (room: string, session: string | null, method: string, path: string, body?: unknown) => callApi(server.url, room, session, method, path, body)
const json = async <T>(response: Response, status = 200): Promise<T> => {
	expect(response.status, await response.clone().text()).toBe(status)
	return (await response.json()) as T
}

/** Joins with a body of our own (seat keys, access needs, device keys). */
async function join(room: string, body: Record<string, unknown>) {
	return fetch(`${server.url}/api/rooms/${room}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: linkToken(room), name: 'Someone', ...body }) })
}

/** A person present for `minutes`, by the server's attendance clock. */
function present(room: string, person: string, minutes: number) {
	const now = Date.now()
	server.workshops.attendance.arrived(room, person, now - minutes * 60_000)
	server.workshops.attendance.left(room, person, now)
}

const personOf = async (room: string, session: string) => (await json<{ id: string }>(await call(room, session, 'GET', '/me'))).id

/** A note made by a person through their own canvas connection; resolves once an observer has it. */
async function makeNote(room: string, session: string, id: string) {
	const writer = connectClient(server.url, room, new Y.Doc(), session)
	const probe = connectClient(server.url, room, new Y.Doc(), linkToken(room, 'observer'))
	clients.push(writer, probe)
	await Promise.all([synced(writer), synced(probe)])
	putRecords(writer.doc, [noteRecord(id, id)])
	await until(probe.doc, () => getRecordsMap(probe.doc).has(id))
}

describe('my contribution', () => {
	it('answers time present, what I made, votes cast and credits at the rate the facilitator sets', async () => {
		const room = await createRoom(server.url, 'Bus shelter workshop')
		const facilitator = await joinAs(server.url, room, 'facilitator', 'Ffion')
		const nia = await joinAs(server.url, room, 'participant', 'Nia')
		// Present for an hour and a half (before this connection, which is still open).
		present(room, await personOf(room, nia), 90)
		clients.push(...(await writeCanvas(server.url, room, canvasSchema().serialize(), [])))
		await makeNote(room, nia, 'shape:nia-idea')

		const mine = await json<MyContribution>(await call(room, nia, 'GET', '/contribution'))
		expect(mine).toMatchObject({ workshop: 'Bus shelter workshop', name: 'Nia', made: 1, votesCast: 0, creditRate: 1 })
		expect(mine.minutesPresent).toBeGreaterThanOrEqual(90)
		expect(mine.credits).toBeCloseTo(mine.minutesPresent / 60, 2)

		// Only the facilitator sets the rate; bad rates are refused and nothing changes.
		expect((await call(room, nia, 'PUT', '/contribution/rate', { creditsPerHour: 5 })).status).toBe(403)
		const bad = await call(room, facilitator, 'PUT', '/contribution/rate', { creditsPerHour: -1 })
		expect(bad.status).toBe(400)
		expect(((await bad.json()) as { error: string }).error).toMatch(/creditsPerHour/)
		expect((await json<{ creditsPerHour: number }>(await call(room, nia, 'GET', '/contribution/rate'))).creditsPerHour).toBe(1)
		await json(await call(room, facilitator, 'PUT', '/contribution/rate', { creditsPerHour: 2 }))
		const doubled = await json<MyContribution>(await call(room, nia, 'GET', '/contribution'))
		expect(doubled.creditRate).toBe(2)
		expect(doubled.credits).toBeCloseTo((doubled.minutesPresent / 60) * 2, 2)

		// Nobody without a session; nobody asks for a seat but the table.
		expect((await call(room, null, 'GET', '/contribution')).status).toBe(401)
		expect((await call(room, nia, 'GET', '/contribution?seat=abcdef')).status).toBe(403)
	})
})

describe('receipts', () => {
	it('a genuine receipt for a name written as markup shows it as text on the verification page', async () => {
		// An attack with only a participant's link: join under a name that is a script, then share the
		// verification link of one's own (genuinely signed) receipt.
		const room = await createRoom(server.url, 'Neuadd <b>y</b> pentref')
		const name = '<img src=x onerror=alert(1)>'
		const mallory = await joinAs(server.url, room, 'participant', name)
		present(room, await personOf(room, mallory), 60)
		const receipt = await json<Receipt & { verifyUrl: string }>(await call(room, mallory, 'GET', '/contribution/receipt'))
		expect(receipt.claims).toMatchObject({ name })
		const page = await (await fetch(`${server.url}/verify/${encodeURIComponent(receipt.code)}`)).text()
		expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;')
		expect(page).toContain('Neuadd &lt;b&gt;y&lt;/b&gt; pentref')
		expect(page).not.toContain('<img src=x')
		expect(page).not.toContain('<b>y</b>')
	})

	it('are signed by the server: the code verifies, and any change to what it certifies is detected', async () => {
		const room = await createRoom(server.url, 'Llyfrgell y dref')
		const nia = await joinAs(server.url, room, 'participant', 'Nia')
		present(room, await personOf(room, nia), 120)
		const receipt = await json<Receipt & { verifyUrl: string }>(await call(room, nia, 'GET', '/contribution/receipt'))
		expect(receipt.claims).toMatchObject({ workshop: 'Llyfrgell y dref', name: 'Nia', credits: 2 })
		expect(receipt.verifyUrl).toContain(`/verify/${receipt.code}`)

		const verify = async (code: string) => json<ReceiptCheck>(await fetch(`${server.url}/api/receipts/verify?code=${encodeURIComponent(code)}`))
		const good = await verify(receipt.code)
		expect(good.genuine).toBe(true)
		if (good.genuine) expect(good.claims).toEqual(receipt.claims)

		// The same signature over changed claims (more credits), or a changed signature: not genuine.
		const [body, mac] = receipt.code.split('.') as [string, string]
		const forged = Buffer.from(JSON.stringify({ ...receipt.claims, credits: 200 })).toString('base64url')
		expect(await verify(`${forged}.${mac}`)).toMatchObject({ genuine: false })
		expect(await verify(`${body}.${mac.slice(0, -2)}AA`)).toMatchObject({ genuine: false })
		expect(await verify('not-a-receipt')).toMatchObject({ genuine: false })

		// Another server (another secret) does not recognise it.
		const other = await startTestServer({ CYD_SECRET: 'another secret that is also long enough to sign' })
		try {
			const there = (await (await fetch(`${other.url}/api/receipts/verify?code=${encodeURIComponent(receipt.code)}`)).json()) as ReceiptCheck
			expect(there.genuine).toBe(false)
		} finally {
			await other.close()
		}

		// The public page says so, in English and in Welsh.
		const page = await (await fetch(`${server.url}/verify/${receipt.code}`)).text()
		expect(page).toContain('data-genuine="true"')
		expect(page).toContain('Llyfrgell y dref')
		const welsh = await (await fetch(`${server.url}/verify/${receipt.code}?lang=cy`)).text()
		expect(welsh).toContain('Dilys')
		expect(welsh).toContain('lang="cy"')
		const fake = await (await fetch(`${server.url}/verify/${forged}.${mac}`)).text()
		expect(fake).toContain('data-genuine="false"')
	})

	it('come as printable HTML and as a PDF, in English and Welsh, with the workshop and its date', async () => {
		const room = await createRoom(server.url, 'Parc <Bute>')
		const nia = await joinAs(server.url, room, 'participant', 'Nia')
		const html = await call(room, nia, 'GET', '/contribution/receipt?format=html&language=en')
		expect(html.headers.get('content-type')).toMatch(/text\/html/)
		const text = await html.text()
		expect(text).toContain('Contribution receipt')
		expect(text).toContain('Parc &lt;Bute&gt;')
		expect(text).toContain(String(new Date().getUTCFullYear()))
		expect(text).toMatch(/\/verify\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/)
		const cy = await (await call(room, nia, 'GET', '/contribution/receipt?format=html&language=cy')).text()
		expect(cy).toContain('Derbynneb cyfraniad')
		expect(cy).toContain('lang="cy"')

		for (const language of ['en', 'cy']) {
			const pdf = await call(room, nia, 'GET', `/contribution/receipt?format=pdf&language=${language}`)
			expect(pdf.status).toBe(200)
			expect(pdf.headers.get('content-type')).toBe('application/pdf')
			expect(pdf.headers.get('content-disposition')).toMatch(/attachment/)
			const bytes = Buffer.from(await pdf.arrayBuffer())
			expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
			expect(bytes.toString('latin1')).toContain(`/Lang (${language})`)
		}
		expect((await call(room, nia, 'GET', '/contribution/receipt?format=docx')).status).toBe(400)
	})

	it("the facilitator prints receipts for the table's seats; nobody else may", async () => {
		const room = await createRoom(server.url, 'Table workshop')
		const facilitator = await joinAs(server.url, room, 'facilitator', 'Ffion')
		const nia = await joinAs(server.url, room, 'participant', 'Nia')
		expect((await call(room, facilitator, 'GET', '/contribution/seats')).status).toBe(404)
		const state = await json<WorkshopState>(await call(room, facilitator, 'PUT', '/table', { seats: [{ name: 'Ceri' }, { name: 'Dai' }] }))
		const [ceri] = state.table!.seats
		await server.workshops.attendance.tableHere(room, state.table!.seats, Date.now() - 60_000)
		await server.workshops.attendance.tableHere(room, state.table!.seats, Date.now())
		const seat = await json<MyContribution>(await call(room, facilitator, 'GET', `/contribution?seat=${ceri!.id}`))
		expect(seat).toMatchObject({ name: 'Ceri', seat: 'Ceri', minutesPresent: 1 })
		const sheet = await call(room, facilitator, 'GET', '/contribution/seats')
		const page = await sheet.text()
		expect(page.match(/class="receipt"/g)).toHaveLength(2)
		expect(page).toContain('Ceri')
		expect(page).toContain('Dai')
		expect((await call(room, nia, 'GET', '/contribution/seats')).status).toBe(403)
		expect((await call(room, nia, 'GET', `/contribution/receipt?seat=${ceri!.id}`)).status).toBe(403)
		expect((await call(room, facilitator, 'GET', '/contribution/receipt?seat=nosuch')).status).toBe(404)
	})
})

describe("a phone from a seat's QR code", () => {
	it("is that seat's person, not a second person, and stays so when it joins again", async () => {
		const room = await createRoom(server.url)
		const facilitator = await joinAs(server.url, room, 'facilitator', 'Ffion')
		const nia = await joinAs(server.url, room, 'participant', 'Nia')
		const state = await json<WorkshopState>(await call(room, facilitator, 'PUT', '/table', { seats: [{ name: 'Ceri' }, { name: 'Dai' }] }))
		const [ceri, dai] = state.table!.seats
		const keys = await json<Record<string, string>>(await call(room, facilitator, 'GET', '/table/phones'))
		expect(Object.keys(keys).sort()).toEqual([ceri!.id, dai!.id].sort())
		expect((await call(room, nia, 'GET', '/table/phones')).status).toBe(403)
		const before = (await server.workshops.links.people(room)).length

		const device = 'phone-device-key-0001'
		const joined = await json<{ person: { id: string; name: string; seat: string } ; session: string }>(await join(room, { name: 'Ceri on her phone', seat: 'Ceri', seatKey: keys[ceri!.id], device }), 201)
		expect(joined.person).toMatchObject({ id: ceri!.person, name: 'Ceri', seat: 'Ceri' })
		expect((await server.workshops.links.people(room)).length).toBe(before)
		expect(await personOf(room, joined.session)).toBe(ceri!.person)

		// What the phone makes is the seat's; its contribution is the seat's.
		clients.push(...(await writeCanvas(server.url, room, canvasSchema().serialize(), [])))
		await makeNote(room, joined.session, 'shape:from-phone')
		const fromTable = await json<MyContribution>(await call(room, facilitator, 'GET', `/contribution?seat=${ceri!.id}`))
		const fromPhone = await json<MyContribution>(await call(room, joined.session, 'GET', '/contribution'))
		expect(fromPhone.made).toBe(1)
		expect(fromPhone).toEqual(fromTable)

		// The same phone again, now with no seat key: still the seat's person.
		const again = await json<{ person: { id: string } }>(await join(room, { name: 'Ceri', device }), 201)
		expect(again.person.id).toBe(ceri!.person)
		expect((await server.workshops.links.people(room)).length).toBe(before)

		// A key of another seat's, made up, or through another role's link: refused, nobody added.
		const [id] = keys[dai!.id]!.split('.')
		expect((await join(room, { seatKey: `${id}.forged` })).status).toBe(403)
		expect((await join(room, { seatKey: `${ceri!.id}.${keys[dai!.id]!.split('.')[1]}` })).status).toBe(403)
		const asObserver = await fetch(`${server.url}/api/rooms/${room}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: linkToken(room, 'observer'), name: 'X', seatKey: keys[ceri!.id] }) })
		expect(asObserver.status).toBe(400)
		expect((await server.workshops.links.people(room)).length).toBe(before)
	})
})

describe('participation codes', () => {
	it('add up hours across two rooms without a name, and are gone once deleted', async () => {
		const made = await json<{ code: string }>(await fetch(`${server.url}/api/participation`, { method: 'POST' }), 201)
		expect(made.code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/)
		const first = await createRoom(server.url, 'First')
		const second = await createRoom(server.url, 'Second')
		const a = await joinAs(server.url, first, 'participant', 'Nia')
		const b = await joinAs(server.url, second, 'participant', 'Nia again')
		present(first, await personOf(first, a), 60)
		present(second, await personOf(second, b), 30)

		const one = await json<ParticipationTotal>(await call(first, a, 'POST', '/participation', { code: made.code }))
		expect(one.workshops).toBe(1)
		// Typed in lower case without its dash, it is the same code.
		const both = await json<ParticipationTotal>(await call(second, b, 'POST', '/participation', { code: made.code.toLowerCase().replace('-', '') }))
		expect(both.workshops).toBe(2)
		expect(both.minutesPresent).toBeGreaterThanOrEqual(90)
		expect(both.minutesPresent).toBeLessThan(92)
		// Adding the same room again brings it up to date; it is not counted twice.
		const same = await json<ParticipationTotal>(await call(first, a, 'POST', '/participation', { code: made.code }))
		expect(same.workshops).toBe(2)
		const total = await json<ParticipationTotal>(await fetch(`${server.url}/api/participation/${made.code}`))
		expect(total).toEqual(same)
		// No name is kept with the code, nor the code itself.
		const stored = JSON.stringify(server.sync.retain('cyd/participation').doc.getMap('codes').toJSON())
		expect(stored).not.toContain('Nia')
		expect(stored).not.toContain(made.code)

		expect((await call(first, a, 'POST', '/participation', { code: 'ABCDE-FGHJK' })).status).toBe(404)
		expect((await call(first, a, 'POST', '/participation', { code: 'nope' })).status).toBe(400)
		expect((await call(first, null, 'POST', '/participation', { code: made.code })).status).toBe(401)
		expect((await fetch(`${server.url}/api/participation/${made.code}`, { method: 'DELETE' })).status).toBe(204)
		expect((await fetch(`${server.url}/api/participation/${made.code}`)).status).toBe(404)
		expect((await call(first, a, 'POST', '/participation', { code: made.code })).status).toBe(404)
	})

	it('are made at most at the joins\' rate per address', async () => {
		const limited = await startTestServer({ CYD_SECRET: 'a test secret that is long enough to sign links', JOINS_PER_IP_PER_MINUTE: '2' })
		try {
			const statuses = []
			for (let i = 0; i < 3; i++) statuses.push((await fetch(`${limited.url}/api/participation`, { method: 'POST' })).status)
			expect(statuses).toEqual([201, 201, 429])
		} finally {
			await limited.close()
		}
	})
})
