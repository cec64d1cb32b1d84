/**
 * Starts Cyd: `node apps/server/dist/main.js`. SIGTERM and SIGINT flush everything and exit.
 * @module
 */
import pino from 'pino'
import { startServer } from './app.js'
import { loadConfig } from './config.js'

const config = loadConfig()
const logger = pino({ level: config.logLevel })
const server = await startServer(config, { logger })

let stopping = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.on(signal, () => {
		if (stopping) return
		stopping = true
		logger.info({ signal }, 'shutting down')
		server.close().then(
			() => process.exit(0),
			(error: unknown) => {
				logger.error({ err: error }, 'shutdown failed')
				process.exit(1)
			},
		)
	})
}
