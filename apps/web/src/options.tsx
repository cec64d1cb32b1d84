/**
 * The choices of the journey and stakeholder forms (card kinds, stages, lanes, actors, stakeholder kinds),
 * one list each for the journey panel, the stakeholder panel and the outline's own forms.
 * @module
 */
import { CARD_KINDS, STAKEHOLDER_KINDS } from '@cyd/model'
import { useT } from './i18n/I18n'

interface Named {
	id: string
	name: string
}

export function CardKindOptions() {
	const t = useT()
	return CARD_KINDS.map((k) => (
		<option key={k} value={k}>
			{t(`journey.kind.${k}`)}
		</option>
	))
}

export function StageOptions({ stages }: { stages: readonly Named[] }) {
	const t = useT()
	return stages.map((s, i) => (
		<option key={s.id} value={s.id}>
			{s.name || t('journey.stageN', { n: i + 1 })}
		</option>
	))
}

export function LaneOptions({ lanes }: { lanes: readonly Named[] }) {
	const t = useT()
	return lanes.map((l, i) => (
		<option key={l.id} value={l.id}>
			{l.name || t('journey.laneN', { n: i + 1 })}
		</option>
	))
}

/** No one, then each stakeholder: who acts in a journey step. */
export function ActorOptions({ stakeholders }: { stakeholders: readonly Named[] }) {
	const t = useT()
	return (
		<>
			<option value="">{t('journey.noActor')}</option>
			{stakeholders.map((s) => (
				<option key={s.id} value={s.id}>
					{s.name || t('map.unnamed')}
				</option>
			))}
		</>
	)
}

export function StakeholderKindOptions() {
	const t = useT()
	return STAKEHOLDER_KINDS.map((k) => (
		<option key={k} value={k}>
			{t(`map.kind.${k}`)}
		</option>
	))
}
