/**
 * Signed tokens for join links and sessions: `base64url(claims).base64url(HMAC-SHA256)`. The secret comes
 * from CYD_SECRET or is generated once and kept under DATA_DIR. Tokens are never logged.
 * @module
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isRole, type Role } from '@cyd/model'

/** A join link: anyone holding it may join the room in this role until it expires or is revoked. */
export interface LinkClaims {
	kind: 'link'
	room: string
	role: Role
	link: string
	/** Expiry, milliseconds since the epoch. */
	exp: number
}

/** A person who joined through a link. */
export interface SessionClaims {
	kind: 'session'
	room: string
	role: Role
	link: string
	person: string
	exp: number
}

export type Claims = LinkClaims | SessionClaims

/** Why a token was refused; the HTTP status to answer with. */
export interface TokenProblem {
	status: 401 | 403 | 429 | 503
	error: string
}

export function loadSecret(dataDir: string, fromEnv: string | undefined): Buffer {
	if (fromEnv) {
		if (fromEnv.length < 32) throw new Error('CYD_SECRET must be at least 32 characters')
		return Buffer.from(fromEnv)
	}
	const file = join(dataDir, 'secret')
	try {
		return readFileSync(file)
	} catch {
		mkdirSync(dataDir, { recursive: true })
		const secret = randomBytes(32)
		writeFileSync(file, secret, { mode: 0o600, flag: 'wx' })
		return readFileSync(file)
	}
}

export class TokenSigner {
	constructor(private readonly secret: Buffer) {}

	sign(claims: Claims): string {
		const body = Buffer.from(JSON.stringify(claims)).toString('base64url')
		return `${body}.${this.mac(body)}`
	}

	/** The claims of a well-signed, unexpired token for `room`, or why not. */
	verify(token: string | undefined, room: string, now = Date.now()): Claims | TokenProblem {
		if (!token) return { status: 401, error: 'a token is required: join through a link' }
		const [body, mac, extra] = token.split('.')
		if (!body || !mac || extra !== undefined) return { status: 401, error: 'malformed token' }
		const expected = Buffer.from(this.mac(body))
		const given = Buffer.from(mac)
		if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { status: 401, error: 'invalid token' }
		let claims: unknown
		try {
			claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
		} catch {
			return { status: 401, error: 'malformed token' }
		}
		if (!isClaims(claims)) return { status: 401, error: 'malformed token' }
		if (claims.exp <= now) return { status: 401, error: 'this link has expired' }
		if (claims.room !== room) return { status: 403, error: 'this token is for another room' }
		return claims
	}

	private mac(body: string): string {
		return createHmac('sha256', this.secret).update(body).digest('base64url')
	}
}

function isClaims(value: unknown): value is Claims {
	if (typeof value !== 'object' || value === null) return false
	const c = value as Record<string, unknown>
	const common = typeof c.room === 'string' && isRole(c.role) && typeof c.link === 'string' && typeof c.exp === 'number'
	if (c.kind === 'link') return common
	if (c.kind === 'session') return common && typeof c.person === 'string'
	return false
}

export function isProblem<T extends object>(value: T | TokenProblem): value is TokenProblem {
	return 'status' in value
}
