/**
 * The choices of the journey and stakeholder forms (card kinds, stages, lanes, actors, stakeholder kinds),
 * one list each for the journey panel, the stakeholder panel and the outline's own forms. The card kinds
 * are the room's (its workshop template's, else every kind), which the room view provides.
 * @module
 */
import { CARD_KINDS, defaultCardKind, offeredCardKinds, STAKEHOLDER_KINDS, type CardKind, type LaneKind } from '@cyd/model'
import { createContext, useContext } from 'react'
import { useT } from './i18n/I18n'

/** The kinds of card the room offers, in order (`WorkshopState.cardKinds`). */
export const CardKindsContext = createContext<readonly CardKind[]>(CARD_KINDS)

/** The kinds of card the room offers, and `current` (a card's own kind) if the room no longer does. */
export function useCardKinds(current?: CardKind | null): CardKind[] {
	return offeredCardKinds(useContext(CardKindsContext), current)
}

interface Named {
	id: string
	name: string
}

/** The kind a new card in a lane of `lane` starts as: the lane's usual kind if the room offers it, else the room's first kind. */
export function useNewCardKind(lane: LaneKind): CardKind {
	const kinds = useContext(CardKindsContext)
	const usual = defaultCardKind(lane)
	return kinds.includes(usual) ? usual : (kinds[0] ?? usual)
}

/** The room's kinds of card; `current`, the kind a card has now, stays offered. */
export function CardKindOptions({ current }: { current?: CardKind | null } = {}) {
	const t = useT()
	return useCardKinds(current).map((k) => (
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
