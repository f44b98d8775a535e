/**
 * Crash safety, proven: the production server on SQLite and on PostgreSQL takes a stream of writes (progress entries,
 * edits, evidence uploads) from several clients at once and is killed with SIGKILL mid-stream three times. After each
 * restart the clients carry on. At the end every acknowledged write is there, nothing half-written is visible (every
 * progress entry and file has its audit entry, every file its bytes), SQLite's integrity check is ok and the audit
 * chain verifies.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  freePort,
  loginOver,
  startServer,
  type TServerProcess,
} from './test-support/server-process.ts';

const WRITERS = 4;
const KILLS = 3;

/** What the server acknowledged to one client, and every goal it tried to set (in order). */
type TAcked = { progress: string[]; goals: string[]; files: string[]; triedGoals: string[] };

let outdir = '';
beforeAll(() => {
  outdir = buildServer();
}, 120_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The measure's version in a measure detail answer. */
const versionIn = (json: unknown) => (json as TMeasureDetail).measure.version;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testEngines())('crash safety on %s', (engine) => {
  it('keeps every acknowledged write through three SIGKILLs, and nothing half-written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhenggai-crash-'));
    const database = await emptyDatabase(engine, dir, 'crash');
    const filesDir = join(dir, 'files');
    const env = {
      DATABASE_URL: database.url,
      ZHENGGAI_FILES_DIR: filesDir,
      ZHENGGAI_AUDIT_CHECKPOINTS: join(dir, 'checkpoints.log'),
      ZHENGGAI_DEMO: 'true',
      PORT: String(await freePort()),
    };
    const entry = join(outdir, 'server', 'main.js');
    let server: TServerProcess | null = await startServer(entry, env);
    const baseUrl = server.baseUrl;
    const startedAt = new Date().toISOString();
    try {
      const cookie = await loginOver(baseUrl, 'lianluoyuan');
      const search = await callOver(baseUrl, cookie, 'GET', '/api/measures?state=in_progress&pageSize=20');
      const items = (search.json as { items: { id: number }[] }).items;
      expect(items.length).toBeGreaterThanOrEqual(WRITERS);
      const measureIds = items.slice(0, WRITERS).map((m) => m.id);
      const acked: TAcked[] = measureIds.map(() => ({ progress: [], goals: [], files: [], triedGoals: [] }));
      let stop = false;

      // One client per measure: progress, an edit of the goal, an upload, round and round. A request whose answer
      // never came (the server died) is not acknowledged; the client re-reads the version and goes on.
      const writer = async (w: number) => {
        const id = measureIds[w] as number;
        const mine = acked[w] as TAcked;
        let version: number | null = null;
        for (let n = 0; !stop; n += 1) {
          const tag = `crash-${w}-${n}-${randomBytes(3).toString('hex')}`;
          try {
            if (version === null) {
              const read = await callOver(baseUrl, cookie, 'GET', `/api/measures/${id}`);
              if (read.status !== 200) throw new Error(`read ${read.status}`);
              version = versionIn(read.json);
            }
            if (n % 3 === 0) {
              const res = await callOver(baseUrl, cookie, 'POST', `/api/measures/${id}/progress`, {
                entryDate: todayInChina(),
                text: `进展 ${tag}`,
                version,
              });
              if (res.status !== 201) throw new Error(`progress ${res.status} ${JSON.stringify(res.json)}`);
              mine.progress.push(`进展 ${tag}`);
              version = versionIn(res.json);
            } else if (n % 3 === 1) {
              mine.triedGoals.push(`目标 ${tag}`);
              const res = await callOver(baseUrl, cookie, 'PATCH', `/api/measures/${id}`, {
                version,
                goal: `目标 ${tag}`,
              });
              if (res.status !== 200) throw new Error(`edit ${res.status} ${JSON.stringify(res.json)}`);
              mine.goals.push(`目标 ${tag}`);
              version = versionIn(res.json);
            } else {
              const bytes = Buffer.from(`%PDF-1.4\n% ${tag}\n`);
              const res = await fetch(`${baseUrl}/api/measures/${id}/evidence`, {
                method: 'POST',
                headers: {
                  cookie,
                  'x-requested-with': 'zhenggai',
                  'content-type': 'application/octet-stream',
                  'x-file-name': encodeURIComponent(`${tag}.pdf`),
                },
                body: bytes,
              });
              if (res.status !== 201) throw new Error(`upload ${res.status}`);
              mine.files.push(createHash('sha256').update(bytes).digest('hex'));
              version = versionIn(await res.json());
            }
          } catch {
            // Refused connection, reset, or a stale version after a crash: read the measure again shortly.
            version = null;
            await pause(30);
          }
        }
      };
      const writers = measureIds.map((_, w) => writer(w));
      for (let kill = 0; kill < KILLS; kill += 1) {
        await pause(500 + Math.floor(Math.random() * 500));
        server.child.kill('SIGKILL');
        expect(await server.exited).toBe('SIGKILL');
        server = null;
        server = await startServer(entry, env);
      }
      await pause(500);
      stop = true;
      await Promise.all(writers);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      server = null;

      // The stream really ran: every client had writes of each kind acknowledged.
      for (const a of acked)
        expect(Math.min(a.progress.length, a.goals.length, a.files.length)).toBeGreaterThan(0);

      const opened = openDatabase(database.url);
      try {
        const db = opened.db;
        for (const [w, id] of measureIds.entries()) {
          const mine = acked[w] as TAcked;
          const texts = (
            await db.selectFrom('progress_entries').select('text').where('measure_id', '=', id).execute()
          ).map((r) => r.text);
          for (const text of mine.progress) expect(texts).toContain(text);
          // The last acknowledged goal, or a later one whose answer was lost in the crash.
          const measure = await db
            .selectFrom('measures')
            .select(['goal'])
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          const lastGoal = mine.goals[mine.goals.length - 1];
          if (lastGoal)
            expect(mine.triedGoals.indexOf(String(measure.goal))).toBeGreaterThanOrEqual(
              mine.triedGoals.indexOf(lastGoal),
            );
          const shas = (
            await db.selectFrom('evidence').select('sha256').where('measure_id', '=', id).execute()
          ).map((r) => r.sha256);
          for (const sha of mine.files) expect(shas).toContain(sha);

          // Nothing half-written: each entry and file of the run has its audit entry, each file its bytes.
          const newEntries = await db
            .selectFrom('progress_entries')
            .select('id')
            .where('measure_id', '=', id)
            .where('created_at', '>=', startedAt)
            .execute();
          const progressAudits = await db
            .selectFrom('audit_events')
            .select('id')
            .where('kind', '=', 'measure.progress_recorded')
            .where('object_id', '=', id)
            .where('at', '>=', startedAt)
            .execute();
          expect(progressAudits.length).toBe(newEntries.length);
          const newFiles = await db
            .selectFrom('evidence')
            .select('sha256')
            .where('measure_id', '=', id)
            .where('uploaded_at', '>=', startedAt)
            .execute();
          const fileAudits = await db
            .selectFrom('audit_events')
            .select('id')
            .where('kind', '=', 'evidence.uploaded')
            .where('object_id', '=', id)
            .where('at', '>=', startedAt)
            .execute();
          expect(fileAudits.length).toBe(newFiles.length);
          for (const { sha256 } of newFiles) {
            const bytes = readFileSync(join(filesDir, sha256.slice(0, 2), sha256));
            expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
          }
        }
        if (engine === 'sqlite') {
          const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
          expect(check.rows[0]?.integrity_check).toBe('ok');
        }
      } finally {
        await opened.close();
      }
      const verify = await zhenggai(['audit', 'verify', '--db', database.url], {
        ZHENGGAI_AUDIT_CHECKPOINTS: join(dir, 'checkpoints.log'),
      });
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    } finally {
      if (server) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
