/**
 * A small seeded PRNG (mulberry32) for replayable randomised tests.
 * @module
 */

export interface Prng {
	/** Uniform in [0, 1). */
	next(): number
	/** Integer in [0, n). */
	int(n: number): number
	/** True with probability p. */
	chance(p: number): boolean
	/** A random element of a non-empty array. */
	pick<T>(items: readonly T[]): T
}

export function createPrng(seed: number): Prng {
	let a = seed >>> 0
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
	const int = (n: number) => Math.floor(next() * n)
	return {
		next,
		int,
		chance: (p) => next() < p,
		pick<T>(items: readonly T[]): T {
			const item = items[int(items.length)]
			if (item === undefined) throw new Error('pick from an empty array')
			return item
		},
	}
}

/** The seed from env SEED, or a fresh random one. */
export function seedFromEnv(): number {
	const fromEnv = process.env.SEED
	if (fromEnv !== undefined && fromEnv !== '') {
		const seed = Number(fromEnv)
		if (!Number.isInteger(seed)) throw new Error(`SEED must be an integer, got ${fromEnv}`)
		return seed >>> 0
	}
	return Math.floor(Math.random() * 2 ** 32) >>> 0
}
