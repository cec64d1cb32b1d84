/**
 * The Hono environment of the server's app: Node's request bindings and what middleware hands on.
 * @module
 */
import type { HttpBindings } from '@hono/node-server'
import type { Identity } from './workshop/service.js'

/** A websocket admitted by the workshop rules, waiting for its socket to open. */
export interface Admission {
	identity: Identity
	access: 'write' | 'read'
	release(): void
}

export type Env = { Bindings: HttpBindings; Variables: { admission: Admission } }
