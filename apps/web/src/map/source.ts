/**
 * Where the neighbourhood map's tiles come from, as the server says (`GET /api/map/source`): its own
 * PMTiles archive, a tile URL template, or none. Asked once per page.
 * @module
 */
import type { MapSource } from '@cyd/server/api'

export type { MapSource }

let asked: Promise<MapSource> | null = null

export function mapSource(): Promise<MapSource> {
	asked ??= fetch('/api/map/source').then(async (res) => {
		if (!res.ok) throw new Error(`HTTP ${res.status}`)
		return (await res.json()) as MapSource
	})
	asked.catch(() => (asked = null))
	return asked
}

/** Whether the server has tiles to draw a map with. */
export const hasTiles = (source: MapSource) => source.pmtiles !== null || source.tileUrl !== null
