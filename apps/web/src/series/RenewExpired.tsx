/**
 * The screen a facilitator sees when their own link has expired: the server still lets that link renew
 * the room's links (never a revoked one). Extended, everyone's links and sessions work again and the room
 * opens; replaced, the facilitator joins again through their new link, as the same person.
 * @module
 */
import { useState } from 'react'
import { RoomApi } from '../api'
import { useI18n } from '../i18n/I18n'
import type { Say, Translate } from '../i18n/say'
import { Page } from '../Page'

/** Whether a refusal is the server saying that a facilitator's link has expired (links.ts, expiredMessage). */
export const isFacilitatorExpiry = (error: unknown): boolean => error instanceof Error && /facilitator's link has expired/.test(error.message)

export function RenewExpired({ roomId, session, onExtended }: { roomId: string; session: string; onExtended(): void }) {
	const { t } = useI18n()
	const [busy, setBusy] = useState(false)
	// Kept as a message and said in the language chosen when shown.
	const [error, setError] = useState<Say | null>(null)
	const renew = async (mode: 'extend' | 'reissue') => {
		setBusy(true)
		setError(null)
		try {
			const renewed = await new RoomApi(roomId, session).renewLinks(mode)
			if (mode === 'extend') onExtended()
			else if (renewed.facilitator) window.location.assign(renewed.facilitator.url)
		} catch (e) {
			setError(() => (t: Translate) => t('panel.failed', { reason: e instanceof Error ? e.message : String(e) }))
		} finally {
			setBusy(false)
		}
	}
	return (
		<Page>
			<h1>{t('links.expired.title')}</h1>
			<p>{t('links.expired.body')}</p>
			<p className="hint" id="expired-extend-hint">
				{t('links.renew.extendHint')}
			</p>
			<button type="button" className="button primary" disabled={busy} aria-describedby="expired-extend-hint" onClick={() => void renew('extend')}>
				{t('links.renew.extend')}
			</button>
			<p className="hint" id="expired-reissue-hint">
				{t('links.renew.reissueHint')}
			</p>
			<button type="button" className="button" disabled={busy} aria-describedby="expired-reissue-hint" onClick={() => void renew('reissue')}>
				{t('links.renew.reissue')}
			</button>
			<p role="alert" className="error">
				{error?.(t)}
			</p>
		</Page>
	)
}
