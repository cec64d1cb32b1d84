/**
 * Message catalogues and the pure translate function (no React), so tests and non-React code can use it.
 * @module
 */
import { isLanguage, LANGUAGES, type Language } from '@cyd/model'
import { cy } from './cy'
import { en, type MessageKey, type Messages } from './en'

export type { MessageKey, Messages }
export { LANGUAGES, isLanguage }
export type { Language }

export const catalogs: Record<Language, Messages> = { en, cy }

export type Params = Record<string, string | number>

/** The message `key` in `language`, with `{placeholders}` filled from `params`. */
export function translate(language: Language, key: MessageKey, params?: Params): string {
	const message = catalogs[language][key]
	if (!params) return message
	return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** The placeholders a message uses, sorted. */
export function placeholders(message: string): string[] {
	return Array.from(message.matchAll(/\{(\w+)\}/g), (m) => m[1] ?? '').sort()
}
