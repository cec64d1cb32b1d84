/**
 * When others' changes reach the editor (the binding's `scheduleRemote`).
 * @module
 */

/** Least time between two applies of others' changes, in ms (30 a second at most). */
export const LEAST_GAP_MS = 33
/** Longest wait for the frame after an apply; a hidden page draws none. */
const FRAME_WAIT_MS = 250

/** What the scheduler reads of the page: the time, and when a frame has been drawn. */
export interface SchedulerClock {
	now(): number
	afterFrame(then: () => void): void
}

const browserClock: SchedulerClock = {
	now: () => performance.now(),
	afterFrame: (then) => afterNextFrame(FRAME_WAIT_MS, then),
}

/**
 * When others' changes reach the editor: gathered, then applied in a task of their own (not inside a
 * frame, whose drawing would make it a long task), at most 30 times a second, and never more than half
 * the time: what an apply cost is measured up to the end of the frame that draws it (on a big board,
 * drawing the change costs more than making it), and the next apply waits at least as long again. A slow
 * device then sees others' drags in fewer, larger steps, and keeps its frames for its own person.
 */
export function frameScheduler(clock: SchedulerClock = browserClock): (apply: () => void) => void {
	const { now, afterFrame } = clock
	let notBefore = 0
	let waiting: (() => void) | null = null
	let timer: ReturnType<typeof setTimeout> | null = null
	let drawing = false
	const arm = () => {
		timer ??= setTimeout(run, Math.max(0, notBefore - now()))
	}
	const run = () => {
		timer = null
		if (drawing) return
		if (now() < notBefore) return arm()
		const apply = waiting
		waiting = null
		if (!apply) return
		const started = now()
		apply()
		drawing = true
		afterFrame(() => {
			drawing = false
			const drawn = now()
			notBefore = Math.max(started + LEAST_GAP_MS, drawn + (drawn - started))
			if (waiting) arm()
		})
	}
	return (apply) => {
		waiting = apply
		if (!drawing) arm()
	}
}

/** Calls `then` in the first task after the next frame is drawn, or after `atMostMs` if none is. */
export function afterNextFrame(atMostMs: number, then: () => void): void {
	let done = false
	const finish = () => {
		if (done) return
		done = true
		clearTimeout(fallback)
		then()
	}
	const fallback = setTimeout(finish, atMostMs)
	requestAnimationFrame(() => setTimeout(finish, 0))
}
