/** The principal approves the rectification plan (整改方案). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { updateInspectionAtVersion } from '../../repositories/inspection.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { loadInspectionFor } from './load-inspection.ts';

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
    const inspection = await loadInspectionFor(trx, actor, inspectionId, { write: true });
    if (!can(actor, 'plan.approve', { unitId: inspection.unit_id }))
      throw new AppError('FORBIDDEN', '只有第一责任人可以批准整改方案');
    if (inspection.plan_approved_at !== null) throw new AppError('CONFLICT', '整改方案已经批准');
    const at = nowIso();
    const ok = await updateInspectionAtVersion(trx, inspectionId, inspection.version, {
      plan_approved_at: at,
      plan_approved_by: actor.userId,
      plan_approval_opinion: note === '' ? null : note,
    });
    if (!ok) throw new AppError('CONFLICT', '该巡察已被他人修改，请刷新后重试');
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
