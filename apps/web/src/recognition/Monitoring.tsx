/**
 * Equalities monitoring in "My contribution": for a person, an optional, anonymous form (every question
 * may be left unanswered), answered once; for the facilitator, its totals with every count under five
 * shown as "fewer than 5", and the room's people with their data to download or erase.
 * @module
 */
import { MONITORING_QUESTIONS, type MonitoringAnswers, type MonitoringQuestion, type MonitoringTotals } from '@cyd/model'
import { useEffect, useId, useState, type FormEvent } from 'react'
import { useT } from '../i18n/I18n'
import type { RecognitionApi } from './api'

const QUESTIONS = Object.keys(MONITORING_QUESTIONS) as MonitoringQuestion[]

export function MonitoringForm({ api, onError }: { api: RecognitionApi; onError: (message: string | null) => void }) {
	const t = useT()
	const id = useId()
	const [answered, setAnswered] = useState<boolean | null>(null)
	const [answers, setAnswers] = useState<Record<string, string>>({})
	const [sent, setSent] = useState(false)
	useEffect(() => {
		api.monitored().then((m) => setAnswered(m.answered), () => setAnswered(null))
	}, [api])
	const submit = async (event: FormEvent) => {
		event.preventDefault()
		onError(null)
		try {
			await api.answerMonitoring(Object.fromEntries(Object.entries(answers).filter(([, a]) => a !== '')) as MonitoringAnswers)
			setSent(true)
			setAnswered(true)
		} catch (e) {
			onError((e as Error).message)
		}
	}
	return (
		<section aria-labelledby={`${id}-h`}>
			<details>
				<summary>
					<h3 id={`${id}-h`} className="summary-heading">
						{t('monitor.heading')}
					</h3>
				</summary>
				<p className="hint">{t('monitor.hint')}</p>
				{answered ? (
					<p role="status">{sent ? t('monitor.sent') : t('monitor.answered')}</p>
				) : (
					<form onSubmit={submit} className="monitoring-form" data-testid="monitoring-form">
						{QUESTIONS.map((q) => (
							<div key={q} className="field">
								<label htmlFor={`${id}-${q}`}>{t(`monitor.q.${q}`)}</label>
								<select id={`${id}-${q}`} value={answers[q] ?? ''} onChange={(e) => setAnswers({ ...answers, [q]: e.target.value })}>
									<option value="">{t('monitor.notSaid')}</option>
									{MONITORING_QUESTIONS[q].map((a) => (
										<option key={a} value={a}>
											{t(`monitor.a.${a}`)}
										</option>
									))}
								</select>
							</div>
						))}
						<button type="submit" className="button">
							{t('monitor.send')}
						</button>
					</form>
				)}
			</details>
		</section>
	)
}

export function MonitoringTotalsView({ api }: { api: RecognitionApi }) {
	const t = useT()
	const id = useId()
	const [totals, setTotals] = useState<MonitoringTotals | null>(null)
	useEffect(() => {
		api.monitoring().then(setTotals, () => setTotals(null))
	}, [api])
	if (!totals) return null
	const count = (n: number | null) => (n === null ? t('monitor.fewer') : String(n))
	return (
		<section aria-labelledby={`${id}-h`}>
			<h4 id={`${id}-h`}>{t('monitor.totals')}</h4>
			<p data-testid="monitoring-responses">
				{t('monitor.responses')}: {count(totals.responses)}
			</p>
			{QUESTIONS.map((q) => (
				<table key={q} className="monitoring-totals">
					<caption>{t(`monitor.q.${q}`)}</caption>
					<tbody>
						{MONITORING_QUESTIONS[q].map((a) => (
							<tr key={a}>
								<th scope="row">{t(`monitor.a.${a}`)}</th>
								<td>{count(totals.questions[q][a] ?? 0)}</td>
							</tr>
						))}
					</tbody>
				</table>
			))}
		</section>
	)
}

/** The room's people, each with their data to download (a subject access request) or to erase. */
export function PeopleData({ api, onError, onDone }: { api: RecognitionApi; onError: (message: string | null) => void; onDone: (message: string) => void }) {
	const t = useT()
	const id = useId()
	const [people, setPeople] = useState<Awaited<ReturnType<RecognitionApi['people']>> | null>(null)
	useEffect(() => {
		api.people().then(setPeople, () => setPeople(null))
	}, [api])
	if (!people) return null
	const others = people.filter((p) => p.role !== 'facilitator')
	if (others.length === 0) return null
	return (
		<section aria-labelledby={`${id}-h`}>
			<h4 id={`${id}-h`}>{t('mine.people')}</h4>
			<ul className="people-data">
				{others.map((p) => (
					<li key={p.id}>
						<span>{p.name}</span>
						<button type="button" className="button small" onClick={() => void api.downloadPersonData(p.id).then(() => onDone(t('mine.downloaded')), (e: Error) => onError(e.message))}>
							{t('mine.personData', { name: p.name })}
						</button>
						<button
							type="button"
							className="button small danger"
							onClick={() => {
								if (!window.confirm(t('mine.personEraseConfirm', { name: p.name }))) return
								api.erasePerson(p.id).then(
									() => setPeople(people.filter((q) => q.id !== p.id)),
									(e: Error) => onError(e.message),
								)
							}}
						>
							{t('mine.personErase', { name: p.name })}
						</button>
					</li>
				))}
			</ul>
		</section>
	)
}
