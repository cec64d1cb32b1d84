/**
 * Presence (awareness) from clients is hostile input too: a connection sets only its own client id's
 * state, one id per connection, within a size and a depth, never the server's own status entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { connectClient, createRoom, linkToken, startTestServer, synced, syncUrl, type Client, type TestServer } from './helpers.js'

let server: TestServer
let room: string
let facilitator: Client
let witness: Client
const sockets: WebSocket[] = []
const clients: Client[] = []

beforeAll(async () => {
	server = await startTestServer()
	room = await createRoom(server.url)
	facilitator = client('facilitator')
	witness = client('observer')
	await Promise.all([synced(facilitator), synced(witness)])
	facilitator.provider.awareness.setLocalStateField('user', { name: 'Facilitator' })
	await seen(witness, facilitator.doc.clientID, (s) => nameOf(s) === 'Facilitator')
})

afterAll(async () => {
	for (const socket of sockets) socket.terminate()
	for (const c of clients) c.destroy()
	await server.close()
})

function client(role: 'facilitator' | 'participant' | 'observer', target = room): Client {
	const c = connectClient(server.url, target, new Y.Doc(), linkToken(target, role))
	clients.push(c)
	return c
}

type State = Record<string, unknown> | null | undefined

function nameOf(state: State): unknown {
	return (state?.user as { name?: unknown } | undefined)?.name
}

/** Resolves once `predicate` holds for the state `who` sees of client `id`. */
function seen(who: Client, id: number, predicate: (state: State) => boolean): Promise<void> {
	const awareness = who.provider.awareness
	return new Promise((resolve) => {
		const check = () => {
			if (!predicate(awareness.getStates().get(id) as State)) return
			awareness.off('change', check)
			resolve()
		}
		awareness.on('change', check)
		check()
	})
}

/** A raw socket to the room's canvas with an observer's link, greeted. */
async function attacker(target = room): Promise<WebSocket> {
	const socket = new WebSocket(syncUrl(server.url, target, linkToken(target, 'observer')))
	sockets.push(socket)
	await new Promise<void>((resolve, reject) => {
		socket.once('message', () => resolve())
		socket.once('error', reject)
	})
	return socket
}

/** An awareness message of entries [client id, clock, state (JSON text or a value)]. */
function awareness(entries: [number, number, unknown][]): Uint8Array {
	const update = encoding.createEncoder()
	encoding.writeVarUint(update, entries.length)
	for (const [id, clock, state] of entries) {
		encoding.writeVarUint(update, id)
		encoding.writeVarUint(update, clock)
		encoding.writeVarString(update, typeof state === 'string' ? state : JSON.stringify(state))
	}
	const e = encoding.createEncoder()
	encoding.writeVarUint(e, 1)
	encoding.writeVarUint8Array(e, encoding.toUint8Array(update))
	return encoding.toUint8Array(e)
}

let nextId = 900_000
function freshId(): number {
	return nextId++
}

/** What the witness has recorded of one client's states, as JSON text, every change. */
function record(id: number): string[] {
	const log: string[] = []
	witness.provider.awareness.on('change', () => {
		const state = witness.provider.awareness.getStates().get(id)
		if (state) log.push(JSON.stringify(state))
	})
	return log
}

describe('awareness guard', () => {
	it("refuses to rename, overwrite or delete another connection's presence", async () => {
		const fac = facilitator.doc.clientID
		const clock = witness.provider.awareness.meta.get(fac)!.clock
		const socket = await attacker()
		const own = freshId()
		socket.send(awareness([[fac, clock + 5, { user: { name: 'Mallory' } }]]))
		socket.send(awareness([[fac, clock + 6, null]]))
		socket.send(awareness([[own, 1, { user: { name: 'Attacker' } }]]))
		await seen(witness, own, (s) => nameOf(s) === 'Attacker')
		expect(nameOf(witness.provider.awareness.getStates().get(fac) as State)).toBe('Facilitator')
		expect(nameOf(facilitator.provider.awareness.getStates().get(own) as State)).toBe('Attacker')
		// Another connection cannot take the attacker's id either, even with a newer clock.
		const second = await attacker()
		const secondOwn = freshId()
		second.send(awareness([[own, 50, { user: { name: 'Stolen' } }], [secondOwn, 1, { user: { name: 'Second' } }]]))
		await seen(witness, secondOwn, (s) => nameOf(s) === 'Second')
		expect(nameOf(witness.provider.awareness.getStates().get(own) as State)).toBe('Attacker')
	})

	it('drops entries for new ids beyond the first one a connection announces', async () => {
		const socket = await attacker()
		const [own, extra1, extra2] = [freshId(), freshId(), freshId()]
		socket.send(awareness([[own, 1, { user: { name: 'One' } }]]))
		socket.send(awareness([[extra1, 1, { user: { name: 'Two' } }], [extra2, 1, { user: { name: 'Three' } }], [own, 2, { user: { name: 'One again' } }]]))
		await seen(witness, own, (s) => nameOf(s) === 'One again')
		const states = witness.provider.awareness.getStates()
		expect(states.has(extra1)).toBe(false)
		expect(states.has(extra2)).toBe(false)
		// Its own entry it may remove.
		socket.send(awareness([[own, 3, null]]))
		await seen(witness, own, (s) => s === undefined)
	})

	it('drops states past the size limit or nested too deep, and keeps the connection', async () => {
		const socket = await attacker()
		const own = freshId()
		const log = record(own)
		let deep: unknown = 'x'
		for (let i = 0; i < 100; i++) deep = [deep]
		socket.send(awareness([[own, 1, { user: { name: 'small' } }]]))
		socket.send(awareness([[own, 2, { user: { name: 'big' }, pad: 'x'.repeat(9000) } ]]))
		socket.send(awareness([[own, 3, { user: { name: 'deep' }, deep }]]))
		socket.send(awareness([[own, 4, '{"user": {"name": "not json"']]))
		socket.send(awareness([[own, 5, { user: { name: 'after' } }]]))
		await seen(witness, own, (s) => nameOf(s) === 'after')
		expect(log.map((s) => nameOf(JSON.parse(s) as State))).not.toContain('big')
		expect(log.map((s) => nameOf(JSON.parse(s) as State))).not.toContain('deep')
		expect(socket.readyState).toBe(WebSocket.OPEN)
	})

	it("refuses a state with a top-level `server` field and anything for the server's own id", async () => {
		const held = server.sync.retain(room)
		const serverId = held.doc.clientID
		held.release()
		const socket = await attacker()
		const own = freshId()
		// The server's id first: not claimable, so the connection's own id is still free to claim after it.
		socket.send(awareness([[serverId, 100, { server: { saving: false } }]]))
		socket.send(awareness([[serverId, 101, { user: { name: 'Server?' } }]]))
		socket.send(awareness([[own, 1, { server: { saving: false }, user: { name: 'Relay' } }]]))
		socket.send(awareness([[own, 2, { user: { name: 'Plain' } }]]))
		await seen(witness, own, (s) => nameOf(s) === 'Plain')
		expect(witness.provider.awareness.getStates().has(serverId)).toBe(false)
		for (const state of witness.provider.awareness.getStates().values()) expect(state).not.toHaveProperty('server')
	})

	it('lets stock clients that pass on the states of others keep their own presence', async () => {
		const people = [client('participant'), client('participant'), client('observer')]
		await Promise.all(people.map(synced))
		// Each sets its name only after it has received (and passed on) everyone else's.
		for (const [i, person] of people.entries()) person.provider.awareness.setLocalStateField('user', { name: `Person ${i}` })
		for (const viewer of [...people, facilitator]) {
			for (const [i, person] of people.entries()) await seen(viewer, person.doc.clientID, (s) => nameOf(s) === `Person ${i}`)
		}
		await seen(witness, facilitator.doc.clientID, (s) => nameOf(s) === 'Facilitator')
	})

	it('does not relay a flood of new ids: a 3.9 MB message reaches the others as one small state', async () => {
		const other = await createRoom(server.url)
		const watcher = client('observer', other)
		await synced(watcher)
		const counter = await attacker(other)
		let bytes = 0
		counter.on('message', (data: Buffer) => (bytes += data.length))
		const socket = await attacker(other)
		const first = freshId()
		const entries: [number, number, unknown][] = [[first, 1, { user: { name: 'Flood' } }]]
		const filler = { user: { name: 'x'.repeat(40) }, cursor: { x: 1, y: 2 } }
		for (let i = 0; i < 45_000; i++) entries.push([10_000_000 + i, 1, filler])
		const flood = awareness(entries)
		expect(flood.length).toBeGreaterThan(3_900_000)
		socket.send(flood)
		socket.send(awareness([[first, 2, { user: { name: 'Flood done' } }]]))
		await seen(watcher, first, (s) => nameOf(s) === 'Flood done')
		expect(watcher.provider.awareness.getStates().size).toBe(2) // the watcher's own and the attacker's one
		expect(bytes).toBeLessThan(10_000)
	})
})
