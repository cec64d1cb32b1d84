/**
 * The budget ballot at the touch table, in a seat's dock: each option a big button to approve (or, for a
 * points ballot, buttons to give it a point or take one back), what the seat has chosen of the pot, and
 * Send, cast once for the seat's person through the facilitator's table. The server checks the ballot's
 * rules for a seat exactly as for anyone (over the pot, unknown option, closed round, a second ballot),
 * and stores nothing it refuses.
 * @module
 */
import type { BudgetBallot, BudgetRound, Seat } from '@cyd/model'
import { useEffect, useState, type ComponentType, type ReactNode } from 'react'
import { useI18n } from '../i18n/I18n'
import type { Say, Translate } from '../i18n/say'
import { money } from './CommunityPanel'
import type { CommunityApi } from './communityApi'
import './community.css'

/** The dock's own button, which acts once per tap under many fingers (table/Dock.tsx). */
type Tap = ComponentType<{ onTap(): void; disabled?: boolean; className?: string; children: ReactNode; 'aria-label'?: string; 'aria-pressed'?: boolean }>

export function DockBudget({ api, round, seat, index, Tap: TapButton }: { api: CommunityApi; round: BudgetRound; seat: Seat; index: number; Tap: Tap }) {
	const { t, language } = useI18n()
	const [ballot, setBallot] = useState<BudgetBallot>({})
	// null until the server says whether the seat has voted.
	const [sent, setSent] = useState<boolean | null>(null)
	// Kept as a message and said in the language chosen when shown.
	const [error, setError] = useState<Say | null>(null)
	useEffect(() => {
		setSent(null)
		setBallot({})
		let live = true
		api.myBallot(seat.id).then(
			(mine) => {
				if (!live) return
				if (mine.ballot) setBallot(mine.ballot)
				setSent(mine.ballot !== null)
			},
			() => live && setSent(false),
		)
		return () => {
			live = false
		}
	}, [api, round.id, seat.id])
	const m = (n: number) => money(language, round.currency, n)
	const weight = (id: string) => ballot[id] ?? 0
	const spent = round.options.reduce((s, o) => s + (weight(o.id) > 0 ? o.cost : 0), 0)
	const used = Object.values(ballot).reduce((s, w) => s + w, 0)
	const over = round.ballot === 'approval' ? spent > round.pot : used > round.points
	const empty = used === 0
	const give = (id: string, delta: number) => {
		setError(null)
		setBallot((b) => ({ ...b, [id]: Math.max(0, (b[id] ?? 0) + delta) }))
	}
	const send = () =>
		api.castBallot(Object.fromEntries(Object.entries(ballot).filter(([, w]) => w > 0)), seat.id).then(
			() => setSent(true),
			(e: unknown) => setError(() => (t: Translate) => t('dock.budgetRefused', { reason: e instanceof Error ? e.message : String(e) })),
		)
	return (
		<div className="dock-budget" data-dock-panel role="group" aria-label={t('dock.budgetOf', { name: seat.name })} data-testid={`dock-${index}-budget`}>
			{sent ? (
				<p role="status">{t('community.budget.sent')}</p>
			) : (
				<>
					<p>{round.ballot === 'approval' ? t('community.budget.ballot.approval') : t('community.budget.ballot.points')}</p>
					<div className="dock-budget-options">
						{round.options.map((o) =>
							round.ballot === 'approval' ? (
								<TapButton key={o.id} aria-pressed={weight(o.id) > 0} onTap={() => give(o.id, weight(o.id) > 0 ? -1 : 1)}>
									{`${o.title} · ${m(o.cost)}`}
								</TapButton>
							) : (
								<span key={o.id} className="dock-budget-points">
									<span>{t('dock.budgetPoints', { title: o.title, cost: m(o.cost), points: weight(o.id) })}</span>
									<TapButton aria-label={t('dock.budgetMore', { title: o.title })} disabled={used >= round.points} onTap={() => give(o.id, 1)}>
										+
									</TapButton>
									<TapButton aria-label={t('dock.budgetLess', { title: o.title })} disabled={weight(o.id) === 0} onTap={() => give(o.id, -1)}>
										−
									</TapButton>
								</span>
							),
						)}
					</div>
					<p role="status" aria-live="polite" data-testid={`dock-${index}-budget-chosen`}>
						{round.ballot === 'approval' ? t('community.budget.chosen', { spent: m(spent), pot: m(round.pot) }) : t('community.budget.pointsUsed', { used, points: round.points })}{' '}
						{over && t('community.budget.overPot')}
					</p>
					<p role="alert">{error?.(t)}</p>
					<TapButton className="primary" disabled={sent === null || over || empty} onTap={() => void send()}>
						{t('community.budget.submit')}
					</TapButton>
				</>
			)}
		</div>
	)
}
