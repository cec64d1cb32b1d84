/**
 * The stakeholder mode's shapes: the map layouts (concentric rings, a power/interest grid), stakeholder
 * cards and community-asset cards. Relationships are tldraw arrows bound to two cards, typed by what
 * flows along them (in the arrow's `meta.flow`).
 *
 * A stakeholder's influence and interest come from where it sits on a map (see placement.ts) unless
 * someone set them by hand (`manual`); either way they are stored on the card, so every reader agrees.
 * @module
 */
import type { TLBaseShape } from '@tldraw/tlschema'
import { ASSET_KINDS, FLOWS, STAKEHOLDER_KINDS, type AssetKind, type Flow, type StakeholderKind } from '../design.js'
import { oneOf } from '../guards.js'

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
