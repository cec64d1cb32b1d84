/**
 * After the decision: outcomes and indicators set with the room, actions on agreed items, dated updates
 * by the facilitator or the steward, visitors' replies on the public page, its Atom feed, and all of it
 * working after the workshop's links have expired. Each refusal is a clear error and stores nothing.
 */
import { afterAll, describe, expect, it } from 'vitest'
import pino from 'pino'
import { canvasSchema } from '@cyd/model/schema'
import type { Action, ActionUpdate, DesignDiff, Outcome, ServiceDesign, VersionInfo } from '@cyd/model'
import { loadConfig, startServer, type RunningServer } from '../src/index.js'
import { callApi, createRoom, joinAs, serverForFile, tempDataDir, writeCanvas, TEST_SECRET, type Client, type TestServer } from './helpers.js'

let server: TestServer
const clients = serverForFile((started) => (server = started), { CYD_SECRET: TEST_SECRET, REPLIES_PER_IP_PER_HOUR: '1000' })

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
const stakeholder = { ...base, id: 'shape:team', type: 'cyd-stakeholder', props: { w: 200, h: 100, name: 'Repairs team', kind: 'public', influence: 0.5, interest: 0.5, manual: false, notes: '', ...who } }

/** A room with two cards and a stakeholder; the first card agreed, the second rejected with a reason; everyone joined. */
async function agreedRoom(at: { url: string } = server, keep: Client[] = clients) {
	const call = (session: string | null, method: string, path: string, body?: unknown) => callApi(at.url, room, session, method, path, body)
	const room = await createRoom(at.url)
	keep.push(...(await writeCanvas(at.url, room, canvasSchema().serialize(), [blueprint, card('shape:a', 'Text the day before the visit'), card('shape:b', 'Close the phone line'), stakeholder])))
	const facilitator = await joinAs(at.url, room, 'facilitator', 'Ffion')
	const participant = await joinAs(at.url, room, 'participant', 'Dai', 'resident')
	const other = await joinAs(at.url, room, 'participant', 'Eira', 'resident')
	const observer = await joinAs(at.url, room, 'observer', 'Olwen')
	const links = (await (await call(facilitator, 'GET', '/links')).json()) as Record<string, string>
	const stewardLink = links.steward!.split('#join=')[1]!
	const joined = await fetch(`${at.url}/api/rooms/${room}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: stewardLink, name: 'Siân (repairs manager)', device: 'steward-device-0001' }) })
	expect(joined.status).toBe(201)
	const steward = ((await joined.json()) as { session: string }).session
	expect((await call(facilitator, 'POST', '/decisions', { item: 'shape:a', status: 'agreed', note: 'Start in March' })).status).toBe(201)
	expect((await call(facilitator, 'POST', '/decisions', { item: 'shape:b', status: 'rejected', note: 'Many residents rely on it' })).status).toBe(201)
	return { room, call, facilitator, participant, other, observer, steward, stewardLink }
}

const json = async <T>(response: Response | Promise<Response>): Promise<T> => (await (await response).json()) as T
const stateOf = async (call: Awaited<ReturnType<typeof agreedRoom>>['call'], facilitator: string) => json<ServiceDesign>(call(facilitator, 'GET', '/design'))

describe('outcomes and how the group will know', () => {
	it('the facilitator sets them with the room; participants put them forward and reword only their own until agreed', async () => {
		const { call, facilitator, participant, other, observer, steward } = await agreedRoom()
		const set = await call(facilitator, 'POST', '/outcomes', { title: 'Fewer missed visits', indicators: [{ text: 'Missed visits a month', measure: 'under 5 by June' }] })
		expect(set.status).toBe(201)
		const outcome = await json<Outcome>(set)
		expect(outcome).toMatchObject({ title: 'Fewer missed visits', status: 'agreed', by: { name: 'Ffion' }, indicators: [{ text: 'Missed visits a month', measure: 'under 5 by June', status: 'agreed' }] })

		const proposed = await json<Outcome>(call(participant, 'POST', '/outcomes', { title: '  People know when someone will come  ' }))
		expect(proposed).toMatchObject({ title: 'People know when someone will come', status: 'proposed', by: { name: 'Dai' } })
		const indicator = await call(participant, 'POST', `/outcomes/${outcome.id}/indicators`, { text: 'Complaints about visits' })
		expect(indicator.status).toBe(201)
		expect(await indicator.json()).toMatchObject({ status: 'proposed', measure: '' })

		// Refusals, each clear, none stored.
		const before = await stateOf(call, facilitator)
		const refusals: Array<[string | null, string, string, unknown, number, RegExp]> = [
			[observer, 'POST', '/outcomes', { title: 'x' }, 403, /only facilitator or participant or expert/],
			[steward, 'POST', '/outcomes', { title: 'x' }, 403, /only facilitator or participant or expert/],
			[null, 'POST', '/outcomes', { title: 'x' }, 401, /token/],
			[participant, 'POST', '/outcomes', { title: '   ' }, 400, /title must be 1 to 300 characters/],
			[participant, 'POST', '/outcomes', { title: 'x'.repeat(301) }, 400, /title must be 1 to 300 characters/],
			[participant, 'POST', '/outcomes', { title: 5 }, 400, /title must be text/],
			[participant, 'POST', '/outcomes/nosuch/indicators', { text: 'x' }, 404, /no such outcome/],
			[participant, 'PATCH', `/outcomes/${proposed.id}`, { status: 'agreed' }, 403, /only the facilitator agrees/],
			[other, 'PATCH', `/outcomes/${proposed.id}`, { title: 'Mine now' }, 403, /only what you put forward/],
			[participant, 'PATCH', `/outcomes/${outcome.id}`, { title: 'Changed' }, 403, /only what you put forward/],
			[other, 'DELETE', `/outcomes/${proposed.id}`, undefined, 403, /only what you put forward/],
			[facilitator, 'PATCH', `/outcomes/${outcome.id}`, { status: 'maybe' }, 400, /status: one of proposed, agreed/],
			[facilitator, 'PATCH', '/outcomes/../x', { title: 'x' }, 404, /no such/],
		]
		for (const [session, method, path, body, status, error] of refusals) {
			const answer = await call(session, method, path, body)
			expect(answer.status, `${method} ${path}`).toBe(status)
			expect(((await answer.json()) as { error: string }).error).toMatch(error)
		}
		expect((await stateOf(call, facilitator)).outcomes).toEqual(before.outcomes)

		// The proposer rewords their own; the facilitator agrees it; then it is the facilitator's.
		expect(await json(call(participant, 'PATCH', `/outcomes/${proposed.id}`, { title: 'People know when the surveyor will come' }))).toMatchObject({ status: 'proposed' })
		expect(await json(call(facilitator, 'PATCH', `/outcomes/${proposed.id}`, { status: 'agreed' }))).toMatchObject({ title: 'People know when the surveyor will come', status: 'agreed' })
		expect((await call(participant, 'PATCH', `/outcomes/${proposed.id}`, { title: 'Again' })).status).toBe(403)
		const design = await stateOf(call, facilitator)
		expect(design.outcomes.map((o) => [o.title, o.status, o.indicators.map((i) => i.status)])).toEqual([
			['Fewer missed visits', 'agreed', ['agreed', 'proposed']],
			['People know when the surveyor will come', 'agreed', []],
		])
	})
})

describe('actions and their updates', () => {
	it('commits actions only on agreed items, with an owner from the map, a group or an agency, a due day and the outcome served', async () => {
		const { room, call, facilitator, participant, steward } = await agreedRoom()
		const outcome = await json<Outcome>(call(facilitator, 'POST', '/outcomes', { title: 'Fewer missed visits' }))
		const good = { item: 'shape:a', text: 'Send a text the day before every visit', owner: { kind: 'stakeholder', stakeholder: 'shape:team' }, due: '2025-03-31', outcome: outcome.id }

		const before = await stateOf(call, facilitator)
		const refusals: Array<[string, unknown, number, RegExp]> = [
			[participant, good, 403, /only facilitator may do this/],
			[steward, good, 403, /only facilitator may do this/],
			[facilitator, { ...good, item: 'shape:b' }, 409, /items the group has agreed/],
			[facilitator, { ...good, item: 'shape:nothing' }, 404, /no such card/],
			[facilitator, { ...good, owner: { kind: 'stakeholder', stakeholder: 'shape:nobody' } }, 404, /owner: no such stakeholder/],
			[facilitator, { ...good, owner: { kind: 'agency', name: '' } }, 400, /owner.name must be 1 to 60 characters/],
			[facilitator, { ...good, owner: { kind: 'wizard', name: 'Me' } }, 400, /owner must be/],
			[facilitator, { ...good, due: '2025-02-30' }, 400, /due must be a day, YYYY-MM-DD, or null/],
			[facilitator, { ...good, due: '31/03/2025' }, 400, /due must be a day/],
			[facilitator, { ...good, status: 'dropped' }, 400, /reason: say why the action was dropped/],
			[facilitator, { ...good, status: 'someday' }, 400, /status: one of planned, in-progress, done, dropped/],
			[facilitator, { ...good, outcome: 'nosuch' }, 404, /outcome: no such outcome/],
			[facilitator, { ...good, text: 'x'.repeat(501) }, 400, /text must be 1 to 500 characters/],
		]
		for (const [session, body, status, error] of refusals) {
			const answer = await call(session, 'POST', '/actions', body)
			expect(answer.status, JSON.stringify(body)).toBe(status)
			expect(((await answer.json()) as { error: string }).error).toMatch(error)
		}
		expect((await stateOf(call, facilitator)).actions).toEqual(before.actions)

		const made = await call(facilitator, 'POST', '/actions', good)
		expect(made.status).toBe(201)
		const action = await json<Action>(made)
		expect(action).toMatchObject({ itemKind: 'card', itemText: 'Text the day before the visit', owner: { kind: 'stakeholder', name: 'Repairs team', stakeholder: 'shape:team' }, status: 'planned', reason: '', due: '2025-03-31', updates: [] })
		const group = await json<Action>(call(facilitator, 'POST', '/actions', { item: 'shape:a', text: 'Residents test the texts', owner: { kind: 'group', name: 'Tenants’ panel' } }))
		expect(group).toMatchObject({ owner: { kind: 'group', name: 'Tenants’ panel', stakeholder: null }, due: null, outcome: null })
		expect(await json(call(facilitator, 'PATCH', `/actions/${group.id}`, { due: '2025-05-01', owner: { kind: 'agency', name: 'Council contact centre' } }))).toMatchObject({ due: '2025-05-01', owner: { kind: 'agency', name: 'Council contact centre' }, text: 'Residents test the texts' })
		expect((await call(facilitator, 'DELETE', `/outcomes/${outcome.id}`)).status).toBe(409)

		// Updates: the facilitator or the steward; words, a status, or both; a drop says why.
		const post = (session: string, id: string, body: unknown) => call(session, 'POST', `/actions/${id}/updates`, body)
		const stored = (await stateOf(call, facilitator)).actions
		for (const [session, id, body, status, error] of [
			[participant, action.id, { text: 'Done!' }, 403, /only facilitator or steward/],
			[steward, action.id, {}, 400, /an update says what happened/],
			[steward, action.id, { status: 'dropped' }, 400, /reason: say why/],
			[steward, action.id, { text: 'x'.repeat(2001) }, 400, /at most 2000 characters/],
			[steward, 'nosuch', { text: 'Hello' }, 404, /no such action/],
			[steward, action.id, { status: 'finished' }, 400, /status: one of/],
		] as Array<[string, string, unknown, number, RegExp]>) {
			const answer = await post(session, id, body)
			expect(answer.status, JSON.stringify(body)).toBe(status)
			expect(((await answer.json()) as { error: string }).error).toMatch(error)
		}
		expect((await stateOf(call, facilitator)).actions).toEqual(stored)

		const first = await post(steward, action.id, { text: 'Supplier chosen', status: 'in-progress' })
		expect(first.status).toBe(201)
		expect(await first.json()).toMatchObject({ status: 'in-progress', role: 'steward', by: { name: 'Siân (repairs manager)' } })
		expect((await post(facilitator, group.id, { status: 'dropped', reason: 'The panel tested them already' })).status).toBe(201)
		const design = await stateOf(call, facilitator)
		expect(design.actions.map((a) => [a.text, a.status, a.reason, a.updates.map((u: ActionUpdate) => u.text)])).toEqual([
			['Send a text the day before every visit', 'in-progress', '', ['Supplier chosen']],
			['Residents test the texts', 'dropped', 'The panel tested them already', ['']],
		])

		// Every export carries them.
		const get = (query: string) => fetch(`${server.url}/api/rooms/${room}/export?${query}`, { headers: { authorization: `Bearer ${facilitator}` } })
		const exported = (await (await get('format=json&agreed=only')).json()) as ServiceDesign
		expect(exported.actions.map((a) => a.updates.length)).toEqual([1, 1])
		expect(await (await get('format=csv&table=updates')).text()).toContain('Supplier chosen')
		expect(await (await get('format=csv&table=actions')).text()).toContain('Council contact centre')
		expect(await (await get('format=md')).text()).toContain('## Outcomes and how we will know')
		expect(await (await get('format=html&language=cy')).text()).toContain('Camau gweithredu')
		expect((await get('format=pdf')).status).toBe(200)
	})

	it('the comparison of versions sees outcomes and actions, and an update as a change', async () => {
		const { call, facilitator, steward } = await agreedRoom()
		const action = await json<Action>(call(facilitator, 'POST', '/actions', { item: 'shape:a', text: 'Send texts', owner: { kind: 'agency', name: 'Contact centre' } }))
		const version = await json<VersionInfo>(call(facilitator, 'POST', '/versions', { name: 'End of the workshop' }))
		expect((await call(steward, 'POST', `/actions/${action.id}/updates`, { text: 'Live on 1 April', status: 'done' })).status).toBe(201)
		await call(facilitator, 'POST', '/outcomes', { title: 'Nobody waits at home all day' })
		const diff = await json<DesignDiff>(call(facilitator, 'GET', `/compare?from=${version.id}&to=current`))
		expect(diff.actions.changed).toEqual([{ id: action.id, text: 'Send texts', fields: ['status', 'updates'] }])
		expect(diff.outcomes.added.map((o) => o.text)).toEqual(['Nobody waits at home all day'])
		const then = await json<ServiceDesign>(call(facilitator, 'GET', `/design?version=${version.id}`))
		expect(then.actions.map((a) => [a.status, a.updates.length])).toEqual([['planned', 0]])
	})
})

describe('"you said, we did" in public', () => {
	it('shows the agreed, the rejected with its reason, the actions and their history; a feed of updates; replies only once approved', async () => {
		const { room, call, facilitator, participant, steward } = await agreedRoom()
		const action = await json<Action>(call(facilitator, 'POST', '/actions', { item: 'shape:a', text: 'Send a text the day before', owner: { kind: 'agency', name: 'Contact centre' }, due: '2025-03-31' }))
		await call(steward, 'POST', `/actions/${action.id}/updates`, { text: 'Started with <b>ten</b> streets & "more"', status: 'in-progress' })
		await call(steward, 'POST', `/actions/${action.id}/updates`, { text: 'All streets covered', status: 'done' })
		const { url } = await json<{ url: string }>(call(facilitator, 'POST', '/publish'))
		const path = new URL(url).pathname
		const page = await (await fetch(`${server.url}${path}`)).text()
		expect(page).toContain('Text the day before the visit')
		expect(page).toContain('Close the phone line')
		expect(page).toContain('Many residents rely on it')
		expect(page).toContain('You said, we did')
		expect(page).toContain('Send a text the day before')
		expect(page).toContain('Started with &lt;b&gt;ten&lt;/b&gt; streets &amp; &quot;more&quot;')
		expect(page.indexOf('All streets covered')).toBeLessThan(page.indexOf('Started with'))
		expect(page).toContain('Hours given together')
		// (Its links hold its random secret, which could spell anything: they are left out of this check.)
		for (const name of ['Ffion', 'Dai', 'Eira', 'Siân']) expect(page.replaceAll(path, '')).not.toContain(name)

		const feed = await fetch(`${server.url}${path}/feed.atom`)
		expect(feed.status).toBe(200)
		expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
		const xml = await feed.text()
		expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="en">/)
		expect(xml.match(/<entry>/g)).toHaveLength(2)
		expect(xml).toMatch(/<id>tag:127\.0\.0\.1,\d{4}-\d{2}-\d{2}:cyd\//)
		expect(xml).toContain('Started with &lt;b&gt;ten&lt;/b&gt; streets &amp; &quot;more&quot;')
		expect(xml).not.toContain('Siân')
		expect((await fetch(`${server.url}/p/${room}/wrongsecret/feed.atom`)).status).toBe(404)

		// A visitor replies through the page's form, and as JSON; nothing is public until approved.
		const form = await fetch(`${server.url}${path}/replies`, { method: 'POST', body: new URLSearchParams({ text: 'Will this reach <script>alert(1)</script> https://evil.example/x ?' }), redirect: 'manual' })
		expect(form.status).toBe(303)
		expect(form.headers.get('location')).toBe(`${path}?reply=sent#reply-form`)
		expect(await (await fetch(`${server.url}${path}?reply=sent`)).text()).toContain('Thank you: your reply has reached')
		const second = await fetch(`${server.url}${path}/replies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Thanks for listening' }) })
		expect(second.status).toBe(201)
		const stored = await json<Array<{ id: string; text: string; status: string }>>(call(steward, 'GET', '/replies'))
		const before = stored.length
		for (const [body, status, error] of [
			[{ text: '   ' }, 400, /write a reply first/],
			[{ text: 'x'.repeat(1001) }, 400, /at most 1000 characters/],
			[{ text: 'bell \u0007 here' }, 400, /plain text only/],
			[{ words: 'no text' }, 400, /write a reply first/],
		] as Array<[unknown, number, RegExp]>) {
			const answer = await fetch(`${server.url}${path}/replies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
			expect(answer.status).toBe(status)
			expect(((await answer.json()) as { error: string }).error).toMatch(error)
		}
		const refusedForm = await fetch(`${server.url}${path}/replies`, { method: 'POST', body: new URLSearchParams({ text: '' }) })
		expect(refusedForm.status).toBe(400)
		expect(await refusedForm.text()).toContain('Your reply was not sent: write a reply first.')
		expect((await fetch(`${server.url}/p/${room}/wrongsecret/replies`, { method: 'POST', body: new URLSearchParams({ text: 'hi' }) })).status).toBe(404)
		expect(await json<unknown[]>(call(facilitator, 'GET', '/replies'))).toHaveLength(before)
		expect(stored.map((r) => [r.text, r.status])).toEqual([
			['Thanks for listening', 'waiting'],
			['Will this reach <script>alert(1)</script> https://evil.example/x ?', 'waiting'],
		])
		expect(await (await fetch(`${server.url}${path}`)).text()).not.toContain('Will this reach')

		expect((await call(participant, 'GET', '/replies')).status).toBe(403)
		expect((await call(participant, 'POST', `/replies/${stored[1]!.id}`, { status: 'approved' })).status).toBe(403)
		expect((await call(steward, 'POST', '/replies/nosuch', { status: 'approved' })).status).toBe(404)
		expect((await call(steward, 'POST', `/replies/${stored[1]!.id}`, { status: 'published' })).status).toBe(400)
		expect(await json(call(steward, 'POST', `/replies/${stored[1]!.id}`, { status: 'approved' }))).toMatchObject({ status: 'approved', decidedBy: 'Siân (repairs manager)' })
		expect((await call(facilitator, 'POST', `/replies/${stored[0]!.id}`, { status: 'hidden' })).status).toBe(200)
		const after = await (await fetch(`${server.url}${path}`)).text()
		expect(after).toContain('Will this reach &lt;script&gt;alert(1)&lt;/script&gt; https://evil.example/x ?')
		expect(after).not.toContain('href="https://evil.example')
		expect(after).not.toContain('Thanks for listening')
	})

	it('limits replies per address, and stores none past the limit', async () => {
		const limited = await startServerWith({ REPLIES_PER_IP_PER_HOUR: '2' })
		const keep: Client[] = []
		try {
			const { call, facilitator, steward } = await agreedRoom(limited, keep)
			const path = new URL((await json<{ url: string }>(call(facilitator, 'POST', '/publish'))).url).pathname
			const send = () => fetch(`${limited.url}${path}/replies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Hello' }) })
			expect((await send()).status).toBe(201)
			expect((await send()).status).toBe(201)
			const third = await send()
			expect(third.status).toBe(429)
			expect(((await third.json()) as { error: string }).error).toMatch(/too many replies from this address/)
			expect(await json<unknown[]>(call(steward, 'GET', '/replies'))).toHaveLength(2)
		} finally {
			for (const c of keep) c.destroy()
			await limited.close()
		}
	})
})

/** A server of its own, with these settings (and the test secret), on a fresh data folder. */
async function startServerWith(env: Record<string, string>, change: (config: ReturnType<typeof loadConfig>) => ReturnType<typeof loadConfig> = (c) => c): Promise<RunningServer> {
	const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', CYD_SECRET: TEST_SECRET, ROOMS_PER_IP_PER_HOUR: '1000', JOINS_PER_IP_PER_MINUTE: '1000', ...env, DATA_DIR: tempDataDir() })
	return startServer(change(config), { logger: pino({ level: 'silent' }) })
}

describe('after the workshop', () => {
	const started: RunningServer[] = []
	afterAll(async () => {
		for (const s of started) await s.close()
	})

	it("keeps updates and replies working once the workshop's links have expired; the facilitator renews the steward's link", async () => {
		// The workshop's links last four seconds here; the steward's a year.
		const short = await startServerWith({}, (config) => ({ ...config, linkLifetimeDays: 4 / 86_400 }))
		started.push(short)
		const keep: Client[] = []
		const { room, call, facilitator, participant, steward, stewardLink } = await agreedRoom(short, keep)
		const action = await json<Action>(call(facilitator, 'POST', '/actions', { item: 'shape:a', text: 'Send a text the day before', owner: { kind: 'agency', name: 'Contact centre' } }))
		const path = new URL((await json<{ url: string }>(call(facilitator, 'POST', '/publish'))).url).pathname
		const renewed = await call(facilitator, 'POST', '/links/steward/renew')
		expect(renewed.status).toBe(201)
		const { url: renewedUrl, expiresAt } = await json<{ url: string; expiresAt: number }>(renewed)
		expect(expiresAt).toBeGreaterThan(Date.now() + 300 * 86_400_000)
		expect((await call(participant, 'POST', '/links/steward/renew')).status).toBe(403)

		await expect.poll(async () => (await call(participant, 'GET', '/me')).status, { timeout: 10_000, interval: 250 }).toBe(401)
		expect(await json(call(facilitator, 'GET', '/me'))).toEqual({ error: "this facilitator's link has expired: renew the room's links with it (Links, then Renew) to go on" })

		const update = await call(steward, 'POST', `/actions/${action.id}/updates`, { text: 'Texts go out from Monday', status: 'in-progress' })
		expect(update.status).toBe(201)
		const reply = await fetch(`${short.url}${path}/replies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Good news' }) })
		expect(reply.status).toBe(201)
		const [waiting] = await json<Array<{ id: string }>>(call(steward, 'GET', '/replies'))
		expect((await call(steward, 'POST', `/replies/${waiting!.id}`, { status: 'approved' })).status).toBe(200)
		const page = await (await fetch(`${short.url}${path}`)).text()
		expect(page).toContain('Texts go out from Monday')
		expect(page).toContain('Good news')
		expect(await (await fetch(`${short.url}${path}/feed.atom`)).text()).toContain('Texts go out from Monday')

		// With the renewed link, the steward on the same device is the same person.
		const token = renewedUrl.split('#join=')[1]!
		expect(token).not.toBe(stewardLink)
		const again = await fetch(`${short.url}/api/rooms/${room}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name: 'Siân', device: 'steward-device-0001' }) })
		expect(again.status).toBe(201)
		const before = await json<{ id: string }>(call(steward, 'GET', '/me'))
		expect(((await again.json()) as { person: { id: string; role: string } }).person).toEqual(expect.objectContaining({ id: before.id, role: 'steward' }))
		for (const c of keep) c.destroy()
	})
})
