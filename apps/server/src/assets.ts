/**
 * Images pasted or dropped on the canvas: checked by their bytes, stored under their content hash, served
 * back by URL. Stored under DATA_DIR for one process (SQLite), or in PostgreSQL when several processes
 * share a site, so that any of them serves an image uploaded through another.
 * @module
 */
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { PostgresStorage } from '@cyd/storage-postgres'

/** Image types accepted, recognised by their leading bytes. SVG is refused: it can carry script. */
const IMAGE_TYPES: { type: string; ext: string; matches(b: Uint8Array): boolean }[] = [
	{ type: 'image/png', ext: 'png', matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
	{ type: 'image/jpeg', ext: 'jpg', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
	{ type: 'image/gif', ext: 'gif', matches: (b) => startsWith(b, [0x47, 0x49, 0x46, 0x38]) },
	{
		type: 'image/webp',
		ext: 'webp',
		matches: (b) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b.subarray(8), [0x57, 0x45, 0x42, 0x50]),
	},
]

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
	return bytes.length >= prefix.length && prefix.every((v, i) => bytes[i] === v)
}

/** The accepted image type of these bytes, or null. */
export function sniffImage(bytes: Uint8Array): { type: string; ext: string } | null {
	const found = IMAGE_TYPES.find((t) => t.matches(bytes))
	return found ? { type: found.type, ext: found.ext } : null
}

const FILE_NAME = /^[0-9a-f]{64}\.(png|jpg|gif|webp)$/

/** The name an upload is stored under: the hash of its bytes and its type's extension. */
function assetName(bytes: Uint8Array, ext: string): string {
	return `${createHash('sha256').update(bytes).digest('hex')}.${ext}`
}

/** Where uploads are kept. */
export interface AssetStore {
	/**
	 * Stores the bytes under their content hash and answers the file name, or null when the room's
	 * uploads would pass `quotaBytes` (the same image twice counts once).
	 */
	put(room: string, bytes: Uint8Array, ext: string, quotaBytes?: number): Promise<string | null>
	/** The stored bytes and type, or null for a name that is not ours. */
	get(room: string, name: string): Promise<{ bytes: Uint8Array; type: string } | null>
	/** The bytes a room's uploads take, and their names. */
	usage(room: string): Promise<{ bytes: number; names: Set<string> }>
}

/** Uploads as files under a folder (DATA_DIR/assets/<room>/<name>), for one process. */
export class FileAssetStore implements AssetStore {
	constructor(private readonly dir: string) {}

	/** Uploads of one room are stored one at a time, so that two at once cannot both pass the quota. */
	private readonly queues = new Map<string, Promise<unknown>>()

	put(room: string, bytes: Uint8Array, ext: string, quotaBytes = Number.POSITIVE_INFINITY): Promise<string | null> {
		const previous = this.queues.get(room) ?? Promise.resolve()
		const next = previous.then(async () => {
			const name = assetName(bytes, ext)
			const folder = join(this.dir, room)
			await mkdir(folder, { recursive: true })
			const stored = await this.usage(room)
			if (stored.names.has(name)) return name
			if (stored.bytes + bytes.byteLength > quotaBytes) return null
			// Written aside and renamed into place: a file under its final name is always whole.
			const partial = join(folder, `.${name}.${process.pid}.partial`)
			await writeFile(partial, bytes)
			await rename(partial, join(folder, name))
			return name
		})
		const settled = next.catch(() => undefined)
		this.queues.set(room, settled)
		void settled.then(() => {
			if (this.queues.get(room) === settled) this.queues.delete(room)
		})
		return next
	}

	async usage(room: string): Promise<{ bytes: number; names: Set<string> }> {
		const folder = join(this.dir, room)
		const names = new Set<string>()
		let bytes = 0
		let entries: string[]
		try {
			entries = await readdir(folder)
		} catch {
			return { bytes, names }
		}
		for (const entry of entries) {
			if (!FILE_NAME.test(entry)) continue
			names.add(entry)
			bytes += (await stat(join(folder, entry))).size
		}
		return { bytes, names }
	}

	async get(room: string, name: string): Promise<{ bytes: Uint8Array; type: string } | null> {
		if (!FILE_NAME.test(name)) return null
		try {
			const bytes = await readFile(join(this.dir, room, name))
			const sniffed = sniffImage(bytes)
			return sniffed ? { bytes, type: sniffed.type } : null
		} catch {
			return null
		}
	}
}

/**
 * Uploads in PostgreSQL, shared by every process of a site. Images uploaded under DATA_DIR before the
 * site moved to PostgreSQL (`previous`) are still served, by the process that has them.
 */
export class PostgresAssetStore implements AssetStore {
	constructor(
		private readonly db: PostgresStorage,
		private readonly previous: AssetStore | null = null,
	) {}

	async put(room: string, bytes: Uint8Array, ext: string, quotaBytes = Number.POSITIVE_INFINITY): Promise<string | null> {
		const name = assetName(bytes, ext)
		const result = await this.db.putAsset(room, name, bytes, quotaBytes)
		return result === 'over-quota' ? null : name
	}

	async get(room: string, name: string): Promise<{ bytes: Uint8Array; type: string } | null> {
		if (!FILE_NAME.test(name)) return null
		const bytes = await this.db.getAsset(room, name)
		if (!bytes) return this.previous ? this.previous.get(room, name) : null
		const sniffed = sniffImage(bytes)
		return sniffed ? { bytes, type: sniffed.type } : null
	}

	usage(room: string): Promise<{ bytes: number; names: Set<string> }> {
		return this.db.assetUsage(room)
	}
}
