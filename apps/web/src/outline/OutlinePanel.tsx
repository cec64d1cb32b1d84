/**
 * The outline: the whole board as text, live. Journeys by stage and lane with their cards, personas and
 * their emotions, stakeholders, assets and relationships, with each item's decision and votes. Every item
 * can be selected from here, which puts it in the journey or stakeholder panel's forms (edit, move, link)
 * and in the voting bar; in an open round, votes can be cast from here directly.
 * @module
 */
import { extractServiceDesign, latestDecisions, type ServiceDesign, type VotingRound, type WorkshopState } from '@cyd/model'
import type { ReactNode } from 'react'
import { useValue, type Editor, type TLShapeId } from 'tldraw'
import type { Ballot } from '../api'
import { useT } from '../i18n/I18n'
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
}: {
	editor: Editor
	state: WorkshopState
	ballot: Ballot | null
	canVote: boolean
	onVote(shapeId: string, delta: 1 | -1): void
	onEdit(panel: EditIn): void
	onClose(): void
}) {
	const t = useT()
	const design = useValue('cyd.outline', () => extractServiceDesign(editor.store.allRecords()), [editor])
	const decisions = latestDecisions(state.decisions)
	const round = state.round
	const names = new Map([...design.stakeholders, ...design.assets].map((s) => [s.id, s.name]))
	const select = (id: string, panel: EditIn) => {
		editor.select(id as TLShapeId)
		onEdit(panel)
	}
	// Props of one item (a component made here would be a new type at each render, and lose focus).
	const itemProps = (id: string, panel: EditIn) => ({ id, status: decisions.get(id)?.status, round, ballot, canVote, onVote, onSelect: () => select(id, panel) })
	return (
		<aside id="outline-panel" className="panel outline" aria-labelledby="outline-heading" {...isolateKeys}>
			<div className="panel-head">
				<h2 id="outline-heading">{t('outline.heading')}</h2>
				<button type="button" className="button small" onClick={onClose} aria-label={t('outline.close')}>
					×
				</button>
			</div>
			{isEmpty(design) && <p>{t('outline.empty')}</p>}
			{design.journeys.map((journey) => (
				<section key={journey.id} aria-labelledby={`o-${journey.id}`}>
					<h3 id={`o-${journey.id}`}>{t('outline.journey', { title: journey.title || t('journey.untitled') })}</h3>
					{journey.personas.length > 0 && (
						<>
							<h4>{t('journey.personas')}</h4>
							<ul>
								{journey.personas.map((p) => (
									<OutlineItem key={p.id} {...itemProps(p.id, 'journey')}>
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
												<OutlineItem key={c.id} {...itemProps(c.id, 'journey')}>
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
							<OutlineItem key={s.id} {...itemProps(s.id, 'stakeholders')}>
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
	if (votes > 0) facts.push(votes === 1 ? t('vote.badgeOne') : t('vote.badge', { count: votes }))
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
	children,
}: {
	id: string
	status: string | undefined
	round: VotingRound | null
	ballot: Ballot | null
	canVote: boolean
	onVote(shapeId: string, delta: 1 | -1): void
	onSelect(): void
	children: ReactNode
}) {
	const t = useT()
	return (
		<li className="outline-item" data-testid="outline-item">
			<span>{children}</span>
			<ItemFacts id={id} status={status} round={round} ballot={ballot} />
			<span className="outline-buttons">
				<button type="button" className="button small" onClick={onSelect}>
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
		</li>
	)
}
