/**
 * Who this browser is: a stable id, a display name and a colour, kept in localStorage.
 * @module
 */

const ID_KEY = 'cyd.userId'
const NAME_KEY = 'cyd.name'
const COLOR_KEY = 'cyd.color'

/** Cursor colours, dark enough for white text on them and distinct from each other. */
export const COLORS = ['#c92a2a', '#a61e4d', '#862e9c', '#5f3dc4', '#364fc7', '#1864ab', '#0b7285', '#087f5b', '#2b8a3e', '#5c940d', '#d9480f', '#e8590c']

export interface Identity {
	id: string
	name: string
	color: string
}

function randomId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12))
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** The stored identity; `name` is empty until the person gives one. */
export function loadIdentity(): Identity {
	let id = localStorage.getItem(ID_KEY)
	if (!id) {
		id = randomId()
		localStorage.setItem(ID_KEY, id)
	}
	let color = localStorage.getItem(COLOR_KEY)
	if (!color || !COLORS.includes(color)) {
		color = COLORS[Math.floor(Math.random() * COLORS.length)] ?? '#1864ab'
		localStorage.setItem(COLOR_KEY, color)
	}
	return { id, name: localStorage.getItem(NAME_KEY)?.trim() ?? '', color }
}

export function saveName(name: string): void {
	localStorage.setItem(NAME_KEY, name.trim())
}
