/** Edits a measure's six clarities, refusing stale versions. */
import type { Kysely } from 'kysely';
import { measureWriteRefusal } from '@shared/measure-state.ts';

import type { TUpdateMeasureRequest } from '@shared/api.ts';
import type { Database, MeasureUpdate } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { isPlanApproved } from '../../repositories/inspection.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import {
  checkAssignees,
  loadMeasureFor,
  updateMeasureAudited,
  voidCloseOutOnReassignment,
} from './measure-snapshot.ts';

/** Options for `updateMeasure`. */
export type TUpdateMeasureOptions = {
  db: Kysely<Database>;
  actor: TActor;
  measureId: number;
  input: TUpdateMeasureRequest;
};

/** Applies the sent fields; returns the new version. 409 when `input.version` is not the current one. */
export async function updateMeasure({ db, actor, measureId, input }: TUpdateMeasureOptions): Promise<number> {
  return inTransaction(db, async (trx) => {
    const before = await loadMeasureFor(trx, actor, measureId, 'measure.update', input.version);
    const frozen = measureWriteRefusal({
      state: before.state,
      isPlanApproved: false,
      changesPlan: false,
    });
    if (frozen !== null) throw new AppError('UNPROCESSABLE', frozen);
    await checkAssignees(trx, before.unit_id, input, before);
    const patch: MeasureUpdate = { updated_at: nowIso(), updated_by: actor.userId };
    if (input.task !== undefined) {
      if (input.task === '') throw new AppError('UNPROCESSABLE', '整改事项不能为空');
      patch.task = input.task;
    }
    if (input.content !== undefined) {
      if (input.content === '') throw new AppError('UNPROCESSABLE', '整改措施不能为空');
      patch.content = input.content;
    }
    if (input.departmentId !== undefined) patch.department_id = input.departmentId;
    if (input.leaderId !== undefined) patch.leader_id = input.leaderId;
    if (input.personId !== undefined) patch.person_id = input.personId;
    if (input.isStanding !== undefined) patch.is_standing = input.isStanding ? 1 : 0;
    if (input.deadline !== undefined) patch.deadline = input.deadline;
    if (input.isStanding === true) patch.deadline = null;
    if (input.checkIntervalDays !== undefined) patch.check_interval_days = input.checkIntervalDays;
    if (input.goal !== undefined) patch.goal = input.goal === '' ? null : input.goal;
    if (input.doneCriteria !== undefined)
      patch.done_criteria = input.doneCriteria === '' ? null : input.doneCriteria;
    const changesPlan =
      (input.deadline !== undefined && input.deadline !== before.deadline) ||
      (input.isStanding !== undefined && (input.isStanding ? 1 : 0) !== before.is_standing) ||
      (input.content !== undefined && input.content !== before.content);
    const refusal = measureWriteRefusal({
      state: before.state,
      isPlanApproved: changesPlan && (await isPlanApproved(trx, before.inspection_id)),
      changesPlan,
    });
    if (refusal !== null) throw new AppError('UNPROCESSABLE', refusal);
    await voidCloseOutOnReassignment(trx, actor, before, patch);
    const after = await updateMeasureAudited(trx, actor, before, patch);
    return after.version;
  });
}
