/**
 * MapLibre GL JS and the PMTiles protocol, loaded only when a room has a map (a dynamic import of this
 * module): the map under the board, drawn from the server's PMTiles archive of vector tiles (the
 * Protomaps basemap's layers) or from a raster tile URL template.
 * @module
 */
import { addProtocol, Map as MapLibreMap, setWorkerUrl, type StyleSpecification } from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
// MapLibre starts its worker from a file beside its own; bundled, that file is an asset of its own.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { PMTiles, Protocol } from 'pmtiles'
import type { MapSource } from './source'

let protocolAdded = false

/** Whether this browser can draw WebGL, which MapLibre needs. */
export function hasWebgl(): boolean {
	try {
		const canvas = document.createElement('canvas')
		return Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'))
	} catch {
		return false
	}
}

/** The map's look: land, parks, water, roads and buildings, with no labels (a hall may have no fonts to fetch). */
export function mapStyle(source: MapSource, origin: string): StyleSpecification {
	if (source.tileUrl) {
		return {
			version: 8,
			sources: { base: { type: 'raster', tiles: [source.tileUrl], tileSize: 256, attribution: source.attribution } },
			layers: [{ id: 'base', type: 'raster', source: 'base' }],
		}
	}
	return {
		version: 8,
		sources: { base: { type: 'vector', url: `pmtiles://${new URL(source.pmtiles ?? '', origin).href}`, attribution: source.attribution } },
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': '#e8eef2' } },
			{ id: 'earth', type: 'fill', source: 'base', 'source-layer': 'earth', paint: { 'fill-color': '#ede6d6' } },
			{ id: 'landuse', type: 'fill', source: 'base', 'source-layer': 'landuse', paint: { 'fill-color': '#cfe6c4' } },
			{ id: 'water', type: 'fill', source: 'base', 'source-layer': 'water', paint: { 'fill-color': '#a7cbe6' } },
			{ id: 'buildings', type: 'fill', source: 'base', 'source-layer': 'buildings', paint: { 'fill-color': '#ddd3ca', 'fill-outline-color': '#c5b9ad' } },
			{
				id: 'roads-casing',
				type: 'line',
				source: 'base',
				'source-layer': 'roads',
				paint: { 'line-color': '#c9c1b6', 'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 12, 1.5, 18, 22] },
			},
			{
				id: 'roads',
				type: 'line',
				source: 'base',
				'source-layer': 'roads',
				paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 12, 0.8, 18, 18] },
			},
		],
	}
}

/** What a PMTiles archive's header says of its tiles: their zoom range, and the area ([west, south, east, north]) they cover. */
export interface TilesExtent {
	minZoom: number
	maxZoom: number
	bounds: [number, number, number, number]
}

/** The extent of the server's PMTiles archive (null for a tile URL template, which does not say). */
export async function tilesExtent(source: MapSource): Promise<TilesExtent | null> {
	if (!source.pmtiles) return null
	const header = await new PMTiles(new URL(source.pmtiles, window.location.href).href).getHeader()
	return { minZoom: header.minZoom, maxZoom: header.maxZoom, bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat] }
}

export interface MapView {
	lon: number
	lat: number
	zoom: number
}

/** A map that never takes a pointer (the board above it does) and follows the view it is given. */
export function createMap(container: HTMLElement, source: MapSource, view: MapView, onError: (error: { message: string }) => void): MapLibreMap {
	if (!protocolAdded) {
		setWorkerUrl(new URL(workerUrl, window.location.href).href)
		addProtocol('pmtiles', new Protocol().tile)
		protocolAdded = true
	}
	const map = new MapLibreMap({
		container,
		style: mapStyle(source, window.location.origin),
		center: [view.lon, view.lat],
		zoom: view.zoom,
		minZoom: 0,
		maxZoom: 24,
		interactive: false,
		attributionControl: false,
		renderWorldCopies: false,
		fadeDuration: 0,
	})
	map.on('error', (event) => onError(event.error))
	return map
}
