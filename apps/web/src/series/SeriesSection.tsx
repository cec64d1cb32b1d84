/**
 * The facilitator's sections for what runs over several sessions: renewing the room's links (extend, or
 * replace them all), the series (link to the earlier session, start this board from its design or from a
 * published design, compare two sessions) and the evaluation (open it, show it on the public page, its
 * totals and their trend across the series). The server decides who may do each.
 * @module
 */
import { EVALUATION_SCALE, EVALUATION_STATEMENTS, type EvaluationTotals, type EvaluationTrendPoint, type SeriesInfo, type SessionDiff, type WorkshopState } from '@cyd/model'
import { useCallback, useEffect, useState } from 'react'
import { searchGallery, type GalleryEntry, type RoomApi } from '../api'
import { Field } from '../forms'
import { useI18n } from '../i18n/I18n'
import type { Say } from '../i18n/say'
import './series.css'

type Run = (action: () => Promise<unknown>, done?: Say) => Promise<boolean>

export function RenewLinks({ api, run }: { api: RoomApi; run: Run }) {
	const { t, date } = useI18n()
	const [expires, setExpires] = useState<number | null>(null)
	const load = useCallback(async () => {
		const limits = await api.linkLimits()
		const participant = (limits as Record<string, { expiresAt?: number }>).participant?.expiresAt
		setExpires(participant ?? null)
	}, [api])
	useEffect(() => {
		void load().catch(() => undefined)
	}, [load])
	return (
		<div className="renew-links" data-testid="renew-links">
			<h3>{t('links.renew.heading')}</h3>
			{expires !== null && <p data-testid="links-expire">{t('links.renew.expires', { date: date(expires) })}</p>}
			<p className="hint" id="renew-extend-hint">
				{t('links.renew.extendHint')}
			</p>
			<button
				type="button"
				className="button small"
				aria-describedby="renew-extend-hint"
				onClick={() =>
					void run(async () => {
						const renewed = await api.renewLinks('extend')
						const at = renewed.participant?.expiresAt ?? null
						setExpires(at)
						return at
					}).then(() => undefined)
				}
			>
				{t('links.renew.extend')}
			</button>
			<p className="hint" id="renew-reissue-hint">
				{t('links.renew.reissueHint')}
			</p>
			<button
				type="button"
				className="button small danger"
				aria-describedby="renew-reissue-hint"
				onClick={() => {
					if (!window.confirm(t('links.renew.reissueConfirm'))) return
					void run(async () => {
						const renewed = await api.renewLinks('reissue')
						// This session's link is replaced too: join again through the new one, as the same person.
						if (renewed.facilitator) window.location.assign(renewed.facilitator.url)
					})
				}}
			>
				{t('links.renew.reissue')}
			</button>
		</div>
	)
}

export function SeriesSection({ api, state, run }: { api: RoomApi; state: WorkshopState; run: Run }) {
	const { t } = useI18n()
	const [info, setInfo] = useState<SeriesInfo | null>(null)
	const [previous, setPrevious] = useState('')
	const [published, setPublished] = useState('')
	const [from, setFrom] = useState('')
	const [to, setTo] = useState('')
	const [diff, setDiff] = useState<SessionDiff | null>(null)
	const load = useCallback(async () => {
		const found = await api.series()
		setInfo(found)
		const ids = found.sessions.map((s) => s.id)
		setFrom((f) => (ids.includes(f) ? f : (ids[ids.indexOf(api.roomId) - 1] ?? ids[0] ?? '')))
		setTo((v) => (ids.includes(v) ? v : api.roomId))
	}, [api])
	useEffect(() => {
		void load().catch(() => undefined)
	}, [load])
	const sessions = info?.sessions ?? []
	const here = sessions.find((s) => s.id === api.roomId)
	return (
		<details data-testid="series-section">
			<summary>{t('series.heading')}</summary>
			<p className="hint">{t('series.intro')}</p>
			{sessions.length > 1 ? (
				<>
					<h3>{t('series.sessions')}</h3>
					<ol className="series-list" data-testid="series-list">
						{sessions.map((s) => (
							<li key={s.id} aria-current={s.id === api.roomId ? 'true' : undefined}>
								{s.title || s.id}
								{s.id === api.roomId && <span className="hint"> · {t('series.this')}</span>}
							</li>
						))}
					</ol>
				</>
			) : (
				<p>{t('series.none')}</p>
			)}
			{info?.startedFrom && <p data-testid="series-started-from">{t('series.startedFrom', { title: info.startedFrom.title })}</p>}
			{!here?.previous && (
				<form
					onSubmit={(e) => {
						e.preventDefault()
						void run(async () => {
							setInfo(await api.linkSeries(previous))
							setPrevious('')
							await load()
						}, (t) => t('series.linked'))
					}}
				>
					<Field label={t('series.previous')}>{(id) => <input id={id} type="url" required value={previous} onChange={(e) => setPrevious(e.currentTarget.value)} />}</Field>
					<button type="submit" className="button small" disabled={!previous.trim()}>
						{t('series.link')}
					</button>
				</form>
			)}
			{here?.previous && !info?.startedFrom && (
				<>
					<p className="hint" id="series-start-hint">
						{t('series.startHint')}
					</p>
					<button
						type="button"
						className="button small primary"
						aria-describedby="series-start-hint"
						onClick={() =>
							void run(async () => {
								await api.startSession({ from: 'previous' })
								await load()
							}, (t) => t('series.started', { title: sessions.find((s) => s.id === here.previous)?.title ?? '' }))
						}
					>
						{t('series.startPrevious')}
					</button>
				</>
			)}
			{!info?.startedFrom && (
				<form
					onSubmit={(e) => {
						e.preventDefault()
						void run(async () => {
							const started = await api.startSession({ published })
							setPublished('')
							await load()
							return started
						})
					}}
				>
					<Field label={t('series.published')}>{(id) => <input id={id} type="url" required value={published} onChange={(e) => setPublished(e.currentTarget.value)} />}</Field>
					<button type="submit" className="button small" disabled={!published.trim()}>
						{t('series.startPublished')}
					</button>
				</form>
			)}
			{!info?.startedFrom && (
				<Field label={t('series.file')}>
					{(id) => (
						<input
							id={id}
							type="file"
							accept="application/json,.json"
							onChange={(e) => {
								const input = e.currentTarget
								const file = input.files?.[0]
								if (!file) return
								void (async () => {
									let title = ''
									await run(async () => {
										title = (await api.importDesign(await file.text())).title
										await load()
									})
									input.value = ''
									if (title) await run(async () => undefined, (t) => t('series.imported', { title }))
								})()
							}}
						/>
					)}
				</Field>
			)}
			{sessions.length > 1 && (
				<form
					className="series-compare"
					onSubmit={(e) => {
						e.preventDefault()
						void run(async () => setDiff(await api.compareSessions(from, to)))
					}}
				>
					<h3>{t('series.compare.heading')}</h3>
					<SessionPicker label={t('series.compare.from')} sessions={sessions} value={from} onChange={setFrom} />
					<SessionPicker label={t('series.compare.to')} sessions={sessions} value={to} onChange={setTo} />
					<button type="submit" className="button small">
						{t('series.compare.go')}
					</button>
				</form>
			)}
			{diff && <SessionDiffView diff={diff} />}
			<button
				type="button"
				className="button small"
				onClick={() =>
					void run(async () => {
						const template = await api.workshopTemplate()
						const a = document.createElement('a')
						a.href = URL.createObjectURL(new Blob([JSON.stringify(template, null, '\t')], { type: 'application/json' }))
						a.download = `${(template.title || 'cyd').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'cyd'}-workshop-template.json`
						a.click()
						setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
					})
				}
			>
				{t('series.template')}
			</button>
			<GallerySection api={api} run={run} canStart={!info?.startedFrom} onStarted={() => void load()} />
			<EvaluationTotalsView api={api} state={state} run={run} series={sessions.length > 1} />
		</details>
	)
}

/** Sharing this room's agreed design to the gallery, and starting this board from a design shared there. */
function GallerySection({ api, run, canStart, onStarted }: { api: RoomApi; run: Run; canStart: boolean; onStarted(): void }) {
	const { t } = useI18n()
	const [entry, setEntry] = useState<GalleryEntry | null>(null)
	const [topic, setTopic] = useState('')
	const [query, setQuery] = useState('')
	const [found, setFound] = useState<GalleryEntry[] | null>(null)
	useEffect(() => {
		void api.galleryEntry().then(setEntry, () => undefined)
	}, [api])
	return (
		<section className="gallery" aria-labelledby="gallery-heading" data-testid="gallery">
			<h3 id="gallery-heading">{t('gallery.heading')}</h3>
			{entry ? (
				<>
					<p data-testid="gallery-shared">{t('gallery.shared', { topic: entry.topic })}</p>
					<button type="button" className="button small" onClick={() => void run(async () => setEntry((await api.withdrawFromGallery(), null)))}>
						{t('gallery.withdraw')}
					</button>
				</>
			) : (
				<form
					onSubmit={(e) => {
						e.preventDefault()
						void run(async () => setEntry(await api.shareToGallery(topic)))
					}}
				>
					<Field label={t('gallery.topic')}>{(id) => <input id={id} type="text" required maxLength={80} value={topic} onChange={(e) => setTopic(e.currentTarget.value)} />}</Field>
					<button type="submit" className="button small" disabled={!topic.trim()}>
						{t('gallery.share')}
					</button>
				</form>
			)}
			{canStart && (
				<>
					<form
						role="search"
						onSubmit={(e) => {
							e.preventDefault()
							void run(async () => setFound((await searchGallery(query)).filter((g) => g.room !== api.roomId)))
						}}
					>
						<Field label={t('gallery.search')}>
							{(id) => <input id={id} type="search" aria-describedby="gallery-search-hint" value={query} onChange={(e) => setQuery(e.currentTarget.value)} />}
						</Field>
						<p className="hint" id="gallery-search-hint">
							{t('gallery.searchHint')}
						</p>
						<button type="submit" className="button small">
							{t('gallery.searchGo')}
						</button>
					</form>
					<p className="hint">{t('gallery.hint')}</p>
					{found && found.length === 0 && <p role="status">{t('gallery.none')}</p>}
					{found && found.length > 0 && (
						<ul className="gallery-list" data-testid="gallery-results">
							{found.map((g) => (
								<li key={g.room} lang={g.language}>
									<strong>{g.title}</strong> <span className="hint">· {g.topic}</span>{' '}
									<button
										type="button"
										className="button small"
										onClick={() =>
											void run(async () => {
												await api.startSession({ gallery: g.room })
												setFound(null)
												onStarted()
											}, (t) => t('gallery.copied', { title: g.title }))
										}
									>
										{t('gallery.copy', { title: g.title })}
									</button>
								</li>
							))}
						</ul>
					)}
				</>
			)}
		</section>
	)
}

function SessionDiffView({ diff }: { diff: SessionDiff }) {
	const { t } = useI18n()
	return (
		<div className="session-diff" data-testid="session-diff" aria-live="polite">
			{(['added', 'changed', 'agreed', 'dropped'] as const).map((part) => (
				<section key={part} data-testid={`session-diff-${part}`}>
					<h4>{t(`series.compare.${part}`, { count: diff[part].length })}</h4>
					{diff[part].length === 0 ? (
						<p className="hint">{t('series.compare.nothing')}</p>
					) : (
						<ul>
							{diff[part].map((c) => (
								<li key={`${c.kind}:${c.id}`}>
									<span className="hint">{t(`series.kind.${c.kind}`)}:</span> {c.text}
									{c.fields.length > 0 && <span className="hint"> ({t('series.compare.fields', { fields: c.fields.join(', ') })})</span>}
								</li>
							))}
						</ul>
					)}
				</section>
			))}
		</div>
	)
}

function EvaluationTotalsView({ api, state, run, series }: { api: RoomApi; state: WorkshopState; run: Run; series: boolean }) {
	const { t } = useI18n()
	const [totals, setTotals] = useState<EvaluationTotals | null>(null)
	const [trend, setTrend] = useState<EvaluationTrendPoint[]>([])
	const load = useCallback(async () => {
		setTotals(await api.evaluationTotals())
		if (series) setTrend(await api.evaluationTrend())
	}, [api, series])
	useEffect(() => {
		void load().catch(() => undefined)
	}, [load, state.evaluation.open])
	const mean = (m: number | null) => (m === null ? t('evaluation.noMean') : t('evaluation.mean', { mean: m.toLocaleString() }))
	return (
		<section className="evaluation-totals" aria-labelledby="evaluation-heading" data-testid="evaluation-totals">
			<h3 id="evaluation-heading">{t('evaluation.heading')}</h3>
			<label className="check">
				<input type="checkbox" checked={state.evaluation.open} onChange={(e) => void run(() => api.setEvaluation({ open: e.currentTarget.checked }))} />
				{t('evaluation.open')}
			</label>
			<label className="check">
				<input type="checkbox" checked={state.evaluation.public} onChange={(e) => void run(() => api.setEvaluation({ public: e.currentTarget.checked }))} />
				{t('evaluation.public')}
			</label>
			<button type="button" className="button small" onClick={() => void run(load)}>
				{t('evaluation.refresh')}
			</button>
			{totals && (
				<>
					<p data-testid="evaluation-responses">{t('evaluation.responses', { count: totals.responses })}</p>
					<table className="evaluation-table">
						<thead>
							<tr>
								<th scope="col">{t('evaluation.heading')}</th>
								{EVALUATION_SCALE.map((n) => (
									<th scope="col" key={n} title={t(`evaluation.scale.${n}`)}>
										{n}
									</th>
								))}
								<th scope="col">{t('evaluation.meanHeading')}</th>
							</tr>
						</thead>
						<tbody>
							{EVALUATION_STATEMENTS.map((key) => (
								<tr key={key} data-testid={`evaluation-row-${key}`}>
									<th scope="row">{t(`evaluation.statement.${key}`)}</th>
									{totals.statements[key].counts.map((count, i) => (
										<td key={i}>{count}</td>
									))}
									<td>{mean(totals.statements[key].mean)}</td>
								</tr>
							))}
						</tbody>
					</table>
					{totals.changes.length > 0 && (
						<>
							<h4>{t('evaluation.changes')}</h4>
							<ul data-testid="evaluation-changes">
								{totals.changes.map((c, i) => (
									<li key={i}>{c}</li>
								))}
							</ul>
						</>
					)}
				</>
			)}
			{series && trend.length > 0 && (
				<>
					<h4>{t('evaluation.trend')}</h4>
					<table className="evaluation-table" data-testid="evaluation-trend">
						<thead>
							<tr>
								<th scope="col">{t('evaluation.session')}</th>
								{EVALUATION_STATEMENTS.map((key) => (
									<th scope="col" key={key}>
										{t(`evaluation.statement.${key}`)}
									</th>
								))}
							</tr>
						</thead>
						<tbody>
							{trend.map((p) => (
								<tr key={p.room}>
									<th scope="row">
										{p.title} ({t('evaluation.responses', { count: p.responses })})
									</th>
									{EVALUATION_STATEMENTS.map((key) => (
										<td key={key}>{p.means[key] === null ? '–' : p.means[key].toLocaleString()}</td>
									))}
								</tr>
							))}
						</tbody>
					</table>
				</>
			)}
		</section>
	)
}

/** One session of the series, picked by its title. */
function SessionPicker({ label, sessions, value, onChange }: { label: string; sessions: readonly { id: string; title: string }[]; value: string; onChange(id: string): void }) {
	return (
		<Field label={label}>
			{(id) => (
				<select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
					{sessions.map((s) => (
						<option key={s.id} value={s.id}>
							{s.title || s.id}
						</option>
					))}
				</select>
			)}
		</Field>
	)
}
