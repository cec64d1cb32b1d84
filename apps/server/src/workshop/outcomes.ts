/**
 * What a workshop produces: the agreement (a decision log the facilitator keeps), named versions of the
 * whole room (save, open, restore as a new change, compare), the full ServiceDesign for exports, and
 * the public page of what was agreed (and, in `commitments.ts`, what is done about it). Decisions, versions and publishing live in the workshop document,
 * written by the server on the facilitator's behalf; a version's copy lives in a document of its own.
 *
 * The design holds everything people made on the board: the journey and the map, and the notes (at
 * the touch table or anywhere), text, drawings and images besides them, each of which can be proposed,
 * voted on and agreed like a card.
 * @module
 */
import { timingSafeEqual } from 'node:crypto'
import type { CsvTable, ExportOptions, ImageFile } from '@cyd/export'
import * as Y from 'yjs'
import {
	DEFAULT_TIME_ZONE,
	WORKSHOP_MAP,
	compareDesigns,
	decisionKey,
	designBudgetRound,
	designRatification,
	parseCommunity,
	parseWorkshop,
	versionDocument,
	workshopDocument,
	type Decision,
	type CommunityState,
	type DecisionStatus,
	type DesignBudgetRound,
	type DesignDiff,
	type DesignRatification,
	type ItemKind,
	type ServiceDesign,
	type VersionInfo,
	type WorkshopState,
} from '@cyd/model'
import type { RoomStore, SyncServer } from '@cyd/sync'
import type { AssetStore } from '../assets.js'
import { Commitments } from './commitments.js'
import { decisionsOf, newId, versionsOf, WorkshopError, type Identity } from './records.js'
import type { Workshops } from './workshops.js'
import { authorsOf } from './canvas-guard.js'
import { designMapOf } from './map.js'

/** Most entries kept in the decision log and most named versions per room. */
export const MAX_DECISIONS = 5000
export const MAX_VERSIONS = 200
export const MAX_VERSION_NAME = 120
export const MAX_NOTE = 1000

/**
 * Reading and writing canvas documents needs tldraw's schema machinery (@cyd/model/schema, and the
 * document layout in @cyd/tldraw-yjs); it is loaded the first time a design is asked for, so that the
 * server starts (and restarts after a crash) without it.
 */
const canvasTools = async () => {
	const [schema, layout] = await Promise.all([import('@cyd/model/schema'), import('@cyd/tldraw-yjs')])
	return { ...schema, ...layout }
}

/** Where a version keeps the workshop state it was saved with. */
const VERSION_STATE_MAP = 'workshop'

export class Outcomes {
	/** Outcomes, actions, their updates and the public page's replies: what comes of a decision. */
	readonly commitments: Commitments

	constructor(
		private readonly sync: SyncServer,
		private readonly workshops: Workshops,
		private readonly rooms: RoomStore,
	) {
		this.commitments = new Commitments(sync, workshops, { design: async (room) => (await this.canvasDesign(room, null)).design, itemOf })
	}

	/**
	 * The records and schema of a canvas document: the room's, or a version's. Only a version's document
	 * (written by the server alone, never served) holds a workshop state; the room's canvas is written by
	 * clients, so nothing there is ever read as an outcome.
	 */
	private async readCanvas(
		document: string,
		isVersion: boolean,
	): Promise<{ records: Record<string, Record<string, unknown>>; schema: unknown; state: WorkshopState | null; community: CommunityState | null }> {
		const { readAllRecords, readDocSchema } = await canvasTools()
		const held = this.sync.retain(document)
		try {
			const doc = await held.ready
			const saved = isVersion ? doc.getMap(VERSION_STATE_MAP).get('state') : undefined
			return { records: readAllRecords(doc), schema: readDocSchema(doc), state: saved === undefined ? null : parseWorkshop(saved), community: saved === undefined ? null : parseCommunity(saved) }
		} finally {
			held.release()
		}
	}

	private async version(room: string, id: string | null | undefined): Promise<VersionInfo | null> {
		if (!id) return null
		const version = (await this.workshops.facilitation.state(room)).versions.find((v) => v.id === id)
		if (!version) throw new WorkshopError(404, 'no such version')
		return version
	}

	/**
	 * The canvas part of the design (current, or of a version), migrated to the current shape versions,
	 * and the workshop state it goes with (the version's own, or the room's now): its table seats name
	 * who made a note at one.
	 */
	private async canvasDesign(room: string, version: VersionInfo | null) {
		const canvas = await this.readCanvas(version ? versionDocument(room, version.id) : room, version !== null)
		const state = canvas.state ?? (await this.workshops.facilitation.state(room))
		const community = canvas.community ?? (await this.workshops.community.state(room))
		const { designOfDocument, DocumentVersionError } = await canvasTools()
		try {
			return { design: designOfDocument(canvas.records, canvas.schema, { seats: state.table?.seats ?? [] }), state, community, records: canvas.records }
		} catch (error) {
			if (error instanceof DocumentVersionError) throw new WorkshopError(409, error.message)
			throw error
		}
	}

	/** The whole ServiceDesign of the room now, or of a named version: canvas, votes, decisions, contributors. */
	async design(room: string, versionId?: string | null): Promise<ServiceDesign> {
		const version = await this.version(room, versionId)
		const { design, state, community, records } = await this.canvasDesign(room, version)
		const results = state.round?.status === 'closed' ? (state.round.results ?? {}) : {}
		// Who made each note, text or drawing is what the server recorded from the connection that made it,
		// never what the shape says.
		const authors = authorsOf(await this.workshops.links.privateDoc(room))
		const people = new Map((await this.workshops.links.people(room)).map((p) => [p.id, p.name]))
		const contributions = design.contributions.map((c) => {
			const id = authors.get(c.id)
			return id ? { ...c, author: { id, name: people.get(id) ?? '' } } : c
		})
		return {
			...design,
			contributions,
			title: (await this.rooms.getRoom(room))?.title ?? '',
			generatedAt: new Date().toISOString(),
			versionName: version?.name ?? null,
			votes: Object.entries(results)
				.map(([item, votes]) => ({ item, votes }))
				.sort((a, b) => b.votes - a.votes || (a.item < b.item ? -1 : 1)),
			decisions: state.decisions,
			outcomes: state.outcomes,
			actions: state.actions,
			// Items made count only while they are on the board: making and deleting in a loop adds nothing.
			contributors: await this.workshops.attendance.contributors(room, (item) => item in records),
			map: designMapOf(state.map, records, authors, people),
			...(await this.communityDecisions(room, community)),
		}
	}

	/**
	 * The community's closed budget rounds (each with its ballots, naming nobody) and closed ratifications,
	 * oldest first (those a newer round replaced, then the current one), from the workshop state the server
	 * wrote and the ballots it keeps in the private document.
	 */
	private async communityDecisions(room: string, community: CommunityState): Promise<{ budgets: DesignBudgetRound[]; ratifications: DesignRatification[] }> {
		const budgets: DesignBudgetRound[] = []
		for (const round of [...community.pastBudgets, ...(community.budget ? [community.budget] : [])]) {
			if (round.status !== 'closed') continue
			const design = designBudgetRound(round, await this.workshops.budget.ballotsOf(room, round.id))
			if (design) budgets.push(design)
		}
		const ratifications = [...community.pastRatifications, ...(community.ratification ? [community.ratification] : [])].flatMap((round) => {
			const design = designRatification(round)
			return design ? [design] : []
		})
		return { budgets, ratifications }
	}

	/** Record a decision about an item on the board (a card, persona, stakeholder, asset, relationship, note, text, drawing or image). */
	async decide(room: string, me: Identity, item: string, status: DecisionStatus, note: string): Promise<Decision> {
		if (note.length > MAX_NOTE) throw new WorkshopError(400, `note: at most ${MAX_NOTE} characters`)
		const { design } = await this.canvasDesign(room, null)
		const found = itemOf(design, item)
		if (!found) throw new WorkshopError(404, 'no such card, persona, stakeholder, asset, relationship, note, text, drawing or image on the board')
		const person = me.person ? await this.workshops.links.person(room, me.person) : null
		let decision!: Decision
		await this.workshops.facilitation.update(room, (_map, state, doc) => {
			const round = state.round?.status === 'closed' ? state.round : null
			decision = {
				item,
				itemKind: found.kind,
				itemText: found.text,
				status,
				note,
				by: { id: me.person ?? '', name: person?.name ?? '' },
				at: new Date().toISOString(),
				tally: round?.results?.[item] ?? 0,
			}
			// One entry per decision: two processes deciding at once keep both, and clients get only the new one.
			const log = decisionsOf(doc)
			log.set(decisionKey(Date.now(), newId(4)), decision)
			const keys = log.entries().map(([key]) => key)
			if (keys.length > MAX_DECISIONS) for (const key of keys.sort().slice(0, keys.length - MAX_DECISIONS)) log.delete(key)
		})
		return decision
	}

	/** Save the whole room (canvas and workshop state) under a name. */
	async saveVersion(room: string, me: Identity, name: string): Promise<VersionInfo> {
		const trimmed = name.trim()
		if (!trimmed || trimmed.length > MAX_VERSION_NAME) throw new WorkshopError(400, `name: 1 to ${MAX_VERSION_NAME} characters`)
		const state = await this.workshops.facilitation.state(room)
		if (state.versions.length >= MAX_VERSIONS) throw new WorkshopError(409, `a room keeps at most ${MAX_VERSIONS} versions`)
		const id = newId()
		const canvas = this.sync.retain(room)
		const workshop = this.sync.retain(workshopDocument(room))
		try {
			const [canvasDoc, workshopDoc] = await Promise.all([canvas.ready, workshop.ready])
			const update = Y.encodeStateAsUpdate(canvasDoc)
			const saved = workshopDoc.getMap(WORKSHOP_MAP).toJSON()
			await this.sync.transact(versionDocument(room, id), (doc) => {
				Y.applyUpdate(doc, update)
				doc.getMap(VERSION_STATE_MAP).set('state', saved)
			})
		} finally {
			canvas.release()
			workshop.release()
		}
		const person = me.person ? await this.workshops.links.person(room, me.person) : null
		const version: VersionInfo = { id, name: trimmed, at: Date.now(), by: { id: me.person ?? '', name: person?.name ?? '' } }
		await this.workshops.facilitation.update(room, (_map, _state, doc) => versionsOf(doc).set(version.id, version))
		return version
	}

	/** A version's canvas, migrated to the current shape versions, for showing it read-only. */
	async versionCanvas(room: string, versionId: string): Promise<{ schema: unknown; records: Record<string, unknown> }> {
		const version = (await this.version(room, versionId))!
		const canvas = await this.readCanvas(versionDocument(room, version.id), true)
		const { canvasSchema } = await canvasTools()
		return { schema: canvasSchema().serialize(), records: await migrated(canvas.records, canvas.schema) }
	}

	/**
	 * Restore a version as a new change: the canvas becomes what it was, and that is one more change in
	 * its history (every version, and what came after, is kept).
	 */
	async restore(room: string, versionId: string): Promise<void> {
		const version = (await this.version(room, versionId))!
		const canvas = await this.readCanvas(versionDocument(room, version.id), true)
		const records = await migrated(canvas.records, canvas.schema)
		const { canvasSchema, getMetaMap, getRecordsMap, SCHEMA_KEY, writeRecord } = await canvasTools()
		await this.sync.transact(room, (doc) => {
			const map = getRecordsMap(doc)
			for (const id of [...map.keys()]) if (!(id in records)) map.delete(id)
			for (const record of Object.values(records)) writeRecord(map, record)
			getMetaMap(doc).set(SCHEMA_KEY, canvasSchema().serialize())
		})
	}

	/** What changed from one version (or now, `null`) to another. */
	async compare(room: string, from: string | null, to: string | null): Promise<DesignDiff> {
		const [a, b] = await Promise.all([this.canvasDesign(room, await this.version(room, from)), this.canvasDesign(room, await this.version(room, to))])
		// A version keeps the commitments of its time in its workshop state.
		return compareDesigns({ ...a.design, outcomes: a.state.outcomes, actions: a.state.actions }, { ...b.design, outcomes: b.state.outcomes, actions: b.state.actions })
	}

	/** Publish the agreed design at a public link (a new secret each time); answers the secret. */
	async publish(room: string): Promise<string> {
		const secret = newId(18)
		await this.workshops.facilitation.update(room, (map) => map.set('published', { secret, at: Date.now() }))
		return secret
	}

	async withdraw(room: string): Promise<void> {
		await this.workshops.facilitation.update(room, (map) => map.set('published', null))
	}

	/** The time zone the room's dates and times are written in: the facilitator's choice, else Europe/London. */
	async timeZone(room: string): Promise<string> {
		return (await this.workshops.facilitation.state(room)).timeZone ?? DEFAULT_TIME_ZONE
	}

	/** Whether `secret` opens the room's public page now. */
	async isPublished(room: string, secret: string): Promise<boolean> {
		const published = (await this.workshops.facilitation.state(room)).published
		if (!published) return false
		const a = Buffer.from(published.secret)
		const b = Buffer.from(secret)
		return a.length === b.length && timingSafeEqual(a, b)
	}
}

/** Records migrated from `schema` to the current canvas schema. */
async function migrated(records: Record<string, Record<string, unknown>>, schema: unknown): Promise<Record<string, Record<string, unknown>>> {
	if (Object.keys(records).length === 0 || !schema) return records
	const { canvasSchema } = await canvasTools()
	const result = canvasSchema().migrateStoreSnapshot({ schema: schema as never, store: records as never })
	if (result.type !== 'success') throw new WorkshopError(409, 'the version cannot be read by this version of Cyd')
	return result.value as unknown as Record<string, Record<string, unknown>>
}

/** The kind and text of an item of the design, by its id. */
export function itemOf(design: ServiceDesign, id: string): { kind: ItemKind; text: string } | null {
	for (const journey of design.journeys) {
		const card = journey.cards.find((c) => c.id === id)
		if (card) return { kind: 'card', text: card.text }
		const persona = journey.personas.find((p) => p.id === id)
		if (persona) return { kind: 'persona', text: persona.name }
	}
	const stakeholder = design.stakeholders.find((s) => s.id === id)
	if (stakeholder) return { kind: 'stakeholder', text: stakeholder.name }
	const asset = design.assets.find((a) => a.id === id)
	if (asset) return { kind: 'asset', text: asset.name }
	const relationship = design.relationships.find((r) => r.id === id)
	if (relationship) {
		const name = (end: string) => design.stakeholders.find((s) => s.id === end)?.name ?? design.assets.find((a) => a.id === end)?.name ?? '?'
		return { kind: 'relationship', text: `${name(relationship.from)} → ${name(relationship.to)} (${relationship.flow})` }
	}
	const contribution = design.contributions.find((c) => c.id === id)
	if (contribution) return { kind: contribution.kind, text: contribution.text }
	return null
}

/** An upload's URL on this server: `/uploads/<room>/<file>`. */
const UPLOAD = /^\/uploads\/([A-Za-z0-9_-]+)\/([0-9a-f]{64}\.(?:png|jpg|gif|webp))$/

/** The bytes of the images on a design's board that were uploaded to this room, by URL, for the reports. */
export async function imagesOf(design: ServiceDesign, room: string, assets: AssetStore): Promise<Map<string, ImageFile>> {
	const images = new Map<string, ImageFile>()
	for (const contribution of design.contributions) {
		const url = contribution.image?.url ?? ''
		const upload = UPLOAD.exec(url)
		if (!upload || upload[1] !== room || images.has(url)) continue
		const found = await assets.get(room, upload[2]!)
		if (found) images.set(url, found)
	}
	return images
}

export const EXPORT_FORMATS = ['json', 'csv', 'md', 'html', 'pdf', 'geojson'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export function isExportFormat(value: string): value is ExportFormat {
	return (EXPORT_FORMATS as readonly string[]).includes(value)
}

/** A design as a file of `format` (CSV: one table, or every table in a zip). */
/**
 * The exporters (pdfkit and its fonts among them), loaded on the first export rather than at start:
 * a server that never exports does not hold them in memory.
 */
export const exporters = () => import('@cyd/export')

export async function renderExport(design: ServiceDesign, format: ExportFormat, options: ExportOptions, table?: CsvTable): Promise<{ body: Uint8Array; type: string; extension: string }> {
	const { designCsv, designCsvZip, designGeoJsonText, designHtml, designJson, designMarkdown, designPdf } = await exporters()
	const text = (body: string, type: string, extension: string) => ({ body: new TextEncoder().encode(body), type: `${type}; charset=utf-8`, extension })
	switch (format) {
		case 'json':
			return text(designJson(design, options), 'application/json', 'json')
		case 'csv':
			return table ? text(designCsv(design, table, options), 'text/csv', 'csv') : { body: designCsvZip(design, options), type: 'application/zip', extension: 'zip' }
		case 'md':
			return text(designMarkdown(design, options), 'text/markdown', 'md')
		case 'html':
			return text(designHtml(design, options), 'text/html', 'html')
		case 'pdf':
			return { body: await designPdf(design, options), type: 'application/pdf', extension: 'pdf' }
		case 'geojson':
			// The pins of the neighbourhood map (RFC 7946).
			return text(designGeoJsonText(design, options), 'application/geo+json', 'geojson')
	}
}
