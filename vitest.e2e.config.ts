import { defineConfig } from 'vitest/config';
import { aliases } from './vite.config.ts';

// Browser tests: Playwright (playwright-core) driving Debian's Chromium against the built app.
export default defineConfig({
  resolve: { alias: aliases },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    // Shared, noisy machines: a page may take a few seconds to show what a poll waits for.
    expect: { poll: { timeout: 15_000 } },
  },
});
