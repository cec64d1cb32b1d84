import type { ReactNode } from 'react'
import { LanguagePicker, useT } from './i18n/I18n'

/** The frame of Cyd's own pages: skip link, header with the brand (and optionally a tagline and the language picker), main. */
export function Page({ children, picker = true, tagline = false }: { children: ReactNode; picker?: boolean; tagline?: boolean }) {
	const t = useT()
	return (
		<div className="page">
			<a className="skip-link" href="#main">
				{t('skip.toContent')}
			</a>
			<header className="page-header">
				<a className="brand" href="/">
					{t('app.name')}
				</a>
				{tagline && <span className="tagline">{t('app.tagline')}</span>}
				{picker && <LanguagePicker />}
			</header>
			<main id="main" className="page-main">
				{children}
			</main>
		</div>
	)
}
