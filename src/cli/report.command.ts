/** `zhenggai report round --round NAME …` and `zhenggai report announcement|monthly|plan --db URL --inspection ID|latest [--month YYYY-MM] --format txt|html|docx|pdf -o FILE`. */
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { todayInChina } from '@shared/chinese.ts';
import { systemActor } from '@server/policies/actor.ts';
import { storageFromEnv } from '@server/storage/storage-config.ts';
import { exportDocument } from '@server/use-cases/documents/export-document.ts';
import { exportRoundSummary } from '@server/use-cases/documents/round-summary.ts';
import { DOCUMENT_FORMATS, type TDocumentFormat } from '@server/use-cases/documents/render.ts';
import { CliUsageError, out, parseFlags } from './cli-io.ts';
import { withDatabase } from './database-url.ts';

const USAGE =
  '用法：zhenggai report announcement|monthly|plan [--db URL] --inspection ID|latest [--month YYYY-MM] --format txt|html|docx|pdf -o 文件\n' +
  '      zhenggai report round [--db URL] --round 轮次名称 [--unit ID] --format txt|html|docx|pdf -o 文件';

/** Writes the document. */
export async function runReport(args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  if (kind !== 'announcement' && kind !== 'monthly' && kind !== 'plan' && kind !== 'round')
    throw new CliUsageError(USAGE);
  const { values } = parseFlags(rest, {
    db: { type: 'string' },
    inspection: { type: 'string' },
    month: { type: 'string' },
    round: { type: 'string' },
    unit: { type: 'string' },
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  if (kind === 'round') return runRoundReport(values);
  const inspection = typeof values.inspection === 'string' ? values.inspection : 'latest';
  if (inspection !== 'latest' && !/^[1-9]\d*$/.test(inspection))
    throw new CliUsageError(`--inspection 应为数字 id 或 latest\n${USAGE}`);
  const format = (typeof values.format === 'string' ? values.format : 'docx') as TDocumentFormat;
  if (!DOCUMENT_FORMATS.includes(format))
    throw new CliUsageError(`--format 应为 txt、html、docx 或 pdf\n${USAGE}`);
  const month = typeof values.month === 'string' ? values.month : todayInChina().slice(0, 7);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new CliUsageError(`--month 格式应为 YYYY-MM\n${USAGE}`);
  const output = typeof values.output === 'string' ? values.output : undefined;
  if (!output) throw new CliUsageError(`请用 -o 指定输出文件\n${USAGE}`);
  return withDatabase(typeof values.db === 'string' ? values.db : undefined, async ({ db }) => {
    const actor = systemActor(`cli:${userInfo().username}`);
    const { bytes } = await exportDocument({
      db,
      storage: storageFromEnv(),
      actor,
      inspectionId: inspection === 'latest' ? 'latest' : Number(inspection),
      kind,
      format,
      month,
    });
    await writeFile(output, bytes);
    out(`已生成：${output}`);
    return 0;
  });
}

/** `report round`: the round summary across every unit (the CLI acts for the system: the whole tree). */
async function runRoundReport(values: Record<string, string | boolean | undefined>): Promise<number> {
  const round = typeof values.round === 'string' ? values.round.trim() : '';
  if (round === '') throw new CliUsageError(`请用 --round 指定轮次名称\n${USAGE}`);
  const unit = typeof values.unit === 'string' ? values.unit : undefined;
  if (unit !== undefined && !/^[1-9]\d*$/.test(unit)) throw new CliUsageError(`--unit 应为数字 id\n${USAGE}`);
  const format = (typeof values.format === 'string' ? values.format : 'docx') as TDocumentFormat;
  if (!DOCUMENT_FORMATS.includes(format))
    throw new CliUsageError(`--format 应为 txt、html、docx 或 pdf\n${USAGE}`);
  const output = typeof values.output === 'string' ? values.output : undefined;
  if (!output) throw new CliUsageError(`请用 -o 指定输出文件\n${USAGE}`);
  return withDatabase(typeof values.db === 'string' ? values.db : undefined, async ({ db }) => {
    const { bytes } = await exportRoundSummary({
      db,
      actor: systemActor(`cli:${userInfo().username}`),
      round,
      unit: unit === undefined ? undefined : Number(unit),
      format,
    });
    await writeFile(output, bytes);
    out(`已生成：${output}`);
    return 0;
  });
}
