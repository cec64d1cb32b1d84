/**
 * A series of sessions: a facilitator links a room to the one before it (showing they run that one too,
 * with its facilitator's link), starts the new board from the last session's design or from any published
 * design, and compares two sessions of the series. Each room keeps, in its private document, the room it
 * follows (`series:previous`), the rooms that follow it (`series-next:<room>`) and what its board was
 * started from (`series:from`).
 * @module
 */
import type * as Y from 'yjs'
import { cardKindsProblem, compareSessions, decisionKey, WORKSHOP_TEMPLATE_FORMAT, WORKSHOP_TEMPLATE_VERSION, latestDecisions, MAX_ACTIONS, MAX_INDICATORS, MAX_OUTCOMES, privateDocument, type CardKind, type ServiceDesign, type SeriesInfo, type SeriesSession, type SessionDiff } from '@cyd/model'
import type { RoomStore, SyncServer } from '@cyd/sync'
import type { Links } from './links.js'
import type { Facilitation } from './facilitation.js'
import type { Gallery } from './gallery.js'
import { decisionsOf, newId, PRIVATE_MAP, Records, workshopMap, WorkshopError } from './records.js'
import { isProblem } from './tokens.js'
import * as v from 'valibot'
import { Agenda } from './schemas.js'

/** Most sessions one series holds. */
export const MAX_SERIES = 50

const PREVIOUS = 'series:previous'
const FROM = 'series:from'
const nextOf = (doc: Y.Doc) => new Records<true>(doc.getMap(PRIVATE_MAP), 'series-next:')

type Validate = ((value: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null }
let validator: Validate | null = null

/** A ServiceDesign file checked against its JSON Schema, or a 400 that names the first field that is wrong. */
export async function checkedDesign(file: unknown): Promise<ServiceDesign> {
	if (typeof file !== 'object' || file === null || (file as { format?: unknown }).format !== 'cyd-service-design') {
		throw new WorkshopError(400, 'design: not a Cyd design file (its "format" must be "cyd-service-design")')
	}
	if (!validator) {
		const [{ Ajv2020 }, { SERVICE_DESIGN_SCHEMA }] = await Promise.all([import('ajv/dist/2020.js'), import('@cyd/model')])
		validator = new Ajv2020({ allErrors: false, strict: false }).compile(SERVICE_DESIGN_SCHEMA) as Validate
	}
	// Parts that later releases of format version 1 added: a file written before them had none.
	const added = { contributions: [], outcomes: [], actions: [], map: null, budgets: [], ratifications: [] }
	file = { ...added, ...file }
	if (!validator(file)) {
		const first = validator.errors?.[0]
		const field = first?.instancePath ? first.instancePath.slice(1).replaceAll('/', '.') : '(the whole file)'
		throw new WorkshopError(400, `design.${field}: ${first?.message ?? 'is not valid'}`)
	}
	return file as ServiceDesign
}

const NOBODY = { id: '', name: '' }

/**
 * A design with nobody named in it: what a published design or a gallery entry brings into another
 * organisation's room (the public page names nobody either). Who made or decided each item stays with the
 * room it was made in.
 */
export function nameless(design: ServiceDesign): ServiceDesign {
	return {
		...design,
		journeys: design.journeys.map((j) => ({ ...j, cards: j.cards.map((c) => ({ ...c, author: NOBODY })), personas: j.personas.map((p) => ({ ...p, author: NOBODY })) })),
		stakeholders: design.stakeholders.map((s) => ({ ...s, author: NOBODY })),
		assets: design.assets.map((a) => ({ ...a, author: NOBODY })),
		contributions: design.contributions.map((c) => ({ ...c, author: NOBODY, seat: null })),
		decisions: design.decisions.map((d) => ({ ...d, by: NOBODY })),
		outcomes: design.outcomes.map((o) => ({ ...o, by: NOBODY, indicators: o.indicators.map((i) => ({ ...i, by: NOBODY })) })),
		actions: design.actions.map((a) => ({ ...a, by: NOBODY, updates: [] })),
		contributors: [],
	}
}

/** What Series needs of the room's design and public page (Outcomes). */
export interface DesignSource {
	design(room: string): Promise<ServiceDesign>
	isPublished(room: string, secret: string): Promise<boolean>
}

/** The room and token of a join link (`…/r/<room>#join=<token>`), or of a public page (`…/p/<room>/<secret>`). */
export function parseLink(url: string): { kind: 'join'; room: string; token: string } | { kind: 'public'; room: string; secret: string } | null {
	const join = /\/r\/([A-Za-z0-9_-]{1,64})\/?#join=([A-Za-z0-9_.-]+)\s*$/.exec(url)
	if (join) return { kind: 'join', room: join[1]!, token: join[2]! }
	const page = /\/p\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})\/?\s*$/.exec(url)
	if (page) return { kind: 'public', room: page[1]!, secret: page[2]! }
	return null
}

export class Series {
	constructor(
		private readonly sync: SyncServer,
		private readonly links: Links,
		private readonly facilitation: Facilitation,
		private readonly gallery: Gallery,
	) {}

	private async read<T>(room: string, read: (doc: Y.Doc) => T): Promise<T> {
		return read(await this.links.privateDoc(room))
	}

	private previousOf(room: string): Promise<string | null> {
		return this.read(room, (doc) => (doc.getMap(PRIVATE_MAP).get(PREVIOUS) as string | undefined) ?? null)
	}

	/** The sessions of a room's series, oldest first: the rooms before it, it, and every room after it. */
	async sessions(room: string, rooms: RoomStore): Promise<SeriesSession[]> {
		const before: string[] = []
		const seen = new Set([room])
		for (let at = await this.previousOf(room); at && !seen.has(at) && before.length < MAX_SERIES; at = await this.previousOf(at)) {
			before.unshift(at)
			seen.add(at)
		}
		const after: string[] = []
		const queue = [room]
		while (queue.length && after.length < MAX_SERIES) {
			const next = await this.read(queue.shift()!, (doc) => nextOf(doc).entries().map(([id]) => id))
			for (const id of next.filter((id) => !seen.has(id))) {
				seen.add(id)
				after.push(id)
				queue.push(id)
			}
		}
		const out: SeriesSession[] = []
		for (const id of [...before, room, ...after]) {
			const info = await rooms.getRoom(id)
			if (info) out.push({ id, title: info.title, createdAt: info.createdAt, previous: await this.previousOf(id) })
		}
		// Rooms after this one in the order they were made.
		const head = out.slice(0, before.length + 1)
		const tail = out.slice(before.length + 1).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
		return [...head, ...tail]
	}

	async info(room: string, rooms: RoomStore): Promise<SeriesInfo> {
		const from = await this.read(room, (doc) => (doc.getMap(PRIVATE_MAP).get(FROM) as { room: string; title: string } | undefined) ?? null)
		return { sessions: await this.sessions(room, rooms), startedFrom: from }
	}

	/**
	 * Links `room` to the session before it, given that session's facilitator link (or a facilitator's
	 * session of it): only someone who runs both rooms may link them.
	 */
	async link(room: string, previousLink: string, rooms: RoomStore): Promise<SeriesInfo> {
		const parsed = parseLink(previousLink)
		if (!parsed || parsed.kind !== 'join') throw new WorkshopError(400, "previous: the earlier session's facilitator link (…/r/<room>#join=…)")
		const previous = parsed.room
		if (previous === room) throw new WorkshopError(400, 'previous: a session cannot follow itself')
		if (!(await rooms.getRoom(previous))) throw new WorkshopError(404, 'previous: no such room')
		const who = await this.links.authenticate(previous, parsed.token)
		if (isProblem(who)) throw new WorkshopError(403, `previous: that link does not open the earlier session (${who.error})`)
		if (who.role !== 'facilitator') throw new WorkshopError(403, "previous: only the earlier session's facilitator link links a session to it")
		if ((await this.previousOf(room)) !== null) throw new WorkshopError(409, 'this session already follows another')
		const series = await this.sessions(previous, rooms)
		if (series.some((s) => s.id === room)) throw new WorkshopError(409, 'previous: that room already comes after this one in the series')
		if (series.length >= MAX_SERIES) throw new WorkshopError(409, `a series holds at most ${MAX_SERIES} sessions`)
		await this.sync.transact(privateDocument(room), (doc) => doc.getMap(PRIVATE_MAP).set(PREVIOUS, previous))
		await this.sync.transact(privateDocument(previous), (doc) => nextOf(doc).set(room, true))
		return this.info(room, rooms)
	}

	/**
	 * Rebuilds a design on this room's board, which must be empty: the last session's (the room this one
	 * follows), or a published design (its public page's link). Its blueprints, personas, map,
	 * relationships, notes and text come as they were, with their ids; so do its decisions, its outcomes
	 * and its actions (without their updates, which stay with the session they were posted in). A published
	 * design brings only what was agreed.
	 */
	async start(room: string, source: { from: 'previous' } | { published: string } | { gallery: string }, designs: DesignSource, rooms: RoomStore): Promise<{ from: { id: string; title: string } }> {
		let fromRoom: string
		let agreedOnly = false
		if ('from' in source) {
			const previous = await this.previousOf(room)
			if (!previous) throw new WorkshopError(409, 'this session follows no other: link it to the earlier session first')
			fromRoom = previous
		} else if ('gallery' in source) {
			if (!(await this.gallery.entry(source.gallery))) throw new WorkshopError(404, 'gallery: no such design in the gallery')
			fromRoom = source.gallery
			agreedOnly = true
		} else {
			const parsed = parseLink(source.published)
			if (!parsed || parsed.kind !== 'public') throw new WorkshopError(400, "published: a public page's link (…/p/<room>/<secret>)")
			if (!(await designs.isPublished(parsed.room, parsed.secret))) throw new WorkshopError(404, 'published: no design is published at that link')
			fromRoom = parsed.room
			agreedOnly = true
		}
		const info = await rooms.getRoom(fromRoom)
		if (!info) throw new WorkshopError(404, 'no such room')
		let design = await designs.design(fromRoom)
		if (agreedOnly) design = nameless((await import('@cyd/export')).filterAgreed(design))
		await this.rebuild(room, design, { room: fromRoom, title: info.title })
		return { from: { id: fromRoom, title: info.title } }
	}

	/**
	 * Rebuilds a ServiceDesign file (Cyd's JSON export, checked against its schema first: a bad file is
	 * refused with the first field that is wrong, and nothing is written) on this room's empty board.
	 */
	async importDesign(room: string, file: unknown): Promise<{ title: string }> {
		if (typeof file === 'object' && file !== null && (file as { format?: unknown }).format === WORKSHOP_TEMPLATE_FORMAT) return this.importTemplate(room, file as Record<string, unknown>)
		const design = await checkedDesign(file)
		await this.rebuild(room, design, { room: null, title: design.title })
		return { title: design.title }
	}

	/**
	 * A workshop template (`templateOf`): its agenda, its design and the kinds of card its rooms offer
	 * (`cardKinds`; a file without them leaves the room offering every kind), all checked before anything
	 * is written.
	 */
	private async importTemplate(room: string, file: Record<string, unknown>): Promise<{ title: string }> {
		if (file.version !== WORKSHOP_TEMPLATE_VERSION) throw new WorkshopError(400, `template.version: this Cyd reads version ${WORKSHOP_TEMPLATE_VERSION}`)
		const agenda = v.safeParse(Agenda, { items: file.agenda })
		if (!agenda.success) {
			const issue = agenda.issues[0]
			const path = (issue.path ?? []).slice(1).map((p) => String(p.key)).join('.')
			throw new WorkshopError(400, `template.agenda${path ? `.${path}` : ''}: ${issue.message}`)
		}
		const cardKinds = file.cardKinds === undefined ? null : (file.cardKinds as CardKind[])
		const kindsProblem = cardKinds === null ? null : cardKindsProblem(cardKinds, 'template.cardKinds')
		if (kindsProblem) throw new WorkshopError(400, kindsProblem)
		let design: ServiceDesign
		try {
			design = await checkedDesign(file.design)
		} catch (error) {
			if (error instanceof WorkshopError) throw new WorkshopError(error.status, `template.${error.message}`)
			throw error
		}
		await this.rebuild(room, design, { room: null, title: design.title })
		await this.facilitation.setAgenda(
			room,
			agenda.output.items.map((i) => ({ id: newId(6), title: i.title, kind: i.kind, minutes: i.minutes })),
		)
		if (cardKinds) await this.facilitation.setCardKinds(room, cardKinds)
		return { title: design.title }
	}

	/**
	 * This room as a workshop template: its agenda, its whole design and the kinds of card it offers. A
	 * template is made to be shared with other organisations, so its design names nobody (`nameless`).
	 */
	async templateOf(room: string, designs: DesignSource) {
		const design = nameless(await designs.design(room))
		const state = await this.facilitation.state(room)
		const agenda = state.agenda.map(({ title, kind, minutes }) => ({ title, kind, minutes }))
		return { format: WORKSHOP_TEMPLATE_FORMAT, version: WORKSHOP_TEMPLATE_VERSION, title: design.title, agenda, cardKinds: state.cardKinds, design }
	}

	private async rebuild(room: string, design: ServiceDesign, from: { room: string | null; title: string }): Promise<void> {
		const [{ boardOfDesign, canvasSchema, DEFAULT_PAGE_ID }, { getMetaMap, getRecordsMap, readAllRecords, SCHEMA_KEY, writeRecord }] = await Promise.all([import('@cyd/model/schema'), import('@cyd/tldraw-yjs')])
		const carried = new Set([
			...design.journeys.flatMap((j) => [j.id, ...j.cards.map((c) => c.id), ...j.personas.map((p) => p.id)]),
			...design.stakeholders.map((s) => s.id),
			...design.assets.map((a) => a.id),
			...design.relationships.map((r) => r.id),
			...design.contributions.filter((c) => c.kind === 'note' || c.kind === 'text').map((c) => c.id),
		])
		// Every record is made and checked before anything is written: a design that cannot be rebuilt leaves the board as it was.
		const records = boardOfDesign(design)
		const schema = canvasSchema()
		const ids = new Set<string>()
		for (const record of records) {
			const id = String(record.id)
			if (ids.has(id)) throw new WorkshopError(400, `design: the id ${id} is used by two items`)
			ids.add(id)
			try {
				schema.validateRecord(null as never, record as never, 'initialize', null)
			} catch (error) {
				throw new WorkshopError(400, `design: ${id} cannot be put on a board (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`)
			}
		}
		if (design.outcomes.length > MAX_OUTCOMES) throw new WorkshopError(400, `design.outcomes: at most ${MAX_OUTCOMES}`)
		if (design.outcomes.reduce((n, o) => n + o.indicators.length, 0) > MAX_INDICATORS) throw new WorkshopError(400, `design.outcomes: at most ${MAX_INDICATORS} indicators in all`)
		if (design.actions.length > MAX_ACTIONS) throw new WorkshopError(400, `design.actions: at most ${MAX_ACTIONS}`)
		await this.sync.transact(room, (doc) => {
			const map = getRecordsMap(doc)
			const existing = Object.values(readAllRecords(doc))
			if (existing.some((r) => r.typeName === 'shape')) throw new WorkshopError(409, "this session's board is not empty: start from a design on an empty board")
			const page = existing.find((r) => r.typeName === 'page')
			if (!page) writeRecord(map, { typeName: 'page', id: DEFAULT_PAGE_ID, name: 'Page 1', index: 'a1', meta: {} } as Record<string, unknown>)
			const pageId = (page?.id as string | undefined) ?? DEFAULT_PAGE_ID
			for (const record of records) writeRecord(map, pageId === DEFAULT_PAGE_ID || record.parentId !== DEFAULT_PAGE_ID ? record : { ...record, parentId: pageId })
			getMetaMap(doc).set(SCHEMA_KEY, canvasSchema().serialize())
		})
		const decisions = [...latestDecisions(design.decisions).values()].filter((d) => carried.has(d.item))
		await this.facilitation.update(room, (_map, _state, doc) => {
			const map = workshopMap(doc)
			for (const d of decisions) decisionsOf(doc).set(decisionKey(Date.now(), newId(4)), d)
			// The commitments' own keys (commitments.ts): an outcome apart from its indicators, an action without updates.
			for (const { indicators, ...outcome } of design.outcomes) {
				map.set(`outcome:${outcome.id}`, outcome)
				for (const indicator of indicators) map.set(`indicator:${indicator.id}`, { ...indicator, outcome: outcome.id })
			}
			for (const { updates: _left, ...action } of design.actions) map.set(`action:${action.id}`, action)
		})
		await this.sync.transact(privateDocument(room), (doc) => doc.getMap(PRIVATE_MAP).set(FROM, from))
	}

	/** Compares two sessions of this room's series (the earlier first). */
	async compare(room: string, from: string, to: string, designs: DesignSource, rooms: RoomStore): Promise<SessionDiff> {
		const ids = new Set((await this.sessions(room, rooms)).map((s) => s.id))
		for (const [field, id] of [['from', from], ['to', to]] as const) if (!ids.has(id)) throw new WorkshopError(404, `${field}: not a session of this series`)
		const [a, b] = await Promise.all([designs.design(from), designs.design(to)])
		return compareSessions(a, b)
	}
}
