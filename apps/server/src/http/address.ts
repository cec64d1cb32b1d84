/**
 * The client's address, behind as many trusted proxies as configured (`TRUST_PROXY=N`): the address the
 * N-th proxy from us saw, never the left-most X-Forwarded-For entry, which the client writes itself.
 * @module
 */
import type { Context } from 'hono'
import type { Env } from '../env.js'

/** `hops`: how many proxies in front of us are trusted; 0 takes the socket's address. */
export function clientAddress(c: Context<Env>, hops: number): string {
	const socket = c.env.incoming.socket.remoteAddress ?? 'unknown'
	if (hops === 0) return socket
	const forwarded = (c.req.header('x-forwarded-for') ?? '')
		.split(',')
		.map((a) => a.trim())
		.filter(Boolean)
	// The chain from us outwards: the socket (the nearest proxy), then what each proxy saw, right to left.
	const chain = [socket, ...forwarded.reverse()]
	return chain[Math.min(hops, chain.length - 1)]!
}
