/**
 * A series of sessions: rooms linked one after another (a citizens' inquiry that meets several times, an
 * audit repeated each year), each starting from the last one's design. What the API answers about a
 * series, and the comparison of two of its sessions: what was added, changed, agreed or dropped. Items
 * keep their ids from one session to the next (see `boardOfDesign`), so they are compared by id.
 * @module
 */
import { compareDesigns, type DesignDiff } from './compare.js'
import type { ServiceDesign } from './design.js'
import { latestDecisions } from './workshop.js'

/** One session of a series, oldest first. */
export interface SeriesSession {
	id: string
	title: string
	createdAt: string
	/** The room this one follows, or null for the first. */
	previous: string | null
}

/** What the API answers about a room's series: its sessions in order, and where this room is. */
export interface SeriesInfo {
	sessions: SeriesSession[]
	/** What this room's board was started from: a room's design (`room`), or a design file (`room` null). */
	startedFrom: { room: string | null; title: string } | null
}

/**
 * A workshop template, the file organisations share with each other: a session's agenda, the kinds of
 * card its rooms offer (`cardKinds`, optional: every kind when absent) and its design (blueprints,
 * personas, map, notes, decisions, outcomes and actions), imported into an empty room.
 */
export const WORKSHOP_TEMPLATE_FORMAT = 'cyd-workshop-template'
export const WORKSHOP_TEMPLATE_VERSION = 1

export const SESSION_ITEM_KINDS = ['card', 'persona', 'stakeholder', 'asset', 'relationship', 'contribution', 'outcome', 'action'] as const
export type SessionItemKind = (typeof SESSION_ITEM_KINDS)[number]

export interface SessionChange {
	kind: SessionItemKind
	id: string
	text: string
	/** For changed items, the fields that differ. */
	fields: string[]
}

/** Between two sessions: what is new, what changed, what was agreed since, and what was dropped. */
export interface SessionDiff {
	added: SessionChange[]
	changed: SessionChange[]
	/** Items agreed in the later session that were not agreed in the earlier one. */
	agreed: SessionChange[]
	/** Items of the earlier session that the later one no longer has. */
	dropped: SessionChange[]
}

const KIND_OF: Record<keyof DesignDiff, SessionItemKind> = {
	cards: 'card',
	personas: 'persona',
	stakeholders: 'stakeholder',
	assets: 'asset',
	relationships: 'relationship',
	contributions: 'contribution',
	outcomes: 'outcome',
	actions: 'action',
}

/** Compares the designs of two sessions (the earlier first), with their decisions, outcomes and actions. */
export function compareSessions(before: ServiceDesign, after: ServiceDesign): SessionDiff {
	const diff = compareDesigns(before, after)
	const out: SessionDiff = { added: [], changed: [], agreed: [], dropped: [] }
	for (const key of Object.keys(KIND_OF) as Array<keyof DesignDiff>) {
		const kind = KIND_OF[key]
		for (const c of diff[key].added) out.added.push({ kind, ...c })
		for (const c of diff[key].changed) out.changed.push({ kind, ...c })
		for (const c of diff[key].removed) out.dropped.push({ kind, ...c })
	}
	const was = latestDecisions(before.decisions)
	for (const [item, decision] of latestDecisions(after.decisions)) {
		if (decision.status !== 'agreed' || was.get(item)?.status === 'agreed') continue
		const kind: SessionItemKind = (['card', 'persona', 'stakeholder', 'asset', 'relationship'] as const).find((k) => k === decision.itemKind) ?? 'contribution'
		out.agreed.push({ kind, id: item, text: decision.itemText, fields: [] })
	}
	return out
}
