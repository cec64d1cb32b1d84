/**
 * The server's HTTP API, as the web app uses it.
 * @module
 */
import type { Language } from './i18n/catalog'

export interface RoomInfo {
	id: string
	title: string
	language: Language
}

export interface CreatedRoom {
	id: string
	/** Absolute shareable URL of the room (`…/r/<id>`). */
	url: string
}

export async function createRoom(title: string, language: Language): Promise<CreatedRoom> {
	const res = await fetch('/api/rooms', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ title, language }),
	})
	if (res.status !== 201) throw new Error(`creating a room failed: HTTP ${res.status}`)
	return (await res.json()) as CreatedRoom
}

/** The room, or `null` when the server does not know it (404). */
export async function getRoom(id: string): Promise<RoomInfo | null> {
	const res = await fetch(`/api/rooms/${encodeURIComponent(id)}`)
	if (res.status === 404) return null
	if (!res.ok) throw new Error(`loading the room failed: HTTP ${res.status}`)
	return (await res.json()) as RoomInfo
}

export interface ClientConfig {
	tldrawLicenseKey: string | null
}

export async function getConfig(): Promise<ClientConfig> {
	const res = await fetch('/api/config')
	if (!res.ok) throw new Error(`loading the configuration failed: HTTP ${res.status}`)
	return (await res.json()) as ClientConfig
}

export type UploadErrorKind = 'unsupported' | 'tooLarge' | 'failed'

export class UploadError extends Error {
	constructor(readonly kind: UploadErrorKind, message: string) {
		super(message)
		this.name = 'UploadError'
	}
}

/** Upload an image as the raw request body; answers the URL the document should hold. */
export async function uploadAsset(roomId: string, file: Blob, signal?: AbortSignal): Promise<string> {
	const res = await fetch(`/api/rooms/${encodeURIComponent(roomId)}/assets`, {
		method: 'POST',
		headers: { 'Content-Type': file.type || 'application/octet-stream' },
		body: file,
		signal: signal ?? null,
	})
	if (res.status === 415) throw new UploadError('unsupported', 'the server refused this file type')
	if (res.status === 413) throw new UploadError('tooLarge', 'the file is too large')
	if (res.status !== 201) throw new UploadError('failed', `upload failed: HTTP ${res.status}`)
	const { url } = (await res.json()) as { url: string }
	return url
}
