/** Short-lived download tickets: an export is made (and audited) by a POST; the file is then fetched by a plain GET. */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Creates the table. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('export_tickets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('export_tickets_expiry').on('export_tickets').column('expires_at').execute();
}

/** Drops it. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('export_tickets').execute();
}
