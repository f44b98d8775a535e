/** One measure's detail: progress, evidence, close-out, requests, look-backs and transitions. */
import type { TMeasureDetail } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { AppError } from '../../errors.ts';
import { presentMeasureDetail } from '../../presenters/measure-detail.presenter.ts';
import { presentMeasure } from '../../presenters/measure.presenter.ts';
import { isPlanApproved } from '../../repositories/inspection.repository.ts';
import { measureDetailRecords } from '../../repositories/measure-detail.repository.ts';
import { closeOutFacts, getMeasure } from '../../repositories/measure.repository.ts';
import { unitDirectory } from '../../repositories/unit.repository.ts';
import { remindersOf } from '../../repositories/reminder.repository.ts';
import { presentReminders } from '../../presenters/reminder.presenter.ts';
import type { TReadOptions } from '../inspections/read-ledger.ts';

/** One measure in the actor's scope (404 otherwise) with everything recorded about it. */
export async function readMeasureDetail(
  { db, actor, yellowDays, today = todayInChina() }: TReadOptions,
  measureId: number,
): Promise<TMeasureDetail> {
  const m = await getMeasure(db, measureId, actor.scope);
  if (!m) throw new AppError('NOT_FOUND', '整改措施不存在');
  const [names, records, closeOut, planApproved, reminders] = await Promise.all([
    unitDirectory(db, m.unit_id),
    measureDetailRecords(db, m),
    closeOutFacts(db, { measureId: m.id }),
    isPlanApproved(db, m.inspection_id),
    remindersOf(db, m.id, 20),
  ]);
  const measure = presentMeasure(m, {
    actor,
    unitId: m.unit_id,
    today,
    yellowDays,
    names,
    closeOut,
    isPlanApproved: planApproved,
    isArchived: m.inspection_archived_at !== null,
  });
  return presentMeasureDetail(actor, m, measure, records, presentReminders(reminders));
}
