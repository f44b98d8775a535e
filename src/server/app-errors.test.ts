/**
 * What the server answers for a database's refusals no route throws itself: a write racing the deletion of what it
 * refers to, and PostgreSQL giving up a transaction in a deadlock or a serialization failure — each a 409 with a
 * Chinese message the UI shows, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openTestDatabase, testEngines } from './test-support/databases.ts';

describe.each(testEngines())('database refusals answered to the user on %s', (engine) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = await buildApp({
      db: database.db,
      config: loadConfig({ DATABASE_URL: database.url, ZHENGGAI_WEB_DIST: '/nonexistent' }),
    });
    // Routes outside /api, each throwing what a database driver throws.
    for (const code of ['40P01', '40001', '23503', 'SQLITE_CONSTRAINT_FOREIGNKEY', '42P01'])
      app.get(`/__driver/${code}`, () => {
        throw Object.assign(new Error(`driver error ${code}`), { code });
      });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it.each(['40P01', '40001'])(
    'answers PostgreSQL giving up a transaction (%s) with 409: try again',
    async (code) => {
      const res = await app.inject({ method: 'GET', url: `/__driver/${code}` });
      expect(res.statusCode).toBe(409);
      expect(res.json<{ code: string; message: string }>()).toEqual({
        code: 'CONFLICT',
        message: '操作与他人同时进行而未完成，未做任何修改，请重试',
      });
    },
  );

  it.each(['23503', 'SQLITE_CONSTRAINT_FOREIGNKEY'])(
    'answers a write racing a deletion (%s) with 409',
    async (code) => {
      const res = await app.inject({ method: 'GET', url: `/__driver/${code}` });
      expect(res.statusCode).toBe(409);
      expect(res.json<{ message: string }>().message).toContain('请刷新后重试');
    },
  );

  it('still answers any other failure as the server’s own, in Chinese', async () => {
    const res = await app.inject({ method: 'GET', url: '/__driver/42P01' });
    expect(res.statusCode).toBe(500);
    expect(res.json<{ code: string }>().code).toBe('INTERNAL');
  });
});
