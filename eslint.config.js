// Lint: typescript-eslint's recommended rules, plus the house rules that keep the layers apart.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'
import importX from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'

/** What each package may import of Cyd's own packages. Arrows point one way: apps -> packages; adapters -> sync. */
const layers = {
	'packages/model': [],
	'packages/sync': ['@cyd/model'],
	'packages/storage-sqlite': ['@cyd/model', '@cyd/sync'],
	'packages/storage-postgres': ['@cyd/model', '@cyd/sync'],
	'packages/fanout-redis': ['@cyd/model', '@cyd/sync'],
	'packages/tldraw-yjs': ['@cyd/model'],
	'packages/export': ['@cyd/model'],
}
const allPackages = ['@cyd/model', '@cyd/sync', '@cyd/storage-sqlite', '@cyd/storage-postgres', '@cyd/fanout-redis', '@cyd/tldraw-yjs', '@cyd/export', '@cyd/server', '@cyd/web']

/** The one driver an adapter package may use. */
const driverOf = { 'packages/storage-sqlite': 'better-sqlite3', 'packages/storage-postgres': 'pg', 'packages/fanout-redis': 'ioredis' }

const noDeepImports = { group: ['@cyd/*/*', '!@cyd/model/schema', '!@cyd/server/api'], message: 'Import a package by its name, through its index (or a subpath it exports, like @cyd/model/schema).' }

export default tseslint.config(
	{ ignores: ['**/dist/**', '**/node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', '**/.turbo/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	importX.flatConfigs.typescript,
	{
		languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
		settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['packages/*/tsconfig.json', 'apps/*/tsconfig.json'], noWarnOnMultipleProjects: true })] },
		rules: {
			'no-restricted-syntax': [
				'error',
				{ selector: 'ExportAllDeclaration', message: 'Name what a module exports; `export *` is not allowed.' },
			],
			'import-x/no-cycle': ['error', { ignoreExternal: true }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description', 'ts-ignore': true }],
			'no-restricted-imports': ['error', { patterns: [noDeepImports] }],
		},
	},
	...Object.entries(layers).map(([folder, allowed]) => ({
		files: [`${folder}/**/*.ts`, `${folder}/**/*.tsx`],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: allPackages
						.filter((name) => !allowed.includes(name))
						.map((name) => ({ name, message: `${folder} may import only: ${allowed.join(', ') || 'no Cyd package'}.` })),
					patterns: [
						noDeepImports,
						{ group: ['**/apps/**', '../../apps/*'], message: 'Packages never import from apps.' },
						{ group: ['hono', 'hono/*', '@hono/*', 'better-sqlite3', 'pg', 'ioredis', 'react', 'react-dom'].filter(
							(name) => !(driverOf[folder] === name),
						), message: 'This package stays free of frameworks, drivers and UI.' },
					],
				},
			],
		},
	})),
	{
		files: ['**/*.mjs', '**/*.js'],
		languageOptions: { globals: { ...globals.node } },
	},
	{
		files: ['**/*.test.ts', '**/*.spec.ts', 'e2e/**', 'tools/**'],
		rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
	},
)
