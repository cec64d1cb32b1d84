/**
 * Errors the sync core hands to the code around it.
 * @module
 */

/**
 * A document that cannot be opened: its stored state failed to load (or is refused, e.g. nested deeper
 * than the server accepts), or it was closed after failing. Retried on the next open. An HTTP layer
 * answers it with 503.
 */
export class DocumentUnavailableError extends Error {
	constructor(
		readonly document: string,
		reason: string,
		options?: { cause?: unknown },
	) {
		super(`document ${document} is unavailable: ${reason}`, options)
		this.name = 'DocumentUnavailableError'
	}
}
