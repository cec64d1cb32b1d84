/**
 * What people do to a journey, as editor operations: add a blueprint (blank or from a template), add,
 * edit and move cards, change stages and lanes, personas and their emotions. Each runs in one editor
 * transaction and lays the blueprint out again, so every client sees cards in their cells.
 * @module
 */
import {
	BLUEPRINT_TYPE,
	CARD_TYPE,
	CARD_W,
	DEFAULT_LANE_KINDS,
	PERSONA_COLORS,
	PERSONA_H,
	PERSONA_TYPE,
	PERSONA_W,
	cardHeight,
	cellAt,
	cellOf,
	defaultCardKind,
	extractServiceDesign,
	layoutBlueprint,
	moveItem,
	orderAfter,
	orderAt,
	type BlueprintShape,
	type CardKind,
	type CardProps,
	type CardShape,
	type Channel,
	type Emotion,
	type JourneyTemplate,
	type Lane,
	type LaneKind,
	type PersonaShape,
	type ServiceDesign,
	type Stage,
} from '@cyd/model'
import { createShapeId, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import { mayChangeStructureHere } from '../structure'

/** Who is making things on this editor, for the cards' and personas' "made by". */
const authors = new WeakMap<Editor, { id: string; name: string }>()

export function setJourneyAuthor(editor: Editor, author: { id: string; name: string }): void {
	authors.set(editor, author)
}

/** Runs `make` with what it makes credited to `author` (a seat at the touch table); then as before. */
export function asAuthor<T>(editor: Editor, author: { id: string; name: string }, make: () => T): T {
	const before = authors.get(editor)
	authors.set(editor, author)
	try {
		return make()
	} finally {
		if (before) authors.set(editor, before)
		else authors.delete(editor)
	}
}

/** Who made something, and when, for a new card's props. */
export function authorOf(editor: Editor) {
	const author = authors.get(editor) ?? { id: editor.user.getId(), name: editor.user.getName() }
	return { authorId: author.id, authorName: author.name, createdAt: Date.now() }
}

export const isBlueprint = (shape: TLShape | undefined): shape is BlueprintShape => shape?.type === BLUEPRINT_TYPE
export const isCard = (shape: TLShape | undefined): shape is CardShape => shape?.type === CARD_TYPE
export const isPersona = (shape: TLShape | undefined): shape is PersonaShape => shape?.type === PERSONA_TYPE

/** Short random ids for stages and lanes, unique within a blueprint. */
function shortId(prefix: string): string {
	return `${prefix}${Math.random().toString(36).slice(2, 10)}`
}

function childrenOf(editor: Editor, blueprint: BlueprintShape) {
	const shapes = editor.getSortedChildIdsForParent(blueprint.id).map((id) => editor.getShape(id))
	return { cards: shapes.filter(isCard), personas: shapes.filter(isPersona) }
}

/** The blueprints on the current page, top to bottom. */
export function blueprintsOnPage(editor: Editor): BlueprintShape[] {
	return editor
		.getCurrentPageShapes()
		.filter(isBlueprint)
		.sort((a, b) => a.y - b.y || a.x - b.x)
}

/** The blueprint a shape belongs to (itself, or its parent). */
export function blueprintOf(editor: Editor, shape: TLShape | undefined): BlueprintShape | undefined {
	if (!shape) return undefined
	if (isBlueprint(shape)) return shape
	const parent = editor.getShape(shape.parentId as TLShapeId)
	return isBlueprint(parent) ? parent : undefined
}

/** Put every card and persona of the blueprint where its cell and order say, and size the blueprint. */
export function relayout(editor: Editor, blueprintId: TLShapeId): void {
	const blueprint = editor.getShape(blueprintId)
	if (!isBlueprint(blueprint)) return
	const { cards, personas } = childrenOf(editor, blueprint)
	const layout = layoutBlueprint(
		blueprint.props,
		cards.map((c) => ({ id: c.id, stage: c.props.stage, lane: c.props.lane, order: c.props.order, h: c.props.h })),
		personas.map((p) => ({ id: p.id, order: p.props.order }))
	)
	const updates: Parameters<Editor['updateShapes']>[0] = []
	for (const shape of [...cards, ...personas]) {
		const at = (isCard(shape) ? layout.cards : layout.personas).get(shape.id)
		if (at && (at.x !== shape.x || at.y !== shape.y || shape.rotation !== 0)) updates.push({ id: shape.id, type: shape.type, x: at.x, y: at.y, rotation: 0 })
	}
	if (layout.w !== blueprint.props.w || layout.h !== blueprint.props.h) updates.push({ id: blueprint.id, type: BLUEPRINT_TYPE, props: { w: layout.w, h: layout.h } })
	if (updates.length) editor.updateShapes(updates)
}

/** The words a new blueprint's parts are named with, in the language of the person making it. */
export interface BlueprintLabels {
	title: string
	stage(n: number): string
	lane(kind: LaneKind): string
}

/** Where a new blueprint goes: below everything on the page, at the left of the view. */
function freeSpot(editor: Editor): { x: number; y: number } {
	const bounds = editor.getCurrentPageBounds()
	const view = editor.getViewportPageBounds()
	return bounds ? { x: Math.round(view.x + 40), y: Math.round(bounds.maxY + 80) } : { x: Math.round(view.x + 40), y: Math.round(view.y + 40) }
}

/** Add a blueprint: blank (three stages, the five default lanes) or from a template. Answers its id. */
export function addBlueprint(editor: Editor, from: JourneyTemplate | BlueprintLabels): TLShapeId {
	const id = createShapeId()
	const at = freeSpot(editor)
	const template: JourneyTemplate =
		'format' in from
			? from
			: {
					format: 'cyd-journey-template',
					version: 1,
					title: from.title,
					stages: [1, 2, 3].map((n) => from.stage(n)),
					lanes: DEFAULT_LANE_KINDS.map((kind) => ({ name: from.lane(kind), kind })),
					cards: [],
					personas: [],
				}
	const stages: Stage[] = template.stages.map((name) => ({ id: shortId('s'), name }))
	const lanes: Lane[] = template.lanes.map((lane) => ({ id: shortId('l'), name: lane.name, kind: lane.kind }))
	const made = authorOf(editor)
	editor.run(() => {
		editor.createShape({ id, type: BLUEPRINT_TYPE, x: at.x, y: at.y, props: { w: 1, h: 1, title: template.title, stages, lanes } })
		const orders = new Map<string, number>()
		editor.createShapes(
			template.cards.map((card) => {
				const stage = stages[card.stage]!.id
				const lane = lanes[card.lane]!.id
				const key = `${stage}/${lane}`
				const order = orders.get(key) ?? 0
				orders.set(key, order + 1)
				return {
					id: createShapeId(),
					type: CARD_TYPE,
					parentId: id,
					props: { ...newCardProps(card.kind, card.text, card.channel, stage, lane, order), ...made },
				}
			})
		)
		editor.createShapes(
			template.personas.map((persona, order) => ({
				id: createShapeId(),
				type: PERSONA_TYPE,
				parentId: id,
				props: {
					w: PERSONA_W,
					h: PERSONA_H,
					name: persona.name,
					story: persona.story,
					needs: persona.needs,
					color: persona.color,
					emotions: Object.fromEntries(persona.emotions.flatMap((value, i) => (value === null ? [] : [[stages[i]!.id, value]]))),
					order,
					...made,
				},
			}))
		)
		relayout(editor, id)
	})
	editor.select(id)
	editor.zoomToBounds(editor.getShapePageBounds(id)!, { inset: 40, animation: { duration: 0 } })
	return id
}

function newCardProps(kind: CardKind, text: string, channel: Channel, stage: string, lane: string, order: number): Omit<CardProps, 'authorId' | 'authorName' | 'createdAt'> {
	return { w: CARD_W, h: cardHeight(text), stage, lane, order, kind, text, channel, actor: '' }
}

/** Add a card at the end of a cell. Answers its id. */
export function addCard(
	editor: Editor,
	blueprintId: TLShapeId,
	card: { stage: string; lane: string; kind?: CardKind; text?: string; channel?: Channel; actor?: string }
): TLShapeId | null {
	const blueprint = editor.getShape(blueprintId)
	if (!isBlueprint(blueprint)) return null
	const lane = blueprint.props.lanes.find((l) => l.id === card.lane)
	const { cards } = childrenOf(editor, blueprint)
	const inCell = cards.filter((c) => c.props.stage === card.stage && c.props.lane === card.lane).map((c) => c.props)
	const id = createShapeId()
	editor.run(() => {
		editor.createShape({
			id,
			type: CARD_TYPE,
			parentId: blueprint.id,
			props: {
				...newCardProps(card.kind ?? defaultCardKind(lane?.kind ?? 'other'), card.text ?? '', card.channel ?? 'other', card.stage, card.lane, orderAfter(inCell)),
				actor: card.actor ?? '',
				...authorOf(editor),
			},
		})
		relayout(editor, blueprint.id)
	})
	return id
}

/** Add a card in the cell under a page point of a blueprint (of the lane's kind, unless one is given). */
export function addCardAt(editor: Editor, blueprint: BlueprintShape, pagePoint: { x: number; y: number }, kind?: CardKind): TLShapeId | null {
	const local = editor.getPointInShapeSpace(blueprint, pagePoint)
	const layout = layoutOf(editor, blueprint)
	const cell = cellAt(layout, local)
	return cell ? addCard(editor, blueprint.id, kind ? { ...cell, kind } : cell) : null
}

function layoutOf(editor: Editor, blueprint: BlueprintShape) {
	const { cards, personas } = childrenOf(editor, blueprint)
	return layoutBlueprint(
		blueprint.props,
		cards.map((c) => ({ id: c.id, stage: c.props.stage, lane: c.props.lane, order: c.props.order, h: c.props.h })),
		personas.map((p) => ({ id: p.id, order: p.props.order }))
	)
}

/** Change a card's fields; its height follows its text. */
export function updateCard(editor: Editor, cardId: TLShapeId, change: Partial<Pick<CardProps, 'kind' | 'text' | 'channel' | 'actor'>>): void {
	const card = editor.getShape(cardId)
	if (!isCard(card)) return
	const props: Partial<CardProps> = { ...change }
	if (change.text !== undefined) props.h = cardHeight(change.text)
	editor.run(() => {
		editor.updateShape({ id: card.id, type: CARD_TYPE, props })
		if (props.h !== undefined && props.h !== card.props.h) relayout(editor, card.parentId as TLShapeId)
	})
}

/** Move a card to the end of another cell (or to a given order in it). */
export function moveCard(editor: Editor, cardId: TLShapeId, to: { stage: string; lane: string; order?: number }): void {
	const card = editor.getShape(cardId)
	const blueprint = blueprintOf(editor, card)
	if (!isCard(card) || !blueprint) return
	const others = childrenOf(editor, blueprint).cards.filter((c) => c.id !== card.id && c.props.stage === to.stage && c.props.lane === to.lane)
	const order = to.order ?? orderAfter(others.map((c) => c.props))
	editor.run(() => {
		editor.updateShape({ id: card.id, type: CARD_TYPE, props: { stage: to.stage, lane: to.lane, order } })
		relayout(editor, blueprint.id)
	})
}

/** Change a card's fields and, if given, move it to the end of another cell, in one transaction. */
export function editCard(
	editor: Editor,
	cardId: TLShapeId,
	change: Partial<Pick<CardProps, 'kind' | 'text' | 'channel' | 'actor'>>,
	to?: { stage: string; lane: string }
): void {
	editor.run(() => {
		if (Object.keys(change).length > 0) updateCard(editor, cardId, change)
		if (to) moveCard(editor, cardId, to)
	})
}

/** After a card was dragged: it joins the cell under its centre, between the cards above and below it. */
export function dropCard(editor: Editor, cardId: TLShapeId): void {
	const card = editor.getShape(cardId)
	const blueprint = blueprintOf(editor, card)
	if (!isCard(card) || !blueprint) return
	const layout = layoutOf(editor, blueprint)
	const cell = cellAt(layout, { x: card.x + card.props.w / 2, y: card.y + card.props.h / 2 })
	if (!cell) return
	const others = childrenOf(editor, blueprint)
		.cards.filter((c) => c.id !== card.id && cellOf(blueprint.props, c.props)?.stage === cell.stage && cellOf(blueprint.props, c.props)?.lane === cell.lane)
		.map((c) => ({ id: c.id, order: c.props.order, y: c.y, h: c.props.h }))
	moveCard(editor, card.id, { ...cell, order: orderAt(others, card.y) })
}

export function setTitle(editor: Editor, blueprintId: TLShapeId, title: string): void {
	if (!mayChangeStructureHere(editor)) return
	editor.updateShape({ id: blueprintId, type: BLUEPRINT_TYPE, props: { title } })
}

type Axis = 'stages' | 'lanes'

function changeGrid(editor: Editor, blueprintId: TLShapeId, change: (props: BlueprintShape['props']) => Partial<BlueprintShape['props']>): void {
	const blueprint = editor.getShape(blueprintId)
	if (!isBlueprint(blueprint) || !mayChangeStructureHere(editor)) return
	editor.run(() => {
		editor.updateShape({ id: blueprint.id, type: BLUEPRINT_TYPE, props: change(blueprint.props) })
		relayout(editor, blueprint.id)
	})
}

export function addStage(editor: Editor, blueprintId: TLShapeId, name: string): void {
	changeGrid(editor, blueprintId, (p) => ({ stages: [...p.stages, { id: shortId('s'), name }] }))
}

export function addLane(editor: Editor, blueprintId: TLShapeId, name: string, kind: LaneKind): void {
	changeGrid(editor, blueprintId, (p) => ({ lanes: [...p.lanes, { id: shortId('l'), name, kind }] }))
}

export function renameItem(editor: Editor, blueprintId: TLShapeId, axis: Axis, id: string, name: string): void {
	changeGrid(editor, blueprintId, (p) => (axis === 'stages' ? { stages: p.stages.map((s) => (s.id === id ? { ...s, name } : s)) } : { lanes: p.lanes.map((l) => (l.id === id ? { ...l, name } : l)) }))
}

export function setLaneKind(editor: Editor, blueprintId: TLShapeId, id: string, kind: LaneKind): void {
	changeGrid(editor, blueprintId, (p) => ({ lanes: p.lanes.map((l) => (l.id === id ? { ...l, kind } : l)) }))
}

export function moveGridItem(editor: Editor, blueprintId: TLShapeId, axis: Axis, id: string, delta: number): void {
	changeGrid(editor, blueprintId, (p) =>
		axis === 'stages'
			? { stages: moveItem(p.stages, p.stages.findIndex((s) => s.id === id), delta) }
			: { lanes: moveItem(p.lanes, p.lanes.findIndex((l) => l.id === id), delta) }
	)
}

/** The cards that removing a stage or lane would remove with it. */
export function cardsIn(editor: Editor, blueprintId: TLShapeId, axis: Axis, id: string): TLShapeId[] {
	const blueprint = editor.getShape(blueprintId)
	if (!isBlueprint(blueprint)) return []
	return childrenOf(editor, blueprint)
		.cards.filter((c) => (axis === 'stages' ? c.props.stage : c.props.lane) === id)
		.map((c) => c.id)
}

/** Remove a stage or lane and its cards (the caller asks first when there are any). */
export function removeGridItem(editor: Editor, blueprintId: TLShapeId, axis: Axis, id: string): void {
	const blueprint = editor.getShape(blueprintId)
	if (!isBlueprint(blueprint) || !mayChangeStructureHere(editor)) return
	const list = blueprint.props[axis] as ReadonlyArray<{ id: string }>
	if (list.length <= 1) return
	editor.run(() => {
		editor.deleteShapes(cardsIn(editor, blueprintId, axis, id))
		changeGrid(editor, blueprintId, (p) => (axis === 'stages' ? { stages: p.stages.filter((s) => s.id !== id) } : { lanes: p.lanes.filter((l) => l.id !== id) }))
	})
}

export function addPersona(editor: Editor, blueprintId: TLShapeId, persona: { name: string; story: string; needs: string }): TLShapeId | null {
	const blueprint = editor.getShape(blueprintId)
	if (!isBlueprint(blueprint)) return null
	const { personas } = childrenOf(editor, blueprint)
	const used = new Set(personas.map((p) => p.props.color))
	const id = createShapeId()
	editor.run(() => {
		editor.createShape({
			id,
			type: PERSONA_TYPE,
			parentId: blueprint.id,
			props: {
				w: PERSONA_W,
				h: PERSONA_H,
				...persona,
				color: PERSONA_COLORS.find((c) => !used.has(c)) ?? PERSONA_COLORS[personas.length % PERSONA_COLORS.length]!,
				emotions: {},
				order: orderAfter(personas.map((p) => p.props)),
				...authorOf(editor),
			},
		})
		relayout(editor, blueprint.id)
	})
	return id
}

export function updatePersona(editor: Editor, personaId: TLShapeId, change: Partial<Pick<PersonaShape['props'], 'name' | 'story' | 'needs'>>): void {
	const persona = editor.getShape(personaId)
	if (isPersona(persona)) editor.updateShape({ id: persona.id, type: PERSONA_TYPE, props: change })
}

/** Set (or, with null, clear) a persona's emotion at a stage. */
export function setEmotion(editor: Editor, personaId: TLShapeId, stage: string, value: Emotion | null): void {
	const persona = editor.getShape(personaId)
	if (!isPersona(persona)) return
	const emotions = { ...persona.props.emotions }
	if (value === null) delete emotions[stage]
	else emotions[stage] = value
	editor.updateShape({ id: persona.id, type: PERSONA_TYPE, props: { emotions } })
}

export function deleteShape(editor: Editor, id: TLShapeId): void {
	const blueprint = blueprintOf(editor, editor.getShape(id))
	editor.run(() => {
		editor.deleteShape(id)
		if (blueprint && blueprint.id !== id) relayout(editor, blueprint.id)
	})
}

/** The ServiceDesign of what this editor holds (all pages). */
export function designOf(editor: Editor): ServiceDesign {
	return extractServiceDesign(editor.store.allRecords())
}
