/** Adds a department (部室) to a unit. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { findDepartmentByName, ensureDepartment } from '../../repositories/unit.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { administrableUnit, requireAdmin } from './admin-guard.ts';

/** Returns the department's id; 409 when the unit already has one of that name. */
export async function createDepartment({
  db,
  actor,
  unitId,
  name,
}: {
  db: Kysely<Database>;
  actor: TActor;
  unitId: number;
  name: string;
}): Promise<number> {
  requireAdmin(actor);
  return inTransaction(db, async (trx) => {
    await administrableUnit(trx, actor, unitId);
    const existing = await findDepartmentByName(trx, unitId, name);
    if (existing) throw new AppError('CONFLICT', `本单位已有部室“${name}”`);
    const id = await ensureDepartment(trx, unitId, name, false);
    await appendAudit(trx, {
      kind: 'department.created',
      ...auditActor(actor),
      objectType: 'department',
      objectId: id,
      unitId,
      after: { name },
      at: nowIso(),
    });
    return id;
  });
}
