/**
 * The parts of the room everyone sees of the workshop: my role, the phase and its countdown, why the board
 * is view-only, and voting on cards.
 * @module
 */
import { timerRemaining, type Role, type Summon, type VotingRound, type WorkshopState } from '@cyd/model'
import type { KeyboardEvent } from 'react'
import { useValue, type Editor, type TLShapeId } from 'tldraw'
import type { Ballot } from './api'
import { cameraMove } from './display'
import { formatRemaining, useServerNow } from './clock'
import { useT } from './i18n/I18n'

const stop = (event: KeyboardEvent) => event.stopPropagation()
/**
 * Spread on Cyd's own controls next to the canvas: tldraw listens for shortcuts on the whole page, so
 * without this, Enter on a focused "Vote" button would also start editing the selected card.
 */
export const isolateKeys = { onKeyDown: stop, onKeyUp: stop }

export function RoleBadge({ role }: { role: Role }) {
	const t = useT()
	return (
		<span className={`role-badge role-${role}`} data-testid="my-role">
			{t('role.you', { role: t(`role.${role}`) })}
		</span>
	)
}

/** The current phase and the shared countdown, in server time. */
export function Countdown({ state, clockOffset }: { state: WorkshopState; clockOffset: number }) {
	const t = useT()
	const { timer } = state
	const running = timer.endsAt !== null
	const now = useServerNow(clockOffset, running)
	const phase = state.agenda.find((a) => a.id === state.phaseId) ?? null
	const hasTimer = running || timer.remainingMs !== null
	if (!phase && !hasTimer) return null
	const remaining = timerRemaining(timer, now)
	const time = formatRemaining(remaining)
	return (
		<div className="countdown">
			{phase && (
				<span className="countdown-phase">
					<span className="visually-hidden">{t('timer.phase')}: </span>
					{phase.title || t(`kind.${phase.kind}`)}
				</span>
			)}
			{hasTimer && (
				<span className={`countdown-time${remaining === 0 ? ' up' : ''}`} role="timer" aria-label={t('timer.label')} data-testid="countdown">
					{running ? (remaining === 0 ? t('timer.up') : time) : t('timer.paused', { time })}
				</span>
			)}
		</div>
	)
}

export type ReadOnlyReason = 'observer' | 'locked' | 'deliberation'

export function ViewOnlyBanner({ reason, denied, onDismissDenied }: { reason: ReadOnlyReason | null; denied: boolean; onDismissDenied(): void }) {
	const t = useT()
	return (
		<div className="banners" {...isolateKeys}>
			<p role="status" aria-live="polite" className={reason ? 'banner view-only' : 'banner empty'} data-testid="view-only">
				{reason ? t(`readonly.${reason}`) : ''}
			</p>
			{denied && (
				<div role="alert" className="banner denied">
					<span>{t('readonly.denied')}</span>
					<button type="button" className="button small" onClick={onDismissDenied}>
						{t('readonly.dismiss')}
					</button>
				</div>
			)}
		</div>
	)
}

/** What a card says, for lists outside the canvas. */
export function shapeLabel(editor: Editor, id: string): string {
	const shape = editor.getShape(id as TLShapeId)
	if (!shape) return ''
	return (editor.getShapeUtil(shape).getText(shape) ?? '').trim()
}

/** Selects a shape and brings it into view (switching page if needed). */
export function showShape(editor: Editor, id: string, select = true): void {
	const shapeId = id as TLShapeId
	const shape = editor.getShape(shapeId)
	if (!shape) return
	const pageId = editor.getAncestorPageId(shape)
	if (pageId && pageId !== editor.getCurrentPageId()) editor.setCurrentPage(pageId)
	if (select) editor.select(shapeId)
	const bounds = editor.getShapePageBounds(shapeId)
	if (bounds) editor.zoomToBounds(bounds, { inset: 160, targetZoom: 1, ...cameraMove(300) })
}

/** The view a facilitator sends with "bring everyone to my view": the page point at the centre, and the zoom. */
export function currentView(editor: Editor): { x: number; y: number; z: number; pageId: string } {
	const centre = editor.getViewportPageBounds().center
	return { x: centre.x, y: centre.y, z: editor.getCamera().z, pageId: editor.getCurrentPageId() }
}

/** Moves this screen to a summoned view: same page, same zoom, the same point in the middle. */
export function moveToView(editor: Editor, view: Summon): void {
	if (view.pageId !== editor.getCurrentPageId() && editor.getPage(view.pageId as Parameters<Editor['getPage']>[0])) {
		editor.setCurrentPage(view.pageId as Parameters<Editor['setCurrentPage']>[0])
	}
	const screen = editor.getViewportScreenBounds()
	editor.setCamera({ x: screen.w / (2 * view.z) - view.x, y: screen.h / (2 * view.z) - view.y, z: view.z }, cameraMove(300))
}

/** The ranked results of a closed round: each card with its count, and a button to bring it into view. */
export function ResultsList({ editor, round }: { editor: Editor | null; round: VotingRound }) {
	const t = useT()
	const results = Object.entries(round.results ?? {})
		.filter(([, n]) => n > 0)
		.sort((a, b) => b[1] - a[1])
	const labels = useValue('cyd.resultLabels', () => (editor ? results.map(([id]) => shapeLabel(editor, id)) : []), [editor, results.map(([id]) => id).join(' ')])
	if (results.length === 0) return <p>{t('vote.noVotes')}</p>
	return (
		<ol className="results" data-testid="results">
			{results.map(([id, count], i) => {
				const label = labels[i] || t('vote.untitled')
				return (
					<li key={id}>
						<span className="results-count">{count === 1 ? t('vote.countOne') : t('vote.count', { count })}</span>
						<span className="results-label">{label}</span>
						{editor && (
							<button type="button" className="button small" aria-label={t('vote.show', { card: label })} onClick={() => showShape(editor, id)}>
								{t('vote.show', { card: '' }).trim()}
							</button>
						)}
					</li>
				)
			})}
		</ol>
	)
}

/** Voting for everyone while a round is open; the results once it closes. */
export function VoteBar({
	editor,
	round,
	role,
	ballot,
	error,
	onVote,
}: {
	editor: Editor | null
	round: VotingRound | null
	role: Role
	ballot: Ballot | null
	error: string | null
	onVote(shapeId: string, delta: 1 | -1): void
}) {
	const t = useT()
	const selected = useValue('cyd.voteSelection', () => editor?.getOnlySelectedShapeId() ?? null, [editor])
	if (!round) return null
	if (round.status === 'closed') {
		return (
			<section className="vote-bar" aria-labelledby="vote-heading" {...isolateKeys}>
				<details>
					<summary>
						<h2 id="vote-heading">{t('vote.closed', { voters: round.voters ?? 0 })}</h2>
					</summary>
					<ResultsList editor={editor} round={round} />
				</details>
			</section>
		)
	}
	if (role === 'observer') {
		return (
			<section className="vote-bar" aria-label={t('vote.heading')} {...isolateKeys}>
				<p>{t('vote.observing')}</p>
			</section>
		)
	}
	const onThis = selected ? (ballot?.ballot[selected] ?? 0) : 0
	const remaining = ballot?.remaining ?? round.votesPerPerson
	return (
		<section className="vote-bar" aria-labelledby="vote-heading" {...isolateKeys}>
			<h2 id="vote-heading" className="visually-hidden">
				{t('vote.heading')}
			</h2>
			<p aria-live="polite" data-testid="votes-left">
				<strong>{t('vote.remaining', { remaining, total: round.votesPerPerson })}</strong>
			</p>
			{selected ? (
				<div className="vote-actions">
					<span>{t('vote.onThis', { count: onThis })}</span>
					<button type="button" className="button small primary" disabled={remaining <= 0} onClick={() => onVote(selected, 1)}>
						{t('vote.add')}
					</button>
					<button type="button" className="button small" disabled={onThis <= 0} onClick={() => onVote(selected, -1)}>
						{t('vote.remove')}
					</button>
				</div>
			) : (
				<p className="hint">{t('vote.selectCard')}</p>
			)}
			<p role="alert" className="error">
				{error ?? ''}
			</p>
		</section>
	)
}
