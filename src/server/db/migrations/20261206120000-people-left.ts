/** When a person left the unit (handed their work to a successor): kept for history, no longer assignable. */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Adds the column. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('people').addColumn('left_at', 'text').execute();
}

/** Drops it. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('people').dropColumn('left_at').execute();
}
