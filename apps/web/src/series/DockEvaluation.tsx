/**
 * The evaluation at the touch table, in a seat's dock: each statement with five buttons (one tap each,
 * under many fingers at once), and Send, answered once for the seat's person through the facilitator's
 * table. "What would you change" is left to phones and laptops: typing it on the table's keyboard would
 * be slow and seen by everyone around it.
 * @module
 */
import { EVALUATION_SCALE, EVALUATION_STATEMENTS, type EvaluationScore, type EvaluationStatement, type Seat } from '@cyd/model'
import { useEffect, useState, type ComponentType, type ReactNode } from 'react'
import type { RoomApi } from '../api'
import { useT } from '../i18n/I18n'
import type { Say, Translate } from '../i18n/say'
import './series.css'

/** The dock's own button, which acts once per tap under many fingers (table/Dock.tsx). */
type Tap = ComponentType<{ onTap(): void; disabled?: boolean; className?: string; children: ReactNode; 'aria-label'?: string; 'aria-pressed'?: boolean }>

export function DockEvaluation({ api, seat, index, Tap: TapButton }: { api: RoomApi; seat: Seat; index: number; Tap: Tap }) {
	const t = useT()
	const [answered, setAnswered] = useState<boolean | null>(null)
	const [scores, setScores] = useState<Partial<Record<EvaluationStatement, EvaluationScore>>>({})
	// Kept as a message and said in the language chosen when shown.
	const [error, setError] = useState<Say | null>(null)
	useEffect(() => {
		let cancelled = false
		api.evaluationMine(seat.id).then(
			(mine) => !cancelled && setAnswered(mine.answered),
			() => undefined
		)
		return () => {
			cancelled = true
		}
	}, [api, seat.id])
	const send = () =>
		api.answerEvaluation({ scores, change: '', seat: seat.id }).then(
			() => setAnswered(true),
			(e: unknown) => setError(() => (t: Translate) => t('evaluation.form.failed', { reason: e instanceof Error ? e.message : String(e) }))
		)
	return (
		<div className="dock-evaluation" data-dock-panel role="group" aria-label={t('dock.evaluation', { name: seat.name })} data-testid={`dock-${index}-evaluation`}>
			{answered ? (
				<p role="status">{t('dock.evaluated')}</p>
			) : (
				<>
					{EVALUATION_STATEMENTS.map((key) => (
						<div key={key} className="dock-evaluation-row" role="group" aria-label={t(`evaluation.statement.${key}`)}>
							<span className="dock-evaluation-statement">{t(`evaluation.statement.${key}`)}</span>
							{EVALUATION_SCALE.map((n) => (
								<TapButton key={n} aria-label={`${n} · ${t(`evaluation.scale.${n}`)}`} aria-pressed={scores[key] === n} onTap={() => setScores((s) => ({ ...s, [key]: n }))}>
									{n}
								</TapButton>
							))}
						</div>
					))}
					<p className="hint">{t('evaluation.scale.1')} = 1 · {t('evaluation.scale.5')} = 5</p>
					<p role="alert">{error?.(t)}</p>
					<TapButton className="primary" disabled={answered === null} onTap={() => void send()}>
						{t('evaluation.form.send')}
					</TapButton>
				</>
			)}
		</div>
	)
}
