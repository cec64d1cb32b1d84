/**
 * The facilitator's choice of the kinds of card the room offers (the journey panel, the outline and the
 * table's docks): one checkbox per kind, at least one kept, and two quick choices, an appraisal's kinds
 * (needs, achievements, what works...) and every kind. A workshop template saved from the room carries
 * them; cards already on the board keep their kind.
 * @module
 */
import { APPRAISAL_CARD_KINDS, CARD_KINDS, type CardKind } from '@cyd/model'
import { useId } from 'react'
import { useT } from './i18n/I18n'

export function CardKindsPicker({ value, onChange }: { value: readonly CardKind[]; onChange(kinds: CardKind[]): void }) {
	const t = useT()
	const id = useId()
	const same = (a: readonly CardKind[], b: readonly CardKind[]) => a.length === b.length && a.every((k, i) => k === b[i])
	return (
		<fieldset className="card-kinds" aria-describedby={`${id}-hint`} data-testid="card-kinds">
			<legend>{t('panel.cardKinds')}</legend>
			{CARD_KINDS.map((kind) => {
				const on = value.includes(kind)
				return (
					<label key={kind} className="check">
						<input
							type="checkbox"
							checked={on}
							// The last kind offered stays: a room offers at least one.
							disabled={on && value.length === 1}
							onChange={() => onChange(on ? value.filter((k) => k !== kind) : [...value, kind])}
						/>
						{t(`journey.kind.${kind}`)}
					</label>
				)
			})}
			<div className="button-row">
				<button type="button" className="button small" disabled={same(value, APPRAISAL_CARD_KINDS)} onClick={() => onChange([...APPRAISAL_CARD_KINDS])}>
					{t('panel.cardKindsAppraisal')}
				</button>
				<button type="button" className="button small" disabled={same(value, CARD_KINDS)} onClick={() => onChange([...CARD_KINDS])}>
					{t('panel.cardKindsAll')}
				</button>
			</div>
			<p id={`${id}-hint`} className="hint">
				{t('panel.cardKindsHint')}
			</p>
		</fieldset>
	)
}
