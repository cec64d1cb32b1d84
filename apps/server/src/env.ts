/**
 * The Hono environment of the server's app: Node's request bindings and what middleware hands on.
 * @module
 */
import type { HttpBindings } from '@hono/node-server'
import type { Admission } from './workshop/live.js'
import type { Identity } from './workshop/records.js'

export type { Admission }

export type Env = {
	Bindings: HttpBindings
	Variables: {
		admission: Admission
		/** The room of the path, once `roomExists` found it. */
		room: string
		/** The person (or link) behind the request's session, once `requireSession` checked it. */
		me: Identity
	}
}
