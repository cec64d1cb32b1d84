/**
 * Rooms: identifiers and the names of the documents a room holds.
 * @module
 */

const ROOM_ID = /^[A-Za-z0-9_-]{6,64}$/

/** True when `value` is a well-formed room identifier (URL-safe, 6 to 64 characters). */
export function isRoomId(value: string): boolean {
	return ROOM_ID.test(value)
}

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'

/**
 * A new random room identifier: 12 characters from an alphabet without look-alikes (no l, o, 0, 1),
 * about 60 bits of entropy, so it is safe to read aloud and hard to guess.
 */
export function newRoomId(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
	const bytes = random(new Uint8Array(12))
	let id = ''
	for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length]
	return id
}

/** The languages Cyd speaks. */
export const LANGUAGES = ['en', 'cy'] as const
export type Language = (typeof LANGUAGES)[number]

export function isLanguage(value: unknown): value is Language {
	return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** The longest room title accepted. */
export const MAX_ROOM_TITLE = 200

/** A room as stored: what the landing page creates and the room page reads. */
export interface RoomInfo {
	id: string
	title: string
	language: Language
	createdAt: string
}
