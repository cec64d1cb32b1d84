/**
 * Links for the touch table as QR codes: the participant link for a phone at the table (at a seat's
 * place, if given), and the table's own link, to open the table layout on another screen.
 * @module
 */
import type { Seat } from '@cyd/model'
import QRCode from 'qrcode'
import { useEffect, useState } from 'react'
import type { RoomApi } from '../api'
import { CopyField } from '../CopyField'
import { useT } from '../i18n/I18n'

/** A role's current join link; 'none' when the role has no link (null until known). */
function useLink(api: RoomApi, role: 'participant' | 'facilitator'): string | null | 'none' {
	const [link, setLink] = useState<string | null | 'none'>(null)
	useEffect(() => {
		let cancelled = false
		api.links().then(
			(links) => {
				if (cancelled) return
				const url = links[role]
				setLink(url ?? 'none')
			},
			() => !cancelled && setLink('none'),
		)
		return () => {
			cancelled = true
		}
	}, [api, role])
	return link
}

function QrImage({ link, alt, testId = 'table-qr', size = 200 }: { link: string; alt: string; testId?: string; size?: number }) {
	const [svg, setSvg] = useState<string | null>(null)
	useEffect(() => {
		let cancelled = false
		void QRCode.toString(link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }).then((s) => !cancelled && setSvg(s))
		return () => {
			cancelled = true
		}
	}, [link])
	return svg ? <img className="table-qr" data-testid={testId} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={alt} width={size} height={size} /> : null
}

/** The participant join link of the room as a QR code, for a phone at the table (at a seat's place, if given). */
export function PhoneCode({ api, seat }: { api: RoomApi; seat: Seat | null }) {
	const t = useT()
	const link = useLink(api, 'participant')
	// A seat's code carries the server's key for that seat, so the phone that joins with it is the seat's person.
	const [keys, setKeys] = useState<Record<string, string> | null>(null)
	useEffect(() => {
		let cancelled = false
		if (seat) api.recognition().tablePhones().then((k) => !cancelled && setKeys(k), () => !cancelled && setKeys({}))
		return () => {
			cancelled = true
		}
	}, [api, seat])
	const seatKey = seat ? keys?.[seat.id] : undefined
	return (
		<div className="table-phone">
			<p>{t('table.phone.hint')}</p>
			{link === 'none' ? (
				<p role="alert">{t('table.phone.none')}</p>
			) : link ? (
				// A seat's link is longer (its key), so its code is drawn larger for a phone's camera.
				<QrImage link={seat ? `${link}&seat=${encodeURIComponent(seat.name)}${seatKey ? `&seatKey=${encodeURIComponent(seatKey)}` : ''}` : link} alt={t('table.phone.qr')} size={seat ? 240 : 200} />
			) : null}
		</div>
	)
}

/** The facilitator's join link, opening straight into the table layout (`?mode=table`). */
export function tableLinkOf(facilitatorLink: string): string {
	const url = new URL(facilitatorLink)
	url.searchParams.set('mode', 'table')
	return url.toString()
}

/** "Open the table on another screen": the table's link to copy, and as a QR code for the table's camera. */
export function TableLink({ api }: { api: RoomApi }) {
	const t = useT()
	const facilitator = useLink(api, 'facilitator')
	if (facilitator === 'none') return <p role="alert">{t('table.elsewhere.none')}</p>
	if (!facilitator) return null
	const link = tableLinkOf(facilitator)
	return (
		<div className="table-elsewhere" data-testid="table-link">
			<CopyField label={t('table.elsewhere.link')} value={link} copyLabel={t('table.elsewhere.copy')} hint={t('table.elsewhere.hint')} />
			<QrImage link={link} alt={t('table.elsewhere.qr')} testId="table-link-qr" />
		</div>
	)
}
