import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { ASSET_TYPE, BLUEPRINT_TYPE, CARD_TYPE, MAP_TYPE, PERSONA_TYPE, STAKEHOLDER_TYPE } from '@cyd/model'
import { LANGUAGES } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { TLDRAW_UNUSED, TLDRAW_WELSH, tldrawTranslations, withWelsh } from './tldraw'

/** tldraw's own English catalogue, read from the source tldraw ships (it is not exported). */
function tldrawEnglish(): Record<string, string> {
	const root = dirname(dirname(createRequire(import.meta.url).resolve('tldraw')))
	const source = readFileSync(join(root, 'src/lib/ui/hooks/useTranslation/defaultTranslation.ts'), 'utf8')
	const english: Record<string, string> = {}
	for (const m of source.matchAll(/^\t'([^']+)':\s*'((?:[^'\\]|\\.)*)',?$/gm)) english[m[1]!] = m[2]!
	for (const m of source.matchAll(/^\t'([^']+)':\n\t\t'((?:[^'\\]|\\.)*)',?$/gm)) english[m[1]!] = m[2]!
	return english
}

// Words that are the same in Welsh: file formats, percentages, names of typefaces and a few shapes.
const SAME = new Set(['JSON', 'PNG', 'SVG', 'URL', '10%', '25%', '50%', '75%', '100%', 'Laser', 'Sans', 'Serif', 'Bar', 'Dot', 'Pentagon', 'Octagon', 'Persona'])

describe('tldraw in Welsh', () => {
	const english = tldrawEnglish()
	const shown = Object.keys(english).filter((key) => !TLDRAW_UNUSED.some((unused) => unused.test(key)))

	it('reads tldraw’s catalogue (a check on the check)', () => {
		expect(shown.length).toBeGreaterThan(300)
		expect(english['geo-style.triangle']).toBe('Triangle')
	})

	it('has Welsh for every label tldraw shows in a Cyd room, with the same placeholders', () => {
		const welsh = tldrawTranslations.cy
		const untranslated = shown.filter((key) => !welsh[key]?.trim() || (welsh[key] === english[key] && !SAME.has(english[key]!)))
		expect(untranslated).toEqual([])
		const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
		for (const key of shown) expect(names(welsh[key]!), key).toEqual(names(english[key]!))
	})

	it('names the shapes people select that the issue found: Triangle, Diamond and Cyd’s own', () => {
		expect(TLDRAW_WELSH['geo-style.triangle']).toBe('Triongl')
		expect(TLDRAW_WELSH['geo-style.diamond']).toBe('Diemwnt')
		expect(TLDRAW_WELSH['page-menu.new-page-initial-name']).toBe('Tudalen 1')
	})

	it('names every one of Cyd’s shapes in both languages, as tldraw announces them', () => {
		for (const type of [CARD_TYPE, BLUEPRINT_TYPE, PERSONA_TYPE, MAP_TYPE, STAKEHOLDER_TYPE, ASSET_TYPE]) {
			expect(tldrawTranslations.en[`tool.${type}`], type).toBeTruthy()
			expect(tldrawTranslations.cy[`tool.${type}`], type).toBeTruthy()
		}
		expect(tldrawTranslations.cy['tool.cyd-card']).toBe('Cerdyn')
	})

	it('registers Welsh among tldraw’s languages, its file the English one (the Welsh is in the overrides)', () => {
		const urls = withWelsh({ translations: { en: '/assets/en.json' } as Record<string, string> })
		expect(urls.translations.cy).toBe('/assets/en.json')
		expect(LANGUAGES.some((l) => (l.locale as string) === 'cy')).toBe(true)
		withWelsh(urls)
		expect(LANGUAGES.filter((l) => (l.locale as string) === 'cy')).toHaveLength(1)
	})
})
