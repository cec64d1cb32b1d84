/**
 * The public page of a room's agreed design: `/p/<room>/<secret>`, for anyone with the link until the
 * facilitator withdraws it. What was agreed (the notes and pictures of the board among it) and its
 * decision log; nobody is named (who decided is said by role), and the page says what the workshop was
 * about, when, how many took part and how many of them were residents (counted, never named), and
 * what a version is. Its images are shown from this server's uploads.
 * @module
 */
import type { Handler } from 'hono'
import { isLanguage, isRoomId } from '@cyd/model'
import type { RoomStore } from '@cyd/sync'
import type { Env } from '../env.js'
import { exporters, type Outcomes } from './outcomes.js'

const NOT_PUBLISHED =
	'<!doctype html><html lang="en"><meta charset="utf-8"><title>Not published</title><h1>This page is not published</h1><p>The link is wrong, or the page was withdrawn.</p></html>'

export function publicPage(deps: { outcomes: Outcomes; rooms: RoomStore }): Handler<Env> {
	return async (c) => {
		const room = c.req.param('id') ?? ''
		const secret = c.req.param('secret') ?? ''
		const stored = isRoomId(room) ? await deps.rooms.getRoom(room) : null
		if (!stored || !/^[A-Za-z0-9_-]{1,64}$/.test(secret) || !(await deps.outcomes.isPublished(room, secret))) return c.html(NOT_PUBLISHED, 404)
		const language = isLanguage(stored.language) ? stored.language : 'en'
		c.header('cache-control', 'no-store')
		c.header('referrer-policy', 'no-referrer')
		const { designHtml } = await exporters()
		const design = await deps.outcomes.design(room)
		return c.html(designHtml(design, { language, agreedOnly: true, publicPage: true, roomCreatedAt: stored.createdAt, linkImages: true }))
	}
}
