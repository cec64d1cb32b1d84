/**
 * Small validators the shapes share: bounded text for props, and a type guard for a list of literals.
 * @module
 */
import { T } from '@tldraw/validate'

/** Most characters kept in a card's, persona's or stakeholder's text field. */
export const MAX_TEXT = 2000

/** A string of at most `MAX_TEXT` characters. */
export const textValidator = T.string.check((s) => {
	if (s.length > MAX_TEXT) throw new Error(`longer than ${MAX_TEXT} characters`)
})

/** A type guard for "one of these literals". */
export function oneOf<const L extends readonly (string | number)[]>(list: L): (value: unknown) => value is L[number] {
	return (value: unknown): value is L[number] => (typeof value === 'string' || typeof value === 'number') && (list as readonly unknown[]).includes(value)
}
