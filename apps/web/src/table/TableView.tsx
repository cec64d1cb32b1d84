/**
 * The touch-table layout of a room: the same canvas, with a dock for each seat on the table's edges,
 * turned to face whoever stands there, and every finger handled on its own (see `touch.ts`). The middle
 * of the table, where no dock reaches, shows everyone the agenda item, the countdown and the table's
 * messages, and holds the facilitator's table menu. The menu opens from the top-left corner, where the
 * connection's state is always shown; leaving the table layout is in the top-right corner.
 * @module
 */
import { readOnlyReason, type BudgetRound, type Seat, type WorkshopState } from '@cyd/model'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type PointerEvent as ReactPointerEvent, type RefObject } from 'react'
import { useValue, type Editor } from 'tldraw'
import type { RoomApi } from '../api'
import type { CommunityApi } from '../community/communityApi'
import { useT } from '../i18n/I18n'
import { isolateKeys } from '../WorkshopUi'
import { Dock, KEYBOARD_DEPTH, SEAT_CSS } from './Dock'
import { atTheTable } from './facing'
import { freeRect, seatPlaces, type Edge, type Obstacle, type Rect } from './layout'
import { tableMessage } from './messages'
import { TableSession, type SeatView, type TableFrame } from './session'
import { hubLayout, hubRows, TableHub } from './TableHub'
import { TableMenu } from './TableMenu'
import { TouchRouter } from './touch'
import './table.css'

export function TableView({
	editor,
	api,
	state,
	clockOffset,
	status,
	onLeave,
	budget = null,
	communityApi,
}: {
	editor: Editor
	api: RoomApi
	state: WorkshopState
	/** `server time - local time`, for the countdown and the messages. */
	clockOffset: number
	/** The connection's state, in words. */
	status: string
	onLeave(): void
	/** The community's budget round: while it is open each seat casts its ballot from its dock. */
	budget?: BudgetRound | null
	communityApi?: CommunityApi
}) {
	const t = useT()
	const table = state.table
	const box = useRef<HTMLDivElement>(null)
	const docks = useRef<(HTMLElement | null)[]>([])
	const corners = useRef<(HTMLElement | null)[]>([])
	const [size, setSize] = useState({ w: 0, h: 0 })
	const [menuOpen, setMenuOpen] = useState(table === null)
	const seats = useMemo(() => table?.seats ?? [], [table])
	const places = useMemo(() => seatPlaces(seats.length, size.w, size.h), [seats.length, size])
	const viewLocked = table?.viewLocked ?? false
	// The lock holds the table too, unless the facilitator said it does not.
	const boardLocked = readOnlyReason('facilitator', state, { table: true }) !== null

	const latest = useRef<{ places: typeof places; viewLocked: boolean; keepClear: Rect | null }>({ places, viewLocked, keepClear: null })
	latest.current = { ...latest.current, places, viewLocked }
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
			keepClear: () => latest.current.keepClear,
		}),
		[],
	)
	const session = useMemo(() => new TableSession(editor, frame), [editor, frame])
	useEffect(() => () => session.dispose(), [session])
	useEffect(() => session.setSeats(seats), [session, seats])
	const router = useMemo(() => new TouchRouter(editor, session, frame, () => latest.current.viewLocked), [editor, session, frame])
	const views = useSyncExternalStore(session.subscribe, session.getSnapshot)

	// Notes show their faces turned to their seats while this screen is the table.
	useEffect(() => {
		atTheTable.set(true)
		return () => void atTheTable.set(false)
	}, [])

	useLayoutEffect(() => {
		const element = box.current
		if (!element) return
		const measure = () => setSize({ w: element.clientWidth, h: element.clientHeight })
		measure()
		const observer = new ResizeObserver(measure)
		observer.observe(element)
		return () => observer.disconnect()
	}, [])

	// The middle of the table that no dock (with whatever panel it has open) or corner control reaches.
	const [free, setFree] = useState<Rect>({ left: 0, top: 0, right: 0, bottom: 0 })
	const measureFree = useCallback(() => {
		const surface = box.current
		if (!surface) return
		const origin = surface.getBoundingClientRect()
		const within = (element: HTMLElement): Rect => {
			const r = element.getBoundingClientRect()
			return { left: r.left - origin.left, top: r.top - origin.top, right: r.right - origin.left, bottom: r.bottom - origin.top }
		}
		const obstacles: Obstacle[] = []
		latest.current.places.forEach((place, i) => {
			const dock = docks.current[i]
			if (dock) obstacles.push({ edge: place.edge, rect: within(dock) })
		})
		for (const corner of corners.current) if (corner) obstacles.push({ edge: null, rect: within(corner) })
		const next = freeRect(surface.clientWidth, surface.clientHeight, obstacles)
		setFree((prev) => (prev.left === next.left && prev.top === next.top && prev.right === next.right && prev.bottom === next.bottom ? prev : next))
	}, [])
	useLayoutEffect(() => {
		measureFree()
		const observer = new ResizeObserver(measureFree)
		for (const element of [...docks.current, ...corners.current]) if (element) observer.observe(element)
		return () => observer.disconnect()
	}, [measureFree, places, seats])
	const edges = useMemo(() => new Set<Edge>(places.map((p) => p.edge)), [places])

	// The table's news, in the middle, until dismissed or timed out (in server time).
	const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set())
	const [, setTick] = useState(0)
	const message = tableMessage(state, Date.now() + clockOffset, dismissed)
	const hub = menuOpen ? null : hubLayout(free, edges, hubRows(state, message !== null))
	latest.current.keepClear = hub?.bounds ?? null
	useEffect(() => {
		if (!message) return
		const timer = setTimeout(() => setTick((n) => n + 1), message.until - (Date.now() + clockOffset) + 50)
		return () => clearTimeout(timer)
	}, [message?.id, message?.until, clockOffset])

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
		editor.setCameraOptions({ isLocked: viewLocked })
		return () => void editor.setCameraOptions({ isLocked: false })
	}, [editor, viewLocked])

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
			{hub && (
				<TableHub
					layout={hub}
					state={state}
					clockOffset={clockOffset}
					message={message && t(message.key, message.params)}
					onDismiss={() => message && setDismissed((all) => new Set([...all, message.id]))}
				/>
			)}
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
						round={state.round}
						locked={boardLocked}
						evaluationOpen={state.evaluation.open}
						budget={budget}
						communityApi={communityApi}
						hasMap={state.map !== null}
					/>
				) : null,
			)}
			<div
				className="table-corner"
				data-testid="table-corner"
				ref={(el) => {
					corners.current[0] = el
				}}
				{...isolateKeys}
			>
				<button type="button" className="table-menu-button" aria-expanded={menuOpen} aria-controls="table-menu" onClick={() => setMenuOpen((o) => !o)}>
					{t('table.menu')}
				</button>
				<p className="table-status" role="status" data-testid="table-status">
					{t('table.status', { status })}
				</p>
				{viewLocked && <p className="table-locked">{t('table.viewLocked')}</p>}
				{boardLocked && <p className="table-locked">{t('table.locked')}</p>}
			</div>
			<div
				className="table-corner table-corner-right"
				data-testid="table-leave"
				ref={(el) => {
					corners.current[1] = el
				}}
				{...isolateKeys}
			>
				<button type="button" className="table-menu-button" onClick={onLeave}>
					{t('table.leave')}
				</button>
			</div>
			{menuOpen && <TableMenu api={api} state={state} free={free} onClose={() => setMenuOpen(false)} onLeave={onLeave} />}
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
