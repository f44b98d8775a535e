/** Evidence files, the close-out chain, look-backs and notifications. */
import { type Kysely, PostgresAdapter } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Creates the tables. */
export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const table = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', pg ? 'serial' : 'integer', (c) =>
        pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
      );

  await table('evidence')
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id'))
    .addColumn('progress_entry_id', 'integer', (c) => c.references('progress_entries.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('documented_date', 'text')
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_measure').on('evidence').column('measure_id').execute();

  await table('close_out_requests')
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('measure_version', 'integer', (c) => c.notNull())
    .addColumn('evidence_hashes', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'integer', (c) => c.references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('leader_reviewed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('leader_reviewed_at', 'text')
    .addColumn('approved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('approved_at', 'text')
    .addColumn('confirmed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('confirmed_at', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('close_out_measure').on('close_out_requests').column('measure_id').execute();

  await table('lookbacks')
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('scheduled_date', 'text', (c) => c.notNull())
    .addColumn('checkers', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await table('lookback_items')
    .addColumn('lookback_id', 'integer', (c) => c.notNull().references('lookbacks.id'))
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id'))
    .addColumn('result', 'text')
    .addColumn('note', 'text')
    .addColumn('checked_by', 'integer', (c) => c.references('users.id'))
    .addColumn('checked_at', 'text')
    .execute();
  await db.schema.createIndex('lookback_items_measure').on('lookback_items').column('measure_id').execute();

  await table('notifications')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('measure_id', 'integer', (c) => c.references('measures.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').column('user_id').execute();

  await db.schema
    .alterTable('inspections')
    .addColumn('requires_office_confirmation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('inspections').dropColumn('requires_office_confirmation').execute();
  for (const t of ['notifications', 'lookback_items', 'lookbacks', 'close_out_requests', 'evidence'])
    await db.schema.dropTable(t).execute();
}
