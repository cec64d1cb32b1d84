/**
 * Undo and redo for one person, field by field. tldraw's own history restores whole records, so undoing
 * my move of a note would also put back its text as it was before someone else edited it. A Y.UndoManager
 * over the records map that tracks only this binding's transactions undoes exactly the fields I changed;
 * its changes reach the store like anyone's (through `mergeRemoteChanges`).
 * @module
 */
import * as Y from 'yjs'
import type { TldrawYjsBinding } from './binding.js'
import { getRecordsMap } from './layout.js'

export interface PersonalUndo {
	/** Undoes my last change; answers whether there was one. */
	undo(): boolean
	redo(): boolean
	canUndo(): boolean
	canRedo(): boolean
	/** Ends the current undo step, so that the next change starts a new one (call at the end of a gesture). */
	stopCapturing(): void
	/** Calls `listener` when what can be undone or redone changes. Returns the unsubscribe function. */
	subscribe(listener: () => void): () => void
	dispose(): void
}

export interface PersonalUndoOptions {
	/** Changes closer together than this form one undo step (default 500 ms). */
	captureTimeoutMs?: number
}

export function createPersonalUndo(binding: TldrawYjsBinding, doc: Y.Doc, options: PersonalUndoOptions = {}): PersonalUndo {
	const manager = new Y.UndoManager(getRecordsMap(doc), {
		trackedOrigins: new Set([binding.origin]),
		captureTimeout: options.captureTimeoutMs ?? 500,
	})
	const listeners = new Set<() => void>()
	const notify = () => {
		for (const listener of listeners) listener()
	}
	for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) manager.on(event, notify)
	return {
		undo: () => manager.undo() !== null,
		redo: () => manager.redo() !== null,
		canUndo: () => manager.canUndo(),
		canRedo: () => manager.canRedo(),
		stopCapturing: () => manager.stopCapturing(),
		subscribe(listener) {
			listeners.add(listener)
			return () => listeners.delete(listener)
		},
		dispose() {
			listeners.clear()
			manager.destroy()
		},
	}
}
