/**
 * The GeoJSON export (RFC 7946): the items pinned to the neighbourhood map as Point features in WGS 84
 * (longitude, latitude, at most 7 decimals: about a centimetre), or, for a pinned drawing or shape that
 * marks an area, a Polygon (its ring counter-clockwise), each with its kind, words, place name,
 * latest decision and votes; the map's bounds, when set, as a Polygon feature. No `crs` member (RFC 7946
 * has none: coordinates are WGS 84). A room without a map gives an empty collection.
 * @module
 */
import type { MapPin, ServiceDesign } from '@cyd/model'
import { filterAgreed, latestStatuses } from './filter.js'
import type { ExportOptions } from './options.js'

type Position = [number, number]

export interface PinFeature {
	type: 'Feature'
	id: string
	geometry: { type: 'Point'; coordinates: Position } | { type: 'Polygon'; coordinates: Position[][] }
	properties: {
		kind: MapPin['kind']
		text: string
		place: string
		/** Who made it, or '' on the public page (nobody is named there). */
		author: string
		status: string | null
		votes: number
	}
}

export interface AreaFeature {
	type: 'Feature'
	id: 'map-area'
	geometry: { type: 'Polygon'; coordinates: Position[][] }
	properties: { kind: 'area'; centre: Position; zoom: number }
}

export interface PinCollection {
	type: 'FeatureCollection'
	/** West, south, east, north of every feature, when there is one. */
	bbox?: [number, number, number, number]
	features: Array<PinFeature | AreaFeature>
}

const round = (n: number) => Math.round(n * 1e7) / 1e7

/** A closed ring, counter-clockwise (RFC 7946 §3.1.6: exterior rings follow the right-hand rule). */
function counterClockwise(ring: Position[]): Position[] {
	let twiceArea = 0
	for (let i = 0; i < ring.length - 1; i++) twiceArea += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1]
	return twiceArea < 0 ? [...ring].reverse() : ring
}

function geometryOf(pin: MapPin): PinFeature['geometry'] {
	if (pin.area && pin.area.length >= 4) return { type: 'Polygon', coordinates: [counterClockwise(pin.area.map(([lon, lat]) => [round(lon), round(lat)]))] }
	return { type: 'Point', coordinates: [round(pin.lon), round(pin.lat)] }
}

/** The pinned items (with `agreedOnly`, only agreed ones) as a GeoJSON FeatureCollection. */
export function designGeoJson(design: ServiceDesign, options: ExportOptions): PinCollection {
	const shown = options.agreedOnly ? filterAgreed(design) : design
	const map = shown.map
	if (!map) return { type: 'FeatureCollection', features: [] }
	const statuses = latestStatuses(design)
	const votes = new Map(design.votes.map((v) => [v.item, v.votes]))
	const features: PinCollection['features'] = map.pins.map((pin) => ({
		type: 'Feature',
		id: pin.id,
		geometry: geometryOf(pin),
		properties: {
			kind: pin.kind,
			text: pin.text,
			place: pin.place,
			author: options.publicPage ? '' : pin.author.name,
			status: statuses.get(pin.id) ?? null,
			votes: votes.get(pin.id) ?? 0,
		},
	}))
	if (map.bounds) {
		const [w, s, e, n] = map.bounds
		// The exterior ring counter-clockwise (RFC 7946 §3.1.6), closed.
		features.push({
			type: 'Feature',
			id: 'map-area',
			geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
			properties: { kind: 'area', centre: [map.centre.lon, map.centre.lat], zoom: map.zoom },
		})
	}
	const positions = features.flatMap((f) => (f.geometry.type === 'Point' ? [f.geometry.coordinates] : f.geometry.coordinates.flat()))
	if (positions.length === 0) return { type: 'FeatureCollection', features }
	const lons = positions.map((p) => p[0])
	const lats = positions.map((p) => p[1])
	return { type: 'FeatureCollection', bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)], features }
}

/** The GeoJSON export as indented text, ending in a newline. */
export function designGeoJsonText(design: ServiceDesign, options: ExportOptions): string {
	return `${JSON.stringify(designGeoJson(design, options), null, 2)}\n`
}
