/**
 * Props validators the shapes' schemas share.
 * @module
 */
import { T } from '@tldraw/validate'
import { MAX_TEXT } from './guards.js'

/** A string of at most `MAX_TEXT` characters. */
export const textValidator = T.string.check((s) => {
	if (s.length > MAX_TEXT) throw new Error(`longer than ${MAX_TEXT} characters`)
})
