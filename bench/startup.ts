/**
 * Start-up of the production build (`npm start` runs dist/server/main.js) on an existing database: time from spawning
 * the process to the first 200 from /readyz (database reachable, migrations current, storage writable). Target: under
 * 2 s on this machine. The first start (migrations and demo data) is shown apart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildServer, startServer } from '../src/server/test-support/server-process.ts';

const RUNS = 5;

async function freshPgDatabase(url: string, name: string): Promise<string | null> {
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  return url.replace(/\/[^/]*$/, `/${name}`);
}

async function timeStart(entry: string, env: Record<string, string>): Promise<number> {
  const started = process.hrtime.bigint();
  const server = await startServer(entry, env);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  server.child.kill('SIGTERM');
  await server.exited;
  return ms;
}

/** The start-up section of the report, for one engine. */
export async function benchStartup(engine: 'sqlite' | 'postgres', pgUrl: string): Promise<string> {
  const outdir = buildServer();
  const dir = mkdtempSync(join(tmpdir(), 'zhenggai-startup-'));
  try {
    const url =
      engine === 'sqlite' ? join(dir, 'startup.db') : await freshPgDatabase(pgUrl, 'zhenggai_bench_startup');
    if (!url) return `PostgreSQL not reachable at ${pgUrl}: start-up not measured.`;
    const env = {
      DATABASE_URL: url,
      ZHENGGAI_FILES_DIR: join(dir, 'files'),
      ZHENGGAI_AUDIT_CHECKPOINTS: join(dir, 'checkpoints.log'),
      NODE_ENV: '',
    };
    const entry = join(outdir, 'server', 'main.js');
    const first = await timeStart(entry, env);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) times.push(await timeStart(entry, env));
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    const worst = times[times.length - 1] ?? 0;
    return [
      `## Start-up of the production build on ${engine}`,
      '',
      '| start | time to /readyz 200 |',
      '|---|---|',
      `| first (migrations, demo data, announcement published) | ${first.toFixed(0)} ms |`,
      `| existing database, median of ${RUNS} | ${median.toFixed(0)} ms |`,
      `| existing database, slowest of ${RUNS} | ${worst.toFixed(0)} ms |`,
      '',
      `Target: under 2,000 ms on an existing database — ${worst < 2000 ? 'met' : 'NOT met'}.`,
      '',
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outdir, { recursive: true, force: true });
  }
}
