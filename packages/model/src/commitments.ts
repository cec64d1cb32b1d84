/**
 * What a workshop commits to, and what happens after it: outcomes the group wants (each with how the
 * group will know: indicators), actions linked to agreed items of the board (what, who owns it, by when,
 * its status, the outcome it serves), the dated updates posted on each action afterwards, and the notice
 * of visitors' replies from the public page.
 *
 * All of it lives in the workshop document, written only by the server, one entry per key
 * (`outcome:<id>`, `indicator:<id>`, `action:<id>`, `update:<key>`, `reply:<id>`) like the decision log,
 * so that two processes adding at once both keep theirs. A reply's words stay in the private document
 * until someone approves it; the workshop document only says that one came and what became of it.
 * @module
 */
import { ITEM_KINDS, type Author, type ItemKind } from './design.js'
import { oneOf } from './guards.js'
import { isRole, type Role } from './roles.js'

const isItemKind = oneOf(ITEM_KINDS)

/** Where an action is: planned, in progress, done, or dropped (with a reason). */
export const ACTION_STATUSES = ['planned', 'in-progress', 'done', 'dropped'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]
export const isActionStatus = oneOf(ACTION_STATUSES)

/** Who owns an action: a stakeholder of the map, a group (of residents, say), or a named agency. */
export const OWNER_KINDS = ['stakeholder', 'group', 'agency'] as const
export type OwnerKind = (typeof OWNER_KINDS)[number]
export const isOwnerKind = oneOf(OWNER_KINDS)

/**
 * An outcome or indicator set by the facilitator with the room is `agreed`; one a participant puts
 * forward is `proposed` until the facilitator agrees it.
 */
export const OUTCOME_STATUSES = ['proposed', 'agreed'] as const
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number]
export const isOutcomeStatus = oneOf(OUTCOME_STATUSES)

/** What became of a visitor's reply: waiting for the facilitator or steward, approved (public), or hidden. */
export const REPLY_STATUSES = ['waiting', 'approved', 'hidden'] as const
export type ReplyStatus = (typeof REPLY_STATUSES)[number]
export const isReplyStatus = oneOf(REPLY_STATUSES)

/** Longest outcome title, indicator, action text or update. */
export const MAX_OUTCOME_TEXT = 300
export const MAX_INDICATOR_TEXT = 300
export const MAX_ACTION_TEXT = 500
export const MAX_UPDATE_TEXT = 2000
/** Longest reason an action was dropped. */
export const MAX_REASON = 1000
/** Longest reply a visitor may leave on the public page. */
export const MAX_REPLY = 1000
/** Most outcomes, indicators, actions and updates a room keeps. */
export const MAX_OUTCOMES = 100
export const MAX_INDICATORS = 500
export const MAX_ACTIONS = 500
export const MAX_UPDATES = 5000

/** How the group will know an outcome is met: what to look at, and (optionally) the measure or target. */
export interface Indicator {
	id: string
	text: string
	/** A measure or target ("fewer than 5 missed visits a month"), or ''. */
	measure: string
	status: OutcomeStatus
	by: Author
	/** ISO 8601. */
	at: string
}

/** An outcome the group wants, with its indicators (oldest first). */
export interface Outcome {
	id: string
	title: string
	status: OutcomeStatus
	by: Author
	/** ISO 8601. */
	at: string
	indicators: Indicator[]
}

/** Who owns an action. For a stakeholder, `stakeholder` is its card's shape id and `name` its name then. */
export interface Owner {
	kind: OwnerKind
	name: string
	stakeholder: string | null
}

/** A dated update on an action, posted during or after the workshop. */
export interface ActionUpdate {
	id: string
	/** ISO 8601. */
	at: string
	text: string
	/** The status it set, or null when it left the status as it was. */
	status: ActionStatus | null
	/** Why it was dropped (with `status` dropped), else ''. */
	reason: string
	by: Author
	/** The role of who posted it, so the public page can say so without naming them. */
	role: Role
}

/** An action the group committed to, about an agreed item of the board. */
export interface Action {
	id: string
	/** The item's shape id. */
	item: string
	itemKind: ItemKind
	/** What the item said when the action was made. */
	itemText: string
	/** What will be done. */
	text: string
	owner: Owner
	/** The day it is due, `YYYY-MM-DD`, or null. */
	due: string | null
	status: ActionStatus
	/** Why it was dropped, else ''. */
	reason: string
	/** The id of the outcome it serves, or null. */
	outcome: string | null
	by: Author
	/** ISO 8601. */
	at: string
	/** Its updates, oldest first. */
	updates: ActionUpdate[]
}

/** That a visitor replied on the public page, and what became of it (the words are kept privately). */
export interface ReplyNotice {
	id: string
	/** Milliseconds since the epoch. */
	at: number
	status: ReplyStatus
}

/** Whether `value` is a calendar day `YYYY-MM-DD` that exists. */
export function isDay(value: unknown): value is string {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
	const date = new Date(`${value}T00:00:00Z`)
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

function author(json: unknown): Author | null {
	return isObject(json) && str(json.id) !== null && str(json.name) !== null ? { id: json.id as string, name: json.name as string } : null
}

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Reads the commitments out of the workshop map's JSON (`map.toJSON()`), dropping anything malformed:
 * outcomes with their indicators, actions with their updates (each oldest first), and reply notices.
 * `entries(prefix)` gives the map's entries whose keys start with the prefix, without it.
 */
export function parseCommitments(entries: (prefix: string) => [string, unknown][]): { outcomes: Outcome[]; actions: Action[]; replies: ReplyNotice[] } {
	const indicators = new Map<string, Indicator[]>()
	for (const [, json] of entries('indicator:')) {
		if (!isObject(json) || !str(json.id) || !str(json.outcome) || str(json.text) === null || !isOutcomeStatus(json.status) || str(json.at) === null) continue
		const by = author(json.by)
		if (!by) continue
		const list = indicators.get(json.outcome as string) ?? []
		list.push({ id: json.id as string, text: json.text as string, measure: str(json.measure) ?? '', status: json.status, by, at: json.at as string })
		indicators.set(json.outcome as string, list)
	}
	const outcomes: Outcome[] = []
	for (const [, json] of entries('outcome:')) {
		if (!isObject(json) || !str(json.id) || str(json.title) === null || !isOutcomeStatus(json.status) || str(json.at) === null) continue
		const by = author(json.by)
		if (!by) continue
		const own = (indicators.get(json.id as string) ?? []).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1))
		outcomes.push({ id: json.id as string, title: json.title as string, status: json.status, by, at: json.at as string, indicators: own })
	}
	outcomes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1))

	const updates = new Map<string, ActionUpdate[]>()
	for (const [key, json] of entries('update:').sort(byKey)) {
		if (!isObject(json) || !str(json.action) || str(json.text) === null || str(json.at) === null || !isRole(json.role)) continue
		const by = author(json.by)
		if (!by) continue
		const list = updates.get(json.action as string) ?? []
		list.push({
			id: key,
			at: json.at as string,
			text: json.text as string,
			status: isActionStatus(json.status) ? json.status : null,
			reason: str(json.reason) ?? '',
			by,
			role: json.role,
		})
		updates.set(json.action as string, list)
	}
	const actions: Action[] = []
	for (const [, json] of entries('action:')) {
		if (!isObject(json) || !str(json.id) || !str(json.item) || !isItemKind(json.itemKind) || str(json.text) === null || !isActionStatus(json.status) || str(json.at) === null) continue
		const by = author(json.by)
		const o = json.owner
		if (!by || !isObject(o) || !isOwnerKind(o.kind) || str(o.name) === null) continue
		actions.push({
			id: json.id as string,
			item: json.item as string,
			itemKind: json.itemKind,
			itemText: str(json.itemText) ?? '',
			text: json.text as string,
			owner: { kind: o.kind, name: o.name as string, stakeholder: o.kind === 'stakeholder' ? str(o.stakeholder) : null },
			due: isDay(json.due) ? json.due : null,
			status: json.status,
			reason: str(json.reason) ?? '',
			outcome: str(json.outcome),
			by,
			at: json.at as string,
			updates: updates.get(json.id as string) ?? [],
		})
	}
	actions.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1))

	const replies: ReplyNotice[] = []
	for (const [id, json] of entries('reply:')) {
		if (isObject(json) && typeof json.at === 'number' && Number.isFinite(json.at) && isReplyStatus(json.status)) replies.push({ id, at: json.at, status: json.status })
	}
	replies.sort((a, b) => a.at - b.at)
	return { outcomes, actions, replies }
}

/** The actions about each item, by the item's shape id. */
export function actionsByItem(actions: readonly Action[]): Map<string, Action[]> {
	const byItem = new Map<string, Action[]>()
	for (const action of actions) {
		const list = byItem.get(action.item) ?? []
		list.push(action)
		byItem.set(action.item, list)
	}
	return byItem
}
