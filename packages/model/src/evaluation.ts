/**
 * The end-of-session evaluation: a few statements answered on a five-point scale (1, disagree strongly,
 * to 5, agree strongly) and "what would you change", short and anonymous. The server keeps the answers
 * apart from who answered: one set of the people who have answered (so nobody answers twice) and a list
 * of answers that name nobody, in an order that says nothing of who came when.
 * @module
 */

/** The statements, by key; their words are in the web app's and the exports' catalogues, in both languages. */
export const EVALUATION_STATEMENTS = ['listened', 'understood', 'again'] as const
export type EvaluationStatement = (typeof EVALUATION_STATEMENTS)[number]

export const EVALUATION_SCALE = [1, 2, 3, 4, 5] as const
export type EvaluationScore = (typeof EVALUATION_SCALE)[number]

/** Most characters of "what would you change". */
export const MAX_EVALUATION_CHANGE = 1000

/** One person's answer: a score for each statement they answered (each may be skipped), and what they would change. */
export interface EvaluationAnswer {
	scores: Partial<Record<EvaluationStatement, EvaluationScore>>
	change: string
}

/** How many people gave each score to one statement, and their mean (null when nobody scored it). */
export interface StatementTotals {
	/** Counts of the scores 1 to 5, in order. */
	counts: [number, number, number, number, number]
	answered: number
	mean: number | null
}

/** The totals of a session's evaluation. */
export interface EvaluationTotals {
	/** Whether the evaluation is open for answers. */
	open: boolean
	/** Whether the facilitator shows the totals on the public page. */
	public: boolean
	/** How many people answered. */
	responses: number
	statements: Record<EvaluationStatement, StatementTotals>
	/** What people would change, the non-empty ones, in no particular order. */
	changes: string[]
}

export const isEvaluationStatement = (value: unknown): value is EvaluationStatement => (EVALUATION_STATEMENTS as readonly unknown[]).includes(value)

/** The totals of a list of answers. */
export function evaluationTotals(answers: readonly EvaluationAnswer[], flags: { open: boolean; public: boolean }): EvaluationTotals {
	const statements = Object.fromEntries(
		EVALUATION_STATEMENTS.map((key) => {
			const counts: StatementTotals['counts'] = [0, 0, 0, 0, 0]
			let sum = 0
			for (const answer of answers) {
				const score = answer.scores[key]
				if (score === undefined) continue
				counts[(score - 1) as 0 | 1 | 2 | 3 | 4] += 1
				sum += score
			}
			const answered = counts.reduce((a, b) => a + b, 0)
			return [key, { counts, answered, mean: answered ? Math.round((sum / answered) * 100) / 100 : null }]
		})
	) as Record<EvaluationStatement, StatementTotals>
	return { ...flags, responses: answers.length, statements, changes: answers.map((a) => a.change.trim()).filter((c) => c !== '') }
}

/** One session's means, for the trend across a series. */
export interface EvaluationTrendPoint {
	room: string
	title: string
	responses: number
	means: Record<EvaluationStatement, number | null>
}
