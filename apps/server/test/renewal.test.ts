/**
 * Renewable access: a room's links expire after LINK_LIFETIME_DAYS; the facilitator extends them (links
 * and sessions already handed out go on working) or re-issues them (the old ones stop, and people who
 * join again on the same device are the same people), even once their own link has expired. An expired
 * link says whom to ask. The server's clock is moved with a faked Date; sockets and timers stay real.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { callApi, connectClient, createRoom, linkToken, serverForFile, synced, syncUrl, type TestServer } from './helpers.js'

let server: TestServer
const clients = serverForFile((started) => (server = started))

const DAY = 24 * 3600 * 1000
afterEach(() => vi.useRealTimers())

/** Moves the clock of this process (the server's) on by `ms`. */
function later(ms: number) {
	vi.useFakeTimers({ toFake: ['Date'] })
	vi.setSystemTime(Date.now() + ms)
}

async function join(room: string, token: string, name: string, device: string | null = null) {
	const response = await fetch(`${server.url}/api/rooms/${room}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name, device }) })
	return { status: response.status, body: (await response.json()) as { session: string; person: { id: string }; error?: string } }
}

const api = (room: string, session: string | null, method: string, path: string, body?: unknown) => callApi(server.url, room, session, method, path, body)
const tokenOf = (url: string) => url.split('#join=')[1]!

function refusal(room: string, token: string): Promise<number> {
	return new Promise((resolve) => {
		const socket = new WebSocket(syncUrl(server.url, room, token))
		socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
		socket.on('open', () => {
			socket.close()
			resolve(101)
		})
		socket.on('error', () => undefined)
	})
}

async function people() {
	const room = await createRoom(server.url)
	const facilitator = (await join(room, linkToken(room, 'facilitator'), 'Fran', 'facilitator-device-01')).body.session
	const ann = await join(room, linkToken(room, 'participant'), 'Ann', 'ann-device-000001')
	return { room, facilitator, ann }
}

describe('renewable access', () => {
	it('an expired link and session are refused, saying whom to ask; the facilitator may still renew', async () => {
		const { room, facilitator, ann } = await people()
		const steward = await join(room, linkToken(room, 'steward'), 'Siân', 'stew-device-00001')
		expect(steward.status).toBe(201)
		later(31 * DAY)
		const refused = await join(room, linkToken(room, 'participant'), 'Bob')
		expect(refused.status).toBe(401)
		expect(refused.body.error).toBe('this link has expired: ask the facilitator who invited you for a new one')
		const me = await api(room, ann.body.session, 'GET', '/me')
		expect(me.status).toBe(401)
		expect(((await me.json()) as { error: string }).error).toMatch(/ask the facilitator who invited you/)
		expect(await refusal(room, ann.body.session)).toBe(401)
		// The steward's link lasts a year.
		expect((await api(room, steward.body.session, 'GET', '/me')).status).toBe(200)
		// The facilitator's own session: refused everywhere but renewal.
		const own = await api(room, facilitator, 'GET', '/links')
		expect(own.status).toBe(401)
		expect(((await own.json()) as { error: string }).error).toMatch(/facilitator's link has expired: renew/)
		expect((await api(room, ann.body.session, 'POST', '/links/renew', { mode: 'extend' })).status).toBe(401)
		const renewed = await api(room, facilitator, 'POST', '/links/renew', { mode: 'extend' })
		expect(renewed.status).toBe(201)
		expect((await api(room, facilitator, 'GET', '/links')).status).toBe(200)
	})

	it('extended, the links and sessions already handed out work again, for another lifetime', async () => {
		const { room, facilitator, ann } = await people()
		later(20 * DAY)
		const renewed = (await (await api(room, facilitator, 'POST', '/links/renew', { mode: 'extend' })).json()) as Record<string, { url: string; expiresAt: number }>
		expect(Object.keys(renewed).sort()).toEqual(['expert', 'facilitator', 'observer', 'participant', 'steward'])
		expect(renewed.participant!.expiresAt).toBe(Date.now() + 30 * DAY)
		later(20 * DAY) // 40 days after the room was made: past the first expiry, within the renewed one
		const limits = (await (await api(room, facilitator, 'GET', '/links/limits')).json()) as Record<string, { expiresAt: number }>
		expect(limits.participant!.expiresAt).toBe(renewed.participant!.expiresAt)
		expect((await api(room, ann.body.session, 'GET', '/me')).status).toBe(200)
		const again = await join(room, linkToken(room, 'participant'), 'Ann', 'ann-device-000001')
		expect(again.status).toBe(201)
		expect(again.body.person.id).toBe(ann.body.person.id)
		// The renewed link's own token is the same link.
		const viaNew = await join(room, tokenOf(renewed.participant!.url), 'Ann', 'ann-device-000001')
		expect(viaNew.body.person.id).toBe(ann.body.person.id)
		// A real client syncs with the old link token again.
		const c = connectClient(server.url, room, new Y.Doc(), linkToken(room, 'participant'))
		clients.push(c)
		await synced(c)
		later(21 * DAY)
		expect((await api(room, ann.body.session, 'GET', '/me')).status).toBe(401)
	})

	it('re-issued after expiry, the old links stop and returning people keep who they are', async () => {
		const { room, facilitator, ann } = await people()
		const other = await join(room, linkToken(room, 'participant'), 'Cai') // no device key: cannot be recognised
		later(45 * DAY)
		const response = await api(room, facilitator, 'POST', '/links/renew', { mode: 'reissue' })
		expect(response.status).toBe(201)
		const renewed = (await response.json()) as Record<string, { url: string; expiresAt: number }>
		expect(tokenOf(renewed.participant!.url)).not.toBe(linkToken(room, 'participant'))
		// The old links and sessions are refused: revoked now, not merely expired.
		const old = await join(room, linkToken(room, 'participant'), 'Ann', 'ann-device-000001')
		expect(old.status).toBe(401)
		expect(old.body.error).toBe('this link has been revoked')
		expect((await api(room, facilitator, 'GET', '/me')).status).toBe(401)
		expect(await refusal(room, linkToken(room, 'participant'))).toBe(401)
		// Ann comes back through the new link on her device: the same person, on the new link.
		const back = await join(room, tokenOf(renewed.participant!.url), 'Ann Jones', 'ann-device-000001')
		expect(back.status).toBe(201)
		expect(back.body.person.id).toBe(ann.body.person.id)
		expect((await api(room, back.body.session, 'GET', '/me')).status).toBe(200)
		expect(await refusal(room, back.body.session)).toBe(101)
		// The facilitator too; and someone new is new.
		const fran = await join(room, tokenOf(renewed.facilitator!.url), 'Fran', 'facilitator-device-01')
		const everyone = (await (await api(room, fran.body.session, 'GET', '/balance')).json()) as unknown
		expect(JSON.stringify(everyone)).toContain('Ann Jones')
		const cai = await join(room, tokenOf(renewed.participant!.url), 'Cai')
		expect(cai.body.person.id).not.toBe(other.body.person.id)
		// A device key from a participant's link does not make someone the facilitator.
		const sneaky = await join(room, tokenOf(renewed.observer!.url), 'Ann', 'ann-device-000001')
		expect(sneaky.body.person.id).not.toBe(ann.body.person.id)
	})

	it('refuses a bad mode, a revoked facilitator link and anyone but the facilitator', async () => {
		const { room, facilitator, ann } = await people()
		const bad = await api(room, facilitator, 'POST', '/links/renew', { mode: 'forever' })
		expect(bad.status).toBe(400)
		expect(((await bad.json()) as { error: string }).error).toMatch(/mode: "extend"/)
		expect((await api(room, ann.body.session, 'POST', '/links/renew', { mode: 'reissue' })).status).toBe(403)
		expect((await api(room, null, 'POST', '/links/renew', { mode: 'reissue' })).status).toBe(401)
		const replaced = (await (await api(room, facilitator, 'POST', '/links/facilitator')).json()) as { url: string }
		expect((await api(room, facilitator, 'POST', '/links/renew', { mode: 'extend' })).status).toBe(401)
		const fresh = await join(room, tokenOf(replaced.url), 'Fran', 'facilitator-device-01')
		expect((await api(room, fresh.body.session, 'POST', '/links/renew', { mode: 'extend' })).status).toBe(201)
	})
})
