/**
 * The i18n React layer: the chosen language in context, `useT()` for messages, a language picker.
 * @module
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { formatDate, formatDateTime, isLanguage, LANGUAGES, ROOM_TIME_ZONE, translate, type Language, type MessageKey, type Params } from './catalog'

const STORAGE_KEY = 'cyd.language'

interface I18nValue {
	language: Language
	/** True once the person picked a language themselves (their choice wins over a room's language). */
	chosen: boolean
	setLanguage(language: Language, opts?: { remember?: boolean }): void
	t(key: MessageKey, params?: Params): string
	/** The time zone dates and times are written in: the room's, once a room says it (Europe/London until then). */
	timeZone: string
	setTimeZone(timeZone: string): void
	/** A moment as a date and time in the language, in the room's time zone: "29 November 2026, 14:05". */
	dateTime(at: string | number | Date): string
	/** A moment's day in the language, in the room's time zone: "29 November 2026". */
	date(at: string | number | Date): string
}

const I18nContext = createContext<I18nValue | null>(null)

function initialLanguage(): { language: Language; chosen: boolean } {
	const stored = localStorage.getItem(STORAGE_KEY)
	if (isLanguage(stored)) return { language: stored, chosen: true }
	const browser = navigator.languages?.find((l) => l.toLowerCase().startsWith('cy') || l.toLowerCase().startsWith('en'))
	return { language: browser?.toLowerCase().startsWith('cy') ? 'cy' : 'en', chosen: false }
}

export function I18nProvider({ children }: { children: ReactNode }) {
	const [state, setState] = useState(initialLanguage)
	const [timeZone, setTimeZone] = useState(ROOM_TIME_ZONE)
	const setLanguage = useCallback((language: Language, opts: { remember?: boolean } = {}) => {
		const remember = opts.remember ?? true
		if (remember) localStorage.setItem(STORAGE_KEY, language)
		setState((s) => ({ language, chosen: s.chosen || remember }))
	}, [])
	useEffect(() => {
		document.documentElement.lang = state.language
	}, [state.language])
	const value = useMemo<I18nValue>(
		() => ({
			language: state.language,
			chosen: state.chosen,
			setLanguage,
			t: (key, params) => translate(state.language, key, params),
			timeZone,
			setTimeZone,
			dateTime: (at) => formatDateTime(state.language, at, timeZone),
			date: (at) => formatDate(state.language, at, timeZone),
		}),
		[state, setLanguage, timeZone]
	)
	return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18nValue {
	const value = useContext(I18nContext)
	if (!value) throw new Error('useI18n must be used inside <I18nProvider>')
	return value
}

/** The translate function for the current language. */
export function useT(): I18nValue['t'] {
	return useI18n().t
}

/** A labelled select switching the interface language. */
export function LanguagePicker({ id = 'cyd-language' }: { id?: string }) {
	const { language, setLanguage, t } = useI18n()
	return (
		<div className="language-picker">
			<label htmlFor={id}>{t('language.label')}</label>
			<select id={id} value={language} onChange={(e) => isLanguage(e.target.value) && setLanguage(e.target.value)}>
				{LANGUAGES.map((l) => (
					<option key={l} value={l} lang={l}>
						{t(`language.${l}`)}
					</option>
				))}
			</select>
		</div>
	)
}
