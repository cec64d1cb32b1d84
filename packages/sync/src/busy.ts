/**
 * Whether the process is busy: the share of time its event loop spent working over the last quarter
 * second (Node's event loop utilization), with hysteresis so that the answer does not flap: busy from
 * above `enter`, idle again only below `leave`. The sync core batches presence only while the process is
 * busy (see the room's presence pacing): an idle server sends each cursor at once.
 * @module
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks'

export interface BusyGaugeOptions {
	/** Utilization (0 to 1) above which the process counts as busy. Default 0.5. */
	enter?: number
	/** Utilization below which a busy process counts as idle again. Default 0.3. */
	leave?: number
	/** How often the utilization is sampled. Default 250 ms. */
	periodMs?: number
}

export class BusyGauge {
	busy = false
	private last: EventLoopUtilization = performance.eventLoopUtilization()
	private readonly timer: ReturnType<typeof setInterval>
	private readonly enter: number
	private readonly leave: number

	constructor(options: BusyGaugeOptions = {}) {
		this.enter = options.enter ?? 0.5
		this.leave = options.leave ?? 0.3
		this.timer = setInterval(() => {
			const now = performance.eventLoopUtilization()
			this.observe(performance.eventLoopUtilization(now, this.last).utilization)
			this.last = now
		}, options.periodMs ?? 250)
		this.timer.unref()
	}

	/** Takes one sample of the event loop's utilization (0 to 1). */
	observe(utilization: number): void {
		if (this.busy ? utilization < this.leave : utilization > this.enter) this.busy = !this.busy
	}

	stop(): void {
		clearInterval(this.timer)
	}
}
