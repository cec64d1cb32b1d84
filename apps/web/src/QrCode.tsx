/**
 * A link as a QR code, for people in a hall to scan with their phone's camera rather than type.
 * @module
 */
import QRCode from 'qrcode'
import { useEffect, useState } from 'react'

export function QrCode({ link, alt, size = 200, testId }: { link: string; alt: string; size?: number; testId?: string }) {
	const [svg, setSvg] = useState<string | null>(null)
	useEffect(() => {
		let cancelled = false
		void QRCode.toString(link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }).then((s) => !cancelled && setSvg(s))
		return () => {
			cancelled = true
		}
	}, [link])
	if (!svg) return null
	return <img className="qr-code" data-testid={testId} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={alt} width={size} height={size} />
}
