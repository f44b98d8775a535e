/** One inspection's ledger as stored: categories, problems, measures, and the unit's names for them. */
import type { Kysely } from 'kysely';
import type { CategoryRow, Database, MeasureRow, ProblemRow } from '../db/schema.ts';
import { listCategories, listProblems } from './inspection.repository.ts';
import { HAS_EVIDENCE } from './measure.repository.ts';
import { type TUnitDirectory, unitDirectory } from './unit.repository.ts';

/** The stored ledger of one inspection. */
export type TLedgerRecords = {
  categories: CategoryRow[];
  problems: ProblemRow[];
  /** With whether each has evidence (read with it, for the close-out facts). */
  measures: Array<MeasureRow & { has_evidence: number | string }>;
  names: TUnitDirectory;
};

/** Reads the ledger of an inspection already checked to be in the actor's scope. */
export async function loadLedger(
  db: Kysely<Database>,
  inspection: { id: number; unit_id: number },
): Promise<TLedgerRecords> {
  const [categories, problems, measures, names] = await Promise.all([
    listCategories(db, inspection.id),
    listProblems(db, inspection.id),
    db
      .selectFrom('measures')
      .selectAll('measures')
      .select(HAS_EVIDENCE.as('has_evidence'))
      .where('inspection_id', '=', inspection.id)
      .orderBy('problem_id')
      .orderBy('ordinal')
      .orderBy('id')
      .execute(),
    unitDirectory(db, inspection.unit_id),
  ]);
  return { categories, problems, measures, names };
}
