/**
 * Backup and restore (`zhenggai backup` / `zhenggai restore`): one tar archive with the database (SQLite's online
 * backup, or `pg_dump` in custom format), every evidence file, the audit checkpoint file, a manifest with the SHA-256
 * of every part and the audit chain's head, and a SHA256SUMS file anyone can check with `sha256sum -c`. A restore goes
 * only into an empty database and empty storage of the same engine; it checks every part first and the audit chain
 * after.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import * as tar from 'tar';
import { verifyAuditChain } from '../../audit/audit-chain.ts';
import { openDatabase, isPostgresUrl } from '../../db/connection.ts';
import { AppError } from '../../errors.ts';
import { auditHashAt, auditHead, tablesInCurrentSchema } from '../../repositories/backup.repository.ts';
import type { TFileStorage } from '../../storage/file-storage.ts';

const run = promisify(execFile);
const FORMAT = 'zhenggai-backup/1';
const DB_SQLITE = 'database.sqlite';
const DB_PG = 'database.pgdump';
const CHECKPOINTS = 'audit-checkpoints.log';

/** The manifest (manifest.json) of an archive. */
export type TBackupManifest = {
  format: typeof FORMAT;
  createdAt: string;
  engine: 'sqlite' | 'postgres';
  auditHead: { seq: number; hash: string } | null;
  evidenceFiles: number;
  parts: Array<{ path: string; sha256: string; size: number }>;
};

/** The SHA-256 of a file, read as a stream (archives and database dumps can be large). */
async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

async function pgTool(tool: 'pg_dump' | 'pg_restore', args: string[]): Promise<void> {
  try {
    await run(tool, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const e = error as { code?: string; stderr?: string };
    if (e.code === 'ENOENT')
      throw new AppError('UNPROCESSABLE', `需要 ${tool}（Debian 软件包 postgresql-client），请先安装`);
    throw new Error(`${tool} 失败：${(e.stderr ?? String(error)).trim().slice(0, 500)}`);
  }
}

/** Writes the archive of the database at `databaseUrl`, the evidence in `storage` and the checkpoint file. */
export async function backup(o: {
  databaseUrl: string;
  storage: TFileStorage;
  checkpointFile: string;
  output: string;
}): Promise<TBackupManifest> {
  const staging = await mkdtemp(join(tmpdir(), 'zhenggai-backup-'));
  try {
    const engine = isPostgresUrl(o.databaseUrl) ? 'postgres' : 'sqlite';
    let head: TBackupManifest['auditHead'];
    if (engine === 'sqlite') {
      if (!(await exists(o.databaseUrl)))
        throw new AppError('NOT_FOUND', `数据库文件不存在：${o.databaseUrl}`);
      const source = new SQLite(o.databaseUrl, { readonly: true, fileMustExist: true });
      try {
        await source.backup(join(staging, DB_SQLITE));
      } finally {
        source.close();
      }
      head = await headOf(join(staging, DB_SQLITE));
    } else {
      // The head is read first: the dump holds at least the entries up to it.
      head = await headOf(o.databaseUrl);
      await pgTool('pg_dump', [
        '--format=custom',
        '--no-owner',
        `--file=${join(staging, DB_PG)}`,
        o.databaseUrl,
      ]);
    }
    // Every stored file, one at a time (a file is at most the evidence size limit), from disk or the bucket.
    const files: string[] = [];
    for await (const sha of o.storage.list()) {
      const f = join(sha.slice(0, 2), sha);
      const bytes = await o.storage.get(sha);
      // Content-addressed: a file whose bytes no longer match its name is damaged, and a backup says so now.
      if (bytes === null || createHash('sha256').update(bytes).digest('hex') !== sha)
        throw new Error(`佐证文件已损坏（内容与文件名的 SHA-256 不符）：${f}`);
      await mkdir(join(staging, 'files', sha.slice(0, 2)), { recursive: true });
      await writeFile(join(staging, 'files', f), bytes);
      files.push(f);
    }
    if (await exists(o.checkpointFile)) await copyFile(o.checkpointFile, join(staging, CHECKPOINTS));
    const paths = [
      engine === 'sqlite' ? DB_SQLITE : DB_PG,
      ...((await exists(join(staging, CHECKPOINTS))) ? [CHECKPOINTS] : []),
      ...files.map((f) => join('files', f)),
    ];
    const parts: TBackupManifest['parts'] = [];
    for (const path of paths)
      parts.push({
        path,
        sha256: await sha256Of(join(staging, path)),
        size: (await stat(join(staging, path))).size,
      });
    const manifest: TBackupManifest = {
      format: FORMAT,
      createdAt: new Date().toISOString(),
      engine,
      auditHead: head,
      evidenceFiles: files.length,
      parts,
    };
    await writeFile(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await writeFile(join(staging, 'SHA256SUMS'), parts.map((p) => `${p.sha256}  ${p.path}\n`).join(''));
    await mkdir(dirname(o.output), { recursive: true });
    await tar.c({ file: o.output, cwd: staging, portable: true }, ['manifest.json', 'SHA256SUMS', ...paths]);
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function headOf(url: string) {
  const database = openDatabase(url);
  try {
    return await auditHead(database.db);
  } finally {
    await database.close();
  }
}

/** Restores an archive into an empty database and empty storage of the same engine, then verifies the audit chain. */
export async function restore(o: {
  archive: string;
  databaseUrl: string;
  storage: TFileStorage;
  checkpointFile: string;
  auditKey: Buffer | null;
}): Promise<{ manifest: TBackupManifest; auditEntries: number; guarantee: string }> {
  if (!(await exists(o.archive))) throw new AppError('NOT_FOUND', `备份文件不存在：${o.archive}`);
  const staging = await mkdtemp(join(tmpdir(), 'zhenggai-restore-'));
  try {
    await tar.x({ file: o.archive, cwd: staging, strict: true }).catch(() => {
      throw new AppError('UNPROCESSABLE', '不是有效的备份文件（无法解包）');
    });
    const manifest = await readManifest(staging);
    for (const p of manifest.parts) {
      const path = join(staging, p.path);
      if (!(await exists(path)) || (await sha256Of(path)) !== p.sha256)
        throw new AppError('UNPROCESSABLE', `备份文件已损坏：${p.path} 的 SHA-256 与清单不符`);
    }
    const engine = isPostgresUrl(o.databaseUrl) ? 'postgres' : 'sqlite';
    if (engine !== manifest.engine)
      throw new AppError(
        'UNPROCESSABLE',
        `备份来自 ${manifest.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}，只能恢复到同一种数据库`,
      );
    await refuseNonEmpty(o);
    if (engine === 'sqlite') await copyFile(join(staging, DB_SQLITE), o.databaseUrl);
    else
      await pgTool('pg_restore', [
        '--no-owner',
        '--exit-on-error',
        `--dbname=${o.databaseUrl}`,
        join(staging, DB_PG),
      ]);
    for (const p of manifest.parts.filter((x) => x.path.startsWith('files/'))) {
      const stored = await o.storage.put(new Uint8Array(await readFile(join(staging, p.path))));
      if (stored !== p.path.slice(-64)) throw new Error(`佐证文件与其名称不符：${p.path}`);
    }
    if (manifest.parts.some((p) => p.path === CHECKPOINTS)) {
      await mkdir(dirname(o.checkpointFile), { recursive: true });
      await copyFile(join(staging, CHECKPOINTS), o.checkpointFile);
    }
    const database = openDatabase(o.databaseUrl);
    try {
      if (
        manifest.auditHead !== null &&
        (await auditHashAt(database.db, manifest.auditHead.seq)) !== manifest.auditHead.hash
      )
        throw new Error('恢复后的操作日志与备份清单记录的链头不符');
      const verdict = await verifyAuditChain(database.db, {
        key: o.auditKey,
        checkpointFile: o.checkpointFile,
      });
      if (!verdict.ok)
        throw new Error(`恢复后的操作日志校验未通过：第 ${verdict.brokenAt.seq} 条，${verdict.reason}`);
      return { manifest, auditEntries: verdict.entries, guarantee: verdict.guarantee };
    } finally {
      await database.close();
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function readManifest(staging: string): Promise<TBackupManifest> {
  const text = await readFile(join(staging, 'manifest.json'), 'utf8').catch(() => '');
  let m: Partial<TBackupManifest> = {};
  try {
    m = JSON.parse(text) as Partial<TBackupManifest>;
  } catch {
    // Falls through to the refusal below.
  }
  const safe = (p: string) => !p.startsWith('/') && !p.split('/').includes('..');
  if (m.format !== FORMAT || !Array.isArray(m.parts) || !m.parts.every((p) => safe(p.path)))
    throw new AppError('UNPROCESSABLE', '不是有效的备份文件（缺少或无法识别 manifest.json）');
  return m as TBackupManifest;
}

/** A restore never writes over anything: the database, the evidence directory and the checkpoint file are empty. */
async function refuseNonEmpty(o: { databaseUrl: string; storage: TFileStorage; checkpointFile: string }) {
  if (isPostgresUrl(o.databaseUrl)) {
    const database = openDatabase(o.databaseUrl);
    try {
      if ((await tablesInCurrentSchema(database.db)) > 0)
        throw new AppError('CONFLICT', '目标数据库不为空：只能恢复到空数据库');
    } finally {
      await database.close();
    }
  } else if (await exists(o.databaseUrl))
    throw new AppError('CONFLICT', `目标数据库文件已存在：${o.databaseUrl}（只能恢复到新文件）`);
  for await (const _ of o.storage.list())
    throw new AppError('CONFLICT', `目标存储不为空：${o.storage.description}`);
  if (await exists(o.checkpointFile)) throw new AppError('CONFLICT', `检查点文件已存在：${o.checkpointFile}`);
}
