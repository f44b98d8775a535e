/** Edits a unit's names and public contact, refusing stale versions. */
import type { Kysely } from 'kysely';
import type { TUpdateUnitRequest } from '@shared/api.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { updateUnitAtVersion } from '../../repositories/unit.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { administrableUnit, requireAdmin } from './admin-guard.ts';

/** Applies the sent fields. */
export async function updateUnit({
  db,
  actor,
  unitId,
  input,
}: {
  db: Kysely<Database>;
  actor: TActor;
  unitId: number;
  input: TUpdateUnitRequest;
}): Promise<void> {
  requireAdmin(actor);
  await inTransaction(db, async (trx) => {
    const before = await administrableUnit(trx, actor, unitId);
    if (before.version !== input.version)
      throw new AppError('CONFLICT', '该单位已被他人修改，请刷新后再提交', {
        currentVersion: before.version,
      });
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.partyOrgName !== undefined ? { party_org_name: input.partyOrgName } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.address !== undefined ? { address: input.address } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
    };
    if (!(await updateUnitAtVersion(trx, unitId, before.version, patch)))
      throw new AppError('CONFLICT', '该单位已被他人修改，请刷新后再提交');
    await appendAudit(trx, {
      kind: 'unit.updated',
      ...auditActor(actor),
      objectType: 'unit',
      objectId: unitId,
      unitId,
      before: {
        name: before.name,
        partyOrgName: before.party_org_name,
        phone: before.phone,
        address: before.address,
        email: before.email,
      },
      after: input,
      at: nowIso(),
    });
  });
}
