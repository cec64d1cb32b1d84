/**
 * Every named item of a design by its id, so tables that refer to items (votes, relationships, who acts
 * in a step) can show what the item says rather than its shape id.
 * @module
 */
import type { ItemKind, Place, ServiceDesign } from '@cyd/model'
import { message } from './messages.js'
import type { ExportLanguage } from './options.js'

/** What a reader sees of an item: its kind and its text or name. */
export interface ItemName {
	kind: ItemKind
	text: string
}

/** The design's cards, personas, stakeholders, assets, relationships and other contributions, by id. */
export function itemNames(design: ServiceDesign): Map<string, ItemName> {
	const names = new Map<string, ItemName>()
	for (const journey of design.journeys) {
		for (const card of journey.cards) names.set(card.id, { kind: 'card', text: card.text })
		for (const persona of journey.personas) names.set(persona.id, { kind: 'persona', text: persona.name })
	}
	for (const stakeholder of design.stakeholders) names.set(stakeholder.id, { kind: 'stakeholder', text: stakeholder.name })
	for (const asset of design.assets) names.set(asset.id, { kind: 'asset', text: asset.name })
	for (const relationship of design.relationships) {
		const label = relationship.label || `${names.get(relationship.from)?.text ?? ''} – ${names.get(relationship.to)?.text ?? ''}`
		names.set(relationship.id, { kind: 'relationship', text: label })
	}
	for (const contribution of design.contributions) names.set(contribution.id, { kind: contribution.kind, text: contribution.text })
	return names
}

/**
 * The name of an item a vote or decision refers to: from the design, else from the decision log's
 * record of what it said, else null (an item no longer on the board).
 */
export function nameOf(design: ServiceDesign, names: Map<string, ItemName>, id: string): ItemName | null {
	const found = names.get(id)
	if (found) return found
	const decided = design.decisions.findLast((d) => d.item === id)
	return decided ? { kind: decided.itemKind, text: decided.itemText } : null
}

/** One line of the ranked votes. */
export interface RankedVote {
	/** 1 for the most votes; items with equal votes share a rank (1, 1, 3). */
	rank: number
	item: string
	votes: number
	name: ItemName | null
}

/** The latest round's votes, most first; equal counts keep the round's order and share a rank. */
export function rankedVotes(design: ServiceDesign, names: Map<string, ItemName> = itemNames(design)): RankedVote[] {
	const sorted = design.votes.map((v, i) => ({ ...v, i })).sort((a, b) => b.votes - a.votes || a.i - b.i)
	return sorted.map((vote) => ({
		rank: sorted.findIndex((other) => other.votes === vote.votes) + 1,
		item: vote.item,
		votes: vote.votes,
		name: nameOf(design, names, vote.item),
	}))
}

/** Where a contribution lies, in words: "Repairs: Report, Resident actions", "Who is involved: Core". */
export function placeName(design: ServiceDesign, place: Place, language: ExportLanguage): string {
	const t = (key: Parameters<typeof message>[1], values?: Record<string, string | number>) => message(language, key, values)
	if (place.type === 'cell') {
		const journey = design.journeys.find((j) => j.id === place.journey)
		if (!journey) return ''
		const index = journey.stages.findIndex((s) => s.id === place.stage)
		const lane = journey.lanes.find((l) => l.id === place.lane)
		return t('contributions.cell', {
			journey: journey.title || t('journey.untitled'),
			stage: journey.stages[index]?.name || t('journey.unnamedStage', { n: index + 1 }),
			lane: lane ? lane.name || t(`lane.kind.${lane.kind}`) : '',
		})
	}
	const where = place.ring !== null ? place.ringLabel || t('contributions.ring', { n: place.ring + 1 }) : place.quadrant ? t(`quadrant.${place.quadrant}`) : ''
	return t('contributions.onMapAt', { map: place.title || t('contributions.untitledMap'), where })
}
