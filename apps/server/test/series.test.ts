/**
 * A series of sessions against a real server: linking a room to the one before it (only with that
 * room's facilitator link), starting the new board from the last session's design (every kind of item
 * rebuilt and extracted the same, with decisions, outcomes and actions) or from a published design (only
 * what was agreed), and comparing two sessions: added, changed, agreed, dropped.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordsMap } from '@cyd/tldraw-yjs'
import { boardOfDesign, canvasSchema } from '@cyd/model/schema'
import type { ServiceDesign, SeriesInfo, SessionDiff } from '@cyd/model'
import { sampleDesign } from '../../../packages/model/src/test-support/design.js'
import { page } from '../../../packages/model/src/test-support/records.js'
import { callApi, connectClient, createRoom, joinAs, linkToken, serverForFile, synced, until, writeCanvas, type TestServer } from './helpers.js'

let server: TestServer
const clients = serverForFile((started) => (server = started))

const api = (room: string, session: string | null, method: string, path: string, body?: unknown) => callApi(server.url, room, session, method, path, body)
const json = async <T>(response: Response | Promise<Response>, status?: number): Promise<T> => {
	const r = await response
	const body = (await r.json()) as T
	if (status !== undefined) expect(r.status, JSON.stringify(body)).toBe(status)
	return body
}
const joinLink = (room: string, role: 'facilitator' | 'participant' = 'facilitator') => `${server.url}/r/${room}#join=${linkToken(room, role)}`

/** A room whose board holds the sample design, with two items agreed, an outcome and an action on one. */
async function firstSession() {
	const room = await createRoom(server.url, 'Repairs, session 1')
	const facilitator = await joinAs(server.url, room, 'facilitator', 'Fran')
	clients.push(...(await writeCanvas(server.url, room, canvasSchema().serialize(), [page(), ...boardOfDesign(sampleDesign())])))
	await json(api(room, facilitator, 'POST', '/decisions', { item: 'shape:c4', status: 'agreed' }), 201)
	await json(api(room, facilitator, 'POST', '/decisions', { item: 'shape:st1', status: 'agreed' }), 201)
	await json(api(room, facilitator, 'POST', '/decisions', { item: 'shape:c2', status: 'parked' }), 201)
	const outcome = await json<{ id: string }>(api(room, facilitator, 'POST', '/outcomes', { title: 'Tenants know when', indicators: [{ text: 'Texts sent', measure: 'count' }] }), 201)
	await json(api(room, facilitator, 'POST', '/actions', { item: 'shape:c4', text: 'Trial texts in one area', owner: { kind: 'group', name: 'Repairs team' }, outcome: outcome.id }), 201)
	return { room, facilitator }
}

async function secondSession(first: string) {
	const room = await createRoom(server.url, 'Repairs, session 2')
	const facilitator = await joinAs(server.url, room, 'facilitator', 'Fran')
	await json(api(room, facilitator, 'POST', '/series', { previous: joinLink(first) }), 201)
	return { room, facilitator }
}

const canvasOnly = (d: ServiceDesign) => ({ journeys: d.journeys, stakeholders: d.stakeholders, assets: d.assets, relationships: d.relationships, words: d.contributions.map((c) => [c.id, c.kind, c.text]).sort() })

describe('a series of sessions', () => {
	it('links a session to the one before it only with that session’s facilitator link', async () => {
		const a = await firstSession()
		const b = await createRoom(server.url, 'Repairs, session 2')
		const fb = await joinAs(server.url, b, 'facilitator')
		const participant = await joinAs(server.url, b, 'participant')
		const cases: Array<[string | null, unknown, number, RegExp]> = [
			[participant, { previous: joinLink(a.room) }, 403, /only facilitator/],
			[fb, { previous: joinLink(a.room, 'participant') }, 403, /only the earlier session's facilitator link/],
			[fb, { previous: 'https://example.org/nothing' }, 400, /previous: the earlier session's facilitator link/],
			[fb, { previous: `${server.url}/r/${a.room}#join=${linkToken(b, 'facilitator')}` }, 403, /does not open the earlier session/],
			[fb, { previous: joinLink(b) }, 400, /cannot follow itself/],
			[fb, { previous: `${server.url}/r/nosuchroom1#join=x.y` }, 404, /no such room/],
			[fb, {}, 400, /previous/],
		]
		for (const [session, body, status, error] of cases) {
			const response = await api(b, session, 'POST', '/series', body)
			expect(response.status, JSON.stringify(body)).toBe(status)
			expect(((await response.json()) as { error: string }).error).toMatch(error)
		}
		const info = await json<SeriesInfo>(api(b, fb, 'POST', '/series', { previous: joinLink(a.room) }), 201)
		expect(info.sessions.map((s) => [s.id, s.title, s.previous])).toEqual([
			[a.room, 'Repairs, session 1', null],
			[b, 'Repairs, session 2', a.room],
		])
		expect((await api(b, fb, 'POST', '/series', { previous: joinLink(a.room) })).status).toBe(409)
		// No loops: the first session cannot follow the second.
		const loop = await api(a.room, a.facilitator, 'POST', '/series', { previous: joinLink(b) })
		expect(loop.status).toBe(409)
		expect(((await loop.json()) as { error: string }).error).toMatch(/already comes after this one/)
		// Both rooms see the same series.
		expect((await json<SeriesInfo>(api(a.room, a.facilitator, 'GET', '/series'), 200)).sessions.map((s) => s.id)).toEqual([a.room, b])
	})

	it("starts the next session from the last one's design: every item rebuilt and extracted the same", async () => {
		const a = await firstSession()
		const b = await secondSession(a.room)
		// Someone already in the new room sees the board arrive.
		const watcher = connectClient(server.url, b.room, new Y.Doc(), linkToken(b.room, 'observer'))
		clients.push(watcher)
		await synced(watcher)
		const started = await json<{ from: { id: string; title: string } }>(api(b.room, b.facilitator, 'POST', '/series/start', { from: 'previous' }), 201)
		expect(started.from).toEqual({ id: a.room, title: 'Repairs, session 1' })
		await until(watcher.doc, () => getRecordsMap(watcher.doc).has('shape:bp1') && getRecordsMap(watcher.doc).has('shape:r2'))

		const before = await json<ServiceDesign>(api(a.room, a.facilitator, 'GET', '/design'), 200)
		const after = await json<ServiceDesign>(api(b.room, b.facilitator, 'GET', '/design'), 200)
		expect(canvasOnly(after)).toEqual(canvasOnly(before))
		// What the first board held (its authors are the people the server saw write it).
		expect(after.journeys.flatMap((j) => j.cards.map((c) => c.text))).toEqual(sampleDesign().journeys.flatMap((j) => j.cards.map((c) => c.text)))
		expect(after.relationships).toEqual(sampleDesign().relationships)
		expect(after.decisions.map((d) => [d.item, d.status]).sort()).toEqual([
			['shape:c2', 'parked'],
			['shape:c4', 'agreed'],
			['shape:st1', 'agreed'],
		])
		expect(after.outcomes).toEqual(before.outcomes)
		expect(after.actions).toEqual(before.actions)
		expect((await json<SeriesInfo>(api(b.room, b.facilitator, 'GET', '/series'), 200)).startedFrom).toEqual({ room: a.room, title: 'Repairs, session 1' })

		// Only on an empty board, only with a previous session, one source at a time.
		expect((await api(b.room, b.facilitator, 'POST', '/series/start', { from: 'previous' })).status).toBe(409)
		const alone = await createRoom(server.url)
		const fa = await joinAs(server.url, alone, 'facilitator')
		const none = await api(alone, fa, 'POST', '/series/start', { from: 'previous' })
		expect(none.status).toBe(409)
		expect(((await none.json()) as { error: string }).error).toMatch(/link it to the earlier session first/)
		const both = await api(alone, fa, 'POST', '/series/start', { from: 'previous', published: 'x' })
		expect(both.status).toBe(400)
		expect(((await both.json()) as { error: string }).error).toMatch(/either from: "previous", published: a public page.s link, or gallery: a room of the gallery/)
		const participant = await joinAs(server.url, b.room, 'participant')
		expect((await api(b.room, participant, 'POST', '/series/start', { from: 'previous' })).status).toBe(403)
	})

	it('starts a room from a published design: only what was agreed, and only while it is published', async () => {
		const a = await firstSession()
		const other = await createRoom(server.url, 'Another council')
		const fo = await joinAs(server.url, other, 'facilitator')
		const notYet = await api(other, fo, 'POST', '/series/start', { published: `${server.url}/p/${a.room}/abcdefghijklmnop` })
		expect(notYet.status).toBe(404)
		expect(((await notYet.json()) as { error: string }).error).toMatch(/no design is published/)
		expect((await api(other, fo, 'POST', '/series/start', { published: joinLink(a.room) })).status).toBe(400)
		const { url } = await json<{ url: string }>(api(a.room, a.facilitator, 'POST', '/publish'), 201)
		await json(api(other, fo, 'POST', '/series/start', { published: url }), 201)
		const copied = await json<ServiceDesign>(api(other, fo, 'GET', '/design'), 200)
		expect(copied.journeys.flatMap((j) => j.cards.map((c) => c.id))).toEqual(['shape:c4'])
		expect(copied.stakeholders.map((s) => s.id)).toEqual(['shape:st1'])
		expect(copied.assets).toEqual([])
	})

	it('compares two sessions of the series: added, changed, agreed and dropped', async () => {
		const a = await firstSession()
		const b = await secondSession(a.room)
		await json(api(b.room, b.facilitator, 'POST', '/series/start', { from: 'previous' }), 201)
		const design = sampleDesign()
		const records = boardOfDesign(design)
		const c1 = records.find((r) => r.id === 'shape:c1')!
		const added = { ...c1, id: 'shape:c9', index: 'a0V', props: { ...(c1.props as object), text: 'Book a time online', order: 5 } }
		clients.push(...(await writeCanvas(server.url, b.room, canvasSchema().serialize(), [{ ...c1, props: { ...(c1.props as object), text: 'Phones or emails the council' } }, added], ['shape:c3'])))
		await json(api(b.room, b.facilitator, 'POST', '/decisions', { item: 'shape:c1', status: 'agreed' }), 201)
		await json(api(b.room, b.facilitator, 'POST', '/decisions', { item: 'shape:c4', status: 'agreed' }), 201)

		const diff = await json<SessionDiff>(api(b.room, b.facilitator, 'GET', `/series/compare?from=${a.room}&to=${b.room}`), 200)
		expect(diff.added).toEqual([{ kind: 'card', id: 'shape:c9', text: 'Book a time online', fields: [] }])
		expect(diff.changed).toEqual([{ kind: 'card', id: 'shape:c1', text: 'Phones or emails the council', fields: ['text'] }])
		expect(diff.dropped).toEqual([{ kind: 'card', id: 'shape:c3', text: 'Who decides what is urgent?', fields: [] }])
		// c4 was agreed already in the first session: only c1 is newly agreed.
		expect(diff.agreed).toEqual([{ kind: 'card', id: 'shape:c1', text: 'Phones or emails the council', fields: [] }])
		// The same from the first session's side; a room outside the series is refused.
		expect(await json<SessionDiff>(api(a.room, a.facilitator, 'GET', `/series/compare?from=${a.room}&to=${b.room}`), 200)).toEqual(diff)
		const stranger = await createRoom(server.url)
		const refused = await api(b.room, b.facilitator, 'GET', `/series/compare?from=${stranger}&to=${b.room}`)
		expect(refused.status).toBe(404)
		expect(((await refused.json()) as { error: string }).error).toMatch(/from: not a session of this series/)
		expect((await api(b.room, b.facilitator, 'GET', `/series/compare?from=${a.room}`)).status).toBe(400)
	})

	it("imports a design file (Cyd's JSON export) into an empty room, and refuses a bad file with the field named, writing nothing", async () => {
		const a = await firstSession()
		const exported = await api(a.room, a.facilitator, 'GET', '/export?format=json')
		expect(exported.status).toBe(200)
		const file = (await exported.json()) as ServiceDesign
		const room = await createRoom(server.url, 'Another council')
		const facilitator = await joinAs(server.url, room, 'facilitator')
		const post = (body: string) => fetch(`${server.url}/api/rooms/${room}/series/import`, { method: 'POST', headers: { authorization: `Bearer ${facilitator}`, 'content-type': 'application/json' }, body })
		const bad: Array<[string, number, RegExp]> = [
			['not json', 400, /design: the file is not JSON/],
			[JSON.stringify({ format: 'cyd-journey-template' }), 400, /not a Cyd design file/],
			[JSON.stringify({ ...file, journeys: [{ ...file.journeys[0], cards: [{ ...file.journeys[0]!.cards[0], kind: 'wish' }] }] }), 400, /design\.journeys\.0\.cards\.0\.kind: must be equal to one of the allowed values/],
			[JSON.stringify({ ...file, stakeholders: [{ ...file.stakeholders[0], influence: 7 }] }), 400, /design\.stakeholders\.0\.influence/],
			[JSON.stringify({ ...file, journeys: [{ ...file.journeys[0], id: 'blueprint-1' }] }), 400, /design: blueprint-1 cannot be put on a board/],
			[JSON.stringify({ ...file, assets: [{ ...file.assets[0], id: 'shape:c1' }] }), 400, /design: the id shape:c1 is used by two items/],
			[JSON.stringify({ ...file, title: undefined }), 400, /design\.\(the whole file\): must have required property 'title'/],
		]
		for (const [body, status, error] of bad) {
			const response = await post(body)
			expect(response.status, body.slice(0, 80)).toBe(status)
			expect(((await response.json()) as { error: string }).error).toMatch(error)
		}
		// Nothing of a refused file was written.
		const empty = await json<ServiceDesign>(api(room, facilitator, 'GET', '/design'), 200)
		expect([empty.journeys, empty.stakeholders, empty.decisions, empty.outcomes]).toEqual([[], [], [], []])
		const participant = await joinAs(server.url, room, 'participant')
		expect((await fetch(`${server.url}/api/rooms/${room}/series/import`, { method: 'POST', headers: { authorization: `Bearer ${participant}` }, body: JSON.stringify(file) })).status).toBe(403)

		const imported = await post(JSON.stringify(file))
		expect(imported.status).toBe(201)
		expect(await imported.json()).toEqual({ title: 'Repairs, session 1' })
		const after = await json<ServiceDesign>(api(room, facilitator, 'GET', '/design'), 200)
		expect(canvasOnly(after)).toEqual(canvasOnly(file))
		expect(after.outcomes).toEqual(file.outcomes)
		expect((await json<SeriesInfo>(api(room, facilitator, 'GET', '/series'), 200)).startedFrom).toEqual({ room: null, title: 'Repairs, session 1' })
		expect((await post(JSON.stringify(file))).status).toBe(409)

		// A file written before the design had contributions, commitments, a map and the community's rounds
		// still imports, with none of them; those parts are checked when they are there.
		const { contributions: _c, outcomes: _o, actions: _a, map: _m, budgets: _b, ratifications: _r, ...older } = file
		const olderRoom = await createRoom(server.url, 'An older file')
		const olderFacilitator = await joinAs(server.url, olderRoom, 'facilitator')
		const postOlder = (body: unknown) => fetch(`${server.url}/api/rooms/${olderRoom}/series/import`, { method: 'POST', headers: { authorization: `Bearer ${olderFacilitator}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
		const refusedBudgets = await postOlder({ ...older, budgets: 'none' })
		expect(refusedBudgets.status).toBe(400)
		expect(((await refusedBudgets.json()) as { error: string }).error).toMatch(/design\.budgets: must be array/)
		expect((await postOlder(older)).status).toBe(201)
		const fromOlder = await json<ServiceDesign>(api(olderRoom, olderFacilitator, 'GET', '/design'), 200)
		expect(canvasOnly({ ...fromOlder, contributions: [] })).toEqual(canvasOnly({ ...file, contributions: [] }))
		expect([fromOlder.outcomes, fromOlder.budgets, fromOlder.ratifications]).toEqual([[], [], []])
	})

	it('shares a design to the gallery, finds it by title or topic, and copies its agreed part into another organisation’s room', async () => {
		const a = await firstSession()
		const participant = await joinAs(server.url, a.room, 'participant')
		expect((await api(a.room, participant, 'POST', '/gallery', { topic: 'Housing repairs' })).status).toBe(403)
		const empty = await api(a.room, a.facilitator, 'POST', '/gallery', { topic: '  ' })
		expect(empty.status).toBe(400)
		expect(((await empty.json()) as { error: string }).error).toMatch(/topic: 1 to 80 characters/)
		expect(await json(api(a.room, a.facilitator, 'GET', '/gallery'), 200)).toBeNull()
		const shared = await json<{ room: string; title: string; topic: string }>(api(a.room, a.facilitator, 'POST', '/gallery', { topic: 'Housing repairs, damp' }), 201)
		expect(shared).toMatchObject({ room: a.room, title: 'Repairs, session 1', topic: 'Housing repairs, damp' })
		const search = async (q: string) => ((await (await fetch(`${server.url}/api/gallery?q=${encodeURIComponent(q)}`)).json()) as Array<{ room: string }>).map((e) => e.room)
		expect(await search('DAMP')).toContain(a.room)
		expect(await search('session 1 housing')).toContain(a.room)
		expect(await search('bus stops')).not.toContain(a.room)

		const other = await createRoom(server.url, 'Another council')
		const fo = await joinAs(server.url, other, 'facilitator')
		await json(api(other, fo, 'POST', '/series/start', { gallery: a.room }), 201)
		const copied = await json<ServiceDesign>(api(other, fo, 'GET', '/design'), 200)
		expect(copied.journeys.flatMap((j) => j.cards.map((c) => c.id))).toEqual(['shape:c4'])
		expect(copied.stakeholders.map((s) => s.id)).toEqual(['shape:st1'])
		// Nobody of the first organisation is named in the other's room.
		const named = JSON.stringify(copied)
		for (const name of ['Fran', 'Ann', 'Bob']) expect(named).not.toContain(`"${name}"`)

		expect((await api(a.room, a.facilitator, 'DELETE', '/gallery')).status).toBe(204)
		expect(await search('damp')).not.toContain(a.room)
		const third = await createRoom(server.url)
		const ft = await joinAs(server.url, third, 'facilitator')
		const gone = await api(third, ft, 'POST', '/series/start', { gallery: a.room })
		expect(gone.status).toBe(404)
		expect(((await gone.json()) as { error: string }).error).toMatch(/no such design in the gallery/)
	})

	it('saves a workshop template (agenda and design) and imports it into an empty room; a bad template is refused with the field named', async () => {
		const a = await firstSession()
		await json(api(a.room, a.facilitator, 'PUT', '/agenda', { items: [{ title: 'What we heard', kind: 'evidence', minutes: 15 }, { title: 'What next', kind: 'voting', minutes: 10 }] }), 200)
		const template = await json<{ format: string; version: number; agenda: unknown[]; design: ServiceDesign }>(api(a.room, a.facilitator, 'GET', '/series/template'), 200)
		expect(template.format).toBe('cyd-workshop-template')
		// Made to be shared with other organisations: it names nobody (Fran made the decisions and the action).
		expect(template.design.decisions.length).toBeGreaterThan(0)
		expect(JSON.stringify(template)).not.toContain('Fran')
		const room = await createRoom(server.url, 'Next year')
		const facilitator = await joinAs(server.url, room, 'facilitator')
		const post = (body: unknown) => fetch(`${server.url}/api/rooms/${room}/series/import`, { method: 'POST', headers: { authorization: `Bearer ${facilitator}` }, body: JSON.stringify(body) })
		const bad: Array<[unknown, RegExp]> = [
			[{ ...template, version: 2 }, /template.version: this Cyd reads version 1/],
			[{ ...template, agenda: [{ title: 'x', kind: 'party', minutes: 5 }] }, /template.agenda.0.kind/],
			[{ ...template, agenda: [{ title: 'x', kind: 'evidence', minutes: 0 }] }, /template.agenda.0.minutes: minutes must be between 0 and/],
			[{ ...template, agenda: 'none' }, /template.agenda: items must be a list/],
			[{ ...template, design: { ...template.design, relationships: [{ id: 'shape:r1' }] } }, /template.design.relationships.0: must have required property/],
		]
		for (const [body, error] of bad) {
			const response = await post(body)
			expect(response.status).toBe(400)
			expect(((await response.json()) as { error: string }).error).toMatch(error)
		}
		const before = await json<ServiceDesign>(api(room, facilitator, 'GET', '/design'), 200)
		expect(before.journeys).toEqual([])
		expect((await post(template)).status).toBe(201)
		const after = await json<ServiceDesign>(api(room, facilitator, 'GET', '/design'), 200)
		expect(canvasOnly(after)).toEqual(canvasOnly(template.design))
		const exported = await json<{ agenda: Array<{ title: string; kind: string; minutes: number }> }>(api(room, facilitator, 'GET', '/series/template'), 200)
		expect(exported.agenda).toEqual([
			{ title: 'What we heard', kind: 'evidence', minutes: 15 },
			{ title: 'What next', kind: 'voting', minutes: 10 },
		])
	})

	it('a workshop template carries the kinds of card its rooms offer (an appraisal: achievement and what works); bad kinds are refused with the field named, nothing imported', async () => {
		type Template = { cardKinds: string[]; agenda: unknown[]; design: ServiceDesign }
		const a = await firstSession()
		// A room offers every kind of card until its template or its facilitator chooses.
		expect((await json<Template>(api(a.room, a.facilitator, 'GET', '/series/template'), 200)).cardKinds).toEqual(['action', 'touchpoint', 'pain', 'opportunity', 'idea', 'question', 'evidence', 'achievement', 'works'])
		const participant = await joinAs(server.url, a.room, 'participant')
		const appraisal = ['pain', 'achievement', 'works', 'opportunity', 'question', 'evidence']
		expect((await api(a.room, participant, 'PUT', '/card-kinds', { kinds: appraisal })).status).toBe(403)
		for (const [kinds, error] of [
			[[], /kinds: at least one card kind/],
			[['pain', 'party'], /kinds.1: expected a card kind/],
			[['pain', 'pain'], /kinds.1: pain is listed twice/],
			['pain', /kinds: expected an array of card kinds/],
		] as const) {
			const r = await api(a.room, a.facilitator, 'PUT', '/card-kinds', { kinds })
			expect(r.status).toBe(400)
			expect(((await r.json()) as { error: string }).error).toMatch(error)
		}
		expect((await json<{ cardKinds: string[] }>(api(a.room, a.facilitator, 'PUT', '/card-kinds', { kinds: appraisal }), 200)).cardKinds).toEqual(appraisal)
		await json(api(a.room, a.facilitator, 'PUT', '/agenda', { items: [{ title: 'Needs and achievements', kind: 'evidence', minutes: 30 }] }), 200)
		const template = await json<Template>(api(a.room, a.facilitator, 'GET', '/series/template'), 200)
		expect(template.cardKinds).toEqual(appraisal)

		const room = await createRoom(server.url, 'Appraisal, next year')
		const facilitator = await joinAs(server.url, room, 'facilitator')
		const post = (body: unknown) => fetch(`${server.url}/api/rooms/${room}/series/import`, { method: 'POST', headers: { authorization: `Bearer ${facilitator}` }, body: JSON.stringify(body) })
		const bad: Array<[unknown, RegExp]> = [
			[{ ...template, cardKinds: ['achievement', 'wins'] }, /template.cardKinds.1: expected a card kind \(action, .*works\), got "wins"/],
			[{ ...template, cardKinds: [] }, /template.cardKinds: at least one card kind/],
			[{ ...template, cardKinds: 'achievement' }, /template.cardKinds: expected an array of card kinds/],
			[{ ...template, cardKinds: ['works', 'works'] }, /template.cardKinds.1: works is listed twice/],
		]
		for (const [body, error] of bad) {
			const response = await post(body)
			expect(response.status).toBe(400)
			expect(((await response.json()) as { error: string }).error).toMatch(error)
		}
		// Nothing of a refused file was written: no board, no agenda, every kind still offered.
		const untouched = await json<Template>(api(room, facilitator, 'GET', '/series/template'), 200)
		expect(untouched.design.journeys).toEqual([])
		expect(untouched.agenda).toEqual([])
		expect(untouched.cardKinds).toHaveLength(9)

		expect((await post(template)).status).toBe(201)
		const imported = await json<Template>(api(room, facilitator, 'GET', '/series/template'), 200)
		expect(imported.cardKinds).toEqual(appraisal)
		expect(imported.agenda).toEqual([{ title: 'Needs and achievements', kind: 'evidence', minutes: 30 }])

		// A template saved before rooms chose their kinds (no cardKinds) leaves every kind offered.
		const older = await createRoom(server.url, 'Older template')
		const fo = await joinAs(server.url, older, 'facilitator')
		const { cardKinds: _none, ...withoutKinds } = template
		const r = await fetch(`${server.url}/api/rooms/${older}/series/import`, { method: 'POST', headers: { authorization: `Bearer ${fo}` }, body: JSON.stringify(withoutKinds) })
		expect(r.status).toBe(201)
		expect((await json<Template>(api(older, fo, 'GET', '/series/template'), 200)).cardKinds).toHaveLength(9)
	})
})
