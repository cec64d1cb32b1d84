import { describe, expect, it } from 'vitest'
import { isDay } from './commitments.js'
import { compareDesigns } from './compare.js'
import { extractServiceDesign } from './journey/extract.js'
import { canWriteCanvas, readOnlyReason, takesPart } from './roles.js'
import { parseWorkshop } from './workshop.js'

const by = { id: 'p1', name: 'Ffion' }
const action = {
	id: 'a1',
	item: 'shape:a',
	itemKind: 'card',
	itemText: 'Text the day before',
	text: 'Send a text the day before each visit',
	owner: { kind: 'agency', name: 'Housing repairs team', stakeholder: 'shape:ignored' },
	due: '2025-03-31',
	status: 'planned',
	reason: '',
	outcome: 'o1',
	by,
	at: '2025-01-10T10:00:00.000Z',
}

describe('commitments in the workshop document', () => {
	it('reads outcomes with their indicators and actions with their updates, oldest first, one entry per key', () => {
		const state = parseWorkshop({
			'outcome:o2': { id: 'o2', title: 'Later', status: 'proposed', by, at: '2025-01-10T11:00:00.000Z' },
			'outcome:o1': { id: 'o1', title: 'Fewer missed visits', status: 'agreed', by, at: '2025-01-10T09:00:00.000Z' },
			'indicator:i2': { id: 'i2', outcome: 'o1', text: 'Complaints', measure: '', status: 'proposed', by, at: '2025-01-10T09:30:00.000Z' },
			'indicator:i1': { id: 'i1', outcome: 'o1', text: 'Missed visits a month', measure: 'under 5', status: 'agreed', by, at: '2025-01-10T09:10:00.000Z' },
			'action:a1': action,
			'update:0000000002-b': { action: 'a1', at: '2025-02-01T00:00:00.000Z', text: 'Started', status: 'in-progress', reason: '', by, role: 'steward' },
			'update:0000000001-a': { action: 'a1', at: '2025-01-20T00:00:00.000Z', text: 'Funding agreed', status: null, reason: '', by, role: 'facilitator' },
			'reply:r1': { at: 5, status: 'waiting' },
		})
		expect(state.outcomes.map((o) => [o.id, o.indicators.map((i) => i.id)])).toEqual([
			['o1', ['i1', 'i2']],
			['o2', []],
		])
		expect(state.outcomes[0]!.indicators[0]).toMatchObject({ text: 'Missed visits a month', measure: 'under 5', status: 'agreed' })
		expect(state.actions).toHaveLength(1)
		// A group or agency owner never points at a stakeholder.
		expect(state.actions[0]!.owner).toEqual({ kind: 'agency', name: 'Housing repairs team', stakeholder: null })
		expect(state.actions[0]!.updates.map((u) => [u.text, u.status, u.role])).toEqual([
			['Funding agreed', null, 'facilitator'],
			['Started', 'in-progress', 'steward'],
		])
		expect(state.replies).toEqual([{ id: 'r1', at: 5, status: 'waiting' }])
	})

	it('drops malformed entries: a bad status, owner, item kind, role or author; keeps a bad due day as none', () => {
		const state = parseWorkshop({
			'action:x1': { ...action, id: 'x1', status: 'someday' },
			'action:x2': { ...action, id: 'x2', owner: { kind: 'wizard', name: 'Me' } },
			'action:x3': { ...action, id: 'x3', itemKind: 'planet' },
			'action:x4': { ...action, id: 'x4', by: 'Ffion' },
			'action:x5': { ...action, id: 'x5', due: '2025-02-30' },
			'update:1': { action: 'x5', at: '2025-01-01T00:00:00.000Z', text: 'x', status: null, by, role: 'mayor' },
			'outcome:o': { id: 'o', title: 5, status: 'agreed', by, at: '' },
			'indicator:i': { id: 'i', outcome: 'o', text: 'x', status: 'maybe', by, at: '' },
			'reply:r': { at: 'today', status: 'waiting' },
		})
		expect(state.actions.map((a) => [a.id, a.due, a.updates.length])).toEqual([['x5', null, 0]])
		expect(state.outcomes).toEqual([])
		expect(state.replies).toEqual([])
	})

	it('knows a calendar day', () => {
		expect(isDay('2025-03-31')).toBe(true)
		expect(isDay('2024-02-29')).toBe(true)
		expect(isDay('2025-02-29')).toBe(false)
		expect(isDay('31/03/2025')).toBe(false)
		expect(isDay(20250331)).toBe(false)
	})
})

describe('the steward', () => {
	it('watches the board and takes no part in the session', () => {
		const open = { locked: false, phaseKind: null }
		expect(canWriteCanvas('steward', open)).toBe(false)
		expect(readOnlyReason('steward', open)).toBe('observer')
		expect(takesPart('steward')).toBe(false)
		expect(takesPart('participant')).toBe(true)
	})
})

describe('comparing commitments', () => {
	it('sees outcomes and actions added, removed and changed, an update as a change of the action', () => {
		const empty = extractServiceDesign([])
		const state = parseWorkshop({ 'action:a1': action, 'outcome:o1': { id: 'o1', title: 'Fewer missed visits', status: 'agreed', by, at: '2025-01-10T09:00:00.000Z' } })
		const later = parseWorkshop({
			'action:a1': { ...action, status: 'in-progress' },
			'update:1': { action: 'a1', at: '2025-02-01T00:00:00.000Z', text: 'Started', status: 'in-progress', reason: '', by, role: 'steward' },
		})
		const before = { ...empty, outcomes: state.outcomes, actions: state.actions }
		const after = { ...empty, outcomes: later.outcomes, actions: later.actions }
		const diff = compareDesigns(before, after)
		expect(diff.actions.changed).toEqual([{ id: 'a1', text: action.text, fields: ['status', 'updates'] }])
		expect(diff.outcomes.removed).toEqual([{ id: 'o1', text: 'Fewer missed visits', fields: [] }])
		expect(compareDesigns(empty, before).actions.added).toEqual([{ id: 'a1', text: action.text, fields: [] }])
	})
})
