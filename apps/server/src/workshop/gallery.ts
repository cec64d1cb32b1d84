/**
 * The gallery of this Cyd: designs their facilitators chose to share with other organisations, each with
 * a title and a topic, searchable by either. What is shared is a room's agreed design, as it is when it is
 * copied; a facilitator of another room copies it onto their empty board (series.ts). Kept in one site
 * document (`cyd/gallery`), one entry per room, never served as a document.
 * @module
 */
import { Hono } from 'hono'
import { describeRoute } from 'hono-openapi'
import * as v from 'valibot'
import type * as Y from 'yjs'
import type { SyncServer } from '@cyd/sync'
import type { Env } from '../env.js'
import { valid } from '../http/validate.js'
import { WorkshopError } from './records.js'

export const GALLERY_DOCUMENT = 'cyd/gallery'
export const MAX_TOPIC = 80
/** Most entries one search answers. */
export const GALLERY_PAGE = 50

export interface GalleryEntry {
	room: string
	title: string
	topic: string
	language: string
	/** Milliseconds since the epoch. */
	sharedAt: number
}

const entries = (doc: Y.Doc) => doc.getMap('entries') as Y.Map<GalleryEntry>

export class Gallery {
	constructor(private readonly sync: SyncServer) {}

	private async read<T>(read: (map: Y.Map<GalleryEntry>) => T): Promise<T> {
		const held = this.sync.retain(GALLERY_DOCUMENT)
		try {
			return read(entries(await held.ready))
		} finally {
			held.release()
		}
	}

	/** Shares a room's agreed design (again, with a new topic, if it was shared). */
	async share(room: { id: string; title: string; language: string }, topic: string): Promise<GalleryEntry> {
		if (!room.title.trim()) throw new WorkshopError(409, 'give the room a title before sharing it')
		const entry: GalleryEntry = { room: room.id, title: room.title, topic, language: room.language, sharedAt: Date.now() }
		await this.sync.transact(GALLERY_DOCUMENT, (doc) => entries(doc).set(room.id, entry))
		return entry
	}

	async withdraw(room: string): Promise<void> {
		await this.sync.transact(GALLERY_DOCUMENT, (doc) => entries(doc).delete(room))
	}

	async entry(room: string): Promise<GalleryEntry | null> {
		return this.read((map) => map.get(room) ?? null)
	}

	/** Entries whose title or topic holds every word of `query` (any case), newest first. */
	async search(query: string): Promise<GalleryEntry[]> {
		const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean)
		return this.read((map) =>
			[...map.values()]
				.filter((e) => {
					const text = `${e.title} ${e.topic}`.toLocaleLowerCase()
					return words.every((w) => text.includes(w))
				})
				.sort((a, b) => b.sharedAt - a.sharedAt)
				.slice(0, GALLERY_PAGE),
		)
	}
}

/** `GET /api/gallery?q=`: the shared designs, for anyone (their facilitators chose to share them). */
export function galleryRoutes(gallery: Gallery) {
	return new Hono<Env>().get(
		'/gallery',
		describeRoute({ summary: 'Designs shared to the gallery, searched by title and topic', tags: ['series'] }),
		valid('query', v.object({ q: v.optional(v.pipe(v.string(), v.maxLength(200, 'q: at most 200 characters')), '') })),
		async (c) => c.json(await gallery.search(c.req.valid('query').q)),
	)
}
