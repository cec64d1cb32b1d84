/**
 * One open room: the Y.Doc, its IndexedDB copy, the y-websocket connection, the tldraw store and the
 * binding between them, and the save status shown to the person. No React here; `useRoom` wraps it.
 * @module
 */
import { bindStoreToYDoc, type BindingState, type Peer, type TldrawYjsBinding } from '@cyd/tldraw-yjs'
import { createTLStore, type TLAssetStore, type TLStore } from 'tldraw'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { Identity } from './identity'

export type SaveStatus = 'connecting' | 'saved' | 'saving' | 'offline' | 'reconnecting'

export interface RoomSnapshot {
	/** The editor may be mounted: the doc has synced with the server, or (offline) loaded from disk. */
	ready: boolean
	status: SaveStatus
	binding: BindingState | null
	peers: readonly Peer[]
}

/** How long local changes may wait to be sent before "Saving…" shows (avoids flicker while drawing). */
const SAVING_DELAY_MS = 400
/** How long to wait for the server before opening the room from this device's copy. */
const CONNECT_TIMEOUT_MS = 5000

export class RoomConnection {
	readonly doc = new Y.Doc()
	readonly store: TLStore
	private readonly idb: IndexeddbPersistence
	private readonly provider: WebsocketProvider
	private binding: TldrawYjsBinding | null = null
	private listeners = new Set<() => void>()
	private snapshot: RoomSnapshot = { ready: false, status: 'connecting', binding: null, peers: [] }
	private idbLoaded = false
	private gaveUpWaiting = false
	private everSynced = false
	private pendingSince: number | null = null
	private timers = new Set<ReturnType<typeof setTimeout>>()
	private disposed = false
	private polling = false

	constructor(
		readonly roomId: string,
		private identity: Identity,
		assets: TLAssetStore
	) {
		this.store = createTLStore({ assets })
		this.idb = new IndexeddbPersistence(`cyd-${roomId}`, this.doc)
		const protocol = location.protocol === 'https:' ? 'wss' : 'ws'
		this.provider = new WebsocketProvider(`${protocol}://${location.host}/sync`, roomId, this.doc, {
			connect: navigator.onLine,
			// Another tab of this browser is another person's cursor only if it goes through the server.
			disableBc: true,
		})
		this.provider.on('status', this.update)
		this.provider.on('sync', this.onSync)
		this.provider.on('connection-close', this.onConnectionLost)
		this.provider.on('connection-error', this.onConnectionLost)
		this.doc.on('update', this.onDocUpdate)
		window.addEventListener('online', this.onOnline)
		window.addEventListener('offline', this.onOffline)
		void this.idb.whenSynced.then(() => {
			this.idbLoaded = true
			this.later(() => {
				this.gaveUpWaiting = true
				this.update()
			}, CONNECT_TIMEOUT_MS)
			this.update()
		})
	}

	subscribe = (listener: () => void) => {
		this.listeners.add(listener)
		return () => {
			this.listeners.delete(listener)
		}
	}

	getSnapshot = () => this.snapshot

	setName(name: string) {
		this.identity = { ...this.identity, name }
		this.binding?.setUser(this.identity)
	}

	dispose() {
		this.disposed = true
		for (const timer of this.timers) clearTimeout(timer)
		window.removeEventListener('online', this.onOnline)
		window.removeEventListener('offline', this.onOffline)
		this.doc.off('update', this.onDocUpdate)
		this.binding?.dispose()
		this.provider.destroy()
		void this.idb.destroy()
		this.doc.destroy()
		this.listeners.clear()
	}

	private later(fn: () => void, ms: number) {
		const timer = setTimeout(() => {
			this.timers.delete(timer)
			if (!this.disposed) fn()
		}, ms)
		this.timers.add(timer)
	}

	private onSync = (synced: boolean) => {
		if (synced) this.everSynced = true
		this.update()
	}

	private onConnectionLost = () => {
		// Never reached the server: no point waiting before opening this device's copy.
		if (!this.everSynced) this.gaveUpWaiting = true
		this.update()
	}

	private onOnline = () => {
		this.provider.connect()
		this.update()
	}

	private onOffline = () => {
		// The browser knows the network is gone; do not wait for the socket to time out.
		this.provider.disconnect()
		this.update()
	}

	private onDocUpdate = (_update: Uint8Array, origin: unknown) => {
		if (!this.binding || origin !== this.binding.origin) return
		if (this.pendingSince === null) this.pendingSince = Date.now()
		this.later(this.update, SAVING_DELAY_MS)
		this.later(this.update, 0)
	}

	private bind() {
		this.binding = bindStoreToYDoc({
			store: this.store,
			doc: this.doc,
			awareness: this.provider.awareness,
			user: this.identity,
		})
		this.binding.subscribe(this.update)
	}

	private update = () => {
		if (this.disposed) return
		const { provider } = this
		const online = navigator.onLine
		const ready = this.snapshot.ready || (this.idbLoaded && (provider.synced || !online || this.gaveUpWaiting))
		if (ready && !this.binding) this.bind()

		const connected = provider.wsconnected && provider.synced
		if (this.pendingSince !== null && connected && (provider.ws?.bufferedAmount ?? 0) === 0) this.pendingSince = null
		let status: SaveStatus
		if (!online || (!connected && !provider.shouldConnect)) status = 'offline'
		else if (connected) status = this.pendingSince !== null && Date.now() - this.pendingSince >= SAVING_DELAY_MS ? 'saving' : 'saved'
		else status = this.everSynced ? 'reconnecting' : 'connecting'
		if (this.pendingSince !== null && !this.polling) {
			this.polling = true
			this.later(() => {
				this.polling = false
				this.update()
			}, 200)
		}

		const binding = this.binding?.getState() ?? null
		const peers = this.binding?.getPeers() ?? []
		const s = this.snapshot
		if (s.ready === ready && s.status === status && s.binding === binding && s.peers === peers) return
		this.snapshot = { ready, status, binding, peers }
		for (const listener of this.listeners) listener()
	}
}
