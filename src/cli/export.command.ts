/** `zhenggai export ledger --db URL --inspection ID|latest -o FILE.xlsx`. */
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { systemActor } from '@server/policies/actor.ts';
import { exportLedger } from '@server/use-cases/inspections/export-ledger.ts';
import { CliUsageError, out, parseFlags } from './cli-io.ts';
import { withDatabase } from './database-url.ts';

const USAGE = '用法：zhenggai export ledger [--db URL] --inspection ID|latest -o 文件.xlsx';

/** Writes the ledger workbook. */
export async function runExport(args: string[]): Promise<number> {
  const [what, ...rest] = args;
  if (what !== 'ledger') throw new CliUsageError(USAGE);
  const { values } = parseFlags(rest, {
    db: { type: 'string' },
    inspection: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  const inspection = typeof values.inspection === 'string' ? values.inspection : 'latest';
  if (inspection !== 'latest' && !/^[1-9]\d*$/.test(inspection))
    throw new CliUsageError(`--inspection 应为数字 id 或 latest\n${USAGE}`);
  const output = typeof values.output === 'string' ? values.output : undefined;
  if (!output) throw new CliUsageError(`请用 -o 指定输出文件\n${USAGE}`);
  return withDatabase(typeof values.db === 'string' ? values.db : undefined, async ({ db }) => {
    const result = await exportLedger({
      db,
      actor: systemActor(`cli:${userInfo().username}`),
      inspectionId: inspection === 'latest' ? 'latest' : Number(inspection),
    });
    await writeFile(output, result.bytes);
    out(`已导出巡察 #${result.inspectionId} 的台账：${output}`);
    return 0;
  });
}
