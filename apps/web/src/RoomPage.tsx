import { useEffect, useId, useState, type FormEvent } from 'react'
import { getConfig, getRoom, type ClientConfig, type RoomInfo } from './api'
import { LanguagePicker, useI18n, useT } from './i18n/I18n'
import { loadIdentity, saveName, type Identity } from './identity'
import { NotFoundPage } from './NotFound'
import { RoomView } from './RoomView'

type Load = { state: 'loading' } | { state: 'missing' } | { state: 'error' } | { state: 'ok'; room: RoomInfo; config: ClientConfig }

export function RoomPage({ roomId }: { roomId: string }) {
	const { t, chosen, setLanguage } = useI18n()
	const [load, setLoad] = useState<Load>({ state: 'loading' })
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

	// The room's language is the default until the person picks one.
	const roomLanguage = load.state === 'ok' ? load.room.language : null
	useEffect(() => {
		if (roomLanguage && !chosen) setLanguage(roomLanguage, { remember: false })
	}, [roomLanguage, chosen, setLanguage])

	useEffect(() => {
		if (load.state === 'ok') document.title = `${load.room.title || t('app.name')} · ${t('app.name')}`
	}, [load, t])

	if (load.state === 'missing') return <NotFoundPage room />
	if (load.state !== 'ok') {
		return (
			<div className="page">
				<main id="main" className="page-main">
					<p role={load.state === 'error' ? 'alert' : 'status'}>{load.state === 'error' ? t('room.loadError') : t('room.loading')}</p>
				</main>
			</div>
		)
	}
	if (!identity.name) {
		return (
			<JoinForm
				title={load.room.title}
				onJoin={(name) => {
					saveName(name)
					setIdentity({ ...identity, name })
				}}
			/>
		)
	}
	return <RoomView room={load.room} config={load.config} identity={identity} />
}

function JoinForm({ title, onJoin }: { title: string; onJoin(name: string): void }) {
	const t = useT()
	const nameId = useId()
	const hintId = useId()
	const [name, setName] = useState('')
	const submit = (event: FormEvent) => {
		event.preventDefault()
		if (name.trim()) onJoin(name.trim())
	}
	return (
		<div className="page">
			<a className="skip-link" href="#main">
				{t('skip.toContent')}
			</a>
			<header className="page-header">
				<a className="brand" href="/">
					{t('app.name')}
				</a>
				<LanguagePicker />
			</header>
			<main id="main" className="page-main">
				<section className="card" aria-labelledby="join-heading">
					<h1 id="join-heading">{title ? t('join.heading', { title }) : t('join.headingUntitled')}</h1>
					<form onSubmit={submit}>
						<div className="field">
							<label htmlFor={nameId}>{t('join.name')}</label>
							<input
								id={nameId}
								name="name"
								autoComplete="nickname"
								required
								maxLength={40}
								autoFocus
								aria-describedby={hintId}
								value={name}
								onChange={(e) => setName(e.target.value)}
							/>
							<p id={hintId} className="hint">
								{t('join.nameHint')}
							</p>
						</div>
						<button type="submit" className="button primary">
							{t('join.submit')}
						</button>
					</form>
				</section>
			</main>
		</div>
	)
}
