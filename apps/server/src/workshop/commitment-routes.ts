/**
 * The room API's routes for what comes after a decision: outcomes and their indicators, actions and
 * their dated updates, the public page's replies, and renewing the steward's link. Mounted inside the
 * room's sub-app after its session middleware, so every route here needs a session; roles are checked
 * by `only(...)` and, for outcomes, by the rule in `commitments.ts`.
 * @module
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { describeRoute } from 'hono-openapi'
import type { Role } from '@cyd/model'
import type { Env } from '../env.js'
import { fail } from '../http/errors.js'
import { consumed } from '../http/rate.js'
import { valid } from '../http/validate.js'
import { FOLLOW_UP_ROLES, OUTCOME_ROLES, type OwnerInput } from './commitments.js'
import type { RoomRoutesDeps } from './routes.js'
import * as S from './schemas.js'

const small = bodyLimit({ maxSize: 16 * 1024, onError: () => fail(413, 'request body too large') })
const doc = (summary: string) => describeRoute({ summary, tags: ['commitments'], security: [{ session: [] }] })

/** Only these roles (the session itself is checked by the room's middleware). */
const only =
	(...roles: Role[]): MiddlewareHandler<Env> =>
	async (c, next) => {
		if (!roles.includes(c.get('me').role)) fail(403, `only ${roles.join(' or ')} may do this`)
		await next()
	}

/** The owner as the API takes it, in the shape the service takes. */
const ownerOf = (owner: { kind: 'stakeholder'; stakeholder: string } | { kind: 'group' | 'agency'; name: string }): OwnerInput => owner

export function commitmentRoutes(deps: Pick<RoomRoutesDeps, 'outcomes' | 'workshops' | 'origin' | 'proposalLimit'>) {
	const commitments = deps.outcomes.commitments
	const room = (c: Context<Env>) => c.get('room')
	const me = (c: Context<Env>) => c.get('me')
	/** People other than the facilitator put outcomes forward within the proposal rate. */
	const proposalRate: MiddlewareHandler<Env> = async (c, next) => {
		if (me(c).role !== 'facilitator' && !(await consumed(deps.proposalLimit, `${room(c)}:${me(c).person}`))) {
			fail(429, 'too many proposals from you in a short time; wait a minute and try again')
		}
		await next()
	}
	const outcomeRoles = only(...OUTCOME_ROLES)
	const followUp = only(...FOLLOW_UP_ROLES)
	const facilitator = only('facilitator')

	return (
		new Hono<Env>()
			// --- outcomes and how the group will know ---
			.post('/outcomes', doc('Set an outcome with the room (the facilitator), or put one forward (a participant or expert)'), outcomeRoles, small, valid('json', S.NewOutcome), proposalRate, async (c) => {
				const { title, indicators } = c.req.valid('json')
				return c.json(await commitments.addOutcome(room(c), me(c), title, indicators), 201)
			})
			.patch('/outcomes/:outcome', doc('Reword an outcome (its proposer, while proposed), or agree it (the facilitator)'), outcomeRoles, valid('param', S.OutcomeParam), small, valid('json', S.OutcomeChange), async (c) =>
				c.json(await commitments.editOutcome(room(c), me(c), c.req.valid('param').outcome, c.req.valid('json'))),
			)
			.delete('/outcomes/:outcome', doc('Remove an outcome (the facilitator), or withdraw one you put forward'), outcomeRoles, valid('param', S.OutcomeParam), async (c) => {
				await commitments.removeOutcome(room(c), me(c), c.req.valid('param').outcome)
				return c.body(null, 204)
			})
			.post('/outcomes/:outcome/indicators', doc('Add how the group will know (an indicator and its measure)'), outcomeRoles, valid('param', S.OutcomeParam), small, valid('json', S.NewIndicator), proposalRate, async (c) => {
				const { text, measure } = c.req.valid('json')
				return c.json(await commitments.addIndicator(room(c), me(c), c.req.valid('param').outcome, text, measure), 201)
			})
			.patch('/outcomes/:outcome/indicators/:indicator', doc('Reword an indicator, or agree it (the facilitator)'), outcomeRoles, valid('param', S.IndicatorParam), small, valid('json', S.IndicatorChange), async (c) => {
				const { outcome, indicator } = c.req.valid('param')
				return c.json(await commitments.editIndicator(room(c), me(c), outcome, indicator, c.req.valid('json')))
			})
			.delete('/outcomes/:outcome/indicators/:indicator', doc('Remove an indicator'), outcomeRoles, valid('param', S.IndicatorParam), async (c) => {
				const { outcome, indicator } = c.req.valid('param')
				await commitments.removeIndicator(room(c), me(c), outcome, indicator)
				return c.body(null, 204)
			})
			// --- actions on agreed items ---
			.post('/actions', doc('Commit to an action on an agreed item: what, who owns it, by when, the outcome it serves'), facilitator, small, valid('json', S.NewAction), async (c) => {
				const body = c.req.valid('json')
				return c.json(await commitments.addAction(room(c), me(c), { ...body, owner: ownerOf(body.owner) }), 201)
			})
			.patch('/actions/:action', doc("Change an action's words, owner, due day or outcome"), facilitator, valid('param', S.ActionParam), small, valid('json', S.ActionChange), async (c) => {
				const body = c.req.valid('json')
				return c.json(await commitments.editAction(room(c), c.req.valid('param').action, { ...body, owner: body.owner ? ownerOf(body.owner) : undefined }))
			})
			.post('/actions/:action/updates', doc('Post a dated update on an action (the facilitator or the steward): what happened, a new status, or both'), followUp, valid('param', S.ActionParam), small, valid('json', S.NewUpdate), async (c) =>
				c.json(await commitments.postUpdate(room(c), me(c), c.req.valid('param').action, c.req.valid('json')), 201),
			)
			// --- replies from the public page ---
			.get('/replies', doc("Visitors' replies from the public page, newest first"), followUp, async (c) => {
				const replies = await commitments.replies(room(c))
				return c.json(replies.map((r) => ({ id: r.id, text: r.text, at: r.at, status: r.status, decidedBy: r.decidedBy?.name ?? null })))
			})
			.post('/replies/:reply', doc('Approve a reply for the public page, hide it, or put it back to waiting'), followUp, valid('param', S.ReplyParam), small, valid('json', S.ReplyDecision), async (c) => {
				const reply = await commitments.decideReply(room(c), me(c), c.req.valid('param').reply, c.req.valid('json').status)
				return c.json({ id: reply.id, text: reply.text, at: reply.at, status: reply.status, decidedBy: reply.decidedBy?.name ?? null })
			})
			// --- the steward's access, after the workshop ---
			.post('/links/steward/renew', doc("Renew the steward's link: it lasts its full time again from now"), facilitator, async (c) => {
				const { token, expiresAt } = await deps.workshops.links.renewSteward(room(c))
				return c.json({ role: 'steward' as const, url: `${deps.origin(c)}/r/${room(c)}#join=${token}`, expiresAt }, 201)
			})
	)
}
