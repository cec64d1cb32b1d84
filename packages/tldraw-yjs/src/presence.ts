/**
 * Presence over a y-protocols Awareness: the local user's cursor, selection and camera go out as
 * awareness state; every other peer's state comes back as an `instance_presence` record in the
 * store (never in the Y.Doc), removed when the peer goes away.
 * @module
 */
import { atom, computed, react, type Signal } from '@tldraw/state'
import {
	createPresenceStateDerivation,
	createUserId,
	InstancePresenceRecordType,
	type TLInstancePresence,
	type TLStore,
	type TLUser,
	type TLUserId,
} from '@tldraw/tlschema'
import type { Awareness } from 'y-protocols/awareness'

/** Who the local person is, as shown to others. */
export interface BindingUser {
	/** Stable id of the person (kept across reloads), without the `user:` prefix. */
	id: string
	/** Display name (a pseudonym is fine). */
	name: string
	/** CSS colour of their cursor and selection. */
	color: string
}

/** One person connected to the room, as listed by {@link TldrawYjsBinding.getPeers}. */
export interface Peer {
	/** The awareness client id (one per tab). */
	clientId: number
	/** The person's id, as given in their {@link BindingUser}. */
	userId: string
	name: string
	color: string
	/** True for this tab. */
	isLocal: boolean
}

/** The awareness state this binding publishes (and reads from others). */
export interface PresenceAwarenessState {
	user: BindingUser
	presence: TLInstancePresence | null
}

export type Logger = (message: string, error?: unknown) => void

/** The `instance_presence` record id used for an awareness client. */
export function presenceIdForClient(clientId: number): TLInstancePresence['id'] {
	return InstancePresenceRecordType.createId(`yjs-${clientId}`)
}
/**
 * The user id a person's presence carries (`user:<id>`), for `editor.startFollowingUser` and
 * `editor.getCollaborators()`, given the id of their {@link BindingUser}.
 */
export function presenceUserId(id: string): TLUserId {
	return createUserId(id)
}
const PRESENCE_PREFIX = presenceIdForClient(0).slice(0, -1)

function toTLUser(user: BindingUser): TLUser {
	return { id: createUserId(user.id), typeName: 'user', name: user.name, color: user.color, imageUrl: '', meta: {} }
}

function parseUser(value: unknown): BindingUser | null {
	if (typeof value !== 'object' || value === null) return null
	const { id, name, color } = value as Record<string, unknown>
	if (typeof id !== 'string' || typeof name !== 'string' || typeof color !== 'string') return null
	return { id, name, color }
}

/** A function that throttles `run` to at most once per `ms` (0: run at once). */
function throttleEffect(ms: number) {
	let timer: ReturnType<typeof setTimeout> | undefined
	let pending: (() => void) | undefined
	const schedule = (run: () => void) => {
		if (ms <= 0) return run()
		pending = run
		if (timer !== undefined) return
		timer = setTimeout(() => {
			timer = undefined
			const next = pending
			pending = undefined
			next?.()
		}, ms)
	}
	const cancel = () => {
		if (timer !== undefined) clearTimeout(timer)
		timer = undefined
		pending = undefined
	}
	return { schedule, cancel }
}

export interface PresenceBinding {
	setUser(user: BindingUser): void
	getPeers(): readonly Peer[]
	subscribePeers(listener: () => void): () => void
	dispose(): void
}

export function bindPresence(opts: {
	store: TLStore
	awareness: Awareness
	user: BindingUser
	intervalMs: number
	log: Logger
}): PresenceBinding {
	const { store, awareness, log } = opts
	const $user = atom<BindingUser>('cyd.user', opts.user)
	const $tlUser: Signal<TLUser | null> = computed('cyd.tlUser', () => toTLUser($user.get()))
	const $presence = createPresenceStateDerivation($tlUser, {
		instanceId: presenceIdForClient(awareness.clientID),
	})(store)

	const throttle = throttleEffect(opts.intervalMs)
	const stopPublishing = react(
		'cyd.publishPresence',
		() => {
			const state: PresenceAwarenessState = { user: $user.get(), presence: $presence.get() }
			awareness.setLocalState({ ...(awareness.getLocalState() ?? {}), ...state })
		},
		{ scheduleEffect: throttle.schedule }
	)

	const listeners = new Set<() => void>()
	let peers: readonly Peer[] = []
	const recomputePeers = () => {
		const next: Peer[] = []
		awareness.getStates().forEach((state, clientId) => {
			const user = parseUser((state as Partial<PresenceAwarenessState>).user)
			if (!user) return
			next.push({ clientId, userId: user.id, name: user.name, color: user.color, isLocal: clientId === awareness.clientID })
		})
		next.sort((a, b) => Number(b.isLocal) - Number(a.isLocal) || a.name.localeCompare(b.name) || a.clientId - b.clientId)
		const same =
			next.length === peers.length &&
			next.every((p, i) => {
				const q = peers[i]
				return q && q.clientId === p.clientId && q.userId === p.userId && q.name === p.name && q.color === p.color
			})
		if (same) return
		peers = next
		for (const listener of listeners) listener()
	}

	const applyRemote = (clientIds: readonly number[]) => {
		const puts: TLInstancePresence[] = []
		const removes: TLInstancePresence['id'][] = []
		const states = awareness.getStates()
		for (const clientId of clientIds) {
			if (clientId === awareness.clientID) continue
			const id = presenceIdForClient(clientId)
			const state = states.get(clientId) as Partial<PresenceAwarenessState> | undefined
			const presence = state?.presence
			if (!presence || typeof presence !== 'object') {
				if (store.has(id)) removes.push(id)
				continue
			}
			try {
				const record = { ...presence, id, typeName: 'instance_presence' } as TLInstancePresence
				const before = store.get(id) ?? null
				puts.push(store.schema.validateRecord(store, record, before ? 'updateRecord' : 'createRecord', before) as TLInstancePresence)
			} catch (error) {
				log(`cyd/tldraw-yjs: ignoring invalid presence from client ${clientId}`, error)
			}
		}
		if (puts.length === 0 && removes.length === 0) return
		store.mergeRemoteChanges(() => {
			if (removes.length) store.remove(removes)
			if (puts.length) store.put(puts)
		})
	}

	const onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
		try {
			applyRemote([...added, ...updated, ...removed])
		} catch (error) {
			log('cyd/tldraw-yjs: failed to apply presence', error)
		}
		recomputePeers()
	}
	awareness.on('change', onChange)
	applyRemote(Array.from(awareness.getStates().keys()))
	recomputePeers()

	return {
		setUser(user) {
			$user.set({ ...user })
		},
		getPeers: () => peers,
		subscribePeers(listener) {
			listeners.add(listener)
			return () => listeners.delete(listener)
		},
		dispose() {
			awareness.off('change', onChange)
			stopPublishing()
			throttle.cancel()
			const ours = Array.from(store.query.ids('instance_presence').get()).filter((id) => id.startsWith(PRESENCE_PREFIX))
			if (ours.length > 0) store.mergeRemoteChanges(() => store.remove(ours))
			if (awareness.getLocalState() !== null) awareness.setLocalState(null)
			listeners.clear()
		},
	}
}
