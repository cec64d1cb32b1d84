/**
 * After the decision, the commitment: outcomes the group wants (with how it will know: indicators),
 * actions on agreed items (owner, due day, status, the outcome served), dated updates on each action,
 * and visitors' replies from the public page. The server writes all of it, on someone's behalf, into
 * the workshop document (one entry per key, like the decision log); a reply's words stay in the private
 * document until the facilitator or the steward approves it.
 *
 * Who may do what (the server decides; clients only mirror it):
 * - outcomes and indicators: the facilitator sets them with the room (agreed at once), edits, agrees or
 *   removes any; a participant or an expert puts them forward (proposed, within the proposal rate) and
 *   may reword or withdraw only their own while they are still proposed; observers and stewards do not.
 * - actions: the facilitator makes and edits them, only on an item agreed now; the status changes
 *   through updates, so that the history says when and why.
 * - updates: the facilitator or the steward, during the workshop or long after it.
 * - replies: anyone with the public page's link (plain text, length- and rate-limited); the facilitator
 *   or the steward approves or hides each one, and only approved ones are published.
 * @module
 */
import {
	MAX_ACTIONS,
	MAX_INDICATORS,
	MAX_OUTCOMES,
	MAX_REPLY,
	MAX_UPDATES,
	decisionKey,
	latestDecisions,
	privateDocument,
	type Action,
	type ActionStatus,
	type ActionUpdate,
	type Author,
	type Indicator,
	type Outcome,
	type Owner,
	type OwnerKind,
	type ReplyStatus,
	type Role,
	type ServiceDesign,
	type WorkshopState,
} from '@cyd/model'
import type { SyncServer } from '@cyd/sync'
import type * as Y from 'yjs'
import { newId, Records, workshopMap, WorkshopError, type Identity } from './records.js'
import type { Workshops } from './workshops.js'

/** Most replies kept per room (the oldest hidden ones go first). */
export const MAX_REPLIES = 2000

/** A visitor's reply, as the private document keeps it. */
export interface Reply {
	id: string
	text: string
	/** Milliseconds since the epoch. */
	at: number
	status: ReplyStatus
	/** Who approved or hid it, and when; null while it waits. */
	decidedBy: Author | null
	decidedAt: number | null
}

const outcomesOf = (doc: Y.Doc) => new Records<unknown>(workshopMap(doc), 'outcome:')
const indicatorsOf = (doc: Y.Doc) => new Records<unknown>(workshopMap(doc), 'indicator:')
const actionsOf = (doc: Y.Doc) => new Records<unknown>(workshopMap(doc), 'action:')
const updatesOf = (doc: Y.Doc) => new Records<unknown>(workshopMap(doc), 'update:')
const replyNoticesOf = (doc: Y.Doc) => new Records<unknown>(workshopMap(doc), 'reply:')
const repliesOf = (doc: Y.Doc) => new Records<Reply>(doc.getMap('private'), 'reply:')

/** What an owner is given as: a stakeholder of the map by its id, or a group or agency by name. */
export type OwnerInput = { kind: 'stakeholder'; stakeholder: string } | { kind: Exclude<OwnerKind, 'stakeholder'>; name: string }

export interface ActionInput {
	item: string
	text: string
	owner: OwnerInput
	due: string | null
	status: ActionStatus
	reason: string
	outcome: string | null
}

/** The design of the board now, and the kind and text of one of its items; given by Outcomes. */
export interface Board {
	design(room: string): Promise<ServiceDesign>
	itemOf(design: ServiceDesign, id: string): { kind: Action['itemKind']; text: string } | null
}

/** Control characters other than tab and line breaks, which a plain-text field never needs. */
// eslint-disable-next-line no-control-regex -- finding control characters is what this pattern is for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/

export class Commitments {
	constructor(
		private readonly sync: SyncServer,
		private readonly workshops: Workshops,
		private readonly board: Board,
	) {}

	private async author(room: string, me: Identity): Promise<Author> {
		const person = me.person ? await this.workshops.links.person(room, me.person) : null
		return { id: me.person ?? '', name: person?.name ?? '' }
	}

	private update(room: string, change: (doc: Y.Doc, state: WorkshopState) => void): Promise<WorkshopState> {
		return this.workshops.facilitation.update(room, (_map, state, doc) => change(doc, state))
	}

	// --- outcomes and indicators ---

	/** A new outcome, with indicators if given: agreed when the facilitator sets it, else proposed. */
	async addOutcome(room: string, me: Identity, title: string, indicators: { text: string; measure: string }[]): Promise<Outcome> {
		const by = await this.author(room, me)
		const status = me.role === 'facilitator' ? 'agreed' : 'proposed'
		const at = new Date().toISOString()
		const outcome: Outcome = { id: newId(6), title, status, by, at, indicators: indicators.map((i) => ({ id: newId(6), text: i.text, measure: i.measure, status, by, at })) }
		await this.update(room, (doc, state) => {
			if (state.outcomes.length >= MAX_OUTCOMES) throw new WorkshopError(409, `a room keeps at most ${MAX_OUTCOMES} outcomes`)
			if (countIndicators(state) + indicators.length > MAX_INDICATORS) throw new WorkshopError(409, `a room keeps at most ${MAX_INDICATORS} indicators`)
			const { indicators: list, ...record } = outcome
			outcomesOf(doc).set(outcome.id, record)
			for (const indicator of list) indicatorsOf(doc).set(indicator.id, { ...indicator, outcome: outcome.id })
		})
		return outcome
	}

	/** Rewords an outcome, or (the facilitator) agrees it. */
	async editOutcome(room: string, me: Identity, id: string, change: { title?: string | undefined; status?: Outcome['status'] | undefined }): Promise<Outcome> {
		let result!: Outcome
		await this.update(room, (doc, state) => {
			const outcome = state.outcomes.find((o) => o.id === id)
			if (!outcome) throw new WorkshopError(404, 'no such outcome')
			mayChange(me, outcome, change.status !== undefined)
			const { indicators, ...record } = { ...outcome, ...defined(change) }
			outcomesOf(doc).set(id, record)
			result = { ...record, indicators }
		})
		return result
	}

	/** Removes an outcome and its indicators; refused while an action serves it. */
	async removeOutcome(room: string, me: Identity, id: string): Promise<void> {
		await this.update(room, (doc, state) => {
			const outcome = state.outcomes.find((o) => o.id === id)
			if (!outcome) throw new WorkshopError(404, 'no such outcome')
			mayChange(me, outcome, false)
			if (state.actions.some((a) => a.outcome === id)) throw new WorkshopError(409, 'an action serves this outcome: link the action to another outcome or none first')
			outcomesOf(doc).delete(id)
			for (const indicator of outcome.indicators) indicatorsOf(doc).delete(indicator.id)
		})
	}

	async addIndicator(room: string, me: Identity, outcomeId: string, text: string, measure: string): Promise<Indicator> {
		const by = await this.author(room, me)
		const indicator: Indicator = { id: newId(6), text, measure, status: me.role === 'facilitator' ? 'agreed' : 'proposed', by, at: new Date().toISOString() }
		await this.update(room, (doc, state) => {
			if (!state.outcomes.some((o) => o.id === outcomeId)) throw new WorkshopError(404, 'no such outcome')
			if (countIndicators(state) >= MAX_INDICATORS) throw new WorkshopError(409, `a room keeps at most ${MAX_INDICATORS} indicators`)
			indicatorsOf(doc).set(indicator.id, { ...indicator, outcome: outcomeId })
		})
		return indicator
	}

	async editIndicator(room: string, me: Identity, outcomeId: string, id: string, change: { text?: string | undefined; measure?: string | undefined; status?: Indicator['status'] | undefined }): Promise<Indicator> {
		let result!: Indicator
		await this.update(room, (doc, state) => {
			const indicator = state.outcomes.find((o) => o.id === outcomeId)?.indicators.find((i) => i.id === id)
			if (!indicator) throw new WorkshopError(404, 'no such indicator of this outcome')
			mayChange(me, indicator, change.status !== undefined)
			result = { ...indicator, ...defined(change) }
			indicatorsOf(doc).set(id, { ...result, outcome: outcomeId })
		})
		return result
	}

	async removeIndicator(room: string, me: Identity, outcomeId: string, id: string): Promise<void> {
		await this.update(room, (doc, state) => {
			const indicator = state.outcomes.find((o) => o.id === outcomeId)?.indicators.find((i) => i.id === id)
			if (!indicator) throw new WorkshopError(404, 'no such indicator of this outcome')
			mayChange(me, indicator, false)
			indicatorsOf(doc).delete(id)
		})
	}

	// --- actions and their updates ---

	/** The owner as stored: a stakeholder's name is taken from the map. */
	private owner(design: ServiceDesign, input: OwnerInput): Owner {
		if (input.kind !== 'stakeholder') return { kind: input.kind, name: input.name, stakeholder: null }
		const stakeholder = design.stakeholders.find((s) => s.id === input.stakeholder)
		if (!stakeholder) throw new WorkshopError(404, 'owner: no such stakeholder on the map')
		return { kind: 'stakeholder', name: stakeholder.name, stakeholder: stakeholder.id }
	}

	/** A new action on an item the group has agreed (the facilitator's). */
	async addAction(room: string, me: Identity, input: ActionInput): Promise<Action> {
		const design = await this.board.design(room)
		const item = this.board.itemOf(design, input.item)
		if (!item) throw new WorkshopError(404, 'no such card, persona, stakeholder, asset, relationship, note, text, drawing or image on the board')
		const owner = this.owner(design, input.owner)
		const by = await this.author(room, me)
		const action: Action = {
			id: newId(6),
			item: input.item,
			itemKind: item.kind,
			itemText: item.text,
			text: input.text,
			owner,
			due: input.due,
			status: input.status,
			reason: input.status === 'dropped' ? input.reason : '',
			outcome: input.outcome,
			by,
			at: new Date().toISOString(),
			updates: [],
		}
		await this.update(room, (doc, state) => {
			if (latestDecisions(state.decisions).get(input.item)?.status !== 'agreed') throw new WorkshopError(409, 'actions are for items the group has agreed: agree the item first')
			if (input.outcome !== null && !state.outcomes.some((o) => o.id === input.outcome)) throw new WorkshopError(404, 'outcome: no such outcome')
			if (state.actions.length >= MAX_ACTIONS) throw new WorkshopError(409, `a room keeps at most ${MAX_ACTIONS} actions`)
			const { updates: _none, ...record } = action
			actionsOf(doc).set(action.id, record)
		})
		return action
	}

	/** Changes what an action says, who owns it, when it is due or the outcome it serves (the facilitator's). */
	async editAction(room: string, id: string, change: { text?: string | undefined; owner?: OwnerInput | undefined; due?: string | null | undefined; outcome?: string | null | undefined }): Promise<Action> {
		const owner = change.owner ? this.owner(await this.board.design(room), change.owner) : undefined
		let result!: Action
		await this.update(room, (doc, state) => {
			const action = state.actions.find((a) => a.id === id)
			if (!action) throw new WorkshopError(404, 'no such action')
			if (change.outcome != null && !state.outcomes.some((o) => o.id === change.outcome)) throw new WorkshopError(404, 'outcome: no such outcome')
			result = { ...action, ...defined({ text: change.text, due: change.due, outcome: change.outcome }), ...(owner ? { owner } : {}) }
			const { updates: _kept, ...record } = result
			actionsOf(doc).set(id, record)
		})
		return result
	}

	/**
	 * A dated update on an action (the facilitator's or the steward's): words, a new status, or both; a
	 * drop needs its reason. The action's status follows its latest update.
	 */
	async postUpdate(room: string, me: Identity, actionId: string, input: { text: string; status: ActionStatus | null; reason: string }): Promise<ActionUpdate> {
		if (!input.text && input.status === null) throw new WorkshopError(400, 'an update says what happened (text), changes the status, or both')
		if (input.status === 'dropped' && !input.reason) throw new WorkshopError(400, 'reason: say why the action was dropped')
		const by = await this.author(room, me)
		const now = Date.now()
		const key = decisionKey(now, newId(4))
		const update: ActionUpdate = { id: key, at: new Date(now).toISOString(), text: input.text, status: input.status, reason: input.status === 'dropped' ? input.reason : '', by, role: me.role }
		await this.update(room, (doc, state) => {
			const action = state.actions.find((a) => a.id === actionId)
			if (!action) throw new WorkshopError(404, 'no such action')
			if (state.actions.reduce((n, a) => n + a.updates.length, 0) >= MAX_UPDATES) throw new WorkshopError(409, `a room keeps at most ${MAX_UPDATES} updates`)
			const { id: _key, ...record } = update
			updatesOf(doc).set(key, { ...record, action: actionId })
			if (input.status !== null) {
				const { updates: _kept, ...rest } = action
				actionsOf(doc).set(actionId, { ...rest, status: input.status, reason: update.reason })
			}
		})
		return update
	}

	// --- replies from the public page ---

	/** A visitor's reply: kept privately, waiting; the room is told one came. */
	async reply(room: string, text: string): Promise<{ id: string }> {
		const words = text.replace(/\r\n?/g, '\n').trim()
		if (!words) throw new WorkshopError(400, 'text: write a reply first')
		if (words.length > MAX_REPLY) throw new WorkshopError(400, `text: at most ${MAX_REPLY} characters`)
		if (CONTROL.test(words)) throw new WorkshopError(400, 'text: plain text only')
		const reply: Reply = { id: newId(9), text: words, at: Date.now(), status: 'waiting', decidedBy: null, decidedAt: null }
		await this.sync.transact(privateDocument(room), (doc) => {
			const replies = repliesOf(doc)
			const all = replies.values()
			if (all.length >= MAX_REPLIES) {
				const hidden = all.filter((r) => r.status === 'hidden').sort((a, b) => a.at - b.at)[0]
				if (!hidden) throw new WorkshopError(409, 'this page has had as many replies as it keeps; the people running it will be in touch')
				replies.delete(hidden.id)
			}
			replies.set(reply.id, reply)
		})
		await this.update(room, (doc) => replyNoticesOf(doc).set(reply.id, { at: reply.at, status: reply.status }))
		return { id: reply.id }
	}

	/** Every reply, newest first (for the facilitator and the steward). */
	async replies(room: string): Promise<Reply[]> {
		const doc = await this.workshops.links.privateDoc(room)
		return repliesOf(doc)
			.values()
			.sort((a, b) => b.at - a.at)
	}

	/** Replies approved for the public page, oldest first. */
	async approvedReplies(room: string): Promise<{ text: string; at: number }[]> {
		return (await this.replies(room))
			.filter((r) => r.status === 'approved')
			.reverse()
			.map((r) => ({ text: r.text, at: r.at }))
	}

	/** Approves a reply for the public page, hides it, or puts it back to waiting. */
	async decideReply(room: string, me: Identity, id: string, status: ReplyStatus): Promise<Reply> {
		const by = await this.author(room, me)
		const reply = await this.sync.transact(privateDocument(room), (doc) => {
			const found = repliesOf(doc).get(id)
			if (!found) throw new WorkshopError(404, 'no such reply')
			const next: Reply = { ...found, status, decidedBy: status === 'waiting' ? null : by, decidedAt: status === 'waiting' ? null : Date.now() }
			repliesOf(doc).set(id, next)
			return next
		})
		await this.update(room, (doc) => replyNoticesOf(doc).set(id, { at: reply.at, status }))
		return reply
	}
}

function countIndicators(state: WorkshopState): number {
	return state.outcomes.reduce((n, o) => n + o.indicators.length, 0)
}

/**
 * Whether `me` may change an outcome or indicator: the facilitator any; its proposer their own while it
 * is still proposed, and never its status.
 */
function mayChange(me: Identity, record: { status: Outcome['status']; by: Author }, changesStatus: boolean): void {
	if (me.role === 'facilitator') return
	if (changesStatus) throw new WorkshopError(403, 'only the facilitator agrees an outcome or an indicator')
	if (record.by.id !== me.person) throw new WorkshopError(403, 'you may change only what you put forward')
	if (record.status !== 'proposed') throw new WorkshopError(403, 'the group has agreed this: only the facilitator changes it now')
}

/** The fields of `change` that are given (not undefined). */
function defined<T extends object>(change: T): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
	return Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Partial<{ [K in keyof T]: Exclude<T[K], undefined> }>
}

/** Roles that take part in setting outcomes with the group. */
export const OUTCOME_ROLES: Role[] = ['facilitator', 'participant', 'expert']
/** Roles that post updates and look after replies. */
export const FOLLOW_UP_ROLES: Role[] = ['facilitator', 'steward']
