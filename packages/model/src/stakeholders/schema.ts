/**
 * The stakeholder shapes' props validators and migrations (tldraw's schema machinery), apart from
 * shapes.ts for the same reason as the journey's.
 * @module
 */
import { createShapePropsMigrationIds, createShapePropsMigrationSequence, type RecordProps, type TLPropsMigrations } from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { ASSET_KINDS, STAKEHOLDER_KINDS } from '../design.js'
import { textValidator } from '../validators.js'
import { ASSET_TYPE, MAP_LAYOUTS, MAP_TYPE, STAKEHOLDER_TYPE, type AssetShape, type MapShape, type StakeholderShape } from './shapes.js'

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

