import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig } from 'vite'

const server = process.env.CYD_SERVER ?? 'http://localhost:8787'

export default defineConfig({
	plugins: [react()],
	resolve: {
		// Workspace packages are built from source (their `exports` have a `source` condition).
		conditions: ['source', ...defaultClientConditions],
	},
	server: {
		proxy: {
			'/api': server,
			'/uploads': server,
			'/sync': { target: server, ws: true },
		},
	},
	build: {
		outDir: 'dist',
		chunkSizeWarningLimit: 4000,
		// tldraw fetches its translation files; the server's CSP (connect-src 'self') refuses data: URLs,
		// so keep even tiny JSON files as real files.
		assetsInlineLimit: (file) => (file.endsWith('.json') ? false : undefined),
	},
})
