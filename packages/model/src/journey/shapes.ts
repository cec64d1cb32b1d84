/**
 * The journey mode's shapes on the shared canvas: their props, validators and migrations.
 *
 * ```
 * cyd-blueprint   the grid: stages (columns) and lanes (rows), in order; its cards and personas are its children
 * cyd-card        one card in one cell: stage id x lane id, ordered within the cell by `order`
 * cyd-persona     a persona (name, story, needs) and their emotion per stage, drawn as a curve on the grid
 * ```
 *
 * A card's cell and order are the truth; its x and y are laid out from them (see layout.ts). Ids of
 * stages and lanes never change, so renaming or reordering them keeps every card where it was.
 * @module
 */
import {
	createShapePropsMigrationIds,
	createShapePropsMigrationSequence,
	type RecordProps,
	type TLBaseShape,
	type TLPropsMigrations,
} from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { MAX_TEXT, oneOf, textValidator } from '../validators.js'

export { MAX_TEXT }

export const BLUEPRINT_TYPE = 'cyd-blueprint'
export const CARD_TYPE = 'cyd-card'
export const PERSONA_TYPE = 'cyd-persona'

/** What a lane holds; the three blueprint lines are drawn between lanes of adjacent kinds. */
export const LANE_KINDS = ['actions', 'frontstage', 'backstage', 'support', 'evidence', 'other'] as const
export type LaneKind = (typeof LANE_KINDS)[number]

export const CARD_KINDS = ['action', 'touchpoint', 'pain', 'opportunity', 'idea', 'question', 'evidence'] as const
export type CardKind = (typeof CARD_KINDS)[number]

export const CHANNELS = ['inPerson', 'phone', 'web', 'letter', 'app', 'other'] as const
export type Channel = (typeof CHANNELS)[number]

/** Emotion on a five-point scale: 1 very bad, 3 neutral, 5 very good. */
export const EMOTIONS = [1, 2, 3, 4, 5] as const
export type Emotion = (typeof EMOTIONS)[number]

/** The eight persona colours (tldraw's palette names, so themes and exports agree). */
export const PERSONA_COLORS = ['violet', 'blue', 'green', 'orange', 'red', 'light-violet', 'light-blue', 'yellow'] as const
export type PersonaColor = (typeof PERSONA_COLORS)[number]

export interface Stage {
	id: string
	name: string
}

export interface Lane {
	id: string
	name: string
	kind: LaneKind
}

export interface BlueprintProps {
	w: number
	h: number
	title: string
	stages: Stage[]
	lanes: Lane[]
}

export interface CardProps {
	w: number
	h: number
	stage: string
	lane: string
	/** Position within the cell; smaller first. */
	order: number
	kind: CardKind
	text: string
	channel: Channel
	/** Shape id of the stakeholder who acts in this step; '' for none. */
	actor: string
	authorId: string
	authorName: string
	/** Milliseconds since the epoch. */
	createdAt: number
}

export interface PersonaProps {
	w: number
	h: number
	name: string
	story: string
	needs: string
	color: PersonaColor
	/** Emotion by stage id; a stage without one is left out of the curve. */
	emotions: Record<string, Emotion>
	order: number
	authorId: string
	authorName: string
	createdAt: number
}

declare module '@tldraw/tlschema' {
	interface TLGlobalShapePropsMap {
		[BLUEPRINT_TYPE]: BlueprintProps
		[CARD_TYPE]: CardProps
		[PERSONA_TYPE]: PersonaProps
	}
}

export type BlueprintShape = TLBaseShape<typeof BLUEPRINT_TYPE, BlueprintProps>
export type CardShape = TLBaseShape<typeof CARD_TYPE, CardProps>
export type PersonaShape = TLBaseShape<typeof PERSONA_TYPE, PersonaProps>

/** Most stages and lanes in one blueprint. */
export const MAX_STAGES = 30
export const MAX_LANES = 12

const text = textValidator
const size = T.nonZeroNumber

export const blueprintShapeProps: RecordProps<BlueprintShape> = {
	w: size,
	h: size,
	title: text,
	stages: T.arrayOf(T.object({ id: T.string, name: text })).check((a) => {
		if (a.length > MAX_STAGES) throw new Error(`more than ${MAX_STAGES} stages`)
	}),
	lanes: T.arrayOf(T.object({ id: T.string, name: text, kind: T.literalEnum(...LANE_KINDS) })).check((a) => {
		if (a.length > MAX_LANES) throw new Error(`more than ${MAX_LANES} lanes`)
	}),
}

export const cardShapeProps: RecordProps<CardShape> = {
	w: size,
	h: size,
	stage: T.string,
	lane: T.string,
	order: T.number,
	kind: T.literalEnum(...CARD_KINDS),
	text,
	channel: T.literalEnum(...CHANNELS),
	actor: T.string,
	authorId: T.string,
	authorName: T.string,
	createdAt: T.number,
}

export const personaShapeProps: RecordProps<PersonaShape> = {
	w: size,
	h: size,
	name: text,
	story: text,
	needs: text,
	color: T.literalEnum(...PERSONA_COLORS),
	emotions: T.dict(T.string, T.literalEnum(...EMOTIONS)),
	order: T.number,
	authorId: T.string,
	authorName: T.string,
	createdAt: T.number,
}

/**
 * Versions of each shape's props. A document saved before a version is migrated when it is opened.
 * - blueprint 1: stages and lanes were plain names; they became objects with ids (lanes with a kind),
 *   so that renaming or reordering never moves a card.
 * - card 1: cards had no channel; they get `other`.
 * - persona 1: the emotion curve was an array by stage index; it became a map by stage id.
 */
export const blueprintVersions = createShapePropsMigrationIds(BLUEPRINT_TYPE, { StageAndLaneIds: 1 })
export const cardVersions = createShapePropsMigrationIds(CARD_TYPE, { AddChannel: 1 })
export const personaVersions = createShapePropsMigrationIds(PERSONA_TYPE, { EmotionsByStage: 1 })

const LANE_KIND_BY_POSITION: readonly LaneKind[] = ['actions', 'frontstage', 'backstage', 'support', 'evidence']

export const blueprintShapeMigrations: TLPropsMigrations = createShapePropsMigrationSequence({
	sequence: [
		{
			id: blueprintVersions.StageAndLaneIds,
			up(props) {
				const stages = Array.isArray(props.stages) ? (props.stages as unknown[]) : []
				const lanes = Array.isArray(props.lanes) ? (props.lanes as unknown[]) : []
				props.stages = stages.map((name, i) => ({ id: `s${i}`, name: String(name) }))
				props.lanes = lanes.map((name, i) => ({ id: `l${i}`, name: String(name), kind: LANE_KIND_BY_POSITION[i] ?? 'other' }))
			},
			down(props) {
				props.stages = (props.stages as Stage[]).map((s) => s.name)
				props.lanes = (props.lanes as Lane[]).map((l) => l.name)
			},
		},
	],
})

export const cardShapeMigrations: TLPropsMigrations = createShapePropsMigrationSequence({
	sequence: [
		{
			id: cardVersions.AddChannel,
			up(props) {
				props.channel = 'other'
			},
			down(props) {
				delete props.channel
			},
		},
	],
})

export const personaShapeMigrations: TLPropsMigrations = createShapePropsMigrationSequence({
	sequence: [
		{
			id: personaVersions.EmotionsByStage,
			// Version 0 kept the stage ids it was drawn against beside the array.
			up(props) {
				const values = Array.isArray(props.emotions) ? (props.emotions as unknown[]) : []
				const stageIds = Array.isArray(props.stageIds) ? (props.stageIds as unknown[]) : []
				const emotions: Record<string, Emotion> = {}
				values.forEach((value, i) => {
					const stage = stageIds[i]
					if (typeof stage === 'string' && EMOTIONS.includes(value as Emotion)) emotions[stage] = value as Emotion
				})
				props.emotions = emotions
				delete props.stageIds
			},
			down(props) {
				const emotions = props.emotions as Record<string, Emotion>
				props.stageIds = Object.keys(emotions)
				props.emotions = Object.values(emotions)
			},
		},
	],
})

/** The journey shapes' schemas, for `createTLSchema({ shapes })` and for ShapeUtils' static fields. */
export const journeyShapeSchemas = {
	[BLUEPRINT_TYPE]: { props: blueprintShapeProps, migrations: blueprintShapeMigrations },
	[CARD_TYPE]: { props: cardShapeProps, migrations: cardShapeMigrations },
	[PERSONA_TYPE]: { props: personaShapeProps, migrations: personaShapeMigrations },
} as const

/** The card kind a new card in a lane of `kind` starts as. */
export function defaultCardKind(kind: LaneKind): CardKind {
	switch (kind) {
		case 'frontstage':
			return 'touchpoint'
		case 'evidence':
			return 'evidence'
		default:
			return 'action'
	}
}

/** The default lanes of a new blueprint, in order (names are set by the caller, in its language). */
export const DEFAULT_LANE_KINDS: readonly LaneKind[] = LANE_KIND_BY_POSITION

export const isCardKind = oneOf(CARD_KINDS)
export const isChannel = oneOf(CHANNELS)
export const isLaneKind = oneOf(LANE_KINDS)
export const isEmotion = oneOf(EMOTIONS)
