import type { TLInstancePresence } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { DROP_LEAD_MS, dropsBetween, removerOf, type Drop } from './announce'

const presence = (userName: string, selectedShapeIds: string[]) => ({ userName, selectedShapeIds }) as unknown as TLInstancePresence

describe('who removed a shape, from presence', () => {
	it('hears a drop for each shape that left a selection', () => {
		expect(dropsBetween(presence('Dai', ['shape:a', 'shape:b']), presence('Dai', ['shape:b', 'shape:c']), 7)).toEqual([{ shape: 'shape:a', name: 'Dai', at: 7 }])
		expect(dropsBetween(presence('Dai', ['shape:a']), presence('Dai', ['shape:a']), 7)).toEqual([])
	})

	it('names the first person to let go of it, whether their drop came just before or just after the removal', () => {
		const drops: Drop[] = [
			{ shape: 'shape:other', name: 'Gwen', at: 900 },
			{ shape: 'shape:a', name: 'Dai', at: 1_000 },
			{ shape: 'shape:a', name: 'Ffion', at: 1_120 },
		]
		expect(removerOf(drops, 'shape:a', 1_050)).toBe('Dai')
		expect(removerOf(drops, 'shape:a', 980)).toBe('Dai')
		expect(removerOf(drops, 'shape:other', 1_000)).toBe('Gwen')
	})

	it('names no one when no one let go of it around the removal (a card removed with its stage, say)', () => {
		const drops: Drop[] = [{ shape: 'shape:a', name: 'Dai', at: 1_000 }]
		expect(removerOf(drops, 'shape:a', 1_000 + DROP_LEAD_MS + 1)).toBeUndefined()
		expect(removerOf(drops, 'shape:b', 1_000)).toBeUndefined()
		expect(removerOf([], 'shape:a', 1_000)).toBeUndefined()
	})
})
