/** A keyed signature (HMAC of the entry hash) on each audit entry written while an audit key is configured. */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Adds the column. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('mac', 'text').execute();
}

/** Drops it. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('audit_events').dropColumn('mac').execute();
}
