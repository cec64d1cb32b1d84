/**
 * A room's time zone: its dates and times ("29 November 2026, 14:05") are written in it, on every screen
 * and in every export, whatever the reader's device says. Europe/London unless the facilitator sets another.
 * @module
 */

/** The time zone of a room whose facilitator has not set one. */
export const DEFAULT_TIME_ZONE = 'Europe/London'

/** Whether `name` is an IANA time zone this runtime knows ("Europe/London", "UTC"). */
export function isTimeZone(name: string): boolean {
	if (name.length === 0 || name.length > 64) return false
	try {
		new Intl.DateTimeFormat('en-GB', { timeZone: name })
		return true
	} catch {
		return false
	}
}
