/**
 * Ratification: before the agreed design is published, the people it is for confirm it. A round asks
 * yes, no or abstain on every agreed item; an item is ratified when its yes votes reach the threshold
 * the facilitator set (for example two thirds) of the yes and no votes cast (abstentions count neither
 * way). The tally is kept by the server and shown beside each item.
 * @module
 */
import { isAudience, type Audience } from './audience.js'
import { ITEM_KINDS, type ItemKind } from './design.js'
import { oneOf } from './guards.js'

export const RATIFY_VOTES = ['yes', 'no', 'abstain'] as const
export type RatifyVote = (typeof RATIFY_VOTES)[number]
export const isRatifyVote = oneOf(RATIFY_VOTES)

/** The share of yes among yes and no votes an item needs: `yes` out of `of` (2 of 3 is two thirds). */
export interface Threshold {
	yes: number
	of: number
}

/** Most items one ratification asks about. */
export const MAX_RATIFY_ITEMS = 200

export interface RatificationItem {
	/** The item's shape id. */
	item: string
	kind: ItemKind
	text: string
}

export interface RatificationTally {
	yes: number
	no: number
	abstain: number
	/** Whether yes reached the threshold of yes and no (and at least one person said yes). */
	ratified: boolean
}

export interface RatificationRound {
	id: string
	status: 'open' | 'closed'
	/** The items agreed when the round opened. */
	items: RatificationItem[]
	threshold: Threshold
	audience: Audience
	openedAt: number
	closedAt: number | null
	/** The tally per item id, published when the round closes. */
	results: Record<string, RatificationTally> | null
	/** How many people cast a ballot, published when the round closes. */
	voters: number | null
}

/** Whether `yes` reaches the threshold of the votes cast either way. Exact: whole numbers only. */
export function meetsThreshold(yes: number, no: number, threshold: Threshold): boolean {
	return yes > 0 && yes * threshold.of >= threshold.yes * (yes + no)
}

/** The tally of each item from every ballot (a ballot that leaves an item out abstains on it). */
export function tallyRatification(items: readonly RatificationItem[], ballots: readonly Record<string, RatifyVote>[], threshold: Threshold): Record<string, RatificationTally> {
	const out: Record<string, RatificationTally> = {}
	for (const { item } of items) {
		let yes = 0
		let no = 0
		let abstain = 0
		for (const ballot of ballots) {
			const vote = ballot[item] ?? 'abstain'
			if (vote === 'yes') yes++
			else if (vote === 'no') no++
			else abstain++
		}
		out[item] = { yes, no, abstain, ratified: meetsThreshold(yes, no, threshold) }
	}
	return out
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null)
const isItemKind = oneOf(ITEM_KINDS)

/** Reads a stored ratification round, or null when there is none or it is malformed. */
export function parseRatification(json: unknown): RatificationRound | null {
	if (!isObject(json) || typeof json.id !== 'string' || (json.status !== 'open' && json.status !== 'closed')) return null
	const t = isObject(json.threshold) ? json.threshold : {}
	const yes = count(t.yes)
	const of = count(t.of)
	if (yes === null || of === null || yes < 1 || of < yes) return null
	const items = Array.isArray(json.items)
		? json.items.flatMap((i): RatificationItem[] =>
				isObject(i) && typeof i.item === 'string' && isItemKind(i.kind) && typeof i.text === 'string' ? [{ item: i.item, kind: i.kind, text: i.text }] : [],
			)
		: []
	const results = isObject(json.results)
		? Object.fromEntries(
				Object.entries(json.results).flatMap(([item, r]): [string, RatificationTally][] => {
					if (!isObject(r)) return []
					const [y, n, a] = [count(r.yes), count(r.no), count(r.abstain)]
					return y === null || n === null || a === null ? [] : [[item, { yes: y, no: n, abstain: a, ratified: r.ratified === true }]]
				}),
			)
		: null
	return {
		id: json.id,
		status: json.status,
		items,
		threshold: { yes, of },
		audience: isAudience(json.audience) ? json.audience : 'everyone',
		openedAt: typeof json.openedAt === 'number' ? json.openedAt : 0,
		closedAt: typeof json.closedAt === 'number' ? json.closedAt : null,
		results,
		voters: count(json.voters),
	}
}
