/**
 * The search's main index (state, standing, deadline) carries the inspection too, so leaving an archived ledger's
 * measures out of a search stays within the index: no row is read per match.
 */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Rebuilds the index with the inspection as its last column. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('measures_state_standing_deadline').execute();
  await db.schema
    .createIndex('measures_state_standing_deadline')
    .on('measures')
    .columns(['state', 'is_standing', 'deadline', 'inspection_id'])
    .execute();
}

/** Rebuilds it as it was. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('measures_state_standing_deadline').execute();
  await db.schema
    .createIndex('measures_state_standing_deadline')
    .on('measures')
    .columns(['state', 'is_standing', 'deadline'])
    .execute();
}
