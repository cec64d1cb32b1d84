/**
 * One client's connection to one room: decodes its frames, checks them, and applies what it may.
 * @module
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { checkTypeDepth, scanUpdate, UpdateRefused, type UpdateBudget } from './budget.js'
import {
	CloseCode,
	MESSAGE_AUTH,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	SYNC_STEP_1,
	SYNC_STEP_2,
	SYNC_UPDATE,
	encodePermissionDenied,
	encodeSyncStep1,
} from './protocol.js'
import type { Room } from './room.js'

/** The least a websocket must offer the sync core. Framework adapters wrap theirs in it. */
export interface SyncSocket {
	send(data: Uint8Array): void
	close(code: number, reason: string): void
	/** Bytes queued but not yet sent; used to drop clients that stop reading. */
	readonly bufferedAmount?: number
	/**
	 * Holds what is sent until `uncork`, so the frames of one flush leave in one write (optional; sockets
	 * without it send each frame at once).
	 */
	cork?(): void
	uncork?(): void
}

/** What a connection may do to the document. Awareness (presence) is open to both. */
export type Access = 'write' | 'read'

/** Limits on what one connection may send, and on what the document it writes to may hold. */
export interface ConnectionLimits extends UpdateBudget {
	/** Largest frame accepted, in bytes. Larger ones close the connection with 1009. */
	maxMessageBytes: number
	/** Largest send buffer tolerated before a client that does not read is dropped (1008). */
	maxBufferedBytes: number
	/** Most bytes held for a connection while its document loads. */
	maxQueuedBytes: number
	/** Sustained frames per second a connection may send (a token bucket); past it, 1008. */
	messagesPerSecond: number
	/** Frames a connection may send in a burst above the sustained rate. */
	messageBurst: number
	/** Sustained bytes per second a connection may send (a token bucket); past it, 1008. */
	bytesPerSecond: number
	/** Bytes a connection may send in a burst above the sustained rate (at least `maxMessageBytes`). */
	byteBurst: number
	/**
	 * Most bytes a document may hold: its stored updates (the snapshot and the log since). An update that
	 * would take it past is refused with permission-denied and the connection closed with 1009.
	 */
	maxDocumentBytes: number
	/**
	 * Most bytes of updates a document keeps waiting for clocks it lacks (pending structs and deletions).
	 * Past it they are dropped and the connection whose update took it past is closed with 1008.
	 */
	maxPendingBytes: number
	/** Largest awareness state (presence) of one client, as JSON bytes; larger states are dropped. */
	maxAwarenessBytes: number
}

export interface ConnectionEvents {
	received(bytes: number): void
	sent(bytes: number): void
	closed(connection: Connection, code: number, reason: string): void
}

/** Thrown for a frame that does not decode as the protocol says. */
class ProtocolError extends Error {
	constructor(
		readonly code: number,
		message: string,
	) {
		super(message)
	}
}

export class Connection {
	readonly isConnection = true
	/**
	 * The one awareness client id this connection owns (the first free one it announced), or null; its
	 * state is removed when the connection goes away. See `Room.receiveAwareness`.
	 */
	awarenessId: number | null = null
	closed = false
	private started = false
	private queue: Uint8Array[] = []
	private queuedBytes = 0
	private tokens: number
	private byteTokens: number
	private refilledAt = performance.now()

	constructor(
		readonly id: number,
		readonly room: Room,
		private readonly socket: SyncSocket,
		public access: Access,
		readonly tag: unknown,
		private readonly limits: ConnectionLimits,
		private readonly events: ConnectionEvents,
	) {
		this.tokens = limits.messageBurst
		this.byteTokens = limits.byteBurst
	}

	/** Called once the room's stored state is loaded: greets the client and handles what it sent meanwhile. */
	start(): void {
		if (this.closed) return
		this.started = true
		this.send(encodeSyncStep1(Y.encodeStateVector(this.room.doc)))
		const awareness = this.room.awarenessMessage()
		if (awareness) this.send(awareness)
		const queued = this.queue
		this.queue = []
		this.queuedBytes = 0
		for (const data of queued) {
			if (this.closed) return
			this.handle(data)
		}
	}

	/** A frame from the client. Text frames and oversized frames close the connection. */
	receive(data: Uint8Array | string): void {
		if (this.closed) return
		if (typeof data === 'string') {
			this.close(CloseCode.unsupportedData, 'text frames are not part of the protocol; send binary y-websocket messages')
			return
		}
		this.events.received(data.byteLength)
		const bucket = this.takeTokens(data.byteLength)
		if (bucket === 'messages') {
			this.close(CloseCode.policyViolation, `more than ${this.limits.messagesPerSecond} messages a second`)
			return
		}
		if (data.byteLength > this.limits.maxMessageBytes) {
			this.close(
				CloseCode.messageTooBig,
				`message of ${data.byteLength} bytes exceeds the limit of ${this.limits.maxMessageBytes} bytes`,
			)
			return
		}
		if (bucket === 'bytes') {
			this.close(CloseCode.policyViolation, `more than ${this.limits.bytesPerSecond} bytes a second`)
			return
		}
		if (!this.started) {
			this.queuedBytes += data.byteLength
			if (this.queuedBytes > this.limits.maxQueuedBytes) {
				this.close(CloseCode.tryAgainLater, 'too much sent before the document was ready')
				return
			}
			this.queue.push(data)
			return
		}
		this.handle(data)
	}

	/** Takes one message and `bytes` bytes from the connection's token buckets; answers which ran out, if one did. */
	private takeTokens(bytes: number): 'messages' | 'bytes' | null {
		const now = performance.now()
		const { messagesPerSecond, messageBurst, bytesPerSecond, byteBurst } = this.limits
		const elapsed = (now - this.refilledAt) / 1000
		this.tokens = Math.min(messageBurst, this.tokens + elapsed * messagesPerSecond)
		this.byteTokens = Math.min(byteBurst, this.byteTokens + elapsed * bytesPerSecond)
		this.refilledAt = now
		if (this.tokens < 1) return 'messages'
		this.tokens -= 1
		if (this.byteTokens < bytes) return 'bytes'
		this.byteTokens -= bytes
		return null
	}

	private handle(data: Uint8Array): void {
		try {
			this.dispatch(data)
		} catch (error) {
			if (error instanceof UpdateRefused) {
				if (error.permissionDenied) this.send(encodePermissionDenied(error.message))
				this.close(error.code, error.message)
			} else if (error instanceof ProtocolError) {
				this.close(error.code, error.message)
			} else {
				this.close(CloseCode.protocolError, `malformed message: ${(error as Error).message}`)
			}
		}
	}

	private dispatch(data: Uint8Array): void {
		const decoder = decoding.createDecoder(data)
		const type = decoding.readVarUint(decoder)
		switch (type) {
			case MESSAGE_SYNC:
				this.handleSync(decoder)
				return
			case MESSAGE_AWARENESS:
				this.room.receiveAwareness(decoding.readVarUint8Array(decoder), this)
				return
			case MESSAGE_QUERY_AWARENESS:
				this.send(this.room.awarenessMessage(true)!)
				return
			case MESSAGE_AUTH:
				throw new ProtocolError(CloseCode.unsupportedData, 'clients do not send auth messages')
			default:
				throw new ProtocolError(CloseCode.unsupportedData, `unknown message type ${type}`)
		}
	}

	private handleSync(decoder: decoding.Decoder): void {
		const step = decoding.readVarUint(decoder)
		switch (step) {
			case SYNC_STEP_1: {
				const stateVector = decoding.readVarUint8Array(decoder)
				Y.decodeStateVector(stateVector) // throws on a malformed vector, before anything is queued
				this.room.requestState(this, stateVector)
				return
			}
			case SYNC_STEP_2:
			case SYNC_UPDATE: {
				const update = decoding.readVarUint8Array(decoder)
				if (this.access === 'read') {
					// Checked as a write would be, before Yjs decodes it (its decoder recurses into nested values).
					checkTypeDepth(scanUpdate(update, this.limits), this.room.doc, this.limits.maxTypeDepth, null)
					if (hasNewContent(this.room.doc, update)) this.send(encodePermissionDenied('this connection is read-only'))
					return
				}
				this.room.applyClientUpdate(update, this)
				return
			}
			default:
				throw new ProtocolError(CloseCode.unsupportedData, `unknown sync message type ${step}`)
		}
	}

	/** Sends a frame now if the client has been greeted; before that it gets the full awareness on start. */
	sendIfStarted(data: Uint8Array): void {
		if (this.started) this.send(data)
	}

	/** Sends a frame now. Answers false when the connection is closed or was just dropped for not reading. */
	send(data: Uint8Array): boolean {
		if (this.closed) return false
		if ((this.socket.bufferedAmount ?? 0) > this.limits.maxBufferedBytes) {
			this.close(CloseCode.policyViolation, 'send buffer full: the client is not reading')
			return false
		}
		try {
			this.socket.send(data)
		} catch {
			this.close(CloseCode.internalError, 'send failed')
			return false
		}
		this.events.sent(data.byteLength)
		return true
	}

	/** See `SyncSocket.cork`. */
	cork(): void {
		if (!this.closed) this.socket.cork?.()
	}

	uncork(): void {
		this.socket.uncork?.()
	}

	/** Closes the socket and leaves the room. Safe to call more than once. */
	close(code: number, reason: string): void {
		if (this.closed) return
		this.closed = true
		try {
			this.socket.close(code, closeReason(reason))
		} catch {
			// the socket is already gone; leaving the room below is what matters
		}
		this.events.closed(this, code, reason)
	}

	/** The socket closed from the other side. */
	onSocketClosed(): void {
		if (this.closed) return
		this.closed = true
		this.events.closed(this, 1005, 'closed by client')
	}
}

const utf8 = new TextEncoder()

/** A close reason cut to the 123 bytes a websocket close frame holds (a longer one makes `close` throw). */
function closeReason(reason: string): string {
	if (utf8.encode(reason).length <= 123) return reason
	let cut = reason.slice(0, 120)
	while (utf8.encode(`${cut}...`).length > 123) cut = cut.slice(0, -1)
	return `${cut}...`
}

/**
 * Whether an update holds anything the document lacks: structs past its state, or deletions of items it
 * has not deleted. A read-only client's handshake resends what it already had; only real edits are refused.
 */
function hasNewContent(doc: Y.Doc, update: Uint8Array): boolean {
	const { structs, ds } = Y.decodeUpdate(update)
	if (structs.some((s) => s.id.clock + s.length > Y.getState(doc.store, s.id.client))) return true
	if (ds.clients.size === 0) return false
	const deleted = Y.createDeleteSetFromStructStore(doc.store)
	for (const [client, items] of ds.clients) {
		for (const item of items) {
			const first = Y.createID(client, item.clock)
			const last = Y.createID(client, item.clock + item.len - 1)
			if (!Y.isDeleted(deleted, first) || !Y.isDeleted(deleted, last)) return true
		}
	}
	return false
}
