/**
 * One simulated participant: a Y.Doc, awareness, and the stock provider for its server's protocol.
 * @module
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { Awareness } from 'y-protocols/awareness'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { Protocol } from './servers.js'

export interface ClientOptions {
	protocol: Protocol
	/** Base websocket URL of the server. */
	url: string
	room: string
	/**
	 * What the client does with awareness messages it receives (default `count`).
	 * - `count`: counts the cursor states each carries at the socket and does not hand it to the provider.
	 *   The server's work is the same; the generator's is much smaller.
	 * - `decode`: the provider applies it. The y-websocket provider is kept from re-sending what it
	 *   received, so that, like the Hocuspocus provider, it sends only its own changes.
	 * - `stock`: the provider applies it, and the y-websocket provider re-sends it, as it does unpatched.
	 */
	awareness?: AwarenessMode
	/** Called with the number of cursor states each received awareness message carries, in `count` mode. */
	onCursorStates?: (states: number) => void
	/**
	 * Called with the send time each received cursor state carries (its `cursor.t`, the generator's clock),
	 * in every awareness mode. Decodes each state's JSON: set it on one client per room, not on all.
	 */
	onCursorSentAt?: (sentAt: number) => void
	/**
	 * What the client does with document updates it receives once synced (default `apply`).
	 * - `apply`: the provider applies them to the client's Y.Doc, as in an app.
	 * - `read`: they are taken at the socket and handed to `onUpdate`, not applied: the server's work is
	 *   the same, the generator's much smaller, and the client's document holds only what it had at sync and
	 *   its own changes.
	 */
	updates?: UpdateMode
	/** Called with each document update received once synced, in `read` mode. */
	onUpdate?: (update: Uint8Array) => void
}

export type AwarenessMode = 'count' | 'decode' | 'stock'
export type UpdateMode = 'apply' | 'read'

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] }

type SocketClass = new (address: string | URL, protocols?: string | string[]) => WebSocket

/** Hocuspocus's and y-websocket's type numbers for a sync and an awareness message, and the sync steps that carry updates. */
const messageSync = 0
const messageAwareness = 1
const syncStep2 = 1
const syncUpdate = 2

function bytesOf(data: unknown): Uint8Array | null {
	if (data instanceof Uint8Array) return data
	if (data instanceof ArrayBuffer) return new Uint8Array(data)
	if (Array.isArray(data)) return Buffer.concat(data as Buffer[])
	return null
}

/**
 * How many other clients' states an awareness message carries (the receiver's own echoed state is not
 * counted), or null if `frame` is not an awareness message. Reads only the framing, ids and clocks:
 * [document name, for Hocuspocus] [type] [length] [count] then per state [client id] [clock] [JSON, skipped].
 */
export function awarenessStates(frame: Uint8Array, protocol: Protocol, ownClientId: number): number | null {
	const decoder = decoding.createDecoder(frame)
	if (protocol === 'hocuspocus') decoding.readVarString(decoder)
	if (decoding.readVarUint(decoder) !== messageAwareness) return null
	decoding.readVarUint(decoder)
	const count = decoding.readVarUint(decoder)
	let others = 0
	for (let i = 0; i < count; i++) {
		if (decoding.readVarUint(decoder) !== ownClientId) others++
		decoding.readVarUint(decoder)
		const length = decoding.readVarUint(decoder)
		decoder.pos += length
	}
	return others
}

/** A cursor's send time in a presence state's JSON (`"t":<ms>` inside `cursor`), read without parsing it all. */
const SENT_AT = /"t":(\d+(?:\.\d+)?)/

/**
 * Hands `onSentAt` the send time of each other client's cursor an awareness message carries; nothing if
 * `frame` is not an awareness message. [document name, for Hocuspocus] [type] [length] [count] then per
 * state [client id] [clock] [JSON].
 */
export function cursorSentTimes(frame: Uint8Array, protocol: Protocol, ownClientId: number, onSentAt: (sentAt: number) => void): void {
	const decoder = decoding.createDecoder(frame)
	if (protocol === 'hocuspocus') decoding.readVarString(decoder)
	if (decoding.readVarUint(decoder) !== messageAwareness) return
	decoding.readVarUint(decoder)
	const count = decoding.readVarUint(decoder)
	for (let i = 0; i < count; i++) {
		const id = decoding.readVarUint(decoder)
		decoding.readVarUint(decoder)
		const json = decoding.readVarString(decoder)
		const sent = id === ownClientId ? null : SENT_AT.exec(json)
		if (sent) onSentAt(Number(sent[1]))
	}
}

/**
 * The update a sync step 2 or update message carries, or null if `frame` is neither.
 * Framing: [document name, for Hocuspocus] [type] [step] [update as a length-prefixed byte array].
 */
export function syncUpdateOf(frame: Uint8Array, protocol: Protocol): Uint8Array | null {
	const decoder = decoding.createDecoder(frame)
	if (protocol === 'hocuspocus') decoding.readVarString(decoder)
	if (decoding.readVarUint(decoder) !== messageSync) return null
	const step = decoding.readVarUint(decoder)
	if (step !== syncStep2 && step !== syncUpdate) return null
	return decoding.readVarUint8Array(decoder)
}

interface SocketHooks {
	protocol: Protocol
	clientId: number
	bytes: number
	/** When set, awareness messages are counted here and not handed to the provider. */
	onCursorStates: ((states: number) => void) | null
	/** When set, the send time of every cursor state received is handed here. */
	onCursorSentAt: ((sentAt: number) => void) | null
	/** When set, document updates are handed here instead of to the provider, once synced. */
	onUpdate: ((update: Uint8Array) => void) | null
	synced: boolean
	/**
	 * Tells the provider a message arrived when one is taken before it sees it: both providers close a
	 * connection that has received nothing for 30 s.
	 */
	touch: () => void
}

/** A ws WebSocket that counts the bytes it receives and can take awareness messages before the provider sees them. */
function instrumentedSocket(hooks: SocketHooks): SocketClass {
	return class InstrumentedWebSocket extends WebSocket {
		override emit(event: string | symbol, ...args: unknown[]): boolean {
			if (event === 'message') {
				const frame = bytesOf(args[0])
				if (frame) {
					hooks.bytes += frame.length
					if (hooks.onCursorSentAt) cursorSentTimes(frame, hooks.protocol, hooks.clientId, hooks.onCursorSentAt)
					if (hooks.onCursorStates) {
						const states = awarenessStates(frame, hooks.protocol, hooks.clientId)
						if (states !== null) {
							hooks.onCursorStates(states)
							hooks.touch()
							return true
						}
					}
					if (hooks.onUpdate && hooks.synced) {
						const update = syncUpdateOf(frame, hooks.protocol)
						if (update) {
							hooks.onUpdate(update)
							hooks.touch()
							return true
						}
					}
				}
			}
			return super.emit(event, ...args)
		}
	}
}

export class BenchClient {
	readonly doc = new Y.Doc()
	readonly awareness = new Awareness(this.doc)
	readonly synced: Promise<void>
	syncedAt = 0
	/** Unexpected closes and socket errors after the first sync. */
	errors = 0
	private readonly hooks: SocketHooks
	private readonly disconnect: () => void
	private closing = false

	constructor(options: ClientOptions) {
		this.hooks = {
			protocol: options.protocol,
			clientId: this.doc.clientID,
			bytes: 0,
			onCursorStates: (options.awareness ?? 'count') === 'count' ? (options.onCursorStates ?? (() => {})) : null,
			onCursorSentAt: options.onCursorSentAt ?? null,
			onUpdate: options.updates === 'read' ? (options.onUpdate ?? (() => {})) : null,
			synced: false,
			touch: () => {},
		}
		const WebSocketPolyfill = instrumentedSocket(this.hooks)
		let markSynced!: () => void
		this.synced = new Promise<void>((resolve) => {
			markSynced = resolve
		})
		const onSynced = () => {
			this.hooks.synced = true
			if (this.syncedAt === 0) {
				this.syncedAt = performance.now()
				markSynced()
			}
		}
		const onLost = () => {
			// A reconnect syncs again through the provider.
			this.hooks.synced = false
			if (!this.closing && this.syncedAt > 0) this.errors++
		}
		if (options.protocol === 'hocuspocus') {
			const socket = new HocuspocusProviderWebsocket({ url: options.url, WebSocketPolyfill })
			const provider = new HocuspocusProvider({
				websocketProvider: socket,
				name: options.room,
				document: this.doc,
				awareness: this.awareness,
				onSynced: onSynced,
				onClose: onLost,
			})
			provider.attach()
			this.hooks.touch = () => {
				socket.lastMessageReceived = Date.now()
			}
			this.disconnect = () => {
				provider.destroy()
				socket.destroy()
			}
		} else {
			const provider = new WebsocketProvider(options.url, options.room, this.doc, {
				awareness: this.awareness,
				disableBc: true,
				// y-websocket types the polyfill as the DOM WebSocket; ws implements the part the provider uses.
				WebSocketPolyfill: WebSocketPolyfill as never,
			})
			this.hooks.touch = () => {
				provider.wsLastMessageReceived = Date.now()
			}
			if (options.awareness !== 'stock') {
				const send = provider._awarenessUpdateHandler
				this.awareness.off('update', send)
				this.awareness.on('update', (change: AwarenessChange, origin: unknown) => {
					if (origin !== provider) send(change, origin)
				})
			}
			provider.on('sync', (isSynced: boolean) => {
				if (isSynced) onSynced()
			})
			provider.on('connection-close', onLost)
			provider.on('connection-error', () => {
				if (!this.closing) this.errors++
			})
			this.disconnect = () => provider.destroy()
		}
	}

	get bytesReceived(): number {
		return this.hooks.bytes
	}

	destroy(): void {
		this.closing = true
		this.disconnect()
		this.awareness.destroy()
		this.doc.destroy()
	}
}
