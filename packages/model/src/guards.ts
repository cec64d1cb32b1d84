/**
 * Small guards the shapes share: the longest text a field keeps, and a type guard for a list of literals.
 * @module
 */

/** Most characters kept in a card's, persona's or stakeholder's text field. */
export const MAX_TEXT = 2000

/** A type guard for "one of these literals". */
export function oneOf<const L extends readonly (string | number)[]>(list: L): (value: unknown) => value is L[number] {
	return (value: unknown): value is L[number] => (typeof value === 'string' || typeof value === 'number') && (list as readonly unknown[]).includes(value)
}
