/**
 * Small statistics helpers.
 * @module
 */

/** The q-quantile (0..1) of ascending `sorted` by nearest rank; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
	if (sorted.length === 0) return Number.NaN
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
	return sorted[rank]!
}
