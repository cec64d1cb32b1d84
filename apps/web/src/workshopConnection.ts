/**
 * The room's workshop-state document (agenda, phase, timer, lock, voting round, summons, who joined),
 * read live over its own websocket. Only the server writes it; this side never changes the doc.
 * @module
 */
import { EMPTY_WORKSHOP, parseCommunity, parseWorkshop, WORKSHOP_MAP, workshopDocument, type CommunityState, type WorkshopState, CLOSE_CODES } from '@cyd/model'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

/** Why the server sent this person away: their link was revoked, or the facilitator removed them. */
export type Ended = 'revoked' | 'removed'

/** Close codes the server uses for people it sends away. */
export function endedByCloseCode(code: number): Ended | null {
	if (code === CLOSE_CODES.linkRevoked) return 'revoked'
	if (code === CLOSE_CODES.removed) return 'removed'
	return null
}

export interface WorkshopSnapshot {
	/** False until the first sync with the server. */
	synced: boolean
	state: WorkshopState
	/** The community's part: experts leaving the room, ratification, the budget round. */
	community?: CommunityState
}

export class WorkshopConnection {
	private readonly doc = new Y.Doc()
	private readonly provider: WebsocketProvider
	private snapshot: WorkshopSnapshot = { synced: false, state: EMPTY_WORKSHOP }
	private listeners = new Set<() => void>()

	constructor(
		roomId: string,
		session: string,
		private readonly onEnded: (why: Ended) => void
	) {
		const protocol = location.protocol === 'https:' ? 'wss' : 'ws'
		this.provider = new WebsocketProvider(`${protocol}://${location.host}/sync`, workshopDocument(roomId), this.doc, {
			params: { token: session },
			disableBc: true,
		})
		this.doc.getMap(WORKSHOP_MAP).observe(this.update)
		this.provider.on('sync', this.update)
		this.provider.on('closed', ({ code }) => {
			const why = endedByCloseCode(code)
			if (why) this.onEnded(why)
		})
	}

	subscribe = (listener: () => void) => {
		this.listeners.add(listener)
		return () => {
			this.listeners.delete(listener)
		}
	}

	getSnapshot = () => this.snapshot

	dispose() {
		this.listeners.clear()
		this.provider.destroy()
		this.doc.destroy()
	}

	private update = () => {
		const synced = this.snapshot.synced || this.provider.synced
		const json = this.doc.getMap(WORKSHOP_MAP).toJSON()
		this.snapshot = { synced, state: parseWorkshop(json), community: parseCommunity(json) }
		for (const listener of this.listeners) listener()
	}
}
