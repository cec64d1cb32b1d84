/**
 * One open room: the Y.Doc, its IndexedDB copy, the y-websocket connection, the tldraw store and the
 * binding between them, and the save status shown to the person. No React here; `RoomView` wraps it.
 *
 * When the server refuses an edit (a read-only connection wrote: the board was locked, or this person
 * is an observer), this doc holds a change the server will never take, and every later update from it
 * would depend on that change. So the room starts over from the server's state: a new Y.Doc, this
 * device's copy cleared, the same store bound again (the server's records replace the store's).
 * @module
 */
import { bindStoreToYDoc, createPersonalUndo, type BindingState, type PersonalUndo, type Peer, type TldrawYjsBinding } from '@cyd/tldraw-yjs'
import { createTLStore, defaultShapeUtils, type TLAssetStore, type TLStore } from 'tldraw'
import { journeyShapeUtils } from './journey/shapes'
import { stakeholderShapeUtils } from './stakeholders/shapes'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { Identity } from './identity'
import { batchLocalCopy } from './localCopy'
import { frameScheduler } from './frameScheduler'
import { endedByCloseCode, type Ended } from './workshopConnection'

export type SaveStatus = 'connecting' | 'saved' | 'saving' | 'offline' | 'reconnecting' | 'notSaving'

export interface RoomSnapshot {
	/** The editor may be mounted: the doc has synced with the server, or (offline) loaded from disk. */
	ready: boolean
	status: SaveStatus
	binding: BindingState | null
	peers: readonly Peer[]
	/** How many times the server refused an edit from this device (each time, the room started over). */
	denied: number
	/** Set when the server sent this person away for good. */
	ended: Ended | null
}

export const EMPTY_ROOM_SNAPSHOT: RoomSnapshot = { ready: false, status: 'connecting', binding: null, peers: [], denied: 0, ended: null }

/** How long local changes may wait to be sent before "Saving…" shows (avoids flicker while drawing). */
const SAVING_DELAY_MS = 400
/** How long to wait for the server before opening the room from this device's copy. */
const CONNECT_TIMEOUT_MS = 5000
/** A refusal this soon after the last start-over waits this long before the next (no tight loop). */
const RESET_BACKOFF_MS = 2000

/** The y-protocols message type of auth messages; the only one the server sends is permission-denied. */
const MESSAGE_AUTH = 2

interface Link {
	doc: Y.Doc
	idb: IndexeddbPersistence
	/** Writes what this device's copy has gathered; call before `idb` is destroyed. */
	flushIdb: () => void
	provider: WebsocketProvider
}

export interface RoomConnectionOptions {
	roomId: string
	identity: Identity
	/** The person's session token, sent with the websocket. */
	session: string
	assets: TLAssetStore
	/** Whether to start read-only (until the workshop state says otherwise); see `setReadOnly`. */
	readOnly: boolean
	/** Called when the socket closes without the server saying why (it may have refused the session). */
	onConnectionLost?: () => void
	/** Whether this screen is the touch table (see `setTable`). */
	table?: boolean
}

export class RoomConnection {
	readonly store: TLStore
	readonly roomId: string
	private link: Link
	private identity: Identity
	private binding: TldrawYjsBinding | null = null
	private personalUndo: PersonalUndo | null = null
	private listeners = new Set<() => void>()
	private snapshot: RoomSnapshot = EMPTY_ROOM_SNAPSHOT
	private idbLoaded = false
	private gaveUpWaiting = false
	private everSynced = false
	private pendingSince: number | null = null
	private timers = new Set<ReturnType<typeof setTimeout>>()
	private disposed = false
	private polling = false
	/** Between a refusal and the new doc being opened. */
	private resetting = false
	/** After a start-over: bind only to the server's state, never to what is on this device. */
	private awaitServer = false
	private lastResetAt = 0
	private denied = 0
	private ended: Ended | null = null
	/** While true, the store's changes are kept out of the doc: the server would refuse them. */
	private readOnly: boolean
	private table: boolean

	constructor(private readonly options: RoomConnectionOptions) {
		this.roomId = options.roomId
		this.identity = options.identity
		this.readOnly = options.readOnly
		this.table = options.table ?? false
		this.store = createTLStore({ assets: options.assets, shapeUtils: [...defaultShapeUtils, ...journeyShapeUtils, ...stakeholderShapeUtils] })
		this.link = this.open()
		window.addEventListener('online', this.onOnline)
		window.addEventListener('offline', this.onOffline)
	}

	private open(): Link {
		const doc = new Y.Doc()
		const idb = new IndexeddbPersistence(`cyd-${this.roomId}`, doc)
		const protocol = location.protocol === 'https:' ? 'wss' : 'ws'
		const provider = new WebsocketProvider(`${protocol}://${location.host}/sync`, this.roomId, doc, {
			connect: navigator.onLine,
			params: this.params(),
			// Another tab of this browser is another person's cursor only if it goes through the server.
			disableBc: true,
		})
		// What arrives from the server (origin: the provider) reaches this device's copy in batches.
		const flushIdb = batchLocalCopy(idb, doc, provider)
		provider.messageHandlers[MESSAGE_AUTH] = () => this.onPermissionDenied(provider)
		provider.on('status', this.update)
		provider.on('sync', this.onSync)
		provider.on('connection-close', this.onConnectionLost)
		provider.on('connection-error', this.onConnectionLost)
		provider.on('closed', ({ code }) => {
			this.ended = endedByCloseCode(code)
			this.update()
		})
		provider.awareness.on('change', this.update)
		doc.on('update', this.onDocUpdate)
		void idb.whenSynced.then(() => {
			if (this.link?.idb !== idb) return
			this.idbLoaded = true
			this.later(() => {
				this.gaveUpWaiting = true
				this.update()
			}, CONNECT_TIMEOUT_MS)
			this.update()
		})
		return { doc, idb, flushIdb, provider }
	}

	/** Tears a link down; with `clear`, also deletes this device's copy. */
	private async close(link: Link, clear: boolean) {
		link.doc.off('update', this.onDocUpdate)
		link.provider.awareness.off('change', this.update)
		link.provider.destroy()
		link.flushIdb()
		await (clear ? link.idb.clearData() : link.idb.destroy())
		link.doc.destroy()
	}

	subscribe = (listener: () => void) => {
		this.listeners.add(listener)
		return () => {
			this.listeners.delete(listener)
		}
	}

	getSnapshot = () => this.snapshot

	/**
	 * Mirrors the server's rule for this person: while read-only, nothing from the store is written to the
	 * doc, not even what the editor changes by itself, so the server has nothing to refuse.
	 */
	setReadOnly(readOnly: boolean) {
		this.readOnly = readOnly
	}

	/**
	 * Says whether this screen is the touch table: its canvas socket then tells the server so (`table=1`),
	 * and a lock that covers the table holds it. A change reconnects the socket.
	 */
	setTable(table: boolean) {
		if (table === this.table) return
		this.table = table
		const { provider } = this.link
		provider.params = this.params()
		if (!provider.shouldConnect) return
		provider.disconnect()
		provider.connect()
	}

	private params(): Record<string, string> {
		return this.table ? { token: this.options.session, table: '1' } : { token: this.options.session }
	}

	setName(name: string) {
		this.identity = { ...this.identity, name }
		this.binding?.setUser(this.identity)
	}

	dispose() {
		this.disposed = true
		for (const timer of this.timers) clearTimeout(timer)
		window.removeEventListener('online', this.onOnline)
		window.removeEventListener('offline', this.onOffline)
		this.personalUndo?.dispose()
		this.binding?.dispose()
		void this.close(this.link, false)
		this.listeners.clear()
	}

	private later(fn: () => void, ms: number) {
		const timer = setTimeout(() => {
			this.timers.delete(timer)
			if (!this.disposed) fn()
		}, ms)
		this.timers.add(timer)
	}

	private onPermissionDenied(provider: WebsocketProvider) {
		if (this.resetting || this.disposed || provider !== this.link.provider) return
		this.resetting = true
		this.denied++
		this.personalUndo?.dispose()
		this.personalUndo = null
		this.binding?.dispose()
		this.binding = null
		this.pendingSince = null
		const wait = Date.now() - this.lastResetAt < 5000 ? RESET_BACKOFF_MS : 0
		this.lastResetAt = Date.now()
		this.update()
		void this.close(this.link, true)
			.catch(() => undefined)
			.then(() => {
				this.later(() => {
					this.link = this.open()
					this.awaitServer = true
					this.resetting = false
					this.update()
				}, wait)
			})
	}

	private onSync = (synced: boolean) => {
		if (synced) this.everSynced = true
		this.update()
	}

	private onConnectionLost = () => {
		// Never reached the server: no point waiting before opening this device's copy.
		if (!this.everSynced) this.gaveUpWaiting = true
		if (!this.ended && navigator.onLine) this.options.onConnectionLost?.()
		this.update()
	}

	private onOnline = () => {
		if (!this.ended) this.link.provider.connect()
		this.update()
	}

	private onOffline = () => {
		// The browser knows the network is gone; do not wait for the socket to time out.
		this.link.provider.disconnect()
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
			doc: this.link.doc,
			awareness: this.link.provider.awareness,
			user: this.identity,
			canWrite: () => !this.readOnly,
			scheduleRemote: frameScheduler(),
		})
		this.binding.subscribe(this.update)
		this.personalUndo = createPersonalUndo(this.binding, this.link.doc)
	}

	/**
	 * Undoes my last change, field by field: never anyone else's edit, even on the same card (tldraw's own
	 * undo would put back whole records). Answers whether there was something to undo.
	 */
	undo(): boolean {
		return this.personalUndo?.undo() ?? false
	}

	redo(): boolean {
		return this.personalUndo?.redo() ?? false
	}

	/** Starts a new undo step: call when a gesture begins, so that each gesture is undone on its own. */
	newUndoStep(): void {
		this.personalUndo?.stopCapturing()
	}

	/** Whether the server says, through its awareness state, that it cannot store changes now. */
	private serverNotSaving(): boolean {
		for (const state of this.link.provider.awareness.getStates().values()) {
			const server = (state as { server?: { saving?: unknown } }).server
			if (server && server.saving === false) return true
		}
		return false
	}

	private update = () => {
		if (this.disposed) return
		const { provider } = this.link
		const online = navigator.onLine
		const ready = this.snapshot.ready || (this.idbLoaded && (provider.synced || !online || this.gaveUpWaiting))
		if (ready && !this.binding && !this.resetting && (!this.awaitServer || provider.synced)) {
			this.awaitServer = false
			this.bind()
		}

		const connected = provider.wsconnected && provider.synced
		if (this.pendingSince !== null && connected && (provider.ws?.bufferedAmount ?? 0) === 0) this.pendingSince = null
		let status: SaveStatus
		if (!online || (!connected && !provider.shouldConnect)) status = 'offline'
		else if (connected && this.serverNotSaving()) status = 'notSaving'
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
		const { denied, ended } = this
		const s = this.snapshot
		if (s.ready === ready && s.status === status && s.binding === binding && s.peers === peers && s.denied === denied && s.ended === ended) return
		this.snapshot = { ready, status, binding, peers, denied, ended }
		for (const listener of this.listeners) listener()
	}
}
