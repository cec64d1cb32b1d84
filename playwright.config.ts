import { defineConfig } from '@playwright/test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fixed port away from the dev server's 8787. */
const PORT = Number(process.env.E2E_PORT ?? 8799)
// One fresh data directory per run (workers inherit the env, so they agree on it).
process.env.CYD_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'cyd-e2e-'))

export default defineConfig({
	testDir: 'e2e',
	testMatch: '*.spec.ts',
	outputDir: 'test-results',
	workers: 1,
	fullyParallel: false,
	forbidOnly: !!process.env.CI,
	retries: 0,
	timeout: 90_000,
	expect: { timeout: 15_000 },
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
	use: {
		baseURL: `http://localhost:${PORT}`,
		browserName: 'chromium',
		viewport: { width: 1280, height: 800 },
		screenshot: 'only-on-failure',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		},
	},
	webServer: {
		command: 'node apps/server/dist/main.js',
		url: `http://localhost:${PORT}/healthz`,
		// Every test's rooms and people come from 127.0.0.1: the per-address rates for making rooms and
		// joining are lifted, as a whole hall's would be behind one address only with TRUST_PROXY unset.
		// The neighbourhood map's tiles: map.spec.ts writes this archive before it uses it.
		env: { PORT: String(PORT), DATA_DIR: process.env.CYD_E2E_DATA_DIR, LOG_LEVEL: 'warn', ROOMS_PER_IP_PER_HOUR: '100000', JOINS_PER_IP_PER_MINUTE: '100000', MAP_PMTILES: join(process.env.CYD_E2E_DATA_DIR, 'map.pmtiles') },
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'ignore',
		stderr: 'pipe',
	},
})
