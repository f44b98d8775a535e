/** Progress entries remember where they came from: typed by a user, or written by an import. */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Adds progress_entries.source ('user' | 'import'). */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('progress_entries')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('user'))
    .execute();
}

/** Drops the column. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('progress_entries').dropColumn('source').execute();
}
