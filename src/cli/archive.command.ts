/**
 * `zhenggai archive --inspection ID|latest [--db URL] [--files DIR] -o FILE.tar`: the 档案归档 package of one
 * inspection (ledger, plan, published documents, evidence, its audit entries, manifest and SHA256SUMS).
 */
import { userInfo } from 'node:os';
import { systemActor } from '@server/policies/actor.ts';
import { storageFromEnv } from '@server/storage/storage-config.ts';
import { archiveInspection } from '@server/use-cases/backup/archive-inspection.ts';
import { CliUsageError, out, parseFlags } from './cli-io.ts';
import { withDatabase } from './database-url.ts';

const USAGE = '用法：zhenggai archive --inspection ID|latest [--db URL] [--files 目录] -o 归档包.tar';

/** Writes the package. */
export async function runArchive(args: string[]): Promise<number> {
  const { values } = parseFlags(args, {
    db: { type: 'string' },
    files: { type: 'string' },
    inspection: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  const inspection = typeof values.inspection === 'string' ? values.inspection : undefined;
  if (inspection === undefined || (inspection !== 'latest' && !/^[1-9]\d{0,9}$/.test(inspection)))
    throw new CliUsageError(`请用 --inspection 指定巡察（数字 id 或 latest）\n${USAGE}`);
  const output = typeof values.output === 'string' ? values.output : undefined;
  if (!output) throw new CliUsageError(`请用 -o 指定归档包文件\n${USAGE}`);
  return withDatabase(typeof values.db === 'string' ? values.db : undefined, async ({ db }) => {
    const m = await archiveInspection({
      db,
      storage: storageFromEnv(typeof values.files === 'string' ? values.files : undefined),
      actor: systemActor(`cli:${userInfo().username}`),
      inspectionId: inspection === 'latest' ? 'latest' : Number(inspection),
      output,
    });
    out(
      `已生成${m.inspection.unit}的档案归档包：${m.parts.length} 个文件（其中佐证材料 ${m.evidenceFiles} 个，` +
        `操作日志 ${m.auditEntries} 条）→ ${output}\n核对：解包后运行 sha256sum -c SHA256SUMS`,
    );
    return 0;
  });
}
