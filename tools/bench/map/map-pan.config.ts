/**
 * The neighbourhood map's benchmark (not a test): frames per second in Chromium while the board pans, with
 * 500 pinned notes, over the map and without it. Run from the repository root after building the web app
 * and the server: `MAP_BENCH_PORT=8815 pnpm exec playwright test -c tools/bench/map/map-pan.config.ts`.
 */
import { defineConfig } from '@playwright/test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const PORT = Number(process.env.MAP_BENCH_PORT ?? 8815)
process.env.CYD_MAP_BENCH_DIR ??= mkdtempSync(join(tmpdir(), 'cyd-map-bench-'))

export default defineConfig({
	testDir: '.',
	testMatch: 'map-pan.bench.ts',
	outputDir: '../../../test-results/map-bench',
	workers: 1,
	retries: 0,
	timeout: 180_000,
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		browserName: 'chromium',
		viewport: { width: 1280, height: 800 },
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		},
	},
	webServer: {
		command: 'node apps/server/dist/main.js',
		cwd: '../../..',
		url: `http://localhost:${PORT}/healthz`,
		env: {
			PORT: String(PORT),
			DATA_DIR: process.env.CYD_MAP_BENCH_DIR,
			LOG_LEVEL: 'warn',
			ROOMS_PER_IP_PER_HOUR: '100000',
			JOINS_PER_IP_PER_MINUTE: '100000',
			MAP_PMTILES: join(process.env.CYD_MAP_BENCH_DIR, 'map.pmtiles'),
		},
		reuseExistingServer: false,
		timeout: 60_000,
	},
})
