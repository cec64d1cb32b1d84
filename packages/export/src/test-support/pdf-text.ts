/**
 * Reads the text back out of a PDF that pdfkit wrote, for tests: enough of PDF to find each font's
 * ToUnicode map and each page's text-showing operators, and to turn the glyph codes back into the
 * characters they stand for. Text drawn in an embedded font is stored as glyph codes, not characters,
 * so searching the raw file for a word finds nothing; this finds it.
 * @module
 */
import { unzlibSync } from 'fflate'

export interface PdfObject {
	dict: string
	stream: Uint8Array | null
}

const latin1 = new TextDecoder('latin1')

export function objects(bytes: Uint8Array): Map<number, PdfObject> {
	const text = latin1.decode(bytes)
	const found = new Map<number, PdfObject>()
	for (const match of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
		const body = match[2]!
		const streamAt = body.indexOf('stream')
		if (streamAt < 0) {
			found.set(Number(match[1]), { dict: body, stream: null })
			continue
		}
		const dict = body.slice(0, streamAt)
		const start = match.index! + match[0].indexOf(body) + streamAt + 'stream'.length + (body[streamAt + 6] === '\r' ? 2 : 1)
		const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0)
		const raw = bytes.slice(start, start + length)
		found.set(Number(match[1]), { dict, stream: dict.includes('/FlateDecode') ? unzlibSync(raw) : raw })
	}
	return found
}

export function hexToCodes(hex: string): number[] {
	const codes: number[] = []
	for (let i = 0; i + 4 <= hex.length; i += 4) codes.push(parseInt(hex.slice(i, i + 4), 16))
	return codes
}

/** The text of a CMap destination such as `<0066 006c>` ("fl"): UTF-16 code units, spaces allowed. */
function hexToText(hex: string): string {
	return String.fromCharCode(...hexToCodes(hex.replace(/\s+/g, '')))
}

/** The glyph-code-to-text map of a ToUnicode CMap. */
function parseCMap(cmap: string): Map<number, string> {
	const map = new Map<number, string>()
	for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
		for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1]!, 16), hexToText(m[2]!))
	}
	for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
		for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
			const low = parseInt(m[1]!, 16)
			const high = parseInt(m[2]!, 16)
			const target = m[3]!
			if (target.startsWith('[')) {
				const items = [...target.matchAll(/<([0-9a-fA-F\s]+)>/g)].map((t) => hexToText(t[1]!))
				items.forEach((item, i) => map.set(low + i, item))
			} else {
				const first = parseInt(target.slice(1, -1), 16)
				for (let code = low; code <= high; code++) map.set(code, String.fromCharCode(first + code - low))
			}
		}
	}
	return map
}

/** Each font resource name (F1, F2, ...) with the map from its glyph codes to text. */
export function fontMaps(all: Map<number, PdfObject>): Map<string, Map<number, string>> {
	const byName = new Map<string, Map<number, string>>()
	for (const { dict } of all.values()) {
		for (const m of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
			const font = all.get(Number(m[2]))
			const toUnicode = font && /\/ToUnicode (\d+) 0 R/.exec(font.dict)
			const cmap = toUnicode && all.get(Number(toUnicode[1]))?.stream
			if (cmap) byName.set(m[1]!, parseCMap(latin1.decode(cmap)))
		}
	}
	return byName
}

/** The text of a content stream: one line per text-showing operator. */
function streamText(content: string, fonts: Map<string, Map<number, string>>): string[] {
	const lines: string[] = []
	let font = new Map<number, string>()
	for (const m of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|[^\]])*)\] TJ|<([0-9a-fA-F]*)> Tj/g)) {
		if (m[1]) {
			font = fonts.get(m[1]) ?? new Map()
			continue
		}
		const hexes = m[2] !== undefined ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [m[3]!]
		lines.push(hexes.flatMap(hexToCodes).map((code) => font.get(code) ?? '\uFFFD').join(''))
	}
	return lines
}

/** Every line of text drawn in the PDF, page after page. */
export function pdfText(bytes: Uint8Array): string[] {
	const all = objects(bytes)
	const fonts = fontMaps(all)
	const lines: string[] = []
	for (const { dict, stream } of all.values()) {
		if (!stream || dict.includes('/Length1') || !/\/Length \d+/.test(dict)) continue
		const content = latin1.decode(stream)
		if (content.includes('begincmap') || !/\bTJ\b|\bTj\b/.test(content)) continue
		lines.push(...streamText(content, fonts))
	}
	return lines
}
