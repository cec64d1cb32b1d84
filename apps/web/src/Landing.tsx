import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { ROLES, MAX_ROOM_TITLE, type Role } from '@cyd/model'
import { createRoom, type CreatedRoom } from './api'
import { CopyField } from './CopyField'
import { reducedMotion } from './display'
import { LANGUAGES, isLanguage, type Language } from './i18n/catalog'
import { useI18n } from './i18n/I18n'
import { Page } from './Page'
import { QrCode } from './QrCode'

/**
 * The landing page: what Cyd is, and a form that makes a room. A room needs a title (people check they
 * are in the right place by it); one click makes one room, however often the button is pressed; the
 * room's links then take the form's place, in view, each with a QR code to scan in a hall.
 */
export function Landing() {
	const { t, language } = useI18n()
	const ids = { title: useId(), titleHint: useId(), titleError: useId(), language: useId() }
	const [title, setTitle] = useState('')
	const [roomLanguage, setRoomLanguage] = useState<Language>(language)
	const [busy, setBusy] = useState(false)
	const [error, setError] = useState(false)
	const [titleMissing, setTitleMissing] = useState(false)
	const [created, setCreated] = useState<CreatedRoom | null>(null)
	// A second press while the first is on its way makes no second room (state would be a render late).
	const creating = useRef(false)
	const titleInput = useRef<HTMLInputElement>(null)
	const createdHeading = useRef<HTMLHeadingElement>(null)

	useEffect(() => setRoomLanguage(language), [language])
	useEffect(() => {
		if (!created) return
		createdHeading.current?.scrollIntoView({ block: 'start', behavior: reducedMotion() ? 'auto' : 'smooth' })
		createdHeading.current?.focus({ preventScroll: true })
	}, [created])

	const submit = async (event: FormEvent) => {
		event.preventDefault()
		if (creating.current || created) return
		if (!title.trim()) {
			setTitleMissing(true)
			titleInput.current?.focus()
			return
		}
		creating.current = true
		setBusy(true)
		setError(false)
		try {
			setCreated(await createRoom(title.trim(), roomLanguage))
		} catch {
			setError(true)
		} finally {
			creating.current = false
			setBusy(false)
		}
	}
	const another = () => {
		setCreated(null)
		setTitle('')
		setTitleMissing(false)
		requestAnimationFrame(() => titleInput.current?.focus())
	}
	const links = created ? ROLES.flatMap((role): [Role, string][] => ((created.links as Partial<Record<Role, string>>)[role] ? [[role, (created.links as Partial<Record<Role, string>>)[role]!]] : [])) : []

	return (
		<Page tagline>
			<h1>{t('landing.title')}</h1>
			<p className="lead">{t('landing.description')}</p>

			{created ? (
				<section aria-labelledby="created-heading" className="card created">
					<h2 id="created-heading" ref={createdHeading} tabIndex={-1}>
						{t('landing.created.heading')}
					</h2>
					<p>{t('landing.created.intro')}</p>
					{links.map(([role, link]) => (
						<div key={role} className="created-link">
							<CopyField
								label={t('landing.created.linkLabel', { role: t(`role.${role}`) })}
								hint={t(`role.${role}.about`)}
								value={link}
								copyLabel={t('landing.created.copyNamed', { role: t(`role.${role}`) })}
							/>
							<details className="created-qr" open={role === 'participant'}>
								<summary>{t('landing.created.showQr')}</summary>
								<QrCode link={link} alt={t('landing.created.qr', { role: t(`role.${role}`) })} testId={`qr-${role}`} />
								<p className="hint">{t('landing.created.qrHint')}</p>
							</details>
						</div>
					))}
					<div className="button-row">
						<a className="button primary" href={created.links.facilitator}>
							{t('landing.created.open')}
						</a>
						<button type="button" className="button" onClick={another}>
							{t('landing.created.another')}
						</button>
					</div>
				</section>
			) : (
				<section aria-labelledby="create-heading" className="card">
					<h2 id="create-heading">{t('landing.form.heading')}</h2>
					<form onSubmit={submit} noValidate>
						<div className="field">
							<label htmlFor={ids.title}>{t('landing.form.title')}</label>
							<input
								ref={titleInput}
								id={ids.title}
								name="title"
								value={title}
								required
								maxLength={MAX_ROOM_TITLE}
								aria-invalid={titleMissing}
								aria-describedby={titleMissing ? `${ids.titleError} ${ids.titleHint}` : ids.titleHint}
								onChange={(e) => {
									setTitle(e.target.value)
									if (e.target.value.trim()) setTitleMissing(false)
								}}
							/>
							{titleMissing && (
								<p id={ids.titleError} className="error" role="alert">
									{t('landing.form.titleRequired')}
								</p>
							)}
							<p id={ids.titleHint} className="hint">
								{t('landing.form.titleHint')}
							</p>
						</div>
						<div className="field">
							<label htmlFor={ids.language}>{t('landing.form.language')}</label>
							<select id={ids.language} name="language" value={roomLanguage} onChange={(e) => isLanguage(e.target.value) && setRoomLanguage(e.target.value)}>
								{LANGUAGES.map((l) => (
									<option key={l} value={l} lang={l}>
										{t(`language.${l}`)}
									</option>
								))}
							</select>
						</div>
						<button type="submit" className="button primary" disabled={busy}>
							{busy ? t('landing.form.creating') : t('landing.form.submit')}
						</button>
						<p role="alert" className="error">
							{error ? t('landing.form.error') : ''}
						</p>
					</form>
				</section>
			)}
			<p>
				<a href="/guide">{t('guide.link')}</a>
			</p>
		</Page>
	)
}
