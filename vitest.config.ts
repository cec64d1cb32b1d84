import { defineConfig } from 'vitest/config'

export default defineConfig({
	resolve: { conditions: ['source', 'module', 'node', 'import', 'default'] },
	ssr: { resolve: { conditions: ['source', 'module', 'node', 'import', 'default'], externalConditions: ['source'] } },
	test: {
		include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
	},
})
