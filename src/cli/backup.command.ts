/**
 * `zhenggai backup [--db URL] [--files DIR] -o FILE` and `zhenggai restore FILE [--db URL] [--files DIR]`: one
 * archive of the database, the evidence files and the audit checkpoint file, with a manifest; restored only into an
 * empty database and storage, then checked. Evidence is read from --files, else the configured object store
 * (ZHENGGAI_STORAGE=s3), else ZHENGGAI_FILES_DIR, else data/files.
 */
import { auditKey } from '@server/audit/audit-key.ts';
import { AppError } from '@server/errors.ts';
import { storageFromEnv } from '@server/storage/storage-config.ts';
import { backup, restore } from '@server/use-cases/backup/backup.ts';
import { checkpointFileFromEnv } from './audit.command.ts';
import { CliUsageError, out, parseFlags } from './cli-io.ts';
import { databaseUrlFrom } from './database-url.ts';

const USAGE =
  '用法：zhenggai backup [--db URL] [--files 目录] -o 备份文件.tar\n      zhenggai restore 备份文件.tar [--db URL] [--files 目录]';

/** `--files DIR`, else the configured store (the object store with ZHENGGAI_STORAGE=s3, else ZHENGGAI_FILES_DIR). */
const storageOf = (flag: unknown) => storageFromEnv(typeof flag === 'string' ? flag : undefined);

/** A user-facing refusal becomes a usage error (exit 2). */
async function asCli<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.status < 500) throw new CliUsageError(error.message);
    throw error;
  }
}

/** `zhenggai backup`. */
export async function runBackup(args: string[]): Promise<number> {
  const { values } = parseFlags(args, {
    db: { type: 'string' },
    files: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  if (typeof values.output !== 'string') throw new CliUsageError(`请用 -o 指定备份文件\n${USAGE}`);
  const output = values.output;
  const m = await asCli(() =>
    backup({
      databaseUrl: databaseUrlFrom(typeof values.db === 'string' ? values.db : undefined),
      storage: storageOf(values.files),
      checkpointFile: checkpointFileFromEnv(),
      output,
    }),
  );
  out(
    `已备份：${m.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} 数据库、${m.evidenceFiles} 个佐证文件` +
      `${m.parts.some((p) => p.path === 'audit-checkpoints.log') ? '、操作日志检查点' : ''}；` +
      `操作日志链头 ${m.auditHead ? `第 ${m.auditHead.seq} 条` : '（空）'} → ${output}`,
  );
  return 0;
}

/** `zhenggai restore`. */
export async function runRestore(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { db: { type: 'string' }, files: { type: 'string' } });
  const [archive] = positionals;
  if (archive === undefined || positionals.length > 1) throw new CliUsageError(USAGE);
  const r = await asCli(() =>
    restore({
      archive,
      databaseUrl: databaseUrlFrom(typeof values.db === 'string' ? values.db : undefined),
      storage: storageOf(values.files),
      checkpointFile: checkpointFileFromEnv(),
      auditKey: auditKey(),
    }),
  );
  out(
    `已恢复：${r.manifest.evidenceFiles} 个佐证文件，每个部分的 SHA-256 与清单一致；` +
      `操作日志共 ${r.auditEntries} 条，哈希链校验通过。${r.guarantee}`,
  );
  return 0;
}
