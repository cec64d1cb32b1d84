/**
 * Markdown tables: every figure beside its ratio to the best peer and to the floor.
 * @module
 */
import type { ServerSpec } from './servers.js'
import type { W4Row } from './w4.js'
import type { W5Row } from './w5.js'
import type { ColdRow, LiveRow } from './workloads.js'

type Direction = 'lower' | 'higher'

function fmt(value: number | null | undefined, digits = 1): string {
	if (value === null || value === undefined || Number.isNaN(value)) return '–'
	if (Math.abs(value) >= 10_000) return Math.round(value).toLocaleString('en-GB')
	return value.toFixed(digits)
}

function ratio(value: number, reference: number | undefined): string {
	if (reference === undefined || !Number.isFinite(value) || !Number.isFinite(reference) || reference === 0) return '–'
	return (value / reference).toFixed(2)
}

/** "value (×best peer / ×floor)". */
function cell(value: number, best: number | undefined, floor: number | undefined, digits = 1): string {
	if (!Number.isFinite(value)) return '–'
	return `${fmt(value, digits)} (${ratio(value, best)} / ${ratio(value, floor)})`
}

function bestOf(values: number[], direction: Direction): number | undefined {
	const finite = values.filter((v) => Number.isFinite(v) && v > 0)
	if (finite.length === 0) return undefined
	return direction === 'lower' ? Math.min(...finite) : Math.max(...finite)
}

function roles(specs: ServerSpec[]) {
	const peers = new Set(specs.filter((s) => !s.floor && !s.subject).map((s) => s.name))
	const floor = specs.find((s) => s.floor)?.name
	return { peers, floor }
}

const liveMetrics: { key: keyof LiveRow; title: string; direction: Direction; digits?: number }[] = [
	{ key: 'p50', title: 'p50 ms', direction: 'lower', digits: 2 },
	{ key: 'p95', title: 'p95 ms', direction: 'lower', digits: 2 },
	{ key: 'p99', title: 'p99 ms', direction: 'lower', digits: 2 },
	{ key: 'cursorP50', title: 'cursor p50 ms', direction: 'lower', digits: 2 },
	{ key: 'deliveredPerSecond', title: 'delivered msg/s', direction: 'higher', digits: 0 },
	{ key: 'cpuMsPer1k', title: 'CPU ms / 1k msgs', direction: 'lower', digits: 2 },
	{ key: 'peakRssMiB', title: 'peak RSS MiB', direction: 'lower', digits: 0 },
]

/** One table for a live workload: a row per step and server, in the order the servers were given. */
export function liveTable(rows: LiveRow[], specs: ServerSpec[], extra: 'rssPerRoom' | null = null): string {
	const { peers, floor } = roles(specs)
	const steps = [...new Set(rows.map((r) => r.step))]
	const header = [
		'step',
		'server',
		...liveMetrics.map((m) => m.title),
		...(extra === 'rssPerRoom' ? ['RSS / room KiB'] : []),
		'server CPU %',
		'errors',
		'missing',
		'edits/s sent',
		'gen CPU %',
	]
	const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`]
	for (const step of steps) {
		const atStep = rows.filter((r) => r.step === step)
		const floorRow = atStep.find((r) => r.server === floor)
		for (const row of atStep) {
			if (row.failure) {
				lines.push(`| ${step} | ${row.server} | failed: ${row.failure.replace(/\|/g, '/').slice(0, 160)} |`)
				continue
			}
			const cells = liveMetrics.map((m) => {
				const best = bestOf(atStep.filter((r) => peers.has(r.server) && !r.failure).map((r) => r[m.key] as number), m.direction)
				return cell(row[m.key] as number, best, floorRow ? (floorRow[m.key] as number) : undefined, m.digits)
			})
			if (extra === 'rssPerRoom') {
				const best = bestOf(atStep.filter((r) => peers.has(r.server)).map((r) => r.rssPerRoomKiB ?? Number.NaN), 'lower')
				cells.push(cell(row.rssPerRoomKiB ?? Number.NaN, best, floorRow?.rssPerRoomKiB, 0))
			}
			lines.push(
				`| ${step} | ${row.server} | ${cells.join(' | ')} | ${fmt(row.serverCpuPct, 0)} | ${row.errors} | ${row.missing} | ${fmt(row.editsPerSecond, 0)} | ${fmt(row.generatorCpuPct, 0)} |`,
			)
		}
	}
	return lines.join('\n')
}

export function coldTable(rows: ColdRow[], specs: ServerSpec[]): string {
	const { peers, floor } = roles(specs)
	const floorRow = rows.find((r) => r.server === floor)
	const peerRows = rows.filter((r) => peers.has(r.server) && !r.failure)
	const best = (pick: (r: ColdRow) => number | null) => bestOf(peerRows.map((r) => pick(r) ?? Number.NaN), 'lower')
	const header = ['server', 'board bytes', 'warm sync ms', 'warm bytes', 'restart ms', 'cold load + sync ms', 'cold bytes', 'server CPU ms (cold)', 'peak RSS MiB', 'errors']
	const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`]
	for (const row of rows) {
		if (row.failure) {
			lines.push(`| ${row.server} | failed: ${row.failure.replace(/\|/g, '/').slice(0, 160)} |`)
			continue
		}
		const durable = row.coldSyncMs !== null
		lines.push(
			`| ${[
				row.server,
				row.boardBytes.toLocaleString('en-GB'),
				cell(row.warmSyncMs, best((r) => r.warmSyncMs), floorRow?.warmSyncMs, 0),
				cell(row.warmBytes, best((r) => r.warmBytes), floorRow?.warmBytes, 0),
				durable ? fmt(row.restartMs, 0) : 'n/a (not durable)',
				durable ? cell(row.coldSyncMs ?? Number.NaN, best((r) => r.coldSyncMs), undefined, 0) : 'n/a',
				durable ? fmt(row.coldBytes, 0) : 'n/a',
				durable ? fmt(row.coldServerCpuMs, 0) : 'n/a',
				fmt(row.peakRssMiB, 0),
				String(row.errors),
			].join(' | ')} |`,
		)
	}
	return lines.join('\n')
}

/**
 * For servers of several processes: each process's share of the row's CPU and memory, a line per step.
 * Empty when no row has parts.
 */
export function partsTable(rows: LiveRow[]): string {
	const split = rows.filter((r) => !r.failure && r.parts && r.parts.length > 1)
	if (split.length === 0) return ''
	const names = [...new Set(split.flatMap((r) => r.parts!.map((p) => p.name)))]
	const header = ['step', 'server', ...names.map((n) => `${n} CPU %`), ...names.map((n) => `${n} peak RSS MiB`)]
	const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`]
	for (const row of split) {
		const part = (name: string) => row.parts!.find((p) => p.name === name)
		const cpu = names.map((n) => fmt(part(n)?.cpuPct, 0))
		const rss = names.map((n) => {
			const p = part(n)
			return p ? `${fmt(p.peakRssMiB, 0)}${p.countsMemory ? '' : ' (not summed)'}` : '–'
		})
		lines.push(`| ${row.step} | ${row.server} | ${[...cpu, ...rss].join(' | ')} |`)
	}
	return lines.join('\n')
}

/** W4: a row per measured window of the page; no ratios, as only Cyd has this client. */
export function clientTable(rows: W4Row[]): string {
	const header = [
		'step',
		'server',
		'shapes',
		'fps',
		'frame p50 ms',
		'frame p95 ms',
		'frame p99 ms',
		'frame max ms',
		'long tasks',
		'long task max ms',
		'long tasks total ms',
		'renderer CPU %',
		'GPU process CPU %',
		'all Chromium CPU %',
		'remote shape changes/s in store',
		'drag updates/s sent',
		'JS heap MiB',
		'errors',
	]
	const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`]
	for (const row of rows) {
		if (row.failure) {
			lines.push(`| ${row.step} | ${row.server} | failed: ${row.failure.replace(/\|/g, '/').slice(0, 200)} |`)
			continue
		}
		lines.push(
			`| ${[
				row.step,
				row.server,
				row.shapes.toLocaleString('en-GB'),
				fmt(row.fps, 1),
				fmt(row.frameP50, 1),
				fmt(row.frameP95, 1),
				fmt(row.frameP99, 1),
				fmt(row.frameMax, 0),
				String(row.longTasks),
				fmt(row.longTaskMaxMs, 0),
				fmt(row.longTaskTotalMs, 0),
				fmt(row.rendererCpuPct, 0),
				fmt(row.gpuCpuPct, 0),
				fmt(row.chromiumCpuPct, 0),
				fmt(row.remoteShapeUpdatesPerSecond, 0),
				fmt(row.dragUpdatesSentPerSecond, 0),
				fmt(row.jsHeapMiB, 0),
				String(row.errors),
			].join(' | ')} |`,
		)
	}
	return lines.join('\n')
}

/**
 * W5: the workshop's figures, its checks (nothing lost at the clients or in storage), each page's frames and
 * the exports; no ratios, as only Cyd has the workshop.
 */
export function workshopTables(rows: W5Row[], exportLimitMs: number): string {
	const header = [
		'server',
		'window s',
		'Node clients',
		'notes',
		'edits/s sent',
		'p50 ms',
		'p95 ms',
		'p99 ms',
		'missing',
		'acknowledged',
		'unacknowledged (sent on leaving)',
		'lost at clients',
		'divergent clients',
		'lost in storage',
		'storage matches',
		'votes (failed)',
		'rejoins',
		'server CPU %',
		'peak RSS MiB',
		'gen CPU %',
		'errors',
	]
	const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`]
	for (const row of rows) {
		if (row.failure) {
			lines.push(`| ${row.server} | failed: ${row.failure.replace(/\|/g, '/').slice(0, 200)} |`)
			continue
		}
		lines.push(
			`| ${[
				row.server,
				fmt(row.seconds, 0),
				String(row.clients),
				String(row.notes),
				fmt(row.editsPerSecond, 1),
				fmt(row.p50, 2),
				fmt(row.p95, 2),
				fmt(row.p99, 2),
				String(row.missing),
				String(row.acknowledged),
				`${row.unacknowledged} (${row.unacknowledgedOnLeaving})`,
				String(row.lostAtClients),
				String(row.divergentClients),
				String(row.lostInStorage),
				row.storageMatches ? 'yes' : '**no**',
				`${row.votes} (${row.voteErrors})`,
				String(row.rejoins),
				fmt(row.serverCpuPct, 0),
				fmt(row.peakRssMiB, 0),
				fmt(row.generatorCpuPct, 0),
				String(row.errors),
			].join(' | ')} |`,
		)
	}
	const ok = rows.filter((r) => !r.failure)
	if (ok.length === 0) return lines.join('\n')
	const held = ok.every((r) => r.lostAtClients === 0 && r.divergentClients === 0 && r.lostInStorage === 0 && r.storageMatches)
	lines.push('', `Nothing lost: ${held ? 'yes' : '**no**'} (every acknowledged edit in every client's document and in storage after a restart, and every board alike).`)
	const frameHeader = ['page', 'fps', 'frame p50 ms', 'frame p95 ms', 'frame max ms', 'long tasks', 'long task max ms', 'long tasks total ms', 'remote shape changes/s in store', 'JS heap MiB']
	lines.push('', `| ${frameHeader.join(' | ')} |`, `| ${frameHeader.map(() => '---').join(' | ')} |`)
	for (const f of ok.flatMap((r) => r.frames)) {
		lines.push(
			`| ${[f.page, fmt(f.fps, 1), fmt(f.frameP50, 1), fmt(f.frameP95, 1), fmt(f.frameMax, 0), String(f.longTasks), fmt(f.longTaskMaxMs, 0), fmt(f.longTaskTotalMs, 0), fmt(f.remoteShapeChangesPerSecond, 0), fmt(f.jsHeapMiB, 0)].join(' | ')} |`,
		)
	}
	const exportHeader = ['export', 'status', 'first ms', 'second ms', 'bytes', `under ${exportLimitMs / 1000} s`]
	lines.push('', `| ${exportHeader.join(' | ')} |`, `| ${exportHeader.map(() => '---').join(' | ')} |`)
	for (const e of ok.flatMap((r) => r.exports)) {
		lines.push(`| ${[e.format.toUpperCase(), String(e.status), fmt(e.firstMs, 0), fmt(e.secondMs, 0), e.bytes.toLocaleString('en-GB'), e.withinLimit ? 'yes' : '**no**'].join(' | ')} |`)
	}
	return lines.join('\n')
}
