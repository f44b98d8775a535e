/**
 * Two app processes on one database behind one port (a round-robin proxy), on PostgreSQL and on SQLite: a session
 * made by one is honoured by the other; concurrent writes through both are all kept, and two edits of one measure
 * from the same version give one success and one 409 (optimistic locking across processes); the audit trail stays
 * one chain without gaps; and the daily jobs, started by both processes at the same moment, run once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMeasureDetail } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { zhenggai } from '../cli/run-cli.ts';
import { openDatabase } from './db/connection.ts';
import { emptyDatabase, testEngines } from './test-support/databases.ts';
import {
  buildServer,
  callOver,
  loginOver,
  roundRobinProxy,
  startServer,
  type TServerProcess,
} from './test-support/server-process.ts';

const MEASURES = 4;
const ROUNDS = 6;

let outdir = '';
beforeAll(() => {
  outdir = buildServer();
}, 120_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const versionIn = (json: unknown) => (json as TMeasureDetail).measure.version;

describe.each(testEngines())('two processes on one %s database', (engine) => {
  it('share sessions, keep every write and one audit chain, hold optimistic locks, run the daily jobs once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhenggai-two-'));
    const database = await emptyDatabase(engine, dir, 'two');
    const env = {
      DATABASE_URL: database.url,
      ZHENGGAI_FILES_DIR: join(dir, 'files'),
      ZHENGGAI_AUDIT_CHECKPOINTS: join(dir, 'checkpoints.log'),
      ZHENGGAI_DEMO: 'true',
    };
    const entry = join(outdir, 'server', 'main.js');
    const servers: TServerProcess[] = [];
    try {
      // The demo data first, by one process; then today's jobs are forgotten so both processes find them due.
      const first = await startServer(entry, env);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      const setUp = openDatabase(database.url);
      for (const table of ['job_runs', 'reminders', 'inspection_daily_figures', 'snapshot_days'] as const)
        await setUp.db.deleteFrom(table).execute();
      await setUp.close();

      // Both at once, with every daily job due now.
      const due = { ...env, ZHENGGAI_SNAPSHOT_HOUR: '0', ZHENGGAI_REMINDER_HOUR: '0' };
      servers.push(...(await Promise.all([startServer(entry, due), startServer(entry, due)])));
      const proxy = await roundRobinProxy(servers.map((s) => s.port));
      try {
        // A session made through one process works through both.
        const cookie = await loginOver(proxy.baseUrl, 'lianluoyuan');
        for (const s of servers)
          expect((await callOver(s.baseUrl, cookie, 'GET', '/api/auth/me')).status).toBe(200);
        const search = await callOver(
          proxy.baseUrl,
          cookie,
          'GET',
          '/api/measures?state=in_progress&pageSize=20',
        );
        const ids = (search.json as { items: { id: number }[] }).items.slice(0, MEASURES).map((m) => m.id);
        expect(ids).toHaveLength(MEASURES);

        // Per measure and round: progress from two clients at once, then two edits from the same version at once.
        const acked: string[] = [];
        let conflicts = 0;
        await Promise.all(
          ids.map(async (id) => {
            for (let round = 0; round < ROUNDS; round += 1) {
              const texts = [`进展 ${id}-${round}-a`, `进展 ${id}-${round}-b`];
              for (const text of texts) {
                // Each progress entry carries the version it was written on: re-read and retry on 409.
                for (;;) {
                  const read = await callOver(proxy.baseUrl, cookie, 'GET', `/api/measures/${id}`);
                  const res = await callOver(proxy.baseUrl, cookie, 'POST', `/api/measures/${id}/progress`, {
                    entryDate: todayInChina(),
                    text,
                    version: versionIn(read.json),
                  });
                  if (res.status === 201) {
                    acked.push(text);
                    break;
                  }
                  expect(res.status).toBe(409);
                }
              }
              const read = await callOver(proxy.baseUrl, cookie, 'GET', `/api/measures/${id}`);
              const version = versionIn(read.json);
              const answers = await Promise.all(
                servers.map((s, i) =>
                  callOver(s.baseUrl, cookie, 'PATCH', `/api/measures/${id}`, {
                    version,
                    goal: `目标 ${round}-${i}`,
                  }),
                ),
              );
              expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
              conflicts += 1;
            }
          }),
        );
        expect(conflicts).toBe(MEASURES * ROUNDS);
        expect(Math.min(...proxy.served)).toBeGreaterThan(20); // both processes really served
      } finally {
        await proxy.close();
      }
      for (const s of servers) {
        s.child.kill('SIGTERM');
        expect(await s.exited).toBe(0);
      }
      for (const s of servers) expect(s.output()).not.toContain('"level":50');

      const opened = openDatabase(database.url);
      try {
        const db = opened.db;
        const texts = (await db.selectFrom('progress_entries').select('text').execute()).map((r) => r.text);
        expect(texts.filter((t) => t.startsWith('进展 ')).length).toBe(MEASURES * ROUNDS * 2);
        // One chain: positions 1…n without a gap or a repeat.
        const chain = await db
          .selectFrom('audit_events')
          .select([
            sql<number>`count(*)`.as('n'),
            sql<number>`count(distinct seq)`.as('distinct'),
            sql<number>`max(seq)`.as('top'),
          ])
          .executeTakeFirstOrThrow();
        expect(Number(chain.distinct)).toBe(Number(chain.n));
        expect(Number(chain.top)).toBe(Number(chain.n));
        // The daily jobs ran once between the two processes: one claim per job, one set of figures per inspection,
        // no reminder sent twice.
        const today = todayInChina();
        const runs = await db
          .selectFrom('job_runs')
          .select(['job', 'finished_at'])
          .where('day', '=', today)
          .execute();
        expect(runs.length).toBeGreaterThan(0);
        expect(new Set(runs.map((r) => r.job)).size).toBe(runs.length);
        for (const r of runs) expect(r.finished_at).not.toBeNull();
        const figures = await db
          .selectFrom('inspection_daily_figures')
          .select(['inspection_id', sql<number>`count(*)`.as('n')])
          .where('day', '=', today)
          .groupBy('inspection_id')
          .execute();
        expect(figures.length).toBe(1);
        expect(Number(figures[0]?.n)).toBe(1);
        const reminders = await db
          .selectFrom('reminders')
          .select(['rule', 'measure_id', 'subject', 'user_id', 'channel', sql<number>`count(*)`.as('n')])
          .groupBy(['rule', 'measure_id', 'subject', 'user_id', 'channel'])
          .execute();
        expect(reminders.length).toBeGreaterThan(0);
        for (const r of reminders) expect(Number(r.n)).toBe(1);
      } finally {
        await opened.close();
      }
      const verify = await zhenggai(['audit', 'verify', '--db', database.url], {
        ZHENGGAI_AUDIT_CHECKPOINTS: join(dir, 'checkpoints.log'),
      });
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    } finally {
      for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
      await Promise.all(servers.map((s) => s.exited));
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
