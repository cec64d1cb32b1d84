/**
 * The stakeholder mode's shapes: the map layouts (concentric rings, a power/interest grid), stakeholder
 * cards and community-asset cards. Relationships are tldraw arrows bound to two cards, typed by what
 * flows along them (in the arrow's `meta.flow`).
 *
 * A stakeholder's influence and interest come from where it sits on a map (see placement.ts) unless
 * someone set them by hand (`manual`); either way they are stored on the card, so every reader agrees.
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
import { ASSET_KINDS, FLOWS, STAKEHOLDER_KINDS, type AssetKind, type Flow, type StakeholderKind } from '../design.js'
import { oneOf, textValidator } from '../validators.js'

export const MAP_TYPE = 'cyd-map'
export const STAKEHOLDER_TYPE = 'cyd-stakeholder'
export const ASSET_TYPE = 'cyd-asset'

export const MAP_LAYOUTS = ['rings', 'grid'] as const
export type MapLayout = (typeof MAP_LAYOUTS)[number]

export interface MapProps {
	w: number
	h: number
	layout: MapLayout
	title: string
	/** Labels of the rings, innermost first (core, directly involved, wider community). */
	rings: string[]
}

export interface StakeholderProps {
	w: number
	h: number
	name: string
	kind: StakeholderKind
	/** 0 .. 1. */
	influence: number
	interest: number
	/** Set by hand: moving the card no longer changes influence and interest. */
	manual: boolean
	notes: string
	authorId: string
	authorName: string
	createdAt: number
}

export interface AssetProps {
	w: number
	h: number
	name: string
	kind: AssetKind
	description: string
	holder: string
	authorId: string
	authorName: string
	createdAt: number
}

declare module '@tldraw/tlschema' {
	interface TLGlobalShapePropsMap {
		[MAP_TYPE]: MapProps
		[STAKEHOLDER_TYPE]: StakeholderProps
		[ASSET_TYPE]: AssetProps
	}
}

export type MapShape = TLBaseShape<typeof MAP_TYPE, MapProps>
export type StakeholderShape = TLBaseShape<typeof STAKEHOLDER_TYPE, StakeholderProps>
export type AssetShape = TLBaseShape<typeof ASSET_TYPE, AssetProps>

const text = textValidator
const unit = T.number.check((n) => {
	if (n < 0 || n > 1) throw new Error('must be between 0 and 1')
})

export const mapShapeProps: RecordProps<MapShape> = {
	w: T.nonZeroNumber,
	h: T.nonZeroNumber,
	layout: T.literalEnum(...MAP_LAYOUTS),
	title: text,
	rings: T.arrayOf(text).check((a) => {
		if (a.length !== 3) throw new Error('three ring labels')
	}),
}

export const stakeholderShapeProps: RecordProps<StakeholderShape> = {
	w: T.nonZeroNumber,
	h: T.nonZeroNumber,
	name: text,
	kind: T.literalEnum(...STAKEHOLDER_KINDS),
	influence: unit,
	interest: unit,
	manual: T.boolean,
	notes: text,
	authorId: T.string,
	authorName: T.string,
	createdAt: T.number,
}

export const assetShapeProps: RecordProps<AssetShape> = {
	w: T.nonZeroNumber,
	h: T.nonZeroNumber,
	name: text,
	kind: T.literalEnum(...ASSET_KINDS),
	description: text,
	holder: text,
	authorId: T.string,
	authorName: T.string,
	createdAt: T.number,
}

/**
 * Versions of each shape's props.
 * - map 1: the first maps had no title.
 * - stakeholder 1: influence and interest were whole numbers 1..5; they became 0..1, with `manual`.
 * - asset 1: an asset's holder was kept in its description; it got its own field.
 */
export const mapVersions = createShapePropsMigrationIds(MAP_TYPE, { AddTitle: 1 })
export const stakeholderVersions = createShapePropsMigrationIds(STAKEHOLDER_TYPE, { UnitScale: 1 })
export const assetVersions = createShapePropsMigrationIds(ASSET_TYPE, { AddHolder: 1 })

export const mapShapeMigrations: TLPropsMigrations = createShapePropsMigrationSequence({
	sequence: [
		{
			id: mapVersions.AddTitle,
			up(props) {
				props.title = ''
			},
			down(props) {
				delete props.title
			},
		},
	],
})

const toUnit = (value: unknown) => (typeof value === 'number' && value >= 1 && value <= 5 ? (value - 1) / 4 : 0.5)

export const stakeholderShapeMigrations: TLPropsMigrations = createShapePropsMigrationSequence({
	sequence: [
		{
			id: stakeholderVersions.UnitScale,
			up(props) {
				props.influence = toUnit(props.influence)
				props.interest = toUnit(props.interest)
				props.manual = false
			},
			down(props) {
				props.influence = Math.round((props.influence as number) * 4) + 1
				props.interest = Math.round((props.interest as number) * 4) + 1
				delete props.manual
			},
		},
	],
})

export const assetShapeMigrations: TLPropsMigrations = createShapePropsMigrationSequence({
	sequence: [
		{
			id: assetVersions.AddHolder,
			up(props) {
				props.holder = ''
			},
			down(props) {
				delete props.holder
			},
		},
	],
})

export const stakeholderShapeSchemas = {
	[MAP_TYPE]: { props: mapShapeProps, migrations: mapShapeMigrations },
	[STAKEHOLDER_TYPE]: { props: stakeholderShapeProps, migrations: stakeholderShapeMigrations },
	[ASSET_TYPE]: { props: assetShapeProps, migrations: assetShapeMigrations },
} as const

export const isStakeholderKind = oneOf(STAKEHOLDER_KINDS)
export const isAssetKind = oneOf(ASSET_KINDS)
export const isFlow = oneOf(FLOWS)

/** Key, in a relationship arrow's meta, of what flows along it. */
export const FLOW_META = 'flow'

/** tldraw colour per flow, so the legend and the arrows agree (the arrows are also dashed differently). */
export const FLOW_STYLE: Record<Flow, { color: string; dash: 'solid' | 'dashed' | 'dotted' | 'draw' }> = {
	money: { color: 'green', dash: 'solid' },
	information: { color: 'blue', dash: 'dashed' },
	trust: { color: 'violet', dash: 'solid' },
	time: { color: 'orange', dash: 'dotted' },
	service: { color: 'red', dash: 'solid' },
	influence: { color: 'black', dash: 'dashed' },
}
