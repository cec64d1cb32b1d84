/**
 * The workshop API of one room, a sub-app mounted at `/api/rooms/:id`: joining, the facilitator's
 * controls, votes, agreement, commitments (outcomes, actions, updates, replies), versions, exports and
 * publishing. The room must exist and, past the few
 * routes for joining, every request carries a session checked by middleware: nothing about roles is
 * taken from the client, and a route added later cannot forget it.
 * @module
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { describeRoute } from 'hono-openapi'
import * as v from 'valibot'
import type { CsvTable, MapStreets } from '@cyd/export'
import { canWriteCanvas, EVALUATION_STATEMENTS, isLanguage, LANGUAGES, MAX_VERSION_NAME, newRoomId, proposalRefusal, ROLES, type AgendaItem, type EvaluationTrendPoint, type RoomInfo, type Role } from '@cyd/model'
import type { RoomStore } from '@cyd/sync'
import type { AssetStore } from '../assets.js'
import { sniffImage } from '../assets.js'
import type { Env } from '../env.js'
import { fail } from '../http/errors.js'
import { requireSession, roomExists } from '../http/session.js'
import { valid } from '../http/validate.js'
import { isProblem } from './tokens.js'
import { commitmentRoutes } from './commitment-routes.js'
import { galleryRoutes } from './gallery.js'
import { communityRoutes } from './community-routes.js'
import { recognitionRoutes, siteRoutes } from './recognition-routes.js'
import { EXPORT_FORMATS, exporters, imagesOf, renderExport, type Outcomes } from './outcomes.js'
import { newId } from './records.js'
import { MapBody, setMap } from './map.js'
import * as S from './schemas.js'
import { consumed } from '../http/rate.js'
import type { RateLimiterAbstract } from 'rate-limiter-flexible'
import type { Workshops } from './workshops.js'

export function joinUrl(origin: string, room: string, token: string): string {
	// The token travels in the fragment, which browsers never send to a server or put in a Referer.
	return `${origin}/r/${room}#join=${token}`
}

export interface RoomRoutesDeps {
	workshops: Workshops
	outcomes: Outcomes
	rooms: RoomStore
	assets: AssetStore
	/** The origin that links are made with. */
	origin: (c: Context<Env>) => string
	maxUploadBytes: number
	/** Most bytes one room's uploads may take. */
	uploadQuotaBytes: number
	/** Limits joining (per address), to keep join spam from filling a room. */
	joinLimit: MiddlewareHandler<Env>
	/** Limits proposals by people other than facilitators (per person). */
	proposalLimit: RateLimiterAbstract
	/** Guards making rooms: the instance key when one is set, and a rate per address. */
	createLimit: MiddlewareHandler<Env>[]
	tldrawLicenseKey: string | null
	log: (data: object, message: string) => void
	/** The streets of the server's map tiles over an area, for the reports' map picture (none without tiles). */
	streets?: (bounds: [number, number, number, number]) => Promise<MapStreets | null>
}

/**
 * The HTTP API, mounted at `/api`: making rooms, the server's clock and client configuration, and each
 * room's sub-app. The web app's typed client is made from this app's type (`ApiRoutes`).
 */
export function apiRoutes(deps: RoomRoutesDeps) {
	const [keyCheck, rate] = deps.createLimit as [MiddlewareHandler<Env>, MiddlewareHandler<Env>]
	return new Hono<Env>()
		.post(
			'/rooms',
			describeRoute({ summary: "Make a room; answers one join link per role (the facilitator's is `url`)", tags: ['rooms'] }),
			keyCheck,
			rate,
			small,
			valid('json', S.CreateRoom),
			async (c) => {
				const { title, language } = c.req.valid('json')
				const room: RoomInfo = { id: newRoomId(), title, language, createdAt: new Date().toISOString() }
				await deps.rooms.createRoom(room)
				const tokens = await deps.workshops.links.create(room.id)
				const links = Object.fromEntries(Object.entries(tokens).map(([role, token]) => [role, joinUrl(deps.origin(c), room.id, token)])) as Record<Role, string>
				deps.log({ room: room.id }, 'room created')
				// `url` is the facilitator's link: whoever creates a room runs it.
				return c.json({ ...room, url: links.facilitator, links }, 201)
			},
		)
		.get('/time', describeRoute({ summary: "The server's clock, in milliseconds since the epoch", tags: ['rooms'] }), (c) => c.json({ now: Date.now() }))
		.get('/config', describeRoute({ summary: 'What the web app needs to know of this deployment', tags: ['rooms'] }), (c) => c.json({ tldrawLicenseKey: deps.tldrawLicenseKey }))
		.route('/rooms/:id', roomRoutes(deps))
		// Checking receipts and participation codes, outside any room (recognition-routes.ts).
		.route('/', siteRoutes(deps.workshops.recognition, deps.joinLimit))
		// The gallery of shared designs, for anyone (gallery.ts).
		.route('/', galleryRoutes(deps.workshops.gallery))
}

export type ApiRoutes = ReturnType<typeof apiRoutes>

/** Most bytes of a design file imported into a room. */
const MAX_DESIGN_BYTES = 4 * 1024 * 1024

const small = bodyLimit({ maxSize: 16 * 1024, onError: () => fail(413, 'request body too large') })

const ExportQuery = v.object({
	format: v.optional(v.picklist(EXPORT_FORMATS, `format: one of ${EXPORT_FORMATS.join(', ')}`), 'json'),
	table: v.optional(v.string()),
	agreed: v.optional(v.picklist(['only', 'all'], 'agreed: only or all'), 'all'),
	language: v.optional(v.picklist(LANGUAGES, 'language: en or cy')),
	version: S.VersionRef,
})

const versionOf = (value: string | undefined): string | null => (value === undefined || value === '' || value === 'current' ? null : value)

const doc = (summary: string, tags = ['workshop']) => describeRoute({ summary, tags, security: [{ session: [] }] })
const open = (summary: string) => describeRoute({ summary, tags: ['joining'] })

/** The sub-app of one room's API. */
export function roomRoutes(deps: RoomRoutesDeps) {
	const { workshops, outcomes, rooms } = deps
	const { links } = workshops
	/** Only these roles, on top of the session every route past joining requires. */
	const only =
		(...roles: Role[]): MiddlewareHandler<Env> =>
		async (c, next) => {
			if (!roles.includes(c.get('me').role)) fail(403, `only ${roles.join(' or ')} may do this`)
			await next()
		}
	const facilitator = only('facilitator')
	const me = (c: Context<Env>) => c.get('me')
	const person = (c: Context<Env>) => c.get('me').person!
	/**
	 * Whose votes a request is about: the caller's, or those of a seat's person at the touch table. The
	 * table is a facilitator's screen, so only a facilitator speaks for a seat, and only of this room.
	 */
	const voter = async (c: Context<Env>, seat: string | undefined): Promise<string> => {
		if (seat === undefined) return person(c)
		if (me(c).role !== 'facilitator') fail(403, 'only the touch table (a facilitator) may vote for a seat')
		const found = await workshops.table.seat(c.get('room'), seat)
		if (!found) fail(404, 'no such seat at the table')
		return found.person
	}

	return (
		new Hono<Env>()
			.use('*', roomExists(rooms))
			// --- joining: the only routes without a session ---
			.get('/', open('The room: title and language'), async (c) => c.json((await rooms.getRoom(c.get('room')))!))
			.post('/join', open('Join with a link token; answers a session, or a request awaiting approval'), deps.joinLimit, small, valid('json', S.Join), async (c) => {
				const room = c.get('room')
				const body = c.req.valid('json')
				const link = await links.authenticate(room, body.token)
				if (isProblem(link)) fail(link.status, link.error)
				if (link.person !== null) fail(400, 'join with a link token, not a session')
				// A phone from a seat's QR code is that seat's person (recognition-routes.ts makes the keys).
				let seatPerson: string | null = null
				if (body.seatKey) {
					if (link.role !== 'participant') fail(400, "seatKey: a seat's QR code joins through the participant link")
					const seat = links.seatOfKey(room, body.seatKey, (await workshops.facilitation.state(room)).table?.seats ?? [])
					if (!seat) fail(403, "seatKey: this seat's code is not one the table shows now; scan the code at your seat again")
					seatPerson = seat.person
				}
				const joined = await links.join(room, link, { name: body.name, affiliation: body.affiliation, seat: body.seat, device: body.device, seatPerson })
				if (joined.status === 'waiting') return c.json({ status: 'waiting' as const, request: joined.request }, 202)
				const p = joined.person
				await workshops.privacy.register(room, Date.now())
				if (body.needs.length > 0 || body.needsOther.trim()) await workshops.privacy.setNeeds(room, p.id, body.needs, body.needsOther)
				return c.json({ status: 'joined' as const, session: joined.session, person: { id: p.id, name: p.name, role: p.role, seat: p.seat } }, 201)
			})
			.get('/join/:request', open('What became of a request to join'), valid('query', S.RequestQuery), async (c) => {
				const room = c.get('room')
				const link = await links.authenticate(room, c.req.valid('query').token)
				if (isProblem(link)) fail(link.status, link.error)
				const result = await links.request(room, link, c.req.param('request'))
				if (result.status !== 'joined') return c.json(result)
				const p = result.person
				return c.json({ status: 'joined' as const, session: result.session, person: { id: p.id, name: p.name, role: p.role, seat: p.seat } })
			})
			// The facilitator renews the room's links, even with their own expired (never with a revoked one).
			.post('/links/renew', doc("Renew every role's link: extend them, or re-issue them (the old ones stop; people keep who they are)"), requireSession(links, ['facilitator'], { expired: 'allow' }), small, valid('json', S.RenewLinks), async (c) => {
				const room = c.get('room')
				const renewed = await links.renew(room, c.req.valid('json').mode)
				const out = Object.fromEntries(Object.entries(renewed).map(([role, link]) => [role, { url: joinUrl(deps.origin(c), room, link.token), expiresAt: link.expiresAt }]))
				return c.json(out as Partial<Record<Role, { url: string; expiresAt: number }>>, 201)
			})
			// --- from here on, every route needs a session ---
			.use('*', requireSession(links, ROLES))
			.get('/me', doc('Who the session names'), async (c) => {
				const found = await links.person(c.get('room'), person(c))
				return c.json({ id: person(c), role: me(c).role, name: found?.name ?? '' })
			})
			.post(
				'/assets',
				doc('Upload an image (PNG, JPEG, GIF, WebP) for the board'),
				bodyLimit({ maxSize: deps.maxUploadBytes, onError: () => fail(413, `images may be at most ${deps.maxUploadBytes} bytes`) }),
				async (c) => {
					const room = c.get('room')
					if (!canWriteCanvas(me(c).role, await workshops.facilitation.state(room))) fail(403, 'you may not add to the board now')
					const bytes = new Uint8Array(await c.req.arrayBuffer())
					const image = sniffImage(bytes)
					if (!image) fail(415, 'only PNG, JPEG, GIF and WebP images are accepted')
					const name = await deps.assets.put(room, bytes, image.ext, deps.uploadQuotaBytes)
					if (!name) fail(413, `this room's images already take the most allowed (${Math.round(deps.uploadQuotaBytes / 1024 / 1024)} MB)`)
					return c.json({ url: `/uploads/${room}/${name}` }, 201)
				},
			)
			.get('/votes/mine', doc("My votes in the current round (or, from the touch table, a seat's)"), valid('query', S.BallotQuery), async (c) =>
				c.json(await workshops.voting.ballot(c.get('room'), await voter(c, c.req.valid('query').seat))),
			)
			.post('/votes', doc("Add or take back one of my votes (or, from the touch table, one of a seat's)"), only('facilitator', 'participant', 'expert'), small, valid('json', S.Vote), async (c) => {
				const { shapeId, delta, seat } = c.req.valid('json')
				return c.json(await workshops.voting.vote(c.get('room'), await voter(c, seat), shapeId, delta))
			})
			.post('/decisions', doc('Propose an item (anyone taking part) or decide on it (the facilitator)'), small, valid('json', S.Decide), async (c) => {
				const { item, status, note } = c.req.valid('json')
				// Anyone who takes part may propose an item; only a facilitator decides.
				const allowed: Role[] = status === 'proposed' ? ['facilitator', 'participant', 'expert'] : ['facilitator']
				if (!allowed.includes(me(c).role)) fail(403, `only ${allowed.join(' or ')} may do this`)
				// In a deliberation phase experts have withdrawn: the community proposes.
				const refused = status === 'proposed' ? proposalRefusal(me(c).role, (await workshops.facilitation.state(c.get('room'))).phaseKind) : null
				if (refused) fail(403, refused.message)
				if (me(c).role !== 'facilitator' && !(await consumed(deps.proposalLimit, `${c.get('room')}:${person(c)}`))) {
					fail(429, 'too many proposals from you in a short time; wait a minute and try again')
				}
				return c.json(await outcomes.decide(c.get('room'), me(c), item, status, note), 201)
			})
			// Outcomes, actions, updates, replies and the steward's link (commitment-routes.ts).
			.route('/', commitmentRoutes(deps))
			// Experts leaving the room, ratification and participatory budgeting (community-routes.ts).
			.route('/', communityRoutes(deps))
			// My contribution, receipts, participation codes, access needs, monitoring, personal data (recognition-routes.ts).
			.route('/', recognitionRoutes(deps))
			.get('/versions/:version/canvas', doc('A saved version of the board, for showing it read-only'), async (c) => {
				const version = c.req.param('version')
				if (!/^[A-Za-z0-9_-]{1,32}$/.test(version)) fail(400, 'version: not a version id')
				return c.json(await outcomes.versionCanvas(c.get('room'), version))
			})
			// --- the facilitator's ---
			.post('/lock', doc('Lock or unlock the board, and say whether the lock holds the touch table'), facilitator, small, valid('json', S.Lock), async (c) => {
				const { locked, coversTable } = c.req.valid('json')
				return c.json(await workshops.facilitation.setLocked(c.get('room'), locked, coversTable))
			})
			.put('/time-zone', doc("Set the time zone the room's dates and times are written in"), facilitator, small, valid('json', S.TimeZone), async (c) =>
				c.json(await workshops.facilitation.setTimeZone(c.get('room'), c.req.valid('json').timeZone))
			)
			.put('/card-kinds', doc('Set the kinds of card the room offers in its card pickers (cards of other kinds stay)'), facilitator, small, valid('json', S.CardKinds), async (c) =>
				c.json(await workshops.facilitation.setCardKinds(c.get('room'), c.req.valid('json').kinds)),
			)
			.post('/structure', doc("Open the board's structure (blueprints, their stages and lanes, stakeholder maps) to everyone, or keep it the facilitator's"), facilitator, small, valid('json', S.StructureOpen), async (c) =>
				c.json(await workshops.facilitation.setStructureOpen(c.get('room'), c.req.valid('json').open))
			)
			.put('/map', doc('Set the neighbourhood map under the board: its centre, zoom and bounds'), facilitator, small, valid('json', MapBody), async (c) => c.json(await setMap(workshops.facilitation, c.get('room'), c.req.valid('json'))))
			.delete('/map', doc('Take the neighbourhood map away (pins keep their places on the board)'), facilitator, async (c) => c.json(await setMap(workshops.facilitation, c.get('room'), null)))
			.put('/agenda', doc('Set the agenda'), facilitator, small, valid('json', S.Agenda), async (c) => {
				const agenda: AgendaItem[] = c.req.valid('json').items.map((i) => ({ id: i.id && /^[A-Za-z0-9_-]{1,32}$/.test(i.id) ? i.id : newId(6), title: i.title, kind: i.kind, minutes: i.minutes }))
				return c.json(await workshops.facilitation.setAgenda(c.get('room'), agenda))
			})
			.post('/phase', doc('Start an agenda item (or none)'), facilitator, small, valid('json', S.Phase), async (c) => c.json(await workshops.facilitation.startPhase(c.get('room'), c.req.valid('json').id)))
			.post('/timer', doc('Start, pause, resume or stop the timer'), facilitator, small, valid('json', S.Timer), async (c) => {
				const { action, minutes } = c.req.valid('json')
				return c.json(await workshops.facilitation.timer(c.get('room'), action, minutes))
			})
			.post('/summon', doc("Bring everyone to the facilitator's view"), facilitator, small, valid('json', S.View), async (c) => c.json(await workshops.facilitation.summon(c.get('room'), person(c), c.req.valid('json'))))
			.post('/follow', doc('Everyone follows me, or not'), facilitator, small, valid('json', S.Follow), async (c) => {
				const body = c.req.valid('json')
				return c.json(await workshops.facilitation.follow(c.get('room'), person(c), body.on ? body.userId : null))
			})
			.put('/table', doc("Set the touch table's seats and view lock"), facilitator, small, valid('json', S.TableSeats), async (c) => {
				const { seats, viewLocked } = c.req.valid('json')
				return c.json(await workshops.table.set(c.get('room'), seats, viewLocked, me(c)))
			})
			.post('/table/here', doc('The touch table is open (said every half minute)'), facilitator, async (c) => {
				await workshops.table.here(c.get('room'))
				return c.body(null, 204)
			})
			.post('/spotlight', doc('Spotlight a card, or none'), facilitator, small, valid('json', S.Spotlight), async (c) => c.json(await workshops.facilitation.spotlight(c.get('room'), person(c), c.req.valid('json').shapeId)))
			.post('/rounds', doc('Open a voting round'), facilitator, small, valid('json', S.Round), async (c) => {
				const { votesPerPerson, presentOnly, audience } = c.req.valid('json')
				return c.json(await workshops.voting.open(c.get('room'), votesPerPerson, presentOnly, audience), 201)
			})
			.post('/rounds/close', doc('Close the open round and publish its tally'), facilitator, async (c) => c.json(await workshops.voting.close(c.get('room'))))
			.get('/links', doc('The current join link of each role'), facilitator, async (c) => {
				const current = await links.current(c.get('room'))
				return c.json(Object.fromEntries(Object.entries(current).map(([role, link]) => [role, joinUrl(deps.origin(c), c.get('room'), link.token)])) as Partial<Record<Role, string>>)
			})
			.get('/links/limits', doc('How many people each link admits before each new one needs approval'), facilitator, async (c) => {
				const current = await links.current(c.get('room'))
				const expiries = await links.expiries(c.get('room'))
				return c.json(Object.fromEntries(Object.entries(current).map(([role, link]) => [role, { maxPeople: link.maxPeople, people: link.people, expiresAt: expiries[role as Role] ?? 0 }])) as Partial<Record<Role, { maxPeople: number | null; people: number; expiresAt: number }>>)
			})
			.post('/links/:role', doc("Replace a role's link (the old one stops working at once)"), facilitator, valid('param', S.RoleParam), async (c) => {
				const { role } = c.req.valid('param')
				return c.json({ role, url: joinUrl(deps.origin(c), c.get('room'), await links.reissue(c.get('room'), role)) }, 201)
			})
			.put('/links/:role/limit', doc('Set how many people a link admits before each new one needs approval'), facilitator, valid('param', S.RoleParam), small, valid('json', S.LinkLimit), async (c) => {
				await links.setMaxPeople(c.get('room'), c.req.valid('param').role, c.req.valid('json').maxPeople)
				return c.body(null, 204)
			})
			.get('/people/waiting', doc('People waiting to be let in'), facilitator, async (c) => {
				const waiting = await links.waiting(c.get('room'))
				return c.json(waiting.map((r) => ({ id: r.id, name: r.name, role: r.role, affiliation: r.affiliation, at: r.at })))
			})
			.post('/people/waiting/:request', doc('Let someone in, or not'), facilitator, small, valid('json', S.WaitingDecision), async (c) => {
				await links.decideWaiting(c.get('room'), c.req.param('request'), c.req.valid('json').approve)
				return c.body(null, 204)
			})
			.delete('/people/:person', doc('Remove a person (their connections close at once)'), facilitator, async (c) => {
				const removed = await links.remove(c.get('room'), c.req.param('person'))
				if (!removed) fail(404, 'no such person')
				return c.body(null, 204)
			})
			.get('/balance', doc('The balance of voice'), facilitator, async (c) => c.json(await workshops.attendance.balance(c.get('room'))))
			.get('/design', doc('The ServiceDesign, now or of a version'), facilitator, valid('query', S.DesignQuery), async (c) => c.json(await outcomes.design(c.get('room'), versionOf(c.req.valid('query').version))))
			.post('/versions', doc('Save the whole room as a named version'), facilitator, small, valid('json', S.VersionName), async (c) => {
				const name = c.req.valid('json').name.trim()
				if (!name || name.length > MAX_VERSION_NAME) fail(400, `name: 1 to ${MAX_VERSION_NAME} characters`)
				return c.json(await outcomes.saveVersion(c.get('room'), me(c), name), 201)
			})
			.post('/versions/:version/restore', doc('Restore a version as a new change'), facilitator, async (c) => {
				const version = c.req.param('version')
				if (!/^[A-Za-z0-9_-]{1,32}$/.test(version)) fail(400, 'version: not a version id')
				await outcomes.restore(c.get('room'), version)
				return c.json({ restored: version })
			})
			.get('/compare', doc('What changed between two versions (or now)'), facilitator, valid('query', S.CompareQuery), async (c) => {
				const { from, to } = c.req.valid('query')
				return c.json(await outcomes.compare(c.get('room'), versionOf(from), versionOf(to)))
			})
			.get('/export', doc('The design as a file: JSON, CSV, Markdown, HTML or PDF', ['exports']), facilitator, valid('query', ExportQuery), async (c) => {
				const room = c.get('room')
				const query = c.req.valid('query')
				const { CSV_TABLES, contentDisposition, exportFileName } = await exporters()
				const table = query.table
				if (table !== undefined && (query.format !== 'csv' || !(CSV_TABLES as readonly string[]).includes(table))) {
					fail(400, `table: only with format=csv, one of ${CSV_TABLES.join(', ')}`)
				}
				const stored = await rooms.getRoom(room)
				const language = query.language ?? (stored && isLanguage(stored.language) ? stored.language : 'en')
				const version = versionOf(query.version)
				const design = await outcomes.design(room, version)
				const agreedOnly = query.agreed === 'only'
				// The reports draw the board's uploaded images; the other formats name them by URL.
				const images = query.format === 'html' || query.format === 'pdf' ? await imagesOf(design, room, deps.assets) : undefined
				// The reports of the room as it is now carry the evaluation's totals and what people would change (a version has no evaluation of its own).
				const evaluation = version === null && (query.format === 'md' || query.format === 'html' || query.format === 'pdf') ? await workshops.evaluation.totals(room) : undefined
				// The reports' picture of the map draws the streets of the server's tiles under its pins.
				const pins = design.map?.pins ?? []
				const streets =
					(query.format === 'html' || query.format === 'pdf') && pins.length > 0 && deps.streets
						? await deps.streets((await exporters()).pictureBounds(pins)).catch((error: unknown) => (deps.log({ error: String(error) }, 'map streets could not be read'), null))
						: null
				const file = await renderExport(design, query.format, { language, timeZone: await outcomes.timeZone(room), agreedOnly, images, evaluation, streets }, table as CsvTable | undefined)
				// Named by the room's title and the day (a version's, when one is exported), never the room's id.
				const saved = version ? (await workshops.facilitation.state(room)).versions.find((v) => v.id === version) : undefined
				const name = exportFileName({
					title: stored?.title ?? '',
					at: saved ? new Date(saved.at).toISOString() : design.generatedAt,
					version: design.versionName,
					agreedOnly,
					table,
					extension: file.extension,
				})
				return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
					'content-type': file.type,
					'content-disposition': contentDisposition(name),
					'cache-control': 'no-store',
				})
			})
			// --- a series of sessions (series.ts) and the evaluation (evaluation.ts) ---
			.get('/series', doc("This session's series: its sessions in order, and what its board was started from", ['series']), facilitator, async (c) => c.json(await workshops.series.info(c.get('room'), rooms)))
			.post('/series', doc("Link this session to the one before it, with that session's facilitator link", ['series']), facilitator, small, valid('json', S.LinkSeries), async (c) =>
				c.json(await workshops.series.link(c.get('room'), c.req.valid('json').previous, rooms), 201),
			)
			.post('/series/start', doc("Start this session's empty board from the last session's design, or from a published design", ['series']), facilitator, small, valid('json', S.StartSession), async (c) => {
				const body = c.req.valid('json')
				const source = body.published !== undefined ? { published: body.published } : body.gallery !== undefined ? { gallery: body.gallery } : { from: 'previous' as const }
				const started = await workshops.series.start(c.get('room'), source, outcomes, rooms)
				return c.json({ from: { id: started.from.id, title: started.from.title } }, 201)
			})
			.post(
				'/series/import',
				doc("Rebuild a ServiceDesign file (Cyd's JSON export) on this session's empty board; a bad file is refused with the field named, and nothing is written", ['series']),
				facilitator,
				bodyLimit({ maxSize: MAX_DESIGN_BYTES, onError: () => fail(413, `a design file may be at most ${MAX_DESIGN_BYTES / 1024 / 1024} MB`) }),
				async (c) => {
					let file: unknown
					try {
						file = await c.req.json()
					} catch {
						fail(400, 'design: the file is not JSON')
					}
					return c.json(await workshops.series.importDesign(c.get('room'), file), 201)
				},
			)
			.get('/series/template', doc("This room as a workshop template file: its agenda and its design, for another room (POST /series/import)", ['series']), facilitator, async (c) =>
				c.json(await workshops.series.templateOf(c.get('room'), outcomes)),
			)
			.get('/gallery', doc("This room's entry in the gallery, or null", ['series']), facilitator, async (c) => c.json(await workshops.gallery.entry(c.get('room'))))
			.post('/gallery', doc("Share this room's agreed design to the gallery of this Cyd, under a topic", ['series']), facilitator, small, valid('json', S.ShareToGallery), async (c) => {
				const room = (await rooms.getRoom(c.get('room')))!
				return c.json(await workshops.gallery.share(room, c.req.valid('json').topic), 201)
			})
			.delete('/gallery', doc('Take this room out of the gallery', ['series']), facilitator, async (c) => {
				await workshops.gallery.withdraw(c.get('room'))
				return c.body(null, 204)
			})
			.get('/series/compare', doc('What was added, changed, agreed and dropped between two sessions of the series', ['series']), facilitator, valid('query', S.SessionCompareQuery), async (c) => {
				const { from, to } = c.req.valid('query')
				return c.json(await workshops.series.compare(c.get('room'), from, to, outcomes, rooms))
			})
			.get('/series/evaluation', doc("The evaluation's means in each session of the series", ['series']), facilitator, async (c) => {
				const sessions = await workshops.series.sessions(c.get('room'), rooms)
				const trend: EvaluationTrendPoint[] = []
				for (const s of sessions) {
					const totals = await workshops.evaluation.totals(s.id)
					trend.push({ room: s.id, title: s.title, responses: totals.responses, means: Object.fromEntries(EVALUATION_STATEMENTS.map((k) => [k, totals.statements[k].mean])) as EvaluationTrendPoint['means'] })
				}
				return c.json(trend)
			})
			.get('/evaluation/mine', doc('Whether the evaluation is open and whether I (or, from the touch table, a seat) have answered', ['evaluation']), valid('query', S.BallotQuery), async (c) =>
				c.json(await workshops.evaluation.mine(c.get('room'), await voter(c, c.req.valid('query').seat))),
			)
			.post('/evaluation/answers', doc('Answer the evaluation, once, anonymously (or, from the touch table, for a seat)', ['evaluation']), only('facilitator', 'participant', 'expert', 'observer'), small, valid('json', S.EvaluationAnswer), async (c) => {
				const { scores, change, seat } = c.req.valid('json')
				if (seat === undefined && me(c).role === 'facilitator') fail(403, 'the facilitator does not answer the evaluation (the touch table answers for its seats)')
				await workshops.evaluation.answer(c.get('room'), await voter(c, seat), { scores, change })
				return c.body(null, 204)
			})
			.put('/evaluation', doc('Open or close the evaluation; show its totals on the public page or not', ['evaluation']), facilitator, small, valid('json', S.EvaluationSettings), async (c) => c.json(await workshops.evaluation.set(c.get('room'), c.req.valid('json'))))
			.get('/evaluation', doc("The evaluation's totals", ['evaluation']), facilitator, async (c) => c.json(await workshops.evaluation.totals(c.get('room'))))
			.post('/publish', doc('Publish the agreed design at a public link'), facilitator, async (c) => {
				const secret = await outcomes.publish(c.get('room'))
				return c.json({ url: `${deps.origin(c)}/p/${c.get('room')}/${secret}` }, 201)
			})
			.delete('/publish', doc('Withdraw the public page'), facilitator, async (c) => {
				await outcomes.withdraw(c.get('room'))
				return c.json({ withdrawn: true })
			})
	)
}

export type RoomRoutes = ReturnType<typeof roomRoutes>
