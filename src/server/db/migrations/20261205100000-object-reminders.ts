/**
 * Reminders about an object other than a measure — an inspection's monthly report (签发提醒), a supervision order's
 * reply (回复提醒) — recorded once per rule, object, subject and recipient, like measure reminders; and an index for
 * the administrator's list of failed deliveries (newest first).
 */
import { type Kysely, PostgresAdapter } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Creates the table and the index. */
export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('object_reminders')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('object_reminders_once')
    .on('object_reminders')
    .columns(['rule', 'object_type', 'object_id', 'subject', 'user_id'])
    .unique()
    .execute();
  await db.schema.createIndex('deliveries_status_id').on('deliveries').columns(['status', 'id']).execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('deliveries_status_id').execute();
  await db.schema.dropTable('object_reminders').execute();
}
