/** Plan approval, extension/change requests, standing work's check interval, and outcomes of rectification. */
import { type Kysely, PostgresAdapter } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Creates the tables and columns. */
export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const table = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', pg ? 'serial' : 'integer', (c) =>
        pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
      );
  await db.schema.alterTable('inspections').addColumn('plan_approved_at', 'text').execute();
  await db.schema.alterTable('inspections').addColumn('plan_approved_by', 'integer').execute();
  await db.schema.alterTable('measures').addColumn('original_deadline', 'text').execute();
  await db.schema
    .alterTable('measures')
    .addColumn('late_extension', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('measures').addColumn('check_interval_days', 'integer').execute();

  await table('extension_requests')
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id'))
    .addColumn('new_deadline', 'text')
    .addColumn('new_is_standing', 'integer')
    .addColumn('new_content', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('deadline_at_request', 'text')
    .addColumn('was_overdue', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('requested_by', 'integer', (c) => c.references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema.createIndex('extension_measure').on('extension_requests').column('measure_id').execute();

  await table('outcome_rules')
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('measure_id', 'integer', (c) => c.references('measures.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('issued_date', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('evidence_id', 'integer', (c) => c.references('evidence.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await table('outcome_money')
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('measure_id', 'integer', (c) => c.references('measures.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('from_whom', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await table('outcome_accountability')
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('measure_id', 'integer', (c) => c.references('measures.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('people', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  for (const t of ['outcome_accountability', 'outcome_money', 'outcome_rules', 'extension_requests'])
    await db.schema.dropTable(t).execute();
  for (const c of ['check_interval_days', 'late_extension', 'original_deadline'])
    await db.schema.alterTable('measures').dropColumn(c).execute();
  for (const c of ['plan_approved_by', 'plan_approved_at'])
    await db.schema.alterTable('inspections').dropColumn(c).execute();
}
