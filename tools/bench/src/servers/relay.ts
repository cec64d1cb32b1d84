/**
 * The floor: a bare `ws` relay that does no CRDT work and stores nothing. Every frame from a connection goes
 * unchanged to the other connections on the same path, except the sync handshake, which it routes by the
 * first two bytes of the y-websocket framing: a newcomer's sync step 1 goes to one existing peer only, and
 * that peer's step 2 answer goes back to the newcomer only (an empty step 2 from the relay if it is alone).
 * It never decodes an update or an awareness state.
 *
 * Run as a child process: `PORT=... HOST=127.0.0.1 node dist/servers/relay.js`.
 * @module
 */
import { createServer } from 'node:http'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'

const messageSync = 0
const syncStep1 = 0
const syncStep2 = 1
/** A sync step 2 carrying an empty update: [messageSync, step2, length 2, no structs, empty delete set]. */
const emptyStep2 = new Uint8Array([messageSync, syncStep2, 2, 0, 0])

interface Peer {
	socket: WebSocket
	/** Newcomers waiting for this peer's answer to their step 1, oldest first. */
	awaiting: Peer[]
}

const rooms = new Map<string, Set<Peer>>()

function frame(data: RawData): Buffer {
	if (Buffer.isBuffer(data)) return data
	if (Array.isArray(data)) return Buffer.concat(data)
	return Buffer.from(data)
}

function onMessage(room: Set<Peer>, from: Peer, data: Buffer): void {
	if (data[0] === messageSync && data[1] === syncStep1) {
		let answerer: Peer | null = null
		for (const peer of room) {
			if (peer !== from && peer.socket.readyState === peer.socket.OPEN) {
				answerer = peer
				break
			}
		}
		if (answerer) {
			answerer.awaiting.push(from)
			answerer.socket.send(data)
		} else {
			from.socket.send(emptyStep2)
		}
		return
	}
	if (data[0] === messageSync && data[1] === syncStep2) {
		const newcomer = from.awaiting.shift()
		if (newcomer && newcomer.socket.readyState === newcomer.socket.OPEN) newcomer.socket.send(data)
		return
	}
	for (const peer of room) {
		if (peer !== from) peer.socket.send(data)
	}
}

const wss = new WebSocketServer({ noServer: true })
const server = createServer((_request, response) => {
	response.writeHead(200, { 'Content-Type': 'text/plain' })
	response.end('relay')
})

server.on('upgrade', (request, socket, head) => {
	wss.handleUpgrade(request, socket, head, (ws) => {
		const name = (request.url ?? '/').split('?')[0] ?? '/'
		let room = rooms.get(name)
		if (!room) {
			room = new Set()
			rooms.set(name, room)
		}
		const peer: Peer = { socket: ws, awaiting: [] }
		const members = room
		members.add(peer)
		ws.on('message', (data) => onMessage(members, peer, frame(data)))
		ws.on('close', () => {
			members.delete(peer)
			// Whoever still waits on this peer asks again through another one.
			for (const newcomer of peer.awaiting) {
				if (newcomer.socket.readyState === newcomer.socket.OPEN) newcomer.socket.send(emptyStep2)
			}
			if (members.size === 0) rooms.delete(name)
		})
	})
})

const port = Number(process.env.PORT ?? 1234)
server.listen(port, process.env.HOST ?? '127.0.0.1')
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0))
