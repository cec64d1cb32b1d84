/**
 * The parts of the room everyone sees of the workshop: my role, the phase and its countdown, why the board
 * is view-only, and voting on cards.
 * @module
 */
import { isStructureType, takesPart, timerRemaining, type Role, type VotingRound, type WorkshopState } from '@cyd/model'
import { useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react'
import { Vec, useValue, type Editor, type TLEventInfo, type TLShape, type TLShapeId, type VecLike } from 'tldraw'
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

export { currentView, moveToView } from './camera'

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
						<span className="results-count">{t('vote.count', { count })}</span>
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

/**
 * Voting for everyone while a round is open, as a strip above the board (so that it never hides a card
 * or its badge); the ranked results, open, once it closes. On a touch screen a card is voted for by
 * tapping it, as dots go on paper (see `useTapToVote`); a selected card can also be voted for or taken
 * back here, with the keyboard too.
 */
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
	const finger = useFinger(editor)
	/** The round whose results this person folded away. */
	const [folded, setFolded] = useState<string | null>(null)
	if (!round) return null
	if (round.status === 'closed') {
		const open = folded !== round.id
		return (
			<section className="vote-bar" aria-labelledby="vote-heading" {...isolateKeys}>
				<div className="vote-bar-row">
					<h2 id="vote-heading">{t('vote.closed', { voters: round.voters ?? 0 })}</h2>
					<button type="button" className="button small" aria-expanded={open} aria-controls="vote-results" onClick={() => setFolded(open ? round.id : null)}>
						{open ? t('vote.hideResults') : t('vote.showResults')}
					</button>
				</div>
				{open && (
					<div id="vote-results" className="vote-results">
						<h3 className="visually-hidden">{t('vote.resultsHeading')}</h3>
						<ResultsList editor={editor} round={round} />
					</div>
				)}
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
	// The steward follows up after the workshop and does not vote (the server refuses their votes).
	if (!takesPart(role)) return null
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
			{finger && <p className="hint">{t('vote.tapCard')}</p>}
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
				!finger && <p className="hint">{t('vote.selectCard')}</p>
			)}
			<p role="alert" className="error">
				{error ?? ''}
			</p>
		</section>
	)
}

const NARROW = '(max-width: 640px)'
const subscribeNarrow = (onChange: () => void) => {
	const query = matchMedia(NARROW)
	query.addEventListener('change', onChange)
	return () => query.removeEventListener('change', onChange)
}
/** Whether the screen is a phone's width, where panels open folded to what most people do. */
export function useNarrowScreen(): boolean {
	return useSyncExternalStore(subscribeNarrow, () => matchMedia(NARROW).matches)
}

/** Whether this screen is being used with a finger (or a pen) rather than a mouse, as tldraw tells. */
export function useFinger(editor: Editor | null): boolean {
	return useValue('cyd.finger', () => editor?.getInstanceState().isCoarsePointer ?? false, [editor])
}

/** What a tap at `point` would vote for: the topmost shape there that is not the board's structure. */
function votableAt(editor: Editor, point: VecLike): TLShape | undefined {
	const shape = editor.getShapeAtPoint(point, { hitInside: true, renderingOnly: true })
	return shape && !isStructureType(shape.type) ? shape : undefined
}

/**
 * While `enabled` (a round is open and this person votes), a tap on a card (a finger down and up on it
 * without moving) gives it a vote, as a dot on paper would; the second tap of a double tap does not.
 */
export function useTapToVote(editor: Editor | null, enabled: boolean, onVote: (shapeId: string) => void): void {
	const latest = useRef({ enabled, onVote })
	latest.current = { enabled, onVote }
	useEffect(() => {
		if (!editor) return
		let down: { id: TLShapeId; at: Vec } | null = null
		let last = { id: '', at: 0 }
		const onEvent = (info: TLEventInfo) => {
			if (info.type !== 'pointer') return
			if (info.name === 'pointer_down') {
				down = null
				if (!latest.current.enabled || !editor.getInstanceState().isCoarsePointer || editor.getCurrentToolId() !== 'select') return
				const shape = votableAt(editor, editor.inputs.getCurrentPagePoint())
				if (shape) down = { id: shape.id, at: Vec.From(info.point) }
			} else if (info.name === 'pointer_up' && down) {
				const pressed = down
				down = null
				if (Vec.Dist(pressed.at, info.point) > TAP_SLOP || !editor.getShape(pressed.id)) return
				const now = Date.now()
				if (last.id === pressed.id && now - last.at < editor.options.doubleClickDurationMs) return
				last = { id: pressed.id, at: now }
				latest.current.onVote(pressed.id)
			}
		}
		editor.on('event', onEvent)
		return () => void editor.off('event', onEvent)
	}, [editor])
}

/** Further than this (screen pixels) between down and up, and a touch is a drag, not a tap. */
const TAP_SLOP = 12
