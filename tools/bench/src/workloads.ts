/**
 * The workloads, each run against one server at a time on a fresh process and data directory.
 * @module
 */
import * as Y from 'yjs'
import { BenchClient } from './client.js'
import { Load, summarize, type LoadOptions, type Window } from './load.js'
import { RunningServer, type PartReading, type ServerSpec } from './servers.js'
import { createShape, shapesOf } from './shapes.js'

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** One server at one step of a live workload (W1, W2). Times in ms, memory in MiB. */
export interface LiveRow {
	step: string
	server: string
	p50: number
	p95: number
	p99: number
	/** Cursor moves, send to receipt at the room's first client. */
	cursorP50: number
	cursorP95: number
	deliveredPerSecond: number
	cpuMsPer1k: number
	/** Server CPU use over the window, in % of its one core. */
	serverCpuPct: number
	peakRssMiB: number
	errors: number
	missing: number
	editsPerSecond: number
	cursorsPerSecond: number
	/** Generator CPU use over the window, in % of its one core: near 100 means the figures are the generator's. */
	generatorCpuPct: number
	/** W2 only: server RSS growth per room with its clients connected, KiB. */
	rssPerRoomKiB?: number
	/**
	 * Servers of several processes only: each measured process over the window. CPU and peak RSS above are
	 * the sums of the parts whose `countsMemory` is true for memory, of every part for CPU.
	 */
	parts?: { name: string; cpuPct: number; peakRssMiB: number; countsMemory: boolean }[]
	failure?: string
}

/** One server's cold-load figures (W3). */
export interface ColdRow {
	server: string
	shapes: number
	boardBytes: number
	/** A new client's full sync from a server holding the board in memory. */
	warmSyncMs: number
	warmBytes: number
	/** Server restarted: from the first client's connect to all shapes present (durable servers only). */
	coldSyncMs: number | null
	coldBytes: number | null
	coldServerCpuMs: number | null
	restartMs: number | null
	peakRssMiB: number
	errors: number
	failure?: string
}

export interface LiveConfig extends LoadOptions {
	/** Settling time after the clients of a step have synced, before its window opens. */
	settleMs: number
	windowMs: number
	/** How long to wait after the load stops for late receipts. */
	graceMs: number
	syncTimeoutMs: number
}

export interface W1Config extends LiveConfig {
	steps: number[]
}

export interface W2Config extends LiveConfig {
	rooms: number
	clientsPerRoom: number
}

export interface W3Config {
	shapes: number
	batch: number
	timeoutMs: number
}

interface Sample {
	window: Window
	cpuSeconds: number
	generatorSeconds: number
	peakRssMiB: number
	errors: number
	/** Each measured process: CPU seconds over the window, peak RSS at its end. */
	parts: PartReading[]
}

function emptyRow(step: string, server: string, failure: string): LiveRow {
	return {
		step,
		server,
		p50: Number.NaN,
		p95: Number.NaN,
		p99: Number.NaN,
		cursorP50: Number.NaN,
		cursorP95: Number.NaN,
		deliveredPerSecond: Number.NaN,
		cpuMsPer1k: Number.NaN,
		serverCpuPct: Number.NaN,
		peakRssMiB: Number.NaN,
		errors: Number.NaN,
		missing: Number.NaN,
		editsPerSecond: Number.NaN,
		cursorsPerSecond: Number.NaN,
		generatorCpuPct: Number.NaN,
		failure,
	}
}

function toRow(server: string, sample: Sample): LiveRow {
	const s = summarize(sample.window)
	return {
		step: s.label,
		server,
		p50: s.p50,
		p95: s.p95,
		p99: s.p99,
		cursorP50: s.cursorP50,
		cursorP95: s.cursorP95,
		deliveredPerSecond: s.deliveredPerSecond,
		cpuMsPer1k: s.delivered > 0 ? (sample.cpuSeconds * 1000 * 1000) / s.delivered : Number.NaN,
		serverCpuPct: (sample.cpuSeconds / s.seconds) * 100,
		peakRssMiB: sample.peakRssMiB,
		errors: sample.errors,
		missing: s.missing,
		editsPerSecond: s.editsSent / s.seconds,
		cursorsPerSecond: s.cursorsSent / s.seconds,
		generatorCpuPct: (sample.generatorSeconds / s.seconds) * 100,
		...(sample.parts.length > 1
			? {
					parts: sample.parts.map((p) => ({
						name: p.name,
						cpuPct: (p.cpuSeconds / s.seconds) * 100,
						peakRssMiB: p.peakRssMiB,
						countsMemory: p.countsMemory,
					})),
				}
			: {}),
	}
}

/** Opens a window over the running load and measures the server and the generator across it. */
async function measure(load: Load, server: RunningServer, label: string, windowMs: number, errorsBefore: number): Promise<Sample> {
	const before = server.read()
	const gen0 = process.cpuUsage()
	load.openWindow(label)
	await sleep(windowMs)
	const window = load.closeWindow()
	const gen = process.cpuUsage(gen0)
	if (!server.alive) throw new Error(`server exited during ${label}: ${server.stderr.slice(-500)}`)
	const parts = server.read().map((p, i) => ({ ...p, cpuSeconds: p.cpuSeconds - before[i]!.cpuSeconds }))
	return {
		window,
		cpuSeconds: parts.reduce((sum, p) => sum + p.cpuSeconds, 0),
		generatorSeconds: (gen.user + gen.system) / 1e6,
		peakRssMiB: parts.reduce((sum, p) => sum + (p.countsMemory ? p.peakRssMiB : 0), 0),
		errors: load.errors - errorsBefore,
		parts,
	}
}

/** Joins clients a few at a time so the server sees a ramp, not one burst. */
async function joinMany(load: Load, rooms: string[], perRoom: number): Promise<void> {
	let joined = 0
	for (let i = 0; i < perRoom; i++) {
		for (const room of rooms) {
			load.join(room)
			if (++joined % 20 === 0) await sleep(25)
		}
	}
}

/** W1, one big workshop: one room, clients ramped through `steps`, the load running throughout. */
export async function runW1(spec: ServerSpec, config: W1Config): Promise<LiveRow[]> {
	let server: RunningServer
	try {
		server = await RunningServer.start(spec)
	} catch (error) {
		return [emptyRow(`${config.steps[0]} clients`, spec.name, (error as Error).message)]
	}
	const load = new Load({ protocol: spec.protocol, urls: server.socketUrls }, config)
	const samples: Sample[] = []
	const rows: LiveRow[] = []
	try {
		const room = await server.createRoom('bench-w1')
		load.start()
		for (const step of config.steps) {
			const label = `${step} clients`
			try {
				const errorsBefore = load.errors
				await joinMany(load, [room], step - load.size)
				await load.allSynced(config.syncTimeoutMs)
				await sleep(config.settleMs)
				samples.push(await measure(load, server, label, config.windowMs, errorsBefore))
			} catch (error) {
				rows.push(emptyRow(label, spec.name, (error as Error).message))
				break
			}
		}
		load.stop()
		await sleep(config.graceMs)
	} finally {
		load.destroy()
		await server.dispose()
	}
	return [...samples.map((sample) => toRow(spec.name, sample)), ...rows]
}

/** W2, many small rooms: `rooms` rooms of `clientsPerRoom` clients, all at once. */
export async function runW2(spec: ServerSpec, config: W2Config): Promise<LiveRow[]> {
	const label = `${config.rooms} rooms × ${config.clientsPerRoom}`
	let server: RunningServer
	try {
		server = await RunningServer.start(spec)
	} catch (error) {
		return [emptyRow(label, spec.name, (error as Error).message)]
	}
	const load = new Load({ protocol: spec.protocol, urls: server.socketUrls }, config)
	try {
		const rooms: string[] = []
		for (let i = 0; i < config.rooms; i++) rooms.push(await server.createRoom(`bench-w2-${i}`))
		const baseline = server.rssMiB()
		await joinMany(load, rooms, config.clientsPerRoom)
		await load.allSynced(config.syncTimeoutMs)
		load.start()
		await sleep(config.settleMs)
		const sample = await measure(load, server, label, config.windowMs, 0)
		load.stop()
		await sleep(config.graceMs)
		const row = toRow(spec.name, sample)
		row.rssPerRoomKiB = ((server.rssMiB() - baseline) * 1024) / config.rooms
		return [row]
	} catch (error) {
		return [emptyRow(label, spec.name, (error as Error).message)]
	} finally {
		load.destroy()
		await server.dispose()
	}
}

async function waitFor(what: string, predicate: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = performance.now() + timeoutMs
	while (!predicate()) {
		if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
		await sleep(2)
	}
}

/** Connects a new client and times it from connect until it holds all `shapes` shapes. */
async function timeFullSync(spec: ServerSpec, server: RunningServer, room: string, config: W3Config) {
	const t0 = performance.now()
	const client = new BenchClient({ protocol: spec.protocol, url: server.socketUrl, room })
	try {
		await waitFor('a full sync', () => client.syncedAt > 0 && shapesOf(client.doc).size >= config.shapes, config.timeoutMs)
		return { ms: performance.now() - t0, bytes: client.bytesReceived, errors: client.errors }
	} finally {
		client.destroy()
	}
}

/** W3, cold load: a board of `shapes` shapes synced by a new client, then loaded from disk after a restart. */
export async function runW3(spec: ServerSpec, config: W3Config): Promise<ColdRow> {
	const row: ColdRow = {
		server: spec.name,
		shapes: config.shapes,
		boardBytes: 0,
		warmSyncMs: Number.NaN,
		warmBytes: Number.NaN,
		coldSyncMs: null,
		coldBytes: null,
		coldServerCpuMs: null,
		restartMs: null,
		peakRssMiB: Number.NaN,
		errors: 0,
	}
	let server: RunningServer
	try {
		server = await RunningServer.start(spec)
	} catch (error) {
		row.failure = (error as Error).message
		return row
	}
	let seed: BenchClient | null = null
	try {
		const room = await server.createRoom('bench-w3')
		seed = new BenchClient({ protocol: spec.protocol, url: server.socketUrl, room })
		await seed.synced
		const seedDoc = seed.doc
		for (let start = 0; start < config.shapes; start += config.batch) {
			seedDoc.transact(() => {
				for (let i = start; i < Math.min(config.shapes, start + config.batch); i++) createShape(seedDoc, `shape:board-${i}`, -1, i)
			})
			await sleep(5)
		}
		row.boardBytes = Y.encodeStateAsUpdate(seedDoc).length
		// A first reader proves the server holds the whole board before anything is timed.
		await timeFullSync(spec, server, room, config)
		const warm = await timeFullSync(spec, server, room, config)
		row.warmSyncMs = warm.ms
		row.warmBytes = warm.bytes
		row.errors += warm.errors + seed.errors
		seed.destroy()
		seed = null
		if (spec.durable) {
			// Let the last leave be written out, then stop the server as an operator would and start it again.
			await sleep(1000)
			const t0 = performance.now()
			await server.restart()
			row.restartMs = performance.now() - t0
			const cpu0 = server.cpuSeconds()
			const cold = await timeFullSync(spec, server, room, config)
			row.coldServerCpuMs = (server.cpuSeconds() - cpu0) * 1000
			row.coldSyncMs = cold.ms
			row.coldBytes = cold.bytes
			row.errors += cold.errors
		}
		row.peakRssMiB = server.peakRssMiB()
	} catch (error) {
		row.failure = (error as Error).message
	} finally {
		seed?.destroy()
		await server.dispose()
	}
	return row
}
