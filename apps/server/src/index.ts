export { startServer } from './app.js'
export type { RunningServer, StartOptions } from './app.js'
export { loadConfig } from './config.js'
export type { Config } from './config.js'
