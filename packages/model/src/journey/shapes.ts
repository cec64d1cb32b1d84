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
import type { TLBaseShape } from '@tldraw/tlschema'
import { MAX_TEXT, oneOf } from '../guards.js'

export { MAX_TEXT }

export const BLUEPRINT_TYPE = 'cyd-blueprint'
export const CARD_TYPE = 'cyd-card'
export const PERSONA_TYPE = 'cyd-persona'

/** What a lane holds; the three blueprint lines are drawn between lanes of adjacent kinds. */
export const LANE_KINDS = ['actions', 'frontstage', 'backstage', 'support', 'evidence', 'other'] as const
export type LaneKind = (typeof LANE_KINDS)[number]

export const CARD_KINDS = ['action', 'touchpoint', 'pain', 'opportunity', 'idea', 'question', 'evidence', 'achievement', 'works'] as const
/** The kinds of a service journey's cards; an appraisal (a joint audit of needs and achievements) adds `achievement` and `works` ("what works"). */
export const JOURNEY_CARD_KINDS = ['action', 'touchpoint', 'pain', 'opportunity', 'idea', 'question', 'evidence'] as const
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
export const DEFAULT_LANE_KINDS: readonly LaneKind[] = ['actions', 'frontstage', 'backstage', 'support', 'evidence']

export const isCardKind = oneOf(CARD_KINDS)

/** The kinds of card an appraisal offers: needs heard (pain points), achievements, what works, what is still to do, questions and evidence. */
export const APPRAISAL_CARD_KINDS: readonly CardKind[] = ['pain', 'achievement', 'works', 'opportunity', 'question', 'evidence']

/**
 * What is wrong with a list of card kinds (a workshop template's or a room's `cardKinds`), naming the
 * field under `path`: one to nine kinds, each a card kind and each once. Null when it is right.
 */
export function cardKindsProblem(value: unknown, path = 'cardKinds'): string | null {
	if (!Array.isArray(value)) return `${path}: expected an array of card kinds (${CARD_KINDS.join(', ')})`
	if (value.length === 0) return `${path}: at least one card kind`
	if (value.length > CARD_KINDS.length) return `${path}: at most ${CARD_KINDS.length} card kinds`
	const seen = new Set<unknown>()
	for (const [i, kind] of value.entries()) {
		if (!isCardKind(kind)) return `${path}.${i}: expected a card kind (${CARD_KINDS.join(', ')}), got ${typeof kind === 'string' ? JSON.stringify(kind.slice(0, 40)) : kind === null ? 'null' : typeof kind}`
		if (seen.has(kind)) return `${path}.${i}: ${kind} is listed twice`
		seen.add(kind)
	}
	return null
}

/**
 * The card kinds a room offers, in the order its template gave them: those the workshop document holds
 * (`cardKinds`, set by a workshop template or the facilitator), or every kind when none were chosen or
 * the value is not a list of card kinds.
 */
export function roomCardKinds(value: unknown): CardKind[] {
	return cardKindsProblem(value) === null ? [...(value as CardKind[])] : [...CARD_KINDS]
}

/** The kinds to offer for a card that is `current` now: the room's, and the card's own if the room no longer offers it. */
export function offeredCardKinds(kinds: readonly CardKind[], current?: CardKind | null): CardKind[] {
	return current && !kinds.includes(current) ? [...kinds, current] : [...kinds]
}
export const isChannel = oneOf(CHANNELS)
export const isLaneKind = oneOf(LANE_KINDS)
export const isEmotion = oneOf(EMOTIONS)
