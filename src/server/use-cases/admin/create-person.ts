/** Adds a person (a possible responsible leader or responsible person) to a unit. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { getDepartment, insertPerson } from '../../repositories/unit.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { administrableUnit, requireAdmin } from './admin-guard.ts';

/** Returns the person's id. */
export async function createPerson(o: {
  db: Kysely<Database>;
  actor: TActor;
  unitId: number;
  name: string;
  position: string | null;
  departmentId: number | null;
}): Promise<number> {
  requireAdmin(o.actor);
  return inTransaction(o.db, async (trx) => {
    await administrableUnit(trx, o.actor, o.unitId);
    if (o.departmentId !== null) {
      const d = await getDepartment(trx, o.departmentId);
      if (!d || d.unit_id !== o.unitId) throw new AppError('UNPROCESSABLE', '部室不属于本单位');
    }
    const id = await insertPerson(trx, {
      unitId: o.unitId,
      departmentId: o.departmentId,
      name: o.name,
      position: o.position,
      isDemo: false,
    });
    await appendAudit(trx, {
      kind: 'person.created',
      ...auditActor(o.actor),
      objectType: 'person',
      objectId: id,
      unitId: o.unitId,
      after: { name: o.name, position: o.position, departmentId: o.departmentId },
      at: nowIso(),
    });
    return id;
  });
}
