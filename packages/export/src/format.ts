/**
 * How numbers, levels and times are written in an export's language. Times are shown in UK time
 * (Europe/London), where Cyd's workshops happen, so "14:05" means what the room's clock said.
 * @module
 */
import { message } from './messages.js'
import type { ExportLanguage } from './options.js'

const MONTHS: Record<ExportLanguage, readonly string[]> = {
	en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
	cy: ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'],
}

const UK_TIME = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: 'numeric',
	day: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23',
})

/** An ISO 8601 time as "4 March 2025, 14:05" (UK time); "Not recorded" for '' or a value that is not a time. */
export function formatTime(iso: string, language: ExportLanguage): string {
	const date = new Date(iso)
	if (iso === '' || Number.isNaN(date.getTime())) return message(language, 'report.notRecorded')
	const part = (type: Intl.DateTimeFormatPartTypes) => UK_TIME.formatToParts(date).find((p) => p.type === type)?.value ?? ''
	const month = MONTHS[language][Number(part('month')) - 1] ?? part('month')
	return `${Number(part('day'))} ${month} ${part('year')}, ${part('hour')}:${part('minute')}`
}

/** An ISO 8601 time's day as "4 March 2025" (UK time); "Not recorded" for '' or a value that is not a time. */
export function formatDate(iso: string, language: ExportLanguage): string {
	const date = new Date(iso)
	if (iso === '' || Number.isNaN(date.getTime())) return message(language, 'report.notRecorded')
	const part = (type: Intl.DateTimeFormatPartTypes) => UK_TIME.formatToParts(date).find((p) => p.type === type)?.value ?? ''
	return `${Number(part('day'))} ${MONTHS[language][Number(part('month')) - 1] ?? part('month')} ${part('year')}`
}

/** The day (YYYY-MM-DD) of an ISO 8601 time in UK time, for file names; '' for a value that is not a time. */
export function isoDay(iso: string): string {
	const date = new Date(iso)
	if (iso === '' || Number.isNaN(date.getTime())) return ''
	const part = (type: Intl.DateTimeFormatPartTypes) => UK_TIME.formatToParts(date).find((p) => p.type === type)?.value ?? ''
	return `${part('year')}-${part('month').padStart(2, '0')}-${part('day').padStart(2, '0')}`
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
	return `${Number(match[3])} ${MONTHS[language][Number(match[2]) - 1] ?? match[2]} ${match[1]}`
}

/** Minutes as hours with at most one decimal, in the language's way of writing numbers: "7.5". */
export function formatHours(minutes: number, language: ExportLanguage): string {
	return new Intl.NumberFormat(language === 'cy' ? 'cy-GB' : 'en-GB', { maximumFractionDigits: 1 }).format(Math.max(0, minutes) / 60)
}
