/**
 * The facilitator's choice of the room's time zone: every screen and every export writes the room's
 * dates and times in it ("14:05" is the hall's clock, whatever a remote participant's device says).
 * @module
 */
import { useMemo } from 'react'
import { useI18n } from './i18n/I18n'

export function TimeZonePicker({ value, onChange }: { value: string; onChange(timeZone: string): void }) {
	const { t } = useI18n()
	const zones = useMemo(() => {
		const known = Intl.supportedValuesOf('timeZone')
		return known.includes(value) ? known : [value, ...known]
	}, [value])
	return (
		<div className="field">
			<label htmlFor="room-time-zone">{t('panel.timeZone')}</label>
			<select id="room-time-zone" value={value} aria-describedby="room-time-zone-hint" onChange={(e) => onChange(e.currentTarget.value)}>
				{zones.map((zone) => (
					<option key={zone} value={zone}>
						{zone.replaceAll('_', ' ')}
					</option>
				))}
			</select>
			<p id="room-time-zone-hint" className="hint">
				{t('panel.timeZoneHint')}
			</p>
		</div>
	)
}
