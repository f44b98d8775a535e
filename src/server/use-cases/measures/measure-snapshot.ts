/** Helpers shared by the measure use cases: loading with permission, audit snapshots, six-clarity checks. */
import { ARCHIVED_LEDGER_MESSAGE, isPostgres } from '../inspections/load-inspection.ts';
import type { Kysely } from 'kysely';
import { isSixClear } from '@shared/six-clarities.ts';
import type { Database, MeasureRow, MeasureUpdate } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can, measureObject, type TPolicyAction } from '../../policies/policy.ts';

import { afterReassignment } from '@shared/measure-state.ts';
import {
  getMeasure,
  voidPendingCloseOut,
  sixClaritiesOf,
  updateMeasureAtVersion,
  type TMeasureWithUnit,
} from '../../repositories/measure.repository.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { getDepartment, getPerson } from '../../repositories/unit.repository.ts';
import { nowIso } from '../transaction.ts';
import { recordTransitionRow } from './apply-transition.ts';

/** The fields of a measure that audit entries record before and after. */
export function measureSnapshot(m: MeasureRow) {
  return {
    ...sixClaritiesOf(m),
    goal: m.goal,
    doneCriteria: m.done_criteria,
    state: m.state,
    version: m.version,
  };
}

/**
 * Updates a measure at the version it was read (optimistic locking) and appends the audit entry with the fields
 * that changed, in the caller's transaction. Returns the measure as it now is; 409 when someone else changed it.
 */
export async function updateMeasureAudited(
  trx: Kysely<Database>,
  actor: TActor,
  before: TMeasureWithUnit,
  patch: MeasureUpdate,
  conflictMessage = '该措施已被他人修改，请刷新后查看最新内容再提交',
): Promise<TMeasureWithUnit> {
  if (!(await updateMeasureAtVersion(trx, before.id, before.version, patch)))
    throw new AppError('CONFLICT', conflictMessage);
  const after = await getMeasure(trx, before.id, actor.scope);
  if (!after) throw new AppError('NOT_FOUND', '整改措施不存在');
  const diff = changedFields(measureSnapshot(before), measureSnapshot(after));
  await appendAudit(trx, {
    kind: 'measure.updated',
    ...auditActor(actor),
    objectType: 'measure',
    objectId: before.id,
    unitId: before.unit_id,
    before: diff.before,
    after: diff.after,
    at: patch.updated_at ?? nowIso(),
  });
  return after;
}

/**
 * When a write changes a measure's responsible person, department or leader while a close-out request is pending,
 * the request is void (its reviewers were chosen for other people) and the measure returns to work: sets the state
 * on `patch` and records the void request and the transition. Every path that reassigns calls this.
 */
export async function voidCloseOutOnReassignment(
  trx: Kysely<Database>,
  actor: TActor,
  before: MeasureRow,
  patch: MeasureUpdate,
): Promise<void> {
  const changed = (key: 'leader_id' | 'person_id' | 'department_id') =>
    patch[key] !== undefined && patch[key] !== before[key];
  const from = before.state;
  const to = afterReassignment(from);
  if (to === from || !(changed('leader_id') || changed('person_id') || changed('department_id'))) return;
  patch.state = to;
  const reason = '责任人或责任领导已变更，原销号申请作废，须由新的责任人重新申请';
  await voidPendingCloseOut(trx, before.id, reason);
  await recordTransitionRow(
    trx,
    actor,
    before.id,
    'send_back',
    from,
    to,
    reason,
    patch.updated_at ?? nowIso(),
  );
}

/** Only the keys whose values differ, for before/after audit entries. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: T,
): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as Array<keyof T>) {
    if (before[key] !== after[key]) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

/** True when the stored measure has all six clarities. */
export function rowIsSixClear(m: MeasureRow): boolean {
  return isSixClear(sixClaritiesOf(m));
}

/**
 * Loads a measure the actor may act on: 404 when it does not exist or is outside the actor's units (no probing),
 * 403 when visible but not permitted, 409 when the version is stale.
 */
export async function loadMeasureFor(
  db: Kysely<Database>,
  actor: TActor,
  id: number,
  action: TPolicyAction,
  version?: number,
): Promise<TMeasureWithUnit> {
  // Every action but reading writes: inside a PostgreSQL transaction the row is held until commit, so two writes on
  // one measure take turns (the second then meets the new version) and a ledger being deleted is waited for.
  const writes = action !== 'inspection.read';
  const m = await getMeasure(db, id, actor.scope, { lock: writes && db.isTransaction && isPostgres(db) });
  if (!m) throw new AppError('NOT_FOUND', '整改措施不存在');
  if (!can(actor, action, measureObject(m.unit_id, m)))
    throw new AppError('FORBIDDEN', '没有对该整改措施进行此操作的权限');
  if (writes && m.inspection_archived_at !== null) throw new AppError('CONFLICT', ARCHIVED_LEDGER_MESSAGE);
  if (version !== undefined && version !== m.version) {
    throw new AppError('CONFLICT', '该措施已被他人修改，请刷新后查看最新内容再提交', {
      currentVersion: m.version,
    });
  }
  return m;
}

/**
 * The one rule for choosing a department (for a measure or a person): of the same unit, and taking new work — a
 * department closed or merged is refused unless it is the one already chosen (`current`).
 */
export async function checkAssignableDepartment(
  db: Kysely<Database>,
  unitId: number,
  departmentId: number,
  current: number | null,
): Promise<void> {
  const d = await getDepartment(db, departmentId);
  if (!d || d.unit_id !== unitId) throw new AppError('UNPROCESSABLE', '责任单位（部室）不属于本单位');
  if (d.inactive_at !== null && d.id !== current)
    throw new AppError('UNPROCESSABLE', `部室“${d.name}”已停用，请选择其他部室`);
}

/**
 * Checks that the people and department belong to the measure's unit and take new work: a person who left or a
 * department closed or merged is refused when newly chosen (kept when already on the measure, given as `current`).
 */
export async function checkAssignees(
  db: Kysely<Database>,
  unitId: number,
  ids: { departmentId?: number | null; leaderId?: number | null; personId?: number | null },
  current?: { department_id: number | null; leader_id: number | null; person_id: number | null },
): Promise<void> {
  if (ids.departmentId !== undefined && ids.departmentId !== null)
    await checkAssignableDepartment(db, unitId, ids.departmentId, current?.department_id ?? null);
  for (const [label, id, was] of [
    ['责任领导', ids.leaderId, current?.leader_id],
    ['责任人', ids.personId, current?.person_id],
  ] as const) {
    if (id === undefined || id === null) continue;
    const p = await getPerson(db, id);
    if (!p || p.unit_id !== unitId) throw new AppError('UNPROCESSABLE', `${label}不属于本单位`);
    if (p.left_at !== null && p.id !== was)
      throw new AppError('UNPROCESSABLE', `${label}${p.name}已离任，请选择在任人员`);
  }
}
