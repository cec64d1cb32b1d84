/**
 * Stakeholders, community assets and the relationships between them, from a canvas document's shape
 * and binding records (plain JSON, current versions). A relationship is an arrow whose two ends are
 * bound to stakeholder or asset cards; any other arrow is a drawing and is left out.
 * @module
 */
import type { Author, CommunityAsset, Journey, Relationship, Stakeholder } from '../design.js'
import { ASSET_TYPE, FLOW_META, STAKEHOLDER_TYPE, isAssetKind, isFlow, isStakeholderKind } from './shapes.js'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const str = (value: unknown): string => (typeof value === 'string' ? value : '')
const unit = (value: unknown): number => (typeof value === 'number' && value >= 0 && value <= 1 ? value : 0)
const authorOf = (p: Json): Author => ({ id: str(p.authorId), name: str(p.authorName) })
const byName = (a: { name: string; id: string }, b: { name: string; id: string }) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)

/** Rich-text nodes that hold blocks: their children each take a line of their own. */
const BLOCK_NODES = new Set(['paragraph', 'heading', 'bulletList', 'orderedList', 'listItem', 'blockquote', 'codeBlock'])

/** The plain text of a tldraw rich text document (TipTap JSON): paragraphs, list items and line breaks on lines of their own. */
export function plainText(richText: unknown): string {
	if (!isObject(richText)) return ''
	if (typeof richText.text === 'string') return richText.text
	if (richText.type === 'hardBreak') return '\n'
	const content = Array.isArray(richText.content) ? richText.content : []
	const blocks = richText.type === 'doc' || content.some((c) => isObject(c) && BLOCK_NODES.has(str(c.type)))
	return content.map(plainText).join(blocks ? '\n' : '')
}

export interface StakeholderMap {
	stakeholders: Stakeholder[]
	assets: CommunityAsset[]
	relationships: Relationship[]
}

export function extractStakeholderMap(shapes: readonly Json[], bindings: readonly Json[], journeys: readonly Journey[]): StakeholderMap {
	const actsIn = new Map<string, Array<{ journey: string; card: string }>>()
	for (const journey of journeys) {
		for (const card of journey.cards) {
			if (!card.actor) continue
			const list = actsIn.get(card.actor) ?? []
			list.push({ journey: journey.id, card: card.id })
			actsIn.set(card.actor, list)
		}
	}
	const stakeholders: Stakeholder[] = shapes
		.filter((s) => s.type === STAKEHOLDER_TYPE && isObject(s.props))
		.map((s) => {
			const p = s.props as Json
			return {
				id: str(s.id),
				name: str(p.name),
				kind: isStakeholderKind(p.kind) ? p.kind : 'other',
				influence: unit(p.influence),
				interest: unit(p.interest),
				notes: str(p.notes),
				author: authorOf(p),
				actsIn: actsIn.get(str(s.id)) ?? [],
			}
		})
		.sort(byName)
	const assetShapes = shapes.filter((s) => s.type === ASSET_TYPE && isObject(s.props))
	const ends = new Set([...stakeholders.map((s) => s.id), ...assetShapes.map((a) => str(a.id))])

	const terminals = new Map<string, { start?: string; end?: string }>()
	for (const binding of bindings) {
		if (binding.type !== 'arrow' || !isObject(binding.props)) continue
		const arrow = str(binding.fromId)
		const terminal = binding.props.terminal
		const entry = terminals.get(arrow) ?? {}
		if (terminal === 'start') entry.start = str(binding.toId)
		else if (terminal === 'end') entry.end = str(binding.toId)
		terminals.set(arrow, entry)
	}
	const relationships: Relationship[] = []
	for (const arrow of shapes) {
		if (arrow.type !== 'arrow' || !isObject(arrow.props)) continue
		const t = terminals.get(str(arrow.id))
		if (!t?.start || !t.end || t.start === t.end || !ends.has(t.start) || !ends.has(t.end)) continue
		const p = arrow.props
		const headStart = str(p.arrowheadStart) !== 'none' && str(p.arrowheadStart) !== ''
		const headEnd = str(p.arrowheadEnd) !== 'none' && str(p.arrowheadEnd) !== ''
		// The flow goes towards the arrowhead: an arrow with a head only at its start points backwards.
		const backwards = headStart && !headEnd
		const flow = isObject(arrow.meta) ? arrow.meta[FLOW_META] : undefined
		relationships.push({
			id: str(arrow.id),
			from: backwards ? t.end : t.start,
			to: backwards ? t.start : t.end,
			flow: isFlow(flow) ? flow : 'information',
			direction: headStart && headEnd ? 'both' : 'one-way',
			label: plainText(p.richText) || str(p.text),
		})
	}
	relationships.sort((a, b) => (a.id < b.id ? -1 : 1))

	const stakeholderIds = new Set(stakeholders.map((s) => s.id))
	const assets: CommunityAsset[] = assetShapes
		.map((s) => {
			const p = s.props as Json
			const id = str(s.id)
			const connects = new Set<string>()
			for (const r of relationships) {
				if (r.from === id && stakeholderIds.has(r.to)) connects.add(r.to)
				if (r.to === id && stakeholderIds.has(r.from)) connects.add(r.from)
			}
			return {
				id,
				name: str(p.name),
				kind: isAssetKind(p.kind) ? p.kind : 'resource',
				description: str(p.description),
				holder: str(p.holder),
				connects: [...connects].sort(),
				author: authorOf(p),
			}
		})
		.sort(byName)
	return { stakeholders, assets, relationships }
}
