import { describe, expect, it } from 'vitest'
import { isRoomId, newRoomId } from './room.js'

describe('room ids', () => {
	it('makes ids that it accepts, and that differ', () => {
		const ids = new Set(Array.from({ length: 200 }, () => newRoomId()))
		expect(ids.size).toBe(200)
		for (const id of ids) expect(isRoomId(id)).toBe(true)
	})
	it('refuses ids that could escape a path or a query', () => {
		for (const bad of ['', 'abc', '../../etc/passwd', 'a b c d e f', 'room?x=1', 'x'.repeat(65), 'héllo-wörld']) {
			expect(isRoomId(bad)).toBe(false)
		}
	})
})
