/**
 * The one door for a measure's state change: the measure row (at the version it was read), the transition row, the
 * audit entry, and who is told. Every path that moves a measure — a user's action, progress, a look-back, an import,
 * a reassignment — comes through here, after `decideTransition` in `shared/measure-state.ts` allowed the move.
 */
import type { Kysely } from 'kysely';
import type { TAuditKind } from '@shared/audit.ts';
import type { TMeasureState } from '@shared/domain.ts';
import type { TMeasureAction } from '@shared/measure-state.ts';
import type { Database, MeasureUpdate } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import {
  insertTransition,
  type TMeasureWithUnit,
  updateMeasureAtVersion,
} from '../../repositories/measure.repository.ts';
import {
  insertNotifications,
  markMeasureNotificationsRead,
} from '../../repositories/notification.repository.ts';
import { activeUsersCovering, activeUsersOf } from '../../repositories/user.repository.ts';

/** One move the state machine allowed. */
export type TTransitionStep = {
  action: TMeasureAction;
  from: TMeasureState;
  to: TMeasureState;
  /** Why (a reason, a summary, an opinion); shown in the measure's history. */
  reason: string | null;
  /** Other fields written with the state in the same update (the progress text of a progress entry). */
  patch?: MeasureUpdate;
  /** Record a transition row although the state stays (a step inside the close-out chain). */
  recordUnchanged?: boolean;
  /** The audit entry of the move; null when the caller records the move in an entry of its own. */
  audit: { kind: TAuditKind; before?: unknown; after?: unknown } | null;
  at: string;
};

/** Applies the step; returns the measure's new version. 409 when someone changed the measure since it was read. */
export async function applyTransition(
  trx: Kysely<Database>,
  actor: TActor,
  m: TMeasureWithUnit,
  step: TTransitionStep,
): Promise<number> {
  const changes = step.to !== step.from;
  let version = m.version;
  if (changes || step.patch !== undefined) {
    const ok = await updateMeasureAtVersion(trx, m.id, m.version, {
      ...step.patch,
      state: step.to,
      updated_at: step.at,
      updated_by: actor.userId,
      ...(step.to === 'standing' ? { is_standing: 1 } : {}),
    });
    if (!ok) throw new AppError('CONFLICT', '该措施已被他人修改，请刷新后重试');
    version = m.version + 1;
  }
  if (changes || step.recordUnchanged === true)
    await recordTransitionRow(trx, actor, m.id, step.action, step.from, step.to, step.reason, step.at);
  if (step.audit)
    await appendAudit(trx, {
      kind: step.audit.kind,
      ...auditActor(actor),
      objectType: 'measure',
      objectId: m.id,
      unitId: m.unit_id,
      before: step.audit.before,
      after: step.audit.after,
      at: step.at,
    });
  if (step.action === 'relapse') await notifyRelapse(trx, m, step.reason ?? '', step.at);
  // The actor acted on the measure: their messages about it are read.
  if (actor.userId !== null) await markMeasureNotificationsRead(trx, actor.userId, m.id, step.at);
  return version;
}

/**
 * The transition row alone: for a measure stored directly in the state the machine decided (an import) and for the
 * state a reassignment sets on an update the caller is writing anyway.
 */
export async function recordTransitionRow(
  trx: Kysely<Database>,
  actor: TActor,
  measureId: number,
  action: TMeasureAction,
  from: TMeasureState,
  to: TMeasureState,
  reason: string | null,
  at: string,
): Promise<void> {
  await insertTransition(trx, {
    measure_id: measureId,
    action,
    from_state: from,
    to_state: to,
    reason,
    actor_id: actor.userId,
    at,
  });
}

/** A relapse tells the measure's responsible people and the supervisors and coordinators over its unit. */
async function notifyRelapse(
  db: Kysely<Database>,
  m: TMeasureWithUnit,
  reason: string,
  at: string,
): Promise<void> {
  const people = [m.person_id, m.leader_id].filter((p): p is number => p !== null);
  const responsible = await activeUsersOf(db, { personIds: people, departmentId: m.department_id });
  const covering = await activeUsersCovering(db, ['supervisor', 'coordinator'], m.unit_id);
  const text = `整改措施经回头看认定反弹，已重新打开：${m.content.slice(0, 40)}${m.content.length > 40 ? '…' : ''}（${reason}）`;
  await insertNotifications(
    db,
    [...new Set([...responsible, ...covering])].map((userId) => ({
      user_id: userId,
      text,
      measure_id: m.id,
      created_at: at,
      read_at: null,
    })),
  );
}
