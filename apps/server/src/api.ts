/**
 * The types of the HTTP API, for typed clients (the web app's `hc<ApiRoutes>`).
 * @module
 */
export type { ApiRoutes } from './workshop/routes.js'
export type { MapSource } from './map/tiles.js'
