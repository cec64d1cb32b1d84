/**
 * Pins on the board: any shape with `meta.pin` is pinned to the map, at the centre of the shape on the
 * page (so dragging it moves the pin on every screen, as any change to a shape does). Pinning, naming a
 * place, moving an item to coordinates and making a note at a place, for the panel and the keyboard.
 * @module
 */
import { cameraZoomFor, isPinned, lonLatToPage, MAX_PLACE_NAME, pageToLonLat, placeNameOf, type LonLat, type MapSettings, type PinKind } from '@cyd/model'
import { Box, toRichText, type Editor, type TLShape, type TLShapeId } from 'tldraw'

export interface BoardPin {
	id: TLShapeId
	kind: PinKind
	text: string
	place: string
	/** The pin's point on the page (the shape's centre). */
	x: number
	y: number
	/** Half the shape's diagonal, in page units: the ring drawn round it. */
	radius: number
	lon: number
	lat: number
	/** Whether the item can be moved to coordinates (it lies on the page itself, not in a blueprint or group). */
	movable: boolean
}

const KINDS: Record<string, PinKind> = {
	note: 'note',
	'cyd-card': 'card',
	'cyd-asset': 'asset',
	'cyd-stakeholder': 'stakeholder',
	'cyd-persona': 'persona',
	text: 'text',
	image: 'image',
}

export const pinKindOf = (shape: TLShape): PinKind => KINDS[shape.type] ?? 'shape'

/** An item's words, as its card shows them. */
function wordsOf(editor: Editor, shape: TLShape): string {
	const props = shape.props as Record<string, unknown>
	if (typeof props.text === 'string') return props.text
	if (typeof props.name === 'string') return props.name
	if (typeof props.altText === 'string') return props.altText
	return editor.getShapeUtil(shape).getText(shape)?.trim() ?? ''
}

/** The pins of the current page, north first. */
export function pinsOf(editor: Editor, map: Pick<MapSettings, 'origin' | 'referenceZoom'>): BoardPin[] {
	const pins: BoardPin[] = []
	for (const shape of editor.getCurrentPageShapes()) {
		if (!isPinned(shape)) continue
		const bounds = editor.getShapePageBounds(shape)
		if (!bounds) continue
		const { lon, lat } = pageToLonLat(map, bounds.center)
		pins.push({
			id: shape.id,
			kind: pinKindOf(shape),
			text: wordsOf(editor, shape),
			place: placeNameOf(shape),
			x: bounds.center.x,
			y: bounds.center.y,
			radius: Math.hypot(bounds.w, bounds.h) / 2,
			lon,
			lat,
			movable: shape.parentId === editor.getCurrentPageId(),
		})
	}
	return pins.sort((a, b) => b.lat - a.lat || a.lon - b.lon || (a.id < b.id ? -1 : 1))
}

/** Pins an item to the map where it lies (or takes its pin away). */
export function setPinned(editor: Editor, id: TLShapeId, pinned: boolean): void {
	const shape = editor.getShape(id)
	if (!shape) return
	if (pinned) {
		editor.updateShape({ id, type: shape.type, meta: { pin: { place: placeNameOf(shape) } } } as Parameters<Editor['updateShape']>[0])
		return
	}
	// tldraw's updateShape merges `meta` key by key, so it cannot take a key away: the record is put whole.
	const { pin: _pin, ...rest } = shape.meta as Record<string, unknown>
	editor.store.put([{ ...shape, meta: rest as TLShape['meta'] }])
}

/**
 * Pins an item at a point of the page (where a finger tapped the map): an item that lies on the page
 * itself moves there, its centre on the point; one laid out by a blueprint or a stakeholder map stays
 * where it lies. Either way it is pinned (keeping its place name). Answers whether it moved.
 */
export function pinAt(editor: Editor, id: TLShapeId, at: { x: number; y: number }): boolean {
	const shape = editor.getShape(id)
	const bounds = shape && editor.getShapePageBounds(shape)
	if (!shape || !bounds) return false
	const movable = shape.parentId === editor.getCurrentPageId()
	const meta = { ...shape.meta, pin: { place: placeNameOf(shape) } }
	const moved = movable ? { x: shape.x + at.x - bounds.center.x, y: shape.y + at.y - bounds.center.y } : {}
	editor.updateShape({ id, type: shape.type, ...moved, meta } as Parameters<Editor['updateShape']>[0])
	return movable
}

/** Names the place of a pinned item (a street or landmark). */
export function setPlaceName(editor: Editor, id: TLShapeId, place: string): void {
	const shape = editor.getShape(id)
	if (!shape || !isPinned(shape)) return
	editor.updateShape({ id, type: shape.type, meta: { ...shape.meta, pin: { place: place.trim().slice(0, MAX_PLACE_NAME) } } } as Parameters<Editor['updateShape']>[0])
}

/** Moves an item that lies on the page so that its centre is at a place. */
export function moveTo(editor: Editor, map: Pick<MapSettings, 'origin' | 'referenceZoom'>, id: TLShapeId, place: LonLat): void {
	const shape = editor.getShape(id)
	const bounds = shape && editor.getShapePageBounds(shape)
	if (!shape || !bounds || shape.parentId !== editor.getCurrentPageId()) return
	const to = lonLatToPage(map, place)
	editor.updateShape({ id, type: shape.type, x: shape.x + to.x - bounds.center.x, y: shape.y + to.y - bounds.center.y })
}

/** Makes a note saying `text`, pinned at a place (its centre there), and selects it. */
export function notePinnedAt(editor: Editor, map: Pick<MapSettings, 'origin' | 'referenceZoom'>, place: LonLat, text: string, placeName: string): TLShapeId {
	const at = lonLatToPage(map, place)
	const id = `shape:${crypto.randomUUID()}` as TLShapeId
	editor.createShape({ id, type: 'note', x: at.x - 100, y: at.y - 100, props: { richText: toRichText(text) }, meta: { pin: { place: placeName.trim().slice(0, MAX_PLACE_NAME) } } })
	// A note grows with its text; its centre goes back on the place.
	moveTo(editor, map, id, place)
	editor.select(id)
	return id
}

/** Shows an item in the middle of the screen, selected. */
export function showPin(editor: Editor, id: TLShapeId): void {
	const bounds = editor.getShapePageBounds(id)
	if (!bounds) return
	editor.select(id)
	editor.centerOnPoint(bounds.center, { animation: { duration: editor.options.animationMediumMs } })
}

/** Shows the map's area: its bounds when it has them, else its centre at its zoom. */
export function showMapArea(editor: Editor, map: MapSettings, immediate = false): void {
	const animation = immediate ? undefined : { duration: editor.options.animationMediumMs }
	if (map.bounds) {
		const [w, s, e, n] = map.bounds
		const nw = lonLatToPage(map, { lon: w, lat: n })
		const se = lonLatToPage(map, { lon: e, lat: s })
		editor.zoomToBounds(new Box(nw.x, nw.y, se.x - nw.x, se.y - nw.y), { animation, force: true })
		return
	}
	const point = lonLatToPage(map, map.centre)
	const zoom = cameraZoomFor(map, map.zoom)
	const { w, h } = editor.getViewportScreenBounds()
	editor.setCamera({ x: w / 2 / zoom - point.x, y: h / 2 / zoom - point.y, z: zoom }, { animation, force: true })
}
