/**
 * The inspection office sets what an inspection requires of the inspected unit: 销号须巡察办确认, and the escalation
 * thresholds of its reminders (超期预警).
 */
import type { Kysely } from 'kysely';
import type { TEscalationSettings } from '@shared/api.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { updateInspectionAtVersion } from '../../repositories/inspection.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { loadInspectionFor } from './load-inspection.ts';

/**
 * Whether close-outs of this inspection need the inspection office's confirmation after the principal's approval
 * (`required`), and its escalation thresholds; what is not sent stays.
 */
export async function configureInspection({
  db,
  actor,
  inspectionId,
  required,
  escalation,
}: {
  db: Kysely<Database>;
  actor: TActor;
  inspectionId: number;
  required?: boolean | undefined;
  escalation?: TEscalationSettings | undefined;
}): Promise<void> {
  await inTransaction(db, async (trx) => {
    const inspection = await loadInspectionFor(trx, actor, inspectionId, { write: true });
    if (!can(actor, 'inspection.configure', { unitId: inspection.unit_id }))
      throw new AppError('FORBIDDEN', '巡察设置约束被巡察单位，只有巡察办可以修改');
    const ok = await updateInspectionAtVersion(trx, inspectionId, inspection.version, {
      ...(required === undefined ? {} : { requires_office_confirmation: required ? 1 : 0 }),
      ...(escalation === undefined
        ? {}
        : {
            remind_days_before: escalation.remindDaysBefore,
            escalate_leader_days: escalation.escalateLeaderDays,
            escalate_top_days: escalation.escalateTopDays,
            review_days: escalation.reviewDays,
          }),
    });
    if (!ok) throw new AppError('CONFLICT', '该巡察已被他人修改，请刷新后重试');
    await appendAudit(trx, {
      kind: 'inspection.settings_changed',
      ...auditActor(actor),
      objectType: 'inspection',
      objectId: inspectionId,
      unitId: inspection.unit_id,
      before: {
        requiresOfficeConfirmation: inspection.requires_office_confirmation === 1,
        escalation: {
          remindDaysBefore: inspection.remind_days_before,
          escalateLeaderDays: inspection.escalate_leader_days,
          escalateTopDays: inspection.escalate_top_days,
          reviewDays: inspection.review_days,
        },
      },
      after: { requiresOfficeConfirmation: required, escalation },
      at: nowIso(),
    });
  });
}
