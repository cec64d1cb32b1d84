/**
 * Rate limits on what costs the server disk or memory (making rooms, joining), counted per address
 * over a window, in Redis when it is configured so that every process shares the count.
 * @module
 */
import type { MiddlewareHandler } from 'hono'
import { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import type { Env } from '../env.js'
import { fail } from './errors.js'

export class RateLimits {
	private readonly redis: Redis | null

	constructor(redisUrl: string | null) {
		this.redis = redisUrl ? new Redis(redisUrl, { enableOfflineQueue: false, lazyConnect: false, maxRetriesPerRequest: 1 }) : null
		this.redis?.on('error', () => undefined)
	}

	/** A limit of `points` per `seconds` per key, named `name` (its keys are shared by every process). */
	limiter(name: string, points: number, seconds: number): RateLimiterAbstract {
		const options = { keyPrefix: `cyd:rate:${name}`, points, duration: seconds }
		if (!this.redis) return new RateLimiterMemory(options)
		// Should Redis be unreachable, each process counts on its own rather than refusing everyone.
		return new RateLimiterRedis({ ...options, storeClient: this.redis, insuranceLimiter: new RateLimiterMemory(options) })
	}

	async close(): Promise<void> {
		this.redis?.disconnect()
	}
}

/** 429 with Retry-After once `key(c)` has used its points; `what` says what was limited. */
export function rateLimit(limiter: RateLimiterAbstract, key: (c: Parameters<MiddlewareHandler<Env>>[0]) => string, what: string): MiddlewareHandler<Env> {
	return async (c, next) => {
		try {
			await limiter.consume(key(c))
		} catch (error) {
			if (!(error instanceof RateLimiterRes)) throw error
			c.header('Retry-After', String(Math.ceil(error.msBeforeNext / 1000)))
			fail(429, `too many ${what} from this address; try again in ${Math.ceil(error.msBeforeNext / 1000)} s`)
		}
		await next()
	}
}

/** Takes one point for `key`; answers whether there was one to take. */
export async function consumed(limiter: RateLimiterAbstract, key: string): Promise<boolean> {
	try {
		await limiter.consume(key)
		return true
	} catch (error) {
		if (error instanceof RateLimiterRes) return false
		throw error
	}
}
