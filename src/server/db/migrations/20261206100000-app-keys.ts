/**
 * Keys the application makes for itself and shares between its processes (e.g. the one that signs the public
 * opinion form), kept in the database so every process behind one port signs and checks alike.
 */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Creates the table. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('app_keys')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

/** Drops it. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('app_keys').execute();
}
