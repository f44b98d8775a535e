/**
 * `npm run bench`: importer throughput (the seed, and a synthetic 600-measure document), ledger reads in process,
 * HTTP at province scale (`bench/scale.ts`: 1,000 units and 100,000 measures on SQLite and PostgreSQL, the app
 * against a bare Fastify + SQL ceiling, 20 connections) and start-up of the production build (`bench/startup.ts`).
 * Results go to bench/results/latest.md; numbers are from
 * this machine, not assertions.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAnnouncementText } from '../src/importers/announcement-text.importer.ts';
import { todayInChina } from '../src/shared/chinese.ts';
import { openDatabase } from '../src/server/db/connection.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { systemActor } from '../src/server/policies/actor.ts';
import { readLedger } from '../src/server/use-cases/inspections/read-ledger.ts';
import { seedDemoData } from '../src/server/use-cases/demo/seed-demo-data.ts';
import { benchPublic } from './public.ts';
import { benchScale, PG_URL, resetPgSchema } from './scale.ts';
import { benchStartup } from './startup.ts';

const seed = readFileSync(new URL('../demo/seed-announcement.txt', import.meta.url), 'utf8');

function synthetic(categories: number, problemsPer: number, measuresPer: number): string {
  const lines = [
    '中共某某市某某局党组关于巡察整改进展情况的通报',
    '2021年4月20日至5月21日,市委第一巡察组对某某局党组进行了巡察。2021年7月6日,市委第一巡察组向某某局党组反馈了巡察意见。',
    '二、反馈问题整改落实情况',
  ];
  let n = 0;
  for (let c = 1; c <= categories; c += 1) {
    lines.push(`(${'一二三四五六七八九十'[c - 1] ?? '十'})第${c}类问题存在差距`);
    for (let p = 1; p <= problemsPer; p += 1) {
      n += 1;
      const measures = Array.from(
        { length: measuresPer },
        (_, i) => `${'一二三四五六七八九十'[i] ?? '十'}是制定完善第${n}项制度并组织学习,确保整改落实到位。`,
      ).join('');
      lines.push(`${n}.关于“第${n}个问题整改不到位”问题的整改情况。${measures}`);
    }
  }
  return lines.join('\n');
}

function time(label: string, runs: number, fn: () => void): string {
  fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i += 1) fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  return `| ${label} | ${runs} | ${ms.toFixed(2)} ms |`;
}

/** Which parts run (`BENCH_PARTS=public` for one); a partial run is written beside latest.md, not over it. */
const PARTS = ['process', 'scale', 'public', 'startup'] as const;
const parts = (process.env.BENCH_PARTS ?? PARTS.join(',')).split(',');
const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',');
const dir = mkdtempSync(join(tmpdir(), 'zhenggai-bench-'));

const rows: string[] = [];
if (parts.includes('process')) {
  rows.push(time('parse the seed (4/15/48)', 200, () => void parseAnnouncementText(seed)));
  const big = synthetic(10, 12, 5);
  rows.push(time('parse a synthetic 10/120/600 document', 50, () => void parseAnnouncementText(big)));
  const database = openDatabase(join(dir, 'bench.db'));
  await migrateToLatest(database.db);
  const { inspectionId } = await seedDemoData(database.db);
  const runs = 50;
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i += 1)
    await readLedger(
      { db: database.db, actor: systemActor('bench'), yellowDays: 7, today: todayInChina() },
      inspectionId,
    );
  rows.push(
    `| read the seed ledger (48 measures, SQLite) | ${runs} | ${(Number(process.hrtime.bigint() - start) / 1e6 / runs).toFixed(2)} ms |`,
  );
  await database.close();
}

// HTTP: the same data set on SQLite and PostgreSQL, the app against the bare ceiling.
const sections: string[] = [];
for (const part of ['scale', 'public'] as const) {
  if (!parts.includes(part)) continue;
  for (const engine of ['sqlite', 'postgres'] as const) {
    if (!engines.includes(engine)) continue;
    const schema = `zhenggai_bench_${part}`;
    const target =
      engine === 'sqlite'
        ? { url: join(dir, `${part}.db`), pgSchema: undefined }
        : { url: PG_URL, pgSchema: schema };
    if (engine === 'postgres' && !(await resetPgSchema(PG_URL, schema))) {
      sections.push(`PostgreSQL not reachable at ${PG_URL}: not measured.`);
      continue;
    }
    sections.push(
      part === 'scale'
        ? await benchScale(engine, target.url, target.pgSchema)
        : await benchPublic(engine, target.url, target.pgSchema),
    );
  }
}
if (parts.includes('startup'))
  for (const engine of ['sqlite', 'postgres'] as const)
    if (engines.includes(engine)) sections.push(await benchStartup(engine, PG_URL));
rmSync(dir, { recursive: true, force: true });

const report = [
  `# Benchmarks${parts.length < PARTS.length ? ` (${parts.join(', ')} only)` : ''}`,
  '',
  `Run ${new Date().toISOString()} on Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}).`,
  '',
  ...(rows.length > 0 ? ['## In process', '', '| what | runs | mean |', '|---|---|---|', ...rows, ''] : []),
  ...sections,
].join('\n');
const file = PARTS.every((p) => parts.includes(p)) ? 'latest.md' : `${parts.join('-')}.md`;
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL(`./results/${file}`, import.meta.url), report);
console.log(report);
