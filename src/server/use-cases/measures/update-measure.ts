/** Edits a measure's six clarities, refusing stale versions. */
import type { Kysely } from 'kysely';
import { afterReassignment, isFrozen } from '@shared/measure-state.ts';
import type { TMeasureState } from '@shared/domain.ts';
import type { TUpdateMeasureRequest } from '@shared/api.ts';
import type { Database, MeasureUpdate } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { insertTransition, voidPendingCloseOut } from '../../repositories/measure.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { checkAssignees, loadMeasureFor, updateMeasureAudited } from './measure-snapshot.ts';

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
    if (isFrozen(before.state as TMeasureState)) throw new AppError('UNPROCESSABLE', '已销号的措施不能修改');
    await checkAssignees(trx, before.unit_id, input);
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
    const changesPlan =
      (input.deadline !== undefined && input.deadline !== before.deadline) ||
      (input.isStanding !== undefined && (input.isStanding ? 1 : 0) !== before.is_standing) ||
      (input.content !== undefined && input.content !== before.content);
    if (changesPlan && before.state !== 'not_started') {
      const inspection = await trx
        .selectFrom('inspections')
        .select('plan_approved_at')
        .where('id', '=', before.inspection_id)
        .executeTakeFirstOrThrow();
      if (inspection.plan_approved_at !== null)
        throw new AppError(
          'UNPROCESSABLE',
          '整改方案已批准：调整完成时限或整改措施须提交延期/调整申请，经第一责任人批准',
        );
    }
    const reassigned =
      (input.leaderId !== undefined && input.leaderId !== before.leader_id) ||
      (input.personId !== undefined && input.personId !== before.person_id) ||
      (input.departmentId !== undefined && input.departmentId !== before.department_id);
    const from = before.state as TMeasureState;
    if (reassigned && afterReassignment(from) !== from) {
      // The pending close-out was reviewed for other people: it is void, and the new ones start again.
      patch.state = afterReassignment(from);
      const reason = '责任人或责任领导已变更，原销号申请作废，须由新的责任人重新申请';
      await voidPendingCloseOut(trx, before.id, reason);
      await insertTransition(trx, {
        measure_id: before.id,
        action: 'send_back',
        from_state: from,
        to_state: patch.state,
        reason,
        actor_id: actor.userId,
        at: patch.updated_at ?? nowIso(),
      });
    }
    const after = await updateMeasureAudited(trx, actor, before, patch);
    return after.version;
  });
}
