import { afterEach, describe, expect, it, vi } from 'vitest'
import { frameScheduler, LEAST_GAP_MS } from './frameScheduler'

afterEach(() => {
	vi.useRealTimers()
})

/** A clock the test moves by hand, whose frames are drawn when the test says so. */
function manualClock() {
	let time = 0
	const frames: Array<() => void> = []
	return {
		now: () => time,
		afterFrame: (then: () => void) => void frames.push(then),
		/** Lets `ms` pass, firing the timers due meanwhile. */
		pass(ms: number) {
			time += ms
			vi.advanceTimersByTime(ms)
		},
		/** The frame that draws the last apply ends `ms` from now. */
		draw(ms: number) {
			time += ms
			frames.shift()?.()
		},
		get framesWaiting() {
			return frames.length
		},
	}
}

describe("when others' changes reach the editor", () => {
	it('applies at once in a task of its own, then waits at least as long as the apply and its frame took', () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
		const clock = manualClock()
		const schedule = frameScheduler(clock)
		const applied: number[] = []
		schedule(() => applied.push(clock.now()))
		expect(applied).toEqual([])
		clock.pass(0)
		expect(applied).toEqual([0])
		// More arrives while the frame that draws the first apply is being drawn: it waits for that frame.
		schedule(() => applied.push(clock.now()))
		clock.pass(10)
		expect(applied).toEqual([0])
		// That frame ends 80 ms after the apply began: the next apply waits another 80 ms.
		clock.draw(70)
		clock.pass(79)
		expect(applied).toEqual([0])
		clock.pass(1)
		expect(applied).toEqual([0, 160])
	})

	it('applies only the latest gathering, and at most every LEAST_GAP_MS when drawing is cheap', () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
		const clock = manualClock()
		const schedule = frameScheduler(clock)
		const applied: string[] = []
		schedule(() => applied.push('first'))
		clock.pass(0)
		clock.draw(2)
		schedule(() => applied.push('second'))
		schedule(() => applied.push('third'))
		clock.pass(LEAST_GAP_MS - 3)
		expect(applied).toEqual(['first'])
		clock.pass(1)
		expect(applied).toEqual(['first', 'third'])
		expect(clock.framesWaiting).toBe(1)
	})
})
