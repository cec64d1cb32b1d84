/**
 * The workshop document written by two processes at the same moment: people joining through either,
 * and proposals made through either, are all kept (one entry per key, never a whole list copied and
 * written back over the other process's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canvasSchema } from '@cyd/model/schema'
import { parseWorkshop, WORKSHOP_MAP, workshopDocument } from '@cyd/model'
import { callApi, connectClient, createRoom, linkToken, spawnServer, synced, tempDataDir, until, writeCanvas, type Client, type ServerProcess } from './helpers.js'
import { createDatabase, startRedis, type TestDatabase, type TestRedis } from './services.js'

let database: TestDatabase
let redis: TestRedis
const processes: ServerProcess[] = []
const clients: Client[] = []

beforeAll(async () => {
	database = await createDatabase()
	redis = await startRedis()
	for (let i = 0; i < 2; i++) processes.push(await spawnServer(tempDataDir(), { DATABASE_URL: database.url, REDIS_URL: redis.url }))
})

afterAll(async () => {
	for (const c of clients) c.destroy()
	for (const p of processes) p.child.kill('SIGKILL')
	await Promise.all(processes.map((p) => p.exited))
	await redis?.stop()
	await database?.drop()
})

async function join(url: string, room: string, role: 'facilitator' | 'participant', name: string): Promise<string> {
	const response = await fetch(`${url}/api/rooms/${room}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: linkToken(room, role), name }) })
	if (response.status !== 201) throw new Error(`join: ${response.status}`)
	return ((await response.json()) as { session: string }).session
}

describe('two processes writing the workshop document at once', () => {
	it('keep every person who joined and every proposal made through either', async () => {
		const [a, b] = processes as [ServerProcess, ServerProcess]
		const room = await createRoom(a.url)
		const facilitator = await join(a.url, room, 'facilitator', 'Ffion')
		const base = { typeName: 'shape', rotation: 0, index: 'a1', isLocked: false, opacity: 1, meta: {} }
		clients.push(
			...(await writeCanvas(a.url, room, canvasSchema().serialize(), [
				{ ...base, id: 'shape:bp', type: 'cyd-blueprint', parentId: 'page:page', x: 0, y: 0, props: { w: 800, h: 600, title: 'Buses', stages: [{ id: 's0', name: 'Wait' }], lanes: [{ id: 'l0', name: 'Resident', kind: 'actions' }] } },
				...Array.from({ length: 10 }, (_, i) => ({
					...base,
					id: `shape:c${i}`,
					type: 'cyd-card',
					parentId: 'shape:bp',
					x: 0,
					y: 0,
					props: { w: 224, h: 96, stage: 's0', lane: 'l0', order: i, kind: 'idea', text: `Idea ${i}`, channel: 'inPerson', actor: '', authorId: '', authorName: '', createdAt: 0 },
				})),
			])),
		)
		// Ten pairs of people join at the same moment, one through each process.
		const sessions: string[] = []
		for (let i = 0; i < 10; i++) sessions.push(...(await Promise.all([join(a.url, room, 'participant', `A${i}`), join(b.url, room, 'participant', `B${i}`)])))
		// And each pair proposes a card at the same moment, one through each process.
		for (let i = 0; i < 5; i++) {
			const statuses = await Promise.all([
				callApi(a.url, room, sessions[4 * i]!, 'POST', '/decisions', { item: `shape:c${2 * i}`, status: 'proposed' }).then((r) => r.status),
				callApi(b.url, room, sessions[4 * i + 1]!, 'POST', '/decisions', { item: `shape:c${2 * i + 1}`, status: 'proposed' }).then((r) => r.status),
			])
			expect(statuses).toEqual([201, 201])
		}
		for (const server of [a, b]) {
			const watcher = connectClient(server.url, workshopDocument(room), new Y.Doc(), linkToken(room, 'observer'))
			clients.push(watcher)
			await synced(watcher)
			const state = () => parseWorkshop(watcher.doc.getMap(WORKSHOP_MAP).toJSON())
			await until(watcher.doc, () => state().participants.length === 21 && state().decisions.length === 10)
			expect(state().participants.map((p) => p.name).sort()).toEqual(['Ffion', ...Array.from({ length: 10 }, (_, i) => [`A${i}`, `B${i}`]).flat()].sort())
			expect(new Set(state().decisions.map((d) => d.item)).size).toBe(10)
		}
		expect((await callApi(b.url, room, facilitator, 'GET', '/design')).status).toBe(200)
	})
})
