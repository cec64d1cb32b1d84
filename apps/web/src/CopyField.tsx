import { useId, useState } from 'react'
import { useT } from './i18n/I18n'

/** A read-only field with a copy button; says whether copying worked. */
export function CopyField({ label, value, copyLabel, hint }: { label: string; value: string; copyLabel: string; hint?: string }) {
	const t = useT()
	const id = useId()
	const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
	const copy = async () => {
		try {
			await navigator.clipboard.writeText(value)
			setState('copied')
		} catch {
			;(document.getElementById(id) as HTMLInputElement | null)?.select()
			setState('failed')
		}
	}
	return (
		<div className="field">
			<label htmlFor={id}>{label}</label>
			{hint && <p className="hint">{hint}</p>}
			<div className="copy-row">
				<input id={id} readOnly value={value} onFocus={(e) => e.target.select()} />
				<button type="button" className="button" aria-label={copyLabel} onClick={copy}>
					{t('landing.created.copy')}
				</button>
			</div>
			<p className="hint" role="status" aria-live="polite">
				{state === 'copied' ? t('landing.created.copied') : state === 'failed' ? t('landing.created.copyFailed') : ''}
			</p>
		</div>
	)
}
