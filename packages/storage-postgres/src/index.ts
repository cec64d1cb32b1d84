export { PostgresStorage } from './postgres-storage.js'
export type { PostgresStorageOptions, PutAssetResult } from './postgres-storage.js'
