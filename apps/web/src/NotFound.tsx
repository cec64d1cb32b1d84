import { LanguagePicker, useT } from './i18n/I18n'

export function NotFoundPage({ room = false }: { room?: boolean }) {
	const t = useT()
	return (
		<div className="page">
			<header className="page-header">
				<a className="brand" href="/">
					{t('app.name')}
				</a>
				<LanguagePicker />
			</header>
			<main id="main" className="page-main">
				<h1>{room ? t('room.notFound.title') : t('notFound.title')}</h1>
				{room && <p>{t('room.notFound.body')}</p>}
				<p>
					<a href="/">{t('room.notFound.home')}</a>
				</p>
			</main>
		</div>
	)
}
