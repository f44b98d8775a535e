/** The one door to an inspection: in the actor's units and readable by them, or 404 巡察不存在. */
import { type Kysely, PostgresAdapter } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import {
  getInspection,
  latestInspectionId,
  lockInspectionRow,
  type TInspectionWithUnit,
} from '../../repositories/inspection.repository.ts';

/** What an archived ledger answers to every write: it is kept to be read, not worked on. */
export const ARCHIVED_LEDGER_MESSAGE = '该台账已归档（误建或停止跟踪），只能查看；如需继续整改，请先恢复台账';

/** Refuses a write on an archived ledger. */
export function refuseIfArchived(inspection: { archived_at: string | null }): void {
  if (inspection.archived_at !== null) throw new AppError('CONFLICT', ARCHIVED_LEDGER_MESSAGE);
}

/**
 * The inspection `id` (or the latest in scope) for the actor; another unit's inspection is simply not found. With
 * `write`, an archived ledger is refused, and inside a PostgreSQL transaction the inspection's row is held until
 * commit, so a write never lands on a ledger being deleted (it waits, then finds nothing: 404).
 */
export async function loadInspectionFor(
  db: Kysely<Database>,
  actor: TActor,
  inspectionId: number | 'latest',
  options: { write?: boolean } = {},
): Promise<TInspectionWithUnit> {
  const id = inspectionId === 'latest' ? await latestInspectionId(db, actor.scope) : inspectionId;
  if (id !== undefined && options.write === true && db.isTransaction && isPostgres(db))
    await lockInspectionRow(db, id);
  const inspection = id === undefined ? undefined : await getInspection(db, id, actor.scope);
  if (!inspection || !can(actor, 'inspection.read', { unitId: inspection.unit_id }))
    throw new AppError('NOT_FOUND', '巡察不存在');
  if (options.write === true) refuseIfArchived(inspection);
  return inspection;
}

/** True on PostgreSQL (SQLite transactions already hold the whole database: `begin immediate`). */
export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
