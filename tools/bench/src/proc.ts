/**
 * What the kernel says about a process: CPU seconds and memory from /proc, and the core it may run on.
 * @module
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100

/** User plus system CPU seconds used so far by every thread of `pid` (utime + stime of /proc/<pid>/stat). */
export function cpuSeconds(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
	// Fields after the command name, which may itself hold spaces: field 3 (state) is index 0.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
	const utime = Number(fields[11])
	const stime = Number(fields[12])
	return (utime + stime) / clockTicks
}

function statusField(pid: number | 'self', name: string): string | null {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8')
	const line = status.split('\n').find((l) => l.startsWith(`${name}:`))
	return line ? line.slice(name.length + 1).trim() : null
}

function kilobytes(pid: number, name: 'VmHWM' | 'VmRSS'): number {
	const value = statusField(pid, name)
	return value ? Number.parseInt(value, 10) : 0
}

/** Peak resident set size in MiB (VmHWM). */
export function peakRssMiB(pid: number): number {
	return kilobytes(pid, 'VmHWM') / 1024
}

/** Current resident set size in MiB (VmRSS). */
export function rssMiB(pid: number): number {
	return kilobytes(pid, 'VmRSS') / 1024
}

/** The cores this process may run on, as the kernel lists them (e.g. "1"). */
export function allowedCores(): string {
	return statusField('self', 'Cpus_allowed_list') ?? '?'
}

export interface Machine {
	cores: number
	cpuModel: string
	node: string
	platform: string
	generatorCores: string
	/** The machine's 1, 5 and 15 minute load averages when the run started. */
	loadAverage: number[]
}

export function machine(): Machine {
	return {
		cores: cpus().length,
		cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
		node: process.version,
		platform: `${process.platform} ${process.arch}`,
		generatorCores: allowedCores(),
		loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
	}
}
