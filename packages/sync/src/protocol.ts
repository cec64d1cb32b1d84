/**
 * The y-websocket wire protocol: message types and encoders for what the server sends.
 * Every frame is one message: a varUint type followed by its payload.
 * @module
 */
import * as encoding from 'lib0/encoding'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3

export const SYNC_STEP_1 = 0
export const SYNC_STEP_2 = 1
export const SYNC_UPDATE = 2

/** y-protocols/auth: the only auth message the server sends. */
export const AUTH_PERMISSION_DENIED = 0

/** Close codes the server uses, from RFC 6455 and the private range. */
export const CloseCode = {
	goingAway: 1001,
	protocolError: 1002,
	unsupportedData: 1003,
	policyViolation: 1008,
	messageTooBig: 1009,
	internalError: 1011,
	tryAgainLater: 1013,
} as const

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder()
	write(encoder)
	return encoding.toUint8Array(encoder)
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
	return message((e) => {
		encoding.writeVarUint(e, MESSAGE_SYNC)
		encoding.writeVarUint(e, SYNC_STEP_1)
		encoding.writeVarUint8Array(e, stateVector)
	})
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
	return message((e) => {
		encoding.writeVarUint(e, MESSAGE_SYNC)
		encoding.writeVarUint(e, SYNC_STEP_2)
		encoding.writeVarUint8Array(e, update)
	})
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
	return message((e) => {
		encoding.writeVarUint(e, MESSAGE_SYNC)
		encoding.writeVarUint(e, SYNC_UPDATE)
		encoding.writeVarUint8Array(e, update)
	})
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
	return message((e) => {
		encoding.writeVarUint(e, MESSAGE_AWARENESS)
		encoding.writeVarUint8Array(e, update)
	})
}

export function encodePermissionDenied(reason: string): Uint8Array {
	return message((e) => {
		encoding.writeVarUint(e, MESSAGE_AUTH)
		encoding.writeVarUint(e, AUTH_PERMISSION_DENIED)
		encoding.writeVarString(e, reason)
	})
}

/**
 * One client's entry of an awareness update (client id, clock, state as JSON), encoded once so that the
 * same entry can go into the messages of every connection without being written again.
 */
export function encodeAwarenessEntry(clientId: number, clock: number, state: unknown): Uint8Array {
	return message((e) => {
		encoding.writeVarUint(e, clientId)
		encoding.writeVarUint(e, clock)
		encoding.writeVarString(e, JSON.stringify(state ?? null))
	})
}

/**
 * An awareness message holding `entries` (from `encodeAwarenessEntry`), byte for byte what
 * `encodeAwareness(encodeAwarenessUpdate(awareness, ids))` makes for the same clients.
 */
export function encodeAwarenessEntries(entries: readonly Uint8Array[]): Uint8Array {
	let entriesLength = 0
	for (const entry of entries) entriesLength += entry.length
	const head = message((e) => encoding.writeVarUint(e, entries.length))
	const payloadLength = head.length + entriesLength
	const prefix = message((e) => {
		encoding.writeVarUint(e, MESSAGE_AWARENESS)
		encoding.writeVarUint(e, payloadLength)
	})
	const out = new Uint8Array(prefix.length + payloadLength)
	out.set(prefix, 0)
	out.set(head, prefix.length)
	let at = prefix.length + head.length
	for (const entry of entries) {
		out.set(entry, at)
		at += entry.length
	}
	return out
}
