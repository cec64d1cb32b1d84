/**
 * `cyd backup` and `cyd restore`: a SQLite deployment's data (the database, uploaded images and the
 * link-signing secret under DATA_DIR) copied into a folder while the server runs, and back into a DATA_DIR
 * before a server starts on it. With DATABASE_URL everything is in PostgreSQL, and PostgreSQL's own tools
 * (pg_dump, pg_restore) back it up; these commands say so.
 * @module
 */
import { constants } from 'node:fs'
import { access, cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { backupDatabase, checkBackup, restoreDatabase } from '@cyd/storage-sqlite'
import type { Config } from './config.js'

const DATABASE = 'cyd.sqlite'
const ASSETS = 'assets'
const SECRET = 'secret'
const MANIFEST = 'cyd-backup.json'

const USAGE = `Usage:
  cyd                        serve (the default)
  cyd backup <folder>        copy DATA_DIR's database, uploaded images and secret into <folder> (new or empty),
                             consistently, while the server runs
  cyd restore <folder> [--force]
                             copy a backup into DATA_DIR; stop the server first. Refuses a DATA_DIR that has a
                             database already, unless --force

With DATABASE_URL set, everything is in PostgreSQL: back it up with pg_dump and restore it with pg_restore
(docs/deploy/README.md, "Backups").`

const POSTGRES = `DATABASE_URL is set: rooms, documents, uploads and the secret are all in PostgreSQL. Use its own tools:
  pg_dump --format=custom --file=cyd.dump "$DATABASE_URL"
  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" cyd.dump
(docs/deploy/README.md, "Backups").`

/** What a backup folder says of itself. */
interface Manifest {
	format: 1
	made: string
	pages: number
	uploads: number
	secret: boolean
}

/** Runs a command other than serving; answers the exit code. */
export async function runCommand(command: string, args: string[], config: Config, print: (line: string) => void = console.log): Promise<number> {
	if (command === 'help' || command === '--help' || command === '-h') {
		print(USAGE)
		return 0
	}
	if (command !== 'backup' && command !== 'restore') {
		print(`cyd: unknown command "${command}"\n\n${USAGE}`)
		return 2
	}
	const force = args.includes('--force')
	const folders = args.filter((a) => a !== '--force')
	if (folders.length !== 1 || (command === 'backup' && force)) {
		print(USAGE)
		return 2
	}
	if (config.databaseUrl) {
		print(POSTGRES)
		return 2
	}
	try {
		if (command === 'backup') await backup(config.dataDir, resolve(folders[0]!), print)
		else await restore(resolve(folders[0]!), config.dataDir, force, print)
		return 0
	} catch (error) {
		print(`cyd ${command}: ${error instanceof Error ? error.message : String(error)}`)
		return 1
	}
}

async function exists(path: string): Promise<boolean> {
	return access(path, constants.F_OK).then(
		() => true,
		() => false,
	)
}

/** Files of the uploads folder, partial ones left out. */
async function countUploads(folder: string): Promise<number> {
	if (!(await exists(folder))) return 0
	let count = 0
	for (const room of await readdir(folder, { withFileTypes: true })) {
		if (!room.isDirectory()) continue
		count += (await readdir(join(folder, room.name))).filter((name) => !name.startsWith('.')).length
	}
	return count
}

const wholeFiles = (source: string) => !source.split(/[\\/]/).pop()!.startsWith('.')

async function backup(dataDir: string, folder: string, print: (line: string) => void): Promise<void> {
	const database = join(dataDir, DATABASE)
	if (!(await exists(database))) throw new Error(`there is no database at ${database} (is DATA_DIR right?)`)
	if ((await exists(folder)) && (await readdir(folder)).length > 0) throw new Error(`${folder} is not empty`)
	await mkdir(folder, { recursive: true })
	const { pages } = await backupDatabase(database, join(folder, DATABASE))
	// Images are uploaded before any shape names them, and never change: copied after the database, every
	// image it names is there.
	if (await exists(join(dataDir, ASSETS))) await cp(join(dataDir, ASSETS), join(folder, ASSETS), { recursive: true, filter: wholeFiles })
	const secret = await exists(join(dataDir, SECRET))
	if (secret) await cp(join(dataDir, SECRET), join(folder, SECRET))
	const manifest: Manifest = { format: 1, made: new Date().toISOString(), pages, uploads: await countUploads(join(folder, ASSETS)), secret }
	await writeFile(join(folder, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
	print(`backed up ${dataDir} into ${folder}: database (${pages} pages), ${manifest.uploads} uploaded images${secret ? ', the link secret' : ''}`)
	if (!secret) print('links are signed with CYD_SECRET: keep it with this backup')
}

async function restore(folder: string, dataDir: string, force: boolean, print: (line: string) => void): Promise<void> {
	let manifest: Manifest
	try {
		manifest = JSON.parse(await readFile(join(folder, MANIFEST), 'utf8')) as Manifest
	} catch {
		throw new Error(`${folder} is not a Cyd backup (no readable ${MANIFEST})`)
	}
	if (manifest.format !== 1) throw new Error(`${folder} is a backup in a format this version does not know (${String(manifest.format)})`)
	checkBackup(join(folder, DATABASE))
	const database = join(dataDir, DATABASE)
	if ((await exists(database)) && !force) throw new Error(`${database} exists: stop the server and add --force to replace it`)
	await mkdir(dataDir, { recursive: true })
	const { pages } = await restoreDatabase(join(folder, DATABASE), database)
	if (await exists(join(folder, ASSETS))) await cp(join(folder, ASSETS), join(dataDir, ASSETS), { recursive: true, force: true })
	if (await exists(join(folder, SECRET))) await cp(join(folder, SECRET), join(dataDir, SECRET), { force: true })
	print(`restored the backup of ${manifest.made} into ${dataDir}: database (${pages} pages), ${manifest.uploads} uploaded images${manifest.secret ? ', the link secret' : ''}`)
}
