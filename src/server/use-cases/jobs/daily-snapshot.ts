/**
 * The daily figures job (整改数据快照): every inspection's counts as they stand, stored under the day, once. A day
 * already taken is never changed — by a second run, another process or a later catch-up — so a past month's trend
 * never shifts. Colours are judged as of the day the figures are stored under.
 */
import type { Kysely } from 'kysely';
import { todayInChina } from '@shared/chinese.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { systemActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import {
  claimSnapshotDay,
  figuresByInspection,
  insertDailyFigures,
  isSnapshotDayTaken,
} from '../../repositories/snapshot.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';

/** What a run did. */
export type TSnapshotResult = { day: string; taken: boolean; inspections: number };

/** Takes the figures of `day` (default today in China) unless that day was taken already. */
export async function takeDailySnapshot({
  db,
  yellowDays,
  day = todayInChina(),
  today = todayInChina(),
}: {
  db: Kysely<Database>;
  yellowDays: number;
  day?: string;
  today?: string;
}): Promise<TSnapshotResult> {
  if (day > today) throw new AppError('UNPROCESSABLE', `不能为未来的日期（${day}）保存整改数据快照`);
  // The scheduler asks every few minutes: a day already taken costs one indexed look, not a pass over the measures.
  if (await isSnapshotDayTaken(db, day)) return { day, taken: false, inspections: 0 };
  return inTransaction(db, async (trx) => {
    const at = nowIso();
    const rows = await figuresByInspection(trx, day, yellowDays);
    // Claimed first: a second process (or run) finds the day taken and stores nothing.
    if (!(await claimSnapshotDay(trx, day, at, rows.length))) return { day, taken: false, inspections: 0 };
    await insertDailyFigures(
      trx,
      rows.map((r) => ({
        day,
        inspection_id: r.inspection_id,
        measures: Number(r.measures),
        closed: Number(r.closed),
        red: Number(r.red),
        yellow: Number(r.yellow),
        green: Number(r.green),
        overdue: Number(r.overdue),
        relapsed: Number(r.relapsed),
        unclear: Number(r.unclear),
        problems: Number(r.problems),
        problems_closed: Number(r.problems) - Number(r.open_problems),
      })),
    );
    await appendAudit(trx, {
      kind: 'figures.snapshot_taken',
      ...auditActor(systemActor('system:jobs')),
      objectType: 'snapshot',
      objectId: null,
      unitId: null,
      after: { day, inspections: rows.length },
      at,
    });
    return { day, taken: true, inspections: rows.length };
  });
}
