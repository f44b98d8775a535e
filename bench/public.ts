/**
 * The public side under load: the demo's published announcement page (`/public/announcements/:id`, from its
 * snapshot, with the opinion form) and a receipt lookup (`GET /api/public/opinions/:code` and its page), at 20
 * connections, against bare Fastify routes reading the same rows. Public pages read only the snapshot tables, so the
 * size of the ledgers does not enter; the demo data set is used.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/server/db/connection.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { localDiskStorage } from '../src/server/storage/file-storage.ts';
import { publishDemoAnnouncement } from '../src/server/use-cases/demo/publish-demo.ts';
import { seedDemoData } from '../src/server/use-cases/demo/seed-demo-data.ts';
import { submitOpinion } from '../src/server/use-cases/public/submit-opinion.ts';
import { drain, load, resultTable, startServers, type TResult } from './scale.ts';

/** Runs the public benchmark on one engine; its section of the report. */
export async function benchPublic(engine: 'sqlite' | 'postgres', url: string, pgSchema?: string) {
  const files = mkdtempSync(join(tmpdir(), 'zhenggai-bench-files-'));
  const database = openDatabase(url, pgSchema ? { pgSchema } : {});
  await migrateToLatest(database.db, pgSchema ? { pgSchema } : {});
  const demo = await seedDemoData(database.db);
  await publishDemoAnnouncement(database.db, localDiskStorage(files), demo);
  const announcement = await database.db
    .selectFrom('public_announcements')
    .select('id')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const { code } = await submitOpinion(
    database.db,
    {
      announcementId: announcement.id,
      problemId: null,
      content: '建议公开公务用车使用台账，接受群众监督。',
      name: '',
      contact: '',
      website: '',
      shownAt: Date.now() - 30_000,
    },
    { address: '127.0.0.1' },
  );
  await database.close();
  const { ports, stop } = await startServers(url, pgSchema);
  try {
    const base = `http://127.0.0.1:${ports.app}`;
    const ceiling = `http://127.0.0.1:${ports.ceiling}`;
    const page = await fetch(`${base}/public/announcements/${announcement.id}`);
    const receipt = await fetch(`${base}/api/public/opinions/${code}`);
    if (page.status !== 200 || !(await page.text()).includes('提交') || receipt.status !== 200)
      throw new Error(`public bench: page ${page.status}, receipt ${receipt.status}`);
    const plan: Array<[string, string]> = [
      [
        'ceiling: bare Fastify + SQL, the announcement snapshot as HTML',
        `${ceiling}/public-page/${announcement.id}`,
      ],
      [
        'GET /public/announcements/:id (the demo’s published announcement, with the opinion form)',
        `${base}/public/announcements/${announcement.id}`,
      ],
      ['ceiling: bare Fastify + SQL, one receipt by code', `${ceiling}/receipt/${code}`],
      ['GET /api/public/opinions/:code (receipt, JSON)', `${base}/api/public/opinions/${code}`],
      ['GET /public/opinions/:code (receipt page)', `${base}/public/opinions/${code}`],
    ];
    const results: TResult[] = [];
    for (const [label, target] of plan) {
      await drain(base);
      results.push(await load(label, target, {}));
    }
    const pageRps = results[1]?.rps ?? 0;
    return [
      `## ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: the public side`,
      '',
      `The demo's published announcement and one opinion's code; 20 connections, no login. Target for the announcement page: ≥ 2,000 req/s — ${pageRps >= 2000 ? 'met' : 'not met'} (${pageRps.toFixed(0)} req/s).`,
      '',
      ...resultTable(results.slice(0, 2)),
      '',
      ...resultTable(results.slice(2)),
      '',
    ].join('\n');
  } finally {
    stop();
    rmSync(files, { recursive: true, force: true });
  }
}
