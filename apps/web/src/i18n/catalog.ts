/**
 * Message catalogues and the pure translate function (no React), so tests and non-React code can use it.
 *
 * Messages are ICU MessageFormat (through intl-messageformat): `{name}` fills in a value, and
 * `{count, plural, one {# vote} other {# votes}}` picks the form the language needs for a number.
 * English has two plural forms; Welsh has six (zero, one, two, few, many, other), each with the
 * mutation its number calls for ("2 gerdyn", "3 cherdyn", "6 phleidlais").
 *
 * Dates and times are written with `Intl.DateTimeFormat` in the language's locale (en-GB, cy-GB) and
 * the room's time zone (Europe/London unless its facilitator sets another; see `useI18n().timeZone`).
 * @module
 */
import { isLanguage, LANGUAGES, type Language } from '@cyd/model'
import { IntlMessageFormat } from 'intl-messageformat'
import { cy } from './cy'
import { en, type MessageKey, type Messages } from './en'

export type { MessageKey, Messages }
export { LANGUAGES, isLanguage }
export type { Language }

export const catalogs: Record<Language, Messages> = { en, cy }

/** The locale each language formats numbers, plurals and dates in. */
export const LOCALES: Record<Language, string> = { en: 'en-GB', cy: 'cy-GB' }

/** The time zone of a room whose facilitator has set none, and of pages outside a room. */
export const ROOM_TIME_ZONE = 'Europe/London'

export type Params = Record<string, string | number>

const compiled = new Map<string, IntlMessageFormat | null>()

/** The compiled message (cached), or null when it is not valid ICU (then it is filled in the simple way). */
function compile(language: Language, key: MessageKey, source: string): IntlMessageFormat | null {
	const id = `${language}\u0000${key}\u0000${source}`
	let format = compiled.get(id)
	if (format === undefined) {
		try {
			format = new IntlMessageFormat(source, LOCALES[language], undefined, { ignoreTag: true })
		} catch {
			format = null
		}
		compiled.set(id, format)
	}
	return format
}

/** `{name}` replaced by params[name], other text left as it is: what a message falls back to. */
function fillSimply(message: string, params: Params = {}): string {
	return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/**
 * The message `key` in `language`, formatted with `params` (ICU MessageFormat: placeholders, plurals,
 * selects). A value left out leaves its `{placeholder}` showing rather than failing, and an unknown
 * key shows as itself.
 */
export function translate(language: Language, key: MessageKey, params?: Params): string {
	const source = catalogs[language][key] as string | undefined
	// A key no catalogue has (a slip the typecheck did not see, such as a key made at run time) shows as itself.
	if (source === undefined) return key
	const format = compile(language, key, source)
	if (!format) return fillSimply(source, params)
	try {
		return String(format.format(params ?? {}))
	} catch {
		return fillSimply(source, params)
	}
}

interface Element {
	type: number
	value?: unknown
	options?: Record<string, { value: Element[] }>
	children?: Element[]
}

// The parser's element types (TYPE in @formatjs/icu-messageformat-parser).
const LITERAL = 0
const POUND = 7

function collect(elements: readonly Element[], names: Set<string>) {
	for (const element of elements) {
		if (element.type !== LITERAL && element.type !== POUND && typeof element.value === 'string') names.add(element.value)
		for (const option of Object.values(element.options ?? {})) collect(option.value, names)
		if (element.children) collect(element.children, names)
	}
}

/** The values a message uses (its placeholders and the numbers its plurals choose by), sorted. */
export function placeholders(message: string): string[] {
	const format = new IntlMessageFormat(message, 'en-GB', undefined, { ignoreTag: true })
	const names = new Set<string>()
	collect(format.getAst() as unknown as Element[], names)
	return [...names].sort()
}

/** The plural categories a message's plurals name (`zero`, `one`, `=0`, …), by the value each counts. */
export function pluralForms(message: string): Record<string, string[]> {
	const format = new IntlMessageFormat(message, 'en-GB', undefined, { ignoreTag: true })
	const forms: Record<string, string[]> = {}
	const walk = (elements: readonly Element[]) => {
		for (const element of elements) {
			if ('pluralType' in element && typeof element.value === 'string') forms[element.value] = Object.keys(element.options ?? {}).sort()
			for (const option of Object.values(element.options ?? {})) walk(option.value)
			if (element.children) walk(element.children)
		}
	}
	walk(format.getAst() as unknown as Element[])
	return forms
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()

function dateFormat(language: Language, options: Intl.DateTimeFormatOptions, timeZone: string): Intl.DateTimeFormat {
	const id = `${language} ${timeZone} ${JSON.stringify(options)}`
	let format = dateFormats.get(id)
	if (!format) {
		format = new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone })
		dateFormats.set(id, format)
	}
	return format
}

/** A moment as the language writes a date and time: "29 Tachwedd 2026, 14:05" (the room's time zone). */
export function formatDateTime(language: Language, at: string | number | Date, timeZone = ROOM_TIME_ZONE): string {
	const date = new Date(at)
	if (Number.isNaN(date.getTime())) return ''
	const time = dateFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, timeZone).format(date)
	return `${formatDate(language, date, timeZone)}, ${time}`
}

/** A moment's day as the language writes it: "29 Tachwedd 2026" (the room's time zone). */
export function formatDate(language: Language, at: string | number | Date, timeZone = ROOM_TIME_ZONE): string {
	const date = new Date(at)
	if (Number.isNaN(date.getTime())) return ''
	return dateFormat(language, { day: 'numeric', month: 'long', year: 'numeric' }, timeZone).format(date)
}
