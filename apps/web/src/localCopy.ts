/**
 * This device's copy of a room (IndexedDB through y-indexeddb), with others' changes written in batches.
 *
 * y-indexeddb writes every update in an IndexedDB transaction of its own, in the handler that applied it:
 * a board others are dragging on sends a hundred and more updates a second, each one a transaction on the
 * page's main thread, and every 500 of them a rewrite of the whole document. Here others' updates (which
 * the server holds anyway) are gathered and written as one merged update a few times a second, and when
 * the page is hidden or closed; this person's own changes, which may exist nowhere else while offline, are
 * written at once, with whatever was gathered (same store, same format: y-indexeddb reads it back as before).
 * @module
 */
import type { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'

/** Most time an update waits before it is written to this device's copy, in ms. */
export const LOCAL_WRITE_DELAY_MS = 250

/**
 * Gathers a document's updates (except those with origin `skip`) and hands them to `write` merged into
 * one, at most `delayMs` after the first of them; an update whose origin is not `gather`ed is written at
 * once, with what waits. `flush` writes what waits at once; `dispose` flushes and stops.
 */
export function gatherUpdates(
	doc: Y.Doc,
	write: (update: Uint8Array) => void,
	options: { skip?: unknown; delayMs?: number; gather?: (origin: unknown) => boolean } = {},
): { flush(): void; dispose(): void } {
	const delayMs = options.delayMs ?? LOCAL_WRITE_DELAY_MS
	let waiting: Uint8Array[] = []
	let timer: ReturnType<typeof setTimeout> | null = null
	const flush = () => {
		if (timer !== null) clearTimeout(timer)
		timer = null
		if (waiting.length === 0) return
		const updates = waiting
		waiting = []
		write(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates))
	}
	const onUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin === options.skip && options.skip !== undefined) return
		waiting.push(update)
		if (options.gather && !options.gather(origin)) flush()
		else timer ??= setTimeout(flush, delayMs)
	}
	doc.on('update', onUpdate)
	return {
		flush,
		dispose() {
			doc.off('update', onUpdate)
			flush()
		},
	}
}

/**
 * Makes `idb` write the updates that come with origin `remote` (the provider's) in batches (see the
 * module). Answers what to call before the persistence is destroyed, so that nothing gathered is lost.
 */
export function batchLocalCopy(idb: IndexeddbPersistence, doc: Y.Doc, remote: unknown): () => void {
	const storeUpdate = idb._storeUpdate
	doc.off('update', storeUpdate)
	// y-indexeddb's own writer: it adds the update and compacts the store once it holds 500 of them.
	const gathered = gatherUpdates(doc, (update) => storeUpdate(update, null), { skip: idb, gather: (origin) => origin === remote })
	const onHide = () => {
		if (document.visibilityState === 'hidden') gathered.flush()
	}
	const onPageHide = () => gathered.flush()
	document.addEventListener('visibilitychange', onHide)
	window.addEventListener('pagehide', onPageHide)
	return () => {
		document.removeEventListener('visibilitychange', onHide)
		window.removeEventListener('pagehide', onPageHide)
		gathered.dispose()
	}
}
