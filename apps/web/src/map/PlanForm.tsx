/**
 * Placing a plan image (a local plan, a site drawing) on the map by control points: for two or three
 * pixels of the image, the place each shows (latitude and longitude). The image is scaled, turned and
 * moved so that each pixel lies over its place (exactly for two, as near as can be for three), sent
 * behind the board's other shapes, and drawn a little see-through so the map shows under it.
 * @module
 */
import { placePlan, type ControlPoint, type MapSettings } from '@cyd/model'
import { useState } from 'react'
import type { Editor, TLImageShape } from 'tldraw'
import { Field } from '../forms'
import { useT } from '../i18n/I18n'
import type { Say } from '../i18n/say'

interface Row {
	x: string
	y: string
	lat: string
	lon: string
}

const EMPTY: Row = { x: '', y: '', lat: '', lon: '' }

function number(text: string): number | null {
	const n = Number(text.trim().replace(',', '.'))
	return text.trim() !== '' && Number.isFinite(n) ? n : null
}

/** The image's own size in pixels: its asset's, else its size on the board. */
export function naturalSize(editor: Editor, image: TLImageShape): { w: number; h: number } {
	const asset = image.props.assetId ? editor.getAsset(image.props.assetId) : undefined
	const props = asset?.props as { w?: number; h?: number } | undefined
	return props?.w && props.h ? { w: props.w, h: props.h } : { w: image.props.w, h: image.props.h }
}

/** Moves, scales and turns an image so that its control points lie over their places; false when they fix nothing. */
export function placeImage(editor: Editor, map: Pick<MapSettings, 'origin' | 'referenceZoom'>, image: TLImageShape, points: ControlPoint[]): boolean {
	const placed = placePlan(map, points)
	if (!placed) return false
	const size = naturalSize(editor, image)
	editor.run(() => {
		editor.updateShape<TLImageShape>({
			id: image.id,
			type: 'image',
			x: placed.x,
			y: placed.y,
			rotation: placed.rotation,
			opacity: 0.75,
			props: { w: size.w * placed.scale, h: size.h * placed.scale },
		})
		editor.sendToBack([image.id])
	})
	return true
}

export function PlanForm({ editor, settings, image, readOnly }: { editor: Editor; settings: MapSettings; image: TLImageShape; readOnly: boolean }) {
	const t = useT()
	const [rows, setRows] = useState<Row[]>([EMPTY, EMPTY, EMPTY])
	// Kept as a message and said in the language chosen when shown.
	const [status, setSaid] = useState<Say | null>(null)
	const setStatus = (message: Say) => setSaid(() => message)
	const size = naturalSize(editor, image)
	const set = (i: number, change: Partial<Row>) => setRows((all) => all.map((row, j) => (j === i ? { ...row, ...change } : row)))
	const place = () => {
		const points: ControlPoint[] = []
		for (const row of rows) {
			if (Object.values(row).every((v) => v.trim() === '')) continue
			const [x, y, lat, lon] = [number(row.x), number(row.y), number(row.lat), number(row.lon)]
			if (x === null || y === null || lat === null || lon === null || Math.abs(lat) > 85.05 || Math.abs(lon) > 180) return setStatus((t) => t('geomap.plan.bad'))
			points.push({ pixel: { x, y }, place: { lat, lon } })
		}
		if (points.length < 2) return setStatus((t) => t('geomap.plan.two'))
		const placed = placeImage(editor, settings, image, points)
		const count = points.length
		setStatus((t) => (placed ? t('geomap.plan.placed', { count }) : t('geomap.plan.two')))
	}
	return (
		<details>
			<summary>{t('geomap.plan.heading')}</summary>
			<p className="hint">{t('geomap.plan.hint', { w: Math.round(size.w), h: Math.round(size.h) })}</p>
			{rows.map((row, i) => (
				<fieldset key={i} className="map-plan-point">
					<legend>{t(i < 2 ? 'geomap.plan.point' : 'geomap.plan.pointOptional', { n: i + 1 })}</legend>
					<Field label={t('geomap.plan.x', { n: i + 1 })}>{(id) => <input id={id} inputMode="decimal" value={row.x} onChange={(e) => set(i, { x: e.currentTarget.value })} />}</Field>
					<Field label={t('geomap.plan.y', { n: i + 1 })}>{(id) => <input id={id} inputMode="decimal" value={row.y} onChange={(e) => set(i, { y: e.currentTarget.value })} />}</Field>
					<Field label={t('geomap.plan.lat', { n: i + 1 })}>{(id) => <input id={id} inputMode="decimal" value={row.lat} onChange={(e) => set(i, { lat: e.currentTarget.value })} />}</Field>
					<Field label={t('geomap.plan.lon', { n: i + 1 })}>{(id) => <input id={id} inputMode="decimal" value={row.lon} onChange={(e) => set(i, { lon: e.currentTarget.value })} />}</Field>
				</fieldset>
			))}
			<button type="button" className="button" disabled={readOnly} onClick={place}>
				{t('geomap.plan.place')}
			</button>
			<p role="status" className="hint" data-testid="plan-status">
				{status?.(t)}
			</p>
		</details>
	)
}
