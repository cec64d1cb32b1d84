/**
 * The agreed design: what is left of a ServiceDesign when only the items whose latest decision is
 * `agreed` are kept. Journeys keep their stages and lanes (the grid the agreed cards sit in); whatever
 * points at a dropped item is dropped or cleared with it, so the result refers only to what it holds.
 * @module
 */
import type { DecisionStatus, ServiceDesign } from '@cyd/model'

/** The status of each decided item: its latest entry in the decision log. */
export function latestStatuses(design: ServiceDesign): Map<string, DecisionStatus> {
	const statuses = new Map<string, DecisionStatus>()
	for (const decision of design.decisions) statuses.set(decision.item, decision.status)
	return statuses
}

/**
 * Only the cards, personas, stakeholders, assets, relationships and other contributions whose latest
 * decision is `agreed`.
 * Relationships lose an end that was dropped and go with it; a card's actor, a stakeholder's `actsIn`
 * and an asset's `connects` keep only items that stay. Votes and decisions keep only the kept items';
 * contributors are kept whole, since their time was given either way.
 */
export function filterAgreed(design: ServiceDesign): ServiceDesign {
	const statuses = latestStatuses(design)
	const agreed = (id: string) => statuses.get(id) === 'agreed'
	const stakeholders = design.stakeholders.filter((s) => agreed(s.id))
	const assets = design.assets.filter((a) => agreed(a.id))
	const ends = new Set([...stakeholders, ...assets].map((item) => item.id))
	const stakeholderIds = new Set(stakeholders.map((s) => s.id))
	const journeys = design.journeys.map((journey) => ({
		...journey,
		cards: journey.cards.filter((c) => agreed(c.id)).map((c) => ({ ...c, actor: c.actor !== null && stakeholderIds.has(c.actor) ? c.actor : null })),
		personas: journey.personas.filter((p) => agreed(p.id)),
	}))
	const cardIds = new Set(journeys.flatMap((j) => j.cards.map((c) => c.id)))
	const relationships = design.relationships.filter((r) => agreed(r.id) && ends.has(r.from) && ends.has(r.to))
	const contributions = design.contributions.filter((c) => agreed(c.id))
	const kept = new Set([
		...cardIds,
		...journeys.flatMap((j) => j.personas.map((p) => p.id)),
		...ends,
		...relationships.map((r) => r.id),
		...contributions.map((c) => c.id),
	])
	const outcomes = design.outcomes.filter((o) => o.status === 'agreed').map((o) => ({ ...o, indicators: o.indicators.filter((i) => i.status === 'agreed') }))
	const outcomeIds = new Set(outcomes.map((o) => o.id))
	const actions = design.actions.filter((a) => kept.has(a.item)).map((a) => ({ ...a, outcome: a.outcome !== null && outcomeIds.has(a.outcome) ? a.outcome : null }))
	return {
		...design,
		outcomes,
		actions,
		journeys,
		stakeholders: stakeholders.map((s) => ({ ...s, actsIn: s.actsIn.filter((a) => cardIds.has(a.card)) })),
		assets: assets.map((a) => ({ ...a, connects: a.connects.filter((id) => stakeholderIds.has(id)) })),
		relationships,
		contributions,
		votes: design.votes.filter((v) => kept.has(v.item)),
		decisions: design.decisions.filter((d) => kept.has(d.item)),
		// Pins of the map are items of the board: only the agreed ones stay.
		...(design.map ? { map: { ...design.map, pins: design.map.pins.filter((p) => agreed(p.id)) } } : {}),
	}
}
