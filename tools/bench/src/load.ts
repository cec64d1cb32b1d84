/**
 * The live load: clients in rooms, each making one shape edit a second and moving its cursor at 10 Hz, with
 * every edit timed from send to receipt at every other client of its room on the generator's one clock, and
 * every cursor move from send to receipt at the room's first client (each move carries its send time).
 * @module
 */
import * as Y from 'yjs'
import { BenchClient, type AwarenessMode, type ClientOptions, type UpdateMode } from './client.js'
import { createShape, editShape, editsIn, seqOf, shapesOf, type Edit } from './shapes.js'
import { percentile } from './stats.js'

export interface LoadOptions {
	editHz: number
	cursorHz: number
	awareness: AwarenessMode
	updates: UpdateMode
}

/** What one measurement window saw. Latencies belong to the window the edit was sent in. */
export interface Window {
	label: string
	start: number
	end: number
	latencies: number[]
	/** Cursor moves sent in the window, send to receipt at the first client of their room. */
	cursorLatencies: number[]
	/** Receipts owed: for each edit sent in the window, the other synced clients of its room. */
	expected: number
	editsSent: number
	cursorsSent: number
	editReceipts: number
	cursorReceipts: number
}

export interface WindowSummary {
	label: string
	seconds: number
	p50: number
	p95: number
	p99: number
	/** Cursor moves: send to receipt at the first client of the room. */
	cursorP50: number
	cursorP95: number
	editsSent: number
	cursorsSent: number
	/** Edit receipts plus cursor receipts per second. */
	deliveredPerSecond: number
	delivered: number
	/** Receipts owed but never seen after the grace period. */
	missing: number
}

interface Participant {
	index: number
	client: BenchClient
	room: Room
	shapeId: string
	seq: number
	/** Send time of each edit by sequence number, and the window it was sent in. */
	sentAt: number[]
	sentIn: (Window | null)[]
	/** Last sequence seen from each other participant. */
	seen: Map<number, number>
}

interface Room {
	name: string
	members: Participant[]
}

const TICK_MS = 10

export class Load {
	private readonly participants: Participant[] = []
	private readonly rooms = new Map<string, Room>()
	private timer: ReturnType<typeof setInterval> | null = null
	private tick = 0
	private window: Window | null = null

	/**
	 * `urls`: one websocket URL per server process. The clients of each room alternate between them, so with
	 * two processes every room has members on both.
	 */
	constructor(
		private readonly server: Pick<ClientOptions, 'protocol'> & { urls: string[] },
		private readonly options: LoadOptions,
	) {
		if (server.urls.length === 0) throw new Error('Load needs at least one server URL')
	}

	get size(): number {
		return this.participants.length
	}

	get errors(): number {
		let total = 0
		for (const p of this.participants) total += p.client.errors
		return total
	}

	/** Connects one participant; it creates its own shape once synced. */
	join(roomName: string): Participant {
		let room = this.rooms.get(roomName)
		if (!room) {
			room = { name: roomName, members: [] }
			this.rooms.set(roomName, room)
		}
		const index = this.participants.length
		const urls = this.server.urls
		const client = new BenchClient({
			protocol: this.server.protocol,
			url: urls[room.members.length % urls.length]!,
			room: roomName,
			awareness: this.options.awareness,
			onCursorStates: (states) => {
				if (this.window) this.window.cursorReceipts += states
			},
			updates: this.options.updates,
			onUpdate: (update) => this.read(participant, update),
			// The first client of each room times the cursors it receives.
			onCursorSentAt: room.members.length === 0 ? (sentAt) => this.cursorReceipt(sentAt) : undefined,
		})
		const participant: Participant = {
			index,
			client,
			room,
			shapeId: `shape:bench-${index}`,
			seq: 0,
			sentAt: [],
			sentIn: [],
			seen: new Map(),
		}
		room.members.push(participant)
		this.participants.push(participant)
		client.awareness.setLocalState({
			user: { id: `user-${index}`, name: `Participant ${index}`, color: '#e03131' },
			cursor: { x: 0, y: 0, type: 'default', rotation: 0 },
			currentPageId: 'page:page',
			camera: { x: 0, y: 0, z: 1 },
			chatMessage: '',
		})
		client.awareness.on('update', (change: { added: number[]; updated: number[] }, origin: unknown) => {
			if (origin !== 'local' && this.window) this.window.cursorReceipts += change.added.length + change.updated.length
		})
		shapesOf(client.doc).observeDeep((events) => this.observe(participant, events))
		void client.synced.then(() => createShape(client.doc, participant.shapeId, index, index))
		return participant
	}

	/** Waits until every participant has synced, or throws after `timeoutMs`. */
	async allSynced(timeoutMs: number): Promise<void> {
		let timer: ReturnType<typeof setTimeout> | undefined
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => {
				const waiting = this.participants.filter((p) => p.client.syncedAt === 0).length
				reject(new Error(`${waiting} of ${this.participants.length} clients not synced after ${timeoutMs} ms`))
			}, timeoutMs)
		})
		try {
			await Promise.race([Promise.all(this.participants.map((p) => p.client.synced)), timeout])
		} finally {
			clearTimeout(timer)
		}
	}

	/**
	 * Starts the shared 100 Hz tick; each participant acts on its own phase of it, so load is spread evenly.
	 * Ticks are counted from the clock, not from timer callbacks, so a late timer catches up and the offered
	 * rate holds while the generator keeps up at all.
	 */
	start(): void {
		if (this.timer) return
		const ticksPerEdit = Math.round(1000 / TICK_MS / this.options.editHz)
		const ticksPerCursor = Math.max(1, Math.round(1000 / TICK_MS / this.options.cursorHz))
		const origin = performance.now() - this.tick * TICK_MS
		this.timer = setInterval(() => {
			const due = Math.floor((performance.now() - origin) / TICK_MS)
			for (; this.tick <= due; this.tick++) {
				const t = this.tick
				for (const p of this.participants) {
					if (p.client.syncedAt === 0) continue
					if (this.options.cursorHz > 0 && (t + p.index) % ticksPerCursor === 0) this.moveCursor(p, t)
					if ((t + p.index * 7) % ticksPerEdit === 0) this.edit(p)
				}
			}
		}, TICK_MS)
	}

	stop(): void {
		if (this.timer) clearInterval(this.timer)
		this.timer = null
	}

	openWindow(label: string): Window {
		this.window = {
			label,
			start: performance.now(),
			end: 0,
			latencies: [],
			cursorLatencies: [],
			expected: 0,
			editsSent: 0,
			cursorsSent: 0,
			editReceipts: 0,
			cursorReceipts: 0,
		}
		return this.window
	}

	closeWindow(): Window {
		const window = this.window
		if (!window) throw new Error('no window open')
		window.end = performance.now()
		this.window = null
		return window
	}

	destroy(): void {
		this.stop()
		for (const p of this.participants) p.client.destroy()
		this.participants.length = 0
		this.rooms.clear()
	}

	private moveCursor(p: Participant, t: number): void {
		if (this.window) this.window.cursorsSent++
		const angle = (t + p.index) / 10
		p.client.awareness.setLocalStateField('cursor', {
			x: Math.round(500 + 300 * Math.cos(angle)),
			y: Math.round(400 + 300 * Math.sin(angle)),
			type: 'default',
			rotation: 0,
			t: Math.round(performance.now() * 1000) / 1000,
		})
	}

	private cursorReceipt(sentAt: number): void {
		const window = this.window
		if (window && sentAt >= window.start) window.cursorLatencies.push(performance.now() - sentAt)
	}

	private edit(p: Participant): void {
		if (!shapesOf(p.client.doc).has(p.shapeId)) return
		const seq = ++p.seq
		const window = this.window
		p.sentIn[seq] = window
		if (window) {
			window.editsSent++
			let others = 0
			for (const member of p.room.members) if (member !== p && member.client.syncedAt > 0) others++
			window.expected += others
		}
		p.sentAt[seq] = performance.now()
		editShape(p.client.doc, p.shapeId, p.index, seq)
	}

	private observe(receiver: Participant, events: Y.YEvent<Y.AbstractType<unknown>>[]): void {
		const now = performance.now()
		const shapes = shapesOf(receiver.client.doc)
		for (const event of events) {
			if (event.transaction.local || !(event instanceof Y.YMapEvent)) continue
			if (event.target === shapes) {
				for (const key of event.keysChanged) {
					const record = shapes.get(key)
					if (record) this.receipt(receiver, seqOf(record.get('seq')), now)
				}
			} else if (event.target.parent === shapes && event.keysChanged.has('seq')) {
				this.receipt(receiver, seqOf((event.target as Y.Map<unknown>).get('seq')), now)
			}
		}
	}

	/** `updates: 'read'`: the edits a received update holds, found by their tagged `seq` values. */
	private read(receiver: Participant, update: Uint8Array): void {
		const now = performance.now()
		for (const edit of editsIn(update)) this.receipt(receiver, edit, now)
	}

	private receipt(receiver: Participant, edit: Edit | null, now: number): void {
		if (!edit) return
		const { owner, seq } = edit
		const sender = this.participants[owner]
		if (!sender || sender === receiver) return
		const last = receiver.seen.get(owner) ?? 0
		if (seq <= last) return
		receiver.seen.set(owner, seq)
		// A later state stands for every earlier edit it supersedes: each of those has now arrived too.
		for (let k = last + 1; k <= seq; k++) {
			const sentAt = sender.sentAt[k]
			const window = sender.sentIn[k]
			if (sentAt === undefined || !window || receiver.client.syncedAt === 0 || receiver.client.syncedAt > sentAt) continue
			window.latencies.push(now - sentAt)
		}
		if (this.window && receiver.client.syncedAt > 0) this.window.editReceipts += seq - last
	}
}

export function summarize(window: Window): WindowSummary {
	const seconds = (window.end - window.start) / 1000
	const sorted = Float64Array.from(window.latencies).sort()
	const cursors = Float64Array.from(window.cursorLatencies).sort()
	const delivered = window.editReceipts + window.cursorReceipts
	return {
		label: window.label,
		seconds,
		p50: percentile(sorted, 0.5),
		p95: percentile(sorted, 0.95),
		p99: percentile(sorted, 0.99),
		cursorP50: percentile(cursors, 0.5),
		cursorP95: percentile(cursors, 0.95),
		editsSent: window.editsSent,
		cursorsSent: window.cursorsSent,
		delivered,
		deliveredPerSecond: delivered / seconds,
		missing: Math.max(0, window.expected - window.latencies.length),
	}
}
