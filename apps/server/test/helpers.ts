/** Test harness: real servers on free ports, real SQLite files, stock y-websocket clients over real sockets. */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'
import pino from 'pino'
import { afterAll, beforeAll } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { getMetaMap, getRecordsMap, SCHEMA_KEY, writeRecord } from '@cyd/tldraw-yjs'
import { loadConfig, startServer, type RunningServer, type StartOptions } from '../src/index.js'

// Each y-websocket client in Node listens for the process's 'exit'; tests run many at once.
process.setMaxListeners(2000)

export function tempDataDir(): string {
	return mkdtempSync(join(tmpdir(), 'cyd-test-'))
}

export async function startTestServer(
	env: Record<string, string> = {},
	options: StartOptions = {},
): Promise<RunningServer & { dataDir: string }> {
	const dataDir = env.DATA_DIR ?? tempDataDir()
	const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...LIFTED_RATES, ...env, DATA_DIR: dataDir })
	const server = await startServer(config, { logger: pino({ level: 'silent' }), ...options })
	return Object.assign(server, { dataDir })
}

/**
 * Tests make many rooms, join many people and open many stock clients with one link from one address:
 * those limits are lifted unless a test sets them (limits.test.ts and abuse.test.ts do).
 */
const LIFTED_RATES = { ROOMS_PER_IP_PER_HOUR: '100000', JOINS_PER_IP_PER_MINUTE: '100000', MAX_CONNECTIONS_PER_SESSION: '100000' }

export type TestServer = Awaited<ReturnType<typeof startTestServer>>

/**
 * One server for a test file: started before its tests (and handed to `started`), closed after them with
 * every client pushed onto the answered list.
 */
export function serverForFile(started: (server: TestServer) => void, env: Record<string, string> = { CYD_SECRET: TEST_SECRET }): Client[] {
	const clients: Client[] = []
	let server: TestServer | undefined
	beforeAll(async () => {
		server = await startTestServer(env)
		started(server)
	})
	afterAll(async () => {
		for (const c of clients) c.destroy()
		await server?.close()
	})
	return clients
}

type Role = 'facilitator' | 'participant' | 'expert' | 'observer' | 'steward'
const roomLinks = new Map<string, Record<Role, string>>()

/** Creates a room and remembers its join-link tokens; answers its id. */
export async function createRoom(baseUrl: string, title = 'Test workshop'): Promise<string> {
	const response = await fetch(`${baseUrl}/api/rooms`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title, language: 'en' }),
	})
	if (response.status !== 201) throw new Error(`room not created: ${response.status}`)
	const room = (await response.json()) as { id: string; links: Record<Role, string> }
	roomLinks.set(room.id, Object.fromEntries(Object.entries(room.links).map(([role, url]) => [role, url.split('#join=')[1]!])) as Record<Role, string>)
	return room.id
}

/** The token of a room's join link for a role (a participant's by default). */
export function linkToken(room: string, role: Role = 'participant'): string {
	const token = roomLinks.get(room)?.[role]
	if (!token) throw new Error(`no ${role} link known for room ${room}`)
	return token
}

/** The websocket URL of a room's canvas, with a participant's link token. */
export function syncUrl(baseUrl: string, room: string, token = linkToken(room)): string {
	return `${baseUrl.replace(/^http/, 'ws')}/sync/${room}?token=${token}`
}

export interface Client {
	doc: Y.Doc
	provider: WebsocketProvider
	destroy(): void
}

/** A stock y-websocket client in Node (no BroadcastChannel: every byte goes through the server). */
export function connectClient(baseUrl: string, room: string, doc = new Y.Doc(), token = linkToken(room)): Client {
	const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/sync`, room, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		params: { token },
	})
	return {
		doc,
		provider,
		destroy() {
			provider.destroy()
			doc.destroy()
		},
	}
}

/** Resolves once the client is synced with the server (at once if it already is). */
export function synced(client: Client): Promise<void> {
	return client.provider.synced ? Promise.resolve() : nextSync(client)
}

/** Resolves at the client's next completed sync, e.g. after it reconnects. */
export function nextSync(client: Client): Promise<void> {
	return new Promise((resolve) => {
		const handler = (isSynced: boolean) => {
			if (!isSynced) return
			client.provider.off('sync', handler)
			resolve()
		}
		client.provider.on('sync', handler)
	})
}

/** Resolves when `predicate` holds for the document, checked after every change to it. */
export function until(doc: Y.Doc, predicate: () => boolean): Promise<void> {
	if (predicate()) return Promise.resolve()
	return new Promise((resolve) => {
		const check = () => {
			if (!predicate()) return
			doc.off('update', check)
			resolve()
		}
		doc.on('update', check)
	})
}

/** Shared by every spawned process, as several processes of one deployment share CYD_SECRET. */
export const TEST_SECRET = 'a test secret that is long enough to sign links'

export const SERVER_MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url))

export interface ServerProcess {
	child: ChildProcess
	url: string
	exited: Promise<number | null>
}

/** Runs the built server as its own process, as in production, and waits until it listens. */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
	const child = spawn(process.execPath, [SERVER_MAIN], {
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', CYD_SECRET: TEST_SECRET, ...LIFTED_RATES, ...env },
		stdio: ['ignore', 'pipe', 'inherit'],
	})
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
	const port = await new Promise<number>((resolve, reject) => {
		const lines = createInterface({ input: child.stdout! })
		lines.on('line', (line) => {
			try {
				const entry = JSON.parse(line) as { msg?: string; port?: number }
				if (entry.msg === 'cyd listening' && entry.port) resolve(entry.port)
			} catch {
				// not a log line
			}
		})
		child.on('exit', (code) => reject(new Error(`server exited with ${code} before listening`)))
	})
	return { child, url: `http://127.0.0.1:${port}`, exited }
}

/** Join a room as a person of `role`; answers their session token (for the HTTP API). */
export async function joinAs(baseUrl: string, room: string, role: Role, name: string = role, affiliation: 'resident' | 'organisation' | null = null): Promise<string> {
	const response = await fetch(`${baseUrl}/api/rooms/${room}/join`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ token: linkToken(room, role), name, affiliation }),
	})
	if (response.status !== 201) throw new Error(`join: ${response.status} ${await response.text()}`)
	return ((await response.json()) as { session: string }).session
}

/**
 * Write tldraw records (and the schema they are in) into a room's canvas through a real y-websocket
 * client with a facilitator's link; resolves once an observer's client has received them all.
 * Answers the clients, for the caller to destroy.
 */
export async function writeCanvas(baseUrl: string, room: string, schema: unknown, records: Array<Record<string, unknown>>, remove: string[] = []): Promise<Client[]> {
	const writer = connectClient(baseUrl, room, new Y.Doc(), linkToken(room, 'facilitator'))
	const probe = connectClient(baseUrl, room, new Y.Doc(), linkToken(room, 'observer'))
	await Promise.all([synced(writer), synced(probe)])
	const map = getRecordsMap(writer.doc)
	writer.doc.transact(() => {
		getMetaMap(writer.doc).set(SCHEMA_KEY, schema)
		for (const record of records) writeRecord(map, record)
		for (const id of remove) map.delete(id)
	})
	const seen = getRecordsMap(probe.doc)
	const done = () => records.every((r) => seen.has(r.id as string)) && remove.every((id) => !seen.has(id))
	await until(probe.doc, done)
	return [writer, probe]
}

/** A tldraw note shape record as the web app writes it (valid in the canvas schema), saying `text`. */
export function noteRecord(id: string, text: string, meta: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		typeName: 'shape',
		id,
		type: 'note',
		parentId: 'page:page',
		index: 'a1',
		x: 0,
		y: 0,
		rotation: 0,
		isLocked: false,
		opacity: 1,
		meta,
		props: {
			color: 'yellow',
			labelColor: 'black',
			size: 'm',
			font: 'draw',
			fontSizeAdjustment: 1,
			align: 'middle',
			verticalAlign: 'middle',
			growY: 0,
			url: '',
			richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
			scale: 1,
			textLastEditedBy: null,
		},
	}
}

/** Writes tldraw records into a client's canvas document, in one transaction. */
export function putRecords(doc: Y.Doc, records: Array<Record<string, unknown>>): void {
	doc.transact(() => {
		for (const record of records) writeRecord(getRecordsMap(doc), record)
	})
}

/** An HTTP call to a room's API, with a session (or none). */
export function callApi(baseUrl: string, room: string, session: string | null, method: string, path: string, body?: unknown): Promise<Response> {
	return fetch(`${baseUrl}/api/rooms/${room}${path}`, {
		method,
		headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session}` } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	})
}
