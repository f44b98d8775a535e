/**
 * Departments and people edited over the years: a version for optimistic locking, and for a department that is
 * closed or merged, when it stopped taking new work and where its work went (people merged into another record keep
 * `left_at` and name the record they were merged into). Rows are never deleted: history keeps their names.
 */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Adds the columns. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('departments')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('departments').addColumn('inactive_at', 'text').execute();
  await db.schema.alterTable('departments').addColumn('merged_into_id', 'integer').execute();
  await db.schema
    .alterTable('people')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('people').addColumn('merged_into_id', 'integer').execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('people').dropColumn('merged_into_id').execute();
  await db.schema.alterTable('people').dropColumn('version').execute();
  await db.schema.alterTable('departments').dropColumn('merged_into_id').execute();
  await db.schema.alterTable('departments').dropColumn('inactive_at').execute();
  await db.schema.alterTable('departments').dropColumn('version').execute();
}
