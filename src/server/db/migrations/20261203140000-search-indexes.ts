/**
 * Indexes the cross-unit measure search and the dashboards filter and sort by: the inspections of a unit, the
 * measures of a person, leader or department, measures by deadline, by colour and by last change.
 */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

const INDEXES: Array<[name: string, table: string, columns: string[]]> = [
  ['inspections_unit', 'inspections', ['unit_id']],
  ['measures_person', 'measures', ['person_id']],
  ['measures_leader', 'measures', ['leader_id']],
  ['measures_department', 'measures', ['department_id']],
  ['measures_deadline', 'measures', ['deadline']],
  // Colour filters: each branch of the condition is a range of this index (state, standing or not, deadline).
  ['measures_state_standing_deadline', 'measures', ['state', 'is_standing', 'deadline']],
  ['measures_updated', 'measures', ['updated_at']],
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
