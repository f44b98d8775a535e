/** Creates a unit under a parent in scope (or at the top, for an administrator of everything). */
import type { Kysely } from 'kysely';
import type { TCreateUnitRequest } from '@shared/api.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { insertUnit } from '../../repositories/unit.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { administrableUnit, requireAdmin } from './admin-guard.ts';

/** Returns the new unit's id. */
export async function createUnit({
  db,
  actor,
  input,
}: {
  db: Kysely<Database>;
  actor: TActor;
  input: TCreateUnitRequest;
}): Promise<number> {
  requireAdmin(actor);
  return inTransaction(db, async (trx) => {
    if (input.parentId !== null) await administrableUnit(trx, actor, input.parentId);
    else if (actor.scope.kind !== 'all') throw new AppError('FORBIDDEN', '只能在本单位之下新建单位');
    const at = nowIso();
    const id = await insertUnit(trx, { ...input, at });
    await appendAudit(trx, {
      kind: 'unit.created',
      ...auditActor(actor),
      objectType: 'unit',
      objectId: id,
      unitId: id,
      after: input,
      at,
    });
    return id;
  });
}
