/**
 * Which way a note made at the touch table faces. Facing a seat is how the table shows a note, not where
 * it is on the board: the note itself stays upright and of a normal size (so a laptop or a phone shows
 * it the right way up, and a blueprint takes it like any other), and the side it faces is kept in its
 * `meta.facing` (radians, clockwise). Only the table's screen turns the note's face that way.
 * @module
 */
import type { ReactNode } from 'react'
import { atom, NoteShapeUtil, useValue, type TLNoteShape, type TLShape } from 'tldraw'

/** True while this screen is the touch table: notes then show turned to the seat they face. */
export const atTheTable = atom('cyd.atTheTable', false)

/** The way a shape faces at the table, in radians (0: the bottom edge's people). */
export function facingOf(shape: TLShape): number {
	const facing = (shape.meta as { facing?: unknown }).facing
	return typeof facing === 'number' && Number.isFinite(facing) ? facing : 0
}

/** An angle as the nearest quarter turn, in (-π, π]: a note faces one side of the table. */
export function quarterTurn(angle: number): number {
	const quarters = ((Math.round(angle / (Math.PI / 2)) % 4) + 4) % 4
	return [0, Math.PI / 2, Math.PI, -Math.PI / 2][quarters]!
}

/** tldraw's note, whose face the table turns to the seat it faces (on other screens, as it always is). */
export class FacingNoteShapeUtil extends NoteShapeUtil {
	override component(shape: TLNoteShape) {
		return <Facing shape={shape}>{super.component(shape)}</Facing>
	}
}

function Facing({ shape, children }: { shape: TLNoteShape; children: ReactNode }) {
	const table = useValue(atTheTable)
	const facing = table ? facingOf(shape) : 0
	if (facing === 0) return children
	return (
		<div className="seat-note-face" data-facing={facing} style={{ position: 'absolute', inset: 0, transform: `rotate(${facing}rad)` }}>
			{children}
		</div>
	)
}

/** Shape utils of the table, for the editor of every screen (each shows notes the way it should). */
export const tableShapeUtils = [FacingNoteShapeUtil]
