import { SERVICE_DESIGN_SCHEMA, extractServiceDesign, type ServiceDesign } from '@cyd/model'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { designJson } from './json.js'
import { filterAgreed } from './filter.js'
import { fixtureDesign } from './test-support/fixture.js'

const ajv = new Ajv2020({ allErrors: true, strict: true })
const validate = ajv.compile<ServiceDesign>(SERVICE_DESIGN_SCHEMA)

function expectValid(value: unknown): void {
	const ok = validate(value)
	expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([])
	expect(ok).toBe(true)
}

describe('designJson', () => {
	it('writes the design itself, as indented JSON that the schema accepts', () => {
		const text = designJson(fixtureDesign(), { language: 'en', agreedOnly: false })
		expect(text.endsWith('}\n')).toBe(true)
		expect(JSON.parse(text)).toEqual(fixtureDesign())
		expectValid(JSON.parse(text))
	})

	it('writes the agreed design when asked, which the schema also accepts', () => {
		const text = designJson(fixtureDesign(), { language: 'cy', agreedOnly: true })
		expect(JSON.parse(text)).toEqual(filterAgreed(fixtureDesign()))
		expectValid(JSON.parse(text))
	})

	it('is the same in either language: its words are the board’s', () => {
		expect(designJson(fixtureDesign(), { language: 'cy', agreedOnly: false })).toBe(designJson(fixtureDesign(), { language: 'en', agreedOnly: false }))
	})

	it('accepts a design extracted from an empty canvas', () => {
		expectValid(JSON.parse(designJson(extractServiceDesign([]), { language: 'en', agreedOnly: false })))
	})
})

describe('the ServiceDesign schema', () => {
	it('refuses a design with an unknown field, a missing field or a value outside an enum', () => {
		const design = fixtureDesign()
		expect(validate({ ...design, extra: 1 })).toBe(false)
		const { contributors: _gone, ...missing } = design
		expect(validate(missing)).toBe(false)
		const badKind = structuredClone(design)
		;(badKind.journeys[0]!.cards[0] as { kind: string }).kind = 'wish'
		expect(validate(badKind)).toBe(false)
		const badInfluence = structuredClone(design)
		badInfluence.stakeholders[0]!.influence = 2
		expect(validate(badInfluence)).toBe(false)
		const badStatus = structuredClone(design)
		;(badStatus.decisions[0] as { status: string }).status = 'maybe'
		expect(validate(badStatus)).toBe(false)
	})
})
