/**
 * /healthz and /readyz on both databases, without a login: ready when the database answers, every migration ran
 * and files can be stored; 503 naming what is wrong — a pending migration, storage that cannot be written — and
 * never a piece of data or a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { TFileStorage } from '../storage/file-storage.ts';
import { openTestDatabase, testEngines } from '../test-support/databases.ts';
import { testConfig } from '../test-support/factories.ts';

const readOnly: TFileStorage = {
  description: '只读目录',
  list: async function* () {},
  put: () => Promise.reject(new Error('read-only')),
  get: () => Promise.resolve(null),
  checkWritable: () => Promise.reject(new Error('EROFS: read-only file system, open /secret/path')),
};

describe.each(testEngines())('health and readiness on %s', (engine) => {
  it('is alive and ready on a migrated database with writable storage, without a login', async () => {
    const database = await openTestDatabase(engine);
    const app = await buildApp({ db: database.db, config: testConfig() });
    try {
      const alive = await app.inject({ method: 'GET', url: '/healthz' });
      expect(alive.statusCode).toBe(200);
      expect(alive.json()).toEqual({ status: 'ok' });
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode, ready.body).toBe(200);
      expect(ready.json()).toEqual({
        status: 'ready',
        checks: { database: 'ok', migrations: 'ok', storage: 'ok' },
      });
    } finally {
      await app.close();
      await database.drop();
    }
  });

  it('is not ready with a migration pending or storage that cannot be written, and says which in Chinese', async () => {
    const database = await openTestDatabase(engine, { upTo: '20261205120000-opinions' });
    const app = await buildApp({ db: database.db, config: testConfig(), storage: readOnly });
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      const body = res.json<{ status: string; checks: Record<string, string> }>();
      expect(body.status).toBe('not_ready');
      expect(body.checks.database).toBe('ok');
      expect(body.checks.migrations).toMatch(/^有 \d+ 个数据库迁移尚未执行$/);
      expect(body.checks.storage).toBe('文件存储不可写');
      expect(res.body).not.toContain('/secret/path');
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
