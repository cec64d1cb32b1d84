/**
 * The budget round in the outline, for the keyboard and a screen reader: while the round is open, the
 * ballot (a checkbox per option, or a number of points each, and Send), and once it is closed both rules'
 * results with why. The same form and results as the Decide panel (CommunityPanel.tsx); the server keeps
 * the ballot's rules.
 * @module
 */
import type { BudgetRound } from '@cyd/model'
import { useI18n } from '../i18n/I18n'
import { BallotForm, BudgetResultsView, useCommunityAction } from './CommunityPanel'
import type { CommunityApi } from './communityApi'

export function OutlineBudget({ api, round, canVote }: { api: CommunityApi; round: BudgetRound | null; canVote: boolean }) {
	const { t } = useI18n()
	const { error, run } = useCommunityAction()
	const open = round?.status === 'open' && canVote
	const closed = round?.status === 'closed' && round.results !== null
	if (!round || (!open && !closed)) return null
	return (
		<section aria-labelledby="outline-budget-h" data-testid="outline-budget">
			<h3 id="outline-budget-h">{t('community.budget.heading')}</h3>
			<p role="alert" className="error">
				{error?.(t)}
			</p>
			{open && <BallotForm api={api} round={round} run={run} />}
			{closed && <BudgetResultsView round={round} />}
		</section>
	)
}
