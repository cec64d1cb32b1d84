import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import type { Peer } from '@cyd/tldraw-yjs'
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type RefObject } from 'react'
import { Tldraw, useToasts, useTldrawCurrentUser, type Editor, type TLAssetStore, type TLUiOverrides, type TLUserPreferences } from 'tldraw'
import 'tldraw/tldraw.css'
import { UploadError, uploadAsset, type ClientConfig, type RoomInfo, type UploadErrorKind } from './api'
import type { MessageKey } from './i18n/catalog'
import { LanguagePicker, useI18n, useT } from './i18n/I18n'
import { saveName, type Identity } from './identity'
import { RoomConnection, type RoomSnapshot, type SaveStatus } from './roomConnection'
import { tldrawWelsh } from './tldrawWelsh'

/** tldraw's icons, fonts and translations, bundled by Vite (no CDN: a hall's LAN may have no internet). */
const assetUrls = getAssetUrlsByImport()
const overrides: TLUiOverrides = { translations: { cy: tldrawWelsh } }

declare global {
	interface Window {
		/** The editor of the open room, for diagnostics and end-to-end tests. */
		cydEditor?: Editor
	}
}

export function RoomView({ room, config, identity }: { room: RoomInfo; config: ClientConfig; identity: Identity }) {
	const { t, language } = useI18n()
	const toastRef = useRef<((kind: UploadErrorKind) => void) | null>(null)
	const [connection, setConnection] = useState<RoomConnection | null>(null)
	const [name, setName] = useState(identity.name)

	useEffect(() => {
		const assets: TLAssetStore = {
			async upload(_asset, file, abortSignal) {
				try {
					return { src: await uploadAsset(room.id, file, abortSignal) }
				} catch (error) {
					if (!abortSignal?.aborted) toastRef.current?.(error instanceof UploadError ? error.kind : 'failed')
					throw error
				}
			},
			resolve: (asset) => asset.props.src,
		}
		const c = new RoomConnection(room.id, identity, assets)
		setConnection(c)
		return () => c.dispose()
	}, [room.id, identity])

	const snapshot = useSyncExternalStore(connection?.subscribe ?? noSubscribe, connection?.getSnapshot ?? emptySnapshot)

	// A stable setter: a new one would give a new user object, and tldraw remakes the editor for that.
	const latest = useRef({ name, connection })
	latest.current = { name, connection }
	const setUserPreferences = useCallback((prefs: TLUserPreferences) => {
		const next = prefs.name?.trim()
		if (next && next !== latest.current.name) {
			saveName(next)
			setName(next)
			latest.current.connection?.setName(next)
		}
	}, [])
	const user = useTldrawCurrentUser({
		userPreferences: { id: identity.id, name, color: identity.color, locale: language },
		setUserPreferences,
	})

	const error = snapshot.binding?.status === 'error'
	return (
		<div className="room">
			<a className="skip-link" href="#main">
				{t('skip.toContent')}
			</a>
			<header className="room-header">
				<a className="brand" href="/">
					{t('app.name')}
				</a>
				<h1 className="room-title">{room.title || t('app.name')}</h1>
				<SaveStatusBadge status={snapshot.status} />
				<PeopleList peers={snapshot.peers} />
				<LanguagePicker />
			</header>
			<main id="main" className="room-canvas" aria-label={t('room.canvas')}>
				{error ? (
					<p role="alert" className="room-message">
						{t('room.newerVersion')}
					</p>
				) : connection && snapshot.ready ? (
					<Tldraw
						store={connection.store}
						user={user}
						assetUrls={assetUrls}
						overrides={overrides}
						{...(config.tldrawLicenseKey ? { licenseKey: config.tldrawLicenseKey } : {})}
						onMount={(editor) => {
							window.cydEditor = editor
							return () => {
								if (window.cydEditor === editor) delete window.cydEditor
							}
						}}
					>
						<UploadToasts toastRef={toastRef} />
					</Tldraw>
				) : (
					<p role="status" className="room-message">
						{t('room.connecting')}
					</p>
				)}
			</main>
		</div>
	)
}

const noSubscribe = () => () => {}
const EMPTY: RoomSnapshot = { ready: false, status: 'connecting', binding: null, peers: [] }
const emptySnapshot = () => EMPTY

/** Inside tldraw's UI: turns upload failures into i18n'd toasts. */
function UploadToasts({ toastRef }: { toastRef: RefObject<((kind: UploadErrorKind) => void) | null> }) {
	const { addToast } = useToasts()
	const t = useT()
	useEffect(() => {
		toastRef.current = (kind) => addToast({ title: t(`upload.${kind}`), severity: 'error' })
		return () => {
			toastRef.current = null
		}
	}, [addToast, t, toastRef])
	return null
}

const STATUS_KEYS: Record<SaveStatus, MessageKey> = {
	saved: 'status.saved',
	saving: 'status.saving',
	offline: 'status.offline',
	reconnecting: 'status.reconnecting',
	connecting: 'status.connecting',
}

function SaveStatusBadge({ status }: { status: SaveStatus }) {
	const t = useT()
	return (
		<div className={`save-status save-status-${status}`}>
			<span className="visually-hidden">{t('status.label')}: </span>
			<span className="save-status-dot" aria-hidden="true" />
			<span role="status" aria-live="polite" data-testid="save-status">
				{t(STATUS_KEYS[status])}
			</span>
		</div>
	)
}

function PeopleList({ peers }: { peers: readonly Peer[] }) {
	const t = useT()
	return (
		<section className="people" aria-labelledby="people-heading">
			<h2 id="people-heading" className="visually-hidden">
				{t('people.heading')}
			</h2>
			<span className="people-count" aria-hidden="true">
				{t('people.count', { count: peers.length })}
			</span>
			<ul className="people-list" data-testid="people-list">
				{peers.map((p) => (
					<li key={p.clientId} className="person" title={p.isLocal ? t('people.you', { name: p.name }) : p.name}>
						<span className="person-dot" style={{ background: p.color }} aria-hidden="true">
							{initials(p.name)}
						</span>
						<span className="person-name">{p.isLocal ? t('people.you', { name: p.name }) : p.name}</span>
					</li>
				))}
			</ul>
		</section>
	)
}

function initials(name: string): string {
	return (
		name
			.split(/\s+/)
			.filter(Boolean)
			.slice(0, 2)
			.map((w) => w[0]?.toUpperCase() ?? '')
			.join('') || '?'
	)
}
