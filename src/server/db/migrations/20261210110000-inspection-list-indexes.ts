/**
 * The inspection list's page is read from an index in its order (newest feedback first) and stops at the page,
 * instead of sorting every inspection for each page (1,199 at province scale, on every visit of the office's list);
 * a page's problem counts (top-level problems only) are read from an index of (inspection, parent) alone.
 */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

const INDEXES: Array<[name: string, table: string, columns: string[]]> = [
  ['inspections_feedback_order', 'inspections', ['feedback_date', 'id']],
  ['problems_inspection_parent', 'problems', ['inspection_id', 'parent_id']],
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
