/**
 * Look-backs (回头看): schedule a re-check of closed measures, record 巩固 (holds) or 反弹 (relapsed). A relapse
 * reopens the measure through the state machine and tells its responsible people and the supervisors.
 */
import type { Kysely } from 'kysely';
import type { TLookbackView, TScheduleLookbackRequest } from '@shared/api.ts';

import { decideTransition } from '@shared/measure-state.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { actorFacts, type TActor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';

import { getMeasure } from '../../repositories/measure.repository.ts';
import {
  closedMeasureIds,
  getLookbackItem,
  insertLookback,
  listLookbacksOf,
  setLookbackItemResult,
} from '../../repositories/lookback.repository.ts';

import { applyTransition } from '../measures/apply-transition.ts';
import { rowIsSixClear } from '../measures/measure-snapshot.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { loadInspectionFor, refuseIfArchived } from '../inspections/load-inspection.ts';

/** Schedules a look-back of the inspection's closed measures in scope; returns its id. */
export async function scheduleLookback({
  db,
  actor,
  inspectionId,
  input,
}: {
  db: Kysely<Database>;
  actor: TActor;
  inspectionId: number;
  input: TScheduleLookbackRequest;
}): Promise<number> {
  return inTransaction(db, async (trx) => {
    const inspection = await loadInspectionFor(trx, actor, inspectionId, { write: true });
    if (!can(actor, 'lookback.manage', { unitId: inspection.unit_id }))
      throw new AppError('FORBIDDEN', '只有整改联络员或巡察办可以安排回头看');
    const measures = await closedMeasureIds(trx, inspectionId, input.scope);
    if (measures.length === 0) throw new AppError('UNPROCESSABLE', '所选范围内没有已销号的措施，无需回头看');
    const at = nowIso();
    const id = await insertLookback(
      trx,
      {
        inspection_id: inspectionId,
        scheduled_date: input.scheduledDate,
        checkers: JSON.stringify(input.checkers),
        note: input.note,
        created_by: actor.userId,
        created_at: at,
      },
      measures,
    );
    await appendAudit(trx, {
      kind: 'lookback.scheduled',
      ...auditActor(actor),
      objectType: 'inspection',
      objectId: inspectionId,
      unitId: inspection.unit_id,
      after: {
        lookbackId: id,
        measures,
        scheduledDate: input.scheduledDate,
        checkers: input.checkers,
      },
      at,
    });
    return id;
  });
}

/** Records the result of one item. 反弹 reopens the measure and notifies; returns the measure id. */
export async function recordLookbackResult({
  db,
  actor,
  itemId,
  result,
  note,
}: {
  db: Kysely<Database>;
  actor: TActor;
  itemId: number;
  result: 'holds' | 'relapsed';
  note: string;
}): Promise<number> {
  return inTransaction(db, async (trx) => {
    const item = await getLookbackItem(trx, itemId);
    const m = item ? await getMeasure(trx, item.measure_id, actor.scope) : undefined;
    if (!item || !m) throw new AppError('NOT_FOUND', '回头看事项不存在');
    if (!can(actor, 'lookback.manage', { unitId: m.unit_id }))
      throw new AppError('FORBIDDEN', '只有整改联络员或巡察办可以记录回头看结果');
    refuseIfArchived({ archived_at: m.inspection_archived_at });
    if (item.result !== null) throw new AppError('CONFLICT', '该事项已记录结果');
    const at = nowIso();
    if (!(await setLookbackItemResult(trx, itemId, { result, note, checkedBy: actor.userId, at })))
      throw new AppError('CONFLICT', '该事项已记录结果');
    if (result === 'relapsed') {
      const from = m.state;
      const decision = decideTransition(from, 'relapse', {
        isSixClear: rowIsSixClear(m),
        actor: actorFacts(actor, m),
        hasRelapsedLookback: true,
      });
      if (!decision.ok) throw new AppError('UNPROCESSABLE', decision.reason);
      // The look-back's own audit entry below records the move with its result.
      await applyTransition(trx, actor, m, {
        action: 'relapse',
        from,
        to: decision.to,
        reason: `回头看：${note}`,
        audit: null,
        at,
      });
    }
    await appendAudit(trx, {
      kind: 'lookback.checked',
      ...auditActor(actor),
      objectType: 'measure',
      objectId: m.id,
      unitId: m.unit_id,
      after: { lookbackItemId: itemId, result, note },
      at,
    });
    return m.id;
  });
}

/** Look-backs of an inspection with their items. */
export async function listLookbacks(
  db: Kysely<Database>,
  actor: TActor,
  inspectionId: number,
): Promise<TLookbackView[]> {
  await loadInspectionFor(db, actor, inspectionId);
  const { lookbacks, items } = await listLookbacksOf(db, inspectionId);
  return lookbacks.map((l) => ({
    id: l.id,
    scheduledDate: l.scheduled_date,
    checkers: JSON.parse(l.checkers) as string[],
    note: l.note,
    items: items
      .filter((i) => i.lookback_id === l.id)
      .map((i) => ({
        id: i.id,
        measureId: i.measure_id,
        content: i.content,
        result: i.result,
        note: i.note,
        checkedAt: i.checked_at,
      })),
  }));
}
