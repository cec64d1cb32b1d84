/**
 * Schema validation at the door: the request part must match its schema, or the API answers 400 with
 * what was wrong, in its one error shape. The same schema types the handler and describes the route.
 * @module
 */
import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { ValidationTargets } from 'hono'
import { validator } from 'hono-openapi'
import { fail } from './errors.js'

/** The first issue of a failed validation, as "where: what". */
function describe(issues: readonly StandardSchemaV1.Issue[]): string {
	const issue = issues[0]
	if (!issue) return 'invalid request'
	const path = (issue.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.')
	return path && !issue.message.startsWith(path) ? `${path}: ${issue.message}` : issue.message
}

/**
 * Validates one part of the request (`json`, `query`, `param`) against `schema`. A JSON body must be an
 * object (schemas of objects alone would take an array).
 */
export function valid<S extends StandardSchemaV1, T extends keyof ValidationTargets>(target: T, schema: S) {
	const inner = validator(target, schema, (result) => {
		if (!result.success) fail(400, target === 'json' ? describe(result.error) : `${target}: ${describe(result.error)}`)
	})
	if (target !== 'json') return inner
	const outer = (async (c, next) => {
		const body: unknown = await c.req.json().catch(() => undefined)
		if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) fail(400, 'body must be a JSON object')
		return inner(c, next)
	}) as typeof inner
	// hono-openapi finds the schema to describe on the middleware itself.
	return Object.assign(outer, inner)
}
