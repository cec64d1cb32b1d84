import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { ROLES, MAX_ROOM_TITLE } from '@cyd/model'
import { createRoom, type CreatedRoom } from './api'
import { CopyField } from './CopyField'
import { LANGUAGES, isLanguage, type Language } from './i18n/catalog'
import { useI18n } from './i18n/I18n'
import { Page } from './Page'

export function Landing() {
	const { t, language } = useI18n()
	const ids = { title: useId(), titleHint: useId(), language: useId() }
	const [title, setTitle] = useState('')
	const [roomLanguage, setRoomLanguage] = useState<Language>(language)
	const [busy, setBusy] = useState(false)
	const [error, setError] = useState(false)
	const [created, setCreated] = useState<CreatedRoom | null>(null)
	const createdHeading = useRef<HTMLHeadingElement>(null)

	useEffect(() => setRoomLanguage(language), [language])
	useEffect(() => {
		if (created) createdHeading.current?.focus()
	}, [created])

	const submit = async (event: FormEvent) => {
		event.preventDefault()
		setBusy(true)
		setError(false)
		try {
			setCreated(await createRoom(title.trim(), roomLanguage))
		} catch {
			setError(true)
		} finally {
			setBusy(false)
		}
	}

	return (
		<Page tagline>
				<h1>{t('landing.title')}</h1>
				<p className="lead">{t('landing.description')}</p>

				<section aria-labelledby="create-heading" className="card">
					<h2 id="create-heading">{t('landing.form.heading')}</h2>
					<form onSubmit={submit}>
						<div className="field">
							<label htmlFor={ids.title}>{t('landing.form.title')}</label>
							<input
								id={ids.title}
								name="title"
								value={title}
								maxLength={MAX_ROOM_TITLE}
								aria-describedby={ids.titleHint}
								onChange={(e) => setTitle(e.target.value)}
							/>
							<p id={ids.titleHint} className="hint">
								{t('landing.form.titleHint')}
							</p>
						</div>
						<div className="field">
							<label htmlFor={ids.language}>{t('landing.form.language')}</label>
							<select
								id={ids.language}
								name="language"
								value={roomLanguage}
								onChange={(e) => isLanguage(e.target.value) && setRoomLanguage(e.target.value)}
							>
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
				<p>
					<a href="/guide">{t('guide.link')}</a>
				</p>

				{created && (
					<section aria-labelledby="created-heading" className="card created">
						<h2 id="created-heading" ref={createdHeading} tabIndex={-1}>
							{t('landing.created.heading')}
						</h2>
						<p>{t('landing.created.intro')}</p>
						{ROLES.map((role) => (
							<CopyField
								key={role}
								label={t('landing.created.linkLabel', { role: t(`role.${role}`) })}
								hint={t(`role.${role}.about`)}
								value={created.links[role]}
								copyLabel={t('landing.created.copyNamed', { role: t(`role.${role}`) })}
							/>
						))}
						<a className="button primary" href={created.links.facilitator}>
							{t('landing.created.open')}
						</a>
					</section>
				)}
		</Page>
	)
}
