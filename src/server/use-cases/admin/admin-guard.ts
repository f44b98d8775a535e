/** The administration checks shared by the admin use cases: the unit must be in scope and administrable. */
import type { Kysely } from 'kysely';
import type { Database, UnitRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import { getUnit } from '../../repositories/unit.repository.ts';

/** The unit, if the actor may administer it: 404 outside scope, 403 without the right. */
export async function administrableUnit(
  db: Kysely<Database>,
  actor: TActor,
  unitId: number,
): Promise<UnitRow> {
  const unit = await getUnit(db, unitId, actor.scope);
  if (!unit) throw new AppError('NOT_FOUND', '单位不存在');
  if (!can(actor, 'admin.manage', { unitId })) throw new AppError('FORBIDDEN', '没有管理该单位的权限');
  return unit;
}

/** Administrators without a unit manage top-level units; others need one in scope. */
export function requireAdmin(actor: TActor): void {
  if (actor.role !== 'admin' && actor.role !== 'system')
    throw new AppError('FORBIDDEN', '只有系统管理员可以进行此操作');
}
