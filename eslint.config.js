// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import {
  MEASURE_WRITE_DOORS,
  NAMED_EXPORTS_ONLY,
  SQL_ALLOWED_FILES,
  SQL_RESTRICTED_FILES,
  SQL_SYNTAX,
} from './scripts/eslint-layer-rules.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'bench/results/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'bin/*.js', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', NAMED_EXPORTS_ONLY],
    },
  },
  {
    files: SQL_RESTRICTED_FILES,
    ignores: SQL_ALLOWED_FILES,
    rules: { 'no-restricted-syntax': ['error', NAMED_EXPORTS_ONLY, ...SQL_SYNTAX] },
  },
  MEASURE_WRITE_DOORS,
  {
    files: ['src/shared/**', 'src/importers/**', 'src/documents/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@server/*', '@web/*', '**/server/**', '**/web/**'],
              message: 'shared, importers and documents stay independent of server and web.',
            },
            {
              group: ['kysely', 'fastify', 'react', 'antd'],
              message: 'No database, server or UI imports here.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@server/*',
                '@web/*',
                '@importers/*',
                '@documents/*',
                'node:*',
                'kysely',
                'fastify',
                'react',
                'antd',
              ],
              message: 'src/shared has no Node, DOM, server or web imports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // useApi(load, deps) is checked like useEffect: deps must name what load uses.
      'react-hooks/exhaustive-deps': ['warn', { additionalHooks: '^useApi$' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@server/*', '**/server/**', 'node:*', 'kysely', 'fastify'],
              message: 'The web app talks to the server over HTTP only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', 'eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['vite.config.ts', 'vitest.config.ts', 'vitest.e2e.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
