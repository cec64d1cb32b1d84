#!/usr/bin/env node
/**
 * The `cyd` command (`node apps/server/dist/main.js`): serves Cyd; `cyd backup` and `cyd restore` copy a
 * SQLite deployment's data out and back (see cli.ts). SIGTERM and SIGINT store everything and exit 0;
 * when that takes longer than SHUTDOWN_DEADLINE_MS, the documents not saved are logged and the exit code is 1.
 * @module
 */
import pino from 'pino'
import { startServer } from './app.js'
import { runCommand } from './cli.js'
import { loadConfig } from './config.js'
import { ShutdownError } from './shutdown.js'

const [command = 'serve', ...args] = process.argv.slice(2)
const config = loadConfig()

if (command === 'serve') {
	const logger = pino({ level: config.logLevel })
	const server = await startServer(config, { logger })

	let stopping = false
	for (const signal of ['SIGTERM', 'SIGINT'] as const) {
		process.on(signal, () => {
			if (stopping) return
			stopping = true
			logger.info({ signal, deadlineMs: config.shutdownDeadlineMs }, 'shutting down')
			// The close gives up at the deadline by itself; this only catches what might hang after it.
			setTimeout(() => {
				logger.error({ documents: server.sync.unsavedDocuments() }, 'shutdown did not finish')
				process.exit(1)
			}, config.shutdownDeadlineMs + 5000).unref()
			server.close().then(
				() => process.exit(0),
				(error: unknown) => {
					// A ShutdownError is logged with its documents where it is raised.
					if (!(error instanceof ShutdownError)) logger.error({ err: error }, 'shutdown failed')
					process.exit(1)
				},
			)
		})
	}
} else {
	process.exitCode = await runCommand(command, args, config)
}
