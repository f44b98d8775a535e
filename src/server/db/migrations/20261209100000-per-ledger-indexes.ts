/**
 * Indexes for reading one ledger's records by its inspection (or its measures and problems): look-backs, outcomes,
 * supervision order items, public opinions and uploads in progress were found by a full scan of their tables — on
 * every ledger read by the roles that may archive it (the work recorded on it is checked), and by the look-back and
 * outcome pages. Each of those tables grows with every unit's work; a ledger's read must not.
 */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

const INDEXES: Array<[name: string, table: string, column: string]> = [
  ['lookbacks_inspection', 'lookbacks', 'inspection_id'],
  ['outcome_rules_inspection', 'outcome_rules', 'inspection_id'],
  ['outcome_money_inspection', 'outcome_money', 'inspection_id'],
  ['outcome_accountability_inspection', 'outcome_accountability', 'inspection_id'],
  ['supervision_order_items_inspection', 'supervision_order_items', 'inspection_id'],
  ['opinions_problem', 'opinions', 'problem_id'],
  ['staged_uploads_measure', 'staged_uploads', 'measure_id'],
];

/** Creates them. */
export async function up(db: AnyDb): Promise<void> {
  for (const [name, table, column] of INDEXES)
    await db.schema.createIndex(name).on(table).column(column).execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
