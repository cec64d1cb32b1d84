/**
 * What each seat at the touch table is doing: the note or card it is working on, its note colour, its
 * own undo, and the actions of its dock (new note, new card, typing, turning, undo). Everything changes
 * the shared document through the editor; this only keeps what is particular to a seat. Whatever a seat
 * makes carries `meta.seat` and its person as author, so the server credits that person. A note faces its
 * seat only at the table (`meta.facing`, see `facing.tsx`): on the board it is upright and of a normal
 * size, and dropped on a blueprint it becomes a card of the cell it was dropped on.
 * @module
 */
import { ASSET_TYPE, CARD_TYPE, PERSONA_TYPE, plainText, STAKEHOLDER_TYPE, type CardKind, type Seat } from '@cyd/model'
import { createShapeId, toRichText, type Editor, type TLNoteShape, type TLShape, type TLShapeId } from 'tldraw'
import { addCard, addCardAt, asAuthor, blueprintsOnPage, dropCard, relayout, updateCard } from '../journey/actions'
import { pinAt, setPinned } from '../map/pins'
import { addAsset, addStakeholder, mapsOnPage, placeFromPosition } from '../stakeholders/actions'
import { facingOf, quarterTurn } from './facing'
import { besideOf, cornerFor, facing, inFrontOf, type Point, type Rect, type SeatPlace } from './layout'

/** Note colours a seat can pick from (its own colour comes first). */
export const NOTE_COLOURS = ['yellow', 'orange', 'light-green', 'light-blue', 'light-violet', 'light-red', 'white'] as const
export type NoteColour = (typeof NOTE_COLOURS)[number] | Seat['colour']

/** A note's side, in page units: the size of a note made on any screen. */
const NOTE_SIZE = 200

/** Who makes what a seat's action makes: the seat, and its person. */
interface Maker {
	id: string
	person: string
	name: string
}

export interface SeatView {
	/** The shape this seat's keyboard types into, if any. */
	current: TLShapeId | null
	colour: NoteColour
	/** How many of this seat's own changes can be undone. */
	undoable: number
	/** The seat waits for a tap on the map, to pin its current item there. */
	pinning: boolean
}

/** One undoable change by a seat: the shapes as they were before (null: the seat made it). */
type Change = { kind: 'make' | 'move' | 'text' | 'style'; before: Map<TLShapeId, TLShape | null> }

interface SeatRuntime {
	seat: Seat
	current: TLShapeId | null
	colour: NoteColour
	made: number
	undo: Change[]
	pinning: boolean
}

/** Where the table is on screen and where each seat sits on it. */
export interface TableFrame {
	/** The table's box in client coordinates. */
	rect(): DOMRect
	places(): readonly SeatPlace[]
	/** How deep a seat's dock reaches into the table, in screen pixels. */
	dockDepth(seat: number): number
	/** What the middle of the table shows everyone (the table's own pixels), for new notes to keep clear of. */
	keepClear(): Rect | null
}

const MAX_UNDO = 50

export class TableSession {
	private readonly seats = new Map<string, SeatRuntime>()
	private order: Seat[] = []
	private active: Maker | null = null
	private readonly listeners = new Set<() => void>()
	private snapshot: Readonly<Record<string, SeatView>> = {}
	private readonly stop: () => void

	constructor(
		readonly editor: Editor,
		private readonly frame: TableFrame,
	) {
		// Whatever a seat's action makes is that seat's.
		this.stop = editor.sideEffects.registerBeforeCreateHandler('shape', (shape) => {
			const seat = this.active
			return seat ? { ...shape, meta: { ...shape.meta, seat: seat.id, author: seat.person, authorName: seat.name } } : shape
		})
	}

	dispose(): void {
		this.stop()
		this.listeners.clear()
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener)
		return () => this.listeners.delete(listener)
	}

	getSnapshot = (): Readonly<Record<string, SeatView>> => this.snapshot

	/** The table's seats changed (named, added, taken away): keep what each remaining seat was doing. */
	setSeats(seats: readonly Seat[]): void {
		this.order = [...seats]
		for (const id of [...this.seats.keys()]) if (!seats.some((s) => s.id === id)) this.seats.delete(id)
		for (const seat of seats) {
			const known = this.seats.get(seat.id)
			if (known) known.seat = seat
			else this.seats.set(seat.id, { seat, current: null, colour: seat.colour, made: 0, undo: [], pinning: false })
		}
		this.publish()
	}

	/** The place round the table of the seat a shape was made at, if it was and the seat is still there. */
	seatIndexOf(shape: TLShape): number | null {
		const seat = (shape.meta as { seat?: unknown }).seat
		const index = this.order.findIndex((s) => s.id === seat)
		return index < 0 ? null : index
	}

	/** The seat at a place round the table. */
	seatAt(index: number): Seat | undefined {
		return this.order[index]
	}

	// --- the dock's actions ---

	/** A new note in front of the seat, facing it, in the seat's colour; the keyboard types into it. */
	newNote(index: number): TLShapeId | null {
		const seat = this.runtime(index)
		if (!seat) return null
		const place = this.frame.places()[index]!
		const centre = this.pageInFront(index, NOTE_SIZE / 2, seat.made)
		const id = createShapeId()
		this.as(seat, () =>
			this.editor.createShape<TLNoteShape>({
				id,
				type: 'note',
				x: centre.x - NOTE_SIZE / 2,
				y: centre.y - NOTE_SIZE / 2,
				meta: { facing: facing(place) },
				props: { color: seat.colour, richText: toRichText(''), size: 'm' },
			}),
		)
		this.made(seat, id)
		return id
	}

	/**
	 * A journey card of a kind, in the cell of the nearest blueprint closest to the seat (a blueprint's grid
	 * has one orientation, so cards do not turn). Null when there is no journey on the board.
	 */
	newCard(index: number, kind: CardKind): TLShapeId | null {
		const seat = this.runtime(index)
		const blueprint = blueprintsOnPage(this.editor)[0]
		if (!seat || !blueprint) return null
		const point = this.pageInFront(index, 80, seat.made)
		const id = this.as(seat, () => addCardAt(this.editor, blueprint, point, kind) ?? addCard(this.editor, blueprint.id, { stage: blueprint.props.stages[0]?.id ?? '', lane: blueprint.props.lanes[0]?.id ?? '', kind }))
		if (id) this.made(seat, id)
		return id
	}

	/** A stakeholder (or a community asset) in front of the seat, facing it; on a map, placed by where it lands. */
	newActor(index: number, what: 'stakeholder' | 'asset'): TLShapeId | null {
		const seat = this.runtime(index)
		if (!seat) return null
		const map = mapsOnPage(this.editor)[0]
		const id = this.as(seat, () =>
			what === 'stakeholder'
				? addStakeholder(this.editor, { name: '', kind: 'resident', notes: '' }, map)
				: addAsset(this.editor, { name: '', kind: 'place', description: '', holder: '' }, map),
		)
		const shape = this.editor.getShape(id)
		if (shape && 'w' in shape.props && 'h' in shape.props) {
			const rotation = facing(this.frame.places()[index]!)
			const { w, h } = shape.props as { w: number; h: number }
			const corner = cornerFor(this.pageInFront(index, h / 2, seat.made), w, h, rotation)
			this.editor.updateShape({ id, type: shape.type, x: corner.x, y: corner.y, rotation })
			placeFromPosition(this.editor, id)
		}
		this.made(seat, id)
		return id
	}

	/** Types a character (or a new line) into the seat's current note or card. */
	type(index: number, text: string): void {
		this.editText(index, (before) => before + text)
	}

	backspace(index: number): void {
		this.editText(index, (before) => [...before].slice(0, -1).join(''))
	}

	/** The seat's next note colour; its current note takes it too. */
	nextColour(index: number): void {
		const seat = this.runtime(index)
		if (!seat) return
		const choices: NoteColour[] = [seat.seat.colour, ...NOTE_COLOURS.filter((c) => c !== seat.seat.colour)]
		seat.colour = choices[(choices.indexOf(seat.colour) + 1) % choices.length]!
		const note = seat.current ? this.editor.getShape(seat.current) : undefined
		if (note?.type === 'note') {
			this.record(seat, 'style', [note.id])
			this.editor.updateShape<TLNoteShape>({ id: note.id, type: 'note', props: { color: seat.colour } })
		}
		this.publish()
	}

	/** Turns the seat's current note a quarter, to face the next side of the table. */
	turn(index: number): void {
		const seat = this.runtime(index)
		const shape = seat?.current ? this.editor.getShape(seat.current) : undefined
		if (!seat || !shape || !this.turnable(shape)) return
		this.record(seat, 'move', [shape.id])
		if (shape.type === 'note') this.face(shape, quarterTurn(facingOf(shape) + Math.PI / 2))
		else this.rotateAboutCentre(shape, shape.rotation + Math.PI / 2)
	}

	/** Undoes the seat's own last change (and nobody else's). */
	undo(index: number): void {
		const seat = this.runtime(index)
		const change = seat?.undo.pop()
		if (!seat || !change) return
		const relayouts = new Set<TLShapeId>()
		this.editor.run(() => {
			for (const [id, before] of change.before) {
				const now = this.editor.getShape(id)
				if (before === null) {
					if (now) this.editor.deleteShapes([id])
					if (now?.type === CARD_TYPE) relayouts.add(now.parentId as TLShapeId)
					if (seat.current === id) seat.current = null
				} else if (now) {
					this.editor.updateShape({ ...before })
					// updateShape merges `meta` key by key: a key added since (a pin) goes only with the whole meta put back.
					const after = this.editor.getShape(id)
					if (after && Object.keys(after.meta).some((key) => !(key in before.meta))) this.editor.store.put([{ ...after, meta: before.meta }])
					if (before.type === CARD_TYPE) relayouts.add(before.parentId as TLShapeId)
				} else {
					// Made into something else (a note that became a card): it comes back as it was.
					this.editor.createShape({ ...before })
					if (seat.current === null) seat.current = id
				}
			}
			for (const blueprint of relayouts) relayout(this.editor, blueprint)
		})
		this.publish()
	}

	// --- the map ---

	/** The seat waits (or no longer waits) for a tap on the map, to pin its current item there. */
	setPinning(index: number, on: boolean): void {
		const seat = this.runtime(index)
		if (!seat || seat.pinning === on) return
		seat.pinning = on
		this.publish()
	}

	/**
	 * Pins the seat's current item to the map, at a page point (a tap on the map) or where it lies; one the
	 * seat can undo. The item keeps its author: a note made at the seat is its person's. Answers whether
	 * an item was pinned.
	 */
	pin(index: number, at?: Point): boolean {
		const seat = this.runtime(index)
		const shape = seat?.current ? this.editor.getShape(seat.current) : undefined
		if (!seat || !shape) return false
		this.record(seat, 'move', [shape.id])
		pinAt(this.editor, shape.id, at ?? this.editor.getShapePageBounds(shape)!.center)
		seat.pinning = false
		this.publish()
		return true
	}

	/** Takes the seat's current item off the map (it stays on the board where it is). */
	unpin(index: number): void {
		const seat = this.runtime(index)
		const shape = seat?.current ? this.editor.getShape(seat.current) : undefined
		if (!seat || !shape) return
		this.record(seat, 'move', [shape.id])
		setPinned(this.editor, shape.id, false)
		seat.pinning = false
		this.publish()
	}

	/**
	 * A finger tapped the map (the table where no item is) at `local` (the table's pixels), over the page
	 * point `page`: the seat waiting to pin nearest to the tap pins its current item there. Answers whether
	 * a seat did (else the tap is nobody's).
	 */
	mapTap(local: Point, page: Point): boolean {
		const places = this.frame.places()
		let best = -1
		let bestDistance = Infinity
		this.order.forEach((s, i) => {
			const runtime = this.seats.get(s.id)
			const place = places[i]
			if (!runtime?.pinning || !runtime.current || !place) return
			const d = Math.hypot(local.x - place.anchor.x, local.y - place.anchor.y)
			if (d < bestDistance) {
				best = i
				bestDistance = d
			}
		})
		return best >= 0 && this.pin(best, page)
	}

	// --- what the touch layer tells the session ---

	/** A finger tapped a shape on the seat's side of the table: the seat's keyboard types into it now. */
	choose(index: number, id: TLShapeId): void {
		const seat = this.runtime(index)
		if (!seat) return
		seat.current = id
		this.publish()
	}

	/**
	 * A seat's fingers let go of a shape they moved or turned (undoing puts it back as it was before):
	 * a card joins the cell it was dropped on, a stakeholder takes its place on a map, a note faces the
	 * side it was turned nearest to, and a note dropped on a blueprint's cell becomes a card of that cell.
	 */
	dropped(index: number, before: TLShape): void {
		const seat = this.runtime(index)
		const shape = this.editor.getShape(before.id)
		if (!shape) return
		if (shape.type === 'note') {
			const card = this.noteToCard(shape)
			if (card) {
				if (seat) {
					this.push(seat, { kind: 'make', before: new Map<TLShapeId, TLShape | null>([[card, null], [before.id, before]]) })
					if (seat.current === before.id) seat.current = card
				}
				this.publish()
				return
			}
			const facing = facingOf(shape)
			if (quarterTurn(facing) !== facing) this.face(shape, quarterTurn(facing))
		}
		if (seat) this.push(seat, { kind: 'move', before: new Map([[before.id, before]]) })
		if (shape.type === CARD_TYPE) dropCard(this.editor, shape.id)
		else if (shape.type === STAKEHOLDER_TYPE) placeFromPosition(this.editor, shape.id)
	}

	/** Sets the way a note faces at the table (see `facing.tsx`); it stays where it is on the board. */
	face(shape: TLShape, facing: number): void {
		this.editor.updateShape({ id: shape.id, type: shape.type, meta: { ...shape.meta, facing } })
	}

	/**
	 * A note on a blueprint's cell becomes a card of that cell, with the note's words, credited to whoever
	 * made the note. Answers the card, or null when the note is not on a cell.
	 */
	private noteToCard(note: TLShape): TLShapeId | null {
		const text = textOf(note)
		const centre = this.editor.getShapePageBounds(note)?.center
		const blueprint = centre && blueprintsOnPage(this.editor).find((b) => this.editor.getShapePageBounds(b)?.containsPoint(centre))
		if (!centre || !blueprint || text === null) return null
		const meta = note.meta as { seat?: unknown; author?: unknown; authorName?: unknown }
		const maker: Maker | null =
			typeof meta.seat === 'string' && typeof meta.author === 'string' ? { id: meta.seat, person: meta.author, name: typeof meta.authorName === 'string' ? meta.authorName : '' } : null
		const make = () => {
			const card = addCardAt(this.editor, blueprint, centre)
			if (!card) return null
			updateCard(this.editor, card, { text })
			this.editor.deleteShapes([note.id])
			return card
		}
		return maker ? this.as(maker, make) : make()
	}

	/** Whether a shape can be turned by hand: not what a blueprint or a map lays out. */
	turnable(shape: TLShape): boolean {
		return shape.type !== CARD_TYPE && shape.type !== PERSONA_TYPE && this.editor.getShape(shape.parentId as TLShapeId) === undefined
	}

	/** Sets a shape's rotation, keeping its centre where it is (tldraw turns shapes about their corner). */
	rotateAboutCentre(shape: TLShape, rotation: number, centre?: Point): void {
		const bounds = this.editor.getShapeGeometry(shape).bounds
		const at = centre ?? this.editor.getShapePageBounds(shape)!.center
		const corner = cornerFor(at, bounds.w, bounds.h, rotation)
		this.editor.updateShape({ id: shape.id, type: shape.type, x: corner.x, y: corner.y, rotation })
	}

	// --- inside ---

	private runtime(index: number): SeatRuntime | undefined {
		const seat = this.order[index]
		return seat && this.seats.get(seat.id)
	}

	/** Runs `make` as a seat (or whoever made a note): what it makes is credited to that person. */
	private as<T>(who: SeatRuntime | Maker, make: () => T): T {
		const maker = 'seat' in who ? who.seat : who
		this.active = maker
		try {
			let made!: T
			asAuthor(this.editor, { id: maker.person, name: maker.name }, () => this.editor.run(() => void (made = make())))
			return made
		} finally {
			this.active = null
		}
	}

	private made(seat: SeatRuntime, id: TLShapeId): void {
		seat.made++
		seat.current = id
		this.push(seat, { kind: 'make', before: new Map([[id, null]]) })
	}

	/** A page point in front of the seat's dock: `depth` page units beyond it, spread along the edge by `n`. */
	private pageInFront(index: number, depth: number, n: number): Point {
		const place = this.frame.places()[index]!
		const rect = this.frame.rect()
		const zoom = this.editor.getZoomLevel()
		const spread = ((n % 5) - 2) * 70
		const point = besideOf(place, inFrontOf(place, this.frame.dockDepth(index) + 24 + depth * zoom, spread), depth * zoom, this.frame.keepClear())
		return this.editor.screenToPage({ x: rect.left + point.x, y: rect.top + point.y })
	}

	private editText(index: number, change: (before: string) => string): void {
		const seat = this.runtime(index)
		const shape = seat?.current ? this.editor.getShape(seat.current) : undefined
		if (!seat || !shape) return
		const before = textOf(shape)
		if (before === null) return
		const top = seat.undo.at(-1)
		// A run of typing into one shape is one change to undo.
		if (!(top?.kind === 'text' && top.before.has(shape.id)) && !(top?.kind === 'make' && top.before.has(shape.id))) this.record(seat, 'text', [shape.id])
		setText(this.editor, shape, change(before))
	}

	private record(seat: SeatRuntime, kind: Change['kind'], ids: readonly TLShapeId[]): void {
		const before = new Map<TLShapeId, TLShape | null>()
		for (const id of ids) {
			const shape = this.editor.getShape(id)
			if (shape) before.set(id, shape)
		}
		if (before.size) this.push(seat, { kind, before })
	}

	private push(seat: SeatRuntime, change: Change): void {
		seat.undo.push(change)
		if (seat.undo.length > MAX_UNDO) seat.undo.shift()
		this.publish()
	}

	private publish(): void {
		this.snapshot = Object.fromEntries([...this.seats].map(([id, s]) => [id, { current: s.current, colour: s.colour, undoable: s.undo.length, pinning: s.pinning }]))
		for (const listener of this.listeners) listener()
	}
}

/** The text a seat types into on a shape: a note's words, a card's text, a stakeholder's or asset's name. */
export function textOf(shape: TLShape): string | null {
	if (shape.type === 'note') return plainText((shape as TLNoteShape).props.richText)
	if (shape.type === CARD_TYPE) return (shape.props as { text: string }).text
	if (shape.type === STAKEHOLDER_TYPE || shape.type === ASSET_TYPE || shape.type === PERSONA_TYPE) return (shape.props as { name: string }).name
	return null
}

function setText(editor: Editor, shape: TLShape, text: string): void {
	if (shape.type === 'note') editor.updateShape<TLNoteShape>({ id: shape.id, type: 'note', props: { richText: toRichText(text) } })
	else if (shape.type === CARD_TYPE) updateCard(editor, shape.id, { text })
	else editor.updateShape({ id: shape.id, type: shape.type, props: { name: text } } as Parameters<Editor['updateShape']>[0])
}
