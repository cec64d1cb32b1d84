import { describe, expect, it } from 'vitest'
import { EMPTY_WORKSHOP, parseWorkshop } from './workshop.js'

describe('parseWorkshop', () => {
	it('a lock covers the touch table unless set not to; the table is open only when seen', () => {
		expect(parseWorkshop({ locked: true }).lockCoversTable).toBe(true)
		expect(parseWorkshop({ locked: true, lockCoversTable: false }).lockCoversTable).toBe(false)
		expect(parseWorkshop({ lockCoversTable: 'no' }).lockCoversTable).toBe(true)
		expect(parseWorkshop({ tableSeenAt: 5 }).tableSeenAt).toBe(5)
		expect(parseWorkshop({ tableSeenAt: 'now' }).tableSeenAt).toBeNull()
	})

	it('keeps the structure closed unless it is opened, and reads a summon with or without the area it shows', () => {
		expect(parseWorkshop({}).structureOpen).toBe(false)
		expect(parseWorkshop({ structureOpen: 'yes' }).structureOpen).toBe(false)
		expect(parseWorkshop({ structureOpen: true }).structureOpen).toBe(true)
		const summon = { by: 'p1', at: 5, x: 10, y: 20, z: 0.5, pageId: 'page:page' }
		expect(parseWorkshop({ summon }).summon).toEqual(summon)
		expect(parseWorkshop({ summon: { ...summon, w: 1200, h: 700 } }).summon).toEqual({ ...summon, w: 1200, h: 700 })
		expect(parseWorkshop({ summon: { ...summon, w: 0, h: 700 } }).summon).toEqual(summon)
		expect(parseWorkshop({ summon: { ...summon, w: 'wide', h: 700 } }).summon).toEqual(summon)
	})

	it('reads a known time zone and drops anything else', () => {
		expect(parseWorkshop({}).timeZone).toBeNull()
		expect(parseWorkshop({ timeZone: 'America/New_York' }).timeZone).toBe('America/New_York')
		for (const timeZone of ['Mars/Olympus_Mons', '', 7, 'x'.repeat(65)]) expect(parseWorkshop({ timeZone }).timeZone).toBeNull()
	})

	it('reads an empty or malformed document as the empty state', () => {
		expect(parseWorkshop(undefined)).toEqual(EMPTY_WORKSHOP)
		expect(parseWorkshop([])).toEqual(EMPTY_WORKSHOP)
		expect(parseWorkshop({})).toEqual(EMPTY_WORKSHOP)
	})

	it('keeps a well-formed follow and drops a malformed one', () => {
		const follow = { personId: 'p1', userId: 'user:p1', at: 5 }
		expect(parseWorkshop({ follow }).follow).toEqual(follow)
		expect(parseWorkshop({ follow: { ...follow, extra: 1 } }).follow).toEqual(follow)
		expect(parseWorkshop({ follow: null }).follow).toBeNull()
		expect(parseWorkshop({ follow: { personId: 'p1', userId: 7, at: 5 } }).follow).toBeNull()
		expect(parseWorkshop({ follow: { personId: '', userId: 'user:p1', at: 5 } }).follow).toBeNull()
		expect(parseWorkshop({ follow: { personId: 'p1', userId: 'user:p1', at: 'now' } }).follow).toBeNull()
	})

	it('reads a table of seats and drops seats that are malformed', () => {
		const seat = { id: 's1', name: 'Ffion', colour: 'green', person: 'p1' }
		expect(parseWorkshop({ table: { seats: [seat], viewLocked: true } }).table).toEqual({ seats: [seat], viewLocked: true })
		expect(parseWorkshop({ table: { seats: [seat, { ...seat, colour: 'pink' }, { ...seat, person: 3 }, 'x'] } }).table).toEqual({ seats: [seat], viewLocked: false })
		expect(parseWorkshop({ table: { seats: 'all' } }).table).toBeNull()
		expect(parseWorkshop({ table: null }).table).toBeNull()
	})
})
