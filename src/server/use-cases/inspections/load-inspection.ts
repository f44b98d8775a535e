/** The one door to an inspection: in the actor's units and readable by them, or 404 巡察不存在. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import {
  getInspection,
  latestInspectionId,
  type TInspectionWithUnit,
} from '../../repositories/inspection.repository.ts';

/** The inspection `id` (or the latest in scope) for the actor; another unit's inspection is simply not found. */
export async function loadInspectionFor(
  db: Kysely<Database>,
  actor: TActor,
  inspectionId: number | 'latest',
): Promise<TInspectionWithUnit> {
  const id = inspectionId === 'latest' ? await latestInspectionId(db, actor.scope) : inspectionId;
  const inspection = id === undefined ? undefined : await getInspection(db, id, actor.scope);
  if (!inspection || !can(actor, 'inspection.read', { unitId: inspection.unit_id }))
    throw new AppError('NOT_FOUND', '巡察不存在');
  return inspection;
}
