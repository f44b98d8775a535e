/**
 * Message channels: the administrator's settings per channel (secrets encrypted), each user's e-mail address and
 * choice per channel, the deliveries (one message to one target on one channel, retried with back-off, then kept
 * as failed for the administrator), and how far the dispatcher has read the in-app messages.
 */
import { type Kysely, PostgresAdapter } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Creates the tables. */
export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('channels')
    .addColumn('channel', 'text', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('settings_json', 'text', (c) => c.notNull())
    .addColumn('secrets_enc', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.alterTable('users').addColumn('email', 'text').execute();
  await db.schema
    .createTable('user_channels')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_channels_pk', ['user_id', 'channel'])
    .execute();
  await db.schema
    .createTable('deliveries')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('deliveries_due')
    .on('deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createTable('dispatch_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_notification_id', 'integer', (c) => c.notNull())
    .execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  for (const t of ['dispatch_state', 'deliveries', 'user_channels', 'channels'])
    await db.schema.dropTable(t).execute();
  await db.schema.alterTable('users').dropColumn('email').execute();
}
