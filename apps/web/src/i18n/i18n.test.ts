import { describe, expect, it } from 'vitest'
import { catalogs, LANGUAGES, placeholders, translate } from './catalog'

describe('message catalogues', () => {
	const reference = Object.keys(catalogs.en).sort()

	it.each(LANGUAGES)('%s has exactly the keys of every other language', (language) => {
		const keys = Object.keys(catalogs[language]).sort()
		for (const other of LANGUAGES) {
			const otherKeys = Object.keys(catalogs[other])
			expect(otherKeys.filter((k) => !keys.includes(k)), `keys of ${other} missing in ${language}`).toEqual([])
		}
		expect(keys).toEqual(reference)
	})

	it.each(LANGUAGES)('%s has no empty message and the same placeholders as English', (language) => {
		for (const [key, message] of Object.entries(catalogs[language])) {
			expect(message.trim(), `${language}:${key} is empty`).not.toBe('')
			expect(placeholders(message), `${language}:${key} placeholders`).toEqual(placeholders(catalogs.en[key as keyof typeof catalogs.en]))
		}
	})

	it('fills placeholders', () => {
		expect(translate('en', 'people.you', { name: 'Ceri' })).toBe('Ceri (you)')
		expect(translate('cy', 'people.you', { name: 'Ceri' })).toBe('Ceri (chi)')
	})
})
