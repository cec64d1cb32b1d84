/**
 * Others' changes to the journey and the stakeholder map, as sentences for a polite live region: who
 * added what where, who moved what where, who removed what. A burst of changes is said once, briefly.
 * @module
 */
import { BLUEPRINT_TYPE, CARD_TYPE, STAKEHOLDER_TYPE, type BlueprintShape, type CardShape, type StakeholderShape } from '@cyd/model'
import { useEffect, useState } from 'react'
import type { Editor, TLInstancePresence, TLRecord, TLShapeId } from 'tldraw'
import type { MessageKey } from '../i18n/catalog'
import { useT } from '../i18n/I18n'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

const isCard = (r: TLRecord): r is CardShape => r.typeName === 'shape' && r.type === CARD_TYPE
const isStakeholder = (r: TLRecord): r is StakeholderShape => r.typeName === 'shape' && r.type === STAKEHOLDER_TYPE

/** Where a card is, in words: "stage 2, Report, Touchpoints". */
function placeOf(editor: Editor, card: CardShape, t: T): string {
	const blueprint = editor.getShape(card.parentId as TLShapeId)
	if (blueprint?.type !== BLUEPRINT_TYPE) return ''
	const { stages, lanes } = (blueprint as BlueprintShape).props
	const index = stages.findIndex((s) => s.id === card.props.stage)
	const lane = lanes.find((l) => l.id === card.props.lane)
	return t('outline.place', { n: index + 1, stage: stages[index]?.name ?? '?', lane: lane?.name ?? '?' })
}

/** Sentences for one batch of remote changes to the document (removals are said apart: see {@link describeRemoval}). */
export function describeChanges(editor: Editor, t: T, changes: { added: Record<string, TLRecord>; updated: Record<string, [TLRecord, TLRecord]> }): string[] {
	const said: string[] = []
	for (const record of Object.values(changes.added)) {
		if (isCard(record)) said.push(t('outline.announce.added', { name: record.props.authorName || '?', kind: t(`journey.kind.${record.props.kind}`), place: placeOf(editor, record, t) }))
		else if (isStakeholder(record)) said.push(t('outline.announce.stakeholder', { name: record.props.authorName || '?', stakeholder: record.props.name }))
	}
	for (const [before, after] of Object.values(changes.updated)) {
		if (isCard(before) && isCard(after) && (before.props.stage !== after.props.stage || before.props.lane !== after.props.lane)) {
			// Who moved it: the person who has it selected (presence says what each person selected).
			const mover = editor.getCollaborators().find((c) => c.selectedShapeIds.includes(after.id))?.userName
			const values = { text: after.props.text.slice(0, 60), place: placeOf(editor, after, t) }
			said.push(mover ? t('outline.announce.movedBy', { ...values, name: mover }) : t('outline.announce.moved', values))
		}
	}
	return said
}

/** The sentence for a removed card or stakeholder (none for other records), naming `who` when known. */
export function describeRemoval(t: T, record: TLRecord, who: string | undefined): string | null {
	if (isCard(record)) {
		const text = record.props.text.slice(0, 60)
		return who ? t('outline.announce.removedBy', { name: who, text }) : t('outline.announce.removed', { text })
	}
	if (isStakeholder(record)) {
		const stakeholder = record.props.name
		return who ? t('outline.announce.stakeholderRemovedBy', { name: who, stakeholder }) : t('outline.announce.stakeholderRemoved', { stakeholder })
	}
	return null
}

/** A shape that left a person's selection (as their presence said), and when that was heard. */
export interface Drop {
	shape: string
	name: string
	at: number
}

/** The shapes `after` no longer has selected that `before` had: one drop each, at `at`. */
export function dropsBetween(before: TLInstancePresence, after: TLInstancePresence, at: number): Drop[] {
	return before.selectedShapeIds.filter((id) => !after.selectedShapeIds.includes(id)).map((shape) => ({ shape, name: after.userName, at }))
}

/** How long before a removal was heard a drop of the same shape may have been heard and still count. */
export const DROP_LEAD_MS = 1500

/**
 * Who removed a shape, from the drops heard in order: a client lets go of what it deletes at once, and
 * others only once the removal has reached them, so the first to let go from a moment before the removal
 * was heard is the one who removed it. Undefined when no one had it selected then (removed with a stage,
 * say): better no name than a wrong one.
 */
export function removerOf(drops: readonly Drop[], shape: string, removedAt: number): string | undefined {
	return drops.find((d) => d.shape === shape && d.at >= removedAt - DROP_LEAD_MS)?.name
}

/** How long the sentences wait: a burst of changes is said at once, and a remover's drop is heard by then. */
const SAY_AFTER_MS = 800
const SETTLE_REMOVAL_MS = 400

/** The latest sentence about others' changes, said at most about once a second. */
export function useBoardAnnouncements(editor: Editor | null): string {
	const t = useT()
	const [message, setMessage] = useState('')
	useEffect(() => {
		if (!editor) return
		let pending: string[] = []
		let removed: Array<{ record: TLRecord; at: number }> = []
		let drops: Drop[] = []
		let timer: ReturnType<typeof setTimeout> | null = null
		let sayAt = 0
		const flush = () => {
			timer = null
			const now = Date.now()
			for (const { record, at } of removed) {
				const sentence = describeRemoval(t, record, removerOf(drops, record.id, at))
				if (sentence) pending.push(sentence)
			}
			removed = []
			drops = drops.filter((d) => now - d.at < DROP_LEAD_MS)
			if (pending.length === 0) return
			const shown = pending.slice(0, 3)
			const more = pending.length - shown.length
			setMessage([...shown, ...(more > 0 ? [t('outline.announce.more', { count: more })] : [])].join(' '))
			pending = []
		}
		/** Say what is pending at `at` at the latest, or later if it is already due later. */
		const sayBy = (at: number) => {
			if (timer && at <= sayAt) return
			if (timer) clearTimeout(timer)
			sayAt = at
			timer = setTimeout(flush, at - Date.now())
		}
		const stopDocument = editor.store.listen(
			({ changes }) => {
				const now = Date.now()
				pending.push(...describeChanges(editor, t, changes))
				const gone = Object.values(changes.removed).filter((r) => isCard(r) || isStakeholder(r))
				removed.push(...gone.map((record) => ({ record, at: now })))
				if (pending.length && !timer) sayBy(now + SAY_AFTER_MS)
				if (gone.length) sayBy(now + SETTLE_REMOVAL_MS)
			},
			{ source: 'remote', scope: 'document' }
		)
		const stopPresence = editor.store.listen(
			({ changes }) => {
				const now = Date.now()
				for (const [before, after] of Object.values(changes.updated)) {
					if (before.typeName === 'instance_presence' && after.typeName === 'instance_presence') drops.push(...dropsBetween(before, after, now))
				}
				if (!timer) drops = drops.filter((d) => now - d.at < DROP_LEAD_MS)
			},
			{ source: 'remote', scope: 'presence' }
		)
		return () => {
			stopDocument()
			stopPresence()
			if (timer) clearTimeout(timer)
		}
	}, [editor, t])
	return message
}
