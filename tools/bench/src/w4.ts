/**
 * W4, the client: Chromium shows a board of a few thousand shapes while remote clients drag some of them;
 * frame times and long tasks are measured in the page with the Performance API. Cyd only: it is Cyd's
 * web client, which the peers do not have.
 * @module
 */
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { BenchClient } from './client.js'
import { RunningServer, repoRoot, type ServerSpec } from './servers.js'
import { percentile } from './stats.js'

export const chromiumPath = '/usr/bin/chromium'
export const webDist = join(repoRoot, 'apps', 'web', 'dist', 'index.html')

export interface W4Config {
	shapes: number
	/** Remote clients, each dragging one shape of its own. */
	draggers: number
	/** Position updates per second per dragger. */
	dragHz: number
	/** Time after the drags start (or the board settles) before a window opens. */
	settleMs: number
	windowMs: number
	/** Bound on every wait: page load, join, shape creation, save, sync. */
	timeoutMs: number
	viewport: { width: number; height: number }
	/** How much slower Chromium's CPU is made for the last window (DevTools' CPU throttling; 4 for a phone-class device). */
	cpuThrottle: number
}

/** One measured window in the page. Times in ms. */
export interface W4Row {
	step: string
	server: string
	shapes: number
	seconds: number
	frames: number
	fps: number
	frameP50: number
	frameP95: number
	frameP99: number
	frameMax: number
	longTasks: number
	longTaskMaxMs: number
	longTaskTotalMs: number
	/**
	 * Shape records changed by remote store changes in the page, per second. The binding applies what
	 * arrived since its last flush as one change, so several moves of one shape count once.
	 */
	remoteShapeUpdatesPerSecond: number
	/** CPU of Chromium's renderer processes over the window, in % of one core (all their threads). */
	rendererCpuPct: number
	/** CPU of Chromium's GPU process (software compositing with --disable-gpu), in % of one core. */
	gpuCpuPct: number
	/** CPU of every Chromium process, in % of one core. */
	chromiumCpuPct: number
	/** Wall-clock seconds the Chromium CPU figures cover: the window and the calls around it. */
	cpuSpanSeconds: number
	/** Position updates the drag clients sent per second. */
	dragUpdatesSentPerSecond: number
	jsHeapMiB: number
	/** Drag clients' unexpected closes plus errors thrown in the page. */
	errors: number
	failure?: string
}

/** What the page scripts use of the page's globals (the bench compiles without the DOM library). */
export interface PageGlobals {
	cydEditor?: {
		createShapes(shapes: unknown[]): unknown
		zoomToFit(options?: unknown): unknown
		getCurrentPageShapeIds(): Set<string>
		store: {
			listen(
				fn: (entry: { changes: { updated: Record<string, unknown> } }) => void,
				filter: { source: 'remote'; scope: 'document' },
			): () => void
		}
	}
	document: { querySelector(selector: string): { textContent: string | null } | null }
	requestAnimationFrame(callback: (now: number) => void): number
	PerformanceObserver: new (callback: (list: { getEntries(): LongTask[] }) => void) => {
		observe(options: { type: string; buffered: boolean }): void
		takeRecords(): LongTask[]
		disconnect(): void
	}
	performance: { now(): number; memory?: { usedJSHeapSize: number } }
}

export interface LongTask {
	startTime: number
	duration: number
}

export interface PageWindow {
	frameDeltas: number[]
	longTasks: LongTask[]
	elapsedMs: number
	remoteUpdates: number
	heapBytes: number
	/** Wall clock (Date.now) at the window's first and last frame, to count what Node sent inside it. */
	startEpoch: number
	endEpoch: number
}

/** Cumulative CPU seconds of Chromium's processes, from the DevTools protocol's SystemInfo. */
interface ChromiumTimes {
	renderer: number
	gpu: number
	all: number
	/** Wall-clock seconds between the two readings (the window plus the calls around it). */
	span: number
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function emptyRow(step: string, server: string, shapes: number, failure: string): W4Row {
	const nan = Number.NaN
	return {
		step,
		server,
		shapes,
		seconds: nan,
		frames: nan,
		fps: nan,
		frameP50: nan,
		frameP95: nan,
		frameP99: nan,
		frameMax: nan,
		longTasks: nan,
		longTaskMaxMs: nan,
		longTaskTotalMs: nan,
		remoteShapeUpdatesPerSecond: nan,
		rendererCpuPct: nan,
		gpuCpuPct: nan,
		chromiumCpuPct: nan,
		cpuSpanSeconds: nan,
		dragUpdatesSentPerSecond: nan,
		jsHeapMiB: nan,
		errors: nan,
		failure,
	}
}

/** Splits the harness's Cyd room name `<id>?token=<join token>` into the page's join link. */
function joinPath(room: string): string {
	const [id, query] = room.split('?')
	const token = new URLSearchParams(query ?? '').get('token')
	return token ? `/r/${id}#join=${token}` : `/r/${id}`
}

export async function waitSaved(page: Page, timeoutMs: number): Promise<void> {
	await page.waitForFunction(
		() => {
			const g = globalThis as unknown as PageGlobals
			return g.document.querySelector('[data-testid=save-status]')?.textContent?.trim() === 'Saved'
		},
		undefined,
		{ timeout: timeoutMs, polling: 100 },
	)
}

/** Creates `count` labelled rectangles in a grid, in batches, and fits them all in the viewport. */
async function fillBoard(page: Page, count: number): Promise<number> {
	return page.evaluate(async (n) => {
		const g = globalThis as unknown as PageGlobals
		const editor = g.cydEditor
		if (!editor) throw new Error('no editor')
		const colors = ['black', 'blue', 'green', 'light-violet', 'orange', 'red', 'violet', 'yellow']
		const columns = Math.ceil(Math.sqrt(n * 1.6))
		const batch = 200
		for (let start = 0; start < n; start += batch) {
			const shapes: unknown[] = []
			for (let i = start; i < Math.min(n, start + batch); i++) {
				shapes.push({
					type: 'geo',
					x: (i % columns) * 140,
					y: Math.floor(i / columns) * 100,
					props: {
						geo: 'rectangle',
						w: 120,
						h: 80,
						color: colors[i % colors.length],
						fill: 'semi',
						richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Idea ${i + 1}` }] }] },
					},
				})
			}
			editor.createShapes(shapes)
			// Let the page paint and the binding write between batches, as pasting in parts would.
			await new Promise((resolve) => g.requestAnimationFrame(() => resolve(null)))
		}
		editor.zoomToFit({ animation: { duration: 0 } })
		return editor.getCurrentPageShapeIds().size
	}, count)
}

/** Measures frames (requestAnimationFrame deltas) and long tasks in the page for `ms`. */
export async function measurePage(page: Page, ms: number): Promise<PageWindow> {
	return page.evaluate(async (windowMs) => {
		const g = globalThis as unknown as PageGlobals
		const editor = g.cydEditor
		if (!editor) throw new Error('no editor')
		const longTasks: LongTask[] = []
		const observer = new g.PerformanceObserver((list) => {
			for (const e of list.getEntries()) longTasks.push({ startTime: e.startTime, duration: e.duration })
		})
		observer.observe({ type: 'longtask', buffered: true })
		let remoteUpdates = 0
		const stop = editor.store.listen(
			(entry) => {
				remoteUpdates += Object.keys(entry.changes.updated).filter((id) => id.startsWith('shape:')).length
			},
			{ source: 'remote', scope: 'document' },
		)
		const frameDeltas: number[] = []
		// The window starts at the first frame, so that every delta is a whole frame.
		const start = await new Promise<number>((resolve) => g.requestAnimationFrame(resolve))
		const startEpoch = Date.now()
		await new Promise<void>((resolve) => {
			let last = start
			const tick = (now: number) => {
				frameDeltas.push(now - last)
				last = now
				if (now - start < windowMs) g.requestAnimationFrame(tick)
				else resolve()
			}
			g.requestAnimationFrame(tick)
		})
		const end = g.performance.now()
		const endEpoch = Date.now()
		for (const e of observer.takeRecords()) longTasks.push({ startTime: e.startTime, duration: e.duration })
		observer.disconnect()
		stop()
		return {
			frameDeltas,
			// Buffered entries reach back to the page's load: keep only those that began in the window.
			longTasks: longTasks.filter((t) => t.startTime >= start && t.startTime < end),
			elapsedMs: end - start,
			remoteUpdates,
			heapBytes: g.performance.memory?.usedJSHeapSize ?? Number.NaN,
			startEpoch,
			endEpoch,
		}
	}, ms)
}

async function chromiumTimes(cdp: CDPSession): Promise<ChromiumTimes> {
	const { processInfo } = await cdp.send('SystemInfo.getProcessInfo')
	const sum = (type?: string) => processInfo.filter((p) => type === undefined || p.type === type).reduce((s, p) => s + p.cpuTime, 0)
	return { renderer: sum('renderer'), gpu: sum('GPU'), all: sum(), span: performance.now() / 1000 }
}

/** Measures one window in the page, with Chromium's CPU over the wall-clock span around it. */
async function measure(page: Page, cdp: CDPSession, ms: number): Promise<{ w: PageWindow; times: ChromiumTimes }> {
	const before = await chromiumTimes(cdp)
	const w = await measurePage(page, ms)
	const after = await chromiumTimes(cdp)
	return {
		w,
		times: { renderer: after.renderer - before.renderer, gpu: after.gpu - before.gpu, all: after.all - before.all, span: after.span - before.span },
	}
}

function toRow(step: string, server: string, shapes: number, m: { w: PageWindow; times: ChromiumTimes }, dragsSent: number, errors: number): W4Row {
	const { w, times } = m
	const seconds = w.elapsedMs / 1000
	const sorted = Float64Array.from(w.frameDeltas).sort()
	return {
		step,
		server,
		shapes,
		seconds,
		frames: w.frameDeltas.length,
		fps: w.frameDeltas.length / seconds,
		frameP50: percentile(sorted, 0.5),
		frameP95: percentile(sorted, 0.95),
		frameP99: percentile(sorted, 0.99),
		frameMax: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
		longTasks: w.longTasks.length,
		longTaskMaxMs: w.longTasks.reduce((m, t) => Math.max(m, t.duration), 0),
		longTaskTotalMs: w.longTasks.reduce((s, t) => s + t.duration, 0),
		remoteShapeUpdatesPerSecond: w.remoteUpdates / seconds,
		rendererCpuPct: (times.renderer / times.span) * 100,
		gpuCpuPct: (times.gpu / times.span) * 100,
		chromiumCpuPct: (times.all / times.span) * 100,
		cpuSpanSeconds: times.span,
		dragUpdatesSentPerSecond: dragsSent / seconds,
		jsHeapMiB: w.heapBytes / 1024 / 1024,
		errors,
	}
}

/** A remote participant moving one shape around a small circle `hz` times a second. */
class Dragger {
	/** Date.now() of every update sent. */
	readonly sentAt: number[] = []
	private timer: NodeJS.Timeout | null = null

	constructor(
		readonly client: BenchClient,
		private readonly shapeId: string,
	) {}

	start(hz: number, phase: number): void {
		const record = this.client.doc.getMap<Y.Map<unknown>>('records').get(this.shapeId)
		if (!(record instanceof Y.Map)) throw new Error(`shape ${this.shapeId} is not in the drag client's document`)
		const x0 = Number(record.get('x'))
		const y0 = Number(record.get('y'))
		let step = 0
		const move = () => {
			const angle = (step++ / hz) * Math.PI + phase
			this.client.doc.transact(() => {
				record.set('x', Math.round(x0 + 150 * Math.cos(angle)))
				record.set('y', Math.round(y0 + 150 * Math.sin(angle)))
			})
			this.sentAt.push(Date.now())
		}
		this.timer = setInterval(move, 1000 / hz)
	}

	stop(): void {
		if (this.timer) clearInterval(this.timer)
		this.timer = null
	}
}

export async function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms)
	})
	try {
		return await Promise.race([promise, timeout])
	} finally {
		clearTimeout(timer)
	}
}

/**
 * W4 against one Cyd spec: the page joins an empty room, makes the board, and is measured idle and then
 * while `draggers` Node clients (stock y-websocket providers, through the server) drag a shape each.
 */
export async function runW4(spec: ServerSpec, config: W4Config): Promise<W4Row[]> {
	const idle = 'board idle'
	const dragging = `${config.draggers} remote drags at ${config.dragHz} Hz`
	const throttled = `${dragging}, CPU ${config.cpuThrottle}x slower`
	if (!existsSync(chromiumPath)) return [emptyRow(idle, spec.name, config.shapes, `${chromiumPath} is missing`)]
	if (!existsSync(webDist)) return [emptyRow(idle, spec.name, config.shapes, 'apps/web/dist is missing: run `pnpm turbo run build`')]
	let server: RunningServer | null = null
	let browser: Browser | null = null
	const clients: BenchClient[] = []
	const draggers: Dragger[] = []
	const rows: W4Row[] = []
	let pageErrors = 0
	try {
		server = await RunningServer.start(spec)
		const room = await server.createRoom('bench-w4')
		const origin = `http://127.0.0.1:${server.processes[0]!.port}`
		browser = await chromium.launch({
			executablePath: chromiumPath,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
			timeout: config.timeoutMs,
		})
		const page = await browser.newPage({ viewport: config.viewport })
		page.setDefaultTimeout(config.timeoutMs)
		page.on('pageerror', () => pageErrors++)
		await page.goto(origin + joinPath(room))
		await page.getByLabel('Your name').fill('Bench')
		await page.getByRole('button', { name: 'Join' }).click()
		await page.waitForFunction(() => (globalThis as unknown as PageGlobals).cydEditor !== undefined, undefined, { timeout: config.timeoutMs })
		await waitSaved(page, config.timeoutMs)

		const made = await fillBoard(page, config.shapes)
		if (made !== config.shapes) throw new Error(`the page holds ${made} shapes, not ${config.shapes}`)
		await waitSaved(page, config.timeoutMs)

		for (let i = 0; i < config.draggers; i++) {
			clients.push(new BenchClient({ protocol: spec.protocol, url: server.socketUrl, room }))
		}
		await bounded(Promise.all(clients.map((c) => c.synced)), config.timeoutMs, 'syncing the drag clients')
		const ids = [...clients[0]!.doc.getMap<Y.Map<unknown>>('records').keys()].filter((id) => id.startsWith('shape:')).sort()
		if (ids.length !== config.shapes) throw new Error(`the drag clients see ${ids.length} shapes, not ${config.shapes}`)

		await sleep(config.settleMs)
		const cdp = await browser.newBrowserCDPSession()
		const errorsBefore = pageErrors
		rows.push(toRow(idle, spec.name, config.shapes, await measure(page, cdp, config.windowMs), 0, pageErrors - errorsBefore))

		const spread = Math.floor(ids.length / config.draggers)
		clients.forEach((c, i) => draggers.push(new Dragger(c, ids[i * spread]!)))
		draggers.forEach((d, i) => d.start(config.dragHz, (i * 2 * Math.PI) / config.draggers))
		await sleep(config.settleMs)
		const lostBefore = clients.reduce((s, c) => s + c.errors, 0)
		const errorsBeforeDrag = pageErrors
		// CYD_W4_PROFILE=<file>: a CPU profile of the page during the drag window (open it in Chrome's DevTools).
		const profileTo = process.env.CYD_W4_PROFILE
		const profiler = profileTo ? await page.context().newCDPSession(page) : null
		if (profiler) {
			await profiler.send('Profiler.enable')
			await profiler.send('Profiler.start')
		}
		// CYD_W4_TRACE=<file>: a Chromium performance trace of the drag window (open it in DevTools' Performance panel).
		const traceTo = process.env.CYD_W4_TRACE
		if (traceTo) await browser.startTracing(page, { path: traceTo, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'toplevel'] })
		const m = await measure(page, cdp, config.windowMs)
		if (traceTo) await browser.stopTracing()
		if (profiler && profileTo) writeFileSync(profileTo, JSON.stringify((await profiler.send('Profiler.stop')).profile))
		const sent = draggers.reduce((s, d) => s + d.sentAt.filter((t) => t >= m.w.startEpoch && t < m.w.endEpoch).length, 0)
		const errors = clients.reduce((s, c) => s + c.errors, 0) - lostBefore + pageErrors - errorsBeforeDrag
		rows.push(toRow(dragging, spec.name, config.shapes, m, sent, errors))

		// The same drags on a phone-class device: Chromium's CPU throttled (DevTools' own emulation).
		const throttle = await page.context().newCDPSession(page)
		await throttle.send('Emulation.setCPUThrottlingRate', { rate: config.cpuThrottle })
		await sleep(config.settleMs)
		const lostBeforeSlow = clients.reduce((s, c) => s + c.errors, 0)
		const errorsBeforeSlow = pageErrors
		const slow = await measure(page, cdp, config.windowMs)
		await throttle.send('Emulation.setCPUThrottlingRate', { rate: 1 })
		const sentSlow = draggers.reduce((s, d) => s + d.sentAt.filter((t) => t >= slow.w.startEpoch && t < slow.w.endEpoch).length, 0)
		const errorsSlow = clients.reduce((s, c) => s + c.errors, 0) - lostBeforeSlow + pageErrors - errorsBeforeSlow
		rows.push(toRow(throttled, spec.name, config.shapes, slow, sentSlow, errorsSlow))
		if (!server.alive) throw new Error(`server exited: ${server.stderr.slice(-500)}`)
		return rows
	} catch (error) {
		const message = (error as Error).message.split('\n')[0] ?? String(error)
		return [...rows, emptyRow([idle, dragging, throttled][rows.length] ?? throttled, spec.name, config.shapes, message)]
	} finally {
		for (const d of draggers) d.stop()
		for (const c of clients) c.destroy()
		await browser?.close().catch(() => {})
		await server?.dispose()
	}
}
