/**
 * The touch-table layout of a room: the same canvas, with a dock for each seat on the table's edges,
 * turned to face whoever stands there, and every finger handled on its own (see `touch.ts`). The
 * facilitator names the seats, locks the view and shows a QR code for phones from the table menu in the
 * top-left corner, where the connection's state is always shown.
 * @module
 */
import { CARD_KINDS, MAX_SEATS, MIN_SEATS, type CardKind, type Seat, type TableState } from '@cyd/model'
import QRCode from 'qrcode'
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type CSSProperties, type FormEvent, type PointerEvent as ReactPointerEvent, type ReactNode, type RefObject } from 'react'
import { useValue, type Editor, type TLShapeId } from 'tldraw'
import type { RoomApi } from '../api'
import type { MessageKey } from '../i18n/catalog'
import { LanguagePicker, useI18n, useT } from '../i18n/I18n'
import { isolateKeys } from '../WorkshopUi'
import { seatPlaces, type SeatPlace } from './layout'
import { TableSession, textOf, type SeatView, type TableFrame } from './session'
import { TouchRouter } from './touch'
import './table.css'

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

export function TableView({
	editor,
	api,
	table,
	status,
	onLeave,
}: {
	editor: Editor
	api: RoomApi
	table: TableState | null
	/** The connection's state, in words. */
	status: string
	onLeave(): void
}) {
	const t = useT()
	const box = useRef<HTMLDivElement>(null)
	const docks = useRef<(HTMLElement | null)[]>([])
	const [size, setSize] = useState({ w: 0, h: 0 })
	const [menuOpen, setMenuOpen] = useState(table === null)
	const seats = useMemo(() => table?.seats ?? [], [table])
	const places = useMemo(() => seatPlaces(seats.length, size.w, size.h), [seats.length, size])
	const locked = table?.viewLocked ?? false

	const latest = useRef({ places, locked })
	latest.current = { places, locked }
	const frame = useMemo<TableFrame>(
		() => ({
			rect: () => box.current!.getBoundingClientRect(),
			places: () => latest.current.places,
			// Where the dock will reach once its keyboard is open (making a note opens it).
			dockDepth: (i) => {
				const dock = docks.current[i]
				if (!dock) return 80 + KEYBOARD_DEPTH
				return dock.offsetHeight + (dock.dataset.panel === 'keyboard' ? 0 : KEYBOARD_DEPTH - (dock.querySelector<HTMLElement>('[data-dock-panel]')?.offsetHeight ?? 0))
			},
		}),
		[],
	)
	const session = useMemo(() => new TableSession(editor, frame), [editor, frame])
	useEffect(() => () => session.dispose(), [session])
	useEffect(() => session.setSeats(seats), [session, seats])
	const router = useMemo(() => new TouchRouter(editor, session, frame, () => latest.current.locked), [editor, session, frame])
	const views = useSyncExternalStore(session.subscribe, session.getSnapshot)

	useLayoutEffect(() => {
		const element = box.current
		if (!element) return
		const measure = () => setSize({ w: element.clientWidth, h: element.clientHeight })
		measure()
		const observer = new ResizeObserver(measure)
		observer.observe(element)
		return () => observer.disconnect()
	}, [])

	// While the table is open its seats' people are present: the server counts their time from this.
	const seated = table !== null
	useEffect(() => {
		if (!seated) return
		const here = () => void api.tableHere().catch(() => undefined)
		here()
		const timer = setInterval(here, 30_000)
		return () => clearInterval(timer)
	}, [api, seated])

	// A locked view is tldraw's camera lock too (wheel, keys, anything else that would move it).
	useEffect(() => {
		editor.setCameraOptions({ isLocked: locked })
		return () => void editor.setCameraOptions({ isLocked: false })
	}, [editor, locked])

	const point = (e: ReactPointerEvent) => ({ x: e.clientX, y: e.clientY })
	return (
		<div ref={box} className="table-surface" data-testid="table-surface">
			<div
				className="table-touch"
				data-testid="table-touch"
				aria-hidden="true"
				onPointerDown={(e) => {
					e.currentTarget.setPointerCapture(e.pointerId)
					router.down(e.pointerId, point(e))
				}}
				onPointerMove={(e) => router.move(e.pointerId, point(e))}
				onPointerUp={(e) => router.up(e.pointerId)}
				onPointerCancel={(e) => router.up(e.pointerId, true)}
			/>
			<SeatMarks editor={editor} seats={seats} views={views} box={box} />
			{seats.map((seat, i) =>
				places[i] ? (
					<Dock
						key={seat.id}
						ref={(el) => {
							docks.current[i] = el
						}}
						seat={seat}
						index={i}
						place={places[i]}
						view={views[seat.id]}
						session={session}
						api={api}
					/>
				) : null,
			)}
			<div className="table-corner" {...isolateKeys}>
				<button type="button" className="table-menu-button" aria-expanded={menuOpen} aria-controls="table-menu" onClick={() => setMenuOpen((o) => !o)}>
					{t('table.menu')}
				</button>
				<p className="table-status" role="status" data-testid="table-status">
					{t('table.status', { status })}
				</p>
				{locked && <p className="table-locked">{t('table.viewLocked')}</p>}
			</div>
			{menuOpen && <TableMenu api={api} table={table} onClose={() => setMenuOpen(false)} onLeave={onLeave} />}
		</div>
	)
}

/** An outline, in each seat's colour, round the note or card that seat's keyboard types into. */
function SeatMarks({ editor, seats, views, box }: { editor: Editor; seats: readonly Seat[]; views: Readonly<Record<string, SeatView>>; box: RefObject<HTMLDivElement | null> }) {
	const marks = useValue(
		'table.marks',
		() => {
			const rect = box.current?.getBoundingClientRect()
			if (!rect) return []
			const zoom = editor.getZoomLevel()
			return seats.flatMap((seat) => {
				const id = views[seat.id]?.current
				const shape = id ? editor.getShape(id) : undefined
				if (!shape) return []
				const transform = editor.getShapePageTransform(shape).decompose()
				const bounds = editor.getShapeGeometry(shape).bounds
				const at = editor.pageToScreen({ x: transform.x, y: transform.y })
				return [{ seat, x: at.x - rect.left, y: at.y - rect.top, w: bounds.w * zoom, h: bounds.h * zoom, rotation: transform.rotation }]
			})
		},
		[editor, seats, views, box],
	)
	return (
		<>
			{marks.map((m) => (
				<div
					key={m.seat.id}
					className="seat-mark"
					aria-hidden="true"
					style={{ left: m.x, top: m.y, width: m.w, height: m.h, transform: `rotate(${m.rotation}rad)`, borderColor: SEAT_CSS[m.seat.colour] }}
				/>
			))}
		</>
	)
}

/**
 * Props for a control that works under many fingers at once: it acts when a finger lifts off it (a
 * second finger elsewhere on the table would stop the browser's click), and on a click from a mouse or
 * a keyboard.
 */
function tap(action: () => void) {
	let touched = 0
	return {
		onPointerUp: (e: ReactPointerEvent<HTMLElement>) => {
			if (e.pointerType !== 'touch') return
			touched = Date.now()
			const r = e.currentTarget.getBoundingClientRect()
			if (e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom) action()
		},
		onClick: () => {
			if (Date.now() - touched > 800) action()
		},
	}
}

/** How deep an open keyboard makes a dock: five rows of 48-pixel keys, their gaps, and the dock's gap. */
const KEYBOARD_DEPTH = 5 * 48 + 4 * 3 + 6

const KEY_ROWS: readonly (readonly string[])[] = [
	['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
	['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', "'"],
	['z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '?'],
	['â', 'ê', 'î', 'ô', 'û', 'ŵ', 'ŷ', 'ï', '!', '-'],
]

type Panel = 'none' | 'keyboard' | 'cards' | 'phone'

function Dock({
	ref,
	seat,
	index,
	place,
	view,
	session,
	api,
}: {
	ref: (el: HTMLElement | null) => void
	seat: Seat
	index: number
	place: SeatPlace
	view: SeatView | undefined
	session: TableSession
	api: RoomApi
}) {
	const t = useT()
	const [panel, setPanel] = useState<Panel>('none')
	const [shift, setShift] = useState(false)
	const [message, setMessage] = useState<MessageKey | null>(null)
	const headingId = useId()
	const toggle = (p: Panel) => setPanel((open) => (open === p ? 'none' : p))
	const current = useValue('dock.current', () => (view?.current ? session.editor.getShape(view.current as TLShapeId) : undefined), [view?.current, session])
	const text = current ? textOf(current) : null
	// A note made or tapped from this seat opens its keyboard.
	useEffect(() => {
		if (view?.current) setPanel('keyboard')
	}, [view?.current])
	const colour = view?.colour ?? seat.colour
	const key = (label: ReactNode, action: () => void, props: { className?: string; 'aria-label'?: string; 'aria-pressed'?: boolean; 'aria-disabled'?: boolean } = {}) => (
		<button
			type="button"
			className={`dock-key ${props.className ?? ''}`}
			aria-label={props['aria-label']}
			aria-pressed={props['aria-pressed']}
			aria-disabled={props['aria-disabled'] || undefined}
			{...tap(action)}
		>
			{label}
		</button>
	)
	const style = {
		left: place.anchor.x,
		top: place.anchor.y,
		width: place.span,
		transform: `translate(-50%, -100%) rotate(${place.angle}deg)`,
		'--seat': SEAT_CSS[seat.colour],
	} as CSSProperties
	return (
		<section ref={ref} className={`dock dock-${place.edge}`} data-panel={panel} style={style} aria-labelledby={headingId} data-testid={`dock-${index}`} data-seat={seat.id} {...isolateKeys}>
			{panel === 'keyboard' && (
				<div className="dock-keyboard" data-dock-panel role="group" aria-label={t('key.keyboard', { name: seat.name })}>
					{KEY_ROWS.map((row, r) => (
						<div key={r} className="dock-row">
							{row.map((k) => {
								const char = shift ? k.toLocaleUpperCase() : k
								return <span key={k}>{key(char, () => (session.type(index, char), setShift(false)), { 'aria-label': char })}</span>
							})}
						</div>
					))}
					<div className="dock-row">
						{key('⇧', () => setShift((s) => !s), { className: 'wide', 'aria-label': t('key.shift'), 'aria-pressed': shift })}
						{key(t('key.space'), () => session.type(index, ' '), { className: 'space' })}
						{key('⌫', () => session.backspace(index), { className: 'wide', 'aria-label': t('key.backspace') })}
						{key('⏎', () => session.type(index, '\n'), { className: 'wide', 'aria-label': t('key.enter') })}
						{key(t('key.done'), () => setPanel('none'), { className: 'wide' })}
					</div>
				</div>
			)}
			{panel === 'cards' && (
				<div className="dock-cards" data-dock-panel role="group" aria-label={t('dock.cards')}>
					{CARD_KINDS.map((kind: CardKind) => (
						<span key={kind}>{key(t(`journey.kind.${kind}`), () => setMessage(session.newCard(index, kind) ? null : 'dock.noJourney'))}</span>
					))}
					{key(t('map.stakeholder'), () => session.newActor(index, 'stakeholder'))}
					{key(t('map.asset'), () => session.newActor(index, 'asset'))}
				</div>
			)}
			{panel === 'phone' && (
				<div data-dock-panel>
					<PhoneCode api={api} seat={seat} />
				</div>
			)}
			<div className="dock-head">
				<h2 id={headingId} className="dock-name">
					<span className="dock-swatch" aria-hidden="true" />
					<span className="visually-hidden">{t('dock.label', { name: seat.name })}</span>
					<span aria-hidden="true">{seat.name}</span>
				</h2>
				<p className="dock-typing" aria-live="polite" data-testid={`dock-${index}-typing`}>
					{message ? t(message) : text === null ? t('dock.nothing') : t('dock.typingInto', { text: text.trim() ? text.slice(-40) : t('dock.empty') })}
				</p>
			</div>
			<div className="dock-main">
				{key(t('dock.newNote'), () => (setMessage(null), session.newNote(index)), { className: 'primary' })}
				{key(
					<>
						<span className="dock-colour" style={{ background: SEAT_CSS[colour] }} aria-hidden="true" />
						{t('dock.colour')}
					</>,
					() => session.nextColour(index),
					{ 'aria-label': t('dock.colourNamed', { colour: t(`colour.${colour}` as MessageKey) }) },
				)}
				{key(t('dock.cards'), () => toggle('cards'), { 'aria-pressed': panel === 'cards' })}
				{key(t('dock.turn'), () => session.turn(index), { 'aria-label': t('dock.turnLabel') })}
				{key(t('dock.undo'), () => session.undo(index), { 'aria-label': t('dock.undoLabel'), 'aria-disabled': !view?.undoable })}
				{key(t('dock.keyboard'), () => toggle('keyboard'), { 'aria-pressed': panel === 'keyboard' })}
				{key(t('dock.phone'), () => toggle('phone'), { 'aria-pressed': panel === 'phone' })}
			</div>
		</section>
	)
}

/** The participant join link of the room, for a phone at the table (at a seat's place, if given). */
function useJoinLink(api: RoomApi, seat: Seat | null): string | null | 'none' {
	const [link, setLink] = useState<string | null | 'none'>(null)
	useEffect(() => {
		let cancelled = false
		api.links().then(
			(links) => {
				if (cancelled) return
				const url = links.participant
				setLink(url ? (seat ? `${url}&seat=${encodeURIComponent(seat.name)}` : url) : 'none')
			},
			() => !cancelled && setLink('none'),
		)
		return () => {
			cancelled = true
		}
	}, [api, seat])
	return link
}

function PhoneCode({ api, seat }: { api: RoomApi; seat: Seat | null }) {
	const t = useT()
	const link = useJoinLink(api, seat)
	const [svg, setSvg] = useState<string | null>(null)
	useEffect(() => {
		if (!link || link === 'none') return
		let cancelled = false
		void QRCode.toString(link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }).then((s) => !cancelled && setSvg(s))
		return () => {
			cancelled = true
		}
	}, [link])
	return (
		<div className="table-phone">
			<p>{t('table.phone.hint')}</p>
			{link === 'none' ? (
				<p role="alert">{t('table.phone.none')}</p>
			) : svg ? (
				<img className="table-qr" data-testid="table-qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={t('table.phone.qr')} width={200} height={200} />
			) : null}
		</div>
	)
}

/** The facilitator's settings for the table: seats and their names, the view lock, phones, leaving. */
function TableMenu({ api, table, onClose, onLeave }: { api: RoomApi; table: TableState | null; onClose(): void; onLeave(): void }) {
	const t = useT()
	const { language } = useI18n()
	const ids = { count: useId(), heading: useId(), lock: useId() }
	const seats = table?.seats ?? []
	const [count, setCount] = useState(Math.max(MIN_SEATS, seats.length || 4))
	const [names, setNames] = useState<string[]>(() => Array.from({ length: MAX_SEATS }, (_, i) => seats[i]?.name ?? ''))
	const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null)
	// The box follows a tap at once; the table's state (from the server) has the last word.
	const [viewLocked, setViewLocked] = useState(table?.viewLocked ?? false)
	useEffect(() => setViewLocked(table?.viewLocked ?? false), [table?.viewLocked])
	const save = (viewLocked: boolean) => {
		const body = Array.from({ length: count }, (_, i) => ({ ...(seats[i] ? { id: seats[i]!.id } : {}), name: names[i]?.trim() || t('table.setup.seat', { n: i + 1 }) }))
		api.setTable(body, viewLocked).then(
			() => setSaid({ ok: true, text: t('table.setup.saved') }),
			(error: unknown) => setSaid({ ok: false, text: t('table.setup.error', { reason: error instanceof Error ? error.message : String(error) }) }),
		)
	}
	const submit = (e: FormEvent) => {
		e.preventDefault()
		save(table?.viewLocked ?? false)
	}
	return (
		<section id="table-menu" className="table-menu" aria-labelledby={ids.heading} lang={language} {...isolateKeys}>
			<div className="panel-head">
				<h2 id={ids.heading}>{t('table.menuHeading')}</h2>
				<button type="button" className="button small" onClick={onClose} aria-label={t('table.close')}>
					×
				</button>
			</div>
			<LanguagePicker id="table-language" />
			{!table && <p>{t('table.noSeats')}</p>}
			<form onSubmit={submit}>
				<h3>{t('table.setup.heading')}</h3>
				<p className="hint">{t('table.setup.intro')}</p>
				<div className="field">
					<label htmlFor={ids.count}>{t('table.setup.count')}</label>
					<select id={ids.count} value={count} onChange={(e) => setCount(Number(e.target.value))}>
						{Array.from({ length: MAX_SEATS - MIN_SEATS + 1 }, (_, i) => MIN_SEATS + i).map((n) => (
							<option key={n} value={n}>
								{n}
							</option>
						))}
					</select>
				</div>
				{Array.from({ length: count }, (_, i) => (
					<SeatName key={i} n={i + 1} value={names[i] ?? ''} onChange={(v) => setNames((all) => all.map((x, j) => (j === i ? v : x)))} />
				))}
				<button type="submit" className="button">
					{t('table.setup.save')}
				</button>
				{said && (
					<p role={said.ok ? 'status' : 'alert'} className={said.ok ? 'hint' : 'error'}>
						{said.text}
					</p>
				)}
			</form>
			{table && (
				<div className="field checkbox">
					<input
						id={ids.lock}
						type="checkbox"
						checked={viewLocked}
						onChange={(e) => {
							setViewLocked(e.target.checked)
							save(e.target.checked)
						}}
					/>
					<label htmlFor={ids.lock}>{t('table.lockView')}</label>
				</div>
			)}
			<h3>{t('table.phone.heading')}</h3>
			<PhoneCode api={api} seat={null} />
			<button type="button" className="button" onClick={onLeave}>
				{t('table.leave')}
			</button>
		</section>
	)
}

function SeatName({ n, value, onChange }: { n: number; value: string; onChange(v: string): void }) {
	const t = useT()
	const id = useId()
	return (
		<div className="field">
			<label htmlFor={id}>{t('table.setup.seat', { n })}</label>
			<input id={id} maxLength={60} value={value} placeholder={t('table.setup.seat', { n })} onChange={(e) => onChange(e.target.value)} />
		</div>
	)
}
