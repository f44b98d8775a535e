/**
 * Deadline and content changes after the plan's approval (申请延期/调整): a request with a reason, decided by the
 * principal. The measure keeps its original deadline; an extension asked for after the deadline passed makes
 * reports count the measure overdue against the original.
 */
import { refuseIfArchived } from '../inspections/load-inspection.ts';
import type { Kysely } from 'kysely';
import { isFrozen, measureWriteRefusal, samePerson } from '@shared/measure-state.ts';

import type { TExtensionRequest } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { isPastDue } from '@shared/warning.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import {
  decideExtensionIfPending,
  getExtension,
  insertExtension,
  pendingExtension,
} from '../../repositories/extension.repository.ts';
import { getMeasure } from '../../repositories/measure.repository.ts';
import { accountIdentity } from '../../repositories/user.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { markMeasureNotificationsRead } from '../../repositories/notification.repository.ts';
import { noticeExtensionDecided, noticeExtensionRequested } from './handoff-notices.ts';
import { loadMeasureFor, updateMeasureAudited } from './measure-snapshot.ts';

/** Asks to change a measure's deadline or content; returns the request id. */
export async function requestExtension({
  db,
  actor,
  measureId,
  input,
}: {
  db: Kysely<Database>;
  actor: TActor;
  measureId: number;
  input: TExtensionRequest;
}): Promise<number> {
  return inTransaction(db, async (trx) => {
    const m = await loadMeasureFor(trx, actor, measureId, 'extension.request');
    if (isFrozen(m.state)) throw new AppError('UNPROCESSABLE', '已销号的措施不能申请延期或调整');
    const open = await pendingExtension(trx, measureId);
    if (open) throw new AppError('CONFLICT', '该措施已有待审批的延期/调整申请');
    const at = nowIso();
    const wasOverdue = isPastDue(m.deadline, todayInChina());
    const id = await insertExtension(trx, {
      measure_id: measureId,
      new_deadline: input.deadline ?? null,
      new_is_standing: input.isStanding === undefined ? null : input.isStanding ? 1 : 0,
      new_content: input.content ?? null,
      reason: input.reason,
      status: 'pending',
      deadline_at_request: m.deadline,
      was_overdue: wasOverdue ? 1 : 0,
      requested_by: actor.userId,
      requested_at: at,
      decided_by: null,
      decided_at: null,
      decision_note: null,
    });
    await appendAudit(trx, {
      kind: 'extension.requested',
      ...auditActor(actor),
      objectType: 'measure',
      objectId: measureId,
      unitId: m.unit_id,
      after: { ...input, wasOverdue },
      at,
    });
    await noticeExtensionRequested(trx, actor, m, at);
    return id;
  });
}

/** The principal approves (applying the change) or rejects; returns the measure id. */
export async function decideExtension({
  db,
  actor,
  requestId,
  approve,
  note,
}: {
  db: Kysely<Database>;
  actor: TActor;
  requestId: number;
  approve: boolean;
  note: string | null;
}): Promise<number> {
  return inTransaction(db, async (trx) => {
    const request = await getExtension(trx, requestId);
    const m = request ? await getMeasure(trx, request.measure_id, actor.scope) : undefined;
    if (!request || !m) throw new AppError('NOT_FOUND', '申请不存在');
    if (!can(actor, 'extension.decide', { unitId: m.unit_id }))
      throw new AppError('FORBIDDEN', '只有第一责任人可以审批延期/调整申请');
    refuseIfArchived({ archived_at: m.inspection_archived_at });
    if (request.status !== 'pending') throw new AppError('CONFLICT', '该申请已经审批');
    const requester =
      request.requested_by === null ? undefined : await accountIdentity(trx, request.requested_by);
    if (samePerson({ userId: actor.userId, personId: actor.personId }, requester))
      throw new AppError('UNPROCESSABLE', '提出申请的人不能审批自己的延期/调整申请');
    if (!approve && (note ?? '').trim() === '')
      throw new AppError('UNPROCESSABLE', '不同意申请须填写审批意见');
    if (approve) {
      // The same rule as every other write: a closed measure is frozen, whatever was asked before it closed.
      const refusal = measureWriteRefusal({
        state: m.state,
        isPlanApproved: true,
        changesPlan: true,
        isApprovedRequest: true,
      });
      if (refusal !== null) throw new AppError('UNPROCESSABLE', refusal);
    }
    const at = nowIso();
    // Decided once: a second decision made at the same time finds it no longer pending.
    const decided = await decideExtensionIfPending(trx, requestId, {
      status: approve ? 'approved' : 'rejected',
      decidedBy: actor.userId,
      at,
      note,
    });
    if (!decided) throw new AppError('CONFLICT', '该申请已经审批');
    if (approve) {
      const standing = request.new_is_standing === null ? m.is_standing : request.new_is_standing;
      await updateMeasureAudited(
        trx,
        actor,
        m,
        {
          ...(request.new_deadline !== null || request.new_is_standing !== null
            ? {
                deadline: standing === 1 ? null : (request.new_deadline ?? m.deadline),
                is_standing: standing,
              }
            : {}),
          ...(request.new_content !== null ? { content: request.new_content } : {}),
          original_deadline: m.original_deadline ?? m.deadline,
          late_extension: m.late_extension === 1 || request.was_overdue === 1 ? 1 : 0,
          updated_at: at,
          updated_by: actor.userId,
        },
        '该措施已被他人修改，请刷新后重试',
      );
    }
    await appendAudit(trx, {
      kind: 'extension.decided',
      ...auditActor(actor),
      objectType: 'measure',
      objectId: m.id,
      unitId: m.unit_id,
      after: { requestId, approve, note },
      at,
    });
    await noticeExtensionDecided(trx, actor, m, request.requested_by, approve, note, at);
    if (actor.userId !== null) await markMeasureNotificationsRead(trx, actor.userId, m.id, at);
    return m.id;
  });
}
