/**
 * How numbers, levels and times are written in an export's language, through `Intl` in the language's
 * locale (en-GB, cy-GB). Times are shown in the room's time zone (`ExportOptions.timeZone`, Europe/London
 * unless the facilitator sets another): "14:05" means what the room's clock said, in British Summer Time
 * or not.
 * @module
 */
import { message } from './messages.js'
import type { ExportLanguage } from './options.js'

/** The locale an export's language is written in. */
export const LOCALES: Record<ExportLanguage, string> = { en: 'en-GB', cy: 'cy-GB' }

/** The time zone of a room whose facilitator has set none. */
export const ROOM_TIME_ZONE = 'Europe/London'

const formats = new Map<string, Intl.DateTimeFormat>()

function dateFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const id = `${locale} ${timeZone} ${JSON.stringify(options)}`
	let format = formats.get(id)
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { ...options, timeZone })
		formats.set(id, format)
	}
	return format
}

const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' }
const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }

function moment(iso: string): Date | null {
	const date = new Date(iso)
	return iso === '' || Number.isNaN(date.getTime()) ? null : date
}

/** An ISO 8601 time as "4 March 2025, 14:05" (the room's time); "Not recorded" for '' or a value that is not a time. */
export function formatTime(iso: string, language: ExportLanguage, timeZone = ROOM_TIME_ZONE): string {
	const date = moment(iso)
	if (!date) return message(language, 'report.notRecorded')
	return `${dateFormat(LOCALES[language], timeZone, DAY).format(date)}, ${dateFormat(LOCALES[language], timeZone, CLOCK).format(date)}`
}

/** An ISO 8601 time's day as "4 March 2025" (the room's time); "Not recorded" for '' or a value that is not a time. */
export function formatDate(iso: string, language: ExportLanguage, timeZone = ROOM_TIME_ZONE): string {
	const date = moment(iso)
	if (!date) return message(language, 'report.notRecorded')
	return dateFormat(LOCALES[language], timeZone, DAY).format(date)
}

/** The day (YYYY-MM-DD) of an ISO 8601 time in the room's time, for file names; '' for a value that is not a time. */
export function isoDay(iso: string, timeZone = ROOM_TIME_ZONE): string {
	const date = moment(iso)
	if (!date) return ''
	const parts = dateFormat('en-GB', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date)
	const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
	return `${part('year')}-${part('month')}-${part('day')}`
}

/** A 0..1 share (influence, interest) as a word and a percentage: "High (80%)". */
export function formatLevel(share: number, language: ExportLanguage): string {
	const clamped = Math.min(1, Math.max(0, share))
	const level = clamped >= 2 / 3 ? 'level.high' : clamped >= 1 / 3 ? 'level.medium' : 'level.low'
	return `${message(language, level)} (${Math.round(clamped * 100)}%)`
}

/** A day `YYYY-MM-DD` as "30 June 2025" (a calendar day, with no time zone); the text itself when it is not one. */
export function formatDay(day: string, language: ExportLanguage): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
	if (!match) return day
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
	if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(match[3])) return day
	return dateFormat(LOCALES[language], 'UTC', DAY).format(date)
}

/** Minutes as hours with at most one decimal, in the language's way of writing numbers: "7.5". */
export function formatHours(minutes: number, language: ExportLanguage): string {
	return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 1 }).format(Math.max(0, minutes) / 60)
}
