/**
 * Community decisions beside the board: the facilitator sends experts out of the room, asks everyone to
 * ratify what was agreed, and runs a participatory budget (the steward may cost its options); people
 * taking part answer the ratification and cast their budget ballot from any screen (a phone too), and the
 * touch table (a facilitator's screen) votes for its seats. Results are shown to everyone with plain
 * explanations. The server checks every rule; this side only mirrors them.
 * @module
 */
import { AUDIENCES, RATIFY_VOTES, type Audience, type BallotKind, type BudgetBallot, type BudgetRound, type CommunityState, type OptionVerdict, type RatificationRound, type RatifyVote, type Role, type Seat } from '@cyd/model'
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react'
import { useValue, type Editor } from 'tldraw'
import { textOf } from '../table/session'
import { useI18n } from '../i18n/I18n'
import type { Say, Translate } from '../i18n/say'
import type { MessageKey } from '../i18n/catalog'
import { saveFile, type CommunityApi } from './communityApi'
import './community.css'

/**
 * Runs a community action (a ballot, a round's settings): its error is kept as a message, said in the
 * language chosen when shown. Answers whether the action went through.
 */
export function useCommunityAction() {
	const [error, setError] = useState<Say | null>(null)
	const run = useCallback(async (action: () => Promise<unknown>) => {
		setError(null)
		try {
			await action()
			return true
		} catch (e) {
			setError(() => (t: Translate) => t('community.failed', { reason: e instanceof Error ? e.message : String(e) }))
			return false
		}
	}, [])
	return { error, run }
}

type T = ReturnType<typeof useI18n>['t']

export function CommunityPanel({ api, community, role, seats, editor, onClose }: {
	api: CommunityApi
	community: CommunityState
	role: Role
	/** The touch table's seats, for a facilitator to vote for. */
	seats: readonly Seat[]
	/** The board: its selected card, note, stakeholder or asset idea can become a budget option. */
	editor: Editor | null
	onClose(): void
}) {
	const { t } = useI18n()
	const selectedId = useValue('cyd.communitySelection', () => editor?.getOnlySelectedShapeId() ?? null, [editor])
	const selectedShape = selectedId && editor ? editor.getShape(selectedId) : undefined
	const selectedText = selectedShape ? textOf(selectedShape) : null
	const selected = selectedId && selectedText ? { id: selectedId as string, text: selectedText } : null
	const { error, run } = useCommunityAction()
	const facilitator = role === 'facilitator'
	const [seat, setSeat] = useState('')
	return (
		<aside id="community-panel" className="panel" aria-labelledby="community-heading">
			<div className="panel-head">
				<h2 id="community-heading" tabIndex={-1}>
					{t('community.heading')}
				</h2>
				<button type="button" className="button small" onClick={onClose} aria-label={t('community.close')}>
					×
				</button>
			</div>
			<p role="alert" className="error">
				{error?.(t)}
			</p>
			{facilitator && (
				<label className="check">
					<input type="checkbox" checked={community.expertsLeave} onChange={(e) => void run(() => api.setExpertsLeave(e.target.checked))} />
					<span>{t('community.expertsLeave')}</span>
				</label>
			)}
			{facilitator && <p className="hint">{t('community.expertsLeave.hint')}</p>}
			{facilitator && seats.length > 0 && (
				<label>
					<span>{t('community.seat')}</span>
					<select value={seat} onChange={(e) => setSeat(e.target.value)}>
						<option value="">{t('community.seat.me')}</option>
						{seats.map((s) => (
							<option key={s.id} value={s.id}>
								{s.name}
							</option>
						))}
					</select>
				</label>
			)}
			<BudgetSection api={api} round={community.budget} role={role} seat={seat || undefined} selected={selected} run={run} />
			<RatifySection api={api} round={community.ratification} role={role} seat={seat || undefined} run={run} />
		</aside>
	)
}

type Run = (action: () => Promise<unknown>) => Promise<boolean>

function AudienceSelect({ value, onChange }: { value: Audience; onChange(a: Audience): void }) {
	const { t } = useI18n()
	return (
		<label>
			<span>{t('community.audience')}</span>
			<select value={value} onChange={(e) => onChange(e.target.value as Audience)}>
				{AUDIENCES.map((a) => (
					<option key={a} value={a}>
						{t(`community.audience.${a}` as MessageKey)}
					</option>
				))}
			</select>
		</label>
	)
}

const votes = (role: Role) => role === 'facilitator' || role === 'participant' || role === 'expert'

// --- ratification ---

function RatifySection({ api, round, role, seat, run }: { api: CommunityApi; round: RatificationRound | null; role: Role; seat?: string; run: Run }) {
	const { t, language } = useI18n()
	const [threshold, setThreshold] = useState('2/3')
	const [audience, setAudience] = useState<Audience>('everyone')
	const [answers, setAnswers] = useState<Record<string, RatifyVote>>({})
	const [sent, setSent] = useState(false)
	const name = useId()
	useEffect(() => {
		setSent(false)
		setAnswers({})
		if (round?.status !== 'open' || !votes(role)) return
		let live = true
		void api.myRatification(seat).then(
			(mine) => live && mine.ballot && (setAnswers(mine.ballot), setSent(true)),
			() => undefined
		)
		return () => {
			live = false
		}
	}, [api, round?.id, round?.status, role, seat])
	const facilitator = role === 'facilitator'
	const open = (e: FormEvent) => {
		e.preventDefault()
		const [yes, of] = threshold.split('/').map(Number) as [number, number]
		void run(() => api.openRatification({ yes, of }, audience))
	}
	return (
		<section aria-labelledby={`${name}-h`}>
			<h3 id={`${name}-h`}>{t('community.ratify.heading')}</h3>
			{round && <p className="hint">{t('community.ratify.rule', { yes: round.threshold.yes, of: round.threshold.of })}</p>}
			{facilitator && round?.status !== 'open' && (
				<form onSubmit={open}>
					<label>
						<span>{t('community.ratify.threshold')}</span>
						<select value={threshold} onChange={(e) => setThreshold(e.target.value)}>
							{['1/2', '2/3', '3/4'].map((v) => {
								const [yes, of] = v.split('/')
								return (
									<option key={v} value={v}>
										{t('community.ratify.threshold.option', { yes: yes!, of: of! })}
									</option>
								)
							})}
						</select>
					</label>
					<AudienceSelect value={audience} onChange={setAudience} />
					<button type="submit" className="button small">
						{t('community.ratify.open')}
					</button>
				</form>
			)}
			{round?.status === 'open' && votes(role) && (
				<form
					onSubmit={(e) => {
						e.preventDefault()
						void run(() => api.ratify(answers, seat)).then((ok) => ok && setSent(true))
					}}
				>
					{round.items.map((item) => (
						<fieldset key={item.item} disabled={sent}>
							<legend>{item.text || item.item}</legend>
							{RATIFY_VOTES.map((v) => (
								<label key={v} className="check">
									<input type="radio" name={`${name}-${item.item}`} value={v} checked={answers[item.item] === v} onChange={() => setAnswers((a) => ({ ...a, [item.item]: v }))} />
									<span>{t(`community.ratify.${v}` as MessageKey)}</span>
								</label>
							))}
						</fieldset>
					))}
					{sent ? (
						<p role="status">{t('community.ratify.sent')}</p>
					) : (
						<button type="submit" className="button small" disabled={round.items.some((i) => !answers[i.item])}>
							{t('community.ratify.submit')}
						</button>
					)}
				</form>
			)}
			{facilitator && round?.status === 'open' && (
				<button type="button" className="button small" onClick={() => void run(() => api.closeRatification())}>
					{t('community.ratify.close')}
				</button>
			)}
			{round?.status === 'closed' && round.results && <RatificationResults round={round} t={t} />}
			{facilitator && round?.status === 'closed' && (
				<button type="button" className="button small" onClick={() => void run(async () => saveFile(await api.ratificationCsv(language), 'ratification.csv'))}>
					{t('community.ratify.csv')}
				</button>
			)}
		</section>
	)
}

export function RatificationResults({ round, t }: { round: RatificationRound; t: T }) {
	return (
		<ul className="results-list" data-testid="ratification-results">
			{round.items.map((item) => {
				const r = round.results?.[item.item]
				if (!r) return null
				return (
					<li key={item.item}>
						<strong>{item.text || item.item}</strong>: {r.ratified ? t('community.ratify.ratified') : t('community.ratify.notRatified')} ({t('community.ratify.tally', { yes: r.yes, no: r.no, abstain: r.abstain })})
					</li>
				)
			})}
		</ul>
	)
}

// --- participatory budgeting ---

/** An amount of a round's currency in the reader's language ("£1,000"). */
export function money(language: string, currency: string, amount: number): string {
	try {
		return new Intl.NumberFormat(language === 'cy' ? 'cy-GB' : 'en-GB', { style: 'currency', currency, maximumFractionDigits: Number.isInteger(amount) ? 0 : 2 }).format(amount)
	} catch {
		return `${amount} ${currency}`
	}
}

function BudgetSection({ api, round, role, seat, selected, run }: { api: CommunityApi; round: BudgetRound | null; role: Role; seat?: string; selected: { id: string; text: string } | null; run: Run }) {
	const { t, language } = useI18n()
	const name = useId()
	const facilitator = role === 'facilitator'
	const [setup, setSetup] = useState({ pot: '1000', currency: 'GBP', ballot: 'approval' as BallotKind, points: '10', audience: 'everyone' as Audience })
	const [fresh, setFresh] = useState(false)
	const showSetup = facilitator && (!round || (round.status === 'closed' && fresh))
	return (
		<section aria-labelledby={`${name}-h`}>
			<h3 id={`${name}-h`}>{t('community.budget.heading')}</h3>
			{round && <p>{`${t('community.budget.pot')}: ${money(language, round.currency, round.pot)}`}</p>}
			{showSetup && (
				<form
					onSubmit={(e) => {
						e.preventDefault()
						void run(() =>
							api.setUpBudget({ pot: Number(setup.pot), currency: setup.currency.toUpperCase(), ballot: setup.ballot, points: setup.ballot === 'points' ? Number(setup.points) : undefined, audience: setup.audience })
						).then((ok) => ok && setFresh(false))
					}}
				>
					<label>
						<span>{t('community.budget.pot')}</span>
						<input type="number" min={1} step={1} required value={setup.pot} onChange={(e) => setSetup({ ...setup, pot: e.target.value })} />
					</label>
					<label>
						<span>{t('community.budget.currency')}</span>
						<input value={setup.currency} maxLength={3} required pattern="[A-Za-z]{3}" onChange={(e) => setSetup({ ...setup, currency: e.target.value })} />
					</label>
					<label>
						<span>{t('community.budget.ballot')}</span>
						<select value={setup.ballot} onChange={(e) => setSetup({ ...setup, ballot: e.target.value as BallotKind })}>
							<option value="approval">{t('community.budget.ballot.approval')}</option>
							<option value="points">{t('community.budget.ballot.points')}</option>
						</select>
					</label>
					{setup.ballot === 'points' && (
						<label>
							<span>{t('community.budget.points')}</span>
							<input type="number" min={1} max={100} step={1} value={setup.points} onChange={(e) => setSetup({ ...setup, points: e.target.value })} />
						</label>
					)}
					<AudienceSelect value={setup.audience} onChange={(audience) => setSetup({ ...setup, audience })} />
					<button type="submit" className="button small">
						{t('community.budget.setUp')}
					</button>
				</form>
			)}
			{round?.status === 'draft' && (facilitator || role === 'steward') && <OptionsEditor api={api} round={round} selected={selected} run={run} />}
			{round?.status === 'draft' && !(facilitator || role === 'steward') && <p className="hint">{t('community.budget.draft')}</p>}
			{round?.status === 'open' && votes(role) && <BallotForm api={api} round={round} seat={seat} run={run} />}
			{facilitator && round?.status === 'open' && (
				<button type="button" className="button small" onClick={() => void run(() => api.closeBudget())}>
					{t('community.budget.closeRound')}
				</button>
			)}
			{round?.status === 'closed' && round.results && <BudgetResultsView round={round} />}
			{facilitator && round?.status === 'closed' && (
				<p>
					<button
						type="button"
						className="button small"
						onClick={() => void run(async () => saveFile(await api.ballotsCsv(), 'budget-ballots.csv'))}
					>
						{t('community.budget.csv')}
					</button>{' '}
					<button type="button" className="button small" onClick={() => void run(async () => saveFile(await api.budgetResultsCsv(language), 'budget-results.csv'))}>
						{t('community.budget.resultsCsv')}
					</button>{' '}
					{!fresh && (
						<button type="button" className="button small" onClick={() => setFresh(true)}>
							{t('community.budget.newRound')}
						</button>
					)}
				</p>
			)}
		</section>
	)
}

function OptionsEditor({ api, round, selected, run }: { api: CommunityApi; round: BudgetRound; selected: { id: string; text: string } | null; run: Run }) {
	const { t } = useI18n()
	const [rows, setRows] = useState(() => round.options.map((o) => ({ id: o.id as string | undefined, title: o.title, cost: String(o.cost), item: o.item })))
	useEffect(() => setRows(round.options.map((o) => ({ id: o.id as string | undefined, title: o.title, cost: String(o.cost), item: o.item }))), [round.options])
	const save = (e: FormEvent) => {
		e.preventDefault()
		void run(() => api.setOptions(rows.map((r) => ({ id: r.id, title: r.title, cost: Number(r.cost), item: r.item }))))
	}
	return (
		<form onSubmit={save}>
			<h4>{t('community.budget.options')}</h4>
			{rows.map((r, i) => (
				<fieldset key={r.id ?? `new-${i}`}>
					<legend>{t('community.budget.option', { n: i + 1 })}</legend>
					<label>
						<span>{t('community.budget.optionTitle')}</span>
						<input required maxLength={200} value={r.title} onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))} />
					</label>
					<label>
						<span>{t('community.budget.cost')}</span>
						<input type="number" min={1} step={1} required value={r.cost} onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, cost: e.target.value } : x)))} />
					</label>
					<button type="button" className="button small" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
						{t('community.budget.removeOption', { n: i + 1 })}
					</button>
				</fieldset>
			))}
			<button type="button" className="button small" onClick={() => setRows([...rows, { id: undefined, title: '', cost: '', item: null }])}>
				{t('community.budget.addOption')}
			</button>{' '}
			{selected && !rows.some((r) => r.item === selected.id) && (
				<button type="button" className="button small" onClick={() => setRows([...rows, { id: undefined, title: selected.text.slice(0, 200), cost: '', item: selected.id }])}>
					{t('community.budget.useSelected')}
				</button>
			)}{' '}
			<button type="submit" className="button small">
				{t('community.budget.saveOptions')}
			</button>{' '}
			<button type="button" className="button small" disabled={round.options.length === 0} onClick={() => void run(() => api.openBudget())}>
				{t('community.budget.open')}
			</button>
		</form>
	)
}

/** A budget ballot: a checkbox per option (or points each), what is chosen of the pot, and Send; the Decide panel's and the outline's. */
export function BallotForm({ api, round, seat, run }: { api: CommunityApi; round: BudgetRound; seat?: string; run: Run }) {
	const { t, language } = useI18n()
	const [ballot, setBallot] = useState<BudgetBallot>({})
	const [sent, setSent] = useState(false)
	useEffect(() => {
		setSent(false)
		setBallot({})
		let live = true
		void api.myBallot(seat).then(
			(mine) => live && mine.ballot && (setBallot(mine.ballot), setSent(true)),
			() => undefined
		)
		return () => {
			live = false
		}
	}, [api, round.id, seat])
	const spent = round.options.reduce((s, o) => s + ((ballot[o.id] ?? 0) > 0 ? o.cost : 0), 0)
	const used = Object.values(ballot).reduce((s, w) => s + w, 0)
	const over = round.ballot === 'approval' ? spent > round.pot : used > round.points
	return (
		<form
			onSubmit={(e) => {
				e.preventDefault()
				void run(() => api.castBallot(Object.fromEntries(Object.entries(ballot).filter(([, w]) => w > 0)), seat)).then((ok) => ok && setSent(true))
			}}
		>
			<fieldset disabled={sent}>
				<legend>{round.ballot === 'approval' ? t('community.budget.ballot.approval') : t('community.budget.ballot.points')}</legend>
				{round.options.map((o) =>
					round.ballot === 'approval' ? (
						<label key={o.id} className="check">
							<input type="checkbox" checked={(ballot[o.id] ?? 0) > 0} onChange={(e) => setBallot({ ...ballot, [o.id]: e.target.checked ? 1 : 0 })} />
							<span>{`${o.title} (${money(language, round.currency, o.cost)})`}</span>
						</label>
					) : (
						<label key={o.id}>
							<span>{`${o.title} (${money(language, round.currency, o.cost)})`}</span>
							<input type="number" min={0} max={round.points} step={1} value={ballot[o.id] ?? 0} onChange={(e) => setBallot({ ...ballot, [o.id]: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} />
						</label>
					)
				)}
			</fieldset>
			<p role="status" aria-live="polite">
				{round.ballot === 'approval'
					? t('community.budget.chosen', { spent: money(language, round.currency, spent), pot: money(language, round.currency, round.pot) })
					: t('community.budget.pointsUsed', { used, points: round.points })}{' '}
				{over && t('community.budget.overPot')}
			</p>
			{sent ? (
				<p role="status">{t('community.budget.sent')}</p>
			) : (
				<button type="submit" className="button small" disabled={over || Object.values(ballot).every((w) => w === 0)}>
					{t('community.budget.submit')}
				</button>
			)}
		</form>
	)
}

/** Why a rule funded an option or not, in plain words. */
export function explainVerdict(t: T, money: (n: number) => string, rule: 'greedy' | 'mes', v: OptionVerdict, cost: number): string {
	if (v.reason === 'no-support') return t('community.budget.why.none')
	if (rule === 'greedy') return v.funded ? t('community.budget.why.funded', { left: money(v.potLeft) }) : t('community.budget.why.potShort', { left: money(v.potLeft), cost: money(cost) })
	if (v.reason === 'funded') return t('community.budget.why.shares', { supporters: v.supporters, pay: money(v.maxPayment ?? 0) })
	if (v.reason === 'completion') return t('community.budget.why.completion', { money: money(v.supportersLeft ?? 0) })
	return t('community.budget.why.short', { money: money(v.supportersLeft ?? 0), cost: money(cost), left: money(v.potLeft) })
}

/** Both rules' results, each option with why, for everyone. */
export function BudgetResultsView({ round }: { round: BudgetRound }) {
	const { t, language } = useI18n()
	const results = round.results
	if (!results) return null
	const m = (n: number) => money(language, round.currency, n)
	const rules = [
		{ key: 'greedy' as const, title: t('community.budget.greedy'), rule: t('community.budget.greedy.rule'), result: results.greedy },
		{ key: 'mes' as const, title: t('community.budget.mes'), rule: t('community.budget.mes.rule', { pot: m(round.pot), share: m(results.equalShares.share) }), result: results.equalShares },
	]
	return (
		<div data-testid="budget-results">
			<p>{t('community.budget.voters', { count: results.voters })}</p>
			{rules.map(({ key, title, rule, result }) => (
				<section key={key} aria-label={title} data-testid={`budget-${key}`}>
					<h4>{title}</h4>
					<p className="hint">{rule}</p>
					<p>{t('community.budget.spent', { spent: m(result.spent), left: m(result.left) })}</p>
					<ul className="results-list">
						{round.options.map((o) => {
							const v = result.verdicts[o.id]
							if (!v) return null
							return (
								<li key={o.id}>
									<strong>{o.title}</strong> ({m(o.cost)}, {t('community.budget.votes', { count: v.votes })}): {v.funded ? t('community.budget.funded') : t('community.budget.notFunded')}. {explainVerdict(t, m, key, v, o.cost)}
								</li>
							)
						})}
					</ul>
				</section>
			))}
		</div>
	)
}

/** What an expert sees instead of the board while experts are out of the room. */
export function ExpertsAway() {
	const { t } = useI18n()
	return (
		<div className="experts-away" role="region" aria-labelledby="experts-away-h" data-testid="experts-away">
			<h2 id="experts-away-h">{t('community.away.heading')}</h2>
			<p>{t('community.away.body')}</p>
		</div>
	)
}
