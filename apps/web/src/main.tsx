import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { applyStoredDisplayPrefs } from './display'
import { I18nProvider } from './i18n/I18n'
import './styles.css'

applyStoredDisplayPrefs()

const root = document.getElementById('root')
if (!root) throw new Error('no #root element')
createRoot(root).render(
	<StrictMode>
		<I18nProvider>
			<App />
		</I18nProvider>
	</StrictMode>
)
