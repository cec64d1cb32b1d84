/**
 * Admission for websocket upgrades: per-address caps and rates, and the Origin check.
 * @module
 */

/** Counts open connections and recent connection attempts per client address. */
export class AddressGuard {
	private readonly open = new Map<string, number>()
	private readonly recent = new Map<string, number[]>()

	constructor(
		private readonly maxOpen: number,
		private readonly perMinute: number,
		private readonly now: () => number = Date.now,
	) {}

	/** Answers why a new connection from `address` is refused, or null and counts it. */
	admit(address: string): string | null {
		const now = this.now()
		const times = (this.recent.get(address) ?? []).filter((t) => now - t < 60_000)
		if (times.length >= this.perMinute) {
			this.recent.set(address, times)
			return `more than ${this.perMinute} connections a minute from one address`
		}
		if ((this.open.get(address) ?? 0) >= this.maxOpen) return `more than ${this.maxOpen} open connections from one address`
		times.push(now)
		this.recent.set(address, times)
		this.open.set(address, (this.open.get(address) ?? 0) + 1)
		return null
	}

	/** A connection admitted earlier has closed. */
	release(address: string): void {
		const count = (this.open.get(address) ?? 1) - 1
		if (count <= 0) this.open.delete(address)
		else this.open.set(address, count)
	}

	/** Forgets addresses with nothing open and no attempt in the last minute. */
	sweep(): void {
		const now = this.now()
		for (const [address, times] of this.recent) {
			const fresh = times.filter((t) => now - t < 60_000)
			if (fresh.length === 0 && !this.open.has(address)) this.recent.delete(address)
			else this.recent.set(address, fresh)
		}
	}
}

/**
 * Whether a browser page at `origin` may open a websocket here: the server's own origin (from the Host
 * header or PUBLIC_URL) or one listed in ALLOWED_ORIGINS. Clients that send no Origin (not browsers) pass.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, publicUrl: string, allowed: string[]): boolean {
	if (!origin) return true
	let parsed: URL
	try {
		parsed = new URL(origin)
	} catch {
		return false
	}
	if (host && parsed.host === host) return true
	if (publicUrl && parsed.origin === new URL(publicUrl).origin) return true
	return allowed.includes(parsed.origin)
}
