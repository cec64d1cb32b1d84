/**
 * The facilitator's outcome sections: the agreement (mark the selected item agreed, parked or rejected,
 * with a note; the decision log), named versions (save, open read-only, compare with now, restore),
 * exports of the agreed design, and the public page. The server does each; this only asks.
 * @module
 */
import { latestDecisions, type Decision, type DecisionStatus, type DesignDiff, type ServiceDesign, type VersionInfo, type WorkshopState, MAX_DECISION_NOTE, MAX_VERSION_NAME } from '@cyd/model'
import { useEffect, useState } from 'react'
import { useValue, type Editor, type TLArrowBinding, type TLShapeId } from 'tldraw'
import { isBlueprint, isCard, isPersona } from './journey/actions'
import { isAsset, isStakeholder } from './stakeholders/actions'
import type { RoomApi } from './api'
import { CopyField } from './CopyField'
import { Field } from './forms'
import { agreementCounts, diffGroups, isDiffField, type AgreementCount } from './outcomeSummary'
import { useI18n } from './i18n/I18n'
import type { Say } from './i18n/say'
import { VersionViewer } from './VersionViewer'

type Run = (action: () => Promise<unknown>, done?: Say) => Promise<boolean>

/** The shape types whose shapes are other contributions (notes, text, shapes, drawings, arrows, images). */
const CONTRIBUTION_TYPES = new Set(['note', 'text', 'geo', 'draw', 'highlight', 'line', 'arrow', 'image'])

/**
 * The item (card, persona, stakeholder, asset, relationship or other contribution: a note, text,
 * drawing...) selected on the canvas, with its text. Reads only the selected shape (and an arrow's two
 * ends), not the whole board, since it is recomputed at every change while the panel is open.
 */
export function useSelectedItem(editor: Editor | null): { id: string; text: string; contribution?: boolean } | null {
	return useValue(
		'cyd.selectedItem',
		() => {
			const shape = editor?.getOnlySelectedShape()
			if (!editor || !shape) return null
			const nameOf = (id: TLShapeId) => {
				const end = editor.getShape(id)
				return isStakeholder(end) || isAsset(end) ? end.props.name : null
			}
			if (isCard(shape)) return isBlueprint(editor.getShape(shape.parentId as TLShapeId)) ? { id: shape.id, text: shape.props.text } : null
			if (isPersona(shape)) return { id: shape.id, text: shape.props.name }
			if (isStakeholder(shape) || isAsset(shape)) return { id: shape.id, text: shape.props.name }
			if (shape.type === 'arrow') {
				const bindings = editor.getBindingsFromShape<TLArrowBinding>(shape, 'arrow')
				const end = (terminal: 'start' | 'end') => {
					const id = bindings.find((b) => b.props.terminal === terminal)?.toId
					return id ? nameOf(id) : null
				}
				const [from, to] = [end('start'), end('end')]
				if (from !== null && to !== null) return { id: shape.id, text: `${from} → ${to}` }
			}
			// Other contributions (as the ServiceDesign keeps them): notes and text with words, shapes,
			// drawings, free arrows and images. Their text is '' when they have no words.
			if (!CONTRIBUTION_TYPES.has(shape.type)) return null
			const text = (editor.getShapeUtil(shape).getText(shape) ?? '').trim()
			if (!text && (shape.type === 'note' || shape.type === 'text')) return null
			return { id: shape.id, text, contribution: true }
		},
		[editor]
	)
}

const STATUS_ACTIONS = ['agreed', 'parked', 'rejected'] as const satisfies readonly DecisionStatus[]

export function AgreementSection({ api, editor, state, run }: { api: RoomApi; editor: Editor | null; state: WorkshopState; run: Run }) {
	const { t, dateTime } = useI18n()
	const selected = useSelectedItem(editor)
	const [note, setNote] = useState('')
	const latest = latestDecisions(state.decisions)
	const current = selected ? latest.get(selected.id) : undefined
	return (
		<details open>
			<summary>{t('agree.heading')}</summary>
			{selected ? (
				<>
					<p>
						{t('agree.selected', { text: selected.text || t(selected.contribution ? 'agree.noWords' : 'journey.emptyCard') })}
						{current && <> ({t(`agree.status.${current.status}`)})</>}
					</p>
					<Field label={t('agree.note')}>
						{(id) => <input id={id} type="text" maxLength={MAX_DECISION_NOTE} value={note} onChange={(e) => setNote(e.currentTarget.value)} />}
					</Field>
					<div className="button-row">
						{STATUS_ACTIONS.map((status) => (
							<button
								key={status}
								type="button"
								className="button small"
								aria-pressed={current?.status === status}
								onClick={() => void run(() => api.decide(selected.id, status, note), (t) => t('agree.done', { status: t(`agree.status.${status}`) })).then((ok) => ok && setNote(''))}
							>
								{t(`agree.mark.${status}`)}
							</button>
						))}
					</div>
				</>
			) : (
				<p className="hint">{t('agree.selectFirst')}</p>
			)}
			<h3 className="panel-subheading">{t('agree.log')}</h3>
			{state.decisions.length === 0 ? (
				<p className="hint">{t('agree.empty')}</p>
			) : (
				<ol className="decision-log" data-testid="decision-log">
					{[...state.decisions].reverse().slice(0, 50).map((d, i) => (
						<li key={`${d.item}-${d.at}-${i}`}>
							<strong>{t(`agree.status.${d.status}`)}</strong>: {d.itemText || t('journey.emptyCard')}
							{d.note && <> — {d.note}</>}
							<br />
							<span className="hint">{t('agree.byAt', { name: d.by.name, time: dateTime(d.at), votes: d.tally })}</span>
						</li>
					))}
				</ol>
			)}
		</details>
	)
}

export function VersionsSection({ api, state, run }: { api: RoomApi; state: WorkshopState; run: Run }) {
	const { t, dateTime } = useI18n()
	const [name, setName] = useState('')
	const [open, setOpen] = useState<VersionInfo | null>(null)
	const [diff, setDiff] = useState<{ version: VersionInfo; diff: DesignDiff } | null>(null)
	return (
		<details>
			<summary>{t('versions.heading')}</summary>
			<Field label={t('versions.name')}>{(id) => <input id={id} type="text" maxLength={MAX_VERSION_NAME} value={name} onChange={(e) => setName(e.currentTarget.value)} />}</Field>
			<button type="button" className="button" disabled={!name.trim()} onClick={() => void run(() => api.saveVersion(name), (t) => t('versions.saved', { name })).then((ok) => ok && setName(''))}>
				{t('versions.save')}
			</button>
			<ul className="version-list" data-testid="version-list">
				{[...state.versions].reverse().map((v) => (
					<li key={v.id}>
						<strong>{v.name}</strong> <span className="hint">{t('versions.byAt', { name: v.by.name, time: dateTime(v.at) })}</span>
						<div className="button-row">
							<button type="button" className="button small" onClick={() => setOpen(v)} aria-label={t('versions.openNamed', { name: v.name })}>
								{t('versions.open')}
							</button>
							<button
								type="button"
								className="button small"
								aria-label={t('versions.compareNamed', { name: v.name })}
								onClick={() => void run(async () => setDiff({ version: v, diff: await api.compare(v.id, 'current') }))}
							>
								{t('versions.compare')}
							</button>
							<button
								type="button"
								className="button small"
								aria-label={t('versions.restoreNamed', { name: v.name })}
								onClick={() => window.confirm(t('versions.confirmRestore', { name: v.name })) && void run(() => api.restoreVersion(v.id), (t) => t('versions.restored', { name: v.name }))}
							>
								{t('versions.restore')}
							</button>
						</div>
					</li>
				))}
			</ul>
			{diff && <DiffSummary name={diff.version.name} diff={diff.diff} decisions={state.decisions} since={diff.version.at} />}
			{open && <VersionViewer api={api} version={open} onClose={() => setOpen(null)} />}
		</details>
	)
}

/**
 * What changed from a version to now, group by group (other contributions too: notes, text, drawings),
 * with the items decided since the version was saved under their group.
 */
function DiffSummary({ name, diff, decisions, since }: { name: string; diff: DesignDiff; decisions: readonly Decision[]; since: number }) {
	const { t } = useI18n()
	const groups = diffGroups(diff, decisions, since)
	return (
		<section className="diff" aria-labelledby="diff-heading" data-testid="version-diff">
			<h3 id="diff-heading" className="panel-subheading">
				{t('versions.diffHeading', { name })}
			</h3>
			{groups.length === 0 && <p>{t('versions.noChanges')}</p>}
			{groups.map((g) => (
				<div key={g.group} data-testid={`diff-${g.group}`}>
					<h4>{t(`versions.group.${g.group}`)}</h4>
					<ul>
						{g.added.map((c) => (
							<li key={`a${c.id}`}>{t('versions.added', { text: c.text })}</li>
						))}
						{g.removed.map((c) => (
							<li key={`r${c.id}`}>{t('versions.removed', { text: c.text })}</li>
						))}
						{g.changed.map((c) => (
							<li key={`c${c.id}`}>{t('versions.changed', { text: c.text, fields: c.fields.map((f) => (isDiffField(f) ? t(`versions.field.${f}`) : f)).join(', ') })}</li>
						))}
						{g.decided.map((d) => (
							<li key={`d${d.id}`}>{t('versions.decided', { status: t(`agree.status.${d.status}`), text: d.text || t('journey.emptyCard') })}</li>
						))}
					</ul>
				</div>
			))}
		</section>
	)
}

const FORMATS = ['json', 'csv', 'md', 'html', 'pdf', 'geojson'] as const
/** Every table of the CSV export (`CSV_TABLES` in @cyd/export, which the server's export route accepts), and all of them as a zip. */
const TABLES = ['all', 'journey-steps', 'stakeholders', 'relationships', 'contributions', 'votes', 'outcomes', 'actions', 'updates', 'contributors', 'budget-results', 'budget-ballots'] as const

export function ExportSection({ api, state, run }: { api: RoomApi; state: WorkshopState; run: Run }) {
	const { t, language } = useI18n()
	const [format, setFormat] = useState<(typeof FORMATS)[number]>('pdf')
	const [table, setTable] = useState<(typeof TABLES)[number]>('all')
	const [version, setVersion] = useState('current')
	const [agreed, setAgreed] = useState(true)
	const [open, setOpen] = useState(false)
	// The figures are read again when a decision is made or an outcome's status changes.
	const revision = `${state.decisions.length}:${state.outcomes.map((o) => o.status).join()}`
	const publicUrl = state.published ? `${location.origin}/p/${api.roomId}/${state.published.secret}` : null
	const query = () => ({ format, language, agreed: agreed ? 'only' : 'all', version, ...(format === 'csv' && table !== 'all' ? { table } : {}) })
	return (
		<>
			<details onToggle={(e) => setOpen(e.currentTarget.open)}>
				<summary>{t('export.heading')}</summary>
				<Field label={t('export.format')}>
					{(id) => (
						<select id={id} value={format} onChange={(e) => setFormat(e.currentTarget.value as (typeof FORMATS)[number])}>
							{FORMATS.map((f) => (
								<option key={f} value={f}>
									{t(`export.format.${f}`)}
								</option>
							))}
						</select>
					)}
				</Field>
				{format === 'csv' && (
					<Field label={t('export.table')}>
						{(id) => (
							<select id={id} value={table} onChange={(e) => setTable(e.currentTarget.value as (typeof TABLES)[number])}>
								{TABLES.map((x) => (
									<option key={x} value={x}>
										{t(`export.table.${x}`)}
									</option>
								))}
							</select>
						)}
					</Field>
				)}
				<Field label={t('export.version')}>
					{(id) => (
						<select id={id} value={version} onChange={(e) => setVersion(e.currentTarget.value)}>
							<option value="current">{t('export.current')}</option>
							{state.versions.map((v) => (
								<option key={v.id} value={v.id}>
									{v.name}
								</option>
							))}
						</select>
					)}
				</Field>
				<label className="check">
					<input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.currentTarget.checked)} />
					{t('export.agreedOnly')}
				</label>
				{open && <ExportCounts api={api} version={version} revision={revision} />}
				<button type="button" className="button" onClick={() => void run(() => api.download(query()), (t) => t('export.done'))}>
					{t('export.download')}
				</button>
			</details>
			<details>
				<summary>{t('publish.heading')}</summary>
				<p>{state.published ? t('publish.isPublished') : t('publish.notPublished')}</p>
				{publicUrl && <CopyField label={t('publish.link')} value={publicUrl} copyLabel={t('publish.copy')} />}
				<div className="button-row">
					<button type="button" className="button" onClick={() => void run(() => api.publish(), (t) => t('publish.done'))}>
						{state.published ? t('publish.again') : t('publish.publish')}
					</button>
					{state.published && (
						<button type="button" className="button small" onClick={() => void run(() => api.withdraw(), (t) => t('publish.withdrawn'))}>
							{t('publish.withdraw')}
						</button>
					)}
				</div>
			</details>
		</>
	)
}

/**
 * Beside "only what was agreed": how many of each kind of item the design (now or of the chosen version)
 * holds and how many of them are agreed, in the words the report uses when none are ("3 stakeholders
 * were mapped; none agreed yet").
 */
function ExportCounts({ api, version, revision }: { api: RoomApi; version: string; revision: string }) {
	const { t } = useI18n()
	const [counts, setCounts] = useState<AgreementCount[] | null>(null)
	useEffect(() => {
		let cancelled = false
		api.design(version).then(
			(design) => !cancelled && setCounts(agreementCounts(design as ServiceDesign)),
			() => !cancelled && setCounts(null)
		)
		return () => {
			cancelled = true
		}
	}, [api, version, revision])
	if (!counts) return null
	const shown = counts.filter((c) => c.total > 0)
	return (
		<section aria-labelledby="export-counts-heading" data-testid="export-counts">
			<h3 id="export-counts-heading" className="panel-subheading">
				{t('export.counts.heading')}
			</h3>
			{shown.length === 0 ? (
				<p className="hint">{t('export.counts.empty')}</p>
			) : (
				<ul>
					{shown.map((c) => (
						<li key={c.kind}>
							{c.agreed === 0 ? t(`export.counts.none.${c.kind}`, { total: c.total }) : t('export.counts.agreedOf', { label: t(`export.counts.label.${c.kind}`), agreed: c.agreed, total: c.total })}
						</li>
					))}
				</ul>
			)}
		</section>
	)
}

const proposedDone: Say = (t) => t('agree.proposedDone')

/** For anyone taking part: put the selected item forward for the facilitator to decide on. */
export function ProposeButton({ api, item, disabled }: { api: RoomApi | undefined; item: string; disabled?: boolean }) {
	const { t } = useI18n()
	// Kept as a message and said in the language chosen when shown.
	const [said, setSaid] = useState<Say | null>(null)
	if (!api) return null
	return (
		<>
			<button
				type="button"
				className="button small"
				disabled={disabled}
				onClick={() =>
					api.decide(item, 'proposed').then(
						() => setSaid(() => proposedDone),
						(e: unknown) => {
							const message = e instanceof Error ? e.message : String(e)
							setSaid(() => () => message)
						}
					)
				}
			>
				{t('agree.propose')}
			</button>
			<span role="status" className="hint">
				{said?.(t)}
			</span>
		</>
	)
}
