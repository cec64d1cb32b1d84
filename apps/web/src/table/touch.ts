/**
 * Every finger on the touch table, each on its own. tldraw follows one pointer at a time, so at the table
 * the canvas's pointer events come here instead: a finger on a note (or card, or stakeholder) drags it,
 * a second finger on the same note turns it (a note turns its face, to the nearest side once let go), a
 * tap gives it to the keyboard of the seat whose side it was
 * tapped from, and fingers on the empty table pan and pinch the view unless the view is locked (and with
 * it the map under the board). A tap on the empty table, when a seat waits to pin its item to the map,
 * pins it there (see `TableSession.mapTap`). Each
 * finger changes the shared document through the editor, so every screen sees every finger's work.
 * @module
 */
import { BLUEPRINT_TYPE, MAP_TYPE } from '@cyd/model'
import type { Editor, TLShape, TLShapeId } from 'tldraw'
import { facingOf } from './facing'
import { angleOf, nearestSeat, type Point } from './layout'
import type { TableFrame, TableSession } from './session'

/** Further than this (screen pixels) and a touch is a drag, not a tap. */
const TAP_SLOP = 10

interface ShapeFinger {
	kind: 'shape'
	id: TLShapeId
	seat: number
	down: Point
	at: Point
	moved: boolean
}

interface ViewFinger {
	kind: 'view'
	down: Point
	at: Point
	moved: boolean
}

type Finger = ShapeFinger | ViewFinger

/** A shape held by one or two fingers, with where it and they were when the grip last changed. */
interface Grip {
	fingers: number[]
	/** The shape before the first finger moved it, and the seat of that finger: for the seat's undo. */
	before: TLShape
	seat: number
	moved: boolean
	shape: { x: number; y: number; rotation: number; facing: number; centre: Point }
	points: Point[]
}

export class TouchRouter {
	private readonly fingers = new Map<number, Finger>()
	private readonly grips = new Map<TLShapeId, Grip>()
	private view: { camera: { x: number; y: number; z: number }; points: Point[] } | null = null

	constructor(
		private readonly editor: Editor,
		private readonly session: TableSession,
		private readonly frame: TableFrame,
		private readonly viewLocked: () => boolean,
	) {}

	down(pointerId: number, client: Point): void {
		const shape = this.grabbable(client)
		if (shape) {
			const seat = this.seatOf(shape, client)
			this.fingers.set(pointerId, { kind: 'shape', id: shape.id, seat, down: client, at: client, moved: false })
			const grip = this.grips.get(shape.id)
			if (grip && grip.fingers.length === 1) {
				grip.fingers.push(pointerId)
				this.regrip(shape.id)
			} else if (!grip) {
				this.grips.set(shape.id, { fingers: [pointerId], before: shape, seat, moved: false, shape: this.placeOf(shape), points: [] })
				this.regrip(shape.id)
			}
			return
		}
		this.fingers.set(pointerId, { kind: 'view', down: client, at: client, moved: false })
		this.regripView()
	}

	move(pointerId: number, client: Point): void {
		const finger = this.fingers.get(pointerId)
		if (!finger) return
		finger.at = client
		if (!finger.moved && Math.hypot(client.x - finger.down.x, client.y - finger.down.y) > TAP_SLOP) finger.moved = true
		if (finger.kind === 'view') return this.moveView()
		if (finger.moved) this.moveShape(finger.id)
	}

	up(pointerId: number, cancelled = false): void {
		const finger = this.fingers.get(pointerId)
		if (!finger) return
		this.fingers.delete(pointerId)
		if (finger.kind === 'view') {
			// A lone finger's tap on the map: a seat waiting to pin puts its item there.
			if (!cancelled && !finger.moved && this.viewFingers().length === 0) this.session.mapTap(this.local(finger.down), this.editor.screenToPage(finger.down))
			return this.regripView()
		}
		const grip = this.grips.get(finger.id)
		if (!grip) return
		grip.fingers = grip.fingers.filter((f) => f !== pointerId)
		if (grip.fingers.length > 0) return this.regrip(finger.id)
		this.grips.delete(finger.id)
		if (grip.moved) this.session.dropped(grip.seat, grip.before)
		else if (!cancelled) this.session.choose(finger.seat, finger.id)
	}

	// --- shapes ---

	/** The top shape under a finger that a hand can pick up: not a journey's grid, a map or an arrow. */
	private grabbable(client: Point): TLShape | undefined {
		const page = this.editor.screenToPage(client)
		return this.editor.getShapeAtPoint(page, {
			hitInside: true,
			renderingOnly: true,
			filter: (s) => s.type !== BLUEPRINT_TYPE && s.type !== MAP_TYPE && s.type !== 'arrow' && !s.isLocked,
		})
	}

	private placeOf(shape: TLShape): Grip['shape'] {
		return { x: shape.x, y: shape.y, rotation: shape.rotation, facing: facingOf(shape), centre: this.editor.getShapePageBounds(shape)!.center }
	}

	/** Fingers came or went: measure from here, so the shape does not jump. */
	private regrip(id: TLShapeId): void {
		const grip = this.grips.get(id)
		const shape = this.editor.getShape(id)
		if (!grip || !shape) return
		grip.shape = this.placeOf(shape)
		grip.points = grip.fingers.map((f) => ({ ...(this.fingers.get(f) as ShapeFinger).at }))
	}

	private moveShape(id: TLShapeId): void {
		const grip = this.grips.get(id)
		const shape = this.editor.getShape(id)
		if (!grip || !shape) return
		grip.moved = true
		const now = grip.fingers.map((f) => (this.fingers.get(f) as ShapeFinger).at)
		const z = this.editor.getZoomLevel()
		if (now.length === 1) {
			const [from] = grip.points
			const [to] = now
			this.editor.updateShape({ id, type: shape.type, x: grip.shape.x + (to!.x - from!.x) / z, y: grip.shape.y + (to!.y - from!.y) / z })
			return
		}
		// Two fingers: the shape follows their midpoint and turns as the line between them turns.
		const [a0, b0] = grip.points as [Point, Point]
		const [a, b] = now as [Point, Point]
		const shift = { x: ((a.x + b.x) / 2 - (a0.x + b0.x) / 2) / z, y: ((a.y + b.y) / 2 - (a0.y + b0.y) / 2) / z }
		const centre = { x: grip.shape.centre.x + shift.x, y: grip.shape.centre.y + shift.y }
		const turn = angleOf(a, b) - angleOf(a0, b0)
		if (shape.type === 'note') {
			this.editor.run(() => {
				this.editor.updateShape({ id, type: shape.type, x: grip.shape.x + shift.x, y: grip.shape.y + shift.y })
				this.session.face(this.editor.getShape(id)!, grip.shape.facing + turn)
			})
		} else if (this.session.turnable(shape)) this.session.rotateAboutCentre(shape, grip.shape.rotation + turn, centre)
		else this.editor.updateShape({ id, type: shape.type, x: grip.shape.x + shift.x, y: grip.shape.y + shift.y })
	}

	// --- the view ---

	private viewFingers(): Point[] {
		return [...this.fingers.values()].filter((f): f is ViewFinger => f.kind === 'view').map((f) => f.at)
	}

	private regripView(): void {
		const points = this.viewFingers().slice(0, 2)
		this.view = points.length ? { camera: { ...this.editor.getCamera() }, points: points.map((p) => ({ ...p })) } : null
	}

	/** One finger pans; two pinch (zoom about their midpoint) and pan. Nothing while the view is locked. */
	private moveView(): void {
		if (!this.view || this.viewLocked()) return
		const now = this.viewFingers().slice(0, 2)
		const { camera, points } = this.view
		if (now.length !== points.length) return this.regripView()
		const mid = (ps: Point[]) => ({ x: ps.reduce((n, p) => n + p.x, 0) / ps.length, y: ps.reduce((n, p) => n + p.y, 0) / ps.length })
		const spread = (ps: Point[]) => (ps.length === 2 ? Math.hypot(ps[1]!.x - ps[0]!.x, ps[1]!.y - ps[0]!.y) : 1)
		const z = Math.min(8, Math.max(0.1, camera.z * (spread(now) / Math.max(1, spread(points)))))
		const rect = this.frame.rect()
		const m0 = mid(points)
		const m1 = mid(now)
		// The page point under the fingers' first midpoint stays under their midpoint now.
		const page = { x: (m0.x - rect.left) / camera.z - camera.x, y: (m0.y - rect.top) / camera.z - camera.y }
		this.editor.setCamera({ x: (m1.x - rect.left) / z - page.x, y: (m1.y - rect.top) / z - page.y, z })
	}

	/**
	 * Whose hand this is: fingers are not told apart, so a shape made at a seat is taken to be moved by
	 * its own seat's person; anything else by the seat on whose side of the table it was touched.
	 */
	private seatOf(shape: TLShape, client: Point): number {
		const owner = this.session.seatIndexOf(shape)
		return owner ?? nearestSeat(this.frame.places(), this.local(client))
	}

	private local(client: Point): Point {
		const rect = this.frame.rect()
		return { x: client.x - rect.left, y: client.y - rect.top }
	}
}
