/**
 * The public page of a room's agreed design: `/p/<room>/<secret>`, for anyone with the link until the
 * facilitator withdraws it; it needs no session, so it keeps working after the workshop's links expire.
 * What was agreed (the notes and pictures of the board among it) and what is being done about it ("you
 * said, we did": actions and their updates, newest first), what was parked or not taken forward with the
 * reasons, and the decision log; nobody is named (who decided or posted is said by role), and the page
 * says what the workshop was about, when, how many took part, how many were residents and the hours they
 * gave together (counted, never named). Its images are shown from this server's uploads.
 *
 * Beside it: `feed.atom`, the Atom feed of the updates, and `replies`, where a visitor leaves a short
 * plain-text reply (rate-limited per address) that waits for the facilitator or the steward to approve it.
 * @module
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { RateLimiterAbstract } from 'rate-limiter-flexible'
import { isLanguage, isRoomId, MAX_REPLY, type CommunityState, type EvaluationTotals, type Language } from '@cyd/model'
import type { MapStreets } from '@cyd/export'
import type { RoomStore } from '@cyd/sync'
import type { Env } from '../env.js'
import { consumed } from '../http/rate.js'
import { communityHtml, withCommunity } from './community-html.js'
import { exporters, type Outcomes } from './outcomes.js'
import { WorkshopError } from './records.js'

const NOT_PUBLISHED =
	'<!doctype html><html lang="en"><meta charset="utf-8"><title>Not published</title><h1>This page is not published</h1><p>The link is wrong, or the page was withdrawn.</p></html>'

export interface PublicDeps {
	outcomes: Outcomes
	rooms: RoomStore
	/** Replies one address may leave (shared by every process through Redis when configured). */
	replyLimit: RateLimiterAbstract
	/** The client's address, behind the trusted proxies. */
	addressOf: (c: Context<Env>) => string
	/** The origin links are made with. */
	origin: (c: Context<Env>) => string
	/** The community's decisions (ratification, budget), shown when their rounds have closed. */
	community?: (room: string) => Promise<CommunityState>
	/** The evaluation's totals (evaluation.ts), shown when the facilitator chose to. */
	evaluation?: (room: string) => Promise<EvaluationTotals>
	/** The streets of the server's map tiles over an area, for the picture of the map (none without tiles). */
	streets?: (bounds: [number, number, number, number]) => Promise<MapStreets | null>
}

/** The room and its language when `secret` opens its public page now, else null. */
async function published(deps: PublicDeps, c: Context<Env>): Promise<{ room: string; language: Language; createdAt: string } | null> {
	const room = c.req.param('id') ?? ''
	const secret = c.req.param('secret') ?? ''
	const stored = isRoomId(room) ? await deps.rooms.getRoom(room) : null
	if (!stored || !/^[A-Za-z0-9_-]{1,64}$/.test(secret) || !(await deps.outcomes.isPublished(room, secret))) return null
	return { room, language: isLanguage(stored.language) ? stored.language : 'en', createdAt: stored.createdAt }
}

/** Why a reply was refused, in the page's words. */
type Refusal = 'empty' | 'tooLong' | 'notPlain' | 'tooMany'

export function publicRoutes(deps: PublicDeps) {
	const base = (c: Context<Env>) => `/p/${c.req.param('id')}/${c.req.param('secret')}`
	const page = async (c: Context<Env>, said: { sent: true } | { sent: false; reason: Refusal } | null, status: 200 | 400 | 409 | 429 = 200) => {
		const found = await published(deps, c)
		if (!found) return c.html(NOT_PUBLISHED, 404)
		c.header('cache-control', 'no-store')
		c.header('referrer-policy', 'no-referrer')
		const { designHtml, messagesOf, pictureBounds } = await exporters()
		const words = messagesOf(found.language)
		const design = await deps.outcomes.design(found.room)
		const feedback = {
			replies: await deps.outcomes.commitments.approvedReplies(found.room),
			replyUrl: `${base(c)}/replies`,
			feedUrl: `${base(c)}/feed.atom`,
			maxReply: MAX_REPLY,
			said: said === null ? null : said.sent ? ({ sent: true } as const) : { sent: false as const, reason: words[`replies.${said.reason}`].replace('{max}', String(MAX_REPLY)) },
		}
		const timeZone = await deps.outcomes.timeZone(found.room)
		// The evaluation's totals show only when the facilitator chose to, without what people would change (the report sees to both).
		const evaluation = deps.evaluation ? await deps.evaluation(found.room) : undefined
		// The picture of the map over the streets of the server's tiles (an area taken from every pin: what was agreed lies within it).
		const pins = design.map?.pins ?? []
		const streets = pins.length > 0 && deps.streets ? await deps.streets(pictureBounds(pins)).catch(() => null) : null
		const html = designHtml(design, { language: found.language, timeZone, agreedOnly: true, publicPage: true, roomCreatedAt: found.createdAt, linkImages: true, feedback, evaluation, streets })
		const community = deps.community ? communityHtml(await deps.community(found.room), found.language) : ''
		return c.html(withCommunity(html, community), status)
	}

	return (
		new Hono<Env>()
			.get('/', (c) => page(c, c.req.query('reply') === 'sent' ? { sent: true } : null))
			.get('/feed.atom', async (c) => {
				const found = await published(deps, c)
				if (!found) return c.text('not published', 404)
				const { designAtom } = await exporters()
				const origin = deps.origin(c)
				const host = new URL(origin).hostname
				const design = await deps.outcomes.design(found.room)
				const xml = designAtom(design, {
					language: found.language,
					pageUrl: `${origin}${base(c)}`,
					feedUrl: `${origin}${base(c)}/feed.atom`,
					// A tag URI (RFC 4151) by the server's name and the day the room was made: the feed's lasting id.
					id: `tag:${host},${found.createdAt.slice(0, 10)}:cyd/${found.room}`,
				})
				c.header('cache-control', 'no-store')
				c.header('referrer-policy', 'no-referrer')
				return c.body(xml, 200, { 'content-type': 'application/atom+xml; charset=utf-8' })
			})
			/**
			 * A visitor's reply, from the page's form (answered by going back to the page, which says what
			 * became of it) or as JSON `{ text }` (answered in the API's error shape when refused).
			 */
			.post('/replies', bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('request body too large', 413) }), async (c) => {
				const found = await published(deps, c)
				if (!found) return c.html(NOT_PUBLISHED, 404)
				const json = (c.req.header('content-type') ?? '').startsWith('application/json')
				const body: unknown = json ? await c.req.json().catch(() => null) : await c.req.parseBody().catch(() => null)
				const text = typeof body === 'object' && body !== null && typeof (body as { text?: unknown }).text === 'string' ? (body as { text: string }).text : null
				const refuse = (status: 400 | 409 | 429, reason: Refusal, error: string) => (json ? c.json({ error }, status) : page(c, { sent: false, reason }, status))
				if (text === null || text.trim() === '') return refuse(400, 'empty', 'text: write a reply first')
				if (text.trim().length > MAX_REPLY) return refuse(400, 'tooLong', `text: at most ${MAX_REPLY} characters`)
				if (!(await consumed(deps.replyLimit, deps.addressOf(c)))) return refuse(429, 'tooMany', 'too many replies from this address; try again later')
				try {
					const { id } = await deps.outcomes.commitments.reply(found.room, text)
					return json ? c.json({ id, status: 'waiting' as const }, 201) : c.redirect(`${base(c)}?reply=sent#reply-form`, 303)
				} catch (error) {
					if (error instanceof WorkshopError && (error.status === 400 || error.status === 409)) return refuse(error.status, error.status === 400 ? 'notPlain' : 'tooMany', error.message)
					throw error
				}
			})
	)
}
