/**
 * Equal standing and personal data: access needs given at join (the facilitator alone sees them),
 * anonymous equalities monitoring (totals with counts under five suppressed, answered once), a room's
 * retention period ending by the server's clock (names, needs, sessions and monitoring erased; what was
 * made stays, anonymous), erasing one person and exporting one person's data. A real server, real sockets.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordsMap } from '@cyd/tldraw-yjs'
import { canvasSchema } from '@cyd/model/schema'
import { parseWorkshop, type MonitoringTotals, type PersonNeeds, type PrivacySettings, type WorkshopState } from '@cyd/model'
import { callApi, connectClient, createRoom, joinAs, linkToken, noteRecord, putRecords, serverForFile, synced, until, writeCanvas, type TestServer } from './helpers.js'

let server: TestServer
const clients = serverForFile((started) => (server = started))
const call = (room: string, session: string | null, method: string, path: string, body?: unknown) => callApi(server.url, room, session, method, path, body)
const json = async <T>(response: Response, status = 200): Promise<T> => {
	expect(response.status, await response.clone().text()).toBe(status)
	return (await response.json()) as T
}
async function join(room: string, body: Record<string, unknown>, role: 'participant' | 'expert' = 'participant') {
	return fetch(`${server.url}/api/rooms/${room}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: linkToken(room, role), name: 'Someone', ...body }) })
}
const personOf = async (room: string, session: string) => (await json<{ id: string }>(await call(room, session, 'GET', '/me'))).id
const DAY = 24 * 3600 * 1000

describe('access needs', () => {
	it('are asked optionally at join and seen by the facilitator only', async () => {
		const room = await createRoom(server.url)
		const facilitator = await joinAs(server.url, room, 'facilitator', 'Ffion')
		const nia = await json<{ session: string }>(await join(room, { name: 'Nia', needs: ['large-print', 'breaks'], needsOther: 'A quiet corner' }), 201)
		await json(await join(room, { name: 'Dai' }), 201)
		const needs = await json<PersonNeeds[]>(await call(room, facilitator, 'GET', '/people/needs'))
		expect(needs).toEqual([{ person: await personOf(room, nia.session), name: 'Nia', needs: ['large-print', 'breaks'], other: 'A quiet corner' }])
		for (const role of ['participant', 'expert', 'observer', 'steward'] as const) {
			expect((await call(room, await joinAs(server.url, room, role), 'GET', '/people/needs')).status).toBe(403)
		}
		// Never on the workshop document every client reads.
		const state = JSON.stringify(server.sync.retain(`${room}/workshop`).doc.getMap('workshop').toJSON())
		expect(state).not.toContain('quiet corner')
		// An unknown need is refused with a message, and nobody joins.
		const before = (await server.workshops.links.people(room)).length
		const bad = await join(room, { name: 'Eve', needs: ['jetpack'] })
		expect(bad.status).toBe(400)
		expect(((await bad.json()) as { error: string }).error).toMatch(/needs/)
		expect((await server.workshops.links.people(room)).length).toBe(before)
	})
})

describe('refusals', () => {
	it("every role but the facilitator is refused each thing only the facilitator may see or do", async () => {
		const room = await createRoom(server.url)
		const facilitator = await joinAs(server.url, room, 'facilitator', 'Ffion')
		await call(room, facilitator, 'PUT', '/table', { seats: [{ name: 'Ceri' }, { name: 'Dai' }] })
		const someone = await personOf(room, await joinAs(server.url, room, 'participant', 'Nia'))
		const facilitatorOnly: [string, string, unknown?][] = [
			['GET', '/people/needs'],
			['GET', '/monitoring'],
			['GET', '/contribution/seats'],
			['GET', '/table/phones'],
			['PUT', '/contribution/rate', { creditsPerHour: 3 }],
			['PUT', '/privacy', { retentionDays: 5 }],
			['GET', `/people/${someone}/data`],
			['DELETE', `/people/${someone}/data`],
		]
		for (const role of ['participant', 'expert', 'observer', 'steward'] as const) {
			const session = await joinAs(server.url, room, role)
			for (const [method, path, body] of facilitatorOnly) {
				expect((await call(room, session, method, path, body)).status, `${role} ${method} ${path}`).toBe(403)
			}
		}
		for (const [method, path, body] of facilitatorOnly) expect((await call(room, null, method, path, body)).status, `nobody ${method} ${path}`).toBe(401)
		// Nothing changed by the refusals.
		expect((await json<{ creditsPerHour: number }>(await call(room, facilitator, 'GET', '/contribution/rate'))).creditsPerHour).toBe(1)
		expect((await json<PrivacySettings>(await call(room, facilitator, 'GET', '/privacy'))).retentionDays).toBe(90)
		expect((await server.workshops.links.person(room, someone))?.name).toBe('Nia')
	})
})

describe("the table's seats", () => {
	it('are marked resident or organisation, and count so in the balance of voice', async () => {
		const room = await createRoom(server.url)
		const facilitator = await joinAs(server.url, room, 'facilitator', 'Ffion')
		const state = await json<WorkshopState>(await call(room, facilitator, 'PUT', '/table', { seats: [{ name: 'Ceri', affiliation: 'resident' }, { name: 'Dai', affiliation: 'organisation' }, { name: 'Eli' }] }))
		const [ceri, dai, eli] = state.table!.seats
		expect([ceri!.affiliation, dai!.affiliation, eli!.affiliation]).toEqual(['resident', 'organisation', undefined])
		const balance = async () => (await json<{ people: { id: string; affiliation: string | null }[] }>(await call(room, facilitator, 'GET', '/balance'))).people
		expect((await balance()).find((p) => p.id === ceri!.person)?.affiliation).toBe('resident')
		expect((await balance()).find((p) => p.id === dai!.person)?.affiliation).toBe('organisation')
		// Renamed without saying, a seat keeps its mark; said again, it changes.
		const renamed = await json<WorkshopState>(await call(room, facilitator, 'PUT', '/table', { seats: [{ id: ceri!.id, name: 'Ceri B' }, { id: dai!.id, name: 'Dai', affiliation: 'resident' }, { id: eli!.id, name: 'Eli' }] }))
		expect(renamed.table!.seats.map((s) => s.affiliation)).toEqual(['resident', 'resident', undefined])
		expect((await balance()).find((p) => p.id === dai!.person)?.affiliation).toBe('resident')
		expect((await call(room, facilitator, 'PUT', '/table', { seats: [{ name: 'A', affiliation: 'mayor' }, { name: 'B' }] })).status).toBe(400)
	})
})

describe('equalities monitoring', () => {
	it('is anonymous, answered once, and shown only as totals with counts under five suppressed', async () => {
		const room = await createRoom(server.url)
		const facilitator = await joinAs(server.url, room, 'facilitator', 'Ffion')
		const people = await Promise.all(Array.from({ length: 6 }, (_, i) => joinAs(server.url, room, 'participant', `P${i}`)))
		for (const [i, session] of people.entries()) {
			const answers = { welsh: i < 5 ? 'fluent' : 'learning', age: '25-34' }
			expect((await call(room, session, 'POST', '/monitoring', { answers })).status).toBe(204)
		}
		const totals = await json<MonitoringTotals>(await call(room, facilitator, 'GET', '/monitoring'))
		expect(totals.responses).toBe(6)
		expect(totals.questions.welsh).toMatchObject({ fluent: 5, learning: null, none: 0 })
		expect(totals.questions.age['25-34']).toBe(6)
		expect((await call(room, people[0]!, 'POST', '/monitoring', { answers: {} })).status).toBe(409)
		expect((await call(room, people[0]!, 'GET', '/monitoring')).status).toBe(403)
		expect((await call(room, facilitator, 'POST', '/monitoring', { answers: {} })).status).toBe(403)
		expect((await call(room, people[1]!, 'POST', '/monitoring', { answers: { welsh: 'very' } })).status).toBe(400)
		expect((await call(room, people[1]!, 'POST', '/monitoring', { answers: { name: 'Nia' } })).status).toBe(400)
		// Nothing in the room's private document says what anyone answered.
		const secret = JSON.stringify(server.sync.retain(`${room}/private`).doc.getMap('private').toJSON())
		expect(secret).not.toContain('fluent')

		const small = await createRoom(server.url)
		const f2 = await joinAs(server.url, small, 'facilitator')
		for (let i = 0; i < 3; i++) await call(small, await joinAs(server.url, small, 'participant'), 'POST', '/monitoring', { answers: { welsh: 'some' } })
		const few = await json<MonitoringTotals>(await call(small, f2, 'GET', '/monitoring'))
		expect(few.responses).toBeNull()
		expect(few.questions.welsh.some).toBeNull()
	})
})

describe('personal data', () => {
	it('one person: the facilitator exports their data and erases them; their contributions stay, anonymous', async () => {
		const room = await createRoom(server.url)
		const facilitator = await joinAs(server.url, room, 'facilitator', 'Ffion')
		const nia = await json<{ session: string }>(await join(room, { name: 'Nia', needs: ['bsl'] }), 201)
		const dai = await joinAs(server.url, room, 'participant', 'Dai')
		const id = await personOf(room, nia.session)
		const data = await json<Record<string, unknown>>(await call(room, facilitator, 'GET', `/people/${id}/data`))
		expect(data).toMatchObject({ format: 'cyd-personal-data', person: { id, name: 'Nia' }, accessNeeds: { needs: ['bsl'] } })
		expect(await json<Record<string, unknown>>(await call(room, nia.session, 'GET', '/me/data'))).toMatchObject({ person: { id, name: 'Nia' } })
		expect((await call(room, dai, 'GET', `/people/${id}/data`)).status).toBe(403)
		expect((await call(room, dai, 'DELETE', `/people/${id}/data`)).status).toBe(403)
		expect((await call(room, facilitator, 'GET', '/people/nosuch/data')).status).toBe(404)

		expect((await call(room, facilitator, 'DELETE', `/people/${id}/data`)).status).toBe(204)
		expect((await call(room, nia.session, 'GET', '/contribution')).status).toBe(403)
		const after = await json<Record<string, unknown>>(await call(room, facilitator, 'GET', `/people/${id}/data`))
		expect(after).toMatchObject({ person: { name: 'Anonymous', removed: true }, accessNeeds: null })
		expect(await json<PersonNeeds[]>(await call(room, facilitator, 'GET', '/people/needs'))).toEqual([])

		// A person erases themselves.
		const daiId = await personOf(room, dai)
		expect((await call(room, dai, 'DELETE', '/me/data')).status).toBe(204)
		expect((await call(room, dai, 'GET', '/me')).status).toBe(403)
		expect((await server.workshops.links.person(room, daiId))?.name).toBe('Anonymous')
	})

	it("the retention period ends by the server's clock: names, needs, sessions and monitoring are erased, the work stays", async () => {
		const room = await createRoom(server.url)
		const facilitator = await joinAs(server.url, room, 'facilitator', 'Ffion')
		const nia = await json<{ session: string }>(await join(room, { name: 'Nia', needs: ['hearing-loop'] }), 201)
		expect((await call(room, nia.session, 'PUT', '/privacy', { retentionDays: 7 })).status).toBe(403)
		expect((await call(room, facilitator, 'PUT', '/privacy', { retentionDays: 0 })).status).toBe(400)
		const set = await json<PrivacySettings>(await call(room, facilitator, 'PUT', '/privacy', { retentionDays: 7 }))
		expect(set.retentionDays).toBe(7)
		await call(room, nia.session, 'POST', '/monitoring', { answers: { welsh: 'fluent' } })
		clients.push(...(await writeCanvas(server.url, room, canvasSchema().serialize(), [])))
		const writer = connectClient(server.url, room, new Y.Doc(), nia.session)
		const probe = connectClient(server.url, room, new Y.Doc(), linkToken(room, 'observer'))
		clients.push(writer, probe)
		await Promise.all([synced(writer), synced(probe)])
		putRecords(writer.doc, [noteRecord('shape:kept', 'A bench at the stop', { authorId: '', authorName: '' })])
		await until(probe.doc, () => getRecordsMap(probe.doc).has('shape:kept'))
		const niaId = await personOf(room, nia.session)
		// The server credits the note to Nia by name; the facilitator agrees it and saves a version.
		const metaOf = () => (getRecordsMap(probe.doc).get('shape:kept')!.get('meta') as Y.Map<unknown>).toJSON()
		await until(probe.doc, () => metaOf().authorName === 'Nia')
		expect((await call(room, facilitator, 'POST', '/decisions', { item: 'shape:kept', status: 'agreed' })).status).toBe(201)
		expect((await call(room, facilitator, 'POST', '/versions', { name: 'After lunch' })).status).toBeLessThan(300)

		// A day before the end nothing happens; at the end the room's personal data goes.
		expect(await server.workshops.privacy.sweep(set.purgeAt - DAY)).not.toContain(room)
		expect((await call(room, nia.session, 'GET', '/me')).status).toBe(200)
		expect(await server.workshops.privacy.sweep(set.purgeAt + 1)).toContain(room)
		expect((await call(room, nia.session, 'GET', '/me')).status).toBe(401)
		expect((await call(room, facilitator, 'GET', '/me')).status).toBe(401)
		expect((await join(room, { name: 'Late' })).status).toBe(401)
		const people = await server.workshops.links.people(room)
		expect(people.map((p) => p.name)).toEqual(people.map(() => 'Anonymous'))
		const secret = JSON.stringify(server.sync.retain(`${room}/private`).doc.getMap('private').toJSON())
		expect(secret).not.toContain('Nia')
		expect(secret).not.toContain('hearing-loop')
		expect(secret).not.toContain('device:')
		const workshop = JSON.stringify(server.sync.retain(`${room}/workshop`).doc.getMap('workshop').toJSON())
		expect(workshop).not.toContain('Nia')
		// Nor the facilitator's name on the decision and the version, nor Nia's on her note, here or in the version.
		expect(workshop).not.toContain('Ffion')
		expect(workshop).toContain('After lunch')
		// (Every session has ended, so the board is read on the server.)
		const board = await server.sync.retain(room).ready
		expect((getRecordsMap(board).get('shape:kept')!.get('meta') as Y.Map<unknown>).toJSON()).toMatchObject({ authorId: niaId, authorName: 'Anonymous' })
		const [version] = parseWorkshop(server.sync.retain(`${room}/workshop`).doc.getMap('workshop').toJSON()).versions
		const saved = await server.sync.retain(`${room}/version/${version!.id}`).ready
		const savedNote = (getRecordsMap(saved).get('shape:kept')!.get('meta') as Y.Map<unknown>).toJSON()
		expect(savedNote).toMatchObject({ authorId: niaId, authorName: 'Anonymous' })
		expect(JSON.stringify(server.sync.retain(`${room}/monitoring`).doc.getMap('answers').toJSON())).toBe('{}')
		// The board and who made what stay, under an id that names nobody.
		expect(getRecordsMap(probe.doc).has('shape:kept')).toBe(true)
		const design = await server.workshops.attendance.contributors(room)
		expect(design.find((c) => c.id === niaId)).toMatchObject({ name: 'Anonymous', notesMade: 1 })
		// The steward's link still works, to follow the actions up.
		expect((await fetch(`${server.url}/api/rooms/${room}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: linkToken(room, 'steward'), name: 'Steward' }) })).status).toBe(201)
		// Swept once: not again.
		expect(await server.workshops.privacy.sweep(set.purgeAt + 2 * DAY)).not.toContain(room)
	})

	it('the privacy notice is a page in English and Welsh', async () => {
		const en = await (await fetch(`${server.url}/privacy`)).text()
		expect(en).toContain('Privacy notice')
		expect(en).toContain('Who to ask')
		const cy = await (await fetch(`${server.url}/privacy?lang=cy`)).text()
		expect(cy).toContain('Hysbysiad preifatrwydd')
		expect(cy).toContain('lang="cy"')
	})
})
