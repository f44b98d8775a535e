/** Edits a unit's names, public contact and whether it is public, refusing stale versions. */
import type { Kysely } from 'kysely';
import type { TUpdateUnitRequest } from '@shared/api.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { ALL_UNITS } from '../../repositories/scope.ts';
import { getUnit, updateUnitAtVersion } from '../../repositories/unit.repository.ts';
import { syncUnitPublicly } from '../public/public-snapshots.ts';
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
      ...(input.isPublic !== undefined ? { is_public: input.isPublic ? 1 : 0 } : {}),
    };
    if (!(await updateUnitAtVersion(trx, unitId, before.version, patch)))
      throw new AppError('CONFLICT', '该单位已被他人修改，请刷新后再提交');
    const after = await getUnit(trx, unitId, ALL_UNITS);
    // The public side follows: made public, its published announcements and contact appear; made private, they go.
    if (after && (after.is_public === 1 || before.is_public === 1))
      await syncUnitPublicly(trx, after, nowIso());
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
        isPublic: before.is_public === 1,
      },
      after: input,
      at: nowIso(),
    });
  });
}
