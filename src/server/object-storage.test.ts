/**
 * Evidence in S3-compatible object storage, end to end, on SQLite and PostgreSQL: the production server configured
 * with ZHENGGAI_STORAGE=s3 against a real S3-compatible server (s3rver, on 127.0.0.1) is ready, keeps an upload in
 * the bucket under its content address and serves it back; `zhenggai backup` takes the bucket's files into the
 * archive; `zhenggai restore` into an empty database and an empty bucket refuses a bucket that is not empty, and
 * after it the server shows the same ledger and every evidence download matches its hash.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMeasureDetail } from '@shared/api.ts';
import { zhenggai } from '../cli/run-cli.ts';
import { objectStoreFromEnv, storageFrom } from './storage/storage-config.ts';
import { emptyDatabase, testEngines } from './test-support/databases.ts';
import { startS3Server, type TS3Server } from './test-support/s3-server.ts';
import {
  buildServer,
  callOver,
  loginOver,
  startServer,
  type TServerProcess,
} from './test-support/server-process.ts';

let outdir = '';
let s3: TS3Server;
beforeAll(async () => {
  outdir = buildServer();
  s3 = await startS3Server(['zhenggai-sqlite', 'restored-sqlite', 'zhenggai-postgres', 'restored-postgres']);
}, 120_000);
afterAll(async () => {
  await s3.close();
  rmSync(outdir, { recursive: true, force: true });
});

async function listed(env: Record<string, string>): Promise<string[]> {
  const out: string[] = [];
  for await (const sha of storageFrom({ filesDir: 'unused', objectStore: objectStoreFromEnv(env) }).list())
    out.push(sha);
  return out;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(testEngines())('evidence in object storage on %s', (engine) => {
  it('stores and serves evidence from the bucket, and backs it up and restores it into an empty bucket', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhenggai-s3-app-'));
    const database = await emptyDatabase(engine, dir, 's3src');
    const target = await emptyDatabase(engine, dir, 's3dst');
    const bucket = s3.envFor(`zhenggai-${engine}`);
    const restoredBucket = s3.envFor(`restored-${engine}`);
    const env = {
      DATABASE_URL: database.url,
      // A directory that is never used: evidence goes to the bucket.
      ZHENGGAI_FILES_DIR: join(dir, 'not-used'),
      ZHENGGAI_AUDIT_CHECKPOINTS: join(dir, 'checkpoints.log'),
      ZHENGGAI_DEMO: 'true',
      ...bucket,
    };
    const entry = join(outdir, 'server', 'main.js');
    let server: TServerProcess | null = await startServer(entry, env);
    try {
      // The demo's published announcement (.docx and PDF) is already in the bucket.
      const before = await listed(bucket);
      expect(before.length).toBeGreaterThan(0);

      const cookie = await loginOver(server.baseUrl, 'lianluoyuan');
      const search = await callOver(
        server.baseUrl,
        cookie,
        'GET',
        '/api/measures?state=in_progress&pageSize=1',
      );
      const measureId = (search.json as { items: { id: number }[] }).items[0]?.id;
      const bytes = Buffer.from('%PDF-1.4\n% 对象存储中的佐证\n');
      const upload = await fetch(`${server.baseUrl}/api/measures/${measureId}/evidence`, {
        method: 'POST',
        headers: {
          cookie,
          'x-requested-with': 'zhenggai',
          'content-type': 'application/octet-stream',
          'x-file-name': encodeURIComponent('会议纪要.pdf'),
        },
        body: bytes,
      });
      expect(upload.status).toBe(201);
      const evidence = ((await upload.json()) as TMeasureDetail).evidence.find(
        (e) => e.sha256 === sha256(bytes),
      );
      expect(evidence).toBeDefined();
      expect(await listed(bucket)).toContain(sha256(bytes));
      const download = await fetch(`${server.baseUrl}/api/evidence/${evidence?.id}?download=1`, {
        headers: { cookie },
      });
      expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(bytes));
      const inspectionId = (
        (await callOver(server.baseUrl, cookie, 'GET', '/api/inspections')).json as { id: number }[]
      )[0]?.id;
      const ledger = await callOver(server.baseUrl, cookie, 'GET', `/api/inspections/${inspectionId}/ledger`);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      server = null;
      expect(existsSync(join(dir, 'not-used'))).toBe(false);

      // Backup from the bucket; restore into a bucket that is not empty is refused, into an empty one it works.
      const archive = join(dir, 'backup.tar');
      const cli = { ZHENGGAI_AUDIT_CHECKPOINTS: join(dir, 'checkpoints.log') };
      const made = await zhenggai(['backup', '--db', database.url, '-o', archive], { ...cli, ...bucket });
      expect(made.code, made.stderr).toBe(0);
      expect(made.stdout).toContain(`${before.length + 1} 个佐证文件`);
      const into = { ZHENGGAI_AUDIT_CHECKPOINTS: join(dir, 'restored-checkpoints.log') };
      const refused = await zhenggai(['restore', archive, '--db', target.url], { ...into, ...bucket });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('目标存储不为空');
      const restored = await zhenggai(['restore', archive, '--db', target.url], {
        ...into,
        ...restoredBucket,
      });
      expect(restored.code, restored.stderr).toBe(0);
      expect(await listed(restoredBucket)).toEqual(await listed(bucket));

      // The restored app shows the same ledger and serves the same evidence.
      server = await startServer(entry, {
        ...env,
        ...restoredBucket,
        DATABASE_URL: target.url,
        ZHENGGAI_AUDIT_CHECKPOINTS: join(dir, 'restored-checkpoints.log'),
      });
      const again = await loginOver(server.baseUrl, 'lianluoyuan');
      const sameLedger = await callOver(
        server.baseUrl,
        again,
        'GET',
        `/api/inspections/${inspectionId}/ledger`,
      );
      expect(sameLedger.json).toEqual(ledger.json);
      const detail = await callOver(server.baseUrl, again, 'GET', `/api/measures/${measureId}`);
      for (const e of (detail.json as TMeasureDetail).evidence) {
        const file = await fetch(`${server.baseUrl}/api/evidence/${e.id}?download=1`, {
          headers: { cookie: again },
        });
        expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(e.sha256);
      }
    } finally {
      if (server) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
      await database.drop();
      await target.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
