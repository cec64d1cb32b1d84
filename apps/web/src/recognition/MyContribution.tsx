/**
 * "My contribution": a button in the room's header opening a dialog with what the person gave (time
 * present, things made, votes cast, time credits at the facilitator's rate), their signed receipt (a PDF
 * to download or a page to print, in English or Welsh), an opt-in participation code that adds up their
 * hours across workshops, and their own data (download it, or erase themselves). For the facilitator,
 * the room's credit rate, receipts for the table's seats, what would help people take part, the
 * monitoring's totals and how long the room keeps personal data.
 * @module
 */
import type { Role } from '@cyd/model'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useI18n } from '../i18n/I18n'
import './recognition.css'
import { MonitoringForm, MonitoringTotalsView, PeopleData } from './Monitoring'
import { deleteParticipationCode, newParticipationCode, participationTotal, type MyContribution as Mine, type ParticipationTotal, type RecognitionApi } from './api'

const CODE_KEY = 'cyd.participationCode'

const hours = (minutes: number, language: string) => new Intl.NumberFormat(language === 'cy' ? 'cy-GB' : 'en-GB', { maximumFractionDigits: 1 }).format(minutes / 60)
const number = (n: number, language: string) => new Intl.NumberFormat(language === 'cy' ? 'cy-GB' : 'en-GB', { maximumFractionDigits: 2 }).format(n)

export function MyContributionButton({ api, role }: { api: RecognitionApi; role: Role }) {
	const { t } = useI18n()
	const dialog = useRef<HTMLDialogElement>(null)
	const [open, setOpen] = useState(false)
	const headingId = useId()
	useEffect(() => {
		const d = dialog.current
		if (!d) return
		if (open && !d.open) d.showModal()
		if (!open && d.open) d.close()
	}, [open])
	return (
		<>
			<button type="button" className="button small" aria-haspopup="dialog" aria-expanded={open} data-testid="my-contribution-open" onClick={() => setOpen(true)}>
				{t('mine.open')}
			</button>
			<dialog ref={dialog} className="my-contribution" aria-labelledby={headingId} onClose={() => setOpen(false)} data-testid="my-contribution">
				{open && <MyContributionBody api={api} role={role} headingId={headingId} onClose={() => setOpen(false)} />}
			</dialog>
		</>
	)
}

function MyContributionBody({ api, role, headingId, onClose }: { api: RecognitionApi; role: Role; headingId: string; onClose: () => void }) {
	const { t, language } = useI18n()
	const [mine, setMine] = useState<Mine | null>(null)
	const [error, setError] = useState<string | null>(null)
	const [status, setStatus] = useState('')
	const [receiptLanguage, setReceiptLanguage] = useState<'en' | 'cy'>(language === 'cy' ? 'cy' : 'en')
	useEffect(() => {
		api.mine().then(setMine, (e: Error) => setError(e.message))
	}, [api])
	const run = async (work: () => Promise<unknown>, done: string) => {
		setError(null)
		try {
			await work()
			setStatus(done)
		} catch (e) {
			setError((e as Error).message)
		}
	}
	const facilitator = role === 'facilitator'
	return (
		<div className="my-contribution-body">
			<div className="my-contribution-head">
				<h2 id={headingId}>{t('mine.heading')}</h2>
				<button type="button" className="button small" onClick={onClose}>
					{t('mine.close')}
				</button>
			</div>
			{mine ? (
				<dl className="my-contribution-figures" data-testid="my-contribution-figures">
					<dt>{t('mine.hours')}</dt>
					<dd data-testid="mine-hours">{hours(mine.minutesPresent, language)}</dd>
					<dt>{t('mine.made')}</dt>
					<dd data-testid="mine-made">{number(mine.made, language)}</dd>
					<dt>{t('mine.votes')}</dt>
					<dd data-testid="mine-votes">{number(mine.votesCast, language)}</dd>
					<dt>{t('mine.credits')}</dt>
					<dd data-testid="mine-credits">{t('mine.creditsValue', { credits: number(mine.credits, language), rate: number(mine.creditRate, language) })}</dd>
				</dl>
			) : (
				!error && <p>{t('mine.loading')}</p>
			)}
			<section aria-labelledby={`${headingId}-receipt`}>
				<h3 id={`${headingId}-receipt`}>{t('mine.receipt')}</h3>
				<p className="hint">{t('mine.receiptHint')}</p>
				<fieldset className="choices">
					<legend>{t('mine.receiptLanguage')}</legend>
					{(['en', 'cy'] as const).map((l) => (
						<label key={l} className="choice">
							<input type="radio" name={`${headingId}-lang`} checked={receiptLanguage === l} onChange={() => setReceiptLanguage(l)} />
							{t(`mine.language.${l}`)}
						</label>
					))}
				</fieldset>
				<div className="button-row">
					<button type="button" className="button primary" data-testid="mine-download" onClick={() => void run(() => api.downloadReceipt(receiptLanguage), t('mine.downloaded'))}>
						{t('mine.download')}
					</button>
					<button type="button" className="button" onClick={() => void run(() => api.printReceipts('mine', receiptLanguage, window.open('', '_blank')), t('mine.printed'))}>
						{t('mine.print')}
					</button>
					{facilitator && (
						<button type="button" className="button" data-testid="mine-seats" onClick={() => void run(() => api.printReceipts('seats', receiptLanguage, window.open('', '_blank')), t('mine.printed'))}>
							{t('mine.printSeats')}
						</button>
					)}
				</div>
			</section>
			{!facilitator && <ParticipationCode api={api} onError={setError} />}
			{(role === 'participant' || role === 'expert' || role === 'observer') && <MonitoringForm api={api} onError={setError} />}
			{facilitator && <FacilitatorRecognition api={api} onError={setError} onDone={setStatus} />}
			<section aria-labelledby={`${headingId}-data`}>
				<h3 id={`${headingId}-data`}>{t('mine.data')}</h3>
				<p className="hint">
					{t('mine.dataHint')}{' '}
					<a href={`/privacy?lang=${language}`} target="_blank" rel="noopener">
						{t('mine.privacyNotice')}
					</a>
				</p>
				<div className="button-row">
					<button type="button" className="button" onClick={() => void run(() => api.downloadMyData(), t('mine.downloaded'))}>
						{t('mine.downloadData')}
					</button>
					{!facilitator && (
						<button
							type="button"
							className="button danger"
							onClick={() => {
								if (window.confirm(t('mine.eraseConfirm'))) void run(() => api.eraseMe(), t('mine.erased'))
							}}
						>
							{t('mine.erase')}
						</button>
					)}
				</div>
			</section>
			<p role="status" aria-live="polite" data-testid="mine-status">
				{status}
			</p>
			<p role="alert" className="error">
				{error ?? ''}
			</p>
		</div>
	)
}

/** The opt-in participation code: keep one (kept on this device), add this workshop, see the total, delete it. */
function ParticipationCode({ api, onError }: { api: RecognitionApi; onError: (message: string | null) => void }) {
	const { t, language } = useI18n()
	const [code, setCode] = useState<string>(() => localStorage.getItem(CODE_KEY) ?? '')
	const [typed, setTyped] = useState('')
	const [total, setTotal] = useState<ParticipationTotal | null>(null)
	const id = useId()
	useEffect(() => {
		if (!code) return
		participationTotal(code).then(setTotal, () => setTotal(null))
	}, [code])
	const keep = async (value: string) => {
		onError(null)
		try {
			const added = await api.addToCode(value)
			localStorage.setItem(CODE_KEY, added.code)
			setCode(added.code)
			setTotal(added)
		} catch (e) {
			onError((e as Error).message)
		}
	}
	const submit = (event: FormEvent) => {
		event.preventDefault()
		if (typed.trim()) void keep(typed.trim())
	}
	return (
		<section aria-labelledby={`${id}-h`}>
			<h3 id={`${id}-h`}>{t('mine.code')}</h3>
			<p className="hint">{t('mine.codeHint')}</p>
			{code ? (
				<>
					<p>
						{t('mine.codeYours')} <strong data-testid="mine-code">{code}</strong>
					</p>
					{total && <p data-testid="mine-code-total">{t('mine.codeTotal', { workshops: total.workshops, hours: hours(total.minutesPresent, language), credits: number(total.credits, language) })}</p>}
					<div className="button-row">
						<button type="button" className="button" onClick={() => void keep(code)}>
							{t('mine.codeAdd')}
						</button>
						<button
							type="button"
							className="button danger"
							onClick={() => {
								if (!window.confirm(t('mine.codeDeleteConfirm'))) return
								deleteParticipationCode(code).then(
									() => {
										localStorage.removeItem(CODE_KEY)
										setCode('')
										setTotal(null)
									},
									(e: Error) => onError(e.message),
								)
							}}
						>
							{t('mine.codeDelete')}
						</button>
					</div>
				</>
			) : (
				<>
					<button
						type="button"
						className="button"
						data-testid="mine-code-new"
						onClick={() => void newParticipationCode().then((made) => keep(made.code), (e: Error) => onError(e.message))}
					>
						{t('mine.codeNew')}
					</button>
					<form onSubmit={submit} className="inline-form">
						<label htmlFor={`${id}-input`}>{t('mine.codeHave')}</label>
						<input id={`${id}-input`} value={typed} autoComplete="off" maxLength={20} onChange={(e) => setTyped(e.target.value)} />
						<button type="submit" className="button">
							{t('mine.codeUse')}
						</button>
					</form>
				</>
			)}
		</section>
	)
}

/** The facilitator's: the credit rate, how long personal data is kept, what would help people take part, the monitoring's totals. */
function FacilitatorRecognition({ api, onError, onDone }: { api: RecognitionApi; onError: (message: string | null) => void; onDone: (message: string) => void }) {
	const { t } = useI18n()
	const id = useId()
	const [rate, setRate] = useState('')
	const [days, setDays] = useState('')
	const [needs, setNeeds] = useState<Awaited<ReturnType<RecognitionApi['needs']>> | null>(null)
	useEffect(() => {
		api.rate().then((r) => setRate(String(r.creditsPerHour)), () => undefined)
		api.privacy().then((p) => setDays(String(p.retentionDays)), () => undefined)
		api.needs().then(setNeeds, () => undefined)
	}, [api])
	const save = async (event: FormEvent) => {
		event.preventDefault()
		onError(null)
		try {
			await api.setRate(Number(rate))
			await api.setRetention(Number(days))
			onDone(t('mine.saved'))
		} catch (e) {
			onError((e as Error).message)
		}
	}
	return (
		<section aria-labelledby={`${id}-h`}>
			<h3 id={`${id}-h`}>{t('mine.room')}</h3>
			<form onSubmit={save} className="my-contribution-settings">
				<label htmlFor={`${id}-rate`}>{t('mine.rate')}</label>
				<input id={`${id}-rate`} type="number" min={0} max={100} step={0.25} value={rate} onChange={(e) => setRate(e.target.value)} />
				<label htmlFor={`${id}-days`}>{t('mine.retention')}</label>
				<input id={`${id}-days`} type="number" min={1} max={3650} step={1} value={days} onChange={(e) => setDays(e.target.value)} />
				<button type="submit" className="button">
					{t('mine.save')}
				</button>
			</form>
			<h4>{t('mine.needs')}</h4>
			<p className="hint">{t('mine.needsHint')}</p>
			{needs && needs.length === 0 && <p>{t('mine.needsNone')}</p>}
			{needs && needs.length > 0 && (
				<ul data-testid="mine-needs">
					{needs.map((n) => (
						<li key={n.person}>
							<strong>{n.name}</strong>: {[...n.needs.map((need) => t(`needs.${need}`)), n.other].filter(Boolean).join('; ')}
						</li>
					))}
				</ul>
			)}
			<MonitoringTotalsView api={api} />
			<PeopleData api={api} onError={onError} onDone={onDone} />
		</section>
	)
}
