/**
 * The neighbourhood map's panel: what the map does on the canvas, as forms, so the keyboard (and a
 * screen reader) can do it too. The facilitator sets the map's area (centre, zoom, bounds); anyone who
 * may write pins the selected item, makes a note at a place, names an item's place (a street or a
 * landmark) and moves it to coordinates; the list of pins says where each item is and shows it.
 * @module
 */
import { MAX_MAP_ZOOM, MAX_PLACE_NAME, MIN_MAP_ZOOM, isPinned, latestDecisions, mapZoomAt, pageToLonLat, type Bounds, type Decision, type DecisionStatus, type LonLat, type MapSettings, type PinKind } from '@cyd/model'
import { useState } from 'react'
import { useValue, type Editor, type TLImageShape, type TLShapeId } from 'tldraw'
import type { RoomApi } from '../api'
import { ApiError } from '../api'
import { CommitInput, Field } from '../forms'
import type { MessageKey } from '../i18n/catalog'
import { useT } from '../i18n/I18n'
import type { Say } from '../i18n/say'
import { isolateKeys } from '../WorkshopUi'
import { PlanForm } from './PlanForm'
import { moveTo, notePinnedAt, pinsOf, setPinned, setPlaceName, showMapArea, showPin, type BoardPin } from './pins'
import './map.css'

const KIND_KEYS: Record<PinKind, MessageKey> = {
	note: 'geomap.kind.note',
	card: 'geomap.kind.card',
	asset: 'geomap.kind.asset',
	stakeholder: 'geomap.kind.stakeholder',
	persona: 'geomap.kind.persona',
	text: 'geomap.kind.text',
	shape: 'geomap.kind.shape',
	image: 'geomap.kind.image',
}

/** Degrees written plainly (a point for decimals, whatever the language): what the fields take back. */
export const degrees = (n: number) => n.toFixed(6)

function parseDegrees(text: string, limit: number): number | null {
	const n = Number(text.trim().replace(',', '.'))
	return text.trim() !== '' && Number.isFinite(n) && Math.abs(n) <= limit ? n : null
}

export function MapPanel({
	editor,
	settings,
	decisions,
	facilitator,
	readOnly,
	api,
	onClose,
}: {
	editor: Editor
	settings: MapSettings | null
	/** The decision log: each pin says its item's latest status. */
	decisions: readonly Decision[]
	facilitator: boolean
	readOnly: boolean
	api: RoomApi
	onClose(): void
}) {
	const t = useT()
	return (
		<aside id="geomap-panel" className="panel" aria-labelledby="geomap-heading" {...isolateKeys}>
			<div className="panel-head">
				<h2 id="geomap-heading">{t('geomap.heading')}</h2>
				<button type="button" className="button small" onClick={onClose} aria-label={t('geomap.close')}>
					×
				</button>
			</div>
			{facilitator && <MapSettingsForm editor={editor} settings={settings} api={api} />}
			{settings ? <Pins editor={editor} settings={settings} decisions={decisions} readOnly={readOnly} /> : <p className="hint">{t(facilitator ? 'geomap.noneYet' : 'geomap.none')}</p>}
		</aside>
	)
}

function MapSettingsForm({ editor, settings, api }: { editor: Editor; settings: MapSettings | null; api: RoomApi }) {
	const t = useT()
	const [lat, setLat] = useState(settings ? degrees(settings.centre.lat) : '')
	const [lon, setLon] = useState(settings ? degrees(settings.centre.lon) : '')
	const [zoom, setZoom] = useState(settings ? String(settings.zoom) : '16')
	const [bounds, setBounds] = useState(settings?.bounds ? settings.bounds.map(degrees).join(', ') : '')
	// Kept as a message and said in the language chosen when shown.
	const [status, setSaid] = useState<Say | null>(null)
	const setStatus = (message: Say) => setSaid(() => message)
	const [busy, setBusy] = useState(false)

	const submit = async () => {
		const centre = { lat: parseDegrees(lat, 85.05), lon: parseDegrees(lon, 180) }
		const z = Number(zoom)
		const box = bounds.trim() === '' ? null : bounds.split(/[\s,]+/).filter(Boolean).map(Number)
		if (centre.lat === null || centre.lon === null) return setStatus((t) => t('geomap.badCentre'))
		if (!(z >= MIN_MAP_ZOOM && z <= MAX_MAP_ZOOM)) return setStatus((t) => t('geomap.badZoom', { min: MIN_MAP_ZOOM, max: MAX_MAP_ZOOM }))
		if (box && (box.length !== 4 || box.some((n) => !Number.isFinite(n)))) return setStatus((t) => t('geomap.badBounds'))
		setBusy(true)
		try {
			await api.setMap({ centre: centre as LonLat, zoom: z, bounds: box as Bounds | null })
			setStatus((t) => t('geomap.saved'))
		} catch (error) {
			const message = error instanceof ApiError ? error.message : null
			setStatus((t) => message ?? t('geomap.saveFailed'))
		} finally {
			setBusy(false)
		}
	}
	const useView = () => {
		if (!settings) return
		const centre = pageToLonLat(settings, editor.getViewportPageBounds().center)
		setLat(degrees(centre.lat))
		setLon(degrees(centre.lon))
		setZoom(String(Math.round(mapZoomAt(settings, editor.getZoomLevel()) * 10) / 10))
	}
	const remove = async () => {
		if (!window.confirm(t('geomap.removeConfirm'))) return
		try {
			await api.removeMap()
			setStatus((t) => t('geomap.removed'))
		} catch (error) {
			const message = error instanceof ApiError ? error.message : null
			setStatus((t) => message ?? t('geomap.saveFailed'))
		}
	}
	return (
		<details open={!settings}>
			<summary>{t('geomap.settings')}</summary>
			<form
				onSubmit={(e) => {
					e.preventDefault()
					void submit()
				}}
			>
				<div className="map-coords">
					<Field label={t('geomap.lat')}>{(id) => <input id={id} inputMode="decimal" value={lat} onChange={(e) => setLat(e.currentTarget.value)} />}</Field>
					<Field label={t('geomap.lon')}>{(id) => <input id={id} inputMode="decimal" value={lon} onChange={(e) => setLon(e.currentTarget.value)} />}</Field>
				</div>
				<Field label={t('geomap.zoom')}>
					{(id) => <input id={id} type="number" min={MIN_MAP_ZOOM} max={MAX_MAP_ZOOM} step="0.1" value={zoom} onChange={(e) => setZoom(e.currentTarget.value)} />}
				</Field>
				<Field label={t('geomap.bounds')}>{(id) => <input id={id} value={bounds} placeholder="-3.20, 51.44, -3.12, 51.48" onChange={(e) => setBounds(e.currentTarget.value)} />}</Field>
				<div className="button-row">
					<button type="submit" className="button" disabled={busy}>
						{t(settings ? 'geomap.update' : 'geomap.set')}
					</button>
					{settings && (
						<button type="button" className="button small" onClick={useView}>
							{t('geomap.useView')}
						</button>
					)}
					{settings && (
						<button type="button" className="button small" onClick={() => void remove()}>
							{t('geomap.remove')}
						</button>
					)}
				</div>
			</form>
			<p role="status" className="hint" data-testid="geomap-status">
				{status?.(t)}
			</p>
		</details>
	)
}

function Pins({ editor, settings, decisions, readOnly }: { editor: Editor; settings: MapSettings; decisions: readonly Decision[]; readOnly: boolean }) {
	const t = useT()
	const statuses = latestDecisions(decisions)
	const pins = useValue('cyd.map.pinList', () => pinsOf(editor, settings), [editor, settings])
	const selected = useValue('cyd.map.selected', () => editor.getOnlySelectedShape(), [editor])
	const selectedPinned = selected ? isPinned(selected) : false
	const [text, setText] = useState('')
	const [place, setPlace] = useState('')
	const [lat, setLat] = useState('')
	const [lon, setLon] = useState('')
	// Kept as a message and said in the language chosen when shown.
	const [status, setSaid] = useState<Say | null>(null)
	const setStatus = (message: Say) => setSaid(() => message)
	const addNote = () => {
		const at = { lat: parseDegrees(lat, 85.05), lon: parseDegrees(lon, 180) }
		if (at.lat === null || at.lon === null) return setStatus((t) => t('geomap.badCentre'))
		if (!text.trim()) return setStatus((t) => t('geomap.noteEmpty'))
		notePinnedAt(editor, settings, at as LonLat, text.trim(), place)
		setText('')
		setStatus((t) => t('geomap.noteAdded'))
	}
	return (
		<>
			<div className="button-row">
				<button type="button" className="button small" onClick={() => showMapArea(editor, settings)}>
					{t('geomap.goToArea')}
				</button>
			</div>
			<div className="button-row">
				<button type="button" className="button" disabled={readOnly || !selected} onClick={() => selected && setPinned(editor, selected.id, !selectedPinned)}>
					{t(selectedPinned ? 'geomap.unpinSelected' : 'geomap.pinSelected')}
				</button>
			</div>
			{!selected && <p className="hint">{t('geomap.selectHint')}</p>}
			{selected?.type === 'image' && <PlanForm key={selected.id} editor={editor} settings={settings} image={selected as TLImageShape} readOnly={readOnly} />}
			<details>
				<summary>{t('geomap.noteHeading')}</summary>
				<Field label={t('geomap.noteText')}>{(id) => <textarea id={id} rows={2} maxLength={2000} value={text} onChange={(e) => setText(e.currentTarget.value)} />}</Field>
				<Field label={t('geomap.place')}>{(id) => <input id={id} maxLength={MAX_PLACE_NAME} value={place} onChange={(e) => setPlace(e.currentTarget.value)} />}</Field>
				<div className="map-coords">
					<Field label={t('geomap.lat')}>{(id) => <input id={id} inputMode="decimal" value={lat} onChange={(e) => setLat(e.currentTarget.value)} />}</Field>
					<Field label={t('geomap.lon')}>{(id) => <input id={id} inputMode="decimal" value={lon} onChange={(e) => setLon(e.currentTarget.value)} />}</Field>
				</div>
				<button type="button" className="button" disabled={readOnly} onClick={addNote}>
					{t('geomap.addNote')}
				</button>
			</details>
			<p role="status" className="hint">
				{status?.(t)}
			</p>
			<h3>{t('geomap.pinsHeading', { count: pins.length })}</h3>
			{pins.length === 0 ? (
				<p className="hint">{t('geomap.noPins')}</p>
			) : (
				<ul className="map-pin-list" data-testid="pin-list">
					{pins.map((pin) => (
						<PinItem key={pin.id} editor={editor} settings={settings} pin={pin} status={statuses.get(pin.id)?.status ?? null} readOnly={readOnly} />
					))}
				</ul>
			)}
		</>
	)
}

function PinItem({ editor, settings, pin, status, readOnly }: { editor: Editor; settings: MapSettings; pin: BoardPin; status: DecisionStatus | null; readOnly: boolean }) {
	const t = useT()
	const [lat, setLat] = useState(degrees(pin.lat))
	const [lon, setLon] = useState(degrees(pin.lon))
	const [editing, setEditing] = useState(false)
	const title = `${t(KIND_KEYS[pin.kind])}: ${pin.text || t('geomap.untitled')}`
	const move = () => {
		const at = { lat: parseDegrees(lat, 85.05), lon: parseDegrees(lon, 180) }
		if (at.lat === null || at.lon === null) return
		moveTo(editor, settings, pin.id as TLShapeId, at as LonLat)
		setEditing(false)
	}
	return (
		<li data-pin={pin.id}>
			<strong>{title}</strong>
			<p className="hint" data-testid="pin-where">
				{pin.place ? `${pin.place} · ` : ''}
				{t('geomap.coordinates', { lat: degrees(pin.lat), lon: degrees(pin.lon) })}
				{status ? ` · ${t(`agree.status.${status}`)}` : ''}
			</p>
			<Field label={t('geomap.placeOf', { item: title })}>{(id) => <CommitInput id={id} value={pin.place} disabled={readOnly} onCommit={(value) => setPlaceName(editor, pin.id, value)} />}</Field>
			{editing && (
				<div className="map-coords">
					<Field label={t('geomap.lat')}>{(id) => <input id={id} inputMode="decimal" value={lat} onChange={(e) => setLat(e.currentTarget.value)} />}</Field>
					<Field label={t('geomap.lon')}>{(id) => <input id={id} inputMode="decimal" value={lon} onChange={(e) => setLon(e.currentTarget.value)} />}</Field>
				</div>
			)}
			<div className="button-row">
				<button type="button" className="button small" onClick={() => showPin(editor, pin.id)} aria-label={t('geomap.showNamed', { item: title })}>
					{t('geomap.show')}
				</button>
				{pin.movable && !readOnly && (
					<button
						type="button"
						className="button small"
						aria-label={t(editing ? 'geomap.moveNamed' : 'geomap.moveToNamed', { item: title })}
						onClick={() => {
							if (editing) move()
							else {
								setLat(degrees(pin.lat))
								setLon(degrees(pin.lon))
								setEditing(true)
							}
						}}
					>
						{t(editing ? 'geomap.move' : 'geomap.moveTo')}
					</button>
				)}
				<button type="button" className="button small" disabled={readOnly} onClick={() => setPinned(editor, pin.id, false)} aria-label={t('geomap.unpinNamed', { item: title })}>
					{t('geomap.unpin')}
				</button>
			</div>
		</li>
	)
}
