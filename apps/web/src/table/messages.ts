/**
 * The table's messages: news for everyone round the table (a voting round opened or closed), each shown
 * for a while from when it happened, in server time, unless dismissed sooner.
 * @module
 */
import type { WorkshopState } from '@cyd/model'
import type { MessageKey } from '../i18n/catalog'

/** How long a message stays on the table. */
export const MESSAGE_MS = 30_000

export interface TableMessage {
	/** Names the news, so that dismissing it dismisses that news only. */
	id: string
	key: MessageKey
	params: Record<string, number>
	/** Server time the message goes by itself. */
	until: number
}

/** The table's message at server time `now`, unless it was dismissed; null when there is none. */
export function tableMessage(state: Pick<WorkshopState, 'round'>, now: number, dismissed: ReadonlySet<string>): TableMessage | null {
	const round = state.round
	if (!round) return null
	const message: TableMessage =
		round.status === 'closed'
			? { id: `${round.id}:closed`, key: 'vote.closed', params: { voters: round.voters ?? 0 }, until: (round.closedAt ?? 0) + MESSAGE_MS }
			: { id: `${round.id}:open`, key: 'table.roundOpen', params: { votes: round.votesPerPerson }, until: round.openedAt + MESSAGE_MS }
	return now < message.until && !dismissed.has(message.id) ? message : null
}
