/**
 * The room API's routes for decisions the community holds: "experts leave the room", ratification of
 * what was agreed, and participatory budgeting. Mounted inside the room's sub-app after its session
 * middleware, so every route here needs a session; roles are checked here, and who may vote by the rules
 * in packages/model's community.ts (community.ts).
 * @module
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { describeRoute } from 'hono-openapi'
import * as v from 'valibot'
import { AUDIENCES, BALLOT_KINDS, LANGUAGES, MAX_BUDGET_OPTIONS, MAX_OPTION_TITLE, MAX_POINTS, MAX_POT, RATIFY_VOTES, type Role } from '@cyd/model'
import type { Env } from '../env.js'
import { fail } from '../http/errors.js'
import { valid } from '../http/validate.js'
import { ballotsCsv, csvCell } from './budget.js'
import { budgetResultsRows, ratificationRows } from './community-html.js'
import type { RoomRoutesDeps } from './routes.js'
import { ShapeRef } from './schemas.js'

const small = bodyLimit({ maxSize: 64 * 1024, onError: () => fail(413, 'request body too large') })
const doc = (summary: string) => describeRoute({ summary, tags: ['community'], security: [{ session: [] }] })

const only =
	(...roles: Role[]): MiddlewareHandler<Env> =>
	async (c, next) => {
		if (!roles.includes(c.get('me').role)) fail(403, `only ${roles.join(' or ')} may do this`)
		await next()
	}

const SeatRef = v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,32}$/, 'seat: a seat id')))
const Audience = v.optional(v.picklist(AUDIENCES, `audience: one of ${AUDIENCES.join(', ')}`), 'everyone')
const whole = (name: string, min: number, max: number) => v.pipe(v.number(`${name}: a whole number from ${min} to ${max}`), v.integer(`${name}: a whole number from ${min} to ${max}`), v.minValue(min, `${name}: a whole number from ${min} to ${max}`), v.maxValue(max, `${name}: a whole number from ${min} to ${max}`))

export const ExpertsLeave = v.object({ on: v.boolean('on must be true or false') })
export const OpenRatification = v.object({
	threshold: v.object({ yes: whole('threshold.yes', 1, 100), of: whole('threshold.of', 1, 100) }),
	audience: Audience,
})
export const RatifyBallot = v.object({
	votes: v.record(ShapeRef, v.picklist(RATIFY_VOTES, 'each answer: yes, no or abstain')),
	seat: SeatRef,
})
export const BudgetSetup = v.object({
	pot: whole('pot', 1, MAX_POT),
	currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'currency: a three-letter code such as GBP')),
	ballot: v.picklist(BALLOT_KINDS, 'ballot: approval or points'),
	points: v.optional(whole('points', 1, MAX_POINTS)),
	audience: Audience,
})
export const BudgetOptions = v.object({
	options: v.pipe(
		v.array(
			v.object({
				id: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,32}$/, 'id: an option id'))),
				title: v.pipe(v.string(), v.trim(), v.minLength(1, 'title: 1 to 200 characters'), v.maxLength(MAX_OPTION_TITLE, 'title: 1 to 200 characters')),
				cost: whole('cost', 1, MAX_POT),
				item: v.optional(v.nullable(ShapeRef)),
			}),
		),
		v.maxLength(MAX_BUDGET_OPTIONS, `options: at most ${MAX_BUDGET_OPTIONS}`),
	),
})
export const BudgetBallotBody = v.object({
	ballot: v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,32}$/, 'an option id')), whole('each weight', 0, MAX_POINTS)),
	seat: SeatRef,
})
const SeatQuery = v.object({ seat: SeatRef })
const LanguageQuery = v.object({ language: v.optional(v.picklist(LANGUAGES, 'language: en or cy'), 'en') })
const csv = (rows: string[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
const csvHeaders = (name: string) => ({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' })

export function communityRoutes(deps: Pick<RoomRoutesDeps, 'workshops'>) {
	const { workshops } = deps
	const room = (c: Context<Env>) => c.get('room')
	const me = (c: Context<Env>) => c.get('me')
	const facilitator = only('facilitator')
	/** Whose ballot: the caller's, or (from the touch table, a facilitator's screen) a seat's person. */
	const voter = async (c: Context<Env>, seat: string | undefined): Promise<string> => {
		if (seat === undefined) {
			if (!me(c).person) fail(403, 'join the room to vote')
			return me(c).person!
		}
		if (me(c).role !== 'facilitator') fail(403, 'only the touch table (a facilitator) may vote for a seat')
		const found = await workshops.table.seat(room(c), seat)
		if (!found) fail(404, 'no such seat at the table')
		return found.person
	}

	return new Hono<Env>()
		.put('/experts-leave', doc('Experts leave the room in deliberation phases (their board goes blank), or stay and watch'), facilitator, small, valid('json', ExpertsLeave), async (c) => {
			await workshops.community.setExpertsLeave(room(c), c.req.valid('json').on)
			return c.json(await workshops.community.state(room(c)))
		})
		.post('/ratification', doc('Open a ratification of everything agreed, with a threshold of yes among yes and no'), facilitator, small, valid('json', OpenRatification), async (c) => {
			const { threshold, audience } = c.req.valid('json')
			await workshops.ratification.open(room(c), threshold, audience)
			return c.json(await workshops.community.state(room(c)), 201)
		})
		.post('/ratification/close', doc('Close the ratification and publish its tally per item'), facilitator, async (c) => {
			await workshops.ratification.close(room(c))
			return c.json(await workshops.community.state(room(c)))
		})
		.post('/ratification/ballot', doc('Answer yes, no or abstain on every item, once (or, from the touch table, for a seat)'), small, valid('json', RatifyBallot), async (c) => {
			const { votes, seat } = c.req.valid('json')
			return c.json(await workshops.ratification.vote(room(c), await voter(c, seat), votes), 201)
		})
		.get('/ratification/mine', doc('My ballot in the ratification (or a seat’s)'), valid('query', SeatQuery), async (c) =>
			c.json({ ballot: await workshops.ratification.mine(room(c), await voter(c, c.req.valid('query').seat)) }),
		)
		.post('/budget', doc('Set up a budget round: pot, currency, approval or points ballots, who may vote'), facilitator, small, valid('json', BudgetSetup), async (c) => {
			await workshops.budget.create(room(c), c.req.valid('json'))
			return c.json(await workshops.community.state(room(c)), 201)
		})
		.put('/budget/options', doc("Set the draft round's options and their costs (the facilitator or the steward)"), only('facilitator', 'steward'), small, valid('json', BudgetOptions), async (c) => {
			await workshops.budget.setOptions(room(c), c.req.valid('json').options)
			return c.json(await workshops.community.state(room(c)))
		})
		.post('/budget/open', doc('Open the budget round for ballots'), facilitator, async (c) => {
			await workshops.budget.open(room(c))
			return c.json(await workshops.community.state(room(c)))
		})
		.post('/budget/close', doc("Close the budget round and publish both rules' results"), facilitator, async (c) => {
			await workshops.budget.close(room(c))
			return c.json(await workshops.community.state(room(c)))
		})
		.post('/budget/ballot', doc('Cast my one ballot (or, from the touch table, a seat’s)'), small, valid('json', BudgetBallotBody), async (c) => {
			const { ballot, seat } = c.req.valid('json')
			return c.json(await workshops.budget.vote(room(c), await voter(c, seat), ballot), 201)
		})
		.get('/budget/mine', doc('My ballot in the budget round (or a seat’s)'), valid('query', SeatQuery), async (c) =>
			c.json({ ballot: await workshops.budget.mine(room(c), await voter(c, c.req.valid('query').seat)) }),
		)
		.get('/budget/results.csv', doc("The closed round's results as CSV: each option, both rules' verdicts and why"), facilitator, valid('query', LanguageQuery), async (c) => {
			const round = (await workshops.community.state(room(c))).budget
			if (!round?.results) fail(409, 'the results are there once the budget round is closed')
			return c.body(csv(budgetResultsRows(round, c.req.valid('query').language)), 200, csvHeaders('budget-results.csv'))
		})
		.get('/ratification/results.csv', doc("The closed ratification's tally as CSV"), facilitator, valid('query', LanguageQuery), async (c) => {
			const round = (await workshops.community.state(room(c))).ratification
			if (!round?.results) fail(409, 'the tally is there once the ratification is closed')
			return c.body(csv(ratificationRows(round, c.req.valid('query').language)), 200, csvHeaders('ratification.csv'))
		})
		.get('/budget/ballots.csv', doc("The closed round's ballots as CSV, one line each, without names"), facilitator, async (c) => {
			const { round, ballots } = await workshops.budget.ballots(room(c))
			return c.body(ballotsCsv(round, ballots), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="budget-ballots.csv"', 'cache-control': 'no-store' })
		})
}
