/**
 * What changed between two ServiceDesigns (two named versions, or a version and now): the cards,
 * personas, stakeholders, assets, relationships and other contributions (notes, text, drawings, images),
 * and the outcomes and actions committed to, added, removed and changed, and which fields changed (an
 * action's `updates` changes when an update is posted on it).
 * @module
 */
import type { ServiceDesign } from './design.js'

export interface ItemChange {
	id: string
	/** The item's text or name (in the later design for changed items). */
	text: string
	/** For changed items, the fields that differ. */
	fields: string[]
}

export interface ItemDiff {
	added: ItemChange[]
	removed: ItemChange[]
	changed: ItemChange[]
}

export interface DesignDiff {
	cards: ItemDiff
	personas: ItemDiff
	stakeholders: ItemDiff
	assets: ItemDiff
	relationships: ItemDiff
	contributions: ItemDiff
	outcomes: ItemDiff
	actions: ItemDiff
}

type Item = { id: string } & Record<string, unknown>

function diff<T extends Item>(before: readonly T[], after: readonly T[], fields: ReadonlyArray<keyof T & string>, textOf: (item: T) => string): ItemDiff {
	const old = new Map(before.map((i) => [i.id, i]))
	const now = new Map(after.map((i) => [i.id, i]))
	const out: ItemDiff = { added: [], removed: [], changed: [] }
	for (const item of after) {
		const was = old.get(item.id)
		if (!was) out.added.push({ id: item.id, text: textOf(item), fields: [] })
		else {
			const changed = fields.filter((f) => JSON.stringify(was[f]) !== JSON.stringify(item[f]))
			if (changed.length) out.changed.push({ id: item.id, text: textOf(item), fields: changed })
		}
	}
	for (const item of before) if (!now.has(item.id)) out.removed.push({ id: item.id, text: textOf(item), fields: [] })
	return out
}

export function compareDesigns(before: ServiceDesign, after: ServiceDesign): DesignDiff {
	const cards = (d: ServiceDesign) => d.journeys.flatMap((j) => j.cards.map((c) => ({ ...c })))
	const personas = (d: ServiceDesign) => d.journeys.flatMap((j) => j.personas.map((p) => ({ ...p })))
	const names = new Map([...before.stakeholders, ...before.assets, ...after.stakeholders, ...after.assets].map((s) => [s.id, s.name]))
	return {
		cards: diff(cards(before), cards(after), ['text', 'kind', 'channel', 'stage', 'lane', 'actor'], (c) => c.text),
		personas: diff(personas(before), personas(after), ['name', 'story', 'needs', 'emotions'], (p) => p.name),
		stakeholders: diff(
			before.stakeholders.map((s) => ({ ...s })),
			after.stakeholders.map((s) => ({ ...s })),
			['name', 'kind', 'influence', 'interest', 'notes'],
			(s) => s.name
		),
		assets: diff(
			before.assets.map((a) => ({ ...a })),
			after.assets.map((a) => ({ ...a })),
			['name', 'kind', 'description', 'holder'],
			(a) => a.name
		),
		relationships: diff(
			before.relationships.map((r) => ({ ...r })),
			after.relationships.map((r) => ({ ...r })),
			['from', 'to', 'flow', 'direction', 'label'],
			(r) => `${names.get(r.from) ?? '?'} → ${names.get(r.to) ?? '?'} (${r.flow})`
		),
		contributions: diff(
			before.contributions.map((c) => ({ ...c })),
			after.contributions.map((c) => ({ ...c })),
			['kind', 'text', 'place', 'picture', 'image'],
			(c) => c.text || c.kind
		),
		outcomes: diff(
			before.outcomes.map((o) => ({ ...o })),
			after.outcomes.map((o) => ({ ...o })),
			['title', 'status', 'indicators'],
			(o) => o.title
		),
		actions: diff(
			before.actions.map((a) => ({ ...a })),
			after.actions.map((a) => ({ ...a })),
			['text', 'owner', 'due', 'status', 'reason', 'outcome', 'updates'],
			(a) => a.text
		),
	}
}
