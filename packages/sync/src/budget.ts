/**
 * Budgets on what one client update may hold, checked on its encoded structure before Yjs sees it: how
 * deep shared types nest, how deep JSON values nest, how many structs it carries, how long its longest
 * string is. Yjs' own code recurses over nested types and values (deletion, garbage collection, lib0's
 * `readAny`), so an update past these budgets could blow the stack inside the document; nothing here
 * recurses, and nothing here decodes a value into JavaScript objects.
 *
 * Only the Yjs update format v1 is read (what y-websocket sends).
 * @module
 */
import * as Y from 'yjs'

export interface UpdateBudget {
	/** Deepest nesting of shared types: a root type is 1, a Y.Map in it 2, and so on. */
	maxTypeDepth: number
	/** Deepest nesting of arrays and objects in one JSON value (ContentAny, ContentJSON, embeds, formats). */
	maxJsonDepth: number
	/** Most structs plus deleted ranges one update may carry. */
	maxUpdateItems: number
	/** Longest string (or binary) in bytes: text, keys, map keys, JSON strings. */
	maxStringBytes: number
}

/** Why an update is not applied; `code` is the websocket close code to end the connection with. */
export class UpdateRefused extends Error {
	constructor(
		readonly code: number,
		message: string,
		/** Whether the client is also sent y-protocols' permission-denied message. */
		readonly permissionDenied = false,
	) {
		super(message)
		this.name = 'UpdateRefused'
	}
}

const PROTOCOL_ERROR = 1002
const POLICY_VIOLATION = 1008

function malformed(what: string): UpdateRefused {
	return new UpdateRefused(PROTOCOL_ERROR, `malformed update: ${what}`)
}

function refused(what: string): UpdateRefused {
	return new UpdateRefused(POLICY_VIOLATION, `update refused: ${what}`)
}

/** A cursor over bytes that never reads past the end and never allocates. */
class Reader {
	pos = 0
	constructor(readonly arr: Uint8Array) {}

	byte(): number {
		if (this.pos >= this.arr.length) throw malformed('cut short')
		return this.arr[this.pos++]!
	}

	uint(): number {
		let num = 0
		let mult = 1
		for (;;) {
			const r = this.byte()
			num += (r & 0x7f) * mult
			if (num > Number.MAX_SAFE_INTEGER) throw malformed('integer out of range')
			if (r < 0x80) return num
			mult *= 128
		}
	}

	/** A signed varInt (lib0's), skipped. */
	skipInt(): void {
		let r = this.byte()
		let bytes = 1
		while (r >= 0x80) {
			r = this.byte()
			if (++bytes > 8) throw malformed('integer out of range')
		}
	}

	skip(n: number): void {
		if (n > this.arr.length - this.pos) throw malformed('cut short')
		this.pos += n
	}
}

/** Struct kinds in a scan. */
const GC = 0
const SKIP = 1
const ITEM = 2
const TYPE = 3
/** How a struct names its parent. */
const PARENT_ROOT = 0
const PARENT_ID = 1
const PARENT_FROM_NEIGHBOUR = 2
const NONE = -1

/** Numbers per struct in `Scan.structs`: client, clock, length, kind, parent, then the ids below. */
const STRIDE = 9
const CLOCK = 1
const LENGTH = 2
const KIND = 3
const PARENT = 4
/** Parent id, or origin (left neighbour) when the parent is taken from a neighbour. */
const REF_CLIENT = 5
const REF_CLOCK = 6
/** Right origin, when the parent is taken from a neighbour. */
const RIGHT_CLIENT = 7
const RIGHT_CLOCK = 8

/** What type-depth checking needs of an update: its structs, flat, and where each client's run is. */
export class Scan {
	/** STRIDE numbers per struct (see the constants above). */
	readonly structs: number[] = []
	/** Each client's structs: [first, end) in struct indices, in clock order. */
	readonly clients = new Map<number, [number, number]>()
	/** Indices of the structs that create a shared type. */
	readonly types: number[] = []
	/** Deleted ranges in the update's delete set. */
	deletions = 0

	get size(): number {
		return this.structs.length / STRIDE
	}

	/** Whether the update holds anything past what `doc` has: structs past its clocks, or deletions. */
	addsTo(doc: Y.Doc): boolean {
		if (this.deletions > 0) return true
		const s = this.structs
		for (let at = 0; at < s.length; at += STRIDE) {
			if (s[at + KIND] !== SKIP && s[at + CLOCK]! + s[at + LENGTH]! > Y.getState(doc.store, s[at]!)) return true
		}
		return false
	}

	/** The index of the struct holding `clock` of `client`, or -1 (a Skip holds nothing). */
	find(client: number, clock: number): number {
		const run = this.clients.get(client)
		if (!run) return -1
		let lo = run[0]
		let hi = run[1] - 1
		const s = this.structs
		while (lo <= hi) {
			const mid = (lo + hi) >>> 1
			const start = s[mid * STRIDE + CLOCK]!
			if (clock < start) hi = mid - 1
			else if (clock >= start + s[mid * STRIDE + LENGTH]!) lo = mid + 1
			else return s[mid * STRIDE + KIND] === SKIP ? -1 : mid
		}
		return -1
	}
}

/** Reusable stack for JSON scanning (one scan runs at a time: the server is single-threaded). */
const jsonStack: number[] = []

const ANY_UNDEFINED = 127
const ANY_NULL = 126
const ANY_INT = 125
const ANY_FLOAT32 = 124
const ANY_FLOAT64 = 123
const ANY_BIGINT = 122
const ANY_FALSE = 121
const ANY_TRUE = 120
const ANY_STRING = 119
const ANY_OBJECT = 118
const ANY_ARRAY = 117
const ANY_BYTES = 116

/**
 * Reads an update's structure and checks everything that does not depend on the document: JSON depth,
 * string lengths, the struct count, and that it is well formed in the ways Yjs relies on without
 * checking (no struct refers to a later clock of its own client, no empty struct, no client listed
 * twice, known content and type kinds). Subdocuments are refused. Throws `UpdateRefused`.
 */
export function scanUpdate(update: Uint8Array, budget: UpdateBudget): Scan {
	const r = new Reader(update)
	const scan = new Scan()
	const s = scan.structs
	let count = 0
	const string = (what: string): number => {
		const length = r.uint()
		if (length > budget.maxStringBytes) throw refused(`a ${what} of ${length} bytes (limit ${budget.maxStringBytes})`)
		return length
	}
	const clients = r.uint()
	for (let c = 0; c < clients; c++) {
		const structs = r.uint()
		const client = r.uint()
		let clock = r.uint()
		if (scan.clients.has(client)) throw malformed(`client ${client} listed twice`)
		const first = scan.size
		for (let i = 0; i < structs; i++) {
			if (++count > budget.maxUpdateItems) throw refused(`more than ${budget.maxUpdateItems} structs`)
			const info = r.byte()
			let kind = ITEM
			let length: number
			let parent = NONE
			let refClient = NONE
			let refClock = NONE
			let rightClient = NONE
			let rightClock = NONE
			if ((info & 0x1f) === 10) {
				// Yjs reads any info with these low bits as a Skip; its update merging only exactly 10.
				if (info !== 10) throw malformed(`struct info ${info}`)
				kind = SKIP
				length = r.uint()
			} else if ((info & 0x1f) === 0) {
				kind = GC
				length = r.uint()
			} else {
				if (info & 0x80) {
					refClient = r.uint()
					refClock = r.uint()
				}
				if (info & 0x40) {
					rightClient = r.uint()
					rightClock = r.uint()
				}
				if ((info & 0xc0) === 0) {
					if (r.uint() === 1) {
						r.skip(string('root type name'))
						parent = PARENT_ROOT
					} else {
						parent = PARENT_ID
						refClient = r.uint()
						refClock = r.uint()
					}
					if (info & 0x20) r.skip(string('map key'))
				} else {
					parent = PARENT_FROM_NEIGHBOUR
				}
				if ((refClient === client && refClock >= clock) || (rightClient === client && rightClock >= clock)) {
					throw malformed(`a struct of client ${client} refers to a later clock of its own`)
				}
				switch (info & 0x1f) {
					case 1: // deleted
						length = r.uint()
						break
					case 2: // JSON (strings of JSON text)
						length = r.uint()
						for (let j = 0; j < length; j++) jsonTextDepth(r, string('JSON value'), budget.maxJsonDepth)
						break
					case 3: // binary
						r.skip(string('binary value'))
						length = 1
						break
					case 4: // string
						length = utf16Length(r, string('string'))
						break
					case 5: // embed (JSON text)
						jsonTextDepth(r, string('embed'), budget.maxJsonDepth)
						length = 1
						break
					case 6: // format: key, then JSON text
						r.skip(string('format key'))
						jsonTextDepth(r, string('format value'), budget.maxJsonDepth)
						length = 1
						break
					case 7: {
						// type
						const typeRef = r.uint()
						if (typeRef > 6) throw malformed(`unknown type ${typeRef}`)
						if (typeRef === 3 || typeRef === 5) r.skip(string('node name')) // XmlElement, XmlHook
						kind = TYPE
						length = 1
						break
					}
					case 8: // any
						length = r.uint()
						for (let j = 0; j < length; j++) skipAny(r, budget)
						break
					case 9:
						throw refused('subdocuments are not accepted')
					default:
						throw malformed(`unknown content ${info & 0x1f}`)
				}
			}
			if (length === 0) throw malformed(`an empty struct of client ${client}`)
			if (clock + length > Number.MAX_SAFE_INTEGER) throw malformed('clock out of range')
			if (kind === TYPE) scan.types.push(scan.size)
			s.push(client, clock, length, kind, parent, refClient, refClock, rightClient, rightClock)
			clock += length
		}
		scan.clients.set(client, [first, scan.size])
	}
	// The delete set.
	const deleting = r.uint()
	for (let c = 0; c < deleting; c++) {
		r.uint() // client
		const ranges = r.uint()
		for (let i = 0; i < ranges; i++) {
			if (++count > budget.maxUpdateItems) throw refused(`more than ${budget.maxUpdateItems} structs and deletions`)
			scan.deletions++
			const clock = r.uint()
			if (clock + r.uint() > Number.MAX_SAFE_INTEGER) throw malformed('clock out of range')
		}
	}
	return scan
}

/** Length in UTF-16 code units (what Yjs counts clocks in) of `bytes` bytes of UTF-8, skipped. */
function utf16Length(r: Reader, bytes: number): number {
	const end = r.pos + bytes
	if (end > r.arr.length) throw malformed('cut short')
	const arr = r.arr
	let units = 0
	for (let i = r.pos; i < end; i++) {
		const b = arr[i]!
		if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1
	}
	r.pos = end
	return units
}

/** Skips `bytes` bytes of JSON text, checking how deep its brackets nest (outside its strings). */
function jsonTextDepth(r: Reader, bytes: number, maxDepth: number): void {
	const end = r.pos + bytes
	if (end > r.arr.length) throw malformed('cut short')
	const depth = jsonDepth(r.arr, r.pos, end, maxDepth)
	if (depth > maxDepth) throw refused(`a JSON value nested more than ${maxDepth} deep`)
	r.pos = end
}

/**
 * How deep the brackets of JSON text in `arr[start, end)` nest, counting those outside strings; stops
 * counting once past `maxDepth`. Does not check that the text is valid JSON.
 */
export function jsonDepth(arr: Uint8Array, start: number, end: number, maxDepth: number): number {
	let depth = 0
	let deepest = 0
	let inString = false
	for (let i = start; i < end; i++) {
		const b = arr[i]!
		if (inString) {
			if (b === 0x5c) i++ // backslash: skip the escaped byte
			else if (b === 0x22) inString = false
		} else if (b === 0x22) {
			inString = true
		} else if (b === 0x5b || b === 0x7b) {
			if (++depth > deepest) {
				deepest = depth
				if (deepest > maxDepth) return deepest
			}
		} else if (b === 0x5d || b === 0x7d) {
			depth--
		}
	}
	return deepest
}

/** Skips one lib0 `Any` value without building it, checking its depth and strings. Iterative. */
function skipAny(r: Reader, budget: UpdateBudget): void {
	// jsonStack holds, per open container, the entries still to read, negated for objects (whose
	// entries start with a key).
	const stack = jsonStack
	let top = 0
	for (;;) {
		if (top > 0 && stack[top - 1]! < 0) {
			const key = r.uint()
			if (key > budget.maxStringBytes) throw refused(`a key of ${key} bytes (limit ${budget.maxStringBytes})`)
			r.skip(key)
		}
		const type = r.byte()
		switch (type) {
			case ANY_UNDEFINED:
			case ANY_NULL:
			case ANY_FALSE:
			case ANY_TRUE:
				break
			case ANY_INT:
				r.skipInt()
				break
			case ANY_FLOAT32:
				r.skip(4)
				break
			case ANY_FLOAT64:
			case ANY_BIGINT:
				r.skip(8)
				break
			case ANY_STRING:
			case ANY_BYTES: {
				const length = r.uint()
				if (length > budget.maxStringBytes) throw refused(`a value of ${length} bytes (limit ${budget.maxStringBytes})`)
				r.skip(length)
				break
			}
			case ANY_OBJECT:
			case ANY_ARRAY: {
				const entries = r.uint()
				if (entries > 0) {
					if (top >= budget.maxJsonDepth) throw refused(`a JSON value nested more than ${budget.maxJsonDepth} deep`)
					stack[top++] = type === ANY_OBJECT ? -entries : entries
					continue
				}
				break
			}
			default:
				throw malformed(`unknown value type ${type}`)
		}
		// One value is complete: count it off its container, and close every container it completes.
		for (;;) {
			if (top === 0) return
			const left = stack[top - 1]!
			const next = left < 0 ? left + 1 : left - 1
			if (next !== 0) {
				stack[top - 1] = next
				break
			}
			top--
		}
	}
}

/**
 * Checks how deep the shared types of `scan` would nest once applied to `doc`, together with what the
 * document holds pending (`pending`, already scanned): a type's parent may be in the update, in the
 * pending structs, or in the document. A parent nobody has yet counts as a root (depth 1): the pending
 * structs are checked again with every update, so a chain built across updates is caught once it is
 * complete. Throws `UpdateRefused`.
 */
export function checkTypeDepth(scan: Scan, doc: Y.Doc, maxTypeDepth: number, pending: Scan | null): void {
	if (scan.types.length === 0 && (pending === null || pending.types.length === 0)) return
	const own = scan.size
	const total = own + (pending?.size ?? 0)
	// Per struct (the update's first, then the pending ones): 0 unvisited, 1 open, 2 done; and the
	// depth of the type it is in ("parent depth").
	const state = new Uint8Array(total)
	const parentDepth = new Int32Array(total)
	const stack: number[] = []
	const structsOf = (node: number) => (node < own ? scan.structs : pending!.structs)
	const base = (node: number) => (node < own ? node : node - own) * STRIDE
	const deps: number[] = []

	/**
	 * Puts into `deps` the structs (of the update or pending) holding (client, clock), and answers the
	 * depth contributed by the document (or -1 if the document does not have it). `asParent`: the id
	 * names the parent itself (its type's depth counts), not a neighbour (whose parent's depth counts).
	 */
	const lookUp = (client: number, clock: number, asParent: boolean): number => {
		const inUpdate = scan.find(client, clock)
		if (inUpdate >= 0) deps.push(inUpdate)
		const inPending = pending ? pending.find(client, clock) : -1
		if (inPending >= 0) deps.push(own + inPending)
		if (clock >= Y.getState(doc.store, client)) return inUpdate >= 0 || inPending >= 0 ? 0 : -1
		const structs = doc.store.clients.get(client)!
		const struct = structs[Y.findIndexSS(structs, clock)]
		if (!(struct instanceof Y.Item)) return 0 // garbage collected: Yjs drops what hangs from it
		if (asParent) return struct.content instanceof Y.ContentType ? typeDepth(struct.content.type, maxTypeDepth) : 0
		return struct.parent instanceof Y.AbstractType ? typeDepth(struct.parent, maxTypeDepth) : 0
	}

	/** The document's contribution to `node`'s parent depth, with its struct dependencies in `deps`. */
	const resolve = (node: number): number => {
		deps.length = 0
		const s = structsOf(node)
		const at = base(node)
		const parent = s[at + PARENT]!
		if (parent === PARENT_ROOT) return 1
		if (parent === NONE) return 0 // GC or Skip: holds nothing
		let fromDoc = -1
		let known = false
		if (parent === PARENT_ID) {
			fromDoc = lookUp(s[at + REF_CLIENT]!, s[at + REF_CLOCK]!, true)
			known = fromDoc >= 0 || deps.length > 0
		} else {
			if (s[at + REF_CLIENT] !== NONE) fromDoc = lookUp(s[at + REF_CLIENT]!, s[at + REF_CLOCK]!, false)
			if (s[at + RIGHT_CLIENT] !== NONE) fromDoc = Math.max(fromDoc, lookUp(s[at + RIGHT_CLIENT]!, s[at + RIGHT_CLOCK]!, false))
			known = fromDoc >= 0 || deps.length > 0
		}
		// A parent nobody has yet: at least a root.
		return known ? Math.max(fromDoc, 0) : 1
	}

	const visit = (start: number): void => {
		stack.push(start)
		while (stack.length > 0) {
			const node = stack[stack.length - 1]!
			if (state[node] === 2) {
				stack.pop()
				continue
			}
			state[node] = 1
			let depth = resolve(node)
			const isParentId = structsOf(node)[base(node) + PARENT] === PARENT_ID
			let waiting = false
			for (const dep of deps) {
				if (state[dep] === 1) throw malformed('structs refer to each other in a cycle')
				if (state[dep] === 0) {
					stack.push(dep)
					waiting = true
					continue
				}
				const depKind = structsOf(dep)[base(dep) + KIND]
				// The parent named by id must be a type (else Yjs drops the struct); a neighbour passes on its parent.
				const contributes = isParentId ? (depKind === TYPE ? parentDepth[dep]! + 1 : 0) : parentDepth[dep]!
				if (contributes > depth) depth = contributes
			}
			if (waiting) continue
			parentDepth[node] = depth
			state[node] = 2
			stack.pop()
			if (structsOf(node)[base(node) + KIND] === TYPE && depth + 1 > maxTypeDepth) {
				throw refused(`shared types nested more than ${maxTypeDepth} deep`)
			}
		}
	}

	for (const node of scan.types) visit(node)
	if (pending) for (const node of pending.types) visit(own + node)
}

/** How deep a type of a document sits (a root type is 1); stops counting past `limit`. */
export function typeDepth(type: Y.AbstractType<unknown>, limit: number): number {
	let depth = 1
	let item = type._item
	while (item !== null && depth <= limit) {
		const parent = item.parent
		if (!(parent instanceof Y.AbstractType)) break
		depth++
		item = parent._item
	}
	return depth
}

/**
 * Checks a loaded document against the depth budgets (types and JSON values), so that a document stored
 * before they applied is refused as a whole instead of failing later inside Yjs. Answers what is wrong,
 * or null. Iterative; stops at the first excess.
 */
export function checkDocument(doc: Y.Doc, budget: Pick<UpdateBudget, 'maxTypeDepth' | 'maxJsonDepth'>): string | null {
	for (const structs of doc.store.clients.values()) {
		for (const struct of structs) {
			if (!(struct instanceof Y.Item)) continue
			const content = struct.content
			if (content instanceof Y.ContentType) {
				if (typeDepth(content.type, budget.maxTypeDepth) > budget.maxTypeDepth) {
					return `shared types nested more than ${budget.maxTypeDepth} deep`
				}
				continue
			}
			let values: unknown[] | null = null
			if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) values = content.arr
			else if (content instanceof Y.ContentEmbed) values = [content.embed]
			else if (content instanceof Y.ContentFormat) values = [content.value]
			if (values === null) continue
			for (const value of values) {
				if (valueDepth(value, budget.maxJsonDepth) > budget.maxJsonDepth) {
					return `a JSON value nested more than ${budget.maxJsonDepth} deep`
				}
			}
		}
	}
	return null
}

/** How deep arrays and objects nest in a value; stops counting past `limit`. Iterative. */
export function valueDepth(value: unknown, limit: number): number {
	if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return 0
	let deepest = 0
	const stack: [unknown, number][] = [[value, 1]]
	while (stack.length > 0) {
		const [v, depth] = stack.pop()!
		if (depth > deepest) {
			deepest = depth
			if (deepest > limit) return deepest
		}
		const children = Array.isArray(v) ? v : Object.values(v as object)
		for (const child of children) {
			if (typeof child === 'object' && child !== null && !(child instanceof Uint8Array)) stack.push([child, depth + 1])
		}
	}
	return deepest
}
