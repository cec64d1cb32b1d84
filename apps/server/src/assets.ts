/**
 * Images pasted or dropped on the canvas: checked by their bytes, stored under DATA_DIR, served back by URL.
 * @module
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

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

export class AssetStore {
	constructor(private readonly dir: string) {}

	/** Stores the bytes under their content hash and answers the file name. */
	async put(room: string, bytes: Uint8Array, ext: string): Promise<string> {
		const name = `${createHash('sha256').update(bytes).digest('hex')}.${ext}`
		const folder = join(this.dir, room)
		await mkdir(folder, { recursive: true })
		await writeFile(join(folder, name), bytes)
		return name
	}

	/** The stored bytes and type, or null for a name that is not ours. */
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
