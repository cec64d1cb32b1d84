/**
 * The neighbourhood map of a room, as the facilitator sets it: its centre, zoom and bounds, kept in the
 * workshop document under `map` (the origin and reference zoom that tie the board's page to WGS 84 stay
 * as first set, see @cyd/model's map.ts). And the map of a room's ServiceDesign: the area and the items
 * pinned to it, each credited to whom the server saw make it.
 * @module
 */
import * as v from 'valibot'
import { extractPins, mapRequestProblem, MAX_MAP_ZOOM, MIN_MAP_ZOOM, nextMapSettings, type DesignMap, type MapRequest, type MapSettings, type WorkshopState } from '@cyd/model'
import type { Facilitation } from './facilitation.js'
import { WorkshopError } from './records.js'

const degrees = (what: string) => v.number(`${what} must be a number of degrees`)

/** The facilitator's map: centre, zoom (Web Mercator, 512-pixel tiles) and bounds (or null). */
export const MapBody = v.object({
	centre: v.object({ lon: degrees('centre.lon'), lat: degrees('centre.lat') }),
	zoom: v.pipe(v.number('zoom must be a number'), v.minValue(MIN_MAP_ZOOM, `zoom must be ${MIN_MAP_ZOOM} to ${MAX_MAP_ZOOM}`), v.maxValue(MAX_MAP_ZOOM, `zoom must be ${MIN_MAP_ZOOM} to ${MAX_MAP_ZOOM}`)),
	bounds: v.optional(v.nullable(v.tuple([degrees('bounds[0]'), degrees('bounds[1]'), degrees('bounds[2]'), degrees('bounds[3]')], 'bounds must be [west, south, east, north] or null')), null),
})

/** Sets the room's map (or, with null, takes it away); answers the workshop state after it. */
export function setMap(facilitation: Facilitation, room: string, request: MapRequest | null): Promise<WorkshopState> {
	if (request) {
		const problem = mapRequestProblem(request)
		if (problem) throw new WorkshopError(400, problem)
	}
	return facilitation.update(room, (map, state) => {
		if (request === null) map.delete('map')
		else map.set('map', nextMapSettings(state.map, request, Date.now()))
	})
}

/**
 * The map of a design: what the facilitator set, and the items of the canvas pinned to it. `authors` are
 * whom the server saw make each item (shape id -> person), `people` their names.
 */
export function designMapOf(settings: MapSettings | null, records: Record<string, unknown>, authors: ReadonlyMap<string, string>, people: ReadonlyMap<string, string>): DesignMap | null {
	if (!settings) return null
	const pins = extractPins(Object.values(records), settings).map((pin) => {
		const id = authors.get(pin.id)
		return id ? { ...pin, author: { id, name: people.get(id) ?? '' } } : pin
	})
	return { centre: settings.centre, zoom: settings.zoom, bounds: settings.bounds, pins }
}
