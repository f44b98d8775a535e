/**
 * The production build as `npm start` runs it: server and CLI compiled to JavaScript bundles (no TypeScript loader at
 * run time), NODE_ENV=production by default, demo data and accounts on a fresh database, ready again on an existing
 * one, and a SIGTERM that lets the process close the database and exit 0. On SQLite and PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDatabase, testEngines } from './test-support/databases.ts';
import { buildServer, callOver, loginOver, startServer } from './test-support/server-process.ts';

let outdir = '';
beforeAll(() => {
  outdir = buildServer();
}, 120_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe.each(testEngines())('the compiled server on %s', (engine) => {
  it('starts with demo data, serves the API, restarts on the same data and stops cleanly on SIGTERM', async () => {
    const bundle = readFileSync(join(outdir, 'server', 'main.js'), 'utf8');
    // Compiled: no TypeScript sources or loader are imported at run time.
    expect(bundle).not.toMatch(/from ['"][^'"]+\.ts['"]/);
    expect(bundle).not.toContain("from 'tsx");
    const dir = mkdtempSync(join(tmpdir(), 'zhenggai-build-'));
    const database = await emptyDatabase(engine, dir, 'build');
    const env = {
      DATABASE_URL: database.url,
      ZHENGGAI_FILES_DIR: join(dir, 'files'),
      ZHENGGAI_AUDIT_CHECKPOINTS: join(dir, 'checkpoints.log'),
      ZHENGGAI_DEMO: 'true',
      // Unset, as on a server: the build decides (production). Vitest's own NODE_ENV=test must not leak in.
      NODE_ENV: '',
    };
    try {
      const first = await startServer(join(outdir, 'server', 'main.js'), env);
      expect(first.output()).toContain('整改台账已启动');
      expect(first.output()).toContain('xunchaban');
      const cookie = await loginOver(first.baseUrl, 'xunchaban');
      const list = await callOver(first.baseUrl, cookie, 'GET', '/api/inspections');
      expect(list.status).toBe(200);
      expect(list.json).toHaveLength(1);
      const ready = await fetch(`${first.baseUrl}/readyz`);
      expect(await ready.json()).toMatchObject({ status: 'ready' });
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);

      // Again on the same database: no second demo import, the session store survived, ready.
      const second = await startServer(join(outdir, 'server', 'main.js'), env);
      expect(second.output()).not.toContain('已导入演示数据');
      const again = await callOver(second.baseUrl, cookie, 'GET', '/api/inspections');
      expect(again.status).toBe(200);
      expect(again.json).toHaveLength(1);
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);

      // The compiled CLI reads the same database: the audit chain the server wrote verifies.
      const verify = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { main } = await import(${JSON.stringify(pathToFileURL(join(outdir, 'cli', 'main.js')).href)});` +
            `process.exitCode = await main(['audit', 'verify', '--db', ${JSON.stringify(database.url)}]);`,
        ],
        { env: { ...process.env, DATABASE_URL: '' }, encoding: 'utf8' },
      );
      expect(verify).toContain('完整');
    } finally {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
