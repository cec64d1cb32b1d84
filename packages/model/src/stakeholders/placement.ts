/**
 * Influence and interest from where a card sits on a stakeholder map.
 *
 * Rings: the closer to the centre, the more involved: influence and interest are both 1 at the centre
 * and 0 at the outer ring's edge and beyond. Grid (power/interest): interest grows to the right,
 * influence grows upwards. Values are rounded to two places so that every client writes the same.
 * @module
 */
import type { MapLayout } from './shapes.js'

export interface Placement {
	influence: number
	interest: number
}

const round = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 100) / 100

/** Radii of the three rings as fractions of the outer radius, innermost first. */
export const RING_FRACTIONS = [1 / 3, 2 / 3, 1] as const

/** Placement of a point (relative to the map's top-left corner) on a map of size w x h. */
export function placementOn(layout: MapLayout, size: { w: number; h: number }, point: { x: number; y: number }): Placement {
	if (layout === 'grid') return { influence: round(1 - point.y / size.h), interest: round(point.x / size.w) }
	const radius = Math.min(size.w, size.h) / 2
	const distance = Math.hypot(point.x - size.w / 2, point.y - size.h / 2)
	const closeness = round(1 - distance / radius)
	return { influence: closeness, interest: closeness }
}

/** The ring (0 core, 1 direct, 2 wider) a point falls in, or null outside the rings. */
export function ringAt(size: { w: number; h: number }, point: { x: number; y: number }): 0 | 1 | 2 | null {
	const radius = Math.min(size.w, size.h) / 2
	const fraction = Math.hypot(point.x - size.w / 2, point.y - size.h / 2) / radius
	const ring = RING_FRACTIONS.findIndex((f) => fraction <= f)
	return ring === -1 ? null : (ring as 0 | 1 | 2)
}

/** Whether a point (relative to the map) is on the map: inside the outer ring, or inside the grid. */
export function isOnMap(layout: MapLayout, size: { w: number; h: number }, point: { x: number; y: number }): boolean {
	if (layout === 'grid') return point.x >= 0 && point.y >= 0 && point.x <= size.w && point.y <= size.h
	return ringAt(size, point) !== null
}

/** The quadrant of the power/interest grid a placement falls in. */
export function quadrantOf(p: Placement): 'manage' | 'satisfy' | 'inform' | 'monitor' {
	if (p.influence >= 0.5) return p.interest >= 0.5 ? 'manage' : 'satisfy'
	return p.interest >= 0.5 ? 'inform' : 'monitor'
}

/**
 * Where on a map a card's centre goes for a placement (the inverse of `placementOn`). On rings, only
 * closeness counts, so the card keeps the direction `angle` (radians) from the centre.
 */
export function pointFor(layout: MapLayout, size: { w: number; h: number }, p: Placement, angle = -Math.PI / 4): { x: number; y: number } {
	if (layout === 'grid') return { x: p.interest * size.w, y: (1 - p.influence) * size.h }
	const distance = (1 - p.influence) * (Math.min(size.w, size.h) / 2)
	return { x: size.w / 2 + distance * Math.cos(angle), y: size.h / 2 + distance * Math.sin(angle) }
}

/** The closeness at the middle of ring 0, 1 or 2. */
export function ringCloseness(ring: 0 | 1 | 2): number {
	const inner = ring === 0 ? 0 : RING_FRACTIONS[ring - 1]!
	return round(1 - (inner + RING_FRACTIONS[ring]) / 2)
}
