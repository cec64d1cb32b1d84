/**
 * Reads the structure of a tagged PDF back, for tests: the catalog's language and whether it is marked
 * as tagged, the structure tree (each element's type, alternative text, table-header scope, children)
 * with the text of the content each element holds, and any text drawn outside both structure content
 * and artifacts. Enough of PDF for what pdfkit writes.
 * @module
 */
import { fontMaps, hexToCodes, objects, type PdfObject } from './pdf-text.js'

export interface StructNode {
	type: string
	alt: string | null
	scope: string | null
	children: StructNode[]
	/** The text of this element's own marked content, in order. */
	text: string
}

export interface PdfStructure {
	lang: string | null
	marked: boolean
	root: StructNode | null
	/** Text drawn outside any marked content: neither tagged nor an artifact. */
	untagged: string[]
	/** Text drawn as artifacts (page footers, repeated headers). */
	artifacts: string[]
}

const latin1 = new TextDecoder('latin1')

/** A PDF literal string's text: escapes undone, UTF-16BE (with its byte-order mark) decoded. */
function literal(body: string): string {
	const raw = body.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, c: string) =>
		/^[0-7]/.test(c) ? String.fromCharCode(parseInt(c, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[c] ?? c,
	)
	if (raw.startsWith('\xfe\xff')) {
		let out = ''
		for (let i = 2; i + 1 < raw.length; i += 2) out += String.fromCharCode((raw.charCodeAt(i) << 8) | raw.charCodeAt(i + 1))
		return out
	}
	return raw
}

/** The value of `/Key (string)` in a dictionary. */
function stringOf(dict: string, key: string): string | null {
	const m = new RegExp(`/${key} \\(((?:\\\\.|[^\\\\)])*)\\)`).exec(dict)
	return m ? literal(m[1]!) : null
}

export function pdfStructure(bytes: Uint8Array): PdfStructure {
	const all = objects(bytes)
	const fonts = fontMaps(all)
	const catalog = [...all.values()].find((o) => /\/Type \/Catalog/.test(o.dict))
	const markInfo = catalog && /\/MarkInfo (\d+) 0 R/.exec(catalog.dict)
	const marked = markInfo ? /\/Marked true/.test(all.get(Number(markInfo[1]))?.dict ?? '') : /\/MarkInfo <<[^>]*\/Marked true/.test(catalog?.dict ?? '')
	const lang = catalog ? stringOf(catalog.dict, 'Lang') : null

	// The text of each marked-content sequence, by page object and MCID.
	const texts = new Map<string, string>()
	const untagged: string[] = []
	const artifacts: string[] = []
	for (const [number, page] of all) {
		if (!/\/Type \/Page\b/.test(page.dict)) continue
		const contents = /\/Contents (\d+) 0 R/.exec(page.dict)
		const stream = contents ? all.get(Number(contents[1]))?.stream : null
		if (!stream) continue
		scan(latin1.decode(stream), fonts, (mark, text) => {
			if (mark === null) untagged.push(text)
			else if (mark === 'artifact') artifacts.push(text)
			else texts.set(`${number}:${mark}`, (texts.get(`${number}:${mark}`) ?? '') + text)
		})
	}

	const element = (number: number, depth: number): StructNode | null => {
		const object = all.get(number)
		const type = object && /\/S \/(\w+)/.exec(object.dict)
		if (!object || !type || depth > 64) return null
		const page = /\/Pg (\d+) 0 R/.exec(object.dict)?.[1]
		const node: StructNode = { type: type[1]!, alt: stringOf(object.dict, 'Alt'), scope: /\/Scope \/(\w+)/.exec(object.dict)?.[1] ?? null, children: [], text: '' }
		for (const kid of kids(object)) {
			if (kid.ref !== undefined) {
				const child = element(kid.ref, depth + 1)
				if (child) node.children.push(child)
			} else node.text += texts.get(`${kid.page ?? page}:${kid.mcid}`) ?? ''
		}
		return node
	}
	const rootRef = catalog && /\/StructTreeRoot (\d+) 0 R/.exec(catalog.dict)
	const treeRoot = rootRef ? all.get(Number(rootRef[1])) : undefined
	const first = treeRoot ? kids(treeRoot).find((k) => k.ref !== undefined) : undefined
	return { lang, marked, root: first ? element(first.ref!, 0) : null, untagged, artifacts }
}

/** The children of a structure element or the tree's root: element references, and marked-content ids. */
function kids(object: PdfObject): Array<{ ref?: number; mcid?: number; page?: string }> {
	const k = /\/K (\[[\s\S]*?\]|\d+ 0 R|\d+)\s*(?:\/|>>)/.exec(object.dict)?.[1] ?? ''
	const out: Array<{ ref?: number; mcid?: number; page?: string }> = []
	for (const m of k.matchAll(/<<[^>]*\/Pg (\d+) 0 R[^>]*\/MCID (\d+)[^>]*>>|(\d+) 0 R|(\d+)/g)) {
		if (m[1]) out.push({ mcid: Number(m[2]), page: m[1] })
		else if (m[3]) out.push({ ref: Number(m[3]) })
		else out.push({ mcid: Number(m[4]) })
	}
	return out
}

/**
 * Walks a content stream: each piece of text shown, with the marked content it is in: its MCID,
 * 'artifact', or null outside any.
 */
function scan(content: string, fonts: Map<string, Map<number, string>>, found: (mark: number | 'artifact' | null, text: string) => void): void {
	let font = new Map<number, string>()
	const marks: Array<number | 'artifact' | 'other'> = []
	const pattern = /\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|[^\]])*)\] TJ|<([0-9a-fA-F]*)> Tj|\/(\w+) <<([^>]*)>> BDC|\/(\w+) BMC|\bEMC\b/g
	for (const m of content.matchAll(pattern)) {
		if (m[1]) font = fonts.get(m[1]) ?? new Map()
		else if (m[4]) marks.push(m[4] === 'Artifact' ? 'artifact' : Number(/\/MCID (\d+)/.exec(m[5]!)?.[1] ?? Number.NaN))
		else if (m[6]) marks.push(m[6] === 'Artifact' ? 'artifact' : 'other')
		else if (m[0] === 'EMC') marks.pop()
		else {
			const hexes = m[2] !== undefined ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [m[3]!]
			const text = hexes
				.flatMap(hexToCodes)
				.map((code) => font.get(code) ?? '\uFFFD')
				.join('')
			const top = marks.at(-1)
			found(top === undefined || top === 'other' || Number.isNaN(top) ? null : top, text)
		}
	}
}

/** Every element of a tree, depth first. */
export function elements(node: StructNode | null): StructNode[] {
	return node ? [node, ...node.children.flatMap(elements)] : []
}

/** The text of an element and all below it. */
export function textOf(node: StructNode): string {
	return node.text + node.children.map(textOf).join('')
}
