/**
 * The workshop HTTP API: joining, the facilitator's controls, votes. Every request names its person with
 * a session token (`Authorization: Bearer`), checked by the server; nothing about roles is taken from
 * the client.
 * @module
 */
import type { Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { CsvTable } from '@cyd/export'
import { DECISION_STATUSES, MAX_SEATS, MIN_SEATS, isLanguage, isAffiliation, isDecisionStatus, isPhaseKind, isRole, isRoomId, ROLES, type AgendaItem, type Role } from '@cyd/model'
import type { RoomStore } from '@cyd/sync'
import type { Env } from '../env.js'
import { isProblem } from './tokens.js'
import { EXPORT_FORMATS, exporters, isExportFormat, renderExport, type Outcomes } from './outcomes.js'
import { newId, WorkshopError, type Identity, type Workshops } from './service.js'

type Status = 400 | 401 | 403 | 404 | 409 | 413
const fail = (c: Context, status: Status, error: string) => c.json({ error }, status)

const MAX_NAME = 60
const SHAPE_ID = /^shape:[A-Za-z0-9_-]{1,64}$/
/** An id as clients publish it in presence (`user:…`): it only names whom to follow, so a short plain string is enough. */
const PRESENCE_USER_ID = /^[A-Za-z0-9:_-]{1,80}$/

export function joinUrl(origin: string, room: string, token: string): string {
	// The token travels in the fragment, which browsers never send to a server or put in a Referer.
	return `${origin}/r/${room}#join=${token}`
}

export function registerWorkshopRoutes(
	app: Hono<Env>,
	deps: { workshops: Workshops; outcomes: Outcomes; rooms: RoomStore; origin: (c: Context<Env>) => string },
): void {
	const { workshops, outcomes, rooms } = deps
	const small = bodyLimit({ maxSize: 16 * 1024, onError: (c) => fail(c, 413, 'request body too large') })

	/** The request's JSON object; an empty body counts as `{}`. Null for anything else. */
	async function jsonBody(c: Context): Promise<Record<string, unknown> | null> {
		try {
			const text = await c.req.text()
			if (text.trim() === '') return {}
			const body: unknown = JSON.parse(text)
			return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null
		} catch {
			return null
		}
	}

	/** The room of the path, if it exists. */
	async function roomOf(c: Context): Promise<string | null> {
		const id = c.req.param('id')
		return id && isRoomId(id) && (await rooms.getRoom(id)) ? id : null
	}

	/** The person behind the request's session token, holding one of `roles`. */
	async function who(c: Context, room: string, roles: readonly Role[]): Promise<Identity | Response> {
		const header = c.req.header('authorization') ?? ''
		const token = header.startsWith('Bearer ') ? header.slice(7) : undefined
		const identity = await workshops.authenticate(room, token)
		if (isProblem(identity)) return fail(c, identity.status, identity.error)
		if (identity.person === null) return fail(c, 401, 'join the room first: this needs a session, not a link')
		if (!roles.includes(identity.role)) return fail(c, 403, `only ${roles.join(' or ')} may do this`)
		return identity
	}

	/** Runs a facilitator's action: 404 for no room, 401/403 for the wrong person, 400 for a bad body. */
	function facilitator(handler: (c: Context, room: string, body: Record<string, unknown>, me: Identity) => Promise<Response>) {
		return async (c: Context) => {
			const room = await roomOf(c)
			if (!room) return fail(c, 404, 'no such room')
			const me = await who(c, room, ['facilitator'])
			if (me instanceof Response) return me
			const body = c.req.method === 'GET' || c.req.method === 'DELETE' ? {} : await jsonBody(c)
			if (!body) return fail(c, 400, 'body must be a JSON object')
			try {
				return await handler(c, room, body, me)
			} catch (error) {
				if (error instanceof WorkshopError) return fail(c, error.status, error.message)
				throw error
			}
		}
	}

	app.get('/api/time', (c) => c.json({ now: Date.now() }))

	app.post('/api/rooms/:id/join', small, async (c) => {
		const room = await roomOf(c)
		if (!room) return fail(c, 404, 'no such room')
		const body = await jsonBody(c)
		if (!body) return fail(c, 400, 'body must be JSON: { "token": string, "name": string, "affiliation"?: "resident" | "organisation" }')
		const name = typeof body.name === 'string' ? body.name.trim() : ''
		if (!name || name.length > MAX_NAME) return fail(c, 400, `name must be 1 to ${MAX_NAME} characters (a pseudonym is fine)`)
		const affiliation = body.affiliation ?? null
		if (affiliation !== null && !isAffiliation(affiliation)) return fail(c, 400, 'affiliation must be "resident", "organisation" or null')
		const seat = body.seat ?? null
		if (seat !== null && (typeof seat !== 'string' || seat.length > MAX_NAME)) return fail(c, 400, 'seat must be a short string or null')
		const link = await workshops.authenticate(room, typeof body.token === 'string' ? body.token : undefined)
		if (isProblem(link)) return fail(c, link.status, link.error)
		if (link.person !== null) return fail(c, 400, 'join with a link token, not a session')
		const { session, person } = await workshops.join(room, link, { name, affiliation, seat })
		return c.json({ session, person: { id: person.id, name: person.name, role: person.role, seat: person.seat } }, 201)
	})

	app.get('/api/rooms/:id/me', async (c) => {
		const room = await roomOf(c)
		if (!room) return fail(c, 404, 'no such room')
		const me = await who(c, room, ROLES)
		if (me instanceof Response) return me
		const person = await workshops.person(room, me.person!)
		return c.json({ id: me.person, role: me.role, name: person?.name ?? '' })
	})

	app.post('/api/rooms/:id/lock', small, facilitator(async (c, room, body) => {
		if (typeof body.locked !== 'boolean') return fail(c, 400, 'locked must be true or false')
		return c.json(await workshops.setLocked(room, body.locked))
	}))

	app.put('/api/rooms/:id/agenda', small, facilitator(async (c, room, body) => {
		const items = body.items
		if (!Array.isArray(items) || items.length > 50) return fail(c, 400, 'items must be a list of at most 50 agenda items')
		const agenda: AgendaItem[] = []
		for (const item of items as unknown[]) {
			const i = item as Record<string, unknown>
			if (typeof i !== 'object' || i === null || typeof i.title !== 'string' || i.title.length > 120 || !isPhaseKind(i.kind)) {
				return fail(c, 400, 'each item needs a title (up to 120 characters) and a kind: discussion, evidence, deliberation or voting')
			}
			const minutes = Number(i.minutes)
			if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 600) return fail(c, 400, 'minutes must be between 0 and 600')
			agenda.push({ id: typeof i.id === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(i.id) ? i.id : newId(6), title: i.title, kind: i.kind, minutes })
		}
		return c.json(await workshops.setAgenda(room, agenda))
	}))

	app.post('/api/rooms/:id/phase', small, facilitator(async (c, room, body) => {
		if (body.id !== null && typeof body.id !== 'string') return fail(c, 400, 'id must be an agenda item id or null')
		return c.json(await workshops.startPhase(room, body.id as string | null))
	}))

	app.post('/api/rooms/:id/timer', small, facilitator(async (c, room, body) => {
		const action = body.action
		if (action !== 'start' && action !== 'pause' && action !== 'resume' && action !== 'stop') {
			return fail(c, 400, 'action must be start, pause, resume or stop')
		}
		const minutes = body.minutes === undefined ? undefined : Number(body.minutes)
		if (minutes !== undefined && (!Number.isFinite(minutes) || minutes <= 0 || minutes > 600)) return fail(c, 400, 'minutes must be between 0 and 600')
		return c.json(await workshops.timer(room, action, minutes))
	}))

	app.post('/api/rooms/:id/summon', small, facilitator(async (c, room, body, me) => {
		const [x, y, z] = [Number(body.x), Number(body.y), Number(body.z)]
		if (![x, y, z].every(Number.isFinite) || z <= 0 || typeof body.pageId !== 'string' || !body.pageId.startsWith('page:')) {
			return fail(c, 400, 'a view needs numbers x, y, z (z > 0) and a pageId')
		}
		return c.json(await workshops.summon(room, me.person!, { x, y, z, pageId: body.pageId }))
	}))

	app.post('/api/rooms/:id/follow', small, facilitator(async (c, room, body, me) => {
		if (typeof body.on !== 'boolean') return fail(c, 400, 'body must be { "on": boolean, "userId"?: string }')
		if (!body.on) return c.json(await workshops.follow(room, me.person!, null))
		if (typeof body.userId !== 'string' || !PRESENCE_USER_ID.test(body.userId)) {
			return fail(c, 400, 'userId must be the id your client shows in presence: 1 to 80 letters, digits, ":", "_" or "-"')
		}
		return c.json(await workshops.follow(room, me.person!, body.userId))
	}))

	app.put('/api/rooms/:id/table', small, facilitator(async (c, room, body, me) => {
		const seats = body.seats
		if (!Array.isArray(seats) || seats.length < MIN_SEATS || seats.length > MAX_SEATS) return fail(c, 400, `seats must be a list of ${MIN_SEATS} to ${MAX_SEATS} seats`)
		const named: { id?: string; name: string }[] = []
		for (const seat of seats as unknown[]) {
			const s = seat as Record<string, unknown>
			const name = typeof s === 'object' && s !== null && typeof s.name === 'string' ? s.name.trim() : ''
			if (!name || name.length > MAX_NAME) return fail(c, 400, `each seat needs a name of 1 to ${MAX_NAME} characters (a pseudonym is fine)`)
			if (s.id !== undefined && (typeof s.id !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(s.id))) return fail(c, 400, 'a seat id must be one the table was given')
			named.push(typeof s.id === 'string' ? { id: s.id, name } : { name })
		}
		if (new Set(named.flatMap((s) => (s.id ? [s.id] : []))).size !== named.filter((s) => s.id).length) return fail(c, 400, 'a seat may appear only once')
		if (body.viewLocked !== undefined && typeof body.viewLocked !== 'boolean') return fail(c, 400, 'viewLocked must be true or false')
		return c.json(await workshops.setTable(room, named, body.viewLocked === true, me))
	}))

	app.post('/api/rooms/:id/table/here', small, facilitator(async (c, room) => {
		await workshops.tableHere(room)
		return c.body(null, 204)
	}))

	app.post('/api/rooms/:id/spotlight', small, facilitator(async (c, room, body, me) => {
		const shapeId = body.shapeId
		if (shapeId !== null && (typeof shapeId !== 'string' || !SHAPE_ID.test(shapeId))) return fail(c, 400, 'shapeId must be a shape id or null')
		return c.json(await workshops.spotlight(room, me.person!, shapeId as string | null))
	}))

	app.post('/api/rooms/:id/rounds', small, facilitator(async (c, room, body) => {
		const votes = Number(body.votesPerPerson)
		if (!Number.isInteger(votes) || votes < 1 || votes > 20) return fail(c, 400, 'votesPerPerson must be a whole number from 1 to 20')
		return c.json(await workshops.openRound(room, votes), 201)
	}))

	app.post('/api/rooms/:id/rounds/close', small, facilitator(async (c, room) => c.json(await workshops.closeRound(room))))

	app.get('/api/rooms/:id/links', facilitator(async (c, room) => {
		const tokens = await workshops.currentLinks(room)
		return c.json(Object.fromEntries(Object.entries(tokens).map(([role, token]) => [role, joinUrl(deps.origin(c), room, token)])))
	}))

	app.post('/api/rooms/:id/links/:role', small, facilitator(async (c, room) => {
		const role = c.req.param('role')
		if (!isRole(role)) return fail(c, 404, 'no such role')
		return c.json({ role, url: joinUrl(deps.origin(c), room, await workshops.reissueLink(room, role)) }, 201)
	}))

	app.delete('/api/rooms/:id/people/:person', facilitator(async (c, room) => {
		const removed = await workshops.removePerson(room, c.req.param('person') ?? '')
		return removed ? c.body(null, 204) : fail(c, 404, 'no such person')
	}))

	// --- agreement, versions, publishing ---

	/** A version id from the query (`version`, `from`, `to`): null for now, 400 for something malformed. */
	const versionParam = (value: string | undefined): string | null => {
		if (value === undefined || value === '' || value === 'current') return null
		if (!/^[A-Za-z0-9_-]{1,32}$/.test(value)) throw new WorkshopError(400, 'version: not a version id')
		return value
	}

	app.get('/api/rooms/:id/design', facilitator(async (c, room) => c.json(await outcomes.design(room, versionParam(c.req.query('version'))))))

	app.post('/api/rooms/:id/decisions', small, async (c) => {
		const room = await roomOf(c)
		if (!room) return fail(c, 404, 'no such room')
		const body = await jsonBody(c)
		if (!body) return fail(c, 400, 'body must be a JSON object')
		const { item, status, note = '' } = body
		if (typeof item !== 'string' || !item) return fail(c, 400, 'item: the id of a card, persona, stakeholder, asset or relationship')
		if (!isDecisionStatus(status)) return fail(c, 400, `status: one of ${DECISION_STATUSES.join(', ')}`)
		if (typeof note !== 'string') return fail(c, 400, 'note: a string')
		// Anyone who takes part may propose an item; only a facilitator decides.
		const me = await who(c, room, status === 'proposed' ? ['facilitator', 'participant', 'expert'] : ['facilitator'])
		if (me instanceof Response) return me
		try {
			return c.json(await outcomes.decide(room, me, item, status, note), 201)
		} catch (error) {
			if (error instanceof WorkshopError) return fail(c, error.status, error.message)
			throw error
		}
	})

	app.post('/api/rooms/:id/versions', small, facilitator(async (c, room, body, me) => {
		if (typeof body.name !== 'string') return fail(c, 400, 'name: a string')
		return c.json(await outcomes.saveVersion(room, me, body.name), 201)
	}))
	app.get('/api/rooms/:id/versions/:version/canvas', async (c) => {
		const room = await roomOf(c)
		if (!room) return fail(c, 404, 'no such room')
		const me = await who(c, room, ['facilitator', 'participant', 'expert', 'observer'])
		if (me instanceof Response) return me
		try {
			return c.json(await outcomes.versionCanvas(room, versionParam(c.req.param('version')) ?? ''))
		} catch (error) {
			if (error instanceof WorkshopError) return fail(c, error.status, error.message)
			throw error
		}
	})
	app.post('/api/rooms/:id/versions/:version/restore', small, facilitator(async (c, room) => {
		const version = versionParam(c.req.param('version'))
		if (!version) return fail(c, 400, 'version: which version to restore')
		await outcomes.restore(room, version)
		return c.json({ restored: version })
	}))
	app.get('/api/rooms/:id/compare', facilitator(async (c, room) => c.json(await outcomes.compare(room, versionParam(c.req.query('from')), versionParam(c.req.query('to'))))))
	app.get('/api/rooms/:id/export', facilitator(async (c, room) => {
		const format = c.req.query('format') ?? 'json'
		if (!isExportFormat(format)) return fail(c, 400, `format: one of ${EXPORT_FORMATS.join(', ')}`)
		const table = c.req.query('table')
		const { CSV_TABLES } = await exporters()
		if (table !== undefined && (format !== 'csv' || !(CSV_TABLES as readonly string[]).includes(table))) {
			return fail(c, 400, `table: only with format=csv, one of ${CSV_TABLES.join(', ')}`)
		}
		const agreed = c.req.query('agreed') ?? 'all'
		if (agreed !== 'only' && agreed !== 'all') return fail(c, 400, 'agreed: only or all')
		const stored = await rooms.getRoom(room)
		const language = c.req.query('language') ?? stored?.language ?? 'en'
		if (!isLanguage(language)) return fail(c, 400, 'language: en or cy')
		const version = versionParam(c.req.query('version'))
		const design = await outcomes.design(room, version)
		const file = await renderExport(design, format, { language, agreedOnly: agreed === 'only' }, table as CsvTable | undefined)
		const name = [`cyd-${room}`, version, agreed === 'only' ? 'agreed' : null, table].filter(Boolean).join('-')
		return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
			'content-type': file.type,
			'content-disposition': `attachment; filename="${name}.${file.extension}"`,
			'cache-control': 'no-store',
		})
	}))

	// The public page: what was agreed and its decision log, for anyone with the link, until withdrawn.
	app.get('/p/:id/:secret', async (c) => {
		const room = await roomOf(c)
		const secret = c.req.param('secret')
		if (!room || !/^[A-Za-z0-9_-]{1,64}$/.test(secret) || !(await outcomes.isPublished(room, secret))) {
			return c.html('<!doctype html><html lang="en"><meta charset="utf-8"><title>Not published</title><h1>This page is not published</h1><p>The link is wrong, or the page was withdrawn.</p></html>', 404)
		}
		const stored = await rooms.getRoom(room)
		const language = stored && isLanguage(stored.language) ? stored.language : 'en'
		c.header('cache-control', 'no-store')
		c.header('referrer-policy', 'no-referrer')
		const { designHtml } = await exporters()
		return c.html(designHtml(await outcomes.design(room), { language, agreedOnly: true, withoutContributors: true }))
	})

	app.post('/api/rooms/:id/publish', small, facilitator(async (c, room) => {
		const secret = await outcomes.publish(room)
		return c.json({ url: `${deps.origin(c)}/p/${room}/${secret}` }, 201)
	}))
	app.delete('/api/rooms/:id/publish', facilitator(async (c, room) => {
		await outcomes.withdraw(room)
		return c.json({ withdrawn: true })
	}))
	app.get('/api/rooms/:id/balance', facilitator(async (c, room) => c.json(await workshops.balance(room))))

	app.post('/api/rooms/:id/votes', small, async (c) => {
		const room = await roomOf(c)
		if (!room) return fail(c, 404, 'no such room')
		const me = await who(c, room, ['facilitator', 'participant', 'expert'])
		if (me instanceof Response) return me
		const body = await jsonBody(c)
		if (!body || typeof body.shapeId !== 'string' || !SHAPE_ID.test(body.shapeId) || (body.delta !== 1 && body.delta !== -1)) {
			return fail(c, 400, 'body must be { "shapeId": "shape:…", "delta": 1 | -1 }')
		}
		try {
			return c.json(await workshops.vote(room, me.person!, body.shapeId, body.delta))
		} catch (error) {
			if (error instanceof WorkshopError) return fail(c, error.status, error.message)
			throw error
		}
	})

	app.get('/api/rooms/:id/votes/mine', async (c) => {
		const room = await roomOf(c)
		if (!room) return fail(c, 404, 'no such room')
		const me = await who(c, room, ROLES)
		if (me instanceof Response) return me
		return c.json(await workshops.ballot(room, me.person!))
	})
}
