/**
 * A saved version, open read-only in a dialog: its canvas, as it was, in a store of its own that
 * nothing writes back from.
 * @module
 */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import type { VersionInfo } from '@cyd/model'
import { useEffect, useRef, useState } from 'react'
import { Tldraw, createTLStore, defaultShapeUtils, loadSnapshot, type TLStore } from 'tldraw'
import { getConfig, type RoomApi } from './api'
import { useColorScheme } from './display'
import { useT } from './i18n/I18n'
import { withWelsh } from './i18n/tldraw'
import { journeyShapeUtils } from './journey/shapes'
import { stakeholderShapeUtils } from './stakeholders/shapes'

// Welsh among tldraw's languages here too (a Welsh browser's default), as in the room.
const assetUrls = withWelsh(getAssetUrlsByImport())
const shapeUtils = [...journeyShapeUtils, ...stakeholderShapeUtils]

export function VersionViewer({ api, version, onClose }: { api: RoomApi; version: VersionInfo; onClose(): void }) {
	const t = useT()
	const colorScheme = useColorScheme()
	const dialog = useRef<HTMLDialogElement>(null)
	const [store, setStore] = useState<TLStore | null>(null)
	// The deployment's tldraw licence key: without it tldraw blanks this editor too on a public HTTPS host.
	const [licenseKey, setLicenseKey] = useState<string | null>(null)
	const [error, setError] = useState('')
	useEffect(() => {
		dialog.current?.showModal()
		let cancelled = false
		Promise.all([api.versionCanvas(version.id), getConfig()]).then(
			([{ schema, records }, config]) => {
				if (cancelled) return
				const next = createTLStore({ shapeUtils: [...defaultShapeUtils, ...shapeUtils] })
				loadSnapshot(next, { document: { schema: schema as never, store: records as never } })
				setLicenseKey(config.tldrawLicenseKey)
				setStore(next)
			},
			(e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e))
		)
		return () => {
			cancelled = true
		}
	}, [api, version.id])
	return (
		<dialog ref={dialog} className="version-viewer" aria-labelledby="version-viewer-title" onClose={onClose}>
			<div className="panel-head">
				<h2 id="version-viewer-title">{t('versions.viewing', { name: version.name })}</h2>
				<button type="button" className="button small" onClick={() => dialog.current?.close()}>
					{t('versions.close')}
				</button>
			</div>
			{error && <p role="alert">{error}</p>}
			<div className="version-canvas" data-testid="version-canvas">
				{store && (
					<Tldraw
						store={store}
						shapeUtils={shapeUtils}
						assetUrls={assetUrls}
						hideUi
						colorScheme={colorScheme}
						{...(licenseKey ? { licenseKey } : {})}
						onMount={(editor) => {
							editor.updateInstanceState({ isReadonly: true })
							editor.zoomToFit({ animation: { duration: 0 } })
						}}
					/>
				)}
			</div>
		</dialog>
	)
}
