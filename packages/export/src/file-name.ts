/**
 * The name of an export file: the room's title and the day, then what sets it apart (a saved
 * version's name, "agreed", a CSV table), made safe for every system: letters, digits and dashes. The
 * Unicode name keeps Welsh letters (ŵ, ŷ, â); its ASCII fallback spells them without accents, for
 * programs that cannot take more (a Content-Disposition header carries both: see `contentDisposition`).
 * @module
 */
import { isoDay } from './format.js'

export interface FileName {
	/** Letters (any script), digits and dashes, then the extension. */
	unicode: string
	/** The same in ASCII: accents dropped (ŵ becomes w), other letters spelt out or left out. */
	ascii: string
}

export interface FileNameParts {
	/** The room's title. */
	title: string
	/** When (ISO 8601): the day the export was made, or the day a version was saved. */
	at: string
	/** A saved version's name, or null for the board as it is now. */
	version?: string | null
	agreedOnly?: boolean
	/** One CSV table's name. */
	table?: string
	/** Without the dot: pdf, html, csv, ... */
	extension: string
}

/** Letters no accent-stripping turns into ASCII, spelt out. */
const SPELT: Record<string, string> = { ß: 'ss', æ: 'ae', Æ: 'AE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', þ: 'th', Þ: 'Th', œ: 'oe', Œ: 'OE' }

/** At most this many characters of the title. */
const MAX_TITLE = 60

/** Text as letters, digits and single dashes (apostrophes dropped, so "Tenants’ group" is "Tenants-group"). */
function safe(text: string, max = Number.POSITIVE_INFINITY): string {
	const words = text
		.normalize('NFC')
		.replace(/['’‘`]/gu, '')
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '')
	return Array.from(words).slice(0, max).join('').replace(/-+$/, '')
}

function toAscii(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[^ -~]/g, (ch) => SPELT[ch] ?? '-')
}

/** The file name of an export, in Unicode and in ASCII. */
export function exportFileName(parts: FileNameParts): FileName {
	const title = safe(parts.title, MAX_TITLE)
	const rest = [isoDay(parts.at), safe(parts.version ?? '', 40), parts.agreedOnly ? 'agreed' : '', safe(parts.table ?? '')].filter((p) => p !== '')
	const unicode = [title || 'service-design', ...rest].join('-')
	const ascii = [safe(toAscii(title)) || 'service-design', ...rest.map((p) => safe(toAscii(p)))].filter((p) => p !== '').join('-')
	return { unicode: `${unicode}.${parts.extension}`, ascii: `${ascii}.${parts.extension}` }
}

/** A Content-Disposition header for downloading a file of this name: an ASCII `filename` and a UTF-8 `filename*`. */
export function contentDisposition(name: FileName): string {
	const encoded = encodeURIComponent(name.unicode).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
	return `attachment; filename="${name.ascii}"; filename*=UTF-8''${encoded}`
}
