/** Starts the built app on a fresh SQLite file in demo mode and opens Chromium on it. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Kysely } from 'kysely';
import { parseAnnouncementText } from '@importers/announcement-text.importer.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { systemActor } from '../../src/server/policies/actor.ts';
import { freePort, waitForHealth } from '../../src/server/test-support/server-process.ts';
import {
  storeImportedDocument,
  type TStoreImportResult,
} from '../../src/server/use-cases/imports/store-imported-document.ts';

/** Flags for Debian's Chromium on a closed network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** The running app and browser. */
export type THarness = {
  dbPath: string;
  baseUrl: string;
  browser: Browser;
  /** A page in a fresh browser context: a desktop screen unless a viewport (a phone's, say) is given. */
  newPage: (viewport?: { width: number; height: number }) => Promise<Page>;
  stop: () => Promise<void>;
  serverLog: () => string;
};

/** What a server log must never hold: passwords, session tokens, secrets, mobile numbers; and it must be structured. */
export function logLeaks(output: string): string[] {
  // The log is pino's JSON lines; the start-up banner (the demo accounts a newcomer is shown) is not part of it.
  const log = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .join('\n');
  const found: string[] = [];
  if (log.includes('Zhenggai@2026')) found.push('a password');
  if (/zhenggai_session=|"cookie"\s*:/i.test(log)) found.push('a session cookie');
  if (log.includes('e2e-secret-key-for-channel-secrets')) found.push('the secret key');
  const phone = /(?<![\d.])1[3-9]\d{9}(?![\d.])/.exec(log);
  if (phone) found.push(`a mobile number (${phone[0].slice(0, 3)}…)`);
  // Not vacuous: the requests were logged, structured, each with its request id.
  if (!log.includes('"reqId"')) found.push('no structured request log (pino, with request ids)');
  return found;
}

/**
 * Starts server and browser. The server is the production build (`npm run build`: dist/server/main.js, as `npm start`
 * runs it) and the web app must have been built too (npm test and test:e2e build both first).
 */
export async function startHarness(): Promise<THarness> {
  if (!existsSync('dist/server/main.js'))
    throw new Error('dist/server/main.js 不存在：请先运行 npm run build');
  const dir = mkdtempSync(join(tmpdir(), 'zhenggai-e2e-'));
  const port = await freePort();
  let output = '';
  const dbPath = join(dir, 'e2e.db');
  const server = spawn(process.execPath, ['dist/server/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: dbPath,
      PORT: String(port),
      HOST: '127.0.0.1',
      ZHENGGAI_DEMO: 'true',
      // Every request is logged (pino, with request ids): the log is checked for personal data at the end.
      ZHENGGAI_LOG_LEVEL: 'info',
      // Channel secrets can be saved from the UI only with this key (a test key, never a real one).
      ZHENGGAI_SECRET_KEY: 'e2e-secret-key-for-channel-secrets-0123456789',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, server, () => output);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    baseUrl,
    dbPath,
    browser,
    serverLog: () => output,
    newPage: async (viewport = { width: 1366, height: 768 }) => {
      const context = await browser.newContext({
        viewport,
        ...(viewport.width < 500 ? { isMobile: true, hasTouch: true } : {}),
        locale: 'zh-CN',
        baseURL: baseUrl,
      });
      return context.newPage();
    },
    stop: async () => {
      await browser.close();
      // Wait for the server to finish its graceful shutdown (it closes the database); kill it if it hangs.
      const exited = new Promise<void>((resolve) => {
        if (server.exitCode !== null || server.signalCode !== null) resolve();
        else server.once('exit', () => resolve());
      });
      server.kill('SIGTERM');
      const hung = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(hung);
      rmSync(dir, { recursive: true, force: true });
      const leaks = logLeaks(output);
      if (leaks.length > 0)
        throw new Error(`the server log holds personal data or secrets: ${leaks.join('; ')}`);
    },
  };
}

/** Logs in through the login page. */
export async function loginAs(page: Page, username: string, password = 'Zhenggai@2026'): Promise<void> {
  await page.goto('/');
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('current-user').waitFor();
}

/** Clicks a button that exports a file (POST, then the short-lived link) and returns the downloaded bytes. */
export async function downloadBy(page: Page, testId: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await download.path();
  return readFileSync(path);
}

/** Makes an export through the API as the page's user, and fetches it. */
export async function exportVia(page: Page, body: Record<string, unknown>): Promise<Buffer> {
  const made = await page.request.post('/api/exports', {
    data: body,
    headers: { 'x-requested-with': 'zhenggai' },
  });
  const { url } = (await made.json()) as { url: string };
  return (await page.request.get(url)).body();
}

/**
 * Imports an announcement's text into the running server's database file, beside it, as an import by the system
 * would (a new unit under the root unit); the stored ids.
 */
export async function importLedger(db: Kysely<Database>, text: string): Promise<TStoreImportResult> {
  const root = await db
    .selectFrom('units')
    .select('id')
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const parsed = parseAnnouncementText(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return storeImportedDocument({
    db,
    actor: systemActor('test'),
    document: parsed.document,
    parentUnitId: root.id,
  });
}
