import { describe, expect, it } from 'vitest'
import { connectClient, createRoom, linkToken, spawnServer, synced, tempDataDir, until } from './helpers.js'

describe('logs', () => {
	it('never contain a join-link or session token, even for refused and malformed ones', async () => {
		const server = await spawnServer(tempDataDir(), { LOG_LEVEL: 'debug' })
		const lines: string[] = []
		let session = ''
		server.child.stdout!.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n')))
		try {
			const room = await createRoom(server.url)
			const participant = linkToken(room, 'participant')
			const joined = await fetch(`${server.url}/api/rooms/${room}/join`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ token: participant, name: 'Dai' }),
			})
			session = ((await joined.json()) as { session: string }).session
			const a = connectClient(server.url, room, undefined, session)
			const b = connectClient(server.url, room, undefined, linkToken(room, 'observer'))
			await Promise.all([synced(a), synced(b)])
			// Plain values, in a map of their own: the canvas's `records` map keeps only records its schema validates.
			a.doc.getMap('notes').set('shape:1', 'hello')
			await until(b.doc, () => b.doc.getMap('notes').has('shape:1'))
			// Refused: a forged token, and a facilitator call with a participant's session.
			await fetch(`${server.url}/api/rooms/${room}/lock`, { method: 'POST', headers: { authorization: `Bearer ${session}` }, body: '{}' })
			await fetch(`${server.url}/api/rooms/${room}/me`, { headers: { authorization: `Bearer ${participant}x` } })
			a.destroy()
			b.destroy()
			server.child.kill('SIGTERM')
			await server.exited
		} finally {
			server.child.kill('SIGKILL')
		}
		const log = lines.join('\n')
		expect(log).toContain('room created')
		// No token, nor any part of one: their signatures are the secret part.
		for (const role of ['facilitator', 'participant', 'expert', 'observer'] as const) {
			const room = log.match(/"room":"([a-z0-9]+)"/)?.[1]
			const token = linkToken(room!, role)
			expect(log).not.toContain(token.split('.')[1])
			expect(log).not.toContain(token.split('.')[0])
		}
		for (const part of session.split('.')) expect(log).not.toContain(part)
		expect(log).not.toMatch(/token=|Bearer|#join=/)
	})
})
