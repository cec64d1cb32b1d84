import { TLPOINTER_ID, type TLInstancePresence } from '@tldraw/tlschema'
import { afterEach, describe, expect, it } from 'vitest'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { bindStoreToYDoc } from './binding.js'
import { getRecordsMap } from './layout.js'
import { presenceIdForClient } from './presence.js'
import { makeStore } from './test-support/store.js'
import { connectDocs } from './test-support/sync.js'

const REMOTE = 'remote'
const toDestroy: Awareness[] = []
afterEach(() => toDestroy.splice(0).forEach((a) => a.destroy()))

/** Relay awareness updates between two awareness instances, as the server would. */
function connectAwareness(a: Awareness, b: Awareness) {
	const relay = (from: Awareness, to: Awareness) => (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
		if (origin === REMOTE) return
		const clients = [...changes.added, ...changes.updated, ...changes.removed]
		applyAwarenessUpdate(to, encodeAwarenessUpdate(from, clients), REMOTE)
	}
	a.on('update', relay(a, b))
	b.on('update', relay(b, a))
	applyAwarenessUpdate(b, encodeAwarenessUpdate(a, [a.clientID]), REMOTE)
	applyAwarenessUpdate(a, encodeAwarenessUpdate(b, [b.clientID]), REMOTE)
}

function person(name: string, color: string) {
	const doc = new Y.Doc()
	const awareness = new Awareness(doc)
	toDestroy.push(awareness)
	const store = makeStore()
	const binding = bindStoreToYDoc({ store, doc, awareness, user: { id: `id-${name}`, name, color }, presenceIntervalMs: 0 })
	return { doc, awareness, store, binding }
}

describe('presence over awareness', () => {
	it("shows each person's cursor and name to the other, and lists who is here", () => {
		const alice = person('Alice', '#e03131')
		const bob = person('Bob', '#1971c2')
		connectDocs(alice.doc, bob.doc)
		connectAwareness(alice.awareness, bob.awareness)

		alice.store.update(TLPOINTER_ID, (p) => ({ ...p, x: 120, y: 80, lastActivityTimestamp: 1 }))

		const seenByBob = bob.store.get(presenceIdForClient(alice.awareness.clientID)) as TLInstancePresence | undefined
		expect(seenByBob).toMatchObject({ userName: 'Alice', color: '#e03131', userId: 'user:id-Alice', cursor: { x: 120, y: 80 } })
		expect(alice.store.get(presenceIdForClient(bob.awareness.clientID))).toMatchObject({ userName: 'Bob' })

		expect(bob.binding.getPeers().map((p) => [p.name, p.color, p.isLocal])).toEqual([
			['Bob', '#1971c2', true],
			['Alice', '#e03131', false],
		])
		// presence is never written to the doc
		for (const id of getRecordsMap(alice.doc).keys()) expect(id.startsWith('instance_presence')).toBe(false)
	})

	it('follows renames and removes a peer that goes away', () => {
		const alice = person('Alice', '#e03131')
		const bob = person('Bob', '#1971c2')
		connectAwareness(alice.awareness, bob.awareness)
		let notified = 0
		bob.binding.subscribe(() => notified++)

		alice.binding.setUser({ id: 'id-Alice', name: 'Alys', color: '#e03131' })
		expect(bob.binding.getPeers().map((p) => p.name)).toEqual(['Bob', 'Alys'])
		expect(notified).toBeGreaterThan(0)
		const peersBefore = bob.binding.getPeers()
		expect(bob.binding.getPeers()).toBe(peersBefore) // stable snapshot between changes

		removeAwarenessStates(alice.awareness, [alice.awareness.clientID], 'test')
		expect(bob.store.has(presenceIdForClient(alice.awareness.clientID))).toBe(false)
		expect(bob.binding.getPeers().map((p) => p.name)).toEqual(['Bob'])
	})

	it('ignores malformed presence from a peer', () => {
		const awareness = new Awareness(new Y.Doc())
		const stranger = new Awareness(new Y.Doc())
		toDestroy.push(awareness, stranger)
		const store = makeStore()
		const warnings: string[] = []
		bindStoreToYDoc({ store, doc: new Y.Doc(), awareness, user: { id: 'b', name: 'Bob', color: 'blue' }, log: (m) => warnings.push(m) })
		stranger.setLocalState({ user: { id: 'x', name: 'X', color: 'red' }, presence: { cursor: 'nonsense' } })
		applyAwarenessUpdate(awareness, encodeAwarenessUpdate(stranger, [stranger.clientID]), REMOTE)
		expect(store.has(presenceIdForClient(stranger.clientID))).toBe(false)
		expect(warnings.some((w) => w.includes('invalid presence'))).toBe(true)
	})

	it('withdraws presence on dispose', () => {
		const alice = person('Alice', '#e03131')
		const bob = person('Bob', '#1971c2')
		connectAwareness(alice.awareness, bob.awareness)
		alice.binding.dispose()
		expect(alice.awareness.getLocalState()).toBeNull()
		expect(bob.store.has(presenceIdForClient(alice.awareness.clientID))).toBe(false)
	})
})
