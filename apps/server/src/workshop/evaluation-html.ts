/**
 * The evaluation's totals as a section of the HTML report and, when the facilitator chooses, of the public
 * page, in English and Welsh: how many answered, and for each statement how many gave each score and the
 * average. The report also lists what people would change; the public page does not (free text may name
 * someone, and the page names nobody).
 * @module
 */
import { EVALUATION_STATEMENTS, type EvaluationStatement, type EvaluationTotals, type Language } from '@cyd/model'

const WORDS: Record<Language, { heading: string; responses: (n: number) => string; statement: Record<EvaluationStatement, string>; scale: string[]; mean: string; none: string; changes: string; caption: string }> = {
	en: {
		heading: 'How people found the session',
		responses: (n) => `${n} ${n === 1 ? 'person' : 'people'} answered the evaluation, anonymously.`,
		statement: { listened: 'I was listened to', understood: 'I understood what was decided', again: 'I would take part again' },
		scale: ['Disagree strongly', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Agree strongly'],
		mean: 'Average (of 5)',
		none: 'no answers',
		changes: 'What people would change',
		caption: 'How many people gave each answer',
	},
	cy: {
		heading: 'Sut oedd y sesiwn i bobl',
		responses: (n) => (n === 1 ? 'Atebodd un person y gwerthusiad, yn ddienw.' : `Atebodd ${n} o bobl y gwerthusiad, yn ddienw.`),
		statement: { listened: 'Gwrandawyd arna i', understood: 'Roeddwn i’n deall beth gafodd ei benderfynu', again: 'Byddwn i’n cymryd rhan eto' },
		scale: ['Anghytuno’n gryf', 'Anghytuno', 'Dim yn cytuno nac yn anghytuno', 'Cytuno', 'Cytuno’n gryf'],
		mean: 'Cyfartaledd (o 5)',
		none: 'dim atebion',
		changes: 'Beth fyddai pobl yn ei newid',
		caption: 'Faint o bobl roddodd bob ateb',
	},
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The section, or '' when nobody has answered. `changes`: list what people would change (the report, not the public page). */
export function evaluationHtml(totals: EvaluationTotals, language: Language, options: { changes: boolean }): string {
	if (totals.responses === 0) return ''
	const w = WORDS[language]
	const number = (n: number) => n.toLocaleString(language === 'cy' ? 'cy-GB' : 'en-GB')
	const head = `<tr><th scope="col"></th>${w.scale.map((s, i) => `<th scope="col"><abbr title="${escape(s)}">${i + 1}</abbr></th>`).join('')}<th scope="col">${w.mean}</th></tr>`
	const rows = EVALUATION_STATEMENTS.map((key) => {
		const s = totals.statements[key]
		return `<tr><th scope="row">${escape(w.statement[key])}</th>${s.counts.map((n) => `<td>${number(n)}</td>`).join('')}<td>${s.mean === null ? w.none : number(s.mean)}</td></tr>`
	}).join('')
	const changes =
		options.changes && totals.changes.length
			? `<h3>${w.changes}</h3><ul>${totals.changes.map((c) => `<li>${escape(c)}</li>`).join('')}</ul>`
			: ''
	return `<section id="evaluation" aria-labelledby="evaluation-h" data-testid="evaluation"><h2 id="evaluation-h">${w.heading}</h2><p>${escape(w.responses(totals.responses))}</p><table><caption>${w.caption}</caption><thead>${head}</thead><tbody>${rows}</tbody></table>${changes}</section>`
}

/** Puts a section into a page, at the end of its main content. */
export function withSection(html: string, section: string): string {
	if (!section) return html
	const at = html.lastIndexOf('</main>')
	return at >= 0 ? html.slice(0, at) + section + html.slice(at) : html.replace('</body>', `${section}</body>`)
}
