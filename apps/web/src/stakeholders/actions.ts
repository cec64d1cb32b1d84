/**
 * What people do on a stakeholder map, as editor operations: add maps, stakeholders and community
 * assets, place a stakeholder (which sets its influence and interest unless set by hand), and make
 * typed relationships: arrows bound to two cards, which follow the cards when they move.
 * @module
 */
import {
	ASSET_TYPE,
	CARD_TYPE,
	FLOW_META,
	FLOW_STYLE,
	MAP_TYPE,
	STAKEHOLDER_TYPE,
	isFlow,
	isOnMap,
	placementOn,
	pointFor,
	ringCloseness,
	type AssetKind,
	type AssetShape,
	type CardShape,
	type Flow,
	type MapLayout,
	type MapShape,
	type StakeholderKind,
	type StakeholderShape,
} from '@cyd/model'
import { createShapeId, toRichText, type Editor, type TLArrowBinding, type TLArrowShape, type TLShape, type TLShapeId } from 'tldraw'
import { authorOf } from '../journey/actions'

export const STAKEHOLDER_W = 208
export const STAKEHOLDER_H = 112
export const ASSET_W = 208
export const ASSET_H = 112

export const isMap = (shape: TLShape | undefined): shape is MapShape => shape?.type === MAP_TYPE
export const isStakeholder = (shape: TLShape | undefined): shape is StakeholderShape => shape?.type === STAKEHOLDER_TYPE
export const isAsset = (shape: TLShape | undefined): shape is AssetShape => shape?.type === ASSET_TYPE

export function mapsOnPage(editor: Editor): MapShape[] {
	return editor
		.getCurrentPageShapes()
		.filter(isMap)
		.sort((a, b) => a.y - b.y || a.x - b.x)
}

export function stakeholdersOnPage(editor: Editor): StakeholderShape[] {
	return editor
		.getCurrentPageShapes()
		.filter(isStakeholder)
		.sort((a, b) => a.props.name.localeCompare(b.props.name) || (a.id < b.id ? -1 : 1))
}

export function assetsOnPage(editor: Editor): AssetShape[] {
	return editor
		.getCurrentPageShapes()
		.filter(isAsset)
		.sort((a, b) => a.props.name.localeCompare(b.props.name) || (a.id < b.id ? -1 : 1))
}

/** Add a map (rings or grid) below what is on the page, at the back. */
export function addMap(editor: Editor, layout: MapLayout, labels: { title: string; rings: string[] }): TLShapeId {
	const id = createShapeId()
	const bounds = editor.getCurrentPageBounds()
	const view = editor.getViewportPageBounds()
	const size = layout === 'rings' ? { w: 960, h: 960 } : { w: 960, h: 720 }
	editor.run(() => {
		editor.createShape({ id, type: MAP_TYPE, x: Math.round(view.x + 40), y: Math.round(bounds ? bounds.maxY + 80 : view.y + 40), props: { ...size, layout, title: labels.title, rings: labels.rings } })
		editor.sendToBack([id])
	})
	editor.select(id)
	editor.zoomToBounds(editor.getShapePageBounds(id)!, { inset: 40, animation: { duration: 0 } })
	return id
}

/** The map under a page point, topmost first. */
export function mapAt(editor: Editor, point: { x: number; y: number }): MapShape | undefined {
	return mapsOnPage(editor)
		.reverse()
		.find((m) => isOnMap(m.props.layout, m.props, editor.getPointInShapeSpace(m, point)))
}

/** A stakeholder's influence and interest from where it now sits, unless they were set by hand. */
export function placeFromPosition(editor: Editor, id: TLShapeId): void {
	const shape = editor.getShape(id)
	if (!isStakeholder(shape) || shape.props.manual) return
	const center = editor.getShapePageBounds(shape)?.center
	const map = center && mapAt(editor, center)
	if (!center || !map) return
	const placement = placementOn(map.props.layout, map.props, editor.getPointInShapeSpace(map, center))
	if (placement.influence !== shape.props.influence || placement.interest !== shape.props.interest) {
		editor.updateShape({ id, type: STAKEHOLDER_TYPE, props: placement })
	}
}

/** Move a stakeholder's card to where a placement puts it on `map` (keeping its direction on rings). */
export function moveToPlacement(editor: Editor, id: TLShapeId, map: MapShape, placement: { influence: number; interest: number }): void {
	const shape = editor.getShape(id)
	if (!isStakeholder(shape)) return
	const center = editor.getShapePageBounds(shape)!.center
	const local = editor.getPointInShapeSpace(map, center)
	const angle = Math.atan2(local.y - map.props.h / 2, local.x - map.props.w / 2) || -Math.PI / 4
	const at = pointFor(map.props.layout, map.props, placement, Number.isFinite(angle) ? angle : -Math.PI / 4)
	editor.updateShape({
		id,
		type: STAKEHOLDER_TYPE,
		x: map.x + at.x - shape.props.w / 2,
		y: map.y + at.y - shape.props.h / 2,
		props: { influence: placement.influence, interest: placement.interest },
	})
}

/** Put a stakeholder in ring 0, 1 or 2 of a rings map. */
export function placeInRing(editor: Editor, id: TLShapeId, map: MapShape, ring: 0 | 1 | 2): void {
	const closeness = ringCloseness(ring)
	moveToPlacement(editor, id, map, { influence: closeness, interest: closeness })
}

/** A spread of directions, so cards added one after another do not land on each other. */
function spreadAngle(n: number): number {
	return -Math.PI / 2 + n * 2.39996
}

export function addStakeholder(
	editor: Editor,
	stakeholder: { name: string; kind: StakeholderKind; notes: string },
	map: MapShape | undefined,
	placement = { influence: 0.5, interest: 0.5 }
): TLShapeId {
	const id = createShapeId()
	const count = stakeholdersOnPage(editor).length
	const view = editor.getViewportPageBounds()
	const at = map ? pointFor(map.props.layout, map.props, placement, spreadAngle(count)) : null
	editor.createShape({
		id,
		type: STAKEHOLDER_TYPE,
		x: at ? map!.x + at.x - STAKEHOLDER_W / 2 : view.center.x - STAKEHOLDER_W / 2 + (count % 5) * 24,
		y: at ? map!.y + at.y - STAKEHOLDER_H / 2 : view.center.y - STAKEHOLDER_H / 2 + (count % 5) * 24,
		props: { w: STAKEHOLDER_W, h: STAKEHOLDER_H, ...stakeholder, ...placement, manual: false, ...authorOf(editor) },
	})
	return id
}

/** Change a stakeholder's fields (its name, kind, notes; its levels, or whether they are set by hand). */
export function updateStakeholder(
	editor: Editor,
	id: TLShapeId,
	change: Partial<Pick<StakeholderShape['props'], 'name' | 'kind' | 'notes' | 'influence' | 'interest' | 'manual'>>
): void {
	const shape = editor.getShape(id)
	if (isStakeholder(shape)) editor.updateShape({ id, type: STAKEHOLDER_TYPE, props: change })
}

export function addAsset(editor: Editor, asset: { name: string; kind: AssetKind; description: string; holder: string }, map: MapShape | undefined): TLShapeId {
	const id = createShapeId()
	const count = assetsOnPage(editor).length
	const view = editor.getViewportPageBounds()
	const x = map ? map.x + map.props.w + 40 : view.center.x + 120
	const y = map ? map.y + count * (ASSET_H + 16) : view.center.y + count * 24
	editor.createShape({ id, type: ASSET_TYPE, x, y, props: { w: ASSET_W, h: ASSET_H, ...asset, ...authorOf(editor) } })
	return id
}

/** The journey cards that name this stakeholder as their actor. */
export function cardsActedBy(editor: Editor, stakeholderId: TLShapeId): CardShape[] {
	return editor
		.getCurrentPageShapes()
		.filter((s): s is CardShape => s.type === CARD_TYPE && (s as CardShape).props.actor === stakeholderId)
}

/** Style props of a relationship arrow for a flow (colour and dash, so not by colour alone). */
function flowStyle(flow: Flow) {
	const style = FLOW_STYLE[flow]
	return { color: style.color as TLArrowShape['props']['color'], dash: style.dash as TLArrowShape['props']['dash'] }
}

/** Make a relationship: an arrow from one card to another, bound at both ends. */
export function addRelationship(editor: Editor, from: TLShapeId, to: TLShapeId, flow: Flow, direction: 'one-way' | 'both', label: string): TLShapeId {
	const id = createShapeId()
	const a = editor.getShapePageBounds(from)!.center
	const b = editor.getShapePageBounds(to)!.center
	const binding = (terminal: 'start' | 'end', toId: TLShapeId) => ({
		type: 'arrow' as const,
		fromId: id,
		toId,
		props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' as const },
	})
	// Arrows already between these two cards: bend this one away from them so each stays visible.
	const between = editor.getBindingsToShape<TLArrowBinding>(from, 'arrow').filter((b) =>
		editor.getBindingsFromShape<TLArrowBinding>(b.fromId, 'arrow').some((o) => o.toId === to)
	).length
	const bend = between === 0 ? 0 : (between % 2 ? 1 : -1) * Math.ceil(between / 2) * 48
	editor.run(() => {
		editor.createShape({
			id,
			type: 'arrow',
			x: a.x,
			y: a.y,
			meta: { [FLOW_META]: flow },
			props: {
				...flowStyle(flow),
				arrowheadStart: direction === 'both' ? 'arrow' : 'none',
				arrowheadEnd: 'arrow',
				richText: toRichText(label),
				start: { x: 0, y: 0 },
				end: { x: b.x - a.x, y: b.y - a.y },
				bend,
			},
		})
		editor.createBindings([binding('start', from), binding('end', to)])
	})
	return id
}

export function updateRelationship(editor: Editor, id: TLShapeId, change: { flow?: Flow; direction?: 'one-way' | 'both'; label?: string }): void {
	const arrow = editor.getShape(id)
	if (arrow?.type !== 'arrow') return
	const props: Partial<TLArrowShape['props']> = {}
	if (change.flow) Object.assign(props, flowStyle(change.flow))
	if (change.direction) props.arrowheadStart = change.direction === 'both' ? 'arrow' : 'none'
	if (change.label !== undefined) props.richText = toRichText(change.label)
	editor.updateShape({ id, type: 'arrow', props, ...(change.flow ? { meta: { ...arrow.meta, [FLOW_META]: change.flow } } : {}) })
}

/** The flow of an arrow (information when none was set). */
export function flowOf(arrow: TLShape): Flow {
	const flow = arrow.meta[FLOW_META]
	return isFlow(flow) ? flow : 'information'
}
