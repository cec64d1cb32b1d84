/**
 * Join links and sessions in the browser: the link token arrives in the address's fragment
 * (`#join=<token>`), the session the server answers is kept per room in localStorage.
 * @module
 */
import { isRole, type Role } from '@cyd/model'
import type { JoinedPerson } from './api'

export interface StoredSession {
	session: string
	person: JoinedPerson
}

const key = (roomId: string) => `cyd.session.${roomId}`

export function loadSession(roomId: string): StoredSession | null {
	try {
		const value = JSON.parse(localStorage.getItem(key(roomId)) ?? 'null') as StoredSession | null
		if (value && typeof value.session === 'string' && value.person && isRole(value.person.role)) return value
	} catch {
		// unreadable: treated as no session
	}
	return null
}

export function saveSession(roomId: string, stored: StoredSession): void {
	localStorage.setItem(key(roomId), JSON.stringify(stored))
}

export function forgetSession(roomId: string): void {
	localStorage.removeItem(key(roomId))
}

/** The link token in the address's fragment, if any. */
export function joinTokenFromAddress(): string | null {
	const match = /(?:^#|&)join=([^&]+)/.exec(window.location.hash)
	return match?.[1] ? decodeURIComponent(match[1]) : null
}

/** The table seat a phone joins at (`#join=…&seat=…`, from the table's QR code), if any. */
export function seatFromAddress(): string | null {
	const match = /(?:^#|&)seat=([^&]+)/.exec(window.location.hash)
	try {
		return match?.[1] ? decodeURIComponent(match[1]).slice(0, 60) : null
	} catch {
		return null
	}
}

/** The key of a table seat's QR code (`#join=…&seat=…&seatKey=…`): joining with it makes this phone that seat's person. */
export function seatKeyFromAddress(): string | null {
	const match = /(?:^#|&)seatKey=([^&]+)/.exec(window.location.hash)
	try {
		return match?.[1] ? decodeURIComponent(match[1]).slice(0, 100) : null
	} catch {
		return null
	}
}

/** Takes the link token out of the address bar (and history), so it is not shared by accident. */
export function clearJoinToken(): void {
	if (!window.location.hash) return
	history.replaceState(history.state, '', window.location.pathname + window.location.search)
}

/**
 * The unverified claims of a link or session token (`base64url(claims).mac`): only to tell which link
 * and role a token is for; the server checks the signature of every use.
 */
export function peekToken(token: string): { link: string; role: Role } | null {
	try {
		const body = token.split('.')[0] ?? ''
		const claims = JSON.parse(atob(body.replace(/-/g, '+').replace(/_/g, '/'))) as { link?: unknown; role?: unknown }
		return typeof claims.link === 'string' && isRole(claims.role) ? { link: claims.link, role: claims.role } : null
	} catch {
		return null
	}
}
