/**
 * Others' changes to the journey and the stakeholder map, as sentences for a polite live region: who
 * added what where, what moved where, what went. A burst of changes is said once, briefly.
 * @module
 */
import { BLUEPRINT_TYPE, CARD_TYPE, STAKEHOLDER_TYPE, type BlueprintShape, type CardShape, type StakeholderShape } from '@cyd/model'
import { useEffect, useState } from 'react'
import type { Editor, TLRecord, TLShapeId } from 'tldraw'
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

/** Sentences for one batch of remote changes. */
export function describeChanges(editor: Editor, t: T, changes: { added: Record<string, TLRecord>; updated: Record<string, [TLRecord, TLRecord]>; removed: Record<string, TLRecord> }): string[] {
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
	for (const record of Object.values(changes.removed)) {
		if (isCard(record)) said.push(t('outline.announce.removed', { text: record.props.text.slice(0, 60) }))
	}
	return said
}

/** The latest sentence about others' changes, said at most about once a second. */
export function useBoardAnnouncements(editor: Editor | null): string {
	const t = useT()
	const [message, setMessage] = useState('')
	useEffect(() => {
		if (!editor) return
		let pending: string[] = []
		let timer: ReturnType<typeof setTimeout> | null = null
		const flush = () => {
			timer = null
			const shown = pending.slice(0, 3)
			const more = pending.length - shown.length
			setMessage([...shown, ...(more > 0 ? [t('outline.announce.more', { count: more })] : [])].join(' '))
			pending = []
		}
		const stop = editor.store.listen(
			({ changes }) => {
				pending.push(...describeChanges(editor, t, changes))
				if (pending.length && !timer) timer = setTimeout(flush, 800)
			},
			{ source: 'remote', scope: 'document' }
		)
		return () => {
			stop()
			if (timer) clearTimeout(timer)
		}
	}, [editor, t])
	return message
}
