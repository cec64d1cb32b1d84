import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { gatherUpdates } from './localCopy'

afterEach(() => {
	vi.useRealTimers()
})

describe("this device's copy, written in batches", () => {
	it('writes a burst of updates as one merged update after the delay, skipping its own origin', () => {
		vi.useFakeTimers()
		const doc = new Y.Doc()
		const written: Uint8Array[] = []
		const own = { name: 'the copy itself' }
		gatherUpdates(doc, (update) => written.push(update), { skip: own, delayMs: 250 })
		const notes = doc.getMap<string>('notes')
		for (let i = 0; i < 40; i++) notes.set(`n${i}`, `note ${i}`)
		doc.transact(() => notes.set('loaded', 'from this device'), own)
		expect(written).toHaveLength(0)
		vi.advanceTimersByTime(249)
		expect(written).toHaveLength(0)
		vi.advanceTimersByTime(1)
		expect(written).toHaveLength(1)
		// The one write holds every gathered change, and nothing that came from the copy itself.
		const copy = new Y.Doc()
		Y.applyUpdate(copy, written[0]!)
		const read = copy.getMap<string>('notes')
		expect(read.size).toBe(40)
		expect(read.get('n39')).toBe('note 39')
		expect(read.has('loaded')).toBe(false)
		// Later changes start a new batch.
		notes.set('later', 'x')
		vi.advanceTimersByTime(250)
		expect(written).toHaveLength(2)
	})

	it("writes a person's own change at once, with the others' changes that wait; only others' changes wait", () => {
		vi.useFakeTimers()
		const doc = new Y.Doc()
		const written: Uint8Array[] = []
		const server = { name: 'the provider' }
		gatherUpdates(doc, (update) => written.push(update), { gather: (origin) => origin === server })
		const notes = doc.getMap<string>('notes')
		doc.transact(() => notes.set('theirs', 'from the server'), server)
		doc.transact(() => notes.set('theirs too', 'from the server'), server)
		expect(written).toHaveLength(0)
		notes.set('mine', 'typed here')
		expect(written).toHaveLength(1)
		const copy = new Y.Doc()
		Y.applyUpdate(copy, written[0]!)
		expect(copy.getMap('notes').toJSON()).toEqual({ theirs: 'from the server', 'theirs too': 'from the server', mine: 'typed here' })
		// Nothing is left waiting for the timer.
		vi.runAllTimers()
		expect(written).toHaveLength(1)
	})

	it('writes at once on flush and on dispose, and nothing after dispose', () => {
		vi.useFakeTimers()
		const doc = new Y.Doc()
		const written: Uint8Array[] = []
		const gathered = gatherUpdates(doc, (update) => written.push(update))
		doc.getMap('notes').set('a', 1)
		gathered.flush()
		expect(written).toHaveLength(1)
		gathered.flush()
		expect(written).toHaveLength(1)
		doc.getMap('notes').set('b', 2)
		gathered.dispose()
		expect(written).toHaveLength(2)
		doc.getMap('notes').set('c', 3)
		vi.runAllTimers()
		expect(written).toHaveLength(2)
		const copy = new Y.Doc()
		for (const update of written) Y.applyUpdate(copy, update)
		expect(copy.getMap('notes').toJSON()).toEqual({ a: 1, b: 2 })
	})
})
