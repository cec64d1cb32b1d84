/**
 * A seat's dock on the table's edge, turned to face the person there: new notes and cards, an on-screen
 * keyboard, the note's colour and turn, the seat's own undo, a QR code for a phone, pinning the seat's
 * note or card to the neighbourhood map (when the room has one) where a finger taps the map, and during a
 * voting round the seat's own votes, counted by the server for the seat's person, and while a budget round
 * is open the seat's budget ballot (community/DockBudget.tsx).
 * @module
 */
import { isPinned, type BudgetRound, type CardKind, type Seat, type VotingRound } from '@cyd/model'
import { useEffect, useId, useRef, useState, type CSSProperties, type ReactNode, type TouchEvent as ReactTouchEvent, type PointerEvent as ReactPointerEvent } from 'react'
import { useValue, type TLShapeId } from 'tldraw'
import type { Ballot, RoomApi } from '../api'
import type { MessageKey } from '../i18n/catalog'
import { useT } from '../i18n/I18n'
import { useCardKinds } from '../options'
import { isolateKeys } from '../WorkshopUi'
import type { SeatPlace } from './layout'
import { PhoneCode } from './PhoneCode'
import { DockEvaluation } from '../series/DockEvaluation'
import { DockBudget } from '../community/DockBudget'
import type { CommunityApi } from '../community/communityApi'
import { textOf, type SeatView, type TableSession } from './session'

/** tldraw's colours, for docks and marks in a seat's colour. */
export const SEAT_CSS: Record<string, string> = {
	blue: '#4465e9',
	orange: '#e16919',
	green: '#099268',
	violet: '#ae3ec9',
	red: '#e03131',
	'light-blue': '#4ba1f1',
	yellow: '#f1ac4b',
	'light-green': '#4cb05e',
	'light-violet': '#e085f4',
	'light-red': '#f87777',
	white: '#ffffff',
}

/** How deep an open keyboard makes a dock: five rows of 48-pixel keys, their gaps, and the dock's gap. */
export const KEYBOARD_DEPTH = 5 * 48 + 4 * 3 + 6

const KEY_ROWS: readonly (readonly string[])[] = [
	['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
	['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', "'"],
	['z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '?'],
	['â', 'ê', 'î', 'ô', 'û', 'ŵ', 'ŷ', 'ï', '!', '-'],
]

type Panel = 'none' | 'keyboard' | 'cards' | 'phone' | 'vote' | 'evaluate' | 'budget'

/**
 * A control that works under many fingers at once: it acts when a finger lifts off it (a second finger
 * elsewhere on the table would stop the browser's click), and on a click from a mouse, a pen or a key.
 * The browser's own click after a touch is cancelled where it starts (the touch's end), so a tap acts
 * once, and never on whatever the tap's change moved under the finger.
 */
function TapButton({
	onTap,
	disabled,
	className,
	children,
	...aria
}: {
	onTap(): void
	disabled?: boolean
	className?: string
	children: ReactNode
	'aria-label'?: string
	'aria-pressed'?: boolean
}) {
	const act = () => !disabled && onTap()
	return (
		<button
			type="button"
			className={`dock-key ${className ?? ''}`}
			aria-disabled={disabled || undefined}
			{...aria}
			onPointerUp={(e: ReactPointerEvent<HTMLElement>) => {
				if (e.pointerType !== 'touch') return
				const r = e.currentTarget.getBoundingClientRect()
				if (e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom) act()
			}}
			onTouchEnd={(e: ReactTouchEvent) => e.preventDefault()}
			onClick={act}
		>
			{children}
		</button>
	)
}

/** A seat's ballot in the open round, as the server counts it for the seat's person. */
function useSeatBallot(api: RoomApi, seat: string, round: VotingRound | null) {
	const open = round?.status === 'open' ? round.id : null
	const [ballot, setBallot] = useState<Ballot | null>(null)
	useEffect(() => {
		setBallot(null)
		if (!open) return
		let cancelled = false
		api.myVotes(seat).then(
			(b) => !cancelled && setBallot(b),
			() => undefined,
		)
		return () => {
			cancelled = true
		}
	}, [api, seat, open])
	return [ballot, setBallot] as const
}

export function Dock({
	ref,
	seat,
	index,
	place,
	view,
	session,
	api,
	round,
	locked,
	evaluationOpen = false,
	hasMap = false,
	budget = null,
	communityApi,
}: {
	ref: (el: HTMLElement | null) => void
	seat: Seat
	index: number
	place: SeatPlace
	view: SeatView | undefined
	session: TableSession
	api: RoomApi
	round: VotingRound | null
	/** A lock holds the table: nothing on the board changes from here. */
	locked: boolean
	/** The end-of-session evaluation is open: the seat answers it here (series/DockEvaluation.tsx). */
	evaluationOpen?: boolean
	/** The room has a neighbourhood map: the seat can pin its note or card to it. */
	hasMap?: boolean
	/** The budget round: while it is open the seat casts its ballot here, through `communityApi`. */
	budget?: BudgetRound | null
	communityApi?: CommunityApi
}) {
	const t = useT()
	const [panel, setPanel] = useState<Panel>('none')
	const [shift, setShift] = useState(false)
	const [message, setMessage] = useState<{ key: MessageKey; reason?: string } | null>(null)
	const headingId = useId()
	// The room's kinds of card (its workshop template's, else every kind).
	const cardKinds = useCardKinds()
	const pinning = view?.pinning ?? false
	const toggle = (p: Panel) => {
		session.setPinning(index, false)
		setPanel((open) => (open === p ? 'none' : p))
	}
	const current = useValue('dock.current', () => (view?.current ? session.editor.getShape(view.current as TLShapeId) : undefined), [view?.current, session])
	const text = current ? textOf(current) : null
	const pinned = current ? isPinned(current) : false
	// A note or card lying loose on the board pins where a finger taps the map; one in a journey or on a map pins where it is.
	const loose = current ? current.parentId === session.editor.getCurrentPageId() : false
	const voting = round?.status === 'open'
	const [ballot, setBallot] = useSeatBallot(api, seat.id, round)
	// A note made or tapped from this seat opens its keyboard (or, while voting, keeps its votes open).
	useEffect(() => {
		if (view?.current) setPanel((open) => (open === 'vote' ? 'vote' : 'keyboard'))
	}, [view?.current])
	// Panels that change the board close under a lock; the votes close with the round.
	useEffect(() => {
		if (locked) setPanel((open) => (open === 'keyboard' || open === 'cards' ? 'none' : open))
		if (locked || !hasMap) session.setPinning(index, false)
	}, [locked, hasMap, session, index])
	useEffect(() => {
		if (!voting) setPanel((open) => (open === 'vote' ? 'none' : open))
	}, [voting])
	useEffect(() => {
		if (!evaluationOpen) setPanel((open) => (open === 'evaluate' ? 'none' : open))
	}, [evaluationOpen])
	const budgeting = budget?.status === 'open' && communityApi !== undefined
	useEffect(() => {
		if (!budgeting) setPanel((open) => (open === 'budget' ? 'none' : open))
	}, [budgeting])
	const colour = view?.colour ?? seat.colour
	// Once the seat has pinned (a tap on the map, or where it lies), its dock says so.
	const wasPinning = useRef(pinning)
	useEffect(() => {
		if (wasPinning.current && !pinning && current && isPinned(current)) setMessage({ key: 'dock.pinned' })
		wasPinning.current = pinning
	}, [pinning])
	const pinFrom = () => {
		if (pinning) return session.setPinning(index, false)
		setPanel('none')
		session.setPinning(index, true)
	}
	const change = (action: () => void) => () => {
		setMessage(null)
		action()
	}
	const vote = (delta: 1 | -1) => {
		if (!current) return
		api.vote(current.id, delta, seat.id).then(
			(b) => {
				setBallot(b)
				setMessage(null)
			},
			(error: unknown) => setMessage({ key: 'dock.voteRefused', reason: error instanceof Error ? error.message : String(error) }),
		)
	}
	const style = {
		left: place.anchor.x,
		top: place.anchor.y,
		width: place.span,
		transform: `translate(-50%, -100%) rotate(${place.angle}deg)`,
		'--seat': SEAT_CSS[seat.colour],
	} as CSSProperties
	const onCurrent = current ? (ballot?.ballot[current.id] ?? 0) : 0
	const line = locked
		? t('dock.locked')
		: message
			? t(message.key, { reason: message.reason ?? '' })
			: text === null
				? t('dock.nothing')
				: t('dock.typingInto', { text: text.trim() ? text.slice(-40) : t('dock.empty') })
	const shown: Panel | 'pin' = pinning ? 'pin' : panel
	return (
		<section ref={ref} className={`dock dock-${place.edge}`} data-panel={shown} style={style} aria-labelledby={headingId} data-testid={`dock-${index}`} data-seat={seat.id} {...isolateKeys}>
			{shown === 'keyboard' && (
				<div className="dock-keyboard" data-dock-panel role="group" aria-label={t('key.keyboard', { name: seat.name })}>
					{KEY_ROWS.map((row, r) => (
						<div key={r} className="dock-row">
							{row.map((k) => {
								const char = shift ? k.toLocaleUpperCase() : k
								return (
									<span key={k}>
										<TapButton aria-label={char} disabled={locked} onTap={() => (session.type(index, char), setShift(false))}>
											{char}
										</TapButton>
									</span>
								)
							})}
						</div>
					))}
					<div className="dock-row">
						<TapButton className="wide" aria-label={t('key.shift')} aria-pressed={shift} onTap={() => setShift((s) => !s)}>
							⇧
						</TapButton>
						<TapButton className="space" disabled={locked} onTap={() => session.type(index, ' ')}>
							{t('key.space')}
						</TapButton>
						<TapButton className="wide" aria-label={t('key.backspace')} disabled={locked} onTap={() => session.backspace(index)}>
							⌫
						</TapButton>
						<TapButton className="wide" aria-label={t('key.enter')} disabled={locked} onTap={() => session.type(index, '\n')}>
							⏎
						</TapButton>
						<TapButton className="wide" onTap={() => setPanel('none')}>
							{t('key.done')}
						</TapButton>
					</div>
				</div>
			)}
			{shown === 'cards' && (
				<div className="dock-cards" data-dock-panel role="group" aria-label={t('dock.cards')}>
					{cardKinds.map((kind: CardKind) => (
						<span key={kind}>
							<TapButton disabled={locked} onTap={() => setMessage(session.newCard(index, kind) ? null : { key: 'dock.noJourney' })}>
								{t(`journey.kind.${kind}`)}
							</TapButton>
						</span>
					))}
					<TapButton disabled={locked} onTap={change(() => session.newActor(index, 'stakeholder'))}>
						{t('map.stakeholder')}
					</TapButton>
					<TapButton disabled={locked} onTap={change(() => session.newActor(index, 'asset'))}>
						{t('map.asset')}
					</TapButton>
				</div>
			)}
			{shown === 'phone' && (
				<div data-dock-panel>
					<PhoneCode api={api} seat={seat} />
				</div>
			)}
			{shown === 'evaluate' && <DockEvaluation api={api} seat={seat} index={index} Tap={TapButton} />}
			{shown === 'budget' && budgeting && <DockBudget api={communityApi!} round={budget!} seat={seat} index={index} Tap={TapButton} />}
			{shown === 'vote' && round && (
				<div className="dock-vote" data-dock-panel role="group" aria-label={t('dock.votesOf', { name: seat.name })}>
					<p className="dock-vote-left" data-testid={`dock-${index}-votes`}>
						<strong>{t('vote.remaining', { remaining: ballot?.remaining ?? round.votesPerPerson, total: round.votesPerPerson })}</strong>
					</p>
					<p className="dock-vote-target">{current ? t('dock.voteTarget', { text: voteLabel(text, t('vote.untitled')), count: onCurrent }) : t('dock.voteChoose')}</p>
					<div className="dock-main">
						<TapButton className="primary" disabled={!current || (ballot?.remaining ?? 1) <= 0} onTap={() => vote(1)}>
							{t('dock.voteFor')}
						</TapButton>
						<TapButton disabled={!current || onCurrent <= 0} onTap={() => vote(-1)}>
							{t('dock.voteBack')}
						</TapButton>
					</div>
				</div>
			)}
			{shown === 'pin' && (
				<div className="dock-pin" data-dock-panel role="group" aria-label={t('dock.pinPanel', { name: seat.name })}>
					<p className="dock-pin-hint">{t(current ? (loose ? (pinned ? 'dock.pinMove' : 'dock.pinTap') : 'dock.pinStays') : 'dock.pinChoose')}</p>
					<div className="dock-main">
						{!pinned && (
							<TapButton className="primary" disabled={locked || !current} onTap={() => session.pin(index)}>
								{t('dock.pinHere')}
							</TapButton>
						)}
						{pinned && (
							<TapButton disabled={locked} onTap={() => (session.unpin(index), setMessage({ key: 'dock.unpinned' }))}>
								{t('dock.unpin')}
							</TapButton>
						)}
						<TapButton onTap={() => session.setPinning(index, false)}>{t('key.done')}</TapButton>
					</div>
				</div>
			)}
			<div className="dock-head">
				<h2 id={headingId} className="dock-name">
					<span className="dock-swatch" aria-hidden="true" />
					<span className="visually-hidden">{t('dock.label', { name: seat.name })}</span>
					<span aria-hidden="true">{seat.name}</span>
				</h2>
				<p className="dock-typing" aria-live="polite" data-testid={`dock-${index}-typing`}>
					{line}
				</p>
			</div>
			<div className="dock-main">
				<TapButton className="primary" disabled={locked} onTap={change(() => session.newNote(index))}>
					{t('dock.newNote')}
				</TapButton>
				<TapButton aria-label={t('dock.colourNamed', { colour: t(`colour.${colour}` as MessageKey) })} disabled={locked} onTap={() => session.nextColour(index)}>
					<span className="dock-colour" style={{ background: SEAT_CSS[colour] }} aria-hidden="true" />
					{t('dock.colour')}
				</TapButton>
				<TapButton aria-pressed={shown === 'cards'} disabled={locked} onTap={() => toggle('cards')}>
					{t('dock.cards')}
				</TapButton>
				<TapButton aria-label={t('dock.turnLabel')} disabled={locked} onTap={() => session.turn(index)}>
					{t('dock.turn')}
				</TapButton>
				<TapButton aria-label={t('dock.undoLabel')} disabled={locked || !view?.undoable} onTap={() => session.undo(index)}>
					{t('dock.undo')}
				</TapButton>
				<TapButton aria-pressed={shown === 'keyboard'} disabled={locked} onTap={() => toggle('keyboard')}>
					{t('dock.keyboard')}
				</TapButton>
				{hasMap && (
					<TapButton aria-label={t('dock.pinLabel')} aria-pressed={pinning} disabled={locked} onTap={change(pinFrom)}>
						{t('dock.pin')}
					</TapButton>
				)}
				<TapButton aria-pressed={shown === 'phone'} onTap={() => toggle('phone')}>
					{t('dock.phone')}
				</TapButton>
				{voting && (
					<TapButton className="vote" aria-pressed={shown === 'vote'} onTap={() => toggle('vote')}>
						{t('dock.vote')}
					</TapButton>
				)}
				{budgeting && (
					<TapButton className="vote" aria-label={t('dock.budgetLabel')} aria-pressed={shown === 'budget'} onTap={() => toggle('budget')}>
						{t('dock.budget')}
					</TapButton>
				)}
				{evaluationOpen && (
					<TapButton aria-pressed={shown === 'evaluate'} onTap={() => toggle('evaluate')}>
						{t('dock.evaluate')}
					</TapButton>
				)}
			</div>
		</section>
	)
}

/** The words a seat votes for, short enough for one line of its dock. */
function voteLabel(text: string | null, untitled: string): string {
	const words = text?.trim() ?? ''
	return words ? (words.length > 40 ? `${words.slice(0, 39)}…` : words) : untitled
}
