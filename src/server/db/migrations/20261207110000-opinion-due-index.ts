/** The daily reminder job finds opinions due by a day across every unit: by status and answer deadline. */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Adds the index. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('opinions_status_due')
    .on('opinions')
    .columns(['status', 'answer_due'])
    .execute();
}

/** Drops it. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('opinions_status_due').execute();
}
