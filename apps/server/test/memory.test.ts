/**
 * Opening and closing many rooms gives the memory back. ROOMS sets how many (default 500).
 * The long soak is `pnpm --filter @cyd/server soak`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import v8 from 'node:v8'
import vm from 'node:vm'
import { connectClient, createRoom, startTestServer, synced, until } from './helpers.js'

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

type Server = Awaited<ReturnType<typeof startTestServer>>
let server: Server

beforeAll(async () => {
	server = await startTestServer({ IDLE_UNLOAD_MS: '0', CONNECTIONS_PER_IP_PER_MINUTE: '100000' })
})
afterAll(() => server.close())

/** One room's life: two people write a hundred notes, then leave. */
async function roomLife(): Promise<void> {
	const room = await createRoom(server.url)
	const a = connectClient(server.url, room)
	const b = connectClient(server.url, room)
	await Promise.all([synced(a), synced(b)])
	a.doc.transact(() => {
		for (let i = 0; i < 100; i++) a.doc.getMap('notes').set(`note-${i}`, { text: `A thought about the bus stop, number ${i}`.repeat(4), x: i, y: i })
	})
	await until(b.doc, () => b.doc.getMap('notes').size === 100)
	a.destroy()
	b.destroy()
}

async function heapAfterUnload(): Promise<number> {
	await expect.poll(() => server.sync.stats().documents, { timeout: 20_000 }).toBe(0)
	await server.sync.flushed()
	for (let i = 0; i < 3; i++) {
		gc()
		await new Promise((resolve) => setImmediate(resolve))
	}
	return process.memoryUsage().heapUsed
}

describe('memory', () => {
	it('returns the heap close to where it started after opening and closing many rooms', async () => {
		const rooms = Number(process.env.ROOMS ?? 500)
		for (let i = 0; i < 20; i++) await roomLife() // warm up caches and code
		const before = await heapAfterUnload()
		for (let done = 0; done < rooms; done += 25) await Promise.all(Array.from({ length: 25 }, roomLife))
		const after = await heapAfterUnload()
		const grownMb = (after - before) / 2 ** 20
		console.log(`heap before ${(before / 2 ** 20).toFixed(1)} MB, after ${rooms} rooms ${(after / 2 ** 20).toFixed(1)} MB (${grownMb >= 0 ? '+' : ''}${grownMb.toFixed(1)} MB)`)
		// A room's document alone is ~60 kB in memory, so keeping the rooms would grow the heap by ~30 MB.
		expect(grownMb).toBeLessThan(8)
	})
})
