#!/usr/bin/env node
// `npm test`: the whole gate. Typecheck, lint, unit + API tests (SQLite, and PostgreSQL when reachable),
// browser tests (when Chromium is installed). In CI (CI=true) a missing PostgreSQL or Chromium is a failure,
// never a silent skip.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';

const isCi = process.env.CI === 'true' || process.env.CI === '1';
const pgUrl = process.env.ZHENGGAI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${label} failed (exit ${result.status ?? result.signal})`);
    summary();
    process.exit(1);
  }
}

function countFrom(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

function summary() {
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
}

function reachable(url) {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect({ host: hostname, port: Number(port || 5432) });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

const pgUp = await reachable(pgUrl);
if (!pgUp && isCi) {
  console.error(`✖ PostgreSQL is not reachable at ${pgUrl}; CI must not skip the PostgreSQL suites.`);
  process.exit(1);
}
const hasChromium = existsSync(chromium);
if (!hasChromium && isCi) {
  console.error(`✖ Chromium is missing at ${chromium}; CI must not skip the browser tests.`);
  process.exit(1);
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });
run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
run('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
run(
  'unit and API tests',
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json'],
  {
    ZHENGGAI_TEST_DATABASES: pgUp ? 'sqlite,pg' : 'sqlite',
    ZHENGGAI_TEST_PG_URL: pgUrl,
  },
);
countFrom('test-results/unit.json');
if (!pgUp) console.log('ℹ PostgreSQL not reachable: API tests ran on SQLite only (CI runs both).');
const hasE2e = existsSync('tests/e2e') && readdirSync('tests/e2e').some((f) => f.endsWith('.e2e.ts'));
if (hasChromium && hasE2e) {
  run('build', 'npm', ['run', 'build']);
  run(
    'browser tests',
    'npx',
    [
      'vitest',
      'run',
      '--config',
      'vitest.e2e.config.ts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/e2e.json',
    ],
    {
      CHROMIUM_PATH: chromium,
    },
  );
  countFrom('test-results/e2e.json');
} else if (!hasE2e) {
  console.log('ℹ No browser tests yet (tests/e2e/*.e2e.ts).');
} else {
  console.log(`ℹ Chromium not found at ${chromium}: browser tests skipped (CI installs it and runs them).`);
}
summary();
