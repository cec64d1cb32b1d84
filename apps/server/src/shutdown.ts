/**
 * Shutdown with a deadline: everything held in memory is stored, retried as while serving, until it is or
 * until SHUTDOWN_DEADLINE_MS has passed. A database that has gone away never holds a process for ever.
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { SyncServer } from '@cyd/sync'

/** A shutdown that did not store everything in time. */
export class ShutdownError extends Error {
	constructor(
		/** Documents whose changes were not stored. */
		readonly unsaved: string[],
		readonly deadlineMs: number,
	) {
		super(
			unsaved.length > 0
				? `not saved when the shutdown deadline (${deadlineMs} ms) passed: ${unsaved.join(', ')}`
				: `the shutdown did not finish within its deadline (${deadlineMs} ms)`,
		)
		this.name = 'ShutdownError'
	}
}

/**
 * Runs `before` (what must close first), then closes `sync`, trying again every `retryMs` while some
 * document is not stored, until done or `deadlineMs` has passed. Answers whether it finished and which
 * documents were left unsaved.
 */
export async function storeBeforeDeadline(
	sync: SyncServer,
	before: () => Promise<void>,
	deadlineMs: number,
	retryMs = 1000,
): Promise<{ finished: boolean; unsaved: string[] }> {
	let late = false
	const stored = (async () => {
		await before()
		await sync.close()
		while (!late && sync.unsavedDocuments().length > 0) {
			await sleep(retryMs)
			await sync.close()
		}
		return true
	})()
	const deadline = new AbortController()
	let finished: boolean
	try {
		finished = await Promise.race([stored, sleep(deadlineMs, false, { signal: deadline.signal })])
	} finally {
		deadline.abort()
	}
	late = !finished
	// A late close goes on in the background; nothing waits for it.
	if (late) stored.catch(() => undefined)
	return { finished, unsaved: sync.unsavedDocuments() }
}
