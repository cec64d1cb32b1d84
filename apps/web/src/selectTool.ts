/**
 * Cyd's select tool: tldraw's own, with what people expect of a board under one finger. On a touch
 * screen one finger on the empty board pans it instead of drawing a selection box; so does a quick swipe
 * that starts on a card that is not selected, or on the board's structure (a blueprint, a stakeholder
 * map), which a finger should never drag by accident. A card still moves after a long press, or once it
 * is selected (a tap). Structure that is locked for this person is the board itself to the tool, under a
 * mouse too: pressing on it never selects or moves it.
 *
 * The tool keeps tldraw's child states and replaces three of them with subclasses (found by id, as tldraw
 * does not export them), adding one of its own for panning; `<Tldraw tools>` replaces the default select
 * tool with it, as tools of the same id do.
 * @module
 */
import { isStructureType } from '@cyd/model'
import {
	SelectTool,
	StateNode,
	Vec,
	type Editor,
	type TLPointerEventInfo,
	type TLShapeId,
	type TLStateNodeConstructor,
} from 'tldraw'
import { isLockedStructure } from './structure'

const PANNING = 'cyd_panning'

/** Whether the pointer in use is a finger (or a pen) rather than a mouse. */
const isFinger = (editor: Editor) => editor.getInstanceState().isCoarsePointer

/** tldraw's own child state of the select tool with this id. */
function tldrawState(id: string): TLStateNodeConstructor {
	const state = SelectTool.children().find((child) => child.id === id)
	if (!state) throw new Error(`tldraw's select tool has no "${id}" state`)
	return state
}

/** The select tool at rest: structure that a finger or this person must not drag counts as the board. */
class Idle extends tldrawState('idle') {
	override onPointerDown(info: TLPointerEventInfo) {
		if (info.target === 'shape' && (isLockedStructure(this.editor, info.shape) || (isFinger(this.editor) && isStructureType(info.shape.type) && !this.editor.isShapeOrAncestorLocked(info.shape) && !this.editor.getSelectedShapeIds().includes(info.shape.id)))) {
			const { shape: _shape, ...onCanvas } = info
			this.parent.transition('pointing_canvas', { ...onCanvas, target: 'canvas' })
			return
		}
		super.onPointerDown?.(info)
	}
}

/** A press on the board: a finger that moves pans it, and keeps what was selected. */
class PointingCanvas extends tldrawState('pointing_canvas') {
	override onEnter(info: TLPointerEventInfo, from: string) {
		// A finger deselects only if it lifts without moving (tldraw's pointer-up does that), not as it lands.
		if (!isFinger(this.editor)) super.onEnter?.(info, from)
	}
	override onPointerMove(info: TLPointerEventInfo) {
		if (isFinger(this.editor) && this.editor.inputs.getIsDragging()) {
			this.parent.transition(PANNING, info)
			return
		}
		super.onPointerMove?.(info)
	}
}

/** A press on a shape: a finger that moves at once over a shape that was not selected pans the board. */
class PointingShape extends tldrawState('pointing_shape') {
	private selectedBefore: TLShapeId[] = []
	override onEnter(info: TLPointerEventInfo, from: string) {
		this.selectedBefore = this.editor.getSelectedShapeIds()
		super.onEnter?.(info, from)
	}
	override onPointerMove(info: TLPointerEventInfo) {
		// tldraw's own flag: the press selected the shape, so it was not selected before.
		const selectedByThisPress = (this as unknown as { didSelectOnEnter: boolean }).didSelectOnEnter
		if (isFinger(this.editor) && this.editor.inputs.getIsDragging() && selectedByThisPress) {
			this.editor.setSelectedShapes(this.selectedBefore)
			this.parent.transition(PANNING, info)
			return
		}
		super.onPointerMove?.(info)
	}
}

/** One finger moving the view, as tldraw's hand tool does; a second finger hands over to the pinch. */
class Panning extends StateNode {
	static override id = PANNING
	private camera = new Vec()

	override onEnter() {
		this.camera = Vec.From(this.editor.getCamera())
		this.update()
	}
	override onPointerMove() {
		this.update()
	}
	override onPointerDown() {
		this.parent.transition('idle')
	}
	override onPointerUp() {
		this.parent.transition('idle')
	}
	override onCancel() {
		this.parent.transition('idle')
	}
	override onInterrupt() {
		this.parent.transition('idle')
	}
	override onComplete() {
		this.parent.transition('idle')
	}
	private update() {
		const { inputs } = this.editor
		const delta = Vec.Sub(inputs.getCurrentScreenPoint(), inputs.getOriginScreenPoint()).div(this.editor.getZoomLevel())
		if (delta.len2() > 0) this.editor.setCamera(this.camera.clone().add(delta))
	}
}

const REPLACED: Record<string, TLStateNodeConstructor> = { idle: Idle, pointing_canvas: PointingCanvas, pointing_shape: PointingShape }

export class CydSelectTool extends SelectTool {
	static override children(): TLStateNodeConstructor[] {
		return [...SelectTool.children().map((child) => REPLACED[child.id] ?? child), Panning]
	}
}
