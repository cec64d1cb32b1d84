/**
 * The structure of the board: the frames people work inside (journey blueprints with their stages and
 * lanes, stakeholder maps), as distinct from what they put in them (cards, personas, notes, stakeholders).
 * The structure is the facilitator's unless the facilitator opens it to everyone, as a template's lock
 * works in the tools people know. The server decides with these rules; the client mirrors them so that a
 * swipe or a stray tap never moves a blueprint.
 * @module
 */
import { BLUEPRINT_TYPE } from './journey/shapes.js'
import type { Role } from './roles.js'
import { MAP_TYPE } from './stakeholders/shapes.js'

/** The kinds of shape that are structure. */
export const STRUCTURE_TYPES: readonly string[] = [BLUEPRINT_TYPE, MAP_TYPE]

export function isStructureType(type: string): boolean {
	return STRUCTURE_TYPES.includes(type)
}

/** Whether a person of `role` may change the structure now: facilitators always, others once it is open. */
export function mayChangeStructure(role: Role, state: { structureOpen: boolean }): boolean {
	return role === 'facilitator' || state.structureOpen
}

/** The fields of a shape record that the rule reads. */
export interface StructureRecord {
	type: string
	x: number
	y: number
	rotation: number
	parentId: string
	props: object
}

/** Props that layout changes rather than people: a blueprint grows and shrinks with its cards. */
const LAID_OUT: Readonly<Record<string, readonly string[]>> = { [BLUEPRINT_TYPE]: ['w', 'h'] }

/**
 * Whether going from `before` to `after` changes the structure: a blueprint or map moved, turned,
 * reparented or resized by hand, or its own fields changed (title, stages, lanes, layout, rings). A
 * blueprint's size following its cards is not a structural change: anyone adding a card makes it.
 */
export function isStructuralChange(before: StructureRecord, after: StructureRecord): boolean {
	if (!isStructureType(before.type)) return false
	if (before.x !== after.x || before.y !== after.y || before.rotation !== after.rotation || before.parentId !== after.parentId) return true
	const laidOut = LAID_OUT[before.type] ?? []
	const a = before.props as Record<string, unknown>
	const b = after.props as Record<string, unknown>
	for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
		if (!laidOut.includes(key) && JSON.stringify(a[key]) !== JSON.stringify(b[key])) return true
	}
	return false
}
