import { compareDesigns, SERVICE_DESIGN_VERSION, type Decision, type ServiceDesign } from '@cyd/model'
import { describe, expect, it } from 'vitest'
import { translate } from './i18n/catalog'
import { agreementCounts, diffGroups, isDiffField } from './outcomeSummary'

const nobody = { id: '', name: '' }

function design(parts: Partial<ServiceDesign> = {}): ServiceDesign {
	return {
		format: 'cyd-service-design',
		version: SERVICE_DESIGN_VERSION,
		title: '',
		generatedAt: '',
		versionName: null,
		journeys: [],
		stakeholders: [],
		assets: [],
		relationships: [],
		contributions: [],
		votes: [],
		decisions: [],
		outcomes: [],
		actions: [],
		contributors: [],
		...parts,
	}
}

const note = (id: string, text: string): ServiceDesign['contributions'][number] => ({ id, kind: 'note', text, author: nobody, seat: 'North', createdAt: null, place: null, picture: null, image: null })
const stakeholder = (id: string, name: string): ServiceDesign['stakeholders'][number] => ({ id, name, kind: 'public', influence: 0.5, interest: 0.5, notes: '', author: nobody, actsIn: [] })
const decision = (item: string, itemKind: Decision['itemKind'], itemText: string, status: Decision['status'], at: string): Decision => ({ item, itemKind, itemText, status, note: '', by: nobody, at, tally: 0 })

describe('the comparison of versions', () => {
	it('shows notes and text added, changed and removed as their own group', () => {
		const before = design({ contributions: [note('shape:a', 'Buses stop at six'), note('shape:b', 'No ramp at the library')] })
		const after = design({ contributions: [note('shape:a', 'Buses stop at seven'), note('shape:c', 'A bench by the stop')] })
		const groups = diffGroups(compareDesigns(before, after))
		expect(groups.map((g) => g.group)).toEqual(['contributions'])
		const [contributions] = groups
		expect(contributions!.added.map((c) => c.text)).toEqual(['A bench by the stop'])
		expect(contributions!.changed.map((c) => [c.text, c.fields])).toEqual([['Buses stop at seven', ['text']]])
		expect(contributions!.removed.map((c) => c.text)).toEqual(['No ramp at the library'])
	})

	it('puts the items decided since the version in their group, each by its latest decision since then', () => {
		const same = design({ contributions: [note('shape:a', 'Buses stop at six')], stakeholders: [stakeholder('shape:s', 'Council')] })
		const saved = Date.parse('2026-11-29T10:00:00Z')
		const decisions = [
			decision('shape:s', 'stakeholder', 'Council', 'agreed', '2026-11-29T09:00:00Z'),
			decision('shape:a', 'note', 'Buses stop at six', 'parked', '2026-11-29T10:05:00Z'),
			decision('shape:a', 'note', 'Buses stop at six', 'agreed', '2026-11-29T10:06:00Z'),
		]
		const groups = diffGroups(compareDesigns(same, same), decisions, saved)
		expect(groups).toEqual([{ group: 'contributions', added: [], removed: [], changed: [], decided: [{ id: 'shape:a', text: 'Buses stop at six', status: 'agreed' }] }])
		// Without the version's time, decisions are not the comparison's to show.
		expect(diffGroups(compareDesigns(same, same), decisions)).toEqual([])
	})
})

describe('the counts beside “only what was agreed”', () => {
	it('counts everything there is and what an agreed export keeps, three stakeholders none agreed', () => {
		const d = design({
			stakeholders: [stakeholder('shape:s1', 'Council'), stakeholder('shape:s2', 'Tenants'), stakeholder('shape:s3', 'Bus company')],
			contributions: [note('shape:n1', 'More buses'), note('shape:n2', 'A bench')],
			relationships: [{ id: 'shape:r', from: 'shape:s1', to: 'shape:s2', flow: 'money', direction: 'one-way', label: '' }],
			decisions: [decision('shape:n1', 'note', 'More buses', 'agreed', '2026-11-29T10:00:00Z'), decision('shape:r', 'relationship', 'Council → Tenants', 'agreed', '2026-11-29T10:00:00Z')],
		})
		const counts = Object.fromEntries(agreementCounts(d).map((c) => [c.kind, [c.agreed, c.total]]))
		expect(counts).toEqual({ cards: [0, 0], personas: [0, 0], stakeholders: [0, 3], assets: [0, 0], relationships: [0, 1], contributions: [1, 2], outcomes: [0, 0] })
	})
})

describe('the words of the counts', () => {
	it('say how many were mapped when none is agreed, with the plural form of the number', () => {
		expect(translate('en', 'export.counts.none.stakeholders', { total: 3 })).toBe('3 stakeholders were mapped; none agreed yet.')
		expect(translate('en', 'export.counts.none.stakeholders', { total: 1 })).toBe('1 stakeholder was mapped; none agreed yet.')
		expect(translate('cy', 'export.counts.none.stakeholders', { total: 3 })).toBe('Mapiwyd 3 rhanddeiliad; ni chytunwyd ar yr un eto.')
		expect(translate('cy', 'export.counts.none.cards', { total: 2 })).toBe('Gwnaed 2 gerdyn; ni chytunwyd ar yr un eto.')
		expect(translate('en', 'export.counts.agreedOf', { label: 'Cards', agreed: 1, total: 5 })).toBe('Cards: 1 of 5 agreed')
	})
})

describe('the fields a comparison names', () => {
	it('has words for every field it reports, in English and Welsh', () => {
		const before = design({
			journeys: [{ id: 'shape:b', title: 'Buses', stages: [], lanes: [], personas: [], cards: [{ id: 'shape:c', text: 'Wait', kind: 'pain', channel: null, stage: 's1', lane: 'l1', actor: null } as unknown as ServiceDesign['journeys'][number]['cards'][number]] }],
			contributions: [note('shape:a', 'Buses stop at six')],
		})
		const after = design({
			journeys: [{ id: 'shape:b', title: 'Buses', stages: [], lanes: [], personas: [], cards: [{ id: 'shape:c', text: 'Wait long', kind: 'idea', channel: 'phone', stage: 's2', lane: 'l2', actor: 'shape:s' } as unknown as ServiceDesign['journeys'][number]['cards'][number]] }],
			contributions: [{ ...note('shape:a', 'Buses stop at seven'), kind: 'text', place: { kind: 'map', map: 'shape:m', ring: 'core' } as unknown as ServiceDesign['contributions'][number]['place'] }],
		})
		const fields = diffGroups(compareDesigns(before, after)).flatMap((g) => g.changed.flatMap((c) => c.fields))
		expect(fields.length).toBeGreaterThan(5)
		for (const field of fields) expect(isDiffField(field), field).toBe(true)
		expect(translate('en', 'versions.field.text')).toBe('words')
		expect(translate('cy', 'versions.field.place')).toBe('lle ar y bwrdd')
	})
})
