import { MAX_NAME, type Affiliation } from '@cyd/model'
import { useEffect, useId, useState, type FormEvent } from 'react'
import { DisplayPrefsFields } from './display'
import { ApiError, getConfig, getRoom, joinRequest, joinRoom, RoomApi, type ClientConfig, type RoomInfo } from './api'
import { useI18n } from './i18n/I18n'
import { loadIdentity, saveName, type Identity } from './identity'
import { NotFoundPage } from './NotFound'
import { Page } from './Page'
import { RoomView } from './RoomView'
import { clearJoinToken, forgetSession, joinTokenFromAddress, loadSession, peekToken, saveSession, seatFromAddress, seatKeyFromAddress, type StoredSession } from './session'
import { AccessNeedsFields, type NeedsValue } from './recognition/AccessNeeds'
import type { Ended } from './workshopConnection'
import { isFacilitatorExpiry, RenewExpired } from './series/RenewExpired'

type Load = { state: 'loading' } | { state: 'missing' } | { state: 'error' } | { state: 'ok'; room: RoomInfo; config: ClientConfig }

/** Where this person stands with the room: joining with a link, in it, without a link, or sent away. */
type Entry =
	| { kind: 'checking' }
	| { kind: 'join'; token: string }
	| { kind: 'in'; stored: StoredSession }
	| { kind: 'needLink' }
	| { kind: 'ended'; why: Ended }
	/** The facilitator's own link has expired: they may still renew the room's links (series/RenewExpired.tsx). */
	| { kind: 'expired'; stored: StoredSession }

/** The entry decided from the address and this browser's storage, before asking the server. */
function initialEntry(roomId: string): Entry {
	const token = joinTokenFromAddress()
	const stored = loadSession(roomId)
	if (token) {
		// The same link again (a bookmark, a second click): this browser is already in with it.
		if (stored && peekToken(token)?.link === peekToken(stored.session)?.link) {
			clearJoinToken()
			return { kind: 'checking' }
		}
		return { kind: 'join', token }
	}
	return stored ? { kind: 'checking' } : { kind: 'needLink' }
}

const endedBy = (error: unknown): Ended | null =>
	error instanceof ApiError && error.status === 403 ? 'removed' : error instanceof ApiError && error.status === 401 ? 'revoked' : null

export function RoomPage({ roomId }: { roomId: string }) {
	const { t, chosen, setLanguage } = useI18n()
	const [load, setLoad] = useState<Load>({ state: 'loading' })
	const [entry, setEntry] = useState<Entry>(() => initialEntry(roomId))
	const [identity, setIdentity] = useState<Identity>(loadIdentity)

	useEffect(() => {
		let cancelled = false
		Promise.all([getRoom(roomId), getConfig()])
			.then(([room, config]) => {
				if (cancelled) return
				setLoad(room ? { state: 'ok', room, config } : { state: 'missing' })
			})
			.catch(() => !cancelled && setLoad({ state: 'error' }))
		return () => {
			cancelled = true
		}
	}, [roomId])

	// A stored session is checked once: a revoked link or a removal shows at once, not as a dead board.
	useEffect(() => {
		if (entry.kind !== 'checking') return
		const stored = loadSession(roomId)
		if (!stored) return setEntry({ kind: 'needLink' })
		let cancelled = false
		new RoomApi(roomId, stored.session)
			.me()
			.then(
				() => !cancelled && setEntry({ kind: 'in', stored }),
				(error: unknown) => {
					if (cancelled) return
					if (isFacilitatorExpiry(error)) return setEntry({ kind: 'expired', stored })
					const why = endedBy(error)
					if (why) forgetSession(roomId)
					// Offline or the server is away: open from this device's copy; the socket says the rest.
					setEntry(why ? { kind: 'ended', why } : { kind: 'in', stored })
				}
			)
		return () => {
			cancelled = true
		}
	}, [entry.kind, roomId])

	// The room's language is the default until the person picks one.
	const roomLanguage = load.state === 'ok' ? load.room.language : null
	useEffect(() => {
		if (roomLanguage && !chosen) setLanguage(roomLanguage, { remember: false })
	}, [roomLanguage, chosen, setLanguage])

	useEffect(() => {
		if (load.state === 'ok') document.title = `${load.room.title || t('app.name')} · ${t('app.name')}`
	}, [load, t])

	if (load.state === 'missing') return <NotFoundPage room />
	if (load.state !== 'ok' || entry.kind === 'checking') {
		const error = load.state === 'error'
		return (
			<Page>
				<p role={error ? 'alert' : 'status'}>{error ? t('room.loadError') : load.state === 'ok' ? t('room.checking') : t('room.loading')}</p>
			</Page>
		)
	}
	if (entry.kind === 'needLink') {
		return (
			<Page>
				<h1>{t('room.needLink.title')}</h1>
				<p>{t('room.needLink.body')}</p>
			</Page>
		)
	}
	if (entry.kind === 'expired') return <RenewExpired roomId={roomId} session={entry.stored.session} onExtended={() => setEntry({ kind: 'in', stored: entry.stored })} />
	if (entry.kind === 'ended') {
		return (
			<Page>
				<h1>{t(`room.ended.${entry.why}.title`)}</h1>
				<p role="alert">{t(`room.ended.${entry.why}.body`)}</p>
			</Page>
		)
	}
	if (entry.kind === 'join') {
		return (
			<JoinForm
				room={load.room}
				token={entry.token}
				defaultName={identity.name}
				onJoined={(stored) => {
					saveName(stored.person.name)
					saveSession(roomId, stored)
					clearJoinToken()
					setIdentity((i) => ({ ...i, name: stored.person.name }))
					setEntry({ kind: 'in', stored })
				}}
			/>
		)
	}
	return (
		<RoomView
			room={load.room}
			config={load.config}
			session={entry.stored}
			identity={{ ...identity, id: entry.stored.person.id, name: entry.stored.person.name }}
			onEnded={(why) => {
				forgetSession(roomId)
				setEntry({ kind: 'ended', why })
			}}
		/>
	)
}

const AFFILIATION_CHOICES = ['resident', 'organisation', 'none'] as const

function JoinForm({ room, token, defaultName, onJoined }: { room: RoomInfo; token: string; defaultName: string; onJoined(stored: StoredSession): void }) {
	const { t } = useI18n()
	const ids = { name: useId(), hint: useId(), affiliationHint: useId(), privacy: useId() }
	const [name, setName] = useState(defaultName)
	const [affiliation, setAffiliation] = useState<(typeof AFFILIATION_CHOICES)[number]>('none')
	const [busy, setBusy] = useState(false)
	const [error, setError] = useState<'link' | 'removed' | 'failed' | 'refused' | null>(null)
	const [waiting, setWaiting] = useState<string | null>(null)
	const role = peekToken(token)?.role ?? null

	// A link past its number of people: ask every few seconds whether the facilitator has let us in.
	useEffect(() => {
		if (!waiting) return
		let stopped = false
		const timer = setInterval(() => {
			void joinRequest(room.id, token, waiting)
				.then((answer) => {
					if (stopped || answer.status === 'waiting') return
					setWaiting(null)
					setBusy(false)
					if (answer.status === 'joined') onJoined(answer)
					else setError('refused')
				})
				.catch(() => undefined)
		}, 3000)
		return () => {
			stopped = true
			clearInterval(timer)
		}
	}, [waiting, room.id, token, onJoined])
	// Read once: the address's fragment is cleared when the person is in.
	const [seat] = useState(seatFromAddress)
	const [seatKey] = useState(seatKeyFromAddress)
	const [needs, setNeeds] = useState<NeedsValue>({ needs: [], other: '' })

	const submit = async (event: FormEvent) => {
		event.preventDefault()
		if (!name.trim() || busy) return
		setBusy(true)
		setError(null)
		try {
			const chosen: Affiliation | null = affiliation === 'none' ? null : affiliation
			const joined = await joinRoom(room.id, { token, name: name.trim(), affiliation: chosen, seat, seatKey, needs: needs.needs, needsOther: needs.other.trim() })
			if (joined.status === 'waiting') setWaiting(joined.request)
			else onJoined(joined)
		} catch (e) {
			const why = endedBy(e)
			setError(why === 'revoked' ? 'link' : why === 'removed' ? 'removed' : 'failed')
			setBusy(false)
		}
	}

	// The name and Join in sight on a phone's first screen; the display choices (applied at once) and what
	// we keep in full after them.
	return (
		<Page>
			<section className="card join-card" aria-labelledby="join-heading">
				<h1 id="join-heading">{room.title ? t('join.heading', { title: room.title }) : t('join.headingUntitled')}</h1>
				{role && (
					<p className="join-role" data-testid="join-role">
						{t('join.as', { role: t(`role.${role}`) })}. {t(`role.${role}.about`)}
					</p>
				)}
				{seat && <p data-testid="join-seat">{t('join.atTable', { seat })}</p>}
				<form onSubmit={submit} aria-describedby={ids.privacy}>
					<div className="field">
						<label htmlFor={ids.name}>{t('join.name')}</label>
						<input
							id={ids.name}
							name="name"
							autoComplete="nickname"
							required
							maxLength={MAX_NAME}
							autoFocus
							aria-describedby={ids.hint}
							value={name}
							onChange={(e) => setName(e.target.value)}
						/>
						<p id={ids.hint} className="hint">
							{t('join.nameHint')}
						</p>
					</div>
					<fieldset className="field choices" aria-describedby={ids.affiliationHint}>
						<legend>{t('join.affiliation')}</legend>
						{AFFILIATION_CHOICES.map((choice) => (
							<label key={choice} className="choice">
								<input type="radio" name="affiliation" value={choice} checked={affiliation === choice} onChange={() => setAffiliation(choice)} />
								{t(`join.affiliation.${choice}`)}
							</label>
						))}
						<p id={ids.affiliationHint} className="hint">
							{t('join.affiliation.hint')}
						</p>
					</fieldset>
					<AccessNeedsFields value={needs} onChange={setNeeds} />
					<button type="submit" className="button primary join-submit" disabled={busy}>
						{busy ? t('join.joining') : t('join.submit')}
					</button>
					<p id={ids.privacy} className="hint join-privacy">
						{t('join.privacy.short')}
					</p>
					<p role="status" data-testid="join-waiting">
						{waiting ? t('join.waiting') : ''}
					</p>
					<p role="alert" className="error">
						{error ? t(`join.error.${error}`) : ''}
					</p>
					{/* How the board looks is this device's choice, applied at once: it needs no Join, so it comes after it. */}
					<DisplayPrefsFields hint />
				</form>
				<section className="privacy" aria-labelledby={`${ids.privacy}-h`}>
					<h2 id={`${ids.privacy}-h`}>{t('join.privacy.heading')}</h2>
					<p>{t('join.privacy.body')}</p>
				</section>
				<p>
					<a href="/guide" target="_blank" rel="noopener">
						{t('guide.link')}
					</a>
				</p>
			</section>
		</Page>
	)
}
