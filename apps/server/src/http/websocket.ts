/**
 * WebSocket upgrades for Hono on Node, for sockets that live for hours and carry thousands of small
 * frames. The upgrade goes the same way as with `@hono/node-ws`: the HTTP server's `upgrade` request is
 * handed to the Hono app, whose middleware decides (a problem answer refuses it, with its status and
 * body), and `upgradeSocket` at the end of the route hands the socket to `ws` for the handshake. What
 * differs is what a socket costs once open:
 *
 * - a binary frame reaches `onMessage` as the bytes `ws` read (a Buffer, which is a Uint8Array), not a
 *   copy of them wrapped in a DOM `MessageEvent`: one object less and one copy less per frame;
 * - nothing of the upgrade is kept for the socket's life: the Hono context, the request and its headers
 *   are let go once the route's `open` function has taken what it needs from them.
 * @module
 */
import type { IncomingMessage, Server } from 'node:http'
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Context, Env, MiddlewareHandler } from 'hono'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'

/** What a route does with its socket. */
export interface SocketHandlers {
	/** The handshake is done: the socket is open. */
	onOpen(socket: WebSocket): void
	/** A frame: binary as a Uint8Array, text as a string. */
	onMessage(data: Uint8Array | string): void
	onClose(): void
	onError(error: Error): void
}

/** The Hono app, as far as upgrades need it: its `request`, with Node's request as `env.incoming`. */
interface UpgradeApp {
	request(input: URL, init: RequestInit, env: { incoming: IncomingMessage; outgoing: undefined }): Response | Promise<Response>
}

export interface NodeSockets<E extends Env> {
	/** The `ws` server doing the handshakes (its `clients` are the open sockets). */
	wss: WebSocketServer
	/** The last handler of a websocket route: `open(c)` runs once the route has admitted the request. */
	upgradeSocket(open: (c: Context<E>) => SocketHandlers): MiddlewareHandler<E>
	/** Answers the HTTP server's upgrade requests through the app. */
	injectInto(server: Server): void
}

const binary = (data: RawData): Uint8Array => (Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data)

export function nodeSockets<E extends Env>(app: UpgradeApp, options: { maxPayload: number }): NodeSockets<E> {
	const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload })
	/** Requests the app has admitted, each with its route's handlers, until its handshake is done. */
	const admitted = new WeakMap<IncomingMessage, SocketHandlers>()

	const upgradeSocket =
		(open: (c: Context<E>) => SocketHandlers): MiddlewareHandler<E> =>
		async (c, next) => {
			if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return next()
			const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
			if (!incoming) return next()
			admitted.set(incoming, open(c))
			return new Response(null)
		}

	const refuse = (socket: Duplex, response: Response) =>
		void response.text().then(
			(body) => {
				const type = response.headers.get('content-type')
				socket.end(
					`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}\r\nConnection: close\r\n` +
						(type ? `Content-Type: ${type}\r\n` : '') +
						`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
				)
			},
			() => socket.destroy(),
		)

	const injectInto = (server: Server) => {
		server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
			const headers = new Headers()
			for (const [key, value] of Object.entries(request.headers)) {
				if (value) headers.append(key, Array.isArray(value) ? value[0]! : value)
			}
			const url = new URL(request.url ?? '/', 'http://localhost')
			void Promise.resolve(app.request(url, { headers }, { incoming: request, outgoing: undefined })).then(
				(response) => {
					const handlers = admitted.get(request)
					admitted.delete(request)
					if (!handlers) return refuse(socket, response)
					wss.handleUpgrade(request, socket, head, (ws) => {
						// A handler that throws fails its own socket (1011), never the process.
						const safely = (run: () => void) => {
							try {
								run()
							} catch (error) {
								handlers.onError(error instanceof Error ? error : new Error(String(error)))
								ws.close(1011, 'internal error')
							}
						}
						ws.on('message', (data: RawData, isBinary: boolean) => safely(() => handlers.onMessage(isBinary ? binary(data) : data.toString())))
						ws.on('close', () => safely(() => handlers.onClose()))
						ws.on('error', (error) => safely(() => handlers.onError(error)))
						safely(() => handlers.onOpen(ws))
					})
				},
				() => socket.destroy(),
			)
		})
	}

	return { wss, upgradeSocket, injectInto }
}
