/**
 * Indexes for the lookups every ledger, directory and audit page makes by a parent's id: a ledger's categories and
 * its unit's people were found by a full scan of tables that grow with every unit (6,000 categories and 8,000
 * people at province scale, on every ledger read); an audit page in a unit's scope scanned the whole audit log,
 * which only grows. Each read must cost what it returns, not the size of the tables.
 */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

const INDEXES: Array<[name: string, table: string, columns: string[]]> = [
  ['categories_inspection', 'categories', ['inspection_id', 'ordinal', 'id']],
  ['problems_category', 'problems', ['category_id']],
  ['problems_parent', 'problems', ['parent_id']],
  ['people_unit', 'people', ['unit_id', 'id']],
  ['people_department', 'people', ['department_id']],
  ['units_parent', 'units', ['parent_id']],
  ['users_unit', 'users', ['unit_id']],
  ['users_person', 'users', ['person_id']],
  ['audit_unit_seq', 'audit_events', ['unit_id', 'seq']],
  ['daily_figures_inspection', 'inspection_daily_figures', ['inspection_id']],
  ['notifications_measure', 'notifications', ['measure_id']],
  ['opinions_measure', 'opinions', ['measure_id']],
  ['public_announcements_inspection', 'public_announcements', ['inspection_id']],
];

/** Creates them. */
export async function up(db: AnyDb): Promise<void> {
  for (const [name, table, columns] of INDEXES)
    await db.schema.createIndex(name).on(table).columns(columns).execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
