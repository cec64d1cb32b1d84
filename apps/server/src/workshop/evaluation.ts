/**
 * The end-of-session evaluation, anonymous: the facilitator opens it; each person (or a seat of the touch
 * table, through the facilitator's table) answers once. Who has answered is a set of person ids in the
 * room's private document; the answers are in a document of their own (`<room>/evaluation`, never served),
 * each under a random key, naming nobody and with no time. The server never keeps which answer is whose.
 * Whether it is open, and whether the public page shows the totals, is in the workshop document
 * (`evaluation`), for every screen to follow.
 * @module
 */
import type * as Y from 'yjs'
import { EVALUATION_STATEMENTS, evaluationTotals, privateDocument, type EvaluationAnswer, type EvaluationTotals } from '@cyd/model'
import type { SyncServer } from '@cyd/sync'
import type { Facilitation } from './facilitation.js'
import type { Links } from './links.js'
import { newId, PRIVATE_MAP, Records, workshopMap, WorkshopError } from './records.js'

/** The document of a room's anonymous answers. */
export const evaluationDocument = (room: string) => `${room}/evaluation`

/** Where the workshop document says whether the evaluation is open and public. */
export const EVALUATION_KEY = 'evaluation'

const answeredOf = (doc: Y.Doc) => new Records<true>(doc.getMap(PRIVATE_MAP), 'evaluated:')
const answersOf = (doc: Y.Doc) => new Records<EvaluationAnswer>(doc.getMap('answers'), '')

export interface EvaluationFlags {
	open: boolean
	public: boolean
}

export function flagsOf(map: Y.Map<unknown>): EvaluationFlags {
	const value = map.get(EVALUATION_KEY) as Partial<EvaluationFlags> | undefined
	return { open: value?.open === true, public: value?.public === true }
}

export class Evaluation {
	constructor(
		private readonly sync: SyncServer,
		private readonly links: Links,
		private readonly facilitation: Facilitation,
	) {}

	private async flags(room: string): Promise<EvaluationFlags> {
		const held = this.sync.retain(`${room}/workshop`)
		try {
			return flagsOf(workshopMap(await held.ready))
		} finally {
			held.release()
		}
	}

	/** Opens or closes the evaluation, and shows its totals on the public page or not (the facilitator's). */
	async set(room: string, change: Partial<EvaluationFlags>): Promise<EvaluationFlags> {
		let next!: EvaluationFlags
		await this.facilitation.update(room, (map) => {
			next = { ...flagsOf(map), ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) }
			map.set(EVALUATION_KEY, next)
		})
		return next
	}

	/** Whether the evaluation is open and whether this person has answered. */
	async mine(room: string, person: string): Promise<{ open: boolean; answered: boolean }> {
		const answered = answeredOf(await this.links.privateDoc(room)).has(person)
		return { open: (await this.flags(room)).open, answered }
	}

	/** A person's answer: once, while the evaluation is open. */
	async answer(room: string, person: string, answer: EvaluationAnswer): Promise<void> {
		if (!(await this.flags(room)).open) throw new WorkshopError(409, 'the evaluation is not open')
		// First the person is marked as having answered (refused if they had), then the answer is added
		// under a random key in another document: nothing links the two.
		await this.sync.transact(privateDocument(room), (doc) => {
			if (answeredOf(doc).has(person)) throw new WorkshopError(409, 'you have already answered this evaluation')
			answeredOf(doc).set(person, true)
		})
		const clean: EvaluationAnswer = { scores: Object.fromEntries(EVALUATION_STATEMENTS.flatMap((k) => (answer.scores[k] === undefined ? [] : [[k, answer.scores[k]]]))), change: answer.change.trim() }
		await this.sync.transact(evaluationDocument(room), (doc) => answersOf(doc).set(newId(12), clean))
	}

	/** The totals (for the facilitator, the report and, if chosen, the public page). */
	async totals(room: string): Promise<EvaluationTotals> {
		const held = this.sync.retain(evaluationDocument(room))
		try {
			const answers = answersOf(await held.ready).values()
			// Sorted, so the list says nothing of the order people answered in.
			const totals = evaluationTotals(answers, await this.flags(room))
			return { ...totals, changes: totals.changes.sort((a, b) => a.localeCompare(b)) }
		} finally {
			held.release()
		}
	}
}
