/**
 * A board rebuilt from a ServiceDesign: the canvas records (of the current canvas schema) that a new
 * session starts from. Each journey becomes a blueprint with its stages, lanes, cards (in their cells and
 * order, with their actors) and personas (with their emotions), laid out as the app lays them out; the
 * stakeholders and community assets go on a grid map, each stakeholder where its influence and interest
 * put it; each relationship is an arrow bound to its two ends, with its flow, direction and label; notes
 * and text boxes are laid out in a row under everything. Items keep their ids, so that the two sessions
 * of a series can be compared item by item. Drawings, shapes and images are not carried over.
 *
 * Extracting the records (`extractServiceDesign`) gives back the same journeys, stakeholders, assets and
 * relationships, and the notes' and text boxes' words.
 * @module
 */
import { toRichText } from '@tldraw/tlschema'
import type { Contribution, ServiceDesign } from '../design.js'
import { CARD_W, PERSONA_H, PERSONA_W, cardHeight, layoutBlueprint } from '../journey/layout.js'
import { BLUEPRINT_TYPE, CARD_TYPE, PERSONA_COLORS, PERSONA_TYPE, type PersonaColor } from '../journey/shapes.js'
import { pointFor } from '../stakeholders/placement.js'
import { ASSET_TYPE, FLOW_META, FLOW_STYLE, MAP_TYPE, STAKEHOLDER_TYPE } from '../stakeholders/shapes.js'

type Rec = Record<string, unknown>

/** The page a new canvas has (tldraw's default). */
export const DEFAULT_PAGE_ID = 'page:page'

const GAP = 160
const MAP_SIZE = { w: 960, h: 720 }
const STAKEHOLDER_SIZE = { w: 208, h: 112 }
const ASSET_SIZE = { w: 208, h: 112 }
const NOTE_SIZE = 200

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** The `n`th of a run of fractional index keys in order (a1, a2, ... az, b10, ...). */
export function indexKey(n: number): string {
	const i = n + 1
	if (i < 62) return `a${DIGITS[i]}`
	const j = i - 62 // b takes two digits
	return `b${DIGITS[Math.floor(j / 62)]}${DIGITS[j % 62]}`
}

const ms = (iso: string | null): number => {
	const t = iso ? Date.parse(iso) : NaN
	return Number.isFinite(t) ? t : 0
}

const isPersonaColor = (value: string): value is PersonaColor => (PERSONA_COLORS as readonly string[]).includes(value)

export interface RebuildOptions {
	/** The page the shapes go on (the canvas's own, when it has one). */
	pageId?: string
	/** Where the board starts: the top left corner of everything rebuilt. */
	origin?: { x: number; y: number }
}

/** The canvas records of a board rebuilt from `design` (no page record: see DEFAULT_PAGE_ID). */
export function boardOfDesign(design: ServiceDesign, options: RebuildOptions = {}): Rec[] {
	const pageId = options.pageId ?? DEFAULT_PAGE_ID
	const origin = options.origin ?? { x: 0, y: 0 }
	const out: Rec[] = []
	let order = 0
	const shape = (id: string, type: string, x: number, y: number, props: Rec, extra: Rec = {}): Rec => ({
		typeName: 'shape',
		id,
		type,
		x,
		y,
		rotation: 0,
		index: indexKey(order++),
		parentId: pageId,
		isLocked: false,
		opacity: 1,
		meta: {},
		props,
		...extra,
	})

	// Blueprints, one under another.
	let y = origin.y
	let widest = 0
	for (const journey of design.journeys) {
		const grid = { stages: journey.stages, lanes: journey.lanes }
		const cellOrder = new Map<string, number>()
		const cards = journey.cards.map((card) => {
			const key = `${card.stage}\u0000${card.lane}`
			const n = cellOrder.get(key) ?? 0
			cellOrder.set(key, n + 1)
			return { card, order: n, h: cardHeight(card.text) }
		})
		const layout = layoutBlueprint(
			grid,
			cards.map((c) => ({ id: c.card.id, stage: c.card.stage, lane: c.card.lane, order: c.order, h: c.h })),
			journey.personas.map((p, i) => ({ id: p.id, order: i }))
		)
		out.push(shape(journey.id, BLUEPRINT_TYPE, origin.x, y, { w: layout.w, h: layout.h, title: journey.title, stages: journey.stages.map((s) => ({ ...s })), lanes: journey.lanes.map((l) => ({ ...l })) }))
		for (const { card, order: n, h } of cards) {
			const at = layout.cards.get(card.id) ?? { x: 0, y: 0 }
			out.push(
				shape(
					card.id,
					CARD_TYPE,
					at.x,
					at.y,
					{ w: CARD_W, h, stage: card.stage, lane: card.lane, order: n, kind: card.kind, text: card.text, channel: card.channel, actor: card.actor ?? '', authorId: card.author.id, authorName: card.author.name, createdAt: ms(card.createdAt) },
					{ parentId: journey.id }
				)
			)
		}
		journey.personas.forEach((persona, i) => {
			const at = layout.personas.get(persona.id) ?? { x: 0, y: 0 }
			const color = isPersonaColor(persona.color) ? persona.color : PERSONA_COLORS[i % PERSONA_COLORS.length]!
			out.push(
				shape(
					persona.id,
					PERSONA_TYPE,
					at.x,
					at.y,
					{
						w: PERSONA_W,
						h: PERSONA_H,
						name: persona.name,
						story: persona.story,
						needs: persona.needs,
						color,
						emotions: Object.fromEntries(persona.emotions.map((e) => [e.stage, e.value])),
						order: i,
						authorId: persona.author.id,
						authorName: persona.author.name,
						createdAt: 0,
					},
					{ parentId: journey.id }
				)
			)
		})
		y += layout.h + GAP
		widest = Math.max(widest, layout.w)
	}

	// The map, right of the blueprints: stakeholders by influence and interest, assets in a row under it.
	const placed = new Map<string, { x: number; y: number; w: number; h: number }>()
	let bottom = y
	if (design.stakeholders.length > 0 || design.assets.length > 0) {
		const mx = origin.x + (widest ? widest + GAP : 0)
		const my = origin.y
		out.push(shape(`shape:map-${design.journeys[0]?.id.replace(/^shape:/, '') ?? 'board'}`, MAP_TYPE, mx, my, { w: MAP_SIZE.w, h: MAP_SIZE.h, layout: 'grid', title: '', rings: ['Core', 'Directly involved', 'Wider community'] }))
		for (const s of design.stakeholders) {
			const point = pointFor('grid', MAP_SIZE, { influence: s.influence, interest: s.interest })
			const at = { x: mx + point.x - STAKEHOLDER_SIZE.w / 2, y: my + point.y - STAKEHOLDER_SIZE.h / 2, ...STAKEHOLDER_SIZE }
			placed.set(s.id, at)
			out.push(
				shape(s.id, STAKEHOLDER_TYPE, at.x, at.y, {
					...STAKEHOLDER_SIZE,
					name: s.name,
					kind: s.kind,
					influence: s.influence,
					interest: s.interest,
					manual: true,
					notes: s.notes,
					authorId: s.author.id,
					authorName: s.author.name,
					createdAt: 0,
				})
			)
		}
		design.assets.forEach((a, i) => {
			const at = { x: mx + i * (ASSET_SIZE.w + 24), y: my + MAP_SIZE.h + 48, ...ASSET_SIZE }
			placed.set(a.id, at)
			out.push(shape(a.id, ASSET_TYPE, at.x, at.y, { ...ASSET_SIZE, name: a.name, kind: a.kind, description: a.description, holder: a.holder, authorId: a.author.id, authorName: a.author.name, createdAt: 0 }))
		})
		bottom = Math.max(bottom, my + MAP_SIZE.h + 48 + ASSET_SIZE.h + GAP)
	}

	// Relationships: arrows from one end's middle to the other's, bound to both.
	for (const r of design.relationships) {
		const from = placed.get(r.from)
		const to = placed.get(r.to)
		if (!from || !to) continue
		const start = { x: from.x + from.w / 2, y: from.y + from.h / 2 }
		const end = { x: to.x + to.w / 2, y: to.y + to.h / 2 }
		const style = FLOW_STYLE[r.flow]
		out.push(
			shape(
				r.id,
				'arrow',
				start.x,
				start.y,
				{
					kind: 'arc',
					labelColor: 'black',
					color: style.color,
					fill: 'none',
					dash: style.dash,
					size: 'm',
					arrowheadStart: r.direction === 'both' ? 'arrow' : 'none',
					arrowheadEnd: 'arrow',
					font: 'draw',
					start: { x: 0, y: 0 },
					end: { x: end.x - start.x, y: end.y - start.y },
					bend: 0,
					richText: toRichText(r.label),
					labelPosition: 0.5,
					scale: 1,
					elbowMidPoint: 0.5,
				},
				{ meta: { [FLOW_META]: r.flow } }
			)
		)
		const bind = (terminal: 'start' | 'end', toId: string): Rec => ({
			typeName: 'binding',
			id: `binding:${r.id.replace(/^shape:/, '')}-${terminal}`,
			type: 'arrow',
			fromId: r.id,
			toId,
			meta: {},
			props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
		})
		out.push(bind('start', r.from), bind('end', r.to))
	}

	// Notes and text boxes, in a row under everything.
	const words = design.contributions.filter((c): c is Contribution & { kind: 'note' | 'text' } => c.kind === 'note' || c.kind === 'text')
	words.forEach((c, i) => {
		const x = origin.x + i * (NOTE_SIZE + 24)
		if (c.kind === 'note') {
			out.push(
				shape(c.id, 'note', x, bottom, {
					color: 'yellow',
					labelColor: 'black',
					size: 'm',
					font: 'draw',
					fontSizeAdjustment: null,
					align: 'middle',
					verticalAlign: 'middle',
					growY: 0,
					url: '',
					richText: toRichText(c.text),
					scale: 1,
					textLastEditedBy: null,
				})
			)
		} else {
			out.push(shape(c.id, 'text', x, bottom, { color: 'black', size: 'm', font: 'draw', textAlign: 'start', w: NOTE_SIZE, richText: toRichText(c.text), scale: 1, autoSize: false }))
		}
	})
	return out
}
