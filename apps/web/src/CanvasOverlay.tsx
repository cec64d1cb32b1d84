/**
 * What Cyd shows on the shapes of the board: vote counts once a round closes, my own votes while it is
 * open, each item's decision, and the facilitator's spotlight. A journey card wears its badges in its own
 * foot (`ShapeBadges`), where they never cover its words; every other shape has them over the canvas
 * (tldraw's `InFrontOfTheCanvas` slot), just above its top right corner.
 * @module
 */
import { createContext, useContext } from 'react'
import { useEditor, useValue, type Editor, type TLShapeId } from 'tldraw'
import { CARD_TYPE, type DecisionStatus } from '@cyd/model'
import { useT } from './i18n/I18n'

export interface OverlayData {
	/** Published votes per shape (a closed round), or null. */
	results: Record<string, number> | null
	/** My votes per shape in the open round, or null. */
	mine: Record<string, number> | null
	/** The spotlit shape, or null. */
	spotlight: string | null
	/** The latest decision about each item (agreed, parked...), by shape id. */
	statuses: Record<string, DecisionStatus>
}

export const OverlayContext = createContext<OverlayData>({ results: null, mine: null, spotlight: null, statuses: {} })

interface Box {
	id: string
	x: number
	y: number
	w: number
	h: number
}

/** Where a shape of the current page is, in the canvas container's pixels; null when it is not on this page. */
export function shapeBox(editor: Editor, id: string): Box | null {
	const shapeId = id as TLShapeId
	const bounds = editor.getShapePageBounds(shapeId)
	if (!bounds || editor.getAncestorPageId(shapeId) !== editor.getCurrentPageId()) return null
	const topLeft = editor.pageToViewport(bounds.point)
	const bottomRight = editor.pageToViewport({ x: bounds.maxX, y: bounds.maxY })
	return { id, x: topLeft.x, y: topLeft.y, w: bottomRight.x - topLeft.x, h: bottomRight.y - topLeft.y }
}

export function CanvasOverlay() {
	const editor = useEditor()
	const { results, mine, spotlight, statuses } = useContext(OverlayContext)
	const ids = [...new Set([...Object.keys(results ?? {}), ...Object.keys(mine ?? {}), ...Object.keys(statuses), ...(spotlight ? [spotlight] : [])])]
	const key = ids.join(' ')
	const boxes = useValue(
		'cyd.overlay',
		() => new Map(key.split(' ').filter(Boolean).flatMap((id) => {
			const box = shapeBox(editor, id)
			return box ? [[id, box] as const] : []
		})),
		[editor, key]
	)
	// Cards show their badges themselves.
	const cards = useValue('cyd.overlayCards', () => new Set(key.split(' ').filter((id) => editor.getShape(id as TLShapeId)?.type === CARD_TYPE)), [editor, key])
	return (
		<div className="canvas-overlay" aria-hidden="true">
			{spotlight && boxes.get(spotlight) && <div className="spotlight-ring" data-testid="spotlight" style={place(boxes.get(spotlight)!, 10)} />}
			{ids.map((id) => {
				const box = boxes.get(id)
				if (!box || cards.has(id)) return null
				return (
					<div key={id} className="vote-badges" style={{ left: box.x + box.w, top: box.y }}>
						<ShapeBadges id={id} />
					</div>
				)
			})}
		</div>
	)
}

/** The badges of one shape: its decision, the votes it got (a closed round), my votes on it (an open one). */
export function ShapeBadges({ id }: { id: string }) {
	const t = useT()
	const { results, mine, statuses } = useContext(OverlayContext)
	const count = results?.[id] ?? 0
	const my = mine?.[id] ?? 0
	const status = statuses[id]
	if (count === 0 && my === 0 && !status) return null
	return (
		<>
			{status && (
				<span className={`status-badge status-${status}`} data-testid="status-badge" data-shape-id={id}>
					{t(`agree.status.${status}`)}
				</span>
			)}
			{count > 0 && (
				<span className="vote-badge" data-testid="vote-badge" data-shape-id={id}>
					{t('vote.badge', { count })}
				</span>
			)}
			{my > 0 && (
				<span className="vote-badge mine" data-testid="my-vote-badge" data-shape-id={id}>
					{t('vote.mine', { count: my })}
				</span>
			)}
		</>
	)
}

function place(box: Box, pad: number) {
	return { left: box.x - pad, top: box.y - pad, width: box.w + pad * 2, height: box.h + pad * 2 }
}
