import { VOCABULARY } from '@cyd/model'
import { describe, expect, it } from 'vitest'
import { catalogs, formatDate, formatDateTime, LANGUAGES, placeholders, pluralForms, translate, type MessageKey } from './catalog'

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

	it('leaves a placeholder showing when its value is missing, rather than failing', () => {
		expect(translate('en', 'people.you')).toBe('{name} (you)')
		expect(translate('en', 'vote.show', { card: '' }).trim()).toBe('Show')
	})

	it('shows a key no catalogue has as itself, rather than failing', () => {
		expect(translate('cy', 'no.such.key' as MessageKey)).toBe('no.such.key')
	})

	it('reads a placeholder inside a plural as one of the message’s values', () => {
		expect(placeholders('{count, plural, =0 {Remove {name}?} other {Remove {name} and # cards?}}')).toEqual(['count', 'name'])
	})

	it('gives every plural in Welsh all six of its forms, and every plural in English “one” and “other”', () => {
		for (const [key, message] of Object.entries(catalogs.cy)) {
			for (const [value, forms] of Object.entries(pluralForms(message))) {
				expect(forms.filter((f) => !f.startsWith('=')), `cy:${key} plural of ${value}`).toEqual(['few', 'many', 'one', 'other', 'two', 'zero'])
			}
		}
		for (const [key, message] of Object.entries(catalogs.en)) {
			for (const [value, forms] of Object.entries(pluralForms(message))) {
				expect(forms.filter((f) => !f.startsWith('=')), `en:${key} plural of ${value}`).toEqual(['one', 'other'])
			}
		}
	})
})

describe('plurals', () => {
	const counts = [0, 1, 2, 3, 6, 20]
	const votes = (language: 'en' | 'cy') => counts.map((count) => translate(language, 'vote.count', { count }))

	it('counts votes in English', () => {
		expect(votes('en')).toEqual(['0 votes', '1 vote', '2 votes', '3 votes', '6 votes', '20 votes'])
	})

	it('counts votes in Welsh, with the mutation each number calls for', () => {
		expect(votes('cy')).toEqual(['0 pleidlais', '1 bleidlais', '2 bleidlais', '3 pleidlais', '6 phleidlais', '20 o bleidleisiau'])
	})

	it('counts cards and journey steps in Welsh (masculine nouns: dau gerdyn, tri cherdyn, chwe cham)', () => {
		expect(counts.map((count) => translate('cy', 'journey.confirmRemove', { name: 'Cam 2', count }))).toEqual([
			'Tynnu Cam 2? Does dim cardiau i’w colli.',
			'Tynnu Cam 2 a’r cerdyn hefyd?',
			'Tynnu Cam 2 a’r 2 gerdyn hefyd?',
			'Tynnu Cam 2 a’r 3 cherdyn hefyd?',
			'Tynnu Cam 2 a’r 6 cherdyn hefyd?',
			'Tynnu Cam 2 a’r 20 o gardiau hefyd?',
		])
		expect(counts.map((count) => translate('cy', 'outline.actsIn', { count }))).toEqual([
			'ddim yn gweithredu mewn unrhyw gam o’r daith',
			'yn gweithredu mewn 1 cam o’r daith',
			'yn gweithredu mewn 2 gam o’r daith',
			'yn gweithredu mewn 3 cham o’r daith',
			'yn gweithredu mewn 6 cham o’r daith',
			'yn gweithredu mewn 20 o gamau’r daith',
		])
	})

	it('counts cards and journey steps in English', () => {
		expect(counts.map((count) => translate('en', 'journey.confirmRemove', { name: 'Stage 2', count }))).toEqual([
			'Remove Stage 2? It has no cards.',
			'Remove Stage 2 and its card?',
			'Remove Stage 2 and its 2 cards?',
			'Remove Stage 2 and its 3 cards?',
			'Remove Stage 2 and its 6 cards?',
			'Remove Stage 2 and its 20 cards?',
		])
		expect(counts.map((count) => translate('en', 'outline.actsIn', { count }))).toEqual([
			'acts in 0 journey steps',
			'acts in 1 journey step',
			'acts in 2 journey steps',
			'acts in 3 journey steps',
			'acts in 6 journey steps',
			'acts in 20 journey steps',
		])
	})

	it('counts people who voted in both languages', () => {
		expect(counts.map((voters) => translate('en', 'vote.closed', { voters }))).toEqual([
			'Voting closed: nobody voted.',
			'Voting closed: 1 person voted.',
			'Voting closed: 2 people voted.',
			'Voting closed: 3 people voted.',
			'Voting closed: 6 people voted.',
			'Voting closed: 20 people voted.',
		])
		expect(counts.map((voters) => translate('cy', 'vote.closed', { voters }))).toEqual([
			'Mae’r pleidleisio wedi cau: ni phleidleisiodd neb.',
			'Mae’r pleidleisio wedi cau: pleidleisiodd 1 person.',
			'Mae’r pleidleisio wedi cau: pleidleisiodd 2 berson.',
			'Mae’r pleidleisio wedi cau: pleidleisiodd 3 pherson.',
			'Mae’r pleidleisio wedi cau: pleidleisiodd 6 pherson.',
			'Mae’r pleidleisio wedi cau: pleidleisiodd 20 o bobl.',
		])
	})

	it('counts further changes in Welsh in words', () => {
		expect(counts.map((count) => translate('cy', 'outline.announce.more', { count }))).toEqual([
			'Dim newid arall.',
			'Ac un newid arall.',
			'A dau newid arall.',
			'A thri newid arall.',
			'A chwe newid arall.',
			'A 20 o newidiadau eraill.',
		])
	})
})

describe('dates', () => {
	// 14:05 in London on a summer day is 13:05 UTC (British Summer Time); in winter the two agree.
	const summer = '2026-07-14T13:05:00.000Z'
	const winter = '2026-11-29T02:18:02.000Z'

	it('writes a summer moment in London time, in English and in Welsh', () => {
		expect(formatDateTime('en', summer)).toBe('14 July 2026, 14:05')
		expect(formatDateTime('cy', summer)).toBe('14 Gorffennaf 2026, 14:05')
	})

	it('writes a winter moment, and a day, in both languages', () => {
		expect(formatDateTime('en', winter)).toBe('29 November 2026, 02:18')
		expect(formatDateTime('cy', winter)).toBe('29 Tachwedd 2026, 02:18')
		expect(formatDate('cy', Date.parse(winter))).toBe('29 Tachwedd 2026')
	})

	it('follows another time zone when given one, and writes nothing for a value that is not a time', () => {
		expect(formatDateTime('en', summer, 'America/New_York')).toBe('14 July 2026, 09:05')
		expect(formatDateTime('en', 'not a time')).toBe('')
	})
})

describe('the domain’s words', () => {
	it('come from the vocabulary the exports use, in both languages', () => {
		for (const language of LANGUAGES) {
			const words = VOCABULARY[language]
			expect(translate(language, 'map.kind.public')).toBe(words.stakeholderKind.public)
			expect(translate(language, 'map.flow.time')).toBe(words.flow.time)
			expect(translate(language, 'journey.kind.pain')).toBe(words.cardKind.pain)
			expect(translate(language, 'journey.lane.backstage')).toBe(words.laneKind.backstage)
			expect(translate(language, 'agree.status.parked')).toBe(words.decisionStatus.parked)
			expect(translate(language, 'commit.status.in-progress')).toBe(words.actionStatus['in-progress'])
			expect(translate(language, 'map.bothWays')).toBe(words.direction.both)
		}
		expect(translate('en', 'map.kind.public')).toBe('Public body')
		expect(translate('cy', 'map.kind.public')).toBe('Corff cyhoeddus')
	})
})
