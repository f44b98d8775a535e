/**
 * Plan approval and deadline/content changes after it (申请延期/调整): a request with a reason, decided by the
 * principal. The measure keeps its original deadline; an extension asked for after the deadline passed makes
 * reports count the measure overdue against the original.
 */
import type { Kysely } from 'kysely';
import { isFrozen, measureWriteRefusal, samePerson } from '@shared/measure-state.ts';
import { ZMeasureState, type TMeasureState } from '@shared/domain.ts';
import type { TExtensionRequest } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { isPastDue } from '@shared/warning.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { getInspection } from '../../repositories/inspection.repository.ts';
import { getMeasure } from '../../repositories/measure.repository.ts';
import { accountIdentity } from '../../repositories/user.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { loadMeasureFor, updateMeasureAudited } from './measure-snapshot.ts';

/** The principal approves the rectification plan: from now on deadlines and contents change only by request. */
export async function approvePlan({
  db,
  actor,
  inspectionId,
  opinion,
}: {
  db: Kysely<Database>;
  actor: TActor;
  inspectionId: number;
  /** The principal's opinion, recorded with the approval. */
  opinion?: string;
}): Promise<void> {
  const note = opinion?.trim() ?? '';
  await inTransaction(db, async (trx) => {
    const inspection = await getInspection(trx, inspectionId, actor.scope);
    if (!inspection) throw new AppError('NOT_FOUND', '巡察不存在');
    if (!can(actor, 'plan.approve', { unitId: inspection.unit_id }))
      throw new AppError('FORBIDDEN', '只有第一责任人可以批准整改方案');
    if (inspection.plan_approved_at !== null) throw new AppError('CONFLICT', '整改方案已经批准');
    const at = nowIso();
    await trx
      .updateTable('inspections')
      .set({
        plan_approved_at: at,
        plan_approved_by: actor.userId,
        plan_approval_opinion: note === '' ? null : note,
        version: inspection.version + 1,
      })
      .where('id', '=', inspectionId)
      .execute();
    await appendAudit(trx, {
      kind: 'plan.approved',
      ...auditActor(actor),
      objectType: 'inspection',
      objectId: inspectionId,
      unitId: inspection.unit_id,
      after: { at, ...(note === '' ? {} : { opinion: note }) },
      at,
    });
  });
}

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
    if (isFrozen(m.state as TMeasureState))
      throw new AppError('UNPROCESSABLE', '已销号的措施不能申请延期或调整');
    const open = await trx
      .selectFrom('extension_requests')
      .select('id')
      .where('measure_id', '=', measureId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (open) throw new AppError('CONFLICT', '该措施已有待审批的延期/调整申请');
    const at = nowIso();
    const wasOverdue = isPastDue(m.deadline, todayInChina());
    const row = await trx
      .insertInto('extension_requests')
      .values({
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
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      kind: 'extension.requested',
      ...auditActor(actor),
      objectType: 'measure',
      objectId: measureId,
      unitId: m.unit_id,
      after: { ...input, wasOverdue },
      at,
    });
    return row.id;
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
    const request = await trx
      .selectFrom('extension_requests')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirst();
    const m = request ? await getMeasure(trx, request.measure_id, actor.scope) : undefined;
    if (!request || !m) throw new AppError('NOT_FOUND', '申请不存在');
    if (!can(actor, 'extension.decide', { unitId: m.unit_id }))
      throw new AppError('FORBIDDEN', '只有第一责任人可以审批延期/调整申请');
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
        state: ZMeasureState.parse(m.state),
        isPlanApproved: true,
        changesPlan: true,
        isApprovedRequest: true,
      });
      if (refusal !== null) throw new AppError('UNPROCESSABLE', refusal);
    }
    const at = nowIso();
    // Decided once: a second decision made at the same time finds it no longer pending.
    const decided = await trx
      .updateTable('extension_requests')
      .set({
        status: approve ? 'approved' : 'rejected',
        decided_by: actor.userId,
        decided_at: at,
        decision_note: note,
      })
      .where('id', '=', requestId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该申请已经审批');
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
    return m.id;
  });
}

/** Whether close-outs of this inspection need the inspection office's confirmation after the principal's approval. */
export async function setOfficeConfirmation({
  db,
  actor,
  inspectionId,
  required,
}: {
  db: Kysely<Database>;
  actor: TActor;
  inspectionId: number;
  required: boolean;
}): Promise<void> {
  await inTransaction(db, async (trx) => {
    const inspection = await getInspection(trx, inspectionId, actor.scope);
    if (!inspection) throw new AppError('NOT_FOUND', '巡察不存在');
    if (!can(actor, 'inspection.configure', { unitId: inspection.unit_id }))
      throw new AppError('FORBIDDEN', '巡察设置约束被巡察单位，只有巡察办可以修改');
    await trx
      .updateTable('inspections')
      .set({ requires_office_confirmation: required ? 1 : 0, version: inspection.version + 1 })
      .where('id', '=', inspectionId)
      .execute();
    await appendAudit(trx, {
      kind: 'inspection.settings_changed',
      ...auditActor(actor),
      objectType: 'inspection',
      objectId: inspectionId,
      unitId: inspection.unit_id,
      before: { requiresOfficeConfirmation: inspection.requires_office_confirmation === 1 },
      after: { requiresOfficeConfirmation: required },
      at: nowIso(),
    });
  });
}
