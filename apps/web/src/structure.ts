/**
 * The structure lock on this screen: unless the facilitator has opened the structure to everyone, a
 * participant's editor neither selects, moves, resizes nor deletes a blueprint or a stakeholder map, nor
 * changes a blueprint's title, stages or lanes. tldraw's side effects refuse such a change from this
 * person (`source: 'user'`) before it reaches the store, so no path (a gesture, a key, a form) can make
 * one; the server enforces the same rule for every connection.
 * @module
 */
import { isStructuralChange, isStructureType } from '@cyd/model'
import { atom, type Atom, type Editor, type TLShape, type TLShapeId } from 'tldraw'

const locks = new WeakMap<Editor, Atom<boolean>>()

function lockOf(editor: Editor): Atom<boolean> {
	let lock = locks.get(editor)
	if (!lock) {
		// Closed until told otherwise: a screen that does not know yet must not move the structure.
		lock = atom('cyd.structureLocked', true)
		locks.set(editor, lock)
	}
	return lock
}

/** Whether this screen's person may change the structure now (reactive: read it in `useValue`). */
export function mayChangeStructureHere(editor: Editor): boolean {
	return !lockOf(editor).get()
}

/** Whether `shape` is structure that this screen's person may not change now. */
export function isLockedStructure(editor: Editor, shape: TLShape | undefined): boolean {
	return !!shape && isStructureType(shape.type) && lockOf(editor).get()
}

/**
 * Keeps the structure of `editor`'s board as it is while it is locked here; answers a function that
 * stops it. `setStructureLocked` follows the workshop state.
 */
export function guardStructure(editor: Editor): () => void {
	// Deleting a shape deletes what is in it: what is in locked structure stays with it.
	const kept = new Set<TLShapeId>()
	const onDelete = (ids: TLShapeId[]) => {
		for (const id of ids) {
			if (isLockedStructure(editor, editor.getShape(id))) editor.visitDescendants(id, (child) => void kept.add(child))
		}
		if (kept.size) queueMicrotask(() => kept.clear())
	}
	editor.on('deleted-shapes', onDelete)
	const stops = [
		() => void editor.off('deleted-shapes', onDelete),
		editor.sideEffects.registerBeforeChangeHandler('shape', (before, after, source) =>
			source === 'user' && lockOf(editor).get() && isStructuralChange(before, after) ? before : after
		),
		editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) =>
			source === 'user' && (isLockedStructure(editor, shape) || kept.has(shape.id)) ? false : undefined
		),
		// Never selected, so never dragged, nudged, resized or deleted by a key.
		editor.sideEffects.registerBeforeChangeHandler('instance_page_state', (before, after) => {
			if (!lockOf(editor).get() || after.selectedShapeIds === before.selectedShapeIds) return after
			const selected = after.selectedShapeIds.filter((id) => !isLockedStructure(editor, editor.getShape(id)))
			return selected.length === after.selectedShapeIds.length ? after : { ...after, selectedShapeIds: selected }
		}),
	]
	return () => stops.forEach((stop) => stop())
}

/** Locks or unlocks the structure on this screen; unlocking leaves the selection as it is. */
export function setStructureLocked(editor: Editor, locked: boolean): void {
	lockOf(editor).set(locked)
	if (locked) {
		const selected = editor.getSelectedShapeIds()
		const kept = selected.filter((id: TLShapeId) => !isLockedStructure(editor, editor.getShape(id)))
		if (kept.length !== selected.length) editor.setSelectedShapes(kept)
	}
}
