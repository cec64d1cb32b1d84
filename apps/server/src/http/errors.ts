/**
 * One error path for the HTTP API: every refusal answers `{ "error": message }` with its status, and
 * what nobody expected is logged once and answered 500 without details.
 * @module
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Logger } from 'pino'
import * as v from 'valibot'
import { WorkshopError } from '../workshop/records.js'

/** The one shape of every error the API answers. */
export const ErrorBody = v.object({ error: v.string() })

/** Answers a refusal in the API's one error shape. */
export function fail(status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503, error: string): never {
	throw new HTTPException(status, { message: error })
}

export function onError(logger: Logger) {
	return (err: Error, c: Context) => {
		if (err instanceof HTTPException) {
			if (err.res) return err.res
			return c.json({ error: err.message || 'request refused' }, err.status)
		}
		if (err instanceof WorkshopError) return c.json({ error: err.message }, err.status)
		// A room whose stored document cannot be loaded (the sync core's DocumentUnavailableError).
		if (err.name === 'DocumentUnavailableError') {
			logger.warn({ err, path: c.req.path }, 'a document of this room could not be loaded')
			return c.json({ error: 'this room cannot be opened just now; its document could not be loaded' }, 503)
		}
		logger.error({ err, method: c.req.method, path: c.req.path }, 'request failed')
		return c.json({ error: 'internal error' }, 500)
	}
}
