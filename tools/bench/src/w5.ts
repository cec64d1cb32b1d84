/**
 * W5, a whole workshop: a facilitator, a touch table of four seats and a room of phones (stock y-websocket
 * clients in Node, each with a mix of notes, card moves, typing, votes, cursors, leaving and coming back)
 * and real Chromium participants, on one Cyd room for a window; then whether anything was lost (at every
 * client and, after a restart, in storage) and how long the room's HTML and PDF exports take. Cyd only: it
 * uses Cyd's workshop API (join links, sessions, the table, voting rounds, exports).
 * @module
 */
import { chromium, type Browser, type Page } from '@playwright/test'
import { existsSync } from 'node:fs'
import * as Y from 'yjs'
import { BenchClient } from './client.js'
import { changeRecord, editsIn, noteRecord, putRecord, recordsOf, richText, seqValue, type Edit } from './shapes.js'
import { RunningServer, type ServerSpec } from './servers.js'
import { percentile } from './stats.js'
import { bounded, chromiumPath, measurePage, waitSaved, webDist, type PageGlobals, type PageWindow } from './w4.js'

export interface W5Config {
	phones: number
	/** Seats at the touch table; the table is the facilitator's second canvas connection (`table=1`). */
	seats: number
	/** Chromium pages joining as participants. */
	browsers: number
	settleMs: number
	windowMs: number
	cursorHz: number
	/** Votes per person in the round the facilitator opens at 40 % of the window and closes at 60 %. */
	votesPerPerson: number
	/** Phones that leave once during the window and come back `awayMs` later with the same session. */
	leavers: number
	awayMs: number
	/** Wait after the load stops before anything is checked. */
	graceMs: number
	/** Bound on every wait: joins, syncs, pages, convergence. */
	timeoutMs: number
	/** What the exports are judged against. */
	exportLimitMs: number
	viewport: { width: number; height: number }
	/** Seed of the phones' choices, so a run can be replayed. */
	seed: number
}

/** One Chromium page over the window. Times in ms. */
export interface W5Frames {
	page: string
	seconds: number
	fps: number
	frameP50: number
	frameP95: number
	frameMax: number
	longTasks: number
	longTaskMaxMs: number
	longTaskTotalMs: number
	remoteShapeChangesPerSecond: number
	jsHeapMiB: number
}

/** One export of the room, asked for twice: the first also loads the server's exporters. */
export interface W5Export {
	format: 'html' | 'pdf'
	status: number
	firstMs: number
	secondMs: number
	bytes: number
	withinLimit: boolean
}

export interface W5Row {
	server: string
	seconds: number
	/** Node clients connected at the end (phones, the facilitator and the table). */
	clients: number
	browsers: number
	notes: number
	editsSent: number
	editsPerSecond: number
	cursorsPerSecond: number
	p50: number
	p95: number
	p99: number
	/** Receipts owed (every other Node client synced at the send and still connected at the end) but never seen. */
	missing: number
	/** Edits another client received: the server took them. Every one must be everywhere at the end. */
	acknowledged: number
	/** Edits no other client received (only those sent just before a phone left may be). */
	unacknowledged: number
	/** Of those, the edits a phone sent in its last second before it left, which no client holds. */
	unacknowledgedOnLeaving: number
	/** (client, acknowledged edit) pairs where the client's document lacks the edit at the end. */
	lostAtClients: number
	/** Clients whose board (every record, canonically) differs from the others' at the end. */
	divergentClients: number
	/** Acknowledged edits missing from the board a fresh client loads after the server restarts on its data. */
	lostInStorage: number
	/** Whether that board equals the clients' board, record for record. */
	storageMatches: boolean
	votes: number
	voteErrors: number
	rejoins: number
	serverCpuPct: number
	peakRssMiB: number
	generatorCpuPct: number
	/** Clients' unexpected closes after their first sync, errors thrown in the pages, failed API calls other than votes. */
	errors: number
	frames: W5Frames[]
	exports: W5Export[]
	failure?: string
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** mulberry32: a small seeded generator, so the phones' choices replay by seed. */
export function seeded(seed: number): () => number {
	let a = seed >>> 0
	return () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

/** JSON with every object's keys sorted, so two documents' boards compare whatever order their maps hold. */
export function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
	}
	return JSON.stringify(value) ?? 'null'
}

/** An edit as sent: when, by which Y.Doc up to which clock, and who was there to receive it. */
interface Sent {
	at: number
	clientId: number
	/** The sender's own clock after the edit: a document holds the edit iff its state for `clientId` reaches this. */
	clock: number
	receivers: Conn[]
	inWindow: boolean
	/** The connection that sent it. */
	conn: Conn
}

/** An edit of `sent` is in `doc` iff the doc's state for the sender's Y.Doc reaches the edit's clock. */
export function holds(doc: Y.Doc, sent: Pick<Sent, 'clientId' | 'clock'>): boolean {
	return Y.getState(doc.store, sent.clientId) >= sent.clock
}

type Kind = 'phone' | 'table' | 'facilitator'

interface Actor {
	owner: number
	name: string
	kind: Kind
	session: string
	conn: Conn | null
	seq: number
	notes: string[]
	nextAt: number
	typing: { id: string; text: string; left: number } | null
	drag: { id: string; x: number; y: number; dx: number; dy: number; left: number } | null
	/** The table's seat ids, taken in turn. */
	seats: string[]
}

/** One websocket connection of an actor; a phone that leaves and comes back gets a new one. */
interface Conn {
	actor: Actor
	client: BenchClient
	/** Last sequence seen from each other actor. */
	seen: Map<number, number>
	left: boolean
	/** performance.now() when it left, else 0. */
	leftAt: number
}

interface Joined {
	session: string
	person: { id: string }
}

const words = ['bus', 'stop', 'bench', 'later', 'buses', 'ramp', 'light', 'shelter', 'timetable', 'phone', 'help', 'quiet', 'café', 'map']

function emptyRow(server: string, failure: string): W5Row {
	const nan = Number.NaN
	return {
		server,
		seconds: nan,
		clients: nan,
		browsers: nan,
		notes: nan,
		editsSent: nan,
		editsPerSecond: nan,
		cursorsPerSecond: nan,
		p50: nan,
		p95: nan,
		p99: nan,
		missing: nan,
		acknowledged: nan,
		unacknowledged: nan,
		unacknowledgedOnLeaving: nan,
		lostAtClients: nan,
		divergentClients: nan,
		lostInStorage: nan,
		storageMatches: false,
		votes: nan,
		voteErrors: nan,
		rejoins: nan,
		serverCpuPct: nan,
		peakRssMiB: nan,
		generatorCpuPct: nan,
		errors: nan,
		frames: [],
		exports: [],
		failure,
	}
}

function framesOf(page: string, w: PageWindow): W5Frames {
	const seconds = w.elapsedMs / 1000
	const sorted = Float64Array.from(w.frameDeltas).sort()
	return {
		page,
		seconds,
		fps: w.frameDeltas.length / seconds,
		frameP50: percentile(sorted, 0.5),
		frameP95: percentile(sorted, 0.95),
		frameMax: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
		longTasks: w.longTasks.length,
		longTaskMaxMs: w.longTasks.reduce((m, t) => Math.max(m, t.duration), 0),
		longTaskTotalMs: w.longTasks.reduce((s, t) => s + t.duration, 0),
		remoteShapeChangesPerSecond: w.remoteUpdates / seconds,
		jsHeapMiB: w.heapBytes / 1024 / 1024,
	}
}

const TICK_MS = 10

/** The workshop's Node side: the actors, their connections, every edit sent and every receipt. */
class Workshop {
	readonly actors: Actor[] = []
	readonly conns: Conn[] = []
	/** By owner, by sequence number. */
	readonly sent = new Map<number, Sent[]>()
	readonly latencies: number[] = []
	editsInWindow = 0
	cursorsInWindow = 0
	measuring = false
	rejoins = 0
	private noteCount = 0
	private timer: ReturnType<typeof setInterval> | null = null
	private tick = 0
	private readonly random: () => number

	constructor(
		private readonly url: string,
		private readonly room: string,
		private readonly config: W5Config,
	) {
		this.random = seeded(config.seed)
	}

	add(kind: Kind, name: string, session: string, seats: string[] = []): Actor {
		const actor: Actor = { owner: this.actors.length, name, kind, session, conn: null, seq: 0, notes: [], nextAt: 0, typing: null, drag: null, seats }
		this.actors.push(actor)
		this.sent.set(actor.owner, [])
		this.connect(actor)
		return actor
	}

	connect(actor: Actor): Conn {
		const query = `token=${actor.session}${actor.kind === 'table' ? '&table=1' : ''}`
		const client = new BenchClient({ protocol: 'y-websocket', url: this.url, room: `${this.room}?${query}` })
		const conn: Conn = { actor, client, seen: new Map(), left: false, leftAt: 0 }
		client.doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
			if (transaction.local) return
			const now = performance.now()
			for (const edit of editsIn(update)) this.receipt(conn, edit, now)
		})
		if (actor.kind !== 'table') {
			client.awareness.setLocalState({
				user: { id: `user-${actor.owner}`, name: actor.name, color: '#1971c2' },
				cursor: { x: 0, y: 0, type: 'default', rotation: 0 },
				currentPageId: 'page:page',
				camera: { x: 0, y: 0, z: 1 },
				chatMessage: '',
			})
		}
		actor.conn = conn
		this.conns.push(conn)
		return conn
	}

	/** The phone leaves (its socket closes, as a phone put away would) and stops acting. */
	leave(actor: Actor): void {
		const conn = actor.conn
		if (!conn) return
		conn.left = true
		conn.leftAt = performance.now()
		conn.client.destroy()
		actor.conn = null
		actor.typing = null
		actor.drag = null
	}

	rejoin(actor: Actor): void {
		if (actor.conn) return
		this.connect(actor)
		this.rejoins++
	}

	get live(): Conn[] {
		return this.conns.filter((c) => !c.left)
	}

	async allSynced(): Promise<void> {
		await bounded(Promise.all(this.live.map((c) => c.client.synced)), this.config.timeoutMs, 'syncing the Node clients')
	}

	get errors(): number {
		return this.conns.reduce((s, c) => s + c.client.errors, 0)
	}

	/** Every shape id in `actor`'s view of the board. */
	private notesSeenBy(actor: Actor): string[] {
		const doc = actor.conn?.client.doc
		if (!doc) return []
		return [...recordsOf(doc).keys()].filter((id) => id.startsWith('shape:'))
	}

	/** A note on the board the actor's connection holds, picked at random; null when there is none. */
	pickNote(actor: Actor, own = false): string | null {
		const ids = own ? actor.notes : this.notesSeenBy(actor)
		if (ids.length === 0) return null
		return ids[Math.floor(this.random() * ids.length)]!
	}

	/** One edit: `change` writes it with its tagged seq; its send time, sender clock and receivers are noted. */
	private edit(actor: Actor, change: (doc: Y.Doc, seq: string) => boolean): boolean {
		const conn = actor.conn
		if (!conn || conn.client.syncedAt === 0) return false
		const doc = conn.client.doc
		const seq = actor.seq + 1
		const at = performance.now()
		if (!change(doc, seqValue(actor.owner, seq))) return false
		actor.seq = seq
		const receivers = this.conns.filter((c) => c !== conn && !c.left && c.client.syncedAt > 0)
		this.sent.get(actor.owner)![seq] = { at, clientId: doc.clientID, clock: Y.getState(doc.store, doc.clientID), receivers, inWindow: this.measuring, conn }
		if (this.measuring) this.editsInWindow++
		return true
	}

	addNote(actor: Actor): boolean {
		const n = this.noteCount++
		const id = `shape:w5-${actor.owner}-${actor.notes.length}`
		const seat = actor.kind === 'table' ? actor.seats[n % actor.seats.length] : undefined
		const x = Math.round(this.random() * 3000)
		const y = Math.round(this.random() * 2000)
		const text = words[n % words.length]!
		const ok = this.edit(actor, (doc, seq) => {
			doc.transact(() => putRecord(doc, noteRecord(id, text, n, x, y, seat ? { seat, seq } : { seq })))
			return true
		})
		if (ok) actor.notes.push(id)
		return ok
	}

	/** Starts a drag of a note: `steps` moves at 20 Hz, each an edit, as tldraw sends a drag. */
	startDrag(actor: Actor, id: string, steps: number): void {
		const record = actor.conn ? recordsOf(actor.conn.client.doc).get(id) : undefined
		if (!(record instanceof Y.Map)) return
		const angle = this.random() * 2 * Math.PI
		actor.drag = { id, x: Number(record.get('x')) || 0, y: Number(record.get('y')) || 0, dx: Math.round(30 * Math.cos(angle)), dy: Math.round(30 * Math.sin(angle)), left: steps }
	}

	startTyping(actor: Actor, id: string, chars: number): void {
		const record = actor.conn ? recordsOf(actor.conn.client.doc).get(id) : undefined
		const props = record instanceof Y.Map ? record.get('props') : undefined
		if (!(props instanceof Y.Map)) return
		const rich = props.get('richText') as { content?: { content?: { text?: string }[] }[] } | undefined
		const text = rich?.content?.[0]?.content?.[0]?.text ?? ''
		actor.typing = { id, text: text.length > 120 ? '' : text + ' ', left: chars }
	}

	/** What the actor does when its next moment comes; answers the time until the one after. */
	private act(actor: Actor): number {
		if (actor.drag) {
			const d = actor.drag
			d.x += d.dx
			d.y += d.dy
			d.left--
			this.edit(actor, (doc, seq) => changeRecord(doc, d.id, seq, { x: d.x, y: d.y }))
			if (d.left > 0) return 50
			actor.drag = null
			return this.think(actor)
		}
		if (actor.typing) {
			const t = actor.typing
			const word = words[Math.floor(this.random() * words.length)]!
			t.text += word[Math.floor(this.random() * word.length)]
			t.left--
			this.edit(actor, (doc, seq) => changeRecord(doc, t.id, seq, {}, { richText: richText(t.text) }))
			if (t.left > 0) return 120 + this.random() * 120
			actor.typing = null
			return this.think(actor)
		}
		const r = this.random()
		if (actor.kind === 'facilitator') {
			// The facilitator tidies: moves someone's note now and then.
			const id = this.pickNote(actor)
			if (id) this.startDrag(actor, id, 6)
			return actor.drag ? 50 : this.think(actor)
		}
		if (actor.notes.length === 0 || r < 0.15) {
			this.addNote(actor)
			return this.think(actor)
		}
		if (r < 0.55) {
			const id = this.pickNote(actor, actor.kind === 'table')
			if (id) this.startDrag(actor, id, 4 + Math.floor(this.random() * 8))
			return actor.drag ? 50 : this.think(actor)
		}
		if (r < 0.85) {
			const id = this.pickNote(actor, true)
			if (id) this.startTyping(actor, id, 4 + Math.floor(this.random() * 10))
			return actor.typing ? 150 : this.think(actor)
		}
		return this.think(actor)
	}

	/** A pause between things: a phone's person thinks longer than a table of four or the facilitator. */
	private think(actor: Actor): number {
		const base = actor.kind === 'phone' ? 1500 : actor.kind === 'table' ? 400 : 2000
		return base + this.random() * base * 2
	}

	private moveCursor(actor: Actor, t: number): void {
		const conn = actor.conn
		if (!conn) return
		if (this.measuring) this.cursorsInWindow++
		const angle = (t + actor.owner * 13) / 10
		conn.client.awareness.setLocalStateField('cursor', {
			x: Math.round(800 + 500 * Math.cos(angle)),
			y: Math.round(600 + 400 * Math.sin(angle)),
			type: 'default',
			rotation: 0,
		})
	}

	/** The shared 100 Hz clock: cursors on each actor's phase, and each actor's next act when it is due. */
	start(): void {
		if (this.timer) return
		const ticksPerCursor = Math.max(1, Math.round(1000 / TICK_MS / this.config.cursorHz))
		const origin = performance.now() - this.tick * TICK_MS
		for (const a of this.actors) a.nextAt = performance.now() + this.random() * 1000
		this.timer = setInterval(() => {
			const due = Math.floor((performance.now() - origin) / TICK_MS)
			for (; this.tick <= due; this.tick++) {
				const t = this.tick
				for (const a of this.actors) {
					if (!a.conn || a.conn.client.syncedAt === 0) continue
					if (a.kind !== 'table' && (t + a.owner) % ticksPerCursor === 0) this.moveCursor(a, t)
				}
			}
			const now = performance.now()
			for (const a of this.actors) {
				if (!a.conn || a.conn.client.syncedAt === 0 || now < a.nextAt) continue
				a.nextAt = now + this.act(a)
			}
		}, TICK_MS)
	}

	stop(): void {
		if (this.timer) clearInterval(this.timer)
		this.timer = null
	}

	private receipt(conn: Conn, edit: Edit, now: number): void {
		const { owner, seq } = edit
		if (owner === conn.actor.owner) return
		const last = conn.seen.get(owner) ?? 0
		if (seq <= last) return
		conn.seen.set(owner, seq)
		const sent = this.sent.get(owner)
		if (!sent) return
		// Updates from one sender arrive in order: a later edit stands for every earlier one.
		for (let k = last + 1; k <= seq; k++) {
			const s = sent[k]
			if (!s || !s.inWindow || conn.client.syncedAt === 0 || conn.client.syncedAt > s.at) continue
			this.latencies.push(now - s.at)
		}
	}

	/** The highest sequence of `owner`'s that any other actor's connection received. */
	private seenByOthers(owner: number): number {
		let seen = 0
		for (const c of this.conns) if (c.actor.owner !== owner) seen = Math.max(seen, c.seen.get(owner) ?? 0)
		return seen
	}

	/** Receipts owed to clients still connected but never seen, for the acknowledged edits sent in the window. */
	missing(): number {
		let missing = 0
		for (const [owner, sent] of this.sent) {
			const acknowledged = this.seenByOthers(owner)
			for (let seq = 1; seq <= acknowledged && seq < sent.length; seq++) {
				const s = sent[seq]
				if (!s?.inWindow) continue
				for (const r of s.receivers) if (!r.left && (r.seen.get(owner) ?? 0) < seq) missing++
			}
		}
		return missing
	}

	/** Every edit some other client received, which the server therefore took; and how many were not. */
	acknowledged(): { edits: Sent[]; unacknowledged: Sent[] } {
		const edits: Sent[] = []
		const unacknowledged: Sent[] = []
		for (const [owner, sent] of this.sent) {
			const seenByOthers = this.seenByOthers(owner)
			for (let seq = 1; seq < sent.length; seq++) {
				const s = sent[seq]
				if (!s) continue
				if (seq <= seenByOthers) edits.push(s)
				else unacknowledged.push(s)
			}
		}
		return { edits, unacknowledged }
	}

	/** Waits until every live client holds the same state, or `timeoutMs` passes; answers whether they did. */
	async converged(timeoutMs: number): Promise<boolean> {
		const deadline = performance.now() + timeoutMs
		const vector = (doc: Y.Doc) => canonical(Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc))))
		for (;;) {
			const vectors = new Set(this.live.map((c) => vector(c.client.doc)))
			if (vectors.size <= 1) return true
			if (performance.now() > deadline) return false
			await sleep(100)
		}
	}

	destroy(): void {
		this.stop()
		for (const c of this.conns) if (!c.left) c.client.destroy()
		this.conns.length = 0
	}
}

/** The board of a canvas document, canonically: its records. */
export function boardOf(doc: Y.Doc): string {
	return canonical(recordsOf(doc).toJSON())
}

async function api(origin: string, room: string, session: string | null, method: string, path: string, body?: unknown): Promise<Response> {
	return fetch(`${origin}/api/rooms/${room}${path}`, {
		method,
		headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session}` } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	})
}

async function joinRoom(origin: string, room: string, token: string, name: string): Promise<Joined> {
	const response = await api(origin, room, null, 'POST', '/join', { token, name })
	if (response.status !== 201) throw new Error(`join as ${name}: ${response.status} ${await response.text()}`)
	return (await response.json()) as Joined
}

/** Times one export: the whole body read, from the request's start. */
async function timeExport(origin: string, room: string, session: string, format: 'html' | 'pdf'): Promise<{ status: number; ms: number; bytes: number }> {
	const t0 = performance.now()
	const response = await api(origin, room, session, 'GET', `/export?format=${format}`)
	const body = await response.arrayBuffer()
	return { status: response.status, ms: performance.now() - t0, bytes: body.byteLength }
}

async function openPage(browser: Browser, origin: string, room: string, participantToken: string, name: string, config: W5Config, onError: () => void): Promise<Page> {
	const page = await browser.newPage({ viewport: config.viewport })
	page.setDefaultTimeout(config.timeoutMs)
	page.on('pageerror', onError)
	await page.goto(`${origin}/r/${room}#join=${participantToken}`)
	await page.getByLabel('Your name').fill(name)
	await page.getByRole('button', { name: 'Join' }).click()
	await page.waitForFunction(() => (globalThis as unknown as PageGlobals).cydEditor !== undefined, undefined, { timeout: config.timeoutMs })
	await waitSaved(page, config.timeoutMs)
	return page
}

/**
 * W5 against one Cyd spec: sets up the room and its people, runs the workshop for the window while the
 * pages measure their frames, votes mid-way, then checks every client and storage and times the exports.
 */
export async function runW5(spec: ServerSpec, config: W5Config): Promise<W5Row> {
	if (!existsSync(chromiumPath)) return emptyRow(spec.name, `${chromiumPath} is missing`)
	if (!existsSync(webDist)) return emptyRow(spec.name, 'apps/web/dist is missing: run `pnpm turbo run build`')
	let server: RunningServer | null = null
	let browser: Browser | null = null
	let workshop: Workshop | null = null
	let pageErrors = 0
	let apiErrors = 0
	try {
		server = await RunningServer.start(spec)
		const origin = `http://127.0.0.1:${server.processes[0]!.port}`
		const made = await fetch(`${origin}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'W5 workshop' }) })
		if (made.status !== 201) throw new Error(`POST /api/rooms answered ${made.status}`)
		const { id: room, links } = (await made.json()) as { id: string; links: Record<string, string> }
		const tokenOf = (role: string) => {
			const token = links[role]?.split('#join=')[1]
			if (!token) throw new Error(`the room has no ${role} link`)
			return token
		}
		const facilitator = await joinRoom(origin, room, tokenOf('facilitator'), 'Ffion')
		const seatsSet = await api(origin, room, facilitator.session, 'PUT', '/table', { seats: Array.from({ length: config.seats }, (_, i) => ({ name: `Seat ${i + 1}` })) })
		if (seatsSet.status !== 200) throw new Error(`PUT /table answered ${seatsSet.status}: ${await seatsSet.text()}`)
		const seats = ((await seatsSet.json()) as { table: { seats: { id: string }[] } }).table.seats.map((s) => s.id)

		workshop = new Workshop(server.socketUrl, room, config)
		const w = workshop
		const fac = w.add('facilitator', 'Ffion', facilitator.session)
		const table = w.add('table', 'Table', facilitator.session, seats)
		const phones: { actor: Actor; session: string }[] = []
		for (let i = 0; i < config.phones; i++) {
			const joined = await joinRoom(origin, room, tokenOf('participant'), `Phone ${i + 1}`)
			phones.push({ actor: w.add('phone', `Phone ${i + 1}`, joined.session), session: joined.session })
		}
		await w.allSynced()
		// Something on the board for everyone to move and vote on: a note per phone and per seat.
		for (const p of phones) w.addNote(p.actor)
		for (let i = 0; i < config.seats; i++) w.addNote(table)

		browser = await chromium.launch({
			executablePath: chromiumPath,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
			timeout: config.timeoutMs,
		})
		const pages: Page[] = []
		for (let i = 0; i < config.browsers; i++) pages.push(await openPage(browser, origin, room, tokenOf('participant'), `Browser ${i + 1}`, config, () => pageErrors++))

		w.start()
		await sleep(config.settleMs)

		// The window: the load runs; the pages measure their frames; a vote mid-way; some phones leave and come back.
		const windowMs = config.windowMs
		const before = server.read()
		const gen0 = process.cpuUsage()
		const errorsBefore = w.errors
		w.measuring = true
		const t0 = performance.now()
		const framesPromise = Promise.all(pages.map((p) => measurePage(p, windowMs)))
		const timers: ReturnType<typeof setTimeout>[] = []
		const tasks: Promise<unknown>[] = []
		const at = (fraction: number, fn: () => Promise<unknown> | void) => {
			tasks.push(
				new Promise<void>((resolve) => {
					timers.push(setTimeout(() => void Promise.resolve(fn()).then(() => resolve(), () => resolve()), fraction * windowMs))
				}),
			)
		}
		const random = seeded(config.seed + 1)
		const leavers = phones.slice(0, Math.min(config.leavers, phones.length))
		for (const p of leavers) {
			const when = 0.1 + random() * 0.5
			at(when, () => w.leave(p.actor))
			at(when + config.awayMs / windowMs, () => w.rejoin(p.actor))
		}
		let votes = 0
		let voteErrors = 0
		const vote = async (session: string, voter: Actor, seat?: string) => {
			const shapeId = w.pickNote(voter) ?? w.pickNote(fac)
			if (!shapeId) return
			const response = await api(origin, room, session, 'POST', '/votes', { shapeId, delta: 1, ...(seat ? { seat } : {}) })
			await response.arrayBuffer()
			if (response.ok) votes++
			else voteErrors++
		}
		let roundOpen: Promise<boolean> = Promise.resolve(false)
		at(0.4, () => {
			roundOpen = api(origin, room, facilitator.session, 'POST', '/rounds', { votesPerPerson: config.votesPerPerson }).then(async (r) => {
				await r.arrayBuffer()
				if (!r.ok) apiErrors++
				return r.ok
			})
			return roundOpen
		})
		for (const p of phones) {
			for (let v = 0; v < config.votesPerPerson; v++) at(0.42 + random() * 0.16, async () => (await roundOpen) && vote(p.session, p.actor))
		}
		for (const seat of seats) {
			for (let v = 0; v < config.votesPerPerson; v++) at(0.42 + random() * 0.16, async () => (await roundOpen) && vote(facilitator.session, table, seat))
		}
		at(0.6, async () => {
			const r = await api(origin, room, facilitator.session, 'POST', '/rounds/close')
			await r.arrayBuffer()
			if (!r.ok) apiErrors++
		})
		await sleep(windowMs)
		w.measuring = false
		const seconds = (performance.now() - t0) / 1000
		const gen = process.cpuUsage(gen0)
		if (!server.alive) throw new Error(`server exited during the window: ${server.stderr.slice(-500)}`)
		const after = server.read()
		const cpuSeconds = after.reduce((s, p, i) => s + p.cpuSeconds - before[i]!.cpuSeconds, 0)
		await bounded(Promise.all(tasks), config.timeoutMs, 'the votes and rejoins')
		for (const p of leavers) w.rejoin(p.actor)
		const frames = (await bounded(framesPromise, config.timeoutMs, "the pages' frame windows")).map((f, i) => framesOf(`Chromium ${i + 1}`, f))
		w.stop()
		// The pages are done: they leave, so that the board compared below is the Node clients' and storage's alone.
		await browser.close()
		browser = null
		await sleep(config.graceMs)
		await w.allSynced()
		const errors = w.errors - errorsBefore

		// Nothing lost at the clients: every acknowledged edit in every live client's document, every board alike.
		const converged = await w.converged(config.timeoutMs)
		const { edits: acknowledged, unacknowledged } = w.acknowledged()
		const live = w.live
		let lostAtClients = 0
		for (const c of live) for (const s of acknowledged) if (!holds(c.client.doc, s)) lostAtClients++
		const boards = live.map((c) => boardOf(c.client.doc))
		const reference = boards[0] ?? ''
		const divergentClients = converged ? boards.filter((b) => b !== reference).length : live.length
		const notes = [...recordsOf(live[0]!.client.doc).keys()].filter((id) => id.startsWith('shape:')).length
		// Edits nobody received: those a phone sent in its last second before it left, and any other (which would be a loss).
		const onLeaving = unacknowledged.filter((s) => s.conn.left && s.conn.leftAt - s.at < 1000 && !holds(live[0]!.client.doc, s)).length
		const missing = w.missing()

		// The exports of that room, twice each (the first also loads the exporters).
		const exports: W5Export[] = []
		for (const format of ['html', 'pdf'] as const) {
			const first = await timeExport(origin, room, facilitator.session, format)
			const second = await timeExport(origin, room, facilitator.session, format)
			exports.push({ format, status: first.status, firstMs: first.ms, secondMs: second.ms, bytes: first.bytes, withinLimit: first.status === 200 && first.ms < config.exportLimitMs })
		}
		const peakRssMiB = server.peakRssMiB()

		// Nothing lost in storage: everyone gone, the server stopped and started on the same DATA_DIR, a fresh client.
		const clients = live.length
		w.destroy()
		workshop = null
		await sleep(1000)
		await server.restart()
		const fresh = new BenchClient({ protocol: 'y-websocket', url: server.socketUrl, room: `${room}?token=${facilitator.session}` })
		let lostInStorage = 0
		let storageMatches = false
		try {
			await bounded(fresh.synced, config.timeoutMs, 'a fresh client syncing after the restart')
			for (const s of acknowledged) if (!holds(fresh.doc, s)) lostInStorage++
			storageMatches = boardOf(fresh.doc) === reference
		} finally {
			fresh.destroy()
		}

		const sorted = Float64Array.from(w.latencies).sort()
		return {
			server: spec.name,
			seconds,
			clients,
			browsers: pages.length,
			notes,
			editsSent: w.editsInWindow,
			editsPerSecond: w.editsInWindow / seconds,
			cursorsPerSecond: w.cursorsInWindow / seconds,
			p50: percentile(sorted, 0.5),
			p95: percentile(sorted, 0.95),
			p99: percentile(sorted, 0.99),
			missing,
			acknowledged: acknowledged.length,
			unacknowledged: unacknowledged.length,
			unacknowledgedOnLeaving: onLeaving,
			lostAtClients,
			divergentClients,
			lostInStorage,
			storageMatches,
			votes,
			voteErrors,
			rejoins: w.rejoins,
			serverCpuPct: (cpuSeconds / seconds) * 100,
			peakRssMiB,
			generatorCpuPct: ((gen.user + gen.system) / 1e6 / seconds) * 100,
			errors: errors + pageErrors + apiErrors,
			frames,
			exports,
		}
	} catch (error) {
		return emptyRow(spec.name, (error as Error).message.split('\n')[0] ?? String(error))
	} finally {
		workshop?.destroy()
		await browser?.close().catch(() => {})
		await server?.dispose()
	}
}
