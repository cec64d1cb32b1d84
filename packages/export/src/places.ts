/**
 * The report's section on the neighbourhood map: the area the facilitator set and a numbered table of
 * the items pinned to it (kind and words, place name, latitude and longitude in WGS 84, and, in the full
 * report, their status). Only in the reports of a room that has a map.
 * @module
 */
import type { DecisionStatus, ServiceDesign } from '@cyd/model'
import type { MessageKey } from './messages.js'
import type { ReportSection } from './report.js'

/** What the section needs of the report's context. */
export interface PlacesContext {
	design: ServiceDesign
	full: ServiceDesign
	agreedOnly: boolean
	statuses: Map<string, DecisionStatus>
	t: (key: MessageKey, values?: Record<string, string | number>) => string
}

const KIND_KEYS = {
	note: 'places.kind.note',
	card: 'places.kind.card',
	asset: 'places.kind.asset',
	stakeholder: 'places.kind.stakeholder',
	persona: 'places.kind.persona',
	text: 'places.kind.text',
	shape: 'places.kind.shape',
	image: 'places.kind.image',
} as const satisfies Record<string, MessageKey>

/** Degrees to 6 decimals (about 10 cm), written with a point whatever the language. */
const degrees = (n: number) => n.toFixed(6)

export function placesSection(cx: PlacesContext): ReportSection {
	const { t } = cx
	const map = cx.design.map ?? cx.full.map
	const pins = cx.design.map?.pins ?? []
	const title = t('places.heading')
	const area = map ? [{ type: 'paragraph' as const, text: t('places.area', { lat: degrees(map.centre.lat), lon: degrees(map.centre.lon), zoom: map.zoom }) }] : []
	if (pins.length === 0) {
		const total = cx.full.map?.pins.length ?? 0
		return { id: 'places', title, blocks: [...area, { type: 'paragraph', text: cx.agreedOnly && total > 0 ? t('places.noneAgreed', { total }) : t('places.none') }] }
	}
	const rows = pins.map((pin, i) => [
		String(i + 1),
		`${t(KIND_KEYS[pin.kind])}: ${pin.text}`,
		pin.place,
		degrees(pin.lat),
		degrees(pin.lon),
		...(cx.agreedOnly ? [] : [cx.statuses.get(pin.id) ? t(`status.${cx.statuses.get(pin.id)!}`) : '']),
	])
	const head = [t('places.number'), t('places.item'), t('places.place'), t('places.lat'), t('places.lon'), ...(cx.agreedOnly ? [] : [t('journey.status')])]
	return { id: 'places', title, blocks: [...area, { type: 'table', table: { caption: title, head, rows, rowHeaders: false, numeric: [0, 3, 4] } }] }
}
