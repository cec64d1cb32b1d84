// Memory soak: rooms open, fill and close for SOAK_MINUTES (default 30) against the built server in this
// process; prints the heap after each minute so the trend shows. Run: pnpm --filter @cyd/server soak
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import v8 from 'node:v8'
import vm from 'node:vm'
import pino from 'pino'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { loadConfig, startServer } from '../dist/index.js'

v8.setFlagsFromString('--expose-gc')
process.setMaxListeners(100) // each y-websocket client in Node listens for 'exit'
const gc = vm.runInNewContext('gc')
const minutes = Number(process.env.SOAK_MINUTES ?? 30)
const dataDir = mkdtempSync(join(tmpdir(), 'cyd-soak-'))
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, IDLE_UNLOAD_MS: '0', CONNECTIONS_PER_IP_PER_MINUTE: '1000000' })
const server = await startServer(config, { logger: pino({ level: 'warn' }) })

function client(room) {
	const doc = new Y.Doc()
	const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, room, doc, { WebSocketPolyfill: WebSocket, disableBc: true })
	const synced = new Promise((resolve) => provider.once('sync', resolve))
	return { doc, provider, synced }
}

async function roomLife() {
	const response = await fetch(`${server.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
	const { id } = await response.json()
	const a = client(id)
	const b = client(id)
	await Promise.all([a.synced, b.synced])
	const received = new Promise((resolve) => b.doc.on('update', () => b.doc.getMap('notes').size === 100 && resolve()))
	a.doc.transact(() => {
		for (let i = 0; i < 100; i++) a.doc.getMap('notes').set(`n${i}`, `a note about the library opening hours ${i}`)
	})
	await received
	for (const c of [a, b]) {
		c.provider.destroy()
		c.doc.destroy()
	}
}

const mb = (bytes) => (bytes / 2 ** 20).toFixed(1)
const started = Date.now()
let rooms = 0
console.log('minute  rooms  heap MB  rss MB  documents loaded')
for (let minute = 1; minute <= minutes; minute++) {
	while (Date.now() - started < minute * 60_000) {
		await Promise.all(Array.from({ length: 10 }, roomLife))
		rooms += 10
	}
	while (server.sync.stats().documents > 0) await new Promise((resolve) => setTimeout(resolve, 50))
	gc()
	const { heapUsed, rss } = process.memoryUsage()
	console.log(`${String(minute).padStart(6)}  ${String(rooms).padStart(5)}  ${mb(heapUsed).padStart(7)}  ${mb(rss).padStart(6)}  ${server.sync.stats().documents}`)
}
await server.close()
