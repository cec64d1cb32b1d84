import { describe, expect, it } from 'vitest'
import { canWriteCanvas, readOnlyReason, ROLES, type Role } from './roles.js'

const open = { locked: false, phaseKind: 'discussion' } as const
const locked = { locked: true, phaseKind: 'discussion' } as const
const deliberation = { locked: false, phaseKind: 'deliberation' } as const

describe('canvas permissions', () => {
	it.each([
		['facilitator', [true, true, true]],
		['participant', [true, false, true]],
		['expert', [true, false, false]],
		['observer', [false, false, false]],
	] as [Role, boolean[]][])('%s: open, locked, deliberation', (role, expected) => {
		expect([open, locked, deliberation].map((state) => canWriteCanvas(role, state))).toEqual(expected)
	})

	it('gives a reason exactly when writing is refused', () => {
		for (const role of ROLES) {
			for (const state of [open, locked, deliberation]) {
				expect(readOnlyReason(role, state) === null).toBe(canWriteCanvas(role, state))
			}
		}
	})

	it("holds the touch table (a facilitator's screen) in a lock unless the facilitator says the lock does not cover it", () => {
		const table = { table: true }
		expect(canWriteCanvas('facilitator', locked, table)).toBe(false)
		expect(readOnlyReason('facilitator', locked, table)).toBe('locked')
		expect(canWriteCanvas('facilitator', { ...locked, lockCoversTable: false }, table)).toBe(true)
		expect(canWriteCanvas('facilitator', open, table)).toBe(true)
		expect(canWriteCanvas('facilitator', locked)).toBe(true)
		expect(canWriteCanvas('participant', { ...locked, lockCoversTable: false }, table)).toBe(false)
	})
})
