/**
 * The end-of-session evaluation as a person answers it: three statements on a five-point scale (radio
 * buttons, one group each, every one skippable) and "what would you change", sent once. Shown over the
 * board while the facilitator has it open, to everyone taking part who has not answered; "Not now" folds it
 * into a button. The same form answers for a seat of the touch table (`seat`).
 * @module
 */
import { EVALUATION_SCALE, EVALUATION_STATEMENTS, MAX_EVALUATION_CHANGE, type EvaluationScore, type EvaluationStatement, type Role } from '@cyd/model'
import { useEffect, useId, useState, type FormEvent } from 'react'
import type { RoomApi } from '../api'
import { useI18n } from '../i18n/I18n'
import type { Say, Translate } from '../i18n/say'
import './series.css'

export function EvaluationForm({ api, seat, onSent, onLater }: { api: RoomApi; seat?: string; onSent(): void; onLater?: () => void }) {
	const { t } = useI18n()
	const id = useId()
	const [scores, setScores] = useState<Partial<Record<EvaluationStatement, EvaluationScore>>>({})
	const [change, setChange] = useState('')
	const [busy, setBusy] = useState(false)
	// Kept as a message and said in the language chosen when shown.
	const [error, setError] = useState<Say | null>(null)
	const submit = async (e: FormEvent) => {
		e.preventDefault()
		setBusy(true)
		setError(null)
		try {
			await api.answerEvaluation(seat === undefined ? { scores, change } : { scores, change, seat })
			onSent()
		} catch (err) {
			setError(() => (t: Translate) => t('evaluation.form.failed', { reason: err instanceof Error ? err.message : String(err) }))
		} finally {
			setBusy(false)
		}
	}
	return (
		<form className="evaluation-form" aria-labelledby={`${id}-h`} onSubmit={(e) => void submit(e)} data-testid="evaluation-form">
			<h2 id={`${id}-h`}>{t('evaluation.form.heading')}</h2>
			<p className="hint">{t('evaluation.form.intro')}</p>
			{EVALUATION_STATEMENTS.map((key) => (
				<fieldset key={key} className="evaluation-scale">
					<legend>{t(`evaluation.statement.${key}`)}</legend>
					{EVALUATION_SCALE.map((n) => (
						<label key={n} className="choice">
							<input type="radio" name={`${id}-${key}`} value={n} checked={scores[key] === n} onChange={() => setScores((s) => ({ ...s, [key]: n }))} />
							<span>
								{n} · {t(`evaluation.scale.${n}`)}
							</span>
						</label>
					))}
				</fieldset>
			))}
			<div className="field">
				<label htmlFor={`${id}-change`}>{t('evaluation.change')}</label>
				<textarea id={`${id}-change`} rows={3} maxLength={MAX_EVALUATION_CHANGE} value={change} onChange={(e) => setChange(e.currentTarget.value)} />
			</div>
			<p role="alert" className="error">
				{error?.(t)}
			</p>
			<div className="button-row">
				<button type="submit" className="button primary" disabled={busy}>
					{t('evaluation.form.send')}
				</button>
				{onLater && (
					<button type="button" className="button" onClick={onLater}>
						{t('evaluation.form.later')}
					</button>
				)}
			</div>
		</form>
	)
}

/** Over the board: the evaluation while it is open and I have not answered, or a button for it after "Not now". */
export function EvaluationPrompt({ api, open, role }: { api: RoomApi; open: boolean; role: Role }) {
	const { t } = useI18n()
	const [answered, setAnswered] = useState<boolean | null>(null)
	const [later, setLater] = useState(false)
	const [thanks, setThanks] = useState(false)
	const takesPart = role === 'participant' || role === 'expert' || role === 'observer'
	useEffect(() => {
		if (!open || !takesPart) return
		let cancelled = false
		api.evaluationMine().then(
			(mine) => !cancelled && setAnswered(mine.answered),
			() => undefined
		)
		return () => {
			cancelled = true
		}
	}, [api, open, takesPart])
	if (thanks)
		return (
			<p role="status" className="evaluation-prompt evaluation-thanks" data-testid="evaluation-thanks">
				{t('evaluation.form.thanks')}{' '}
				<button type="button" className="button small" onClick={() => setThanks(false)} aria-label={t('evaluation.form.close')}>
					×
				</button>
			</p>
		)
	if (!open || !takesPart || answered !== false) return null
	if (later)
		return (
			<div className="evaluation-prompt">
				<button type="button" className="button primary" onClick={() => setLater(false)}>
					{t('evaluation.form.reopen')}
				</button>
			</div>
		)
	return (
		<section className="evaluation-prompt">
			<EvaluationForm
				api={api}
				onSent={() => {
					setAnswered(true)
					setThanks(true)
				}}
				onLater={() => setLater(true)}
			/>
		</section>
	)
}
