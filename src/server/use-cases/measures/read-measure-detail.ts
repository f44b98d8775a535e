/** One measure's detail: progress, evidence, close-out, requests, look-backs and transitions. */
import type { TMeasureDetail } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { AppError } from '../../errors.ts';
import { presentMeasureDetail } from '../../presenters/measure-detail.presenter.ts';
import { presentMeasure } from '../../presenters/measure.presenter.ts';
import { pageNames } from '../../presenters/measure-search.presenter.ts';
import { readMeasureDetailRow } from '../../repositories/measure-detail.repository.ts';
import { closeOutFactsOfRows } from '../../repositories/measure.repository.ts';
import { presentReminders } from '../../presenters/reminder.presenter.ts';
import type { TReadOptions } from '../inspections/read-ledger.ts';

/** One measure in the actor's scope (404 otherwise) with everything recorded about it. */
export async function readMeasureDetail(
  { db, actor, yellowDays, today = todayInChina() }: TReadOptions,
  measureId: number,
): Promise<TMeasureDetail> {
  // The measure with its names, flags and records in one query; pending close-out requests only when one waits.
  const detail = await readMeasureDetailRow(db, measureId, actor.scope);
  if (!detail) throw new AppError('NOT_FOUND', '整改措施不存在');
  const { m, records, reminders } = detail;
  const closeOut = await closeOutFactsOfRows(db, [m]);
  const names = pageNames([m]);
  const measure = presentMeasure(m, {
    actor,
    unitId: m.unit_id,
    today,
    yellowDays,
    names,
    closeOut,
    isPlanApproved: m.plan_approved_at !== null,
    isArchived: m.inspection_archived_at !== null,
  });
  return presentMeasureDetail(actor, m, measure, records, presentReminders(reminders));
}
