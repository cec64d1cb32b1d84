/**
 * What the outcome sections say in figures: the groups of a version comparison (with the items decided
 * since the version was saved), and how many of each kind of item there are and how many are agreed.
 * Pure functions of the model's types, so they are tested without a browser.
 * @module
 */
import type { Decision, DecisionStatus, DesignDiff, ItemChange, ItemKind, ServiceDesign } from '@cyd/model'

/** The comparison's groups, in the order they are shown. */
export const DIFF_GROUPS = ['cards', 'personas', 'stakeholders', 'assets', 'relationships', 'contributions', 'outcomes', 'actions'] as const satisfies ReadonlyArray<keyof DesignDiff>
export type DiffGroup = (typeof DIFF_GROUPS)[number]

/** The comparison group an item of a decision belongs to. */
export function groupOfKind(kind: ItemKind): DiffGroup {
	switch (kind) {
		case 'card':
			return 'cards'
		case 'persona':
			return 'personas'
		case 'stakeholder':
			return 'stakeholders'
		case 'asset':
			return 'assets'
		case 'relationship':
			return 'relationships'
		default:
			return 'contributions'
	}
}

export interface DecidedItem {
	id: string
	text: string
	status: DecisionStatus
}

export interface DiffGroupView {
	group: DiffGroup
	added: ItemChange[]
	removed: ItemChange[]
	changed: ItemChange[]
	/** Items decided since the version (each by its latest decision since then). */
	decided: DecidedItem[]
}

/**
 * The comparison's groups that have anything in them, in order. With `since` (when the version was
 * saved, for a comparison with now), the decisions recorded after it join their item's group: a note
 * agreed since shows under other contributions as it would under cards.
 */
export function diffGroups(diff: DesignDiff, decisions: readonly Decision[] = [], since?: number): DiffGroupView[] {
	const decided = new Map<string, Decision>()
	if (since !== undefined) for (const d of decisions) if (Date.parse(d.at) > since) decided.set(d.item, d)
	const empty = { added: [], removed: [], changed: [] }
	return DIFF_GROUPS.map((group) => {
		const part = diff[group] ?? empty
		return {
			group,
			added: part.added,
			removed: part.removed,
			changed: part.changed,
			decided: [...decided.values()].filter((d) => groupOfKind(d.itemKind) === group).map((d) => ({ id: d.item, text: d.itemText, status: d.status })),
		}
	}).filter((g) => g.added.length + g.removed.length + g.changed.length + g.decided.length > 0)
}

/** The kinds of item the group can agree on, counted in the export panel. */
export const COUNTED_KINDS = ['cards', 'personas', 'stakeholders', 'assets', 'relationships', 'contributions', 'outcomes'] as const
export type CountedKind = (typeof COUNTED_KINDS)[number]

export interface AgreementCount {
	kind: CountedKind
	total: number
	/** How many an export of only what was agreed holds. */
	agreed: number
}

/**
 * How many of each kind of item a design holds, and how many of them an export of only what was agreed
 * keeps: items whose latest decision is `agreed` (a relationship also needs both its ends agreed, as the
 * export drops one that points at a dropped item), outcomes the facilitator agreed.
 */
export function agreementCounts(design: ServiceDesign): AgreementCount[] {
	const status = new Map<string, DecisionStatus>()
	for (const d of design.decisions) status.set(d.item, d.status)
	const agreed = (id: string) => status.get(id) === 'agreed'
	const count = <T>(items: readonly T[], keep: (item: T) => boolean) => ({ total: items.length, agreed: items.filter(keep).length })
	const cards = design.journeys.flatMap((j) => j.cards)
	const personas = design.journeys.flatMap((j) => j.personas)
	const ends = new Set([...design.stakeholders, ...design.assets].filter((i) => agreed(i.id)).map((i) => i.id))
	const counts: Record<CountedKind, { total: number; agreed: number }> = {
		cards: count(cards, (c) => agreed(c.id)),
		personas: count(personas, (p) => agreed(p.id)),
		stakeholders: count(design.stakeholders, (s) => agreed(s.id)),
		assets: count(design.assets, (a) => agreed(a.id)),
		relationships: count(design.relationships, (r) => agreed(r.id) && ends.has(r.from) && ends.has(r.to)),
		contributions: count(design.contributions, (c) => agreed(c.id)),
		outcomes: count(design.outcomes, (o) => o.status === 'agreed'),
	}
	return COUNTED_KINDS.map((kind) => ({ kind, ...counts[kind] }))
}

/** The fields a comparison says changed (see `compareDesigns`), each with its words in the catalogues. */
export const DIFF_FIELDS = [
	'text',
	'kind',
	'channel',
	'stage',
	'lane',
	'actor',
	'name',
	'story',
	'needs',
	'emotions',
	'influence',
	'interest',
	'notes',
	'description',
	'holder',
	'from',
	'to',
	'flow',
	'direction',
	'label',
	'place',
	'picture',
	'image',
	'title',
	'status',
	'indicators',
	'owner',
	'due',
	'reason',
	'outcome',
	'updates',
] as const
export type DiffField = (typeof DIFF_FIELDS)[number]

export function isDiffField(field: string): field is DiffField {
	return (DIFF_FIELDS as readonly string[]).includes(field)
}
