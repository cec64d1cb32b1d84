/**
 * The neighbourhood map under the board: tldraw's background with a MapLibre map in it that pans and
 * zooms with tldraw's camera, and a ring round every pinned item. Page coordinates map to WGS 84 through
 * the room's fixed Web Mercator mapping (@cyd/model map.ts), so a page point is the same place on every
 * screen at any zoom. MapLibre is loaded only once the room has a map; without WebGL the layer says so
 * and the board works as before. While the room has a map the camera is held to the map's area (the
 * facilitator's bounds, else the area the tiles cover) and to the zoom range the tiles can be drawn at,
 * so that nobody pans or zooms off onto a blank canvas.
 * @module
 */
import { cameraZoomFor, lonLatToPage, mapZoomAt, MAX_MAP_ZOOM, MIN_MAP_ZOOM, pageToLonLat, type Bounds, type MapSettings } from '@cyd/model'
import { createContext, useContext, useEffect, useRef, useState } from 'react'
import { DefaultBackground, react, useEditor, useValue, type Editor, type TLCameraOptions } from 'tldraw'
import { useT } from '../i18n/I18n'
import { pinsOf, showMapArea } from './pins'
import type { TilesExtent } from './maplibre'
import { hasTiles, mapSource, type MapSource } from './source'
import './map.css'

declare global {
	interface Window {
		/** The MapLibre map under the board, while there is one: for diagnostics and end-to-end tests. */
		cydMap?: import('maplibre-gl').Map
	}
}

/** The room's map, from the workshop state (null: no map). */
export const MapContext = createContext<MapSettings | null>(null)

type Status = 'loading' | 'ready' | 'no-webgl' | 'no-tiles' | 'failed'

/** tldraw's background, with the map over it when the room has one. */
export function MapBackground() {
	const settings = useContext(MapContext)
	return (
		<>
			<DefaultBackground />
			{settings && <MapLayer settings={settings} />}
		</>
	)
}

/** The Web Mercator view that shows what the camera shows. */
function viewOf(editor: Editor, settings: MapSettings) {
	const centre = pageToLonLat(settings, editor.getViewportPageBounds().center)
	return { lon: centre.lon, lat: centre.lat, zoom: mapZoomAt(settings, editor.getZoomLevel()) }
}

function MapLayer({ settings }: { settings: MapSettings }) {
	const editor = useEditor()
	const t = useT()
	const container = useRef<HTMLDivElement>(null)
	const [status, setStatus] = useState<Status>('loading')
	const [source, setSource] = useState<MapSource | null>(null)
	const [extent, setExtent] = useState<TilesExtent | null>(null)
	const origin = `${settings.origin.lon},${settings.origin.lat},${settings.referenceZoom}`

	useEffect(() => {
		let cancelled = false
		mapSource()
			.then((found) => {
				if (cancelled) return
				setSource(found)
				if (!hasTiles(found)) setStatus('no-tiles')
			})
			.catch(() => !cancelled && setStatus('failed'))
		return () => void (cancelled = true)
	}, [])

	// The map itself, made once the tiles' source is known, following the camera until it goes.
	useEffect(() => {
		const element = container.current
		if (!element || !source || !hasTiles(source)) return
		let stop = () => {}
		let cancelled = false
		void import('./maplibre')
			.then(({ createMap, hasWebgl }) => {
				if (cancelled) return
				if (!hasWebgl()) return setStatus('no-webgl')
				let map: ReturnType<typeof createMap>
				try {
					map = createMap(element, source, viewOf(editor, settings), (error) => console.warn('map:', error.message))
				} catch (error) {
					console.warn('map:', error)
					return setStatus('no-webgl')
				}
				map.once('load', () => !cancelled && setStatus('ready'))
				window.cydMap = map
				const stopCamera = react('cyd.map.camera', () => {
					const view = viewOf(editor, settings)
					map.jumpTo({ center: [view.lon, view.lat], zoom: view.zoom })
				})
				const resize = new ResizeObserver(() => map.resize())
				resize.observe(element)
				stop = () => {
					stopCamera()
					resize.disconnect()
					if (window.cydMap === map) delete window.cydMap
					map.remove()
				}
			})
			.catch((error: unknown) => {
				console.warn('map:', error)
				if (!cancelled) setStatus('failed')
			})
		return () => {
			cancelled = true
			stop()
		}
		// The mapping (origin and reference zoom) is all the map depends on; the view follows the camera.
	}, [editor, source, origin])

	// What the tiles cover, and at which zooms: from the archive's header.
	useEffect(() => {
		if (!source?.pmtiles) return
		let cancelled = false
		void import('./maplibre')
			.then(({ tilesExtent }) => tilesExtent(source))
			.then((found) => !cancelled && setExtent(found))
			.catch((error: unknown) => console.warn('map:', error))
		return () => void (cancelled = true)
	}, [source])

	useCameraOnNewMap(editor, settings)
	useCameraHeldToMap(editor, settings, extent)

	const message = status === 'no-webgl' ? t('geomap.noWebgl') : status === 'no-tiles' ? t('geomap.noTiles') : status === 'failed' ? t('geomap.failed') : null
	return (
		<>
			{/* MapLibre makes its container `position: relative`: it goes in a box of its own that fills the screen. */}
			<div className="cyd-map" data-testid="map-layer" data-status={status} aria-hidden="true">
				<div ref={container} className="cyd-map-canvas" />
			</div>
			<PinRings settings={settings} />
			{message && (
				<p className="cyd-map-message" role="status">
					{message}
				</p>
			)}
			{source?.attribution && <p className="cyd-map-attribution">{source.attribution}</p>}
		</>
	)
}

/** When the facilitator sets the map again (a new `at`), every screen goes to its area: its bounds, else its centre at its zoom. */
function useCameraOnNewMap(editor: Editor, settings: MapSettings) {
	const seen = useRef<number | null>(null)
	useEffect(() => {
		const first = seen.current === null
		if (seen.current === settings.at) return
		seen.current = settings.at
		// A screen that opens on a room with a map keeps the view it opened with (the whole board).
		if (first) return
		showMapArea(editor, settings, true)
		// A new `at` is a new setting; the workshop state is read afresh at every change.
	}, [editor, settings.at])
}

/** How many zooms beyond its deepest tiles a vector map is still drawn sharp (MapLibre draws their lines anew at every zoom). */
export const VECTOR_OVERZOOM = 6

/**
 * The camera options that hold the camera to the map: the area (the facilitator's bounds, else the
 * tiles') kept on the screen, filling it once zoomed in that far, and zoom steps at each whole map zoom
 * from the tiles' least to their deepest (and some way beyond, for vector tiles), within 0 to 22.
 */
export function cameraHeldTo(settings: MapSettings, extent: TilesExtent | null): Pick<TLCameraOptions, 'zoomSteps' | 'constraints'> {
	const least = Math.max(MIN_MAP_ZOOM, extent?.minZoom ?? MIN_MAP_ZOOM)
	const most = Math.max(least, Math.min(MAX_MAP_ZOOM, extent ? extent.maxZoom + VECTOR_OVERZOOM : MAX_MAP_ZOOM))
	const zoomSteps = Array.from({ length: Math.floor(most - least) + 1 }, (_, i) => cameraZoomFor(settings, least + i))
	const area: Bounds | null = settings.bounds ?? extent?.bounds ?? null
	if (!area) return { zoomSteps, constraints: undefined }
	const [w, s, e, n] = area
	const nw = lonLatToPage(settings, { lon: w, lat: n })
	const se = lonLatToPage(settings, { lon: e, lat: s })
	return {
		zoomSteps,
		constraints: {
			bounds: { x: nw.x, y: nw.y, w: se.x - nw.x, h: se.y - nw.y },
			padding: { x: 0, y: 0 },
			origin: { x: 0.5, y: 0.5 },
			initialZoom: 'default',
			baseZoom: 'default',
			behavior: 'contain',
		},
	}
}

/** While the room has a map, the camera stays on it (and goes back to tldraw's own options once it has none). */
function useCameraHeldToMap(editor: Editor, settings: MapSettings, extent: TilesExtent | null) {
	const key = `${settings.origin.lon},${settings.origin.lat},${settings.referenceZoom},${settings.bounds?.join(',') ?? ''}`
	useEffect(() => {
		const before = editor.getCameraOptions()
		editor.setCameraOptions(cameraHeldTo(settings, extent))
		return () => void editor.setCameraOptions({ zoomSteps: before.zoomSteps, constraints: before.constraints })
		// The key is what the options depend on.
	}, [editor, key, extent])
}

/** A ring round each pinned item, under the board's shapes, in page coordinates moved with the camera. */
function PinRings({ settings }: { settings: MapSettings }) {
	const editor = useEditor()
	const camera = useValue('cyd.map.cameraTransform', () => editor.getCamera(), [editor])
	const pins = useValue('cyd.map.pins', () => pinsOf(editor, settings), [editor, settings])
	return (
		<div className="cyd-map-pins" aria-hidden="true" style={{ transform: `scale(${camera.z}) translate(${camera.x}px, ${camera.y}px)` }}>
			{pins.map((pin) => (
				<span
					key={pin.id}
					className="cyd-map-pin"
					data-pin={pin.id}
					style={{ left: pin.x - pin.radius - 10, top: pin.y - pin.radius - 10, width: 2 * (pin.radius + 10), height: 2 * (pin.radius + 10) }}
				/>
			))}
		</div>
	)
}
