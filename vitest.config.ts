import { defineConfig } from 'vitest/config';
import { aliases } from './vite.config.ts';

// Unit and API tests; the API suites run once per database (see src/server/test-support/databases.ts).
export default defineConfig({
  resolve: { alias: aliases },
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
