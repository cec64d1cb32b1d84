/**
 * `pnpm bench` / `pnpm bench:full`: runs the plan's workloads (quick: W1–W4; full: W1–W5) against Cyd, its peers
 * and the floor in one run, prints a Markdown table per workload and writes bench/results/latest.{json,md}.
 *
 * Options: --quick (default) | --full, --only=cyd,cyd-2proc,relay, --workloads=w1,w2,w3,w4,w5, --awareness=count|decode|stock,
 * --updates=read|apply, --steps=100,200 (W1's client counts).
 * @module
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import type { AwarenessMode, UpdateMode } from './client.js'
import { machine, type Machine } from './proc.js'
import { clientTable, coldTable, liveTable, partsTable, workshopTables } from './report.js'
import { SERVER_CORE, cydServerEntry, repoRoot, servers, takesPart, type ServerSpec, type WorkloadName } from './servers.js'
import { chromiumPath, runW4, type W4Config, type W4Row } from './w4.js'
import { runW5, type W5Config, type W5Row } from './w5.js'
import { runW1, runW2, runW3, type ColdRow, type LiveRow, type W1Config, type W2Config, type W3Config } from './workloads.js'

const GENERATOR_CORE = '1'
const allWorkloads = ['w1', 'w2', 'w3', 'w4', 'w5']
/** What each plan runs unless `--workloads` says otherwise: W5 takes over two minutes even quick, so only the full plan. */
const planWorkloads: Record<'quick' | 'full', string[]> = { quick: ['w1', 'w2', 'w3', 'w4'], full: allWorkloads }

interface Plan {
	mode: 'quick' | 'full'
	w1: W1Config
	w2: W2Config
	w3: W3Config
	w4: W4Config
	w5: W5Config
}

const live = { editHz: 1, cursorHz: 10, graceMs: 2000, syncTimeoutMs: 60_000 }

function plan(mode: 'quick' | 'full', awareness: AwarenessMode, updates: UpdateMode): Plan {
	const quick = mode === 'quick'
	return {
		mode,
		w1: { ...live, awareness, updates, steps: quick ? [25, 50, 100] : [25, 50, 100, 200], settleMs: quick ? 1000 : 3000, windowMs: quick ? 5000 : 15_000 },
		w2: { ...live, awareness, updates, rooms: quick ? 100 : 300, clientsPerRoom: 4, settleMs: quick ? 1000 : 3000, windowMs: quick ? 5000 : 15_000 },
		w3: { shapes: 5000, batch: 250, timeoutMs: 60_000 },
		w4: {
			shapes: 2000,
			draggers: 5,
			dragHz: 30,
			settleMs: quick ? 2000 : 5000,
			windowMs: quick ? 5000 : 20_000,
			timeoutMs: 120_000,
			viewport: { width: 1280, height: 800 },
			cpuThrottle: 4,
		},
		w5: {
			phones: 30,
			seats: 4,
			browsers: 2,
			settleMs: quick ? 3000 : 5000,
			windowMs: quick ? 60_000 : 300_000,
			cursorHz: 10,
			votesPerPerson: 3,
			leavers: 5,
			awayMs: quick ? 8000 : 20_000,
			graceMs: 2000,
			timeoutMs: 120_000,
			exportLimitMs: 2000,
			viewport: { width: 1280, height: 800 },
			seed: 5,
		},
	}
}

function awarenessMode(value: string): AwarenessMode {
	if (value === 'count' || value === 'decode' || value === 'stock') return value
	throw new Error(`--awareness must be count, decode or stock, not ${value}`)
}

function updateMode(value: string): UpdateMode {
	if (value === 'read' || value === 'apply') return value
	throw new Error(`--updates must be read or apply, not ${value}`)
}

function option(name: string): string | undefined {
	const prefix = `--${name}=`
	return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length)
}

/** Runs this same command again pinned to the generator's core, unless it already is. */
async function pinSelf(): Promise<boolean> {
	if (process.env.CYD_BENCH_PINNED === '1') return false
	const child = spawn('taskset', ['-c', GENERATOR_CORE, process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
		stdio: 'inherit',
		env: { ...process.env, CYD_BENCH_PINNED: '1' },
	})
	for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
	const code = await new Promise<number>((resolve) => child.once('exit', (c, s) => resolve(c ?? (s ? 1 : 0))))
	process.exit(code)
}

const awarenessNote: Record<AwarenessMode, string> = {
	count:
		'Awareness (`--awareness=count`): each client sends only its own cursor; received awareness messages are counted at the socket (states per message) and not decoded, to spare the generator.',
	decode:
		'Awareness (`--awareness=decode`): the providers decode every received awareness message; the y-websocket provider is kept from re-sending them, as the Hocuspocus provider does not.',
	stock: 'Awareness (`--awareness=stock`): the providers decode every received awareness message, and the y-websocket provider re-sends each one, unpatched.',
}

const updatesNote: Record<UpdateMode, string> = {
	read: 'Updates (`--updates=read`, W1 and W2): once synced, each client takes every document update it receives at the socket and finds the edits in it by the bytes of their tagged `seq` values (`seq <owner> <n>`), without applying it to its Y.Doc, to spare the generator; W3 and W4 clients apply everything.',
	apply: 'Updates (`--updates=apply`): every client applies every document update it receives to its Y.Doc, as an app does, and finds the edits by observing it.',
}

const loads = (l: number[]) => l.map((v) => v.toFixed(2)).join(', ')

function serverLine(spec: ServerSpec, mode: Plan['mode']): string {
	const only = spec.workloads ? ` (${spec.workloads[mode].map((w) => w.toUpperCase()).join(', ')} only in ${mode} mode)` : ''
	return `${spec.name} = ${spec.description}${only}`
}

/** How a server of several processes is measured, for the header; null if no such server runs. */
function splitNote(specs: ServerSpec[]): string | null {
	const split = specs.filter((s) => (s.processes ?? 1) > 1)
	if (split.length === 0) return null
	const names = split.map((s) => s.name).join(', ')
	return (
		`- ${names}: each Cyd process gets its own port and data directory and the same \`CYD_SECRET\`; both use a fresh PostgreSQL database on this machine's server and a private \`redis-server\` started for the run (pinned to the server core, nothing saved), both dropped afterwards. ` +
		`Rooms are made through the first process; each room's clients alternate between the processes, so most receipts cross from one process to the other through Redis. ` +
		`Its server CPU (and CPU / 1k msgs) is the sum over both Cyd processes **and** the Redis server; PostgreSQL's backends are not included (they are not pinned and are shared with the machine). ` +
		`Its peak RSS is the sum of the two Cyd processes' peaks (Redis not included). Each process's share is in the table under each workload. ` +
		`It is a Cyd variant, not a peer: its ratios compare it to the best peer and the floor, as for cyd.`
	)
}

function header(m: Machine, p: Plan, awareness: AwarenessMode, updates: UpdateMode, started: Date, specs: ServerSpec[]): string {
	const note = splitNote(specs)
	return [
		`# Cyd bench (${p.mode})`,
		'',
		`- Run: ${started.toISOString()}; machine: ${m.cores} cores (${m.cpuModel}), ${m.platform}, Node ${m.node}; load average at the start ${loads(m.loadAverage)} (1, 5, 15 min).`,
		`- Pinning: each server in its own child process under \`taskset -c ${SERVER_CORE}\`; the load generator under \`taskset -c ${GENERATOR_CORE}\` (its allowed cores: ${m.generatorCores}).`,
		`- Clients: stock \`y-websocket\` WebsocketProvider (Cyd, y-websocket, relay) and \`@hocuspocus/provider\` (Hocuspocus), in Node over \`ws\`. ` +
			awarenessNote[awareness] +
			' ' +
			updatesNote[updates],
		`- Load per client: one shape edit/s (a Y.Map per shape; x, y, rotation, props with rich text, ~450 B update) and a cursor move at ${p.w1.cursorHz} Hz through awareness.`,
		`- W1: one room, clients ${p.w1.steps.join(' → ')}, ${p.w1.windowMs / 1000} s window per step after ${p.w1.settleMs / 1000} s settling. W2: ${p.w2.rooms} rooms × ${p.w2.clientsPerRoom} clients, ${p.w2.windowMs / 1000} s window. W3: ${p.w3.shapes} shapes. W4: ${p.w4.shapes} shapes in Chromium, ${p.w4.draggers} remote clients dragging at ${p.w4.dragHz} Hz, ${p.w4.windowMs / 1000} s windows. W5: a workshop of a facilitator, a table of ${p.w5.seats} seats, ${p.w5.phones} phones and ${p.w5.browsers} Chromium pages, ${p.w5.windowMs / 1000} s window.`,
		`- Servers: ${specs.map((s) => serverLine(s, p.mode)).join(', ')}.`,
		...(note ? [note] : []),
		'- Cells: value (ratio to the best peer / ratio to the floor). Peers: y-websocket, hocuspocus, hocuspocus-sqlite; floor: relay; Cyd and its variants are compared with them, never with each other. ' +
			'Latency: send → receipt at every other client of the room, generator clock. Delivered msgs: edit receipts + cursor receipts. ' +
			'gen CPU % near 100 means the generator, not the server, bounds the figures.',
	].join('\n')
}

async function main(): Promise<void> {
	const full = process.argv.includes('--full')
	const awareness = awarenessMode(option('awareness') ?? 'count')
	const updates = updateMode(option('updates') ?? 'read')
	const p = plan(full ? 'full' : 'quick', awareness, updates)
	const steps = option('steps')
	if (steps) {
		p.w1.steps = steps.split(',').map(Number)
		if (p.w1.steps.some((n) => !Number.isInteger(n) || n < 2)) throw new Error(`--steps must be client counts of at least 2, not ${steps}`)
	}
	const only = option('only')?.split(',')
	const workloads = new Set((option('workloads') ?? planWorkloads[p.mode].join(',')).split(','))
	const unknown = [...workloads].filter((w) => !allWorkloads.includes(w))
	if (unknown.length > 0) throw new Error(`--workloads: unknown ${unknown.join(', ')} (known: ${allWorkloads.join(', ')})`)
	const specs = only ? servers.filter((s) => only.includes(s.name)) : servers
	if (specs.some((s) => s.name.startsWith('cyd')) && !existsSync(cydServerEntry)) {
		throw new Error(`${cydServerEntry} is missing: build it first with \`pnpm turbo run build --filter=@cyd/server...\``)
	}
	const m = machine()
	const started = new Date()
	const head = header(m, p, awareness, updates, started, specs)
	console.log(head + '\n')

	const sections: string[] = [head]
	const results: { w1: LiveRow[]; w2: LiveRow[]; w3: ColdRow[]; w4: W4Row[]; w5: W5Row[] } = { w1: [], w2: [], w3: [], w4: [], w5: [] }
	const print = (title: string, table: string) => {
		const section = `## ${title}\n\n${table}`
		console.log(section + '\n')
		sections.push(section)
	}

	const taking = (w: WorkloadName) => specs.filter((s) => takesPart(s, w, p.mode))
	const split = (rows: LiveRow[]) => {
		const table = partsTable(rows)
		return table ? `\n\nServers of several processes, by process (server CPU above is the sum of every column here; peak RSS the sum of those not marked):\n\n${table}` : ''
	}
	if (workloads.has('w1')) {
		for (const spec of taking('w1')) {
			console.error(`W1 ${spec.name}…`)
			results.w1.push(...(await runW1(spec, p.w1)))
		}
		print('W1: one big workshop (one room, ramped)', liveTable(results.w1, specs) + split(results.w1))
	}
	if (workloads.has('w2')) {
		for (const spec of taking('w2')) {
			console.error(`W2 ${spec.name}…`)
			results.w2.push(...(await runW2(spec, p.w2)))
		}
		const note = p.mode === 'quick' ? `\n\nQuick mode runs ${p.w2.rooms} rooms, not 300; \`pnpm bench:full\` runs 300.` : ''
		print('W2: many small rooms', liveTable(results.w2, specs, 'rssPerRoom') + split(results.w2) + note)
	}
	if (workloads.has('w3')) {
		for (const spec of taking('w3')) {
			console.error(`W3 ${spec.name}…`)
			results.w3.push(await runW3(spec, p.w3))
		}
		print(
			'W3: cold load of a 5,000-shape board',
			coldTable(results.w3, specs) +
				'\n\nWarm: a new client syncs from a server holding the board in memory. Cold: the server is stopped (SIGTERM) and started again on the same data, then the first client is timed; only durable servers can do this.',
		)
	}
	if (workloads.has('w4')) {
		const cyd = specs.find((s) => s.name === 'cyd')
		// The A of an A/B (CYD_BENCH_AB) runs W4 too.
		for (const spec of specs.filter((s) => s.name === 'cyd-ab' || s.name === 'cyd')) {
			console.error(`W4 ${spec.name}…`)
			results.w4.push(...(await runW4(spec, p.w4)))
		}
		print(
			`W4: the client in Chromium (${p.w4.shapes.toLocaleString('en-GB')} shapes, ${p.w4.draggers} remote drags)`,
			(cyd ? clientTable(results.w4) : 'Not run: W4 measures Cyd\'s web client and needs the `cyd` server (`--only` left it out).') +
				`\n\nCyd only: this is Cyd's web client (tldraw over Yjs), which the peers do not have. Chromium (\`${chromiumPath}\`, headless, software rendering with \`--disable-gpu\`, ` +
				`${p.w4.viewport.width}×${p.w4.viewport.height}) joins a fresh room, makes ${p.w4.shapes.toLocaleString('en-GB')} labelled rectangles in a grid through \`editor.createShapes\`, fits them all in view and waits for "Saved". ` +
				`Then ${p.w4.draggers} Node clients (stock y-websocket, through the server) each move one shape's x and y ${p.w4.dragHz} times a second. ` +
				`Each window is measured in the page: frame times are requestAnimationFrame deltas, long tasks come from a \`longtask\` PerformanceObserver (only those that began in the window), ` +
				`Chromium's CPU per process type comes from the DevTools protocol (SystemInfo.getProcessInfo) around the window, in % of one core; remote shape changes are shape records changed by remote store changes (the binding applies what arrived since its last flush as one change, so several moves of a shape count once). Chromium (all its processes, including rasterization) runs on the generator's core beside the five drag clients, not on the server's.`,
		)
	}
	if (workloads.has('w5')) {
		const cyd = specs.find((s) => s.name === 'cyd')
		if (cyd) {
			console.error('W5 cyd…')
			results.w5.push(await runW5(cyd, p.w5))
		}
		const c = p.w5
		print(
			`W5: a whole workshop (${c.phones} phones, a table of ${c.seats}, ${c.browsers} Chromium pages, ${c.windowMs / 1000} s)`,
			(cyd ? workshopTables(results.w5, c.exportLimitMs) : "Not run: W5 uses Cyd's workshop API and needs the `cyd` server (`--only` left it out).") +
				`\n\nCyd only: one room through Cyd's workshop API. The facilitator joins by the facilitator link and sets a table of ${c.seats} seats; the table is the facilitator's second canvas connection (\`table=1\`), making and moving notes for its seats (\`meta.seat\`); ` +
				`${c.phones} phones join by the participant link (a session each) as stock y-websocket clients in Node, each with its own mix (seeded): add a note, drag a note (4 to 11 moves at 20 Hz), type into one of its notes (4 to 13 keystrokes, one edit each), think, and move its cursor at ${c.cursorHz} Hz; ` +
				`${c.leavers} phones leave once and come back ${c.awayMs / 1000} s later with the same session. The facilitator drags notes now and then, opens a voting round (${c.votesPerPerson} votes each) at 40 % of the window and closes it at 60 %; phones and the table's seats vote through \`POST /votes\` in between. ` +
				`${c.browsers} Chromium pages (headless, \`--disable-gpu\`, ${c.viewport.width}×${c.viewport.height}) join by the participant link and measure requestAnimationFrame deltas and long tasks over the window. ` +
				`Latency: an edit's send to its receipt at every other Node client, found by the edit's tagged seq in the update each client applies. Missing: receipts of acknowledged edits owed to clients synced at the send and still connected at the end, never seen. ` +
				`Acknowledged: edits another client received (the server took them); of the unacknowledged, in brackets, those a phone sent in its last second before it left that no client holds. Lost at clients: (client, acknowledged edit) pairs whose edit a live client's document lacks at the end (by the sender's Yjs clock); divergent: clients whose board (every record, keys sorted) differs from the first's. ` +
				`Lost in storage: acknowledged edits missing from a fresh client's board after every client left and the server was stopped (SIGTERM) and started again on the same DATA_DIR; matches: that board equals the clients'. ` +
				`Exports: \`GET /api/rooms/<id>/export?format=html|pdf\` with the facilitator's session after the window, twice each (the first also loads the server's exporters), judged by the first against ${c.exportLimitMs / 1000} s. Chromium and the Node clients share the generator's core.`,
		)
	}
	const seconds = Math.round((Date.now() - started.getTime()) / 1000)
	const loadAtEnd = loadavg().map((l) => Math.round(l * 100) / 100)
	const footer = `The run took ${seconds} s; load average at the end ${loads(loadAtEnd)} (1, 5, 15 min).`
	console.log(footer)
	sections.push(footer)

	const out = join(repoRoot, 'bench', 'results')
	mkdirSync(out, { recursive: true })
	const json = {
		mode: p.mode,
		started: started.toISOString(),
		durationSeconds: seconds,
		machine: m,
		loadAverageAtEnd: loadAtEnd,
		pinning: { servers: SERVER_CORE, generator: GENERATOR_CORE },
		awareness,
		updates,
		plan: p,
		servers: specs.map(({ name, description, protocol, durable, processes, shared, workloads }) => ({
			name,
			description,
			protocol,
			durable,
			processes: processes ?? 1,
			...(shared ? { shared: 'fresh PostgreSQL database + private Redis; CPU includes Redis, not PostgreSQL; peak RSS sums the server processes only' } : {}),
			...(workloads ? { workloads: workloads[p.mode] } : {}),
		})),
		results,
	}
	// A run of only some workloads keeps to its own files, so it does not replace a run of them all.
	const chosen = [...workloads].sort()
	const base = planWorkloads[p.mode].every((w) => workloads.has(w)) ? 'latest' : `latest-${chosen.join('-')}`
	writeFileSync(join(out, `${base}.json`), JSON.stringify(json, null, 2) + '\n')
	writeFileSync(join(out, `${base}.md`), sections.join('\n\n') + '\n')
	console.error(`wrote ${join('bench', 'results', `${base}.json`)} and ${base}.md (${seconds} s)`)
}

// Every y-websocket provider adds a process exit listener; hundreds of clients are expected here.
process.setMaxListeners(0)
if (!(await pinSelf())) {
	main().then(
		() => process.exit(0),
		(error: unknown) => {
			console.error(error)
			process.exit(1)
		},
	)
}
