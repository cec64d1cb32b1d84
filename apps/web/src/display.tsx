/**
 * Display preferences: larger text, high contrast and reduced motion. Kept in this browser's localStorage,
 * applied as classes on `<html>` (styled in styles.css), chosen when joining and changeable from the room.
 * @module
 */
import { useId, useSyncExternalStore } from 'react'
import { useT } from './i18n/I18n'

export interface DisplayPrefs {
	largerText: boolean
	highContrast: boolean
	reducedMotion: boolean
}

export const DISPLAY_KEY = 'cyd.display'
const NONE: DisplayPrefs = { largerText: false, highContrast: false, reducedMotion: false }
const CLASSES: Record<keyof DisplayPrefs, string> = {
	largerText: 'cyd-larger-text',
	highContrast: 'cyd-high-contrast',
	reducedMotion: 'cyd-reduced-motion',
}

function read(): DisplayPrefs {
	try {
		const stored: unknown = JSON.parse(localStorage.getItem(DISPLAY_KEY) ?? 'null')
		if (typeof stored !== 'object' || stored === null) return NONE
		const s = stored as Record<string, unknown>
		return { largerText: s.largerText === true, highContrast: s.highContrast === true, reducedMotion: s.reducedMotion === true }
	} catch {
		return NONE
	}
}

let current: DisplayPrefs = NONE
const listeners = new Set<() => void>()

/** Reads the stored preferences and puts their classes on `<html>`; call once before the first render. */
export function applyStoredDisplayPrefs(): void {
	current = read()
	applyClasses()
}

function applyClasses(): void {
	const root = document.documentElement
	for (const key of Object.keys(CLASSES) as (keyof DisplayPrefs)[]) root.classList.toggle(CLASSES[key], current[key])
}

export function setDisplayPref(key: keyof DisplayPrefs, on: boolean): void {
	current = { ...current, [key]: on }
	try {
		localStorage.setItem(DISPLAY_KEY, JSON.stringify(current))
	} catch {
		// Private browsing may refuse storage: the choice still holds for this page.
	}
	applyClasses()
	for (const listener of listeners) listener()
}

const subscribe = (listener: () => void) => {
	listeners.add(listener)
	return () => {
		listeners.delete(listener)
	}
}

export function useDisplayPrefs(): DisplayPrefs {
	return useSyncExternalStore(subscribe, () => current)
}

/** Whether to keep still: the person chose reduced motion here, or asked for it in their system settings. */
export function reducedMotion(): boolean {
	return current.reducedMotion || (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches)
}

/** Options for tldraw camera moves: an animation of `duration` ms, or none (a jump) when motion is reduced. */
export function cameraMove(duration: number): { animation?: { duration: number } } {
	return reducedMotion() ? {} : { animation: { duration } }
}

/** The three choices as labelled checkboxes. */
export function DisplayPrefsFields({ hint = false }: { hint?: boolean }) {
	const t = useT()
	const prefs = useDisplayPrefs()
	const hintId = useId()
	return (
		<fieldset className="field choices display-prefs" aria-describedby={hint ? hintId : undefined} data-testid="display-prefs">
			<legend>{t('display.legend')}</legend>
			{(['largerText', 'highContrast', 'reducedMotion'] as const).map((key) => (
				<label key={key} className="choice">
					<input type="checkbox" checked={prefs[key]} onChange={(e) => setDisplayPref(key, e.target.checked)} />
					{t(`display.${key}`)}
				</label>
			))}
			{hint && (
				<p id={hintId} className="hint">
					{t('display.hint')}
				</p>
			)}
		</fieldset>
	)
}

/** "Display" in the room header: a disclosure holding the same choices. */
export function DisplayMenu() {
	const t = useT()
	return (
		<details className="display-menu">
			<summary className="button small">{t('display.heading')}</summary>
			<div className="display-menu-body">
				<DisplayPrefsFields />
				<KeyboardHelp />
			</div>
		</details>
	)
}

const KEYS = ['tab', 'panels', 'forms', 'select', 'edit', 'canvas', 'tldraw', 'escape'] as const

/** The keys that reach everything: panels and their forms, and the canvas's own shortcuts. */
export function KeyboardHelp() {
	const t = useT()
	return (
		<section className="keyboard-help" aria-labelledby="keyboard-help-heading">
			<h2 id="keyboard-help-heading">{t('keys.heading')}</h2>
			<dl>
				{KEYS.map((key) => (
					<div key={key}>
						<dt>{t(`keys.${key}.keys`)}</dt>
						<dd>{t(`keys.${key}.what`)}</dd>
					</div>
				))}
			</dl>
		</section>
	)
}
