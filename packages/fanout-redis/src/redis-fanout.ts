/**
 * Fan-out between server processes through Redis streams, one stream per document.
 *
 * Pub/sub alone drops what is sent while a subscriber is away; a stream keeps recent messages, so a
 * reader that blips resumes from its last id. Whatever a stream cannot give back (Redis restarted, a
 * subscription just opened) is recovered by asking the sync core to reload the document from storage,
 * where every published update already is.
 * @module
 */
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { FanOut, FanOutHandlers, FanOutMessage } from '@cyd/sync'

export interface RedisFanOutOptions {
	/** A redis:// URL. */
	url: string
	/** Prefix of the stream keys. Default `cyd:doc:`. */
	prefix?: string
	/** Approximate entries kept per stream. Default 10,000. */
	maxLength?: number
	/** Called for errors worth a log line. */
	onError?: (error: unknown, context: string) => void
}

interface Subscription {
	key: string
	lastId: string
	handlers: Set<FanOutHandlers>
}

const KIND_UPDATE = 'u'
const KIND_AWARENESS = 'a'

export class RedisFanOut implements FanOut {
	/** Identifies this process's messages so it skips its own. */
	readonly origin = randomUUID()
	private readonly writer: Redis
	private readonly reader: Redis
	private readonly prefix: string
	private readonly maxLength: number
	private readonly onError: (error: unknown, context: string) => void
	private readonly subscriptions = new Map<string, Subscription>()
	private readerId: number | null = null
	private running = true
	private wake: (() => void) | null = null
	private loop: Promise<void>
	private wasDisconnected = false

	constructor(options: RedisFanOutOptions) {
		this.prefix = options.prefix ?? 'cyd:doc:'
		this.maxLength = options.maxLength ?? 10_000
		this.onError = options.onError ?? (() => undefined)
		const common = { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true }
		this.writer = new Redis(options.url, common)
		this.reader = new Redis(options.url, { ...common, maxRetriesPerRequest: null })
		for (const connection of [this.writer, this.reader]) connection.on('error', () => undefined)
		this.reader.on('close', () => {
			this.wasDisconnected = true
			this.readerId = null
		})
		this.reader.on('ready', () => {
			if (!this.wasDisconnected) return
			this.wasDisconnected = false
			// Messages published while we were away may be gone with the old connection or server.
			for (const subscription of this.subscriptions.values()) {
				for (const handlers of subscription.handlers) handlers.resync()
			}
		})
		this.loop = this.readLoop()
	}

	subscribe(document: string, handlers: FanOutHandlers): () => void {
		const key = this.prefix + document
		let subscription = this.subscriptions.get(document)
		if (!subscription) {
			subscription = { key, lastId: '$', handlers: new Set() }
			this.subscriptions.set(document, subscription)
			const created = subscription
			// Pin the position first, then reload: what came before is in storage, what comes after is read.
			this.writer
				.xrevrange(key, '+', '-', 'COUNT', 1)
				.then((entries) => {
					if (created.lastId === '$') created.lastId = entries[0]?.[0] ?? '0-0'
					for (const h of created.handlers) h.resync()
					this.interrupt()
				})
				.catch((error: unknown) => this.onError(error, 'subscribe'))
		}
		subscription.handlers.add(handlers)
		const owned = subscription
		return () => {
			owned.handlers.delete(handlers)
			if (owned.handlers.size === 0 && this.subscriptions.get(document) === owned) {
				this.subscriptions.delete(document)
				this.interrupt()
			}
		}
	}

	async publish(messages: readonly FanOutMessage[]): Promise<void> {
		const pipeline = this.writer.pipeline()
		for (const message of messages) {
			pipeline.xadd(
				this.prefix + message.document,
				'MAXLEN',
				'~',
				this.maxLength,
				'*',
				'o',
				this.origin,
				'k',
				message.kind === 'update' ? KIND_UPDATE : KIND_AWARENESS,
				'd',
				Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength),
			)
		}
		const results = await pipeline.exec()
		const failed = results?.find(([error]) => error)
		if (failed) throw failed[0]
	}

	/** Whether Redis answers. */
	async ping(): Promise<boolean> {
		try {
			return (await this.writer.ping()) === 'PONG'
		} catch {
			return false
		}
	}

	async close(): Promise<void> {
		this.running = false
		this.interrupt()
		this.reader.disconnect()
		await this.loop.catch(() => undefined)
		await this.writer.quit().catch(() => undefined)
	}

	/** Makes the blocking read return so that it picks up a changed set of streams. */
	private interrupt(): void {
		this.wake?.()
		if (this.readerId !== null) {
			this.writer.client('UNBLOCK', this.readerId).catch(() => undefined)
		}
	}

	private async readLoop(): Promise<void> {
		while (this.running) {
			const ready = [...this.subscriptions.values()].filter((s) => s.lastId !== '$')
			if (ready.length === 0) {
				await new Promise<void>((resolve) => {
					this.wake = resolve
					setTimeout(resolve, 1000).unref()
				})
				this.wake = null
				continue
			}
			try {
				if (this.readerId === null) this.readerId = (await this.reader.client('ID')) as number
				const reply = await this.reader.xreadBuffer(
					'COUNT',
					1000,
					'BLOCK',
					5000,
					'STREAMS',
					...ready.map((s) => s.key),
					...ready.map((s) => s.lastId),
				)
				if (reply) this.dispatch(reply)
			} catch (error) {
				if (!this.running) return
				this.onError(error, 'read')
				await new Promise((resolve) => setTimeout(resolve, 250))
			}
		}
	}

	private dispatch(reply: [Buffer, [Buffer, Buffer[]][]][]): void {
		for (const [keyBuffer, entries] of reply) {
			const document = keyBuffer.toString().slice(this.prefix.length)
			const subscription = this.subscriptions.get(document)
			if (!subscription) continue
			for (const [id, fields] of entries) {
				subscription.lastId = id.toString()
				const message = fieldsOf(fields)
				if (!message || message.origin === this.origin) continue
				for (const handlers of subscription.handlers) {
					if (message.kind === KIND_UPDATE) handlers.update(message.data)
					else handlers.awareness(message.data)
				}
			}
		}
	}
}

function fieldsOf(fields: Buffer[]): { origin: string; kind: string; data: Uint8Array } | null {
	let origin: string | null = null
	let kind: string | null = null
	let data: Uint8Array | null = null
	for (let i = 0; i + 1 < fields.length; i += 2) {
		const name = fields[i]!.toString()
		const value = fields[i + 1]!
		if (name === 'o') origin = value.toString()
		else if (name === 'k') kind = value.toString()
		else if (name === 'd') data = new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
	}
	return origin !== null && kind !== null && data !== null ? { origin, kind, data } : null
}
