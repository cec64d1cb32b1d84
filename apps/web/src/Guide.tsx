/**
 * The easy-read guide for residents: six short steps, each with a picture, in the chosen language.
 * One idea per sentence, big text, pictures that say the same as the words.
 * @module
 */
import type { ReactNode } from 'react'
import { useT } from './i18n/I18n'
import { Page } from './Page'

const STEPS = ['join', 'board', 'note', 'journey', 'vote', 'help'] as const

export function GuidePage() {
	const t = useT()
	return (
		<Page tagline>
			<article className="guide">
				<h1>{t('guide.title')}</h1>
				<p className="guide-intro">{t('guide.intro')}</p>
				<ol className="guide-steps">
					{STEPS.map((step, i) => (
						<li key={step} className="guide-step">
							<Picture step={step} />
							<div>
								<h2>{t('guide.stepN', { n: i + 1, title: t(`guide.${step}.title`) })}</h2>
								<p>{t(`guide.${step}.body`)}</p>
							</div>
						</li>
					))}
				</ol>
				<p>
					<a href="/">{t('guide.home')}</a>
				</p>
			</article>
		</Page>
	)
}

/** A picture for each step; decorative, since the words say the same. */
function Picture({ step }: { step: (typeof STEPS)[number] }) {
	const frame = (children: ReactNode) => (
		<svg className="guide-picture" viewBox="0 0 120 90" width="120" height="90" aria-hidden="true">
			<rect x="1" y="1" width="118" height="88" rx="10" fill="#f4f1ea" stroke="#1f2933" strokeWidth="2" />
			{children}
		</svg>
	)
	switch (step) {
		case 'join':
			return frame(
				<>
					<rect x="20" y="30" width="80" height="18" rx="4" fill="#fff" stroke="#1f2933" strokeWidth="2" />
					<text x="26" y="43" fontSize="11" fill="#1f2933">
						Ceri
					</text>
					<rect x="40" y="56" width="40" height="16" rx="8" fill="#0b6b3a" />
				</>
			)
		case 'board':
			return frame(
				<>
					<path d="M30 30 L30 48 L35 43 L40 52 L44 50 L39 41 L46 41 Z" fill="#4465e9" />
					<path d="M78 46 L78 64 L83 59 L88 68 L92 66 L87 57 L94 57 Z" fill="#e16919" />
					<rect x="52" y="18" width="22" height="18" fill="#fff59d" stroke="#1f2933" />
				</>
			)
		case 'note':
			return frame(
				<>
					<rect x="35" y="20" width="50" height="46" fill="#fff59d" stroke="#1f2933" strokeWidth="2" />
					<path d="M43 35 H77 M43 45 H70 M43 55 H62" stroke="#1f2933" strokeWidth="3" strokeLinecap="round" />
				</>
			)
		case 'journey':
			return frame(
				<>
					{[0, 1, 2].map((c) => (
						<g key={c}>
							<rect x={14 + c * 32} y="16" width="28" height="10" fill="#1f2933" />
							<rect x={16 + c * 32} y={32 + (c % 2) * 22} width="24" height="16" rx="2" fill="#e3ecff" stroke="#1d4ed8" strokeWidth="2" />
						</g>
					))}
				</>
			)
		case 'vote':
			return frame(
				<>
					<rect x="30" y="22" width="60" height="40" rx="4" fill="#fff" stroke="#1f2933" strokeWidth="2" />
					<circle cx="45" cy="70" r="7" fill="#0b6b3a" />
					<circle cx="62" cy="70" r="7" fill="#0b6b3a" />
					<circle cx="79" cy="70" r="7" fill="#fff" stroke="#0b6b3a" strokeWidth="2" />
				</>
			)
		case 'help':
			return frame(
				<>
					<circle cx="60" cy="45" r="24" fill="#fff" stroke="#1f2933" strokeWidth="3" />
					<text x="60" y="55" textAnchor="middle" fontSize="30" fontWeight="700" fill="#1f2933">
						?
					</text>
				</>
			)
	}
}
