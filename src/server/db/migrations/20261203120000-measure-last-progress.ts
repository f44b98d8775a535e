/**
 * The date of a measure's latest progress entry, kept on the measure (maintained with every entry in the same
 * transaction), so the database can compute the warning colour of standing work without reading the entries; and
 * the indexes that filtered lists and counts by state and deadline use.
 */
import { type Kysely, sql } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Adds and fills the column, and the indexes. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('measures').addColumn('last_progress_date', 'text').execute();
  await sql`update measures set last_progress_date = (
    select max(p.entry_date) from progress_entries p where p.measure_id = measures.id
  )`.execute(db);
  await db.schema
    .createIndex('measures_state_deadline')
    .on('measures')
    .columns(['state', 'deadline'])
    .execute();
  await db.schema
    .createIndex('measures_inspection_state')
    .on('measures')
    .columns(['inspection_id', 'state'])
    .execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('measures_inspection_state').execute();
  await db.schema.dropIndex('measures_state_deadline').execute();
  await db.schema.alterTable('measures').dropColumn('last_progress_date').execute();
}
