/**
 * After the decision: outcomes and how the group will know (anyone taking part puts them forward; the
 * facilitator sets and agrees them), actions on agreed items (the facilitator's: what, who owns it, by
 * when, the outcome served), dated updates on each action (the facilitator or the steward, long after
 * the workshop too), visitors' replies from the public page waiting for approval, and renewing the
 * steward's link. A tab at the board's edge opens it; the server decides every request, this only asks.
 * @module
 */
import {
	ACTION_STATUSES,
	MAX_ACTION_TEXT,
	MAX_INDICATOR_TEXT,
	MAX_NAME,
	MAX_OUTCOME_TEXT,
	MAX_REASON,
	MAX_UPDATE_TEXT,
	latestDecisions,
	takesPart,
	type Action,
	type ActionStatus,
	type Outcome,
	type Role,
	type WorkshopState,
} from '@cyd/model'
import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { useValue, type Editor, type TLShapeId } from 'tldraw'
import type { RoomApi, VisitorReply } from './api'
import { CopyField } from './CopyField'
import { Field } from './forms'
import { useI18n } from './i18n/I18n'
import type { Say } from './i18n/say'
import { isStakeholder } from './stakeholders/actions'
import { isolateKeys } from './WorkshopUi'
import './commitments.css'

type Run = (action: () => Promise<unknown>, done?: Say) => Promise<boolean>

/**
 * The actions committed to on each item, as small cards just below it on the board (over the canvas, in
 * its viewport's pixels, following the camera). Hidden from screen readers: the panel lists them.
 */
export function ActionCards({ editor, actions }: { editor: Editor; actions: readonly Action[] }) {
	const { t } = useI18n()
	const items = [...new Set(actions.map((a) => a.item))].join(' ')
	const places = useValue(
		'cyd.actionCards',
		() =>
			new Map(
				items
					.split(' ')
					.filter(Boolean)
					.flatMap((id) => {
						const shapeId = id as TLShapeId
						const bounds = editor.getShapePageBounds(shapeId)
						if (!bounds || editor.getAncestorPageId(shapeId) !== editor.getCurrentPageId()) return []
						const at = editor.pageToViewport({ x: bounds.minX, y: bounds.maxY })
						const right = editor.pageToViewport({ x: bounds.maxX, y: bounds.maxY })
						return [[id, { x: at.x, y: at.y + 2, w: right.x - at.x }] as const]
					})
			),
		[editor, items]
	)
	return (
		<div className="action-cards" aria-hidden="true">
			{[...places].map(([item, at]) => {
				const mine = actions.filter((a) => a.item === item)
				const first = mine[0]!
				// One line under the item, as wide as it: the newest action's status and words, and how many there are.
				return (
					<span key={item} className={`action-card action-${first.status}`} data-testid="action-card" data-shape-id={item} style={{ left: at.x, top: at.y, maxWidth: Math.max(120, at.w) }}>
						<strong>{t(`commit.status.${first.status}`)}</strong> {first.text}
						{first.due ? ` · ${first.due}` : ''}
						{mine.length > 1 ? ` (+${mine.length - 1})` : ''}
					</span>
				)
			})}
		</div>
	)
}

/** The tab and, when open, the panel of commitments; for everyone in the room, each seeing what they may do. */
export function CommitmentsDock({ api, editor, state, role }: { api: RoomApi; editor: Editor | null; state: WorkshopState; role: Role }) {
	const { t } = useI18n()
	// The steward is here to follow up: the panel is open for them from the start.
	const [open, setOpen] = useState(role === 'steward')
	// Kept as messages and said in the language chosen when shown.
	const [error, setError] = useState<Say | null>(null)
	const [notice, setNotice] = useState<Say | null>(null)
	const run: Run = useCallback(
		async (action, done) => {
			setError(null)
			try {
				await action()
				setNotice(() => done ?? null)
				return true
			} catch (e) {
				const reason = e instanceof Error ? e.message : String(e)
				const failed: Say = (t) => t('panel.failed', { reason })
				setNotice(null)
				setError(() => failed)
				return false
			}
		},
		[]
	)
	const followsUp = role === 'facilitator' || role === 'steward'
	const waiting = state.replies.filter((r) => r.status === 'waiting').length
	if (!open) {
		return (
			<button type="button" className="commitments-tab" aria-expanded={false} aria-controls="commitments-panel" onClick={() => setOpen(true)}>
				{t('commit.open')}
				{followsUp && waiting > 0 && <span className="commitments-count">{t('commit.repliesWaiting', { count: waiting })}</span>}
			</button>
		)
	}
	return (
		<aside id="commitments-panel" className="panel commitments-panel" aria-labelledby="commitments-heading" {...isolateKeys}>
			<div className="panel-head">
				<h2 id="commitments-heading" tabIndex={-1}>
					{t('commit.heading')}
				</h2>
				<button type="button" className="button small" onClick={() => setOpen(false)} aria-label={t('commit.close')}>
					×
				</button>
			</div>
			<p role="alert" className="error">
				{error?.(t)}
			</p>
			<p role="status" className="hint" data-testid="commit-status">
				{notice?.(t)}
			</p>
			{followsUp && <RepliesSection api={api} state={state} run={run} />}
			<OutcomesSection api={api} state={state} role={role} run={run} />
			<ActionsSection api={api} editor={editor} state={state} role={role} run={run} />
			{role === 'facilitator' && <StewardLink api={api} run={run} />}
		</aside>
	)
}

function OutcomesSection({ api, state, role, run }: { api: RoomApi; state: WorkshopState; role: Role; run: Run }) {
	const { t } = useI18n()
	const [title, setTitle] = useState('')
	const [indicator, setIndicator] = useState('')
	const [measure, setMeasure] = useState('')
	const canAdd = takesPart(role)
	const facilitator = role === 'facilitator'
	const submit = (e: FormEvent) => {
		e.preventDefault()
		const indicators = indicator.trim() ? [{ text: indicator, measure }] : []
		void run(() => api.addOutcome(title, indicators), (t) => t(facilitator ? 'commit.outcomeSet' : 'commit.outcomeProposed')).then((done) => {
			if (!done) return
			setTitle('')
			setIndicator('')
			setMeasure('')
		})
	}
	return (
		<details open>
			<summary>{t('commit.outcomes')}</summary>
			<p className="hint">{t(facilitator ? 'commit.outcomesAboutFacilitator' : 'commit.outcomesAbout')}</p>
			{state.outcomes.length === 0 ? (
				<p className="hint">{t('commit.noOutcomes')}</p>
			) : (
				<ul className="commit-list" data-testid="outcome-list">
					{state.outcomes.map((o) => (
						<OutcomeItem key={o.id} api={api} outcome={o} role={role} run={run} />
					))}
				</ul>
			)}
			{canAdd && (
				<form onSubmit={submit}>
					<Field label={t('commit.outcomeTitle')}>{(id) => <input id={id} type="text" required maxLength={MAX_OUTCOME_TEXT} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />}</Field>
					<Field label={t('commit.indicator')}>{(id) => <input id={id} type="text" maxLength={MAX_INDICATOR_TEXT} value={indicator} onChange={(e) => setIndicator(e.currentTarget.value)} />}</Field>
					<Field label={t('commit.measure')}>{(id) => <input id={id} type="text" maxLength={MAX_INDICATOR_TEXT} value={measure} onChange={(e) => setMeasure(e.currentTarget.value)} />}</Field>
					<button type="submit" className="button" disabled={!title.trim()}>
						{t(facilitator ? 'commit.setOutcome' : 'commit.proposeOutcome')}
					</button>
				</form>
			)}
		</details>
	)
}

function OutcomeItem({ api, outcome, role, run }: { api: RoomApi; outcome: Outcome; role: Role; run: Run }) {
	const { t } = useI18n()
	const [text, setText] = useState('')
	const facilitator = role === 'facilitator'
	return (
		<li>
			<strong>{outcome.title}</strong> <span className="hint">({t(`commit.outcomeStatus.${outcome.status}`)})</span>
			{facilitator && outcome.status === 'proposed' && (
				<button type="button" className="button small" onClick={() => void run(() => api.editOutcome(outcome.id, { status: 'agreed' }), (t) => t('commit.agreedDone', { title: outcome.title }))}>
					{t('commit.agree')}
				</button>
			)}
			{outcome.indicators.length > 0 && (
				<ul>
					{outcome.indicators.map((i) => (
						<li key={i.id}>
							{i.text}
							{i.measure && <> — {i.measure}</>} <span className="hint">({t(`commit.outcomeStatus.${i.status}`)})</span>
							{facilitator && i.status === 'proposed' && (
								<button type="button" className="button small" onClick={() => void run(() => api.editIndicator(outcome.id, i.id, { status: 'agreed' }), (t) => t('commit.agreedDone', { title: i.text }))}>
									{t('commit.agree')}
								</button>
							)}
						</li>
					))}
				</ul>
			)}
			{takesPart(role) && (
				<form
					className="inline-form"
					onSubmit={(e) => {
						e.preventDefault()
						void run(() => api.addIndicator(outcome.id, text), (t) => t('commit.indicatorAdded')).then((done) => done && setText(''))
					}}
				>
					<Field label={t('commit.addIndicatorTo', { title: outcome.title })}>{(id) => <input id={id} type="text" maxLength={MAX_INDICATOR_TEXT} value={text} onChange={(e) => setText(e.currentTarget.value)} />}</Field>
					<button type="submit" className="button small" disabled={!text.trim()}>
						{t('commit.addIndicator')}
					</button>
				</form>
			)}
		</li>
	)
}

/** The stakeholders on the board, by name, for choosing an action's owner. */
function useStakeholders(editor: Editor | null): { id: string; name: string }[] {
	return useValue(
		'cyd.stakeholders',
		() =>
			(editor?.getCurrentPageShapes() ?? [])
				.filter(isStakeholder)
				.map((s) => ({ id: s.id, name: s.props.name }))
				.sort((a, b) => a.name.localeCompare(b.name)),
		[editor]
	)
}

type OwnerKind = 'stakeholder' | 'group' | 'agency'

function ActionsSection({ api, editor, state, role, run }: { api: RoomApi; editor: Editor | null; state: WorkshopState; role: Role; run: Run }) {
	const { t } = useI18n()
	const agreed = [...latestDecisions(state.decisions).values()].filter((d) => d.status === 'agreed')
	const selected = useValue('cyd.commitSelection', () => editor?.getOnlySelectedShapeId() ?? null, [editor])
	const stakeholders = useStakeholders(editor)
	const [item, setItem] = useState('')
	const [text, setText] = useState('')
	const [ownerKind, setOwnerKind] = useState<OwnerKind>('agency')
	const [stakeholder, setStakeholder] = useState('')
	const [ownerName, setOwnerName] = useState('')
	const [due, setDue] = useState('')
	const [outcome, setOutcome] = useState('')
	// Selecting an agreed item on the board chooses it here.
	useEffect(() => {
		if (selected && agreed.some((d) => d.item === selected)) setItem(selected)
	}, [selected])
	const chosen = agreed.some((d) => d.item === item) ? item : (agreed[0]?.item ?? '')
	const owner = ownerKind === 'stakeholder' ? { kind: 'stakeholder' as const, stakeholder: stakeholder || (stakeholders[0]?.id ?? '') } : { kind: ownerKind, name: ownerName }
	const submit = (e: FormEvent) => {
		e.preventDefault()
		void run(() => api.addAction({ item: chosen, text, owner, due: due || null, outcome: outcome || null }), (t) => t('commit.actionAdded')).then((done) => {
			if (!done) return
			setText('')
			setOwnerName('')
			setDue('')
		})
	}
	const itemText = new Map(agreed.map((d) => [d.item, d.itemText]))
	return (
		<details open>
			<summary>{t('commit.actions')}</summary>
			{state.actions.length === 0 ? (
				<p className="hint">{t('commit.noActions')}</p>
			) : (
				<ul className="commit-list" data-testid="action-list">
					{state.actions.map((a) => (
						<ActionItem key={a.id} api={api} action={a} outcome={state.outcomes.find((o) => o.id === a.outcome)?.title ?? null} role={role} run={run} />
					))}
				</ul>
			)}
			{role === 'facilitator' &&
				(agreed.length === 0 ? (
					<p className="hint">{t('commit.agreeFirst')}</p>
				) : (
					<form onSubmit={submit} aria-labelledby="new-action-heading">
						<h3 id="new-action-heading" className="panel-subheading">
							{t('commit.newAction')}
						</h3>
						<Field label={t('commit.forItem')}>
							{(id) => (
								<select id={id} value={chosen} onChange={(e) => setItem(e.currentTarget.value)}>
									{agreed.map((d) => (
										<option key={d.item} value={d.item}>
											{itemText.get(d.item) || t('journey.emptyCard')}
										</option>
									))}
								</select>
							)}
						</Field>
						<Field label={t('commit.what')}>{(id) => <textarea id={id} rows={2} required maxLength={MAX_ACTION_TEXT} value={text} onChange={(e) => setText(e.currentTarget.value)} />}</Field>
						<Field label={t('commit.ownerKind')}>
							{(id) => (
								<select id={id} value={ownerKind} onChange={(e) => setOwnerKind(e.currentTarget.value as OwnerKind)}>
									<option value="agency">{t('commit.owner.agency')}</option>
									<option value="group">{t('commit.owner.group')}</option>
									<option value="stakeholder" disabled={stakeholders.length === 0}>
										{t('commit.owner.stakeholder')}
									</option>
								</select>
							)}
						</Field>
						{ownerKind === 'stakeholder' ? (
							<Field label={t('commit.ownerStakeholder')}>
								{(id) => (
									<select id={id} value={owner.kind === 'stakeholder' ? owner.stakeholder : ''} onChange={(e) => setStakeholder(e.currentTarget.value)}>
										{stakeholders.map((s) => (
											<option key={s.id} value={s.id}>
												{s.name || t('commit.unnamed')}
											</option>
										))}
									</select>
								)}
							</Field>
						) : (
							<Field label={t('commit.ownerName')}>{(id) => <input id={id} type="text" required maxLength={MAX_NAME} value={ownerName} onChange={(e) => setOwnerName(e.currentTarget.value)} />}</Field>
						)}
						<Field label={t('commit.due')}>{(id) => <input id={id} type="date" value={due} onChange={(e) => setDue(e.currentTarget.value)} />}</Field>
						<Field label={t('commit.outcome')}>
							{(id) => (
								<select id={id} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)}>
									<option value="">{t('commit.noOutcome')}</option>
									{state.outcomes.map((o) => (
										<option key={o.id} value={o.id}>
											{o.title}
										</option>
									))}
								</select>
							)}
						</Field>
						<button type="submit" className="button primary" disabled={!text.trim() || (ownerKind !== 'stakeholder' && !ownerName.trim())}>
							{t('commit.addAction')}
						</button>
					</form>
				))}
		</details>
	)
}

const KEEP = 'keep'

function ActionItem({ api, action, outcome, role, run }: { api: RoomApi; action: Action; outcome: string | null; role: Role; run: Run }) {
	const { t, dateTime } = useI18n()
	const [text, setText] = useState('')
	const [status, setStatus] = useState<ActionStatus | typeof KEEP>(KEEP)
	const [reason, setReason] = useState('')
	const followsUp = role === 'facilitator' || role === 'steward'
	const day = (iso: string) => dateTime(iso)
	const submit = (e: FormEvent) => {
		e.preventDefault()
		void run(() => api.postUpdate(action.id, { text, status: status === KEEP ? null : status, reason: status === 'dropped' ? reason : '' }), (t) => t('commit.updatePosted')).then((done) => {
			if (!done) return
			setText('')
			setStatus(KEEP)
			setReason('')
		})
	}
	return (
		<li data-testid="action-item">
			<strong>{action.text}</strong>
			<br />
			<span className="hint">
				{t('commit.actionFacts', {
					item: action.itemText || t('journey.emptyCard'),
					owner: action.owner.name,
					due: action.due ?? t('commit.noDue'),
					status: t(`commit.status.${action.status}`),
				})}
				{action.status === 'dropped' && action.reason && <> — {action.reason}</>}
				{outcome && <> · {t('commit.serves', { outcome })}</>}
			</span>
			{action.updates.length > 0 && (
				<ol className="commit-history" reversed aria-label={t('commit.history', { text: action.text })}>
					{[...action.updates].reverse().map((u) => (
						<li key={u.id}>
							<span className="hint">{day(u.at)}</span> {u.status && <strong>{t(`commit.status.${u.status}`)}</strong>} {u.text}
							{u.reason && <> — {u.reason}</>} <span className="hint">({u.by.name || t(`role.${u.role}`)})</span>
						</li>
					))}
				</ol>
			)}
			{followsUp && (
				<details>
					<summary>{t('commit.postUpdateTo', { text: action.text })}</summary>
					<form onSubmit={submit}>
						<Field label={t('commit.whatHappened')}>{(id) => <textarea id={id} rows={2} maxLength={MAX_UPDATE_TEXT} value={text} onChange={(e) => setText(e.currentTarget.value)} />}</Field>
						<Field label={t('commit.newStatus')}>
							{(id) => (
								<select id={id} value={status} onChange={(e) => setStatus(e.currentTarget.value as ActionStatus | typeof KEEP)}>
									<option value={KEEP}>{t('commit.keepStatus')}</option>
									{ACTION_STATUSES.map((s) => (
										<option key={s} value={s}>
											{t(`commit.status.${s}`)}
										</option>
									))}
								</select>
							)}
						</Field>
						{status === 'dropped' && (
							<Field label={t('commit.reason')}>{(id) => <input id={id} type="text" required maxLength={MAX_REASON} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />}</Field>
						)}
						<button type="submit" className="button small primary" disabled={!text.trim() && status === KEEP}>
							{t('commit.postUpdate')}
						</button>
					</form>
				</details>
			)}
		</li>
	)
}

/** Visitors' replies from the public page: fetched when the room hears one came or was decided. */
function RepliesSection({ api, state, run }: { api: RoomApi; state: WorkshopState; run: Run }) {
	const { t, dateTime } = useI18n()
	const [replies, setReplies] = useState<VisitorReply[]>([])
	const key = state.replies.map((r) => `${r.id}:${r.status}`).join(' ')
	useEffect(() => {
		let cancelled = false
		api.replies().then((list) => !cancelled && setReplies(list), () => undefined)
		return () => {
			cancelled = true
		}
	}, [api, key])
	const decide = (reply: VisitorReply, status: 'approved' | 'hidden' | 'waiting') => void run(() => api.decideReply(reply.id, status), (t) => t(`commit.reply.${status}Done`))
	const waiting = replies.filter((r) => r.status === 'waiting').length
	return (
		<details open>
			<summary>{t('commit.replies', { count: waiting })}</summary>
			<p className="hint">{t('commit.repliesAbout')}</p>
			{replies.length === 0 ? (
				<p className="hint">{t('commit.noReplies')}</p>
			) : (
				<ul className="commit-list" data-testid="reply-list">
					{replies.map((r) => (
						<li key={r.id} data-status={r.status}>
							{/* A visitor's words: shown as text, whatever they hold. */}
							<p className="reply-text">{r.text}</p>
							<span className="hint">
								{dateTime(r.at)} · {t(`commit.reply.${r.status}`)}
							</span>
							<div className="button-row">
								{r.status !== 'approved' && (
									<button type="button" className="button small primary" onClick={() => decide(r, 'approved')}>
										{t('commit.reply.approve')}
									</button>
								)}
								{r.status !== 'hidden' && (
									<button type="button" className="button small" onClick={() => decide(r, 'hidden')}>
										{t('commit.reply.hide')}
									</button>
								)}
							</div>
						</li>
					))}
				</ul>
			)}
		</details>
	)
}

function StewardLink({ api, run }: { api: RoomApi; run: Run }) {
	const { t } = useI18n()
	const [link, setLink] = useState<string | null>(null)
	return (
		<details>
			<summary>{t('commit.steward')}</summary>
			<p className="hint">{t('commit.stewardAbout')}</p>
			<button type="button" className="button small" onClick={() => void run(async () => setLink((await api.renewSteward()).url), (t) => t('commit.stewardRenewed'))}>
				{t('commit.renewSteward')}
			</button>
			{link && <CopyField label={t('commit.stewardLink')} value={link} copyLabel={t('landing.created.copyNamed', { role: t('role.steward') })} />}
		</details>
	)
}
