export { SqliteStorage } from './sqlite-storage.js'
export type { RoomRow, SqliteStorageOptions } from './sqlite-storage.js'
export { backupDatabase, checkBackup, restoreDatabase } from './backup.js'
export type { BackupResult } from './backup.js'
