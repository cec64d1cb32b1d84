/**
 * Backups of a SQLite database with SQLite's online backup API: a consistent copy taken while a server
 * goes on writing to it (in WAL mode the copy reads one snapshot and never blocks the writer), and its
 * restore into a database file that no server has open.
 * @module
 */
import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import { SCHEMA_VERSION } from './sqlite-storage.js'

/** What a backup or a restore copied. */
export interface BackupResult {
	/** Pages of the database copied. */
	pages: number
}

/**
 * Copies the database at `file` into `destination` (a new file). The pages are copied in one step: a
 * backup made step by step starts again whenever another process writes between steps, and so might
 * never end on a busy server.
 */
export async function backupDatabase(file: string, destination: string): Promise<BackupResult> {
	if (existsSync(destination)) throw new Error(`${destination} exists already: a backup goes into a new file`)
	const source = new Database(file, { fileMustExist: true })
	try {
		source.pragma('busy_timeout = 5000')
		const result = await source.backup(destination, { progress: () => 0x7fffffff })
		// One self-contained file, without a write-ahead log beside it; a server opening it turns WAL on again.
		const copy = new Database(destination, { fileMustExist: true })
		copy.pragma('journal_mode = DELETE')
		copy.close()
		return { pages: result.totalPages }
	} finally {
		source.close()
	}
}

/** Checks that `file` is a sound Cyd database that this version can open; throws why not. */
export function checkBackup(file: string): void {
	const db = new Database(file, { readonly: true, fileMustExist: true })
	try {
		const integrity = db.pragma('integrity_check', { simple: true }) as string
		if (integrity !== 'ok') throw new Error(`${file} is damaged: ${integrity}`)
		const version = db.pragma('user_version', { simple: true }) as number
		if (version === 0) throw new Error(`${file} is not a Cyd database`)
		if (version > SCHEMA_VERSION) throw new Error(`${file} was written by a newer version of Cyd (schema ${version}; this one knows ${SCHEMA_VERSION})`)
	} finally {
		db.close()
	}
}

/**
 * Copies the backup `backup` over the database at `file`, through SQLite (so a write-ahead log left beside
 * `file` is replaced too). No server may have `file` open meanwhile.
 */
export async function restoreDatabase(backup: string, file: string): Promise<BackupResult> {
	checkBackup(backup)
	const source = new Database(backup, { readonly: true, fileMustExist: true })
	try {
		const result = await source.backup(file, { progress: () => 0x7fffffff })
		return { pages: result.totalPages }
	} finally {
		source.close()
	}
}
