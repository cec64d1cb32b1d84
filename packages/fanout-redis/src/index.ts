export { RedisFanOut } from './redis-fanout.js'
export type { RedisFanOutOptions } from './redis-fanout.js'
