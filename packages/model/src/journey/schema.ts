/**
 * The journey shapes' props validators and migrations (tldraw's schema machinery): for the web app's
 * shape utils and for reading a stored document on the server. Kept apart from shapes.ts so that what
 * only needs the shapes' names and kinds does not load tldraw's schema.
 * @module
 */
import { createShapePropsMigrationIds, createShapePropsMigrationSequence, type RecordProps, type TLPropsMigrations } from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { textValidator } from '../validators.js'
import {
	BLUEPRINT_TYPE,
	CARD_KINDS,
	CARD_TYPE,
	CHANNELS,
	DEFAULT_LANE_KINDS,
	EMOTIONS,
	LANE_KINDS,
	MAX_LANES,
	MAX_STAGES,
	PERSONA_COLORS,
	PERSONA_TYPE,
	type BlueprintShape,
	type CardShape,
	type Emotion,
	type Lane,
	type PersonaShape,
	type Stage,
} from './shapes.js'

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

export const blueprintShapeMigrations: TLPropsMigrations = createShapePropsMigrationSequence({
	sequence: [
		{
			id: blueprintVersions.StageAndLaneIds,
			up(props) {
				const stages = Array.isArray(props.stages) ? (props.stages as unknown[]) : []
				const lanes = Array.isArray(props.lanes) ? (props.lanes as unknown[]) : []
				props.stages = stages.map((name, i) => ({ id: `s${i}`, name: String(name) }))
				props.lanes = lanes.map((name, i) => ({ id: `l${i}`, name: String(name), kind: DEFAULT_LANE_KINDS[i] ?? 'other' }))
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

