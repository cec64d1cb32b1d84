/**
 * The facilitator's panel: the people waiting to be let in, board (lock, bring everyone to my view,
 * spotlight), agenda and timer, voting rounds, the people present, the balance of voice, and the join
 * links with how many people each admits. Shown to facilitators only; the server refuses these calls
 * from anyone else.
 * @module
 */
import { TimeZonePicker } from './TimeZonePicker'
import { CardKindsPicker } from './CardKindsPicker'
import { AUDIENCES, DEFAULT_TIME_ZONE, PHASE_KINDS, ROLES, isPhaseKind, isTableOpen, type Audience, type PhaseKind, type Role, type WorkshopState } from '@cyd/model'
import { presenceUserId, type Peer } from '@cyd/tldraw-yjs'
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useValue, type Editor } from 'tldraw'
import type { AgendaDraft, Balance, RoleLinks, RoomApi } from './api'
import { useT } from './i18n/I18n'
import type { Say } from './i18n/say'
import { CopyField } from './CopyField'
import { AgreementSection, ExportSection, VersionsSection } from './OutcomePanel'
import { currentView, isolateKeys, ResultsList } from './WorkshopUi'
import { TableLink } from './table/PhoneCode'
import { RenewLinks, SeriesSection } from './series/SeriesSection'

/** Runs an action; `done` is the status to show once it worked (kept as a message, shown in the language chosen). */
type Run = (action: () => Promise<unknown>, done?: Say) => Promise<boolean>

const spotlightNone: Say = (t) => t('panel.spotlightNone')

export function FacilitatorPanel({
	api,
	editor,
	state,
	peers,
	myId,
	onClose,
	onTableLayout,
}: {
	api: RoomApi
	editor: Editor | null
	state: WorkshopState
	peers: readonly Peer[]
	myId: string
	onClose(): void
	/** Turn this screen into the touch table. */
	onTableLayout(): void
}) {
	const t = useT()
	// The error and the status are kept as messages, translated when shown: switching language changes them too.
	const [error, setError] = useState<Say | null>(null)
	const [notice, setNotice] = useState<Say | null>(null)
	const run: Run = useCallback(async (action, done) => {
		setError(null)
		try {
			await action()
			setNotice(() => done ?? null)
			return true
		} catch (e) {
			const reason = e instanceof Error ? e.message : String(e)
			setNotice(null)
			const failed: Say = (t) => t('panel.failed', { reason })
			setError(() => failed)
			return false
		}
	}, [])
	const followMe = state.follow?.personId === myId
	const [tableLink, setTableLink] = useState(false)
	const selected = useValue('cyd.panelSelection', () => editor?.getOnlySelectedShapeId() ?? null, [editor])
	const waiting = useWaiting(api)
	const aside = useRef<HTMLElement>(null)
	// Set when the facilitator lets someone in or refuses them: once their row (and the button pressed) is
	// gone, the keyboard goes to the next person waiting, or to the panel's heading, not the page's start.
	const refocus = useRef(false)
	useEffect(() => {
		if (!refocus.current) return
		const active = document.activeElement
		if (active && active !== document.body) return
		refocus.current = false
		;(aside.current?.querySelector<HTMLElement>('.waiting button') ?? document.getElementById('panel-heading'))?.focus()
	}, [waiting.people])

	return (
		<aside ref={aside} id="facilitator-panel" className="panel" aria-labelledby="panel-heading" {...isolateKeys}>
			<div className="panel-head">
				<h2 id="panel-heading" tabIndex={-1}>
					{t('panel.heading')}
				</h2>
				<button type="button" className="button small" onClick={onClose} aria-label={t('panel.close')}>
					×
				</button>
			</div>
			<p role="alert" className="error">
				{error?.(t)}
			</p>
			<p role="status" className="hint" data-testid="panel-status">
				{notice?.(t)}
			</p>
			<p aria-live="polite" className="visually-hidden" data-testid="waiting-announcer">
				{waiting.arrived.length > 0 ? t('waiting.announce', { names: waiting.arrived.join(', ') }) : ''}
			</p>

			{waiting.people.length > 0 && (
				<details open>
					<summary>{t('waiting.heading', { count: waiting.people.length })}</summary>
					<WaitingList api={api} people={waiting.people} run={run} reload={waiting.reload} onDecide={() => (refocus.current = true)} />
				</details>
			)}

			<details open>
				<summary>{t('panel.board')}</summary>
				<p>{state.locked ? t('panel.lockedNow') : t('panel.unlockedNow')}</p>
				<div className="button-row">
					<button type="button" className="button" aria-pressed={state.locked} onClick={() => run(() => api.setLocked(!state.locked))}>
						{state.locked ? t('panel.unlock') : t('panel.lock')}
					</button>
					<button type="button" className="button" onClick={onTableLayout}>
						{t('table.open')}
					</button>
					<button type="button" className="button" aria-expanded={tableLink} aria-controls="table-elsewhere" onClick={() => setTableLink((o) => !o)}>
						{t('table.elsewhere.heading')}
					</button>
					<button type="button" className="button" disabled={!editor} onClick={() => editor && run(() => api.summon(currentView(editor)), (t) => t('panel.summoned'))}>
						{t('panel.summon')}
					</button>
					<button
						type="button"
						className="button"
						aria-pressed={followMe}
						aria-describedby={followMe ? 'follow-hint' : undefined}
						onClick={() => run(() => api.follow(followMe ? null : presenceUserId(myId)))}
					>
						{t('panel.follow')}
					</button>
					<button
						type="button"
						className="button"
						aria-describedby={selected ? undefined : 'spotlight-hint'}
						onClick={() => (selected ? run(() => api.spotlight(selected)) : setNotice(() => spotlightNone))}
					>
						{t('panel.spotlight')}
					</button>
					{state.spotlight && (
						<button type="button" className="button" onClick={() => run(() => api.spotlight(null))}>
							{t('panel.spotlightClear')}
						</button>
					)}
				</div>
				<label className="check">
					<input type="checkbox" checked={state.lockCoversTable} onChange={(e) => run(() => api.setLocked(state.locked, e.currentTarget.checked))} />
					{t('table.lockCovers')}
				</label>
				<label className="check">
					<input type="checkbox" checked={state.structureOpen} onChange={(e) => run(() => api.setStructureOpen(e.currentTarget.checked))} />
					{t('panel.structureOpen')}
				</label>
				<TimeZonePicker value={state.timeZone ?? DEFAULT_TIME_ZONE} onChange={(timeZone) => run(() => api.setTimeZone(timeZone))} />
				<CardKindsPicker value={state.cardKinds} onChange={(kinds) => run(() => api.setCardKinds(kinds))} />
				{tableLink && (
					<div id="table-elsewhere">
						<TableLink api={api} />
					</div>
				)}
				{followMe && (
					<p id="follow-hint" className="hint" data-testid="follow-status">
						{t('panel.followingNow')}
					</p>
				)}
				{!selected && (
					<p id="spotlight-hint" className="hint">
						{t('panel.spotlightNone')}
					</p>
				)}
			</details>

			<details open>
				<summary>{t('agenda.heading')}</summary>
				<AgendaEditor api={api} state={state} run={run} />
			</details>

			<details open>
				<summary>{t('timer.heading')}</summary>
				<TimerControls api={api} state={state} run={run} />
			</details>

			<details open>
				<summary>{t('round.heading')}</summary>
				<RoundControls api={api} state={state} run={run} editor={editor} />
			</details>

			<details open>
				<summary>{t('present.heading')}</summary>
				<People api={api} state={state} peers={peers} myId={myId} run={run} />
			</details>

			<details open>
				<summary>{t('balance.heading')}</summary>
				<BalanceOfVoice api={api} />
			</details>

			<details>
				<summary>{t('links.heading')}</summary>
				<Links api={api} run={run} joined={state.participants.length} />
				<RenewLinks api={api} run={run} />
			</details>
			<AgreementSection api={api} editor={editor} state={state} run={run} />
			<VersionsSection api={api} state={state} run={run} />
			<ExportSection api={api} state={state} run={run} />
			<SeriesSection api={api} state={state} run={run} />
		</aside>
	)
}

function AgendaEditor({ api, state, run }: { api: RoomApi; state: WorkshopState; run: Run }) {
	const t = useT()
	const [draft, setDraft] = useState<AgendaDraft[]>(state.agenda)
	const [dirty, setDirty] = useState(false)
	useEffect(() => {
		if (!dirty) setDraft(state.agenda)
	}, [state.agenda, dirty])

	const change = (next: AgendaDraft[]) => {
		setDraft(next)
		setDirty(true)
	}
	const edit = (i: number, patch: Partial<AgendaDraft>) => change(draft.map((item, j) => (j === i ? { ...item, ...patch } : item)))
	const move = (i: number, by: -1 | 1) => {
		const next = [...draft]
		const [item] = next.splice(i, 1)
		if (item) next.splice(i + by, 0, item)
		change(next)
	}
	const cleaned = () => draft.map((item) => ({ ...item, minutes: Math.min(600, Math.max(1, Math.round(item.minutes) || 1)) }))
	const save = async () => {
		const next = await api.setAgenda(cleaned())
		setDirty(false)
		setDraft(next.agenda)
		return next
	}
	const start = (i: number) =>
		run(async () => {
			let id = draft[i]?.id
			if (dirty || !id) id = (await save()).agenda[i]?.id
			if (id) await api.startPhase(id)
		})
	const name = (item: AgendaDraft, i: number) => item.title.trim() || t('agenda.item', { n: i + 1 })

	return (
		<div className="agenda">
			{draft.length === 0 && <p className="hint">{t('agenda.empty')}</p>}
			<ol className="agenda-list">
				{draft.map((item, i) => (
					<li key={item.id ?? `new-${i}`} className={item.id && item.id === state.phaseId ? 'agenda-item current' : 'agenda-item'}>
						<fieldset>
							<legend>
								{t('agenda.item', { n: i + 1 })}
								{item.id && item.id === state.phaseId && <span className="now-badge"> · {t('agenda.current')}</span>}
							</legend>
							<label>
								<span>{t('agenda.title')}</span>
								<input value={item.title} maxLength={120} onChange={(e) => edit(i, { title: e.target.value })} />
							</label>
							<div className="agenda-row">
								<label>
									<span>{t('agenda.kind')}</span>
									<select value={item.kind} onChange={(e) => isPhaseKind(e.target.value) && edit(i, { kind: e.target.value })}>
										{PHASE_KINDS.map((kind) => (
											<option key={kind} value={kind}>
												{t(`kind.${kind}`)}
											</option>
										))}
									</select>
								</label>
								<label>
									<span>{t('agenda.minutes')}</span>
									<input type="number" min={1} max={600} value={Number.isFinite(item.minutes) ? item.minutes : ''} onChange={(e) => edit(i, { minutes: e.target.valueAsNumber })} />
								</label>
							</div>
							<div className="button-row">
								<button type="button" className="button small primary" aria-label={t('agenda.startNamed', { title: name(item, i) })} onClick={() => start(i)}>
									{t('agenda.start')}
								</button>
								<button type="button" className="button small" aria-label={t('agenda.up', { title: name(item, i) })} disabled={i === 0} onClick={() => move(i, -1)}>
									↑
								</button>
								<button type="button" className="button small" aria-label={t('agenda.down', { title: name(item, i) })} disabled={i === draft.length - 1} onClick={() => move(i, 1)}>
									↓
								</button>
								<button type="button" className="button small" aria-label={t('agenda.remove', { title: name(item, i) })} onClick={() => change(draft.filter((_, j) => j !== i))}>
									✕
								</button>
							</div>
						</fieldset>
					</li>
				))}
			</ol>
			<div className="button-row">
				<button type="button" className="button small" onClick={() => change([...draft, { title: t('agenda.newItem'), kind: 'discussion' as PhaseKind, minutes: 10 }])}>
					{t('agenda.add')}
				</button>
				<button type="button" className="button small primary" disabled={!dirty} onClick={() => run(save, (t) => t('agenda.saved'))}>
					{t('agenda.save')}
				</button>
				{state.phaseId && (
					<button type="button" className="button small" onClick={() => run(() => api.startPhase(null))}>
						{t('agenda.end')}
					</button>
				)}
			</div>
		</div>
	)
}

function TimerControls({ api, state, run }: { api: RoomApi; state: WorkshopState; run: Run }) {
	const t = useT()
	const id = useId()
	const [minutes, setMinutes] = useState(5)
	const { endsAt, remainingMs } = state.timer
	return (
		<div className="timer-controls">
			<div className="inline-field">
				<label htmlFor={id}>{t('timer.minutes')}</label>
				<input id={id} type="number" min={1} max={600} value={Number.isFinite(minutes) ? minutes : ''} onChange={(e) => setMinutes(e.target.valueAsNumber)} />
				<button type="button" className="button small primary" onClick={() => run(() => api.timer('start', Math.min(600, Math.max(1, minutes || 5))))}>
					{t('timer.start')}
				</button>
			</div>
			<div className="button-row">
				{endsAt !== null && (
					<button type="button" className="button small" onClick={() => run(() => api.timer('pause'))}>
						{t('timer.pause')}
					</button>
				)}
				{remainingMs !== null && (
					<button type="button" className="button small" onClick={() => run(() => api.timer('resume'))}>
						{t('timer.resume')}
					</button>
				)}
				{(endsAt !== null || remainingMs !== null) && (
					<button type="button" className="button small" onClick={() => run(() => api.timer('stop'))}>
						{t('timer.stop')}
					</button>
				)}
			</div>
		</div>
	)
}

function RoundControls({ api, state, run, editor }: { api: RoomApi; state: WorkshopState; run: Run; editor: Editor | null }) {
	const t = useT()
	const id = useId()
	const presentHint = useId()
	const [votes, setVotes] = useState(3)
	const [presentOnly, setPresentOnly] = useState(false)
	const [audience, setAudience] = useState<Audience>('everyone')
	const round = state.round
	if (round?.status === 'open') {
		return (
			<div>
				<p data-testid="round-status">{t(round.presentOnly ? 'round.isOpenPresent' : 'round.isOpen', { count: round.votesPerPerson })}</p>
				<button type="button" className="button small primary" onClick={() => run(() => api.closeRound())}>
					{t('round.close')}
				</button>
			</div>
		)
	}
	return (
		<div>
			{round?.status === 'closed' && (
				<>
					<p>{t('vote.closed', { voters: round.voters ?? 0 })}</p>
					<ResultsList editor={editor} round={round} />
				</>
			)}
			<div className="inline-field">
				<label htmlFor={id}>{t('round.votes')}</label>
				<input id={id} type="number" min={1} max={20} value={Number.isFinite(votes) ? votes : ''} onChange={(e) => setVotes(e.target.valueAsNumber)} />
				<button type="button" className="button small primary" onClick={() => run(() => api.openRound(Math.min(20, Math.max(1, Math.round(votes) || 3)), presentOnly, audience))}>
					{t('round.open')}
				</button>
			</div>
			<label className="check">
				<input type="checkbox" checked={presentOnly} aria-describedby={presentHint} onChange={(e) => setPresentOnly(e.currentTarget.checked)} />
				{t('round.presentOnly')}
			</label>
			<p id={presentHint} className="hint">
				{t('round.presentOnlyHint')}
			</p>
			<label className="inline-field">
				<span>{t('community.audience')}</span>
				<select value={audience} onChange={(e) => setAudience(e.currentTarget.value as Audience)}>
					{AUDIENCES.map((a) => (
						<option key={a} value={a}>
							{t(`community.audience.${a}`)}
						</option>
					))}
				</select>
			</label>
		</div>
	)
}

/** Whether the touch table is open now; looked at again every half minute, as often as the table says so. */
function useTableOpen(state: WorkshopState): boolean {
	const [now, setNow] = useState(Date.now)
	useEffect(() => {
		if (state.tableSeenAt === null) return
		setNow(Date.now())
		const timer = setInterval(() => setNow(Date.now()), 30_000)
		return () => clearInterval(timer)
	}, [state.tableSeenAt])
	return isTableOpen(state, now)
}

function People({ api, state, peers, myId, run }: { api: RoomApi; state: WorkshopState; peers: readonly Peer[]; myId: string; run: Run }) {
	const t = useT()
	const { participants } = state
	// The seats' people are at the table while it is open, though only the table's screen is connected.
	const tableOpen = useTableOpen(state)
	const online = new Set([...peers.map((p) => p.userId), ...(tableOpen ? (state.table?.seats ?? []).map((s) => s.person) : [])])
	const sorted = [...participants].sort((a, b) => Number(online.has(b.id)) - Number(online.has(a.id)) || a.name.localeCompare(b.name))
	if (sorted.length === 0) return <p className="hint">{t('present.none')}</p>
	return (
		<ul className="present" data-testid="present">
			{sorted.map((p) => (
				<li key={p.id}>
					<span className={online.has(p.id) ? 'presence-dot on' : 'presence-dot'} aria-hidden="true" />
					<span className="present-name">
						{p.name}
						{p.id === myId && ` (${t('present.you')})`}
					</span>
					<span className="present-meta">
						{t(`role.${p.role}`)} · {p.seat ? t('present.seat', { seat: p.seat }) : t('present.remote')} · {online.has(p.id) ? t('present.online') : t('present.away')}
					</span>
					{p.id !== myId && (
						<button
							type="button"
							className="button small danger"
							aria-label={t('present.remove', { name: p.name })}
							onClick={() => window.confirm(t('present.confirmRemove', { name: p.name })) && void run(() => api.removePerson(p.id))}
						>
							✕
						</button>
					)}
				</li>
			))}
		</ul>
	)
}

const BALANCE_EVERY_MS = 4000

function BalanceOfVoice({ api }: { api: RoomApi }) {
	const t = useT()
	const [balance, setBalance] = useState<Balance | null>(null)
	useEffect(() => {
		let cancelled = false
		const load = () => api.balance().then((b) => !cancelled && setBalance(b), () => undefined)
		void load()
		const timer = setInterval(load, BALANCE_EVERY_MS)
		return () => {
			cancelled = true
			clearInterval(timer)
		}
	}, [api])
	if (!balance) return null
	const percent = (n: number) => Math.round(n * 100)
	const rows = [...balance.people].sort((a, b) => a.total - b.total)
	const counts = ['made', 'edited', 'moved', 'voted', 'total'] as const
	return (
		<div className="balance" data-testid="balance">
			<p>
				<strong>{t('balance.share', { resident: percent(balance.share.resident), organisation: percent(balance.share.organisation) })}</strong>
			</p>
			<p className="hint">{t('balance.hint')}</p>
			<p className="hint" id="balance-counted" data-testid="balance-counted">
				{t('balance.counted')}
			</p>
			{/* One group of rows per person (their name, then their figures), so the figures have the panel's
			    whole width in either language. Scrolls sideways (by keyboard too) if larger text needs more. */}
			<div role="region" aria-label={t('balance.caption')} tabIndex={0} style={{ overflowX: 'auto' }}>
				<table aria-describedby="balance-counted">
					<caption className="visually-hidden">{t('balance.caption')}</caption>
					<thead>
						<tr>
							{counts.map((k) => (
								<th scope="col" key={k}>
									{t(`balance.${k}`)}
								</th>
							))}
						</tr>
					</thead>
					{rows.map((p) => (
						<tbody key={p.id} data-person={p.name}>
							<tr className={p.total === 0 ? 'quiet' : undefined}>
								<th scope="rowgroup" colSpan={counts.length}>
									{p.name}{' '}
									<span className="hint">
										({t(`role.${p.role}`)}
										{p.affiliation && ` · ${t(`balance.${p.affiliation}`)}`})
									</span>
									{p.total === 0 && <span className="quiet-tag"> ({t('balance.quiet')})</span>}
								</th>
							</tr>
							<tr className={p.total === 0 ? 'quiet' : undefined}>
								{counts.map((k) => (
									<td key={k}>{p[k]}</td>
								))}
							</tr>
						</tbody>
					))}
				</table>
			</div>
		</div>
	)
}

type Waiting = Awaited<ReturnType<RoomApi['waiting']>>
type LinkLimits = Awaited<ReturnType<RoomApi['linkLimits']>>
type LinkLimit = NonNullable<LinkLimits[Role]>

const WAITING_EVERY_MS = 3000

/**
 * The people waiting to be let in, asked for every few seconds while the panel is open, and the names
 * of those who started waiting since the last look (for the panel to announce).
 */
function useWaiting(api: RoomApi) {
	const [people, setPeople] = useState<Waiting>([])
	const [arrived, setArrived] = useState<string[]>([])
	const seen = useRef(new Set<string>())
	const alive = useRef(true)
	// Answers can cross: one asked for before a decision must not bring back a person already let in.
	const asked = useRef(0)
	const shown = useRef(0)
	const reload = useCallback(async () => {
		const ticket = ++asked.current
		const next = await api.waiting()
		if (!alive.current || ticket < shown.current) return
		shown.current = ticket
		const fresh = next.filter((w) => !seen.current.has(w.id))
		for (const w of fresh) seen.current.add(w.id)
		if (fresh.length > 0) setArrived(fresh.map((w) => w.name))
		setPeople(next)
	}, [api])
	useEffect(() => {
		alive.current = true
		const load = () => reload().catch(() => undefined)
		void load()
		const timer = setInterval(load, WAITING_EVERY_MS)
		return () => {
			alive.current = false
			clearInterval(timer)
		}
	}, [reload])
	return { people, arrived, reload }
}

function WaitingList({ api, people, run, reload, onDecide }: { api: RoomApi; people: Waiting; run: Run; reload(): Promise<void>; onDecide(): void }) {
	const t = useT()
	const decide = (person: Waiting[number], approve: boolean) => {
		onDecide()
		void run(
			async () => {
				try {
					await api.letIn(person.id, approve)
				} finally {
					await reload().catch(() => undefined)
				}
			},
			(t) => t(approve ? 'waiting.letInDone' : 'waiting.refusedDone', { name: person.name })
		)
	}
	return (
		<ul className="present waiting" data-testid="waiting">
			{people.map((w) => (
				<li key={w.id}>
					<span className="present-name">{w.name}</span>
					<span className="present-meta">{w.affiliation ? t('waiting.about', { role: t(`role.${w.role}`), affiliation: t(`balance.${w.affiliation}`) }) : t(`role.${w.role}`)}</span>
					<span className="waiting-actions">
						<button type="button" className="button small primary" aria-label={t('waiting.letInNamed', { name: w.name })} onClick={() => decide(w, true)}>
							{t('waiting.letIn')}
						</button>
						<button type="button" className="button small" aria-label={t('waiting.refuseNamed', { name: w.name })} onClick={() => decide(w, false)}>
							{t('waiting.refuse')}
						</button>
					</span>
				</li>
			))}
		</ul>
	)
}

/** `joined` changes when people join or leave, for the counts of who came through each link to follow. */
function Links({ api, run, joined }: { api: RoomApi; run: Run; joined: number }) {
	const t = useT()
	const [links, setLinks] = useState<Partial<RoleLinks>>({})
	const [limits, setLimits] = useState<LinkLimits>({})
	const [reissued, setReissued] = useState(0)
	useEffect(() => {
		let cancelled = false
		api.links().then((l) => !cancelled && setLinks(l), () => undefined)
		return () => {
			cancelled = true
		}
	}, [api])
	useEffect(() => {
		let cancelled = false
		api.linkLimits().then((l) => !cancelled && setLimits(l), () => undefined)
		return () => {
			cancelled = true
		}
	}, [api, joined, reissued])
	const reissue = (role: Role) => {
		if (!window.confirm(t('links.confirmReissue', { role: t(`role.${role}`) }))) return
		void run(async () => {
			const { url } = await api.reissueLink(role)
			setLinks((l) => ({ ...l, [role]: url }))
			setReissued((n) => n + 1)
		}, (t) => t('links.reissued', { role: t(`role.${role}`) }))
	}
	const setLimit = (role: Role, maxPeople: number | null) =>
		run(
			async () => {
				await api.setLinkLimit(role, maxPeople)
				setLimits((l) => ({ ...l, [role]: { maxPeople, people: l[role]?.people ?? 0 } }))
			},
			(t) => (maxPeople === null ? t('links.limitCleared', { role: t(`role.${role}`) }) : t('links.limitSaved', { role: t(`role.${role}`), count: maxPeople }))
		)
	return (
		<ul className="links">
			{ROLES.map((role) => (
				<li key={role}>
					<CopyField label={t('landing.created.linkLabel', { role: t(`role.${role}`) })} value={links[role] ?? ''} copyLabel={t('landing.created.copyNamed', { role: t(`role.${role}`) })} />
					<LinkLimitField role={role} limit={limits[role]} onSave={setLimit} />
					<button type="button" className="button small" onClick={() => reissue(role)}>
						{t('links.reissue', { role: t(`role.${role}`) })}
					</button>
				</li>
			))}
		</ul>
	)
}

const MAX_LINK_PEOPLE = 10_000

/** How many people a link admits before each new one waits for approval: a whole number, or empty for any. */
function LinkLimitField({ role, limit, onSave }: { role: Role; limit: LinkLimit | undefined; onSave(role: Role, maxPeople: number | null): Promise<boolean> }) {
	const t = useT()
	const id = useId()
	const hint = useId()
	// What the facilitator typed; null shows the server's number.
	const [draft, setDraft] = useState<string | null>(null)
	const [invalid, setInvalid] = useState(false)
	const saved = limit?.maxPeople == null ? '' : String(limit.maxPeople)
	const value = draft ?? saved
	const submit = async (event: FormEvent) => {
		event.preventDefault()
		const text = value.trim()
		const n = Number(text)
		if (text !== '' && !(Number.isInteger(n) && n >= 0 && n <= MAX_LINK_PEOPLE)) return setInvalid(true)
		setInvalid(false)
		if (await onSave(role, text === '' ? null : n)) setDraft(null)
	}
	const name = t(`role.${role}`)
	return (
		<>
			<form className="inline-field" noValidate onSubmit={submit}>
				<label htmlFor={id}>{t('links.limit')}</label>
				<input
					id={id}
					type="number"
					inputMode="numeric"
					min={0}
					max={MAX_LINK_PEOPLE}
					step={1}
					value={value}
					aria-describedby={hint}
					aria-invalid={invalid || undefined}
					onChange={(e) => {
						setDraft(e.target.value)
						setInvalid(false)
					}}
				/>
				<button type="submit" className="button small" aria-label={t('links.limitSaveNamed', { role: name })} disabled={draft === null}>
					{t('links.limitSave')}
				</button>
			</form>
			<p id={hint} className="hint" data-testid={`link-limit-${role}`}>
				{limit && `${t('links.limitJoined', { count: limit.people, role: name })} ${limit.maxPeople !== null && limit.people >= limit.maxPeople ? t('links.limitFull') : t('links.limitEmpty')}`}
			</p>
			<p role="alert" className="error">
				{invalid ? t('links.limitInvalid') : ''}
			</p>
		</>
	)
}
