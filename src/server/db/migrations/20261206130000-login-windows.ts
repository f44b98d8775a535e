/**
 * The per-user-name login throttle, counted in the database so every process behind one port shares it: one row a
 * name (hashed) and minute window, old windows purged.
 */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Creates the table. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('login_windows')
    .addColumn('name_hash', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_windows_pk', ['name_hash', 'window_start'])
    .execute();
  await db.schema.createIndex('login_windows_start').on('login_windows').column('window_start').execute();
}

/** Drops it. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('login_windows').execute();
}
