/**
 * The server's clock, seen from this browser: every countdown is computed in server time, so every
 * screen shows the same number whatever its own clock says.
 * @module
 */
import { useEffect, useState } from 'react'
import { serverNow } from './api'

/**
 * Estimates `server time − local time` from a few round trips, trusting the fastest (its midpoint is the
 * closest to when the server read its clock).
 */
export async function measureClockOffset(samples = 4): Promise<number> {
	let best: { rtt: number; offset: number } | null = null
	for (let i = 0; i < samples; i++) {
		const sent = Date.now()
		const now = await serverNow()
		const rtt = Date.now() - sent
		const offset = now - (sent + rtt / 2)
		if (!best || rtt < best.rtt) best = { rtt, offset }
	}
	return best?.offset ?? 0
}

/** The offset to add to `Date.now()` for server time; 0 until measured (or if the server cannot be asked). */
export function useClockOffset(): number {
	const [offset, setOffset] = useState(0)
	useEffect(() => {
		let cancelled = false
		const measure = () => measureClockOffset().then((o) => !cancelled && setOffset(o), () => undefined)
		void measure()
		// Clocks drift, and a laptop may sleep through a workshop break.
		const timer = setInterval(measure, 5 * 60_000)
		return () => {
			cancelled = true
			clearInterval(timer)
		}
	}, [])
	return offset
}

/** Server time now, updated every `everyMs` while `active`. */
export function useServerNow(offset: number, active: boolean, everyMs = 250): number {
	const [now, setNow] = useState(() => Date.now() + offset)
	useEffect(() => {
		setNow(Date.now() + offset)
		if (!active) return
		const timer = setInterval(() => setNow(Date.now() + offset), everyMs)
		return () => clearInterval(timer)
	}, [offset, active, everyMs])
	return now
}

/** `m:ss`, rounding up: a countdown shows 0:00 only when the time is up. */
export function formatRemaining(ms: number): string {
	const total = Math.ceil(ms / 1000)
	return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`
}
