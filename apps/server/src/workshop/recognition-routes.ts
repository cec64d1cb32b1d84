/**
 * The routes of recognition and personal data. In a room (mounted inside the room's sub-app, after its
 * session middleware): "My contribution" and its signed receipt (the person's own, or a seat's from the
 * facilitator's table), the room's credit rate, adding the room to a participation code, the seats'
 * phone keys, access needs, equalities monitoring, the retention period, one person's data and erasing
 * it. Outside rooms (`siteRoutes`): checking a receipt, and making, reading and deleting participation
 * codes. The pages `/verify/<code>` and `/privacy` are in `pages.ts`.
 * @module
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { describeRoute } from 'hono-openapi'
import * as v from 'valibot'
import { isLanguage, LANGUAGES, MAX_CREDIT_RATE, MAX_RETENTION_DAYS, MONITORING_QUESTIONS, type MonitoringAnswers, type MonitoringQuestion, type Role } from '@cyd/model'
import type { Env } from '../env.js'
import { fail } from '../http/errors.js'
import { valid } from '../http/validate.js'
import type { Recognition } from './recognition.js'
import type { RoomRoutesDeps } from './routes.js'

const small = bodyLimit({ maxSize: 16 * 1024, onError: () => fail(413, 'request body too large') })
const doc = (summary: string, tags = ['recognition']) => describeRoute({ summary, tags, security: [{ session: [] }] })
const open = (summary: string) => describeRoute({ summary, tags: ['recognition'] })

const only =
	(...roles: Role[]): MiddlewareHandler<Env> =>
	async (c, next) => {
		if (!roles.includes(c.get('me').role)) fail(403, `only ${roles.join(' or ')} may do this`)
		await next()
	}

const SeatQuery = v.object({ seat: v.optional(v.pipe(v.string('seat must be the id of a seat at the table'), v.regex(/^[A-Za-z0-9_-]{1,32}$/, 'seat must be the id of a seat at the table'))) })
const ReceiptQuery = v.object({
	...SeatQuery.entries,
	format: v.optional(v.picklist(['json', 'html', 'pdf'], 'format: one of json, html, pdf'), 'json'),
	language: v.optional(v.picklist(LANGUAGES, 'language: en or cy')),
})
const SeatsReceiptQuery = v.object({ language: v.optional(v.picklist(LANGUAGES, 'language: en or cy')) })
const Rate = v.object({
	creditsPerHour: v.pipe(v.number('creditsPerHour must be a number'), v.minValue(0, `creditsPerHour must be between 0 and ${MAX_CREDIT_RATE}`), v.maxValue(MAX_CREDIT_RATE, `creditsPerHour must be between 0 and ${MAX_CREDIT_RATE}`)),
})
const CodeBody = v.object({ code: v.pipe(v.string('code: a participation code'), v.maxLength(20, 'code: a participation code is ten letters and digits')) })
const Retention = v.object({
	retentionDays: v.pipe(v.number('retentionDays must be a whole number of days'), v.integer('retentionDays must be a whole number of days'), v.minValue(1, `retentionDays must be 1 to ${MAX_RETENTION_DAYS}`), v.maxValue(MAX_RETENTION_DAYS, `retentionDays must be 1 to ${MAX_RETENTION_DAYS}`)),
})
const Monitoring = v.object({
	...SeatQuery.entries,
	answers: v.strictObject(
		Object.fromEntries(
			(Object.entries(MONITORING_QUESTIONS) as [MonitoringQuestion, readonly string[]][]).map(([q, options]) => [q, v.optional(v.picklist(options as [string, ...string[]], `${q}: one of ${options.join(', ')}`))]),
		) as Record<MonitoringQuestion, v.OptionalSchema<v.PicklistSchema<[string, ...string[]], string>, undefined>>,
		'answers: only the monitoring questions',
	),
})
const PersonParam = v.object({ person: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,32}$/, 'person: not a person id')) })

/** The routes of one room (inside its session middleware). */
export function recognitionRoutes(deps: Pick<RoomRoutesDeps, 'workshops' | 'rooms' | 'origin'>) {
	const { workshops, rooms } = deps
	const { recognition, privacy } = workshops
	const room = (c: Context<Env>) => c.get('room')
	const me = (c: Context<Env>) => c.get('me')
	const facilitator = only('facilitator')
	/** Whose contribution: the caller's, or from the touch table (a facilitator) a seat's person. */
	const whose = async (c: Context<Env>, seat: string | undefined): Promise<string> => {
		if (seat === undefined) {
			if (!me(c).person) fail(401, 'join the room first')
			return me(c).person!
		}
		if (me(c).role !== 'facilitator') fail(403, "only the touch table (a facilitator) may ask for a seat's contribution")
		const found = await workshops.table.seat(room(c), seat)
		if (!found) fail(404, 'no such seat at the table')
		return found.person
	}
	const languageOf = async (c: Context<Env>, asked: string | undefined): Promise<'en' | 'cy'> => {
		if (asked === 'en' || asked === 'cy') return asked
		const stored = await rooms.getRoom(room(c))
		return stored && isLanguage(stored.language) ? stored.language : 'en'
	}

	return (
		new Hono<Env>()
			.get('/contribution', doc("My contribution: time present, what I made, votes cast and time credits (or, from the touch table, a seat's)"), valid('query', SeatQuery), async (c) =>
				c.json(await recognition.contribution(room(c), await whose(c, c.req.valid('query').seat), rooms)),
			)
			.get('/contribution/receipt', doc('A receipt of my contribution signed by the server, as JSON, printable HTML or PDF, in English or Welsh'), valid('query', ReceiptQuery), async (c) => {
				const query = c.req.valid('query')
				const mine = await recognition.contribution(room(c), await whose(c, query.seat), rooms)
				const receipt = recognition.receipt(mine)
				const verifyUrl = `${deps.origin(c)}/verify/${receipt.code}`
				if (query.format === 'json') return c.json({ ...receipt, verifyUrl })
				const language = await languageOf(c, query.language)
				const { receiptHtml, receiptPdf, exportFileName, contentDisposition } = await import('@cyd/export')
				if (query.format === 'html') return c.html(receiptHtml([{ ...receipt, verifyUrl }], language), 200, { 'cache-control': 'no-store' })
				const name = exportFileName({ title: `${mine.workshop} ${language === 'cy' ? 'derbynneb' : 'receipt'}`, at: receipt.claims.issuedAt, version: null, agreedOnly: false, extension: 'pdf' })
				return c.body((await receiptPdf({ ...receipt, verifyUrl }, language)) as Uint8Array<ArrayBuffer>, 200, {
					'content-type': 'application/pdf',
					'content-disposition': contentDisposition(name),
					'cache-control': 'no-store',
				})
			})
			.get('/contribution/seats', doc("Receipts for every seat of the touch table, one printable page (the facilitator's)"), facilitator, valid('query', SeatsReceiptQuery), async (c) => {
				const seats = (await workshops.facilitation.state(room(c))).table?.seats ?? []
				if (seats.length === 0) fail(404, 'the touch table has no seats')
				const { receiptHtml } = await import('@cyd/export')
				const receipts = []
				for (const seat of seats) {
					const receipt = recognition.receipt(await recognition.contribution(room(c), seat.person, rooms))
					receipts.push({ ...receipt, verifyUrl: `${deps.origin(c)}/verify/${receipt.code}` })
				}
				return c.html(receiptHtml(receipts, await languageOf(c, c.req.valid('query').language)), 200, { 'cache-control': 'no-store' })
			})
			.get('/contribution/rate', doc("The room's time credits per hour"), async (c) => c.json({ creditsPerHour: await recognition.rate(room(c)) }))
			.put('/contribution/rate', doc("Set the room's time credits per hour (the facilitator's)"), facilitator, small, valid('json', Rate), async (c) =>
				c.json({ creditsPerHour: await recognition.setRate(room(c), c.req.valid('json').creditsPerHour) }),
			)
			.post('/participation', doc('Add (or bring up to date) my hours in this room under my participation code; answers its total'), small, valid('json', CodeBody), async (c) => {
				if (!me(c).person) fail(401, 'join the room first')
				return c.json(await recognition.add(c.req.valid('json').code, room(c), me(c).person!, rooms))
			})
			// --- the table's seats' phones ---
			.get('/table/phones', doc("Each seat's key for its phone QR code: a phone joining with it is that seat's person (the facilitator's)"), facilitator, async (c) => {
				const seats = (await workshops.facilitation.state(room(c))).table?.seats ?? []
				return c.json(Object.fromEntries(seats.map((s) => [s.id, workshops.links.seatKey(room(c), s)])) as Record<string, string>)
			})
			// --- equal standing ---
			.get('/people/needs', doc('What would help each person take part, as they said when joining (the facilitator only)', ['privacy']), facilitator, async (c) => c.json(await privacy.needs(room(c))))
			.get('/monitoring/mine', doc('Whether I (or, from the table, a seat) have answered the equalities monitoring', ['privacy']), valid('query', SeatQuery), async (c) =>
				c.json({ answered: await privacy.monitored(room(c), await whose(c, c.req.valid('query').seat)) }),
			)
			.post('/monitoring', doc('Answer the equalities monitoring, optional and anonymous, once (or, from the table, for a seat)', ['privacy']), only('facilitator', 'participant', 'expert', 'observer'), small, valid('json', Monitoring), async (c) => {
				const { seat, answers } = c.req.valid('json')
				if (seat === undefined && me(c).role === 'facilitator') fail(403, 'the facilitator does not answer the monitoring (the touch table answers for its seats)')
				await privacy.monitor(room(c), await whose(c, seat), Object.fromEntries(Object.entries(answers).filter(([, a]) => a !== undefined)) as MonitoringAnswers)
				return c.body(null, 204)
			})
			.get('/monitoring', doc('The equalities monitoring as totals, every count under five suppressed (the facilitator only)', ['privacy']), facilitator, async (c) => c.json(await privacy.monitoring(room(c))))
			// --- personal data ---
			.get('/privacy', doc("The room's retention period and when its personal data is erased", ['privacy']), async (c) => c.json(await privacy.settings(room(c))))
			.put('/privacy', doc("Set how many days the room keeps personal data (the facilitator's)", ['privacy']), facilitator, small, valid('json', Retention), async (c) =>
				c.json(await privacy.setRetention(room(c), c.req.valid('json').retentionDays)),
			)
			.get('/me/data', doc('Everything this room keeps of me, as JSON', ['privacy']), async (c) => {
				if (!me(c).person) fail(401, 'join the room first')
				return c.json(await privacy.exportPerson(room(c), me(c).person!), 200, { 'content-disposition': 'attachment; filename="my-data.json"' })
			})
			.delete('/me/data', doc('Erase me: my name, answers and sessions (what I made stays, anonymous)', ['privacy']), async (c) => {
				if (!me(c).person) fail(401, 'join the room first')
				if (me(c).role === 'facilitator') fail(403, 'a facilitator cannot erase themselves while running the room')
				await privacy.erasePerson(room(c), me(c).person!)
				return c.body(null, 204)
			})
			.get('/people/:person/data', doc("One person's data as JSON: a subject access request (the facilitator's)", ['privacy']), facilitator, valid('param', PersonParam), async (c) =>
				c.json(await privacy.exportPerson(room(c), c.req.valid('param').person)),
			)
			.delete('/people/:person/data', doc("Erase one person: their name, answers and sessions; their contributions stay, anonymous (the facilitator's)", ['privacy']), facilitator, valid('param', PersonParam), async (c) => {
				await privacy.erasePerson(room(c), c.req.valid('param').person)
				return c.body(null, 204)
			})
	)
}

/**
 * The site's routes outside rooms, mounted at `/api`: receipts and participation codes. Making a code is
 * limited per address (`limit`, the joins' rate), so nobody fills the site's store with codes.
 */
export function siteRoutes(recognition: Recognition, limit: MiddlewareHandler<Env>) {
	return new Hono<Env>()
		.get('/receipts/verify', open('Whether a receipt code was signed by this server, and what it certifies'), valid('query', v.object({ code: v.pipe(v.string('code: a receipt code'), v.maxLength(4000, 'code: too long for a receipt')) })), (c) =>
			c.json(recognition.verify(c.req.valid('query').code)),
		)
		.post('/participation', open('A new participation code (opt-in; no name is kept with it)'), limit, async (c) => c.json({ code: await recognition.newCode() }, 201))
		.get('/participation/:code', open('What a participation code adds up to: workshops, hours, credits'), async (c) => c.json(await recognition.total(c.req.param('code'))))
		.delete('/participation/:code', open('Delete a participation code and all it added up'), async (c) => {
			await recognition.deleteCode(c.req.param('code'))
			return c.body(null, 204)
		})
}

