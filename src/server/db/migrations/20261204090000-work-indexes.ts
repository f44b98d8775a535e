/**
 * Indexes for 我的工作 and messages: pending extension requests by age, look-back items still to check, a user's
 * unread messages and their messages about one measure (read when the measure is acted on).
 */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

const INDEXES: Array<[string, string, string[]]> = [
  ['extension_status_requested', 'extension_requests', ['status', 'requested_at']],
  ['lookback_items_open', 'lookback_items', ['lookback_id', 'result']],
  ['notifications_user_unread', 'notifications', ['user_id', 'read_at']],
  ['notifications_user_measure', 'notifications', ['user_id', 'measure_id']],
];

/** Creates the indexes. */
export async function up(db: AnyDb): Promise<void> {
  for (const [name, table, columns] of INDEXES)
    await db.schema.createIndex(name).on(table).columns(columns).execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
