/**
 * The workshop layer of a room, put together: links and people, live access, the facilitator's
 * controls, the table, voting and attendance, each in a module named for it.
 * @module
 */
import type * as Y from 'yjs'
import type { SyncServer } from '@cyd/sync'
import { Attendance, countContributions } from './attendance.js'
import { Budgeting } from './budget.js'
import { Community } from './community.js'
import { Facilitation } from './facilitation.js'
import { Links } from './links.js'
import { LiveAccess, type LiveLimits } from './live.js'
import { Ratification } from './ratification.js'
import { Table } from './table.js'
import type { TokenSigner } from './tokens.js'
import { Voting } from './voting.js'
import { Series } from './series.js'
import { Gallery } from './gallery.js'
import { Evaluation } from './evaluation.js'
import { Privacy } from './privacy.js'
import { Recognition } from './recognition.js'

export interface WorkshopOptions {
	linkLifetimeMs: number
	/** How long the steward's link lasts (a year when not given). */
	stewardLinkLifetimeMs?: number
	live: LiveLimits
	/** Days a room keeps personal data unless its facilitator sets another period (RETENTION_DAYS). */
	retentionDays?: number
	/** More watchers of a room's canvas while anyone is connected (the canvas guard). */
	watchCanvas?: (room: string, canvas: Y.Doc, workshop: Y.Doc) => () => void
}

export class Workshops {
	readonly links: Links
	readonly live: LiveAccess
	readonly facilitation: Facilitation
	readonly table: Table
	readonly voting: Voting
	readonly attendance: Attendance
	readonly community: Community
	readonly ratification: Ratification
	readonly budget: Budgeting
	readonly series: Series
	readonly gallery: Gallery
	readonly evaluation: Evaluation
	readonly recognition: Recognition
	readonly privacy: Privacy

	constructor(sync: SyncServer, signer: TokenSigner, options: WorkshopOptions) {
		const changed = (room: string) => this.live.enforce(room)
		this.links = new Links(sync, signer, options.linkLifetimeMs, changed, options.stewardLinkLifetimeMs)
		this.attendance = new Attendance(sync, this.links)
		this.facilitation = new Facilitation(sync, changed)
		this.table = new Table(this.facilitation, this.links, this.attendance)
		this.community = new Community(sync, this.facilitation, this.links)
		this.voting = new Voting(sync, this.facilitation, this.links, this.community)
		this.ratification = new Ratification(sync, this.facilitation, this.community)
		this.budget = new Budgeting(sync, this.facilitation, this.community)
		this.gallery = new Gallery(sync)
		this.series = new Series(sync, this.links, this.facilitation, this.gallery)
		this.evaluation = new Evaluation(sync, this.links, this.facilitation)
		this.recognition = new Recognition(sync, signer, this.links, this.attendance)
		this.privacy = new Privacy(sync, this.links, changed, options.retentionDays)
		const attendance = this.attendance
		this.live = new LiveAccess(sync, signer, options.live, {
			watchCanvas(room, canvas, workshop) {
				const unwatch = [countContributions(attendance, room, canvas, workshop), options.watchCanvas?.(room, canvas, workshop) ?? (() => {})]
				return () => unwatch.forEach((f) => f())
			},
			arrived: (room, person) => attendance.arrived(room, person),
			left: (room, person) => attendance.left(room, person),
			table: (room, open) => void this.table.seen(room, open).catch(() => undefined),
		})
	}

	async close(): Promise<void> {
		await this.attendance.flushCounts()
		this.attendance.close()
		this.live.close()
	}
}
