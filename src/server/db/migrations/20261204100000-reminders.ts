/**
 * Reminders and escalation (超期预警): every reminder sent is a row (rule, measure, what it was about, recipient,
 * channel, delivered or failed), unique per rule, measure, subject and recipient so a day run twice sends nothing
 * twice; the daily jobs claim their day with a lease so several processes run each once; each inspection carries
 * its escalation thresholds (days before the deadline, days red before the leader and then the principal and
 * supervisor are told, working days a pending request may wait).
 */
import { type Kysely, PostgresAdapter } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

const THRESHOLDS: Array<[string, number]> = [
  ['remind_days_before', 3],
  ['escalate_leader_days', 3],
  ['escalate_top_days', 7],
  ['review_days', 3],
];

/** Creates the tables and columns. */
export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('reminders')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('reminders_once')
    .on('reminders')
    .columns(['rule', 'measure_id', 'subject', 'user_id'])
    .unique()
    .execute();
  await db.schema.createIndex('reminders_measure').on('reminders').columns(['measure_id', 'id']).execute();
  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addPrimaryKeyConstraint('job_runs_pk', ['job', 'day'])
    .execute();
  for (const [column, days] of THRESHOLDS)
    await db.schema
      .alterTable('inspections')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(days))
      .execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  for (const [column] of THRESHOLDS) await db.schema.alterTable('inspections').dropColumn(column).execute();
  await db.schema.dropTable('job_runs').execute();
  await db.schema.dropTable('reminders').execute();
}
