export { SqliteStorage } from './sqlite-storage.js'
export type { RoomRow, SqliteStorageOptions } from './sqlite-storage.js'
