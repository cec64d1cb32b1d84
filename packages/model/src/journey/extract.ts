/**
 * The structured journey of a canvas document: the ServiceDesign that exports, the outline and the
 * published page read. Pure: it takes the document's records as plain JSON (migrated to the current
 * shape versions) and needs no editor, DOM or Y.Doc.
 * @module
 */
import { cellOf } from './layout.js'
import {
	BLUEPRINT_TYPE,
	CARD_TYPE,
	PERSONA_TYPE,
	isCardKind,
	isChannel,
	isEmotion,
	isLaneKind,
	type Lane,
	type Stage,
} from './shapes.js'
import { extractContributions, type BoardContext } from '../board/contributions.js'
import { extractStakeholderMap } from '../stakeholders/extract.js'
import { STAKEHOLDER_TYPE } from '../stakeholders/shapes.js'
import { SERVICE_DESIGN_VERSION, type Journey, type JourneyCard, type JourneyPersona, type ServiceDesign } from '../design.js'

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
}
const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback)
const num = (value: unknown, fallback = 0): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback)

function recordsOf(records: Iterable<unknown>, typeName: 'shape' | 'binding'): Json[] {
	const out: Json[] = []
	for (const record of records) {
		if (isObject(record) && record.typeName === typeName && isObject(record.props)) out.push(record)
	}
	return out
}

function parseStages(value: unknown): Stage[] {
	if (!Array.isArray(value)) return []
	return value.filter(isObject).map((s) => ({ id: str(s.id), name: str(s.name) }))
}

function parseLanes(value: unknown): Lane[] {
	if (!Array.isArray(value)) return []
	return value.filter(isObject).map((l) => ({ id: str(l.id), name: str(l.name), kind: isLaneKind(l.kind) ? l.kind : 'other' }))
}

function iso(ms: number): string {
	const date = new Date(ms)
	return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString()
}

/**
 * Extract every journey, the stakeholder map and the other contributions of a document, given its
 * records (an array, or an object keyed by id) and what the canvas alone does not say (`context`).
 */
export function extractServiceDesign(records: Iterable<unknown> | Record<string, unknown>, context: BoardContext = {}): ServiceDesign {
	const list = Symbol.iterator in Object(records) ? (records as Iterable<unknown>) : Object.values(records)
	const all = [...list]
	const shapes = recordsOf(all, 'shape')
	const childrenOf = new Map<string, Json[]>()
	for (const shape of shapes) {
		const parent = str(shape.parentId)
		const siblings = childrenOf.get(parent)
		if (siblings) siblings.push(shape)
		else childrenOf.set(parent, [shape])
	}
	const blueprints = shapes
		.filter((s) => s.type === BLUEPRINT_TYPE)
		.sort((a, b) => num(a.y) - num(b.y) || num(a.x) - num(b.x) || (str(a.id) < str(b.id) ? -1 : 1))
	const journeys = blueprints.map((b) => journeyOf(b, childrenOf.get(str(b.id)) ?? []))
	// A card's actor is a stakeholder card; one that was deleted leaves the card without an actor.
	const stakeholderIds = new Set(shapes.filter((s) => s.type === STAKEHOLDER_TYPE).map((s) => str(s.id)))
	for (const card of journeys.flatMap((j) => j.cards)) if (card.actor && !stakeholderIds.has(card.actor)) card.actor = null
	const bindings = recordsOf(all, 'binding')
	const map = extractStakeholderMap(shapes, bindings, journeys)
	const others = all.filter((r): r is Json => isObject(r) && (r.typeName === 'asset' || r.typeName === 'page'))
	const grids = blueprints.map((shape) => ({ shape, grid: { stages: parseStages((shape.props as Json).stages), lanes: parseLanes((shape.props as Json).lanes) } }))
	const contributions = extractContributions(shapes, bindings, others, grids, new Set(map.relationships.map((r) => r.id)), context)
	return {
		format: 'cyd-service-design',
		version: SERVICE_DESIGN_VERSION,
		title: '',
		generatedAt: '',
		versionName: null,
		journeys,
		stakeholders: map.stakeholders,
		assets: map.assets,
		relationships: map.relationships,
		contributions,
		votes: [],
		decisions: [],
		outcomes: [],
		actions: [],
		contributors: [],
		map: null,
		budgets: [],
		ratifications: [],
	}
}

function journeyOf(blueprint: Json, children: Json[]): Journey {
	const props = blueprint.props as Json
	const stages = parseStages(props.stages)
	const lanes = parseLanes(props.lanes)
	const grid = { stages, lanes }
	const stageIndex = new Map(stages.map((s, i) => [s.id, i]))
	const laneIndex = new Map(lanes.map((l, i) => [l.id, i]))
	const cards = children
		.filter((c) => c.type === CARD_TYPE)
		.flatMap((c) => {
			const p = c.props as Json
			const cell = cellOf(grid, { stage: str(p.stage), lane: str(p.lane) })
			if (!cell) return []
			const card: JourneyCard = {
				id: str(c.id),
				stage: cell.stage,
				lane: cell.lane,
				kind: isCardKind(p.kind) ? p.kind : 'action',
				text: str(p.text),
				channel: isChannel(p.channel) ? p.channel : 'other',
				actor: str(p.actor) || null,
				author: { id: str(p.authorId), name: str(p.authorName) },
				createdAt: iso(num(p.createdAt)),
			}
			return [{ card, order: num(p.order) }]
		})
		.sort(
			(a, b) =>
				stageIndex.get(a.card.stage)! - stageIndex.get(b.card.stage)! ||
				laneIndex.get(a.card.lane)! - laneIndex.get(b.card.lane)! ||
				a.order - b.order ||
				(a.card.id < b.card.id ? -1 : 1)
		)
		.map((c) => c.card)
	const personas = children
		.filter((c) => c.type === PERSONA_TYPE)
		.sort((a, b) => num((a.props as Json).order) - num((b.props as Json).order) || (str(a.id) < str(b.id) ? -1 : 1))
		.map((c): JourneyPersona => {
			const p = c.props as Json
			const emotions = isObject(p.emotions) ? p.emotions : {}
			return {
				id: str(c.id),
				name: str(p.name),
				story: str(p.story),
				needs: str(p.needs),
				color: str(p.color),
				emotions: stages.flatMap((s) => {
					const value = emotions[s.id]
					return isEmotion(value) ? [{ stage: s.id, value }] : []
				}),
				author: { id: str(p.authorId), name: str(p.authorName) },
			}
		})
	return { id: str(blueprint.id), title: str(props.title), stages, lanes, cards, personas }
}
