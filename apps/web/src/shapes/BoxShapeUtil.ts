/**
 * What every Cyd shape on the canvas shares: a fixed-size box (its props' `w` and `h`) that is moved but
 * not resized or rotated by hand; layout (the blueprint's cells, a map's placement) decides its size.
 * @module
 */
import { Rectangle2d, ShapeUtil, type TLShape } from 'tldraw'

type BoxShape = Extract<TLShape, { props: { w: number; h: number } }>

export abstract class BoxShapeUtil<S extends BoxShape> extends ShapeUtil<S> {
	getGeometry(shape: S) {
		return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: true })
	}
	getIndicatorPath(shape: S) {
		const path = new Path2D()
		path.rect(0, 0, shape.props.w, shape.props.h)
		return path
	}
	override canResize() {
		return false
	}
	override hideResizeHandles() {
		return true
	}
	override hideRotateHandle() {
		return true
	}
}
