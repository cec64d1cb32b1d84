import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { DEFAULT_TIME_ZONE, EMPTY_WORKSHOP, latestDecisions, mayChangeStructure, readOnlyReason, takesPart, type CardKind, type VotingRound, type WorkshopState } from '@cyd/model'
import type { Peer } from '@cyd/tldraw-yjs'
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type RefObject } from 'react'
import {
	DefaultContextMenu,
	DefaultStylePanel,
	Tldraw,
	useEditor,
	useToasts,
	useValue,
	useTldrawCurrentUser,
	type Editor,
	type TLAssetStore,
	type TLComponents,
	type TLUiOverrides,
	type TLUserPreferences,
	type TLEventInfo,
	type TLUiContextMenuProps,
	type TLUiStylePanelProps,
} from 'tldraw'
import 'tldraw/tldraw.css'
import { ApiError, RoomApi, UploadError, type Ballot, type ClientConfig, type RoomInfo, type UploadErrorKind } from './api'
import { CanvasOverlay, OverlayContext, type OverlayData } from './CanvasOverlay'
import { ActionCards, CommitmentsDock } from './CommitmentsPanel'
import { fitBoard } from './camera'
import { useClockOffset } from './clock'
import { DisplayMenu, useColorScheme, useDisplayPrefs } from './display'
import { EmptyBoard } from './EmptyBoard'
import { FacilitatorPanel } from './FacilitatorPanel'
import { MyContributionButton } from './recognition/MyContribution'
import { PageMenu } from './PageMenu'
import { EvaluationPrompt } from './series/EvaluationForm'
import { FollowNote, useFollowing } from './follow'
import { MapBackground, MapContext } from './map/MapLayer'
import { MapPanel } from './map/MapPanel'
import { designOf, setJourneyAuthor } from './journey/actions'
import { JourneyPanel } from './journey/JourneyPanel'
import { journeyShapeUtils } from './journey/shapes'
import { useBoardAnnouncements } from './outline/announce'
import { OutlinePanel } from './outline/OutlinePanel'
import { confirmDeleteStakeholder, StakeholderPanel } from './stakeholders/StakeholderPanel'
import { shapeVisibility, stakeholderShapeUtils } from './stakeholders/shapes'
import type { MessageKey } from './i18n/catalog'
import { LanguagePicker, useI18n, useT } from './i18n/I18n'
import { CardKindsContext } from './options'
import { saveName, type Identity } from './identity'
import { EMPTY_ROOM_SNAPSHOT, RoomConnection, type SaveStatus } from './roomConnection'
import { CydSelectTool } from './selectTool'
import type { StoredSession } from './session'
import { guardStructure, setStructureLocked } from './structure'
import { tableShapeUtils } from './table/facing'
import { TableView } from './table/TableView'
import { tldrawTranslations, withWelsh } from './i18n/tldraw'
import { WorkshopConnection, type Ended, type WorkshopSnapshot } from './workshopConnection'
import { CommunityPanel, ExpertsAway } from './community/CommunityPanel'
import { CommunityApi } from './community/communityApi'
import { expertsAway, parseCommunity } from '@cyd/model'
import { Countdown, isolateKeys, moveToView, RoleBadge, showShape, useTapToVote, ViewOnlyBanner, VoteBar } from './WorkshopUi'

/** tldraw's icons, fonts and translations, bundled by Vite (no CDN: a hall's LAN may have no internet), Welsh among them. */
const assetUrls = withWelsh(getAssetUrlsByImport())

/** tldraw's translations, and its undo and redo routed to the room's personal, field-by-field undo. */
function roomOverrides(room: () => RoomConnection | null): TLUiOverrides {
	return {
		translations: tldrawTranslations,
		actions(_editor, actions) {
			return {
				...actions,
				undo: { ...actions.undo!, onSelect: () => void room()?.undo() },
				redo: { ...actions.redo!, onSelect: () => void room()?.redo() },
			}
		},
	}
}

declare global {
	interface Window {
		/** The editor of the open room, for diagnostics and end-to-end tests. */
		cydEditor?: Editor
		/** The open room's connection, for diagnostics and end-to-end tests. */
		cydRoom?: RoomConnection
		/** The ServiceDesign of what this screen holds, for diagnostics and end-to-end tests. */
		cydDesign?: () => ReturnType<typeof designOf>
		/** The workshop state this screen holds, for diagnostics and end-to-end tests. */
		cydWorkshop?: () => WorkshopState
	}
}

const EMPTY_COMMUNITY = parseCommunity({})

export function RoomView({
	room,
	config,
	session,
	identity,
	onEnded,
}: {
	room: RoomInfo
	config: ClientConfig
	session: StoredSession
	identity: Identity
	onEnded(why: Ended): void
}) {
	const { t, language, setTimeZone } = useI18n()
	const role = session.person.role
	const myId = session.person.id
	const toastRef = useRef<((kind: UploadErrorKind) => void) | null>(null)
	const [connection, setConnection] = useState<RoomConnection | null>(null)
	const [workshopConnection, setWorkshopConnection] = useState<WorkshopConnection | null>(null)
	const [name, setName] = useState(identity.name)
	const [editor, setEditor] = useState<Editor | null>(null)
	// One panel at a time beside the canvas (the outline has its own place, on the other side).
	const [side, setSide] = useState<'facilitator' | 'journey' | 'stakeholders' | 'geomap' | 'community' | null>(role === 'facilitator' ? 'facilitator' : null)
	const [outlineOpen, setOutlineOpen] = useState(false)
	const [toolsOpen, setToolsOpen] = useState(false)
	// Opening a panel folds the menu away (on a phone it would sit between the header and the board).
	const toggle = (panel: NonNullable<typeof side>) => {
		setToolsOpen(false)
		setSide((open) => (open === panel ? null : panel))
	}
	// The touch-table layout (`?mode=table`): the table's screen is a facilitator's session.
	const [tableMode, setTableMode] = useState(() => role === 'facilitator' && new URLSearchParams(window.location.search).get('mode') === 'table')
	const showTable = (on: boolean) => {
		const url = new URL(window.location.href)
		if (on) url.searchParams.set('mode', 'table')
		else url.searchParams.delete('mode')
		history.replaceState(history.state, '', url)
		setTableMode(on)
	}
	const [seenDenied, setSeenDenied] = useState(0)
	const api = useMemo(() => new RoomApi(room.id, session.session), [room.id, session.session])
	const clockOffset = useClockOffset()

	// Callbacks that change every render, read by long-lived objects through a ref.
	const latest = useRef({ name, connection, identity, onEnded, t, tableMode })
	latest.current = { name, connection, identity, onEnded, t, tableMode }
	const overrides = useMemo(() => roomOverrides(() => latest.current.connection), [])

	useEffect(() => {
		const assets: TLAssetStore = {
			async upload(_asset, file, abortSignal) {
				try {
					return { src: await api.upload(file, abortSignal) }
				} catch (error) {
					if (!abortSignal?.aborted) toastRef.current?.(error instanceof UploadError ? error.kind : 'failed')
					throw error
				}
			},
			resolve: (asset) => asset.props.src,
		}
		// A socket that keeps failing may be a session the server no longer takes: ask, at most every 10 s.
		let lastCheck = 0
		const checkSession = () => {
			if (Date.now() - lastCheck < 10_000) return
			lastCheck = Date.now()
			api.me().catch((error: unknown) => {
				if (error instanceof ApiError && (error.status === 401 || error.status === 403)) latest.current.onEnded(error.status === 403 ? 'removed' : 'revoked')
			})
		}
		const c = new RoomConnection({
			roomId: room.id,
			identity: latest.current.identity,
			session: session.session,
			assets,
			// Until the workshop state is known, only a facilitator is sure to be allowed to write.
			readOnly: session.person.role !== 'facilitator',
			onConnectionLost: checkSession,
		})
		const w = new WorkshopConnection(room.id, session.session, (why) => latest.current.onEnded(why))
		setConnection(c)
		setWorkshopConnection(w)
		window.cydRoom = c
		return () => {
			if (window.cydRoom === c) delete window.cydRoom
			c.dispose()
			w.dispose()
		}
	}, [room.id, session.session, session.person.role, api])

	const snapshot = useSyncExternalStore(connection?.subscribe ?? noSubscribe, connection?.getSnapshot ?? emptySnapshot)
	const workshop = useSyncExternalStore(workshopConnection?.subscribe ?? noSubscribe, workshopConnection?.getSnapshot ?? emptyWorkshop)
	const state = workshop.state
	const community = workshop.community ?? EMPTY_COMMUNITY
	const communityApi = useMemo(() => new CommunityApi(room.id, session.session), [room.id, session.session])
	// While experts are out of the room, an expert's board is blank with a note why (the server sends them nothing).
	const away = role === 'expert' && expertsAway(community)
	useEffect(() => {
		window.cydWorkshop = () => workshopConnection?.getSnapshot().state ?? EMPTY_WORKSHOP
		return () => void delete window.cydWorkshop
	}, [workshopConnection])
	useEffect(() => {
		if (snapshot.ended) latest.current.onEnded(snapshot.ended)
	}, [snapshot.ended])
	// Dates and times on every panel are written in the room's time zone.
	useEffect(() => setTimeZone(state.timeZone ?? DEFAULT_TIME_ZONE), [state.timeZone, setTimeZone])

	// Mirror the server's rule so people rarely make an edit it would refuse (again after each refusal).
	// At the touch table, a lock that covers the table holds the facilitator's screen too.
	const reason = readOnlyReason(role, state, { table: tableMode })
	const readOnly = reason !== null || (!workshop.synced && role !== 'facilitator')
	const denied = snapshot.denied
	useEffect(() => connection?.setTable(tableMode), [connection, tableMode])
	useEffect(() => {
		connection?.setReadOnly(readOnly)
		editor?.updateInstanceState({ isReadonly: readOnly })
	}, [connection, editor, readOnly, denied])
	// The board's structure (blueprints, maps, stages, lanes) is the facilitator's unless opened to everyone.
	const structureOpen = mayChangeStructure(role, state)
	useEffect(() => {
		if (editor) setStructureLocked(editor, !structureOpen)
	}, [editor, structureOpen])

	// The kinds of card the room offers, for every card picker (the same list while it does not change).
	const cardKindsKey = state.cardKinds.join(' ')
	const cardKinds = useMemo(() => cardKindsKey.split(' ') as CardKind[], [cardKindsKey])

	const following = useFollowing(editor, state.follow, myId)
	const announcement = useAnnouncements(workshop, editor, myId)
	const boardNews = useBoardAnnouncements(editor)
	// Only those who take part vote (as the server's rule says): not observers, nor the steward.
	const { ballot, voteError, vote } = useVoting(api, state.round, takesPart(role))
	// On a touch screen a tap on a card votes for it while a round is open.
	useTapToVote(editor, state.round?.status === 'open' && takesPart(role) && !tableMode, (shapeId) => vote(shapeId, 1))

	// A stable setter: a new one would give a new user object, and tldraw remakes the editor for that.
	const setUserPreferences = useCallback((prefs: TLUserPreferences) => {
		const next = prefs.name?.trim()
		if (next && next !== latest.current.name) {
			saveName(next)
			setName(next)
			latest.current.connection?.setName(next)
		}
	}, [])
	// With motion reduced, tldraw's camera moves (following included) jump instead of gliding.
	const { reducedMotion } = useDisplayPrefs()
	const user = useTldrawCurrentUser({
		userPreferences: { id: identity.id, name, color: identity.color, locale: language, colorScheme: useColorScheme(), ...(reducedMotion ? { animationSpeed: 0 } : {}) },
		setUserPreferences,
	})

	// Cards and personas made here are credited to this person, by their id in the room.
	useEffect(() => {
		if (editor) setJourneyAuthor(editor, { id: myId, name })
	}, [editor, myId, name])

	const overlay = useMemo<OverlayData>(
		() => ({
			results: state.round?.status === 'closed' ? state.round.results : null,
			mine: state.round?.status === 'open' ? (ballot?.ballot ?? null) : null,
			spotlight: state.spotlight?.shapeId ?? null,
			statuses: Object.fromEntries([...latestDecisions(state.decisions)].map(([item, d]) => [item, d.status])),
		}),
		[state.round, state.spotlight, state.decisions, ballot]
	)

	const error = snapshot.binding?.status === 'error'
	const facilitator = role === 'facilitator'
	const recognitionApi = useMemo(() => api.recognition(), [api])
	return (
		<div className={tableMode ? 'room table-mode' : 'room'}>
			<a className="skip-link" href="#main">
				{t('skip.toContent')}
			</a>
			{!tableMode && (
				<header className="room-header" data-tools-open={toolsOpen} {...isolateKeys}>
					<a className="brand" href="/">
						{t('app.name')}
					</a>
					<h1 className="room-title">{room.title || t('app.name')}</h1>
					<RoleBadge role={role} />
					<Countdown state={state} clockOffset={clockOffset} />
					<SaveStatusBadge status={snapshot.status} />
					<button type="button" className="button small room-tools-toggle" aria-expanded={toolsOpen} aria-controls="room-tools" onClick={() => setToolsOpen((o) => !o)}>
						{t('room.menu')}
					</button>
					{/* On a narrow screen these fold behind the menu button; on a wide one they are simply in the header. */}
					<div id="room-tools" className="room-tools" data-open={toolsOpen}>
						<PeopleList peers={snapshot.peers} />
						<button type="button" className="button small" aria-expanded={outlineOpen} aria-controls="outline-panel" onClick={() => setOutlineOpen((o) => !o)}>
							{t('outline.open')}
						</button>
						<button type="button" className="button small" aria-expanded={side === 'journey'} aria-controls="journey-panel" onClick={() => toggle('journey')}>
							{t('journey.open')}
						</button>
						<button type="button" className="button small" aria-expanded={side === 'stakeholders'} aria-controls="stakeholder-panel" onClick={() => toggle('stakeholders')}>
							{t('map.open')}
						</button>
						{(facilitator || state.map) && (
							<button type="button" className="button small" aria-expanded={side === 'geomap'} aria-controls="geomap-panel" onClick={() => toggle('geomap')}>
								{t('geomap.open')}
							</button>
						)}
						{role !== 'observer' && (
							<button type="button" className="button small" aria-expanded={side === 'community'} aria-controls="community-panel" onClick={() => toggle('community')}>
								{t('community.open')}
							</button>
						)}
						{facilitator && (
							<button type="button" className="button small" aria-expanded={side === 'facilitator'} aria-controls="facilitator-panel" onClick={() => toggle('facilitator')}>
								{t('panel.open')}
							</button>
						)}
						<MyContributionButton api={recognitionApi} role={role} />
						<DisplayMenu />
						<LanguagePicker />
					</div>
				</header>
			)}
			{!tableMode && <ViewOnlyBanner reason={reason} denied={snapshot.denied > seenDenied} onDismissDenied={() => setSeenDenied(snapshot.denied)} />}
			<p className="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
				{announcement}
			</p>
			<p className="visually-hidden" role="status" aria-live="polite" data-testid="board-announcer">
				{boardNews}
			</p>
			<CardKindsContext.Provider value={cardKinds}>
			<div className="room-body">
				{outlineOpen && editor && !tableMode && (
					<OutlinePanel
						editor={editor}
						state={state}
						ballot={ballot}
						canVote={takesPart(role)}
						onVote={vote}
						onEdit={setSide}
						onClose={() => setOutlineOpen(false)}
						budget={{ api: communityApi, round: community.budget }}
					/>
				)}
				<div className="room-stage">
				{!tableMode && <VoteBar editor={editor} round={state.round} role={role} ballot={ballot} error={voteError} onVote={vote} />}
				<main id="main" className="room-canvas" aria-label={t('room.canvas')}>
					{away ? (
						<ExpertsAway />
					) : error ? (
						<p role="alert" className="room-message">
							{t('room.newerVersion')}
						</p>
					) : connection && snapshot.ready ? (
						<OverlayContext.Provider value={overlay}>
							<MapContext.Provider value={state.map}>
							<Tldraw
								store={connection.store}
								shapeUtils={shapeUtils}
								getShapeVisibility={shapeVisibility}
								user={user}
								assetUrls={assetUrls}
								overrides={overrides}
								components={components}
								tools={tools}
								hideUi={tableMode}
								{...(config.tldrawLicenseKey ? { licenseKey: config.tldrawLicenseKey } : {})}
								onMount={(mounted) => {
									window.cydEditor = mounted
									window.cydDesign = () => designOf(mounted)
									const stopStructure = guardStructure(mounted)
									// Opened (or reloaded) on the whole board, fitted to the screen; the table keeps its own view.
									// (A frame later, once tldraw has measured the screen.)
									if (!latest.current.tableMode) requestAnimationFrame(() => fitBoard(mounted))
									// Deleting a stakeholder that journey steps name as actor asks first; the steps stay.
									const stopDelete = mounted.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => {
										if (source !== 'user') return
										const ok = confirmDeleteStakeholder(mounted, shape.id, (count, who) => window.confirm(latest.current.t('map.confirmDelete', { name: who, count })))
										return ok ? undefined : false
									})
									setEditor(mounted)
									// Each gesture is one undo step. Store changes reach the document a frame late, so the
									// step is cut on the next frame, after what came before the gesture has been written.
									const onEvent = (info: TLEventInfo) => {
										if (info.name === 'pointer_down') requestAnimationFrame(() => latest.current.connection?.newUndoStep())
									}
									mounted.on('event', onEvent)
									return () => {
										mounted.off('event', onEvent)
										stopDelete()
										stopStructure()
										if (window.cydEditor === mounted) {
											delete window.cydEditor
											delete window.cydDesign
										}
										setEditor((e) => (e === mounted ? null : e))
									}
								}}
							>
								<UploadToasts toastRef={toastRef} />
							</Tldraw>
							</MapContext.Provider>
						</OverlayContext.Provider>
					) : (
						<p role="status" className="room-message">
							{t('room.connecting')}
						</p>
					)}
					{tableMode && editor && <TableView editor={editor} api={api} state={state} clockOffset={clockOffset} status={t(STATUS_KEYS[snapshot.status])} onLeave={() => showTable(false)} budget={community.budget} communityApi={communityApi} />}
					{editor && !tableMode && <ActionCards editor={editor} actions={state.actions} />}
					<FollowNote following={following} participants={state.participants} />
					{editor && !tableMode && <EmptyBoard editor={editor} readOnly={readOnly} onJourney={() => setSide('journey')} onMap={() => setSide('stakeholders')} />}
				</main>
				</div>
				{side === 'stakeholders' && editor && !tableMode && <StakeholderPanel editor={editor} readOnly={readOnly} api={role === 'observer' ? undefined : api} onClose={() => setSide(null)} />}
				{side === 'geomap' && editor && !tableMode && <MapPanel editor={editor} settings={state.map} decisions={state.decisions} facilitator={facilitator} readOnly={readOnly} api={api} onClose={() => setSide(null)} />}
				{side === 'journey' && editor && !tableMode && <JourneyPanel editor={editor} readOnly={readOnly} api={role === 'observer' ? undefined : api} onClose={() => setSide(null)} />}
				{side === 'community' && !tableMode && (
					<CommunityPanel api={communityApi} community={community} role={role} seats={state.table?.seats ?? []} editor={editor} onClose={() => setSide(null)} />
				)}
				{facilitator && side === 'facilitator' && !tableMode && (
					<FacilitatorPanel api={api} editor={editor} state={state} peers={snapshot.peers} myId={myId} onClose={() => setSide(null)} onTableLayout={() => showTable(true)} />
				)}
				{!tableMode && <CommitmentsDock api={api} editor={editor} state={state} role={role} />}
				{!tableMode && <EvaluationPrompt api={api} open={state.evaluation.open} role={role} />}
			</div>
			</CardKindsContext.Provider>
		</div>
	)
}

/** Cyd's own kinds of shape: they have no styles for tldraw's style panel. */
const CYD_SHAPE_TYPES = new Set<string>([...journeyShapeUtils, ...stakeholderShapeUtils].map((util) => util.type))

/**
 * tldraw's style panel, only when there is something to style: a tool that draws, or tldraw's own shapes
 * selected. An empty panel in the corner would only hide the board under it (a blueprint's last stages).
 */
function StylePanel(props: TLUiStylePanelProps) {
	const editor = useEditor()
	const styling = useValue(
		'cyd.styling',
		() => props.isMobile || !editor.isIn('select') || editor.getSelectedShapes().some((shape) => !CYD_SHAPE_TYPES.has(shape.type)),
		[editor, props.isMobile]
	)
	return styling ? <DefaultStylePanel {...props} /> : null
}

/**
 * tldraw's context menu, kept shut while a finger moves a card it picked up with a long press: the
 * browser's own long press would otherwise open it a moment later and drop the card where it was.
 */
function ContextMenu(props: TLUiContextMenuProps) {
	const editor = useEditor()
	const carrying = useValue('cyd.carrying', () => editor.getInstanceState().isCoarsePointer && editor.isIn('select.translating'), [editor])
	return <DefaultContextMenu {...props} disabled={props.disabled || carrying} />
}

const components: TLComponents = { InFrontOfTheCanvas: CanvasOverlay, StylePanel, ContextMenu, Background: MapBackground, PageMenu }
const tools = [CydSelectTool]
const shapeUtils = [...journeyShapeUtils, ...stakeholderShapeUtils, ...tableShapeUtils]

/**
 * Follows the workshop as it changes: moves this screen when the facilitator brings everyone to their view
 * or spotlights a card, and answers a sentence for screen readers about what changed (lock, phase, voting).
 * What had already happened before this screen opened is not replayed.
 */
function useAnnouncements(workshop: WorkshopSnapshot, editor: Editor | null, myId: string): string {
	const t = useT()
	const [message, setMessage] = useState('')
	const previous = useRef<WorkshopState | null>(null)
	const state = workshop.state
	useEffect(() => {
		if (!workshop.synced || !editor) return
		const before = previous.current
		previous.current = state
		if (!before) return
		const said: string[] = []
		if (state.locked !== before.locked) said.push(t(state.locked ? 'announce.locked' : 'announce.unlocked'))
		if (state.phaseId !== before.phaseId) {
			const phase = state.agenda.find((a) => a.id === state.phaseId)
			if (phase) said.push(t('announce.phase', { title: phase.title || t(`kind.${phase.kind}`) }))
		}
		const round = state.round
		if (round && (round.id !== before.round?.id || round.status !== before.round?.status)) {
			said.push(round.status === 'open' ? t('announce.roundOpen', { count: round.votesPerPerson }) : t('announce.roundClosed'))
		}
		const follow = state.follow
		if (follow?.at !== before.follow?.at && (follow ?? before.follow)?.personId !== myId) {
			said.push(t(follow ? 'announce.followOn' : 'announce.followOff'))
		}
		// While following, the camera is the leader's: moving it here would stop the following.
		const followingNow = editor.getInstanceState().followingUserId !== null
		const summon = state.summon
		if (summon && summon.at !== before.summon?.at && summon.by !== myId) {
			if (!followingNow) moveToView(editor, summon)
			said.push(t('announce.summon'))
		}
		const spotlight = state.spotlight
		if (spotlight && spotlight.at !== before.spotlight?.at) {
			if (!followingNow) showShape(editor, spotlight.shapeId, false)
			if (spotlight.by !== myId) said.push(t('announce.spotlight'))
		}
		if (said.length) setMessage(said.join(' '))
	}, [workshop.synced, state, editor, myId, t])
	return message
}

/** My ballot in the current round, and casting or taking back a vote. */
function useVoting(api: RoomApi, round: VotingRound | null, canVote: boolean) {
	const t = useT()
	const [ballot, setBallot] = useState<Ballot | null>(null)
	const [voteError, setVoteError] = useState<string | null>(null)
	const roundKey = round ? `${round.id}:${round.status}` : null
	useEffect(() => {
		setVoteError(null)
		if (!roundKey || !canVote) return setBallot(null)
		let cancelled = false
		api.myVotes().then((b) => !cancelled && setBallot(b), () => undefined)
		return () => {
			cancelled = true
		}
	}, [api, roundKey, canVote])
	const presentOnly = round?.status === 'open' && round.presentOnly
	const vote = useCallback(
		(shapeId: string, delta: 1 | -1) => {
			setVoteError(null)
			api.vote(shapeId, delta).then(setBallot, (error: unknown) =>
				// A round for the people here when it opened refuses anyone who joined later: say so plainly.
				setVoteError(
					presentOnly && error instanceof ApiError && error.status === 403
						? t('vote.notPresent')
						: t('vote.refused', { reason: error instanceof Error ? error.message : String(error) })
				)
			)
		},
		[api, t, presentOnly]
	)
	return { ballot, voteError, vote }
}

const noSubscribe = () => () => {}
const emptySnapshot = () => EMPTY_ROOM_SNAPSHOT
const EMPTY_WORKSHOP_SNAPSHOT: WorkshopSnapshot = { synced: false, state: EMPTY_WORKSHOP }
const emptyWorkshop = () => EMPTY_WORKSHOP_SNAPSHOT

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
	notSaving: 'status.notSaving',
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
			<ul className={peers.length > 3 ? 'people-list compact' : 'people-list'} data-testid="people-list">
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

/** The first letters of a name's first two words, passing over what is not a letter or digit: "Sian (facilitator)" is "SF". */
function initials(name: string): string {
	return (
		name
			.split(/\s+/)
			.map((word) => /[\p{L}\p{N}]/u.exec(word)?.[0] ?? '')
			.filter(Boolean)
			.slice(0, 2)
			.join('')
			.toUpperCase() || '?'
	)
}
