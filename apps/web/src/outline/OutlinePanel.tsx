/**
 * The outline: the whole board as text, live. Journeys by stage and lane with their cards, personas and
 * their emotions, stakeholders, assets and relationships, with each item's decision and votes. From here a
 * card can be added, and a card, persona or stakeholder edited in a small form (a card's words, kind,
 * cell and actor); any item can be selected, which puts it in the journey or stakeholder panel and the
 * voting bar; in an open round, votes are cast from here directly, and in an open budget round the ballot
 * (community/OutlineBudget.tsx), with both rules' results once it closes.
 * @module
 */
import {
	extractServiceDesign,
	isCardKind,
	isStakeholderKind,
	latestDecisions,
	type CardKind,
	type Journey,
	type JourneyCard,
	type JourneyPersona,
	type ServiceDesign,
	type Stakeholder,
	type StakeholderKind,
	type BudgetRound,
	type VotingRound,
	type WorkshopState,
	MAX_TEXT,
} from '@cyd/model'
import { useEffect, useState, type ReactNode } from 'react'
import { useValue, type Editor, type TLShapeId } from 'tldraw'
import type { Ballot } from '../api'
import { OutlineBudget } from '../community/OutlineBudget'
import type { CommunityApi } from '../community/communityApi'
import { Field } from '../forms'
import { ActorOptions, CardKindOptions, LaneOptions, StageOptions, StakeholderKindOptions, useNewCardKind } from '../options'
import { useT } from '../i18n/I18n'
import { addCard, deleteShape, editCard, updatePersona } from '../journey/actions'
import { updateStakeholder } from '../stakeholders/actions'
import { isolateKeys } from '../WorkshopUi'

export type EditIn = 'journey' | 'stakeholders'

export function OutlinePanel({
	editor,
	state,
	ballot,
	canVote,
	onVote,
	onEdit,
	onClose,
	budget,
}: {
	editor: Editor
	state: WorkshopState
	ballot: Ballot | null
	canVote: boolean
	onVote(shapeId: string, delta: 1 | -1): void
	onEdit(panel: EditIn): void
	onClose(): void
	/** The community's budget round and the calls to cast a ballot in it. */
	budget?: { api: CommunityApi; round: BudgetRound | null }
}) {
	const t = useT()
	const design = useValue('cyd.outline', () => extractServiceDesign(editor.store.allRecords()), [editor])
	const readOnly = useValue('cyd.outlineReadOnly', () => editor.getIsReadonly(), [editor])
	// The one form open here: an item's (by its id) or a journey's new card (by `add:` and the journey's id).
	const [open, setOpen] = useState<string | null>(null)
	const [notice, setNotice] = useState('')
	// Where the focus goes when a form closes: the button that opened it, even if its item moved meanwhile.
	const [focusTo, setFocusTo] = useState<string | null>(null)
	useEffect(() => {
		const target = focusTo && document.getElementById(focusTo)
		if (!target) return
		target.focus()
		setFocusTo(null)
	}, [focusTo, design])
	const decisions = latestDecisions(state.decisions)
	const round = state.round
	const names = new Map([...design.stakeholders, ...design.assets].map((s) => [s.id, s.name]))
	const select = (id: string, panel: EditIn) => {
		editor.select(id as TLShapeId)
		onEdit(panel)
	}
	const close = (focus: string, message?: string) => {
		setOpen(null)
		setFocusTo(focus)
		if (message) setNotice(message)
	}
	// Opening an item's form selects it, so the others see on the canvas who is working on it.
	const toggle = (id: string) => {
		if (open === id) return close(editButtonId(id))
		setOpen(id)
		editor.select(id as TLShapeId)
	}
	// Props of one item (a component made here would be a new type at each render, and lose focus).
	const itemProps = (id: string, panel: EditIn) => ({ id, status: decisions.get(id)?.status, round, ballot, canVote, onVote, onSelect: () => select(id, panel) })
	const editProps = (id: string, form: () => ReactNode) => (readOnly ? {} : { editing: open === id, onToggleEdit: () => toggle(id), form: open === id ? form() : null })

	const saveCard = (journey: Journey, card: JourneyCard, draft: CardDraft) => {
		const { stage: _stage, lane: _lane, ...fields } = draft
		const change = changed({ text: card.text, kind: card.kind, actor: card.actor ?? '' }, { ...fields, kind: fields.kind || card.kind })
		const moved = draft.stage !== card.stage || draft.lane !== card.lane
		editCard(editor, card.id as TLShapeId, change, moved ? { stage: draft.stage, lane: draft.lane } : undefined)
		close(editButtonId(card.id), moved ? t('journey.cardMoved', cellNames(journey, draft)) : t('outline.saved'))
	}
	const addTo = (journey: Journey, draft: CardDraft) => {
		const id = addCard(editor, journey.id as TLShapeId, { ...draft, kind: draft.kind || undefined })
		close(addButtonId(journey.id), id ? t('journey.cardAdded', cellNames(journey, draft)) : undefined)
	}
	const removeCard = (card: JourneyCard) => {
		deleteShape(editor, card.id as TLShapeId)
		close('outline-heading', t('outline.cardDeleted'))
	}
	return (
		<aside id="outline-panel" className="panel outline" aria-labelledby="outline-heading" {...isolateKeys}>
			<div className="panel-head">
				<h2 id="outline-heading" tabIndex={-1}>
					{t('outline.heading')}
				</h2>
				<button type="button" className="button small" onClick={onClose} aria-label={t('outline.close')}>
					×
				</button>
			</div>
			<p role="status" className="hint" data-testid="outline-status">
				{notice}
			</p>
			{budget && <OutlineBudget api={budget.api} round={budget.round} canVote={canVote} />}
			{isEmpty(design) && <p>{t('outline.empty')}</p>}
			{design.journeys.map((journey) => (
				<section key={journey.id} aria-labelledby={`o-${journey.id}`}>
					<h3 id={`o-${journey.id}`}>{t('outline.journey', { title: journey.title || t('journey.untitled') })}</h3>
					{!readOnly && (
						<>
							<button
								type="button"
								id={addButtonId(journey.id)}
								className="button small"
								aria-expanded={open === `add:${journey.id}`}
								aria-controls={open === `add:${journey.id}` ? formId(`add:${journey.id}`) : undefined}
								aria-describedby={`o-${journey.id}`}
								onClick={() => (open === `add:${journey.id}` ? close(addButtonId(journey.id)) : setOpen(`add:${journey.id}`))}
							>
								{t('outline.addCard')}
							</button>
							{open === `add:${journey.id}` && (
								<CardForm
									id={formId(`add:${journey.id}`)}
									label={t('journey.newCard')}
									journey={journey}
									stakeholders={design.stakeholders}
									onSave={(draft) => addTo(journey, draft)}
									onCancel={() => close(addButtonId(journey.id))}
								/>
							)}
						</>
					)}
					{journey.personas.length > 0 && (
						<>
							<h4>{t('journey.personas')}</h4>
							<ul>
								{journey.personas.map((p) => (
									<OutlineItem
										key={p.id}
										{...itemProps(p.id, 'journey')}
										{...editProps(p.id, () => (
											<PersonaForm
												id={formId(p.id)}
												persona={p}
												onSave={(draft) => {
													updatePersona(editor, p.id as TLShapeId, changed({ name: p.name, story: p.story, needs: p.needs }, draft))
													close(editButtonId(p.id), t('outline.saved'))
												}}
												onCancel={() => close(editButtonId(p.id))}
											/>
										))}
									>
										<strong>{p.name}</strong>
										{p.needs && <> — {t('journey.needs')}: {p.needs}</>}
										{p.emotions.length > 0 && (
											<>
												{' '}
												({p.emotions.map((e) => `${journey.stages.find((s) => s.id === e.stage)?.name ?? '?'}: ${t(`journey.emotion.${e.value}`)}`).join('; ')})
											</>
										)}
									</OutlineItem>
								))}
							</ul>
						</>
					)}
					{journey.stages.map((stage, i) => (
						<section key={stage.id} aria-labelledby={`o-${journey.id}-${stage.id}`}>
							<h4 id={`o-${journey.id}-${stage.id}`}>{t('outline.stage', { n: i + 1, name: stage.name })}</h4>
							{journey.lanes.map((lane) => {
								const cards = journey.cards.filter((c) => c.stage === stage.id && c.lane === lane.id)
								if (cards.length === 0) return null
								return (
									<div key={lane.id}>
										<h5>{lane.name}</h5>
										<ul>
											{cards.map((c) => (
												<OutlineItem
													key={c.id}
													{...itemProps(c.id, 'journey')}
													{...editProps(c.id, () => (
														<CardForm
															id={formId(c.id)}
															label={t('outline.editCard')}
															journey={journey}
															card={c}
															stakeholders={design.stakeholders}
															onSave={(draft) => saveCard(journey, c, draft)}
															onCancel={() => close(editButtonId(c.id))}
															onDelete={() => removeCard(c)}
														/>
													))}
												>
													<strong>{t(`journey.kind.${c.kind}`)}</strong>: {c.text || t('journey.emptyCard')}
													{c.channel !== 'other' && <> ({t(`journey.channel.${c.channel}`)})</>}
													{c.actor && <> — {t('journey.actedBy', { name: names.get(c.actor) ?? '?' })}</>}
												</OutlineItem>
											))}
										</ul>
									</div>
								)
							})}
						</section>
					))}
				</section>
			))}
			{design.stakeholders.length > 0 && (
				<section aria-labelledby="o-stakeholders">
					<h3 id="o-stakeholders">{t('map.stakeholders')}</h3>
					<ul>
						{design.stakeholders.map((s) => (
							<OutlineItem
								key={s.id}
								{...itemProps(s.id, 'stakeholders')}
								{...editProps(s.id, () => (
									<StakeholderForm
										id={formId(s.id)}
										stakeholder={s}
										onSave={(draft) => {
											updateStakeholder(editor, s.id as TLShapeId, changed({ name: s.name, kind: s.kind, notes: s.notes }, draft))
											close(editButtonId(s.id), t('outline.saved'))
										}}
										onCancel={() => close(editButtonId(s.id))}
									/>
								))}
							>
								<strong>{s.name}</strong> ({t(`map.kind.${s.kind}`)}) — {t('map.levels', { influence: pct(s.influence), interest: pct(s.interest) })}
								{s.actsIn.length > 0 && <> — {t('outline.actsIn', { count: s.actsIn.length })}</>}
							</OutlineItem>
						))}
					</ul>
				</section>
			)}
			{design.assets.length > 0 && (
				<section aria-labelledby="o-assets">
					<h3 id="o-assets">{t('map.assets')}</h3>
					<ul>
						{design.assets.map((a) => (
							<OutlineItem key={a.id} {...itemProps(a.id, 'stakeholders')}>
								<strong>{a.name}</strong> ({t(`map.assetKind.${a.kind}`)}){a.holder && <> — {t('map.heldBy', { holder: a.holder })}</>}
							</OutlineItem>
						))}
					</ul>
				</section>
			)}
			{design.relationships.length > 0 && (
				<section aria-labelledby="o-relationships">
					<h3 id="o-relationships">{t('map.relationships')}</h3>
					<ul>
						{design.relationships.map((r) => (
							<OutlineItem key={r.id} {...itemProps(r.id, 'stakeholders')}>
								{t(r.direction === 'both' ? 'outline.relationshipBoth' : 'outline.relationship', {
									from: names.get(r.from) ?? '?',
									to: names.get(r.to) ?? '?',
									flow: t(`map.flow.${r.flow}`),
								})}
								{r.label && <> — “{r.label}”</>}
							</OutlineItem>
						))}
					</ul>
				</section>
			)}
		</aside>
	)
}

const editButtonId = (id: string) => `outline-edit-${id}`
const addButtonId = (journeyId: string) => `outline-add-${journeyId}`
const formId = (id: string) => `outline-form-${id}`

/** The fields of `draft` whose values differ from `before`: only what the person changed is written. */
function changed<T extends object>(before: T, draft: T): Partial<T> {
	return Object.fromEntries(Object.entries(draft).filter(([key, value]) => before[key as keyof T] !== value)) as Partial<T>
}

/** A cell's stage and lane names, for a status message. */
function cellNames(journey: Journey, cell: { stage: string; lane: string }) {
	return { stage: journey.stages.find((s) => s.id === cell.stage)?.name ?? '?', lane: journey.lanes.find((l) => l.id === cell.lane)?.name ?? '?' }
}

const pct = (n: number) => `${Math.round(n * 100)}%`

function isEmpty(design: ServiceDesign): boolean {
	return design.journeys.length + design.stakeholders.length + design.assets.length === 0
}

/** The decision and votes of an item, as words. */
function ItemFacts({ id, status, round, ballot }: { id: string; status: string | undefined; round: VotingRound | null; ballot: Ballot | null }) {
	const t = useT()
	const facts: string[] = []
	if (status) facts.push(t(`agree.status.${status as 'agreed'}`))
	const votes = round?.status === 'closed' ? (round.results?.[id] ?? 0) : 0
	if (votes > 0) facts.push(t('vote.badge', { count: votes }))
	const mine = round?.status === 'open' ? (ballot?.ballot[id] ?? 0) : 0
	if (mine > 0) facts.push(t('vote.mine', { count: mine }))
	return facts.length ? <span className="outline-facts"> [{facts.join(', ')}]</span> : null
}

/** One item of the outline: its words, its decision and votes, and what can be done with it. */
function OutlineItem({
	id,
	status,
	round,
	ballot,
	canVote,
	onVote,
	onSelect,
	editing,
	onToggleEdit,
	form,
	children,
}: {
	id: string
	status: string | undefined
	round: VotingRound | null
	ballot: Ballot | null
	canVote: boolean
	onVote(shapeId: string, delta: 1 | -1): void
	onSelect(): void
	/** Whether this item's form is open; with `onToggleEdit`, the item has an "Edit" button. */
	editing?: boolean
	onToggleEdit?(): void
	form?: ReactNode
	children: ReactNode
}) {
	const t = useT()
	return (
		<li className="outline-item" data-testid="outline-item">
			<span id={`outline-text-${id}`}>{children}</span>
			<ItemFacts id={id} status={status} round={round} ballot={ballot} />
			<span className="outline-buttons">
				{onToggleEdit && (
					<button
						type="button"
						id={editButtonId(id)}
						className="button small"
						aria-expanded={editing === true}
						aria-controls={editing ? formId(id) : undefined}
						aria-describedby={`outline-text-${id}`}
						onClick={onToggleEdit}
					>
						{t('outline.edit')}
					</button>
				)}
				<button type="button" className="button small" aria-describedby={`outline-text-${id}`} onClick={onSelect}>
					{t('outline.select')}
				</button>
				{canVote && round?.status === 'open' && (
					<>
						<button type="button" className="button small" disabled={(ballot?.remaining ?? round.votesPerPerson) <= 0} onClick={() => onVote(id, 1)}>
							{t('outline.vote')}
						</button>
						{(ballot?.ballot[id] ?? 0) > 0 && (
							<button type="button" className="button small" onClick={() => onVote(id, -1)}>
								{t('outline.unvote')}
							</button>
						)}
					</>
				)}
			</span>
			{form}
		</li>
	)
}

/** A small form of the outline: its fields, then Save (or another word for it), Cancel, and more. Escape cancels. */
function OutlineForm({
	id,
	label,
	submit,
	onSubmit,
	onCancel,
	more,
	children,
}: {
	id: string
	label: string
	submit?: string
	onSubmit(): void
	onCancel(): void
	more?: ReactNode
	children: ReactNode
}) {
	const t = useT()
	return (
		<form
			id={id}
			className="outline-form"
			aria-label={label}
			onSubmit={(e) => {
				e.preventDefault()
				onSubmit()
			}}
			onKeyDown={(e) => {
				if (e.key !== 'Escape') return
				e.preventDefault()
				onCancel()
			}}
		>
			{children}
			<div className="button-row">
				<button type="submit" className="button small primary">
					{submit ?? t('outline.save')}
				</button>
				<button type="button" className="button small" onClick={onCancel}>
					{t('outline.cancel')}
				</button>
				{more}
			</div>
		</form>
	)
}

/** What a card's form edits; an empty kind is the lane's usual kind (for a new card). */
interface CardDraft {
	text: string
	kind: CardKind | ''
	stage: string
	lane: string
	actor: string
}

/** A card's words, kind, cell and actor: a new card of `journey`, or `card` as it is. */
function CardForm({
	id,
	label,
	journey,
	card,
	stakeholders,
	onSave,
	onCancel,
	onDelete,
}: {
	id: string
	label: string
	journey: Journey
	card?: JourneyCard
	stakeholders: readonly Stakeholder[]
	onSave(draft: CardDraft): void
	onCancel(): void
	onDelete?(): void
}) {
	const t = useT()
	const { stages, lanes } = journey
	const [draft, setDraft] = useState<CardDraft>(() =>
		card
			? { text: card.text, kind: card.kind, stage: card.stage, lane: card.lane, actor: card.actor ?? '' }
			: { text: '', kind: '', stage: stages[0]?.id ?? '', lane: lanes[0]?.id ?? '', actor: '' }
	)
	const newKind = useNewCardKind(lanes.find((l) => l.id === draft.lane)?.kind ?? 'other')
	const kind = draft.kind || newKind
	const set = (change: Partial<CardDraft>) => setDraft((d) => ({ ...d, ...change }))
	return (
		<OutlineForm
			id={id}
			label={label}
			submit={card ? undefined : t('journey.addCard')}
			onSubmit={() => onSave(draft)}
			onCancel={onCancel}
			more={
				onDelete && (
					<button type="button" className="button small danger" onClick={onDelete}>
						{t('journey.deleteCard')}
					</button>
				)
			}
		>
			<Field label={t('journey.text')}>
				{(fieldId) => <textarea id={fieldId} rows={3} maxLength={MAX_TEXT} autoFocus value={draft.text} onChange={(e) => set({ text: e.currentTarget.value })} />}
			</Field>
			<Field label={t('journey.kind')}>
				{(fieldId) => (
					<select id={fieldId} value={kind} onChange={(e) => isCardKind(e.currentTarget.value) && set({ kind: e.currentTarget.value })}>
						<CardKindOptions current={card?.kind} />
					</select>
				)}
			</Field>
			<Field label={t('journey.stage')}>
				{(fieldId) => (
					<select id={fieldId} value={draft.stage} onChange={(e) => set({ stage: e.currentTarget.value })}>
						<StageOptions stages={stages} />
					</select>
				)}
			</Field>
			<Field label={t('journey.lane')}>
				{(fieldId) => (
					<select id={fieldId} value={draft.lane} onChange={(e) => set({ lane: e.currentTarget.value })}>
						<LaneOptions lanes={lanes} />
					</select>
				)}
			</Field>
			<Field label={t('journey.actor')}>
				{(fieldId) => (
					<select id={fieldId} value={stakeholders.some((s) => s.id === draft.actor) ? draft.actor : ''} onChange={(e) => set({ actor: e.currentTarget.value })}>
						<ActorOptions stakeholders={stakeholders} />
					</select>
				)}
			</Field>
		</OutlineForm>
	)
}

/** A stakeholder's name, kind and notes. */
function StakeholderForm({
	id,
	stakeholder,
	onSave,
	onCancel,
}: {
	id: string
	stakeholder: Stakeholder
	onSave(draft: { name: string; kind: StakeholderKind; notes: string }): void
	onCancel(): void
}) {
	const t = useT()
	const [draft, setDraft] = useState({ name: stakeholder.name, kind: stakeholder.kind, notes: stakeholder.notes })
	return (
		<OutlineForm id={id} label={t('outline.editStakeholder')} onSubmit={() => onSave(draft)} onCancel={onCancel}>
			<Field label={t('journey.personaName')}>
				{(fieldId) => <input id={fieldId} type="text" maxLength={MAX_TEXT} autoFocus value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />}
			</Field>
			<Field label={t('journey.kind')}>
				{(fieldId) => (
					<select id={fieldId} value={draft.kind} onChange={(e) => isStakeholderKind(e.currentTarget.value) && setDraft({ ...draft, kind: e.currentTarget.value })}>
						<StakeholderKindOptions />
					</select>
				)}
			</Field>
			<Field label={t('map.notes')}>
				{(fieldId) => <textarea id={fieldId} rows={2} maxLength={MAX_TEXT} value={draft.notes} onChange={(e) => setDraft({ ...draft, notes: e.currentTarget.value })} />}
			</Field>
		</OutlineForm>
	)
}

/** A persona's name, story and needs. */
function PersonaForm({
	id,
	persona,
	onSave,
	onCancel,
}: {
	id: string
	persona: JourneyPersona
	onSave(draft: { name: string; story: string; needs: string }): void
	onCancel(): void
}) {
	const t = useT()
	const [draft, setDraft] = useState({ name: persona.name, story: persona.story, needs: persona.needs })
	return (
		<OutlineForm id={id} label={t('outline.editPersona')} onSubmit={() => onSave(draft)} onCancel={onCancel}>
			<Field label={t('journey.personaName')}>
				{(fieldId) => <input id={fieldId} type="text" maxLength={MAX_TEXT} autoFocus value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />}
			</Field>
			<Field label={t('journey.story')}>
				{(fieldId) => <textarea id={fieldId} rows={2} maxLength={MAX_TEXT} value={draft.story} onChange={(e) => setDraft({ ...draft, story: e.currentTarget.value })} />}
			</Field>
			<Field label={t('journey.needsLabel')}>
				{(fieldId) => <textarea id={fieldId} rows={2} maxLength={MAX_TEXT} value={draft.needs} onChange={(e) => setDraft({ ...draft, needs: e.currentTarget.value })} />}
			</Field>
		</OutlineForm>
	)
}
