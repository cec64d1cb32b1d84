/**
 * What the table shows everyone, in the middle of the table where no dock reaches: the current agenda
 * item, the countdown and the table's latest message, one copy turned to each occupied edge so that
 * everyone reads one the right way up. A message can be dismissed from any copy, and goes by itself.
 * @module
 */
import { timerRemaining, type WorkshopState } from '@cyd/model'
import { formatRemaining, useServerNow } from '../clock'
import { useT } from '../i18n/I18n'
import { platesIn, type Edge, type Plate, type Rect } from './layout'

/** A plate's size as its readers see it: a row for the phase and the time, and one for a message. */
const PLATE_W = 360
const ROW_H = 60
const MESSAGE_H = 96

export interface HubLayout {
	plates: Plate[]
	scale: number
	/** The plates' size as their readers see them. */
	width: number
	height: number
	/** Where they are, all together (new notes keep clear of it). */
	bounds: Rect | null
}

/** Whether the middle of the table has anything to show: the agenda item, the countdown, a message. */
export function hubRows(state: WorkshopState, message: boolean): { phase: boolean; message: boolean } | null {
	const phase = state.agenda.some((a) => a.id === state.phaseId) || state.timer.endsAt !== null || state.timer.remainingMs !== null
	return phase || message ? { phase, message } : null
}

/** Where the copies go in `free`, one for each occupied edge; null when there is nothing to show. */
export function hubLayout(free: Rect, edges: ReadonlySet<Edge>, rows: { phase: boolean; message: boolean } | null): HubLayout | null {
	if (!rows) return null
	const height = (rows.phase ? ROW_H : 0) + (rows.message ? MESSAGE_H : 0)
	return { ...platesIn(free, edges, PLATE_W, height), width: PLATE_W, height }
}

export function TableHub({
	layout,
	state,
	clockOffset,
	message,
	onDismiss,
}: {
	layout: HubLayout
	state: WorkshopState
	clockOffset: number
	/** The table's latest message, in words, or null. */
	message: string | null
	onDismiss(): void
}) {
	const t = useT()
	const { timer } = state
	const running = timer.endsAt !== null
	const now = useServerNow(clockOffset, running)
	const phase = state.agenda.find((a) => a.id === state.phaseId) ?? null
	const hasTimer = running || timer.remainingMs !== null
	const remaining = timerRemaining(timer, now)
	const time = formatRemaining(remaining)
	const { plates, scale, width, height } = layout
	return (
		<div className="table-hub" data-testid="table-hub">
			{plates.map((plate, i) => (
				// The first copy is the one read aloud; the others say the same to the other sides.
				<div
					key={plate.edge}
					className="table-plate"
					data-testid={`table-plate-${plate.edge}`}
					data-angle={plate.angle}
					aria-hidden={i > 0 || undefined}
					role={i === 0 ? 'region' : undefined}
					aria-label={i === 0 ? t('table.hub') : undefined}
					style={{ left: plate.centre.x, top: plate.centre.y, width, height, transform: `translate(-50%, -50%) rotate(${plate.angle}deg) scale(${scale})` }}
				>
					{(phase || hasTimer) && (
						<div className="plate-row">
							<span className="plate-phase">
								{phase && (
									<>
										<span className="visually-hidden">{t('timer.phase')}: </span>
										{phase.title || t(`kind.${phase.kind}`)}
									</>
								)}
							</span>
							{hasTimer && (
								<span className={`plate-time${remaining === 0 ? ' up' : ''}`} role={i === 0 ? 'timer' : undefined} aria-label={i === 0 ? t('timer.label') : undefined} data-testid="plate-time">
									{running ? (remaining === 0 ? t('timer.up') : time) : t('timer.paused', { time })}
								</span>
							)}
						</div>
					)}
					{message && (
						<div className="plate-message" role={i === 0 ? 'status' : undefined}>
							<p data-testid="plate-message">{message}</p>
							<button type="button" className="plate-dismiss" aria-label={t('table.dismiss')} tabIndex={i === 0 ? undefined : -1} onClick={onDismiss}>
								×
							</button>
						</div>
					)}
				</div>
			))}
		</div>
	)
}
