/**
 * Test helpers: exchanging Y updates between docs directly, as a provider would.
 * @module
 */
import * as Y from 'yjs'

/** The origin used for updates that come from "the network" in tests. */
export const NETWORK = Symbol('network')

/** Bring `b` up to date with `a` and `a` with `b` (what a y-websocket sync step does). */
export function syncDocs(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), NETWORK)
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), NETWORK)
}

/** Forward every local update of each doc to the others, synchronously. Returns a disconnect function. */
export function connectDocs(...docs: Y.Doc[]): () => void {
	const offs = docs.map((doc) => {
		const onUpdate = (update: Uint8Array, origin: unknown) => {
			if (origin === NETWORK) return
			for (const other of docs) if (other !== doc) Y.applyUpdate(other, update, NETWORK)
		}
		doc.on('update', onUpdate)
		return () => doc.off('update', onUpdate)
	})
	for (const a of docs) for (const b of docs) if (a !== b) syncDocs(a, b)
	return () => offs.forEach((off) => off())
}
