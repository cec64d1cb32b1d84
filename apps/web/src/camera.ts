/**
 * Where the view of the board goes: the room opens fitted to the whole board (on a reload too), and
 * "bring everyone to my view" fits the facilitator's area on every screen, whatever its size, rather than
 * copying a laptop's zoom onto a phone.
 * @module
 */
import type { Summon } from '@cyd/model'
import { Box, type Editor, type TLPageId } from 'tldraw'
import { cameraMove } from './display'

/** Room left around what is fitted, in screen pixels: tldraw's page menu above, its toolbar below. */
export interface Insets {
	top: number
	right: number
	bottom: number
	left: number
}
const AROUND_THE_BOARD: Insets = { top: 56, right: 16, bottom: 80, left: 16 }
const NONE: Insets = { top: 0, right: 0, bottom: 0, left: 0 }

/** Moves the camera so that `area` (page units) fills the screen inside `insets`, at most at `maxZoom`. */
export function fitArea(editor: Editor, area: Box, { insets = NONE, maxZoom = Infinity, duration = 0 }: { insets?: Insets; maxZoom?: number; duration?: number } = {}): void {
	const screen = editor.getViewportScreenBounds()
	const w = Math.max(1, screen.w - insets.left - insets.right)
	const h = Math.max(1, screen.h - insets.top - insets.bottom)
	const { zoomSteps } = editor.getCameraOptions()
	const z = Math.min(maxZoom, zoomSteps[zoomSteps.length - 1]!, Math.max(zoomSteps[0]!, Math.min(w / area.w, h / area.h)))
	// The area's centre at the centre of the part of the screen left free.
	const cx = insets.left + w / 2
	const cy = insets.top + h / 2
	editor.setCamera({ x: cx / z - area.center.x, y: cy / z - area.center.y, z }, duration ? cameraMove(duration) : undefined)
}

/** Shows the whole board, clear of tldraw's menus, never above 100 %; an empty board stays as it is. */
export function fitBoard(editor: Editor): void {
	const bounds = editor.getCurrentPageBounds()
	if (bounds) fitArea(editor, bounds, { insets: AROUND_THE_BOARD, maxZoom: 1 })
}

/** The view a facilitator sends with "bring everyone to my view": the page it is on, its centre and zoom, and the area it shows. */
export function currentView(editor: Editor): { x: number; y: number; z: number; w: number; h: number; pageId: string } {
	const view = editor.getViewportPageBounds()
	return { x: view.center.x, y: view.center.y, z: editor.getCamera().z, w: view.w, h: view.h, pageId: editor.getCurrentPageId() }
}

/**
 * Moves this screen to a summoned view, on its page: the same area fitted to this screen (a summon from
 * before areas were sent: the same zoom, the same point in the middle).
 */
export function moveToView(editor: Editor, view: Summon): void {
	const pageId = view.pageId as TLPageId
	if (pageId !== editor.getCurrentPageId() && editor.getPage(pageId)) editor.setCurrentPage(pageId)
	if (view.w && view.h) {
		fitArea(editor, new Box(view.x - view.w / 2, view.y - view.h / 2, view.w, view.h), { duration: 300 })
		return
	}
	const screen = editor.getViewportScreenBounds()
	editor.setCamera({ x: screen.w / (2 * view.z) - view.x, y: screen.h / (2 * view.z) - view.y, z: view.z }, cameraMove(300))
}
