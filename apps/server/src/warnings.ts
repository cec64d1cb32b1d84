/**
 * What an operator should hear at start about the configuration: settings that work here but fail people
 * later, told once in the log.
 * @module
 */
import type { Config } from './config.js'

export interface StartupWarning {
	message: string
	data: Record<string, unknown>
}

/**
 * Whether tldraw treats an editor served from `publicUrl` as a production deployment, which needs a licence
 * key: HTTPS on a host that is not this machine (tldraw's own rule; plain HTTP, localhost and loopback
 * addresses are development to it).
 */
export function tldrawSeesProduction(publicUrl: string): boolean {
	if (!publicUrl) return false
	const url = new URL(publicUrl)
	if (url.protocol !== 'https:') return false
	const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '')
	return !(host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host))
}

export function startupWarnings(config: Config): StartupWarning[] {
	const warnings: StartupWarning[] = []
	if (!config.tldrawLicenseKey && tldrawSeesProduction(config.publicUrl)) {
		warnings.push({
			message:
				'TLDRAW_LICENSE_KEY is not set: on this HTTPS address tldraw treats the canvas as a production deployment and ' +
				'blanks it five seconds after it opens; set a trial, hobby or commercial key from tldraw (see the README)',
			data: { publicUrl: config.publicUrl },
		})
	}
	return warnings
}
