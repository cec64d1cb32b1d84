/**
 * How the journey shapes look and behave on the canvas: the blueprint grid (stages, lanes, the three
 * blueprint lines, the personas' emotion curves), the cards in its cells and the persona cards.
 * Props, validators and migrations live in @cyd/model; this file only draws and reacts.
 * @module
 */
import {
	BLUEPRINT_TYPE,
	CARD_TYPE,
	EMOTION_H,
	HEADER_H,
	LABEL_W,
	PERSONA_TYPE,
	STAKEHOLDER_TYPE,
	blueprintLines,
	layoutBlueprint,
	type BlueprintShape,
	type CardKind,
	type CardShape,
	type Emotion,
	type PersonaShape,
	MAX_TEXT,
} from '@cyd/model'
import { journeyShapeSchemas } from '@cyd/model/schema'
import { HTMLContainer, useEditor, useIsEditing, useValue, type TLShapeId, type TLShapePartial } from 'tldraw'
import { useEffect, useRef } from 'react'
import { ShapeBadges } from '../CanvasOverlay'
import { useT } from '../i18n/I18n'
import { BoxShapeUtil } from '../shapes/BoxShapeUtil'
import { addCardAt, dropCard, isCard, isPersona, relayout, updateCard } from './actions'
import './journey.css'

/** tldraw's palette, for the persona colours stored by name. */
export const PERSONA_HEX: Record<string, string> = {
	violet: '#ae3ec9',
	blue: '#4465e9',
	green: '#099268',
	orange: '#e16919',
	red: '#e03131',
	'light-violet': '#c55fd9',
	'light-blue': '#2f8fe0',
	yellow: '#c98a12',
}

export class BlueprintShapeUtil extends BoxShapeUtil<BlueprintShape> {
	static override type = BLUEPRINT_TYPE
	static override props = journeyShapeSchemas[BLUEPRINT_TYPE].props
	static override migrations = journeyShapeSchemas[BLUEPRINT_TYPE].migrations

	getDefaultProps(): BlueprintShape['props'] {
		return { w: 800, h: 600, title: '', stages: [], lanes: [] }
	}
	override canReceiveNewChildrenOfType() {
		return false
	}
	override canRemoveChildrenOfType(_shape: BlueprintShape, type: string) {
		return type !== CARD_TYPE && type !== PERSONA_TYPE
	}
	override getText(shape: BlueprintShape) {
		return shape.props.title
	}
	/**
	 * A double click in a cell adds a card there and starts typing into it. The answer, a change that
	 * changes nothing, tells tldraw the click was handled (else it would add a text shape too).
	 */
	override onDoubleClick(shape: BlueprintShape): TLShapePartial<BlueprintShape> {
		const id = addCardAt(this.editor, shape, this.editor.inputs.getCurrentPagePoint())
		const card = id ? this.editor.getShape(id) : undefined
		if (card) {
			this.editor.select(card.id)
			this.editor.setEditingShape(card.id)
			this.editor.setCurrentTool('select.editing_shape', { target: 'shape', shape: card })
		}
		return { id: shape.id, type: BLUEPRINT_TYPE }
	}
	component(shape: BlueprintShape) {
		return <Blueprint shape={shape} />
	}
}

function Blueprint({ shape }: { shape: BlueprintShape }) {
	const t = useT()
	const editor = useEditor()
	const { props } = shape
	const children = useValue(
		'cyd.blueprintChildren',
		() => editor.getSortedChildIdsForParent(shape.id).map((id) => editor.getShape(id)),
		[editor, shape.id]
	)
	const cards = children.filter(isCard)
	const personas = children.filter(isPersona)
	const layout = layoutBlueprint(
		props,
		cards.map((c) => ({ id: c.id, stage: c.props.stage, lane: c.props.lane, order: c.props.order, h: c.props.h })),
		personas.map((p) => ({ id: p.id, order: p.props.order }))
	)
	const lines = blueprintLines(props.lanes, layout.rows)
	const emotionY = (value: Emotion) => HEADER_H + 24 + ((5 - value) / 4) * (EMOTION_H - 48)
	return (
		<HTMLContainer className="cyd-blueprint" style={{ width: props.w, height: props.h }}>
			<div className="cyd-bp-corner" style={{ width: LABEL_W, height: HEADER_H }}>
				<span className="cyd-bp-kicker">{t('journey.blueprint')}</span>
				<span className="cyd-bp-title">{props.title || t('journey.untitled')}</span>
			</div>
			{layout.columns.map((column, i) => (
				<div key={column.id} className="cyd-bp-stage" style={{ left: column.x, width: column.w, height: HEADER_H }}>
					<span className="cyd-bp-stage-number">{i + 1}</span>
					<span className="cyd-bp-stage-name">{props.stages[i]?.name}</span>
				</div>
			))}
			<div className="cyd-bp-lane cyd-bp-emotion-label" style={{ top: HEADER_H, width: LABEL_W, height: EMOTION_H }}>
				<span>{t('journey.emotions')}</span>
			</div>
			{layout.rows.map((row, i) => (
				<div key={row.id} className={`cyd-bp-lane lane-${props.lanes[i]?.kind}`} style={{ top: row.y, width: LABEL_W, height: row.h }}>
					<span>{props.lanes[i]?.name}</span>
				</div>
			))}
			{layout.columns.map((column) => (
				<div key={column.id} className="cyd-bp-column" style={{ left: column.x, width: column.w, top: HEADER_H, height: layout.gridH - HEADER_H }} />
			))}
			{layout.rows.map((row) => (
				<div key={row.id} className="cyd-bp-row" style={{ top: row.y, height: row.h, left: LABEL_W, width: props.w - LABEL_W }} />
			))}
			{lines.map((line) => (
				<div key={line.line} className={`cyd-bp-line line-${line.line}`} style={{ top: line.y - 1, width: props.w }}>
					<span>{t(`journey.line.${line.line}`)}</span>
				</div>
			))}
			<svg className="cyd-bp-emotions" width={props.w} height={HEADER_H + EMOTION_H} aria-hidden="true">
				<line x1={LABEL_W} x2={props.w} y1={emotionY(3)} y2={emotionY(3)} className="cyd-bp-neutral" />
				{personas.map((persona) => {
					const colour = PERSONA_HEX[persona.props.color] ?? '#444'
					const points = layout.columns.flatMap((column) => {
						const value = persona.props.emotions[column.id]
						return value ? [{ x: column.x + column.w / 2, y: emotionY(value), value }] : []
					})
					return (
						<g key={persona.id} style={{ color: colour }}>
							<polyline points={points.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" stroke="currentColor" strokeWidth={3} />
							{points.map((p) => (
								<Face key={p.x} x={p.x} y={p.y} value={p.value} />
							))}
							{/* The name at the end of the curve, so the lines differ by more than colour. */}
							{points.length > 0 && (
								<text x={points[points.length - 1]!.x + 18} y={points[points.length - 1]!.y + 5} className="cyd-bp-curve-name" fill="currentColor">
									{persona.props.name}
								</text>
							)}
						</g>
					)
				})}
			</svg>
			{personas.length > 0 && (
				<ul className="cyd-bp-legend" style={{ top: HEADER_H + 8, left: 8, width: LABEL_W - 16 }}>
					{personas.map((p) => (
						<li key={p.id}>
							<span className="cyd-bp-swatch" style={{ background: PERSONA_HEX[p.props.color] }} />
							{p.props.name}
						</li>
					))}
				</ul>
			)}
			{personas.length > 0 && (
				<div className="cyd-bp-personas-label" style={{ top: layout.gridH + 2 }}>
					{t('journey.personas')}
				</div>
			)}
		</HTMLContainer>
	)
}

/** A face for an emotion: the mouth curves down for bad, up for good (shape, not colour alone). */
function Face({ x, y, value }: { x: number; y: number; value: Emotion }) {
	const curve = (value - 3) * 3
	return (
		<g transform={`translate(${x} ${y})`}>
			<circle r={13} fill="#fff" stroke="currentColor" strokeWidth={2.5} />
			<circle cx={-4.5} cy={-3.5} r={1.8} fill="#1f2933" />
			<circle cx={4.5} cy={-3.5} r={1.8} fill="#1f2933" />
			<path d={`M -6 5 Q 0 ${5 + curve} 6 5`} fill="none" stroke="#1f2933" strokeWidth={2} strokeLinecap="round" />
		</g>
	)
}

export class CardShapeUtil extends BoxShapeUtil<CardShape> {
	static override type = CARD_TYPE
	static override props = journeyShapeSchemas[CARD_TYPE].props
	static override migrations = journeyShapeSchemas[CARD_TYPE].migrations

	getDefaultProps(): CardShape['props'] {
		return { w: 224, h: 96, stage: '', lane: '', order: 0, kind: 'action', text: '', channel: 'other', actor: '', authorId: '', authorName: '', createdAt: 0 }
	}
	override canEdit() {
		return true
	}
	override getText(shape: CardShape) {
		return shape.props.text
	}
	override getAriaDescriptor(shape: CardShape) {
		return shape.props.text
	}
	/** A dragged card joins the cell it was dropped on. */
	override onTranslateEnd(_initial: CardShape, current: CardShape) {
		dropCard(this.editor, current.id)
	}
	component(shape: CardShape) {
		return <Card shape={shape} />
	}
}

function Card({ shape }: { shape: CardShape }) {
	const t = useT()
	const editor = useEditor()
	const editing = useIsEditing(shape.id)
	const input = useRef<HTMLTextAreaElement>(null)
	// What the hint says depends on the hand: a finger taps twice, a mouse double-clicks.
	const finger = useValue('cyd.finger', () => editor.getInstanceState().isCoarsePointer, [editor])
	// The actor's name is read from the stakeholder, so renaming it renames it here too.
	const actor = useValue(
		'cyd.cardActor',
		() => {
			const stakeholder = shape.props.actor ? editor.getShape(shape.props.actor as TLShapeId) : undefined
			return stakeholder?.type === STAKEHOLDER_TYPE ? (stakeholder.props as { name: string }).name || '?' : null
		},
		[editor, shape.props.actor]
	)
	// The double click that starts editing ends with tldraw taking the focus; take it back a frame later.
	useEffect(() => {
		if (!editing) return
		const frame = requestAnimationFrame(() => {
			const el = input.current
			if (!el) return
			el.focus()
			el.setSelectionRange(el.value.length, el.value.length)
		})
		return () => cancelAnimationFrame(frame)
	}, [editing])
	const { props } = shape
	return (
		<HTMLContainer className={`cyd-card kind-${props.kind}`} style={{ width: props.w, height: props.h }} data-testid="journey-card" data-text={props.text}>
			<div className="cyd-card-head">
				<KindIcon kind={props.kind} />
				<span className="cyd-card-kind">{t(`journey.kind.${props.kind}`)}</span>
				{props.channel !== 'other' && <span className="cyd-card-channel">{t(`journey.channel.${props.channel}`)}</span>}
			</div>
			{editing ? (
				<textarea
					ref={input}
					className="cyd-card-input"
					aria-label={t('journey.cardText')}
					defaultValue={props.text}
					maxLength={MAX_TEXT}
					onPointerDown={(e) => e.stopPropagation()}
					onKeyDown={(e) => {
						e.stopPropagation()
						if (e.key === 'Escape' || (e.key === 'Enter' && !e.shiftKey)) {
							e.preventDefault()
							editor.setEditingShape(null)
						}
					}}
					onChange={(e) => updateCard(editor, shape.id as TLShapeId, { text: e.currentTarget.value })}
				/>
			) : (
				<p className="cyd-card-text">{props.text || <span className="cyd-card-empty">{t(finger ? 'journey.emptyCardTouch' : 'journey.emptyCard')}</span>}</p>
			)}
			<div className="cyd-card-foot">
				<span className="cyd-card-by">{actor ? <span className="cyd-card-actor">{t('journey.actedBy', { name: actor })}</span> : props.authorName}</span>
				<ShapeBadges id={shape.id} />
			</div>
		</HTMLContainer>
	)
}

/** An icon per card kind, so kinds differ by shape as well as colour. */
export function KindIcon({ kind }: { kind: CardKind }) {
	const common = { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': true, className: 'cyd-kind-icon' } as const
	switch (kind) {
		case 'action':
			return (
				<svg {...common}>
					<path d="M3 2 L13 8 L3 14 Z" fill="currentColor" />
				</svg>
			)
		case 'touchpoint':
			return (
				<svg {...common}>
					<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="2" />
					<circle cx="8" cy="8" r="2.5" fill="currentColor" />
				</svg>
			)
		case 'pain':
			return (
				<svg {...common}>
					<path d="M8 1 L15 14 L1 14 Z" fill="currentColor" />
					<rect x="7.2" y="5" width="1.6" height="5" fill="#fff" />
					<rect x="7.2" y="11" width="1.6" height="1.6" fill="#fff" />
				</svg>
			)
		case 'opportunity':
			return (
				<svg {...common}>
					<path d="M8 1 L10 6 L15 6 L11 9.5 L12.5 15 L8 11.8 L3.5 15 L5 9.5 L1 6 L6 6 Z" fill="currentColor" />
				</svg>
			)
		case 'idea':
			return (
				<svg {...common}>
					<path d="M8 1 A5 5 0 0 1 11 10 L11 12 L5 12 L5 10 A5 5 0 0 1 8 1 Z" fill="currentColor" />
					<rect x="5.5" y="13" width="5" height="2" fill="currentColor" />
				</svg>
			)
		case 'question':
			return (
				<svg {...common}>
					<circle cx="8" cy="8" r="7" fill="currentColor" />
					<text x="8" y="12" textAnchor="middle" fontSize="11" fontWeight="700" fill="#fff">
						?
					</text>
				</svg>
			)
		case 'evidence':
			return (
				<svg {...common}>
					<path d="M3 1 L10 1 L13 4 L13 15 L3 15 Z" fill="currentColor" />
					<rect x="5" y="7" width="6" height="1.4" fill="#fff" />
					<rect x="5" y="10" width="6" height="1.4" fill="#fff" />
				</svg>
			)
		case 'achievement':
			return (
				<svg {...common}>
					<circle cx="8" cy="6" r="5" fill="currentColor" />
					<path d="M5 10 L3.5 15 L8 13 L12.5 15 L11 10 Z" fill="currentColor" />
					<circle cx="8" cy="6" r="2.2" fill="#fff" />
				</svg>
			)
		case 'works':
			return (
				<svg {...common}>
					<circle cx="8" cy="8" r="7" fill="currentColor" />
					<path d="M4.5 8.3 L7 10.8 L11.7 5.6" fill="none" stroke="#fff" strokeWidth="2" />
				</svg>
			)
	}
}

export class PersonaShapeUtil extends BoxShapeUtil<PersonaShape> {
	static override type = PERSONA_TYPE
	static override props = journeyShapeSchemas[PERSONA_TYPE].props
	static override migrations = journeyShapeSchemas[PERSONA_TYPE].migrations

	getDefaultProps(): PersonaShape['props'] {
		return { w: 272, h: 200, name: '', story: '', needs: '', color: 'blue', emotions: {}, order: 0, authorId: '', authorName: '', createdAt: 0 }
	}
	override getText(shape: PersonaShape) {
		return shape.props.name
	}
	/** Personas keep their place in the strip: a drag snaps back. */
	override onTranslateEnd(_initial: PersonaShape, current: PersonaShape) {
		relayout(this.editor, current.parentId as TLShapeId)
	}
	component(shape: PersonaShape) {
		return <Persona shape={shape} />
	}
}

function Persona({ shape }: { shape: PersonaShape }) {
	const t = useT()
	const { props } = shape
	return (
		<HTMLContainer className="cyd-persona" style={{ width: props.w, height: props.h, borderColor: PERSONA_HEX[props.color] }} data-testid="journey-persona">
			<div className="cyd-persona-head">
				<span className="cyd-bp-swatch" style={{ background: PERSONA_HEX[props.color] }} />
				<span className="cyd-persona-kind">{t('journey.persona')}</span>
			</div>
			<p className="cyd-persona-name">{props.name}</p>
			{props.story && <p className="cyd-persona-story">{props.story}</p>}
			{props.needs && (
				<p className="cyd-persona-needs">
					<strong>{t('journey.needs')}: </strong>
					{props.needs}
				</p>
			)}
		</HTMLContainer>
	)
}

export const journeyShapeUtils = [BlueprintShapeUtil, CardShapeUtil, PersonaShapeUtil]
