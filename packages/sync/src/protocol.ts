/**
 * The y-websocket wire protocol: message types and encoders for what the server sends.
 * Every frame is one message: a varUint type followed by its payload.
 * @module
 */
import * as encoding from 'lib0/encoding'
import { CLOSE_CODES } from '@cyd/model'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3

export const SYNC_STEP_1 = 0
export const SYNC_STEP_2 = 1
export const SYNC_UPDATE = 2

/** y-protocols/auth: the only auth message the server sends. */
export const AUTH_PERMISSION_DENIED = 0

/** Close codes the sync core uses: the protocol's own, from the one list the server and the web app share. */
export const CloseCode = {
	goingAway: CLOSE_CODES.goingAway,
	protocolError: CLOSE_CODES.protocolError,
	unsupportedData: CLOSE_CODES.unsupportedData,
	policyViolation: CLOSE_CODES.policyViolation,
	messageTooBig: CLOSE_CODES.messageTooBig,
	internalError: CLOSE_CODES.internalError,
	tryAgainLater: CLOSE_CODES.tryAgainLater,
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

/** Bytes a varUint takes. */
function varUintLength(n: number): number {
	let length = 1
	while (n > 0x7f) {
		n = Math.floor(n / 128)
		length++
	}
	return length
}

/** Writes `n` as a varUint at `at`; answers the position after it. */
function writeVarUintAt(out: Uint8Array, at: number, n: number): number {
	while (n > 0x7f) {
		out[at++] = 0x80 | (n & 0x7f)
		n = Math.floor(n / 128)
	}
	out[at++] = n
	return at
}

const utf8 = new TextEncoder()

/**
 * One client's entry of an awareness update (client id, clock, state as JSON), encoded once so that the
 * same entry can go into the messages of every connection without being written again.
 */
export function encodeAwarenessEntry(clientId: number, clock: number, state: unknown): Uint8Array {
	return encodeAwarenessEntryJson(clientId, clock, utf8.encode(JSON.stringify(state ?? null)))
}

/** An awareness entry whose state is already JSON text (UTF-8). */
export function encodeAwarenessEntryJson(clientId: number, clock: number, json: Uint8Array): Uint8Array {
	const out = new Uint8Array(varUintLength(clientId) + varUintLength(clock) + varUintLength(json.length) + json.length)
	let at = writeVarUintAt(out, 0, clientId)
	at = writeVarUintAt(out, at, clock)
	at = writeVarUintAt(out, at, json.length)
	out.set(json, at)
	return out
}

/**
 * An awareness message holding `entries` (from `encodeAwarenessEntry`), byte for byte what
 * `encodeAwareness(encodeAwarenessUpdate(awareness, ids))` makes for the same clients.
 */
export function encodeAwarenessEntries(entries: readonly Uint8Array[]): Uint8Array {
	let payloadLength = varUintLength(entries.length)
	for (const entry of entries) payloadLength += entry.length
	const out = new Uint8Array(varUintLength(MESSAGE_AWARENESS) + varUintLength(payloadLength) + payloadLength)
	let at = writeVarUintAt(out, 0, MESSAGE_AWARENESS)
	at = writeVarUintAt(out, at, payloadLength)
	at = writeVarUintAt(out, at, entries.length)
	for (const entry of entries) {
		out.set(entry, at)
		at += entry.length
	}
	return out
}

/** An awareness update (the payload `applyAwarenessUpdate` reads, without the message type) of `entries`. */
export function encodeAwarenessUpdateOf(entries: readonly Uint8Array[]): Uint8Array {
	let length = varUintLength(entries.length)
	for (const entry of entries) length += entry.length
	const out = new Uint8Array(length)
	let at = writeVarUintAt(out, 0, entries.length)
	for (const entry of entries) {
		out.set(entry, at)
		at += entry.length
	}
	return out
}
