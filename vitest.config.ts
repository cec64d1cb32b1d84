import { defineConfig } from 'vitest/config'

// Workspace packages run from source through their `source` export condition.
const conditions = ['source', 'module', 'node', 'development|production']

export default defineConfig({
	resolve: { conditions },
	ssr: { resolve: { conditions } },
	test: {
		include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'tools/*/src/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
	},
})
