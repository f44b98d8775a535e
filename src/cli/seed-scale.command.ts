/** `zhenggai seed-scale --db URL --units N --measures N` (also `npm run seed:scale -- …`): a synthetic data set. */
import { demoAccountLines } from '@server/use-cases/demo/seed-demo-data.ts';
import { seedScale } from '@server/use-cases/demo/seed-scale.ts';
import { CliUsageError, out, parseFlags } from './cli-io.ts';
import { withDatabase } from './database-url.ts';

const USAGE = '用法：zhenggai seed-scale [--db URL] [--units 1000] [--measures 100000]（只能用于空数据库）';

function count(value: string | boolean | undefined, fallback: number, label: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d{1,7}$/.test(value))
    throw new CliUsageError(`${label}应为正整数。${USAGE}`);
  return Number(value);
}

/** Builds the data set on an empty database and prints what it made and the demo accounts. */
export async function runSeedScale(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    db: { type: 'string' },
    units: { type: 'string' },
    measures: { type: 'string' },
  });
  if (positionals.length > 0) throw new CliUsageError(USAGE);
  const units = count(values.units, 1000, '--units ');
  const measures = count(values.measures, 100_000, '--measures ');
  const started = Date.now();
  return withDatabase(typeof values.db === 'string' ? values.db : undefined, async ({ db }) => {
    const made = await seedScale(db, { units, measures });
    out(
      `已生成规模数据：单位 ${made.units} 个，巡察 ${made.inspections} 次，问题 ${made.problems} 个，措施 ${made.measures} 条` +
        `（推进中且超期 ${made.redInProgress} 条），进展 ${made.progressEntries} 条，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。`,
    );
    for (const line of demoAccountLines()) out(line);
    return 0;
  });
}
