/**
 * What would help someone take part, asked optionally on the join form: the usual needs as checkboxes
 * and something else in their own words. Only the facilitator sees the answers.
 * @module
 */
import { ACCESS_NEEDS, MAX_ACCESS_OTHER, type AccessNeed } from '@cyd/model'
import { useId } from 'react'
import { useT } from '../i18n/I18n'

export interface NeedsValue {
	needs: AccessNeed[]
	other: string
}

export function AccessNeedsFields({ value, onChange }: { value: NeedsValue; onChange: (value: NeedsValue) => void }) {
	const t = useT()
	const id = useId()
	return (
		<details className="field access-needs" data-testid="join-needs">
			<summary>{t('join.needs')}</summary>
			<fieldset className="choices" aria-describedby={`${id}-hint`}>
				<legend className="visually-hidden">{t('join.needs')}</legend>
				<p id={`${id}-hint`} className="hint">
					{t('join.needs.hint')}
				</p>
				{ACCESS_NEEDS.map((need) => (
					<label key={need} className="choice">
						<input
							type="checkbox"
							name="needs"
							value={need}
							checked={value.needs.includes(need)}
							onChange={(e) => onChange({ ...value, needs: e.target.checked ? [...value.needs, need] : value.needs.filter((n) => n !== need) })}
						/>
						{t(`needs.${need}`)}
					</label>
				))}
				<label htmlFor={`${id}-other`}>{t('join.needs.other')}</label>
				<input id={`${id}-other`} name="needsOther" maxLength={MAX_ACCESS_OTHER} value={value.other} onChange={(e) => onChange({ ...value, other: e.target.value })} />
			</fieldset>
		</details>
	)
}
