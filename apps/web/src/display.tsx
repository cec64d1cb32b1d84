/**
 * Display preferences: a theme (as this device has it, light, dark or high contrast), larger text and
 * reduced motion. Kept in this browser's localStorage, applied as classes on `<html>` (styled in
 * styles.css), chosen when joining and changeable from the room. Until a theme is chosen, the device's
 * light or dark setting is followed, live.
 * @module
 */
import { useId, useSyncExternalStore } from 'react'
import { useT } from './i18n/I18n'

export const THEMES = ['system', 'light', 'dark', 'highContrast'] as const
export type Theme = (typeof THEMES)[number]
const isTheme = (value: unknown): value is Theme => THEMES.includes(value as Theme)

export interface DisplayPrefs {
	/** `system` until the person chooses: light or dark as their device is set. */
	theme: Theme
	largerText: boolean
	reducedMotion: boolean
}
type Toggle = 'largerText' | 'reducedMotion'

export const DISPLAY_KEY = 'cyd.display'
const NONE: DisplayPrefs = { theme: 'system', largerText: false, reducedMotion: false }
const TOGGLE_CLASSES: Record<Toggle, string> = {
	largerText: 'cyd-larger-text',
	reducedMotion: 'cyd-reduced-motion',
}

function read(): DisplayPrefs {
	try {
		const stored: unknown = JSON.parse(localStorage.getItem(DISPLAY_KEY) ?? 'null')
		if (typeof stored !== 'object' || stored === null) return NONE
		const s = stored as Record<string, unknown>
		// Before themes, high contrast was a checkbox of its own.
		const theme = isTheme(s.theme) ? s.theme : s.highContrast === true ? 'highContrast' : 'system'
		return { theme, largerText: s.largerText === true, reducedMotion: s.reducedMotion === true }
	} catch {
		return NONE
	}
}

let current: DisplayPrefs = NONE
const listeners = new Set<() => void>()
const notify = () => {
	for (const listener of listeners) listener()
}

const darkQuery = () => (typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null)

/** Light or dark, as chosen, or as the device is set when the person has not chosen. */
function colorScheme(): 'light' | 'dark' {
	if (current.theme === 'system') return darkQuery()?.matches ? 'dark' : 'light'
	return current.theme === 'dark' ? 'dark' : 'light'
}

/** Reads the stored preferences and puts their classes on `<html>`; call once before the first render. */
export function applyStoredDisplayPrefs(): void {
	current = read()
	applyClasses()
	darkQuery()?.addEventListener('change', () => {
		applyClasses()
		notify()
	})
}

function applyClasses(): void {
	const root = document.documentElement
	for (const key of Object.keys(TOGGLE_CLASSES) as Toggle[]) root.classList.toggle(TOGGLE_CLASSES[key], current[key])
	root.classList.toggle('cyd-high-contrast', current.theme === 'highContrast')
	root.classList.toggle('cyd-dark', colorScheme() === 'dark')
}

function save(next: DisplayPrefs): void {
	current = next
	try {
		localStorage.setItem(DISPLAY_KEY, JSON.stringify(current))
	} catch {
		// Private browsing may refuse storage: the choice still holds for this page.
	}
	applyClasses()
	notify()
}

export function setDisplayPref(key: Toggle, on: boolean): void {
	save({ ...current, [key]: on })
}

export function setTheme(theme: Theme): void {
	save({ ...current, theme })
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

/** Light or dark for the board (tldraw's colour scheme), following the theme and, unchosen, the device. */
export function useColorScheme(): 'light' | 'dark' {
	return useSyncExternalStore(subscribe, colorScheme)
}

/** Whether to keep still: the person chose reduced motion here, or asked for it in their system settings. */
export function reducedMotion(): boolean {
	return current.reducedMotion || (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches)
}

/** Options for tldraw camera moves: an animation of `duration` ms, or none (a jump) when motion is reduced. */
export function cameraMove(duration: number): { animation?: { duration: number } } {
	return reducedMotion() ? {} : { animation: { duration } }
}

const THEME_LABELS = { system: 'display.theme.system', light: 'display.theme.light', dark: 'display.theme.dark', highContrast: 'display.highContrast' } as const

/** The theme as a group of radio buttons, then larger text and reduced motion as checkboxes. */
export function DisplayPrefsFields({ hint = false }: { hint?: boolean }) {
	const t = useT()
	const prefs = useDisplayPrefs()
	const hintId = useId()
	const themeName = useId()
	return (
		<fieldset className="field choices display-prefs" aria-describedby={hint ? hintId : undefined} data-testid="display-prefs">
			<legend>{t('display.legend')}</legend>
			<fieldset className="choices theme-choices">
				<legend>{t('display.theme')}</legend>
				{THEMES.map((theme) => (
					<label key={theme} className="choice">
						<input type="radio" name={themeName} value={theme} checked={prefs.theme === theme} onChange={() => setTheme(theme)} />
						{t(THEME_LABELS[theme])}
					</label>
				))}
			</fieldset>
			{(['largerText', 'reducedMotion'] as const).map((key) => (
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
		// Focusable, so that the keyboard can scroll it into view where the Display menu scrolls.
		<section className="keyboard-help" aria-labelledby="keyboard-help-heading" tabIndex={0}>
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
