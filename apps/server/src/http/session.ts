/**
 * Auth as middleware: the room of the path must exist, and the request must carry a session (or link)
 * token of one of the route's roles. A route under `/api/rooms/:id` cannot forget either.
 * @module
 */
import type { MiddlewareHandler } from 'hono'
import { isRoomId, type Role } from '@cyd/model'
import type { RoomStore } from '@cyd/sync'
import type { Env } from '../env.js'
import type { Links } from '../workshop/links.js'
import { isProblem } from '../workshop/tokens.js'
import { fail } from './errors.js'

/** 404 unless the path's `:id` names a room that exists; sets `room`. */
export function roomExists(rooms: RoomStore): MiddlewareHandler<Env> {
	return async (c, next) => {
		const id = c.req.param('id')
		if (!id || !isRoomId(id) || !(await rooms.getRoom(id))) fail(404, 'no such room')
		c.set('room', id)
		await next()
	}
}

/** The bearer token of a request, if any. */
export function bearer(header: string | undefined): string | undefined {
	const match = /^Bearer\s+(\S+)$/i.exec(header ?? '')
	return match?.[1]
}

/**
 * 401 without a valid token, 403 unless its role is one of `roles`; sets `me`. With `joined`, a bare
 * link token is not enough: the request must come from a person who joined.
 */
export function requireSession(links: Links, roles: readonly Role[], options: { joined?: boolean; expired?: 'allow' } = {}): MiddlewareHandler<Env> {
	const joined = options.joined ?? true
	return async (c, next) => {
		const room = c.get('room')
		const identity = await links.authenticate(room, bearer(c.req.header('authorization')), { expired: options.expired })
		if (isProblem(identity)) fail(identity.status, identity.error)
		if (joined && identity.person === null) fail(401, 'join the room first: this needs a session, not a link')
		if (!roles.includes(identity.role)) fail(403, `only ${roles.join(' or ')} may do this`)
		c.set('me', identity)
		await next()
	}
}
