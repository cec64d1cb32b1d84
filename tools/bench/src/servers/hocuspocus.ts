/**
 * Hocuspocus with its documented defaults, in memory or with its SQLite extension when `SQLITE_FILE` is set.
 *
 * Run as a child process: `PORT=... HOST=127.0.0.1 [SQLITE_FILE=...] node dist/servers/hocuspocus.js`.
 * @module
 */
import { SQLite } from '@hocuspocus/extension-sqlite'
import { Server } from '@hocuspocus/server'

const file = process.env.SQLITE_FILE
const server = new Server({
	port: Number(process.env.PORT ?? 1234),
	address: process.env.HOST ?? '127.0.0.1',
	quiet: true,
	extensions: file ? [new SQLite({ database: file })] : [],
})
await server.listen()
