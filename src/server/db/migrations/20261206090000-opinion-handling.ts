/**
 * Handling opinions from the public in the back office: a version for optimistic locking, the answer deadline
 * (答复期限, from the day of receipt), the person handling it, the measure it is linked to at triage, the reason it was
 * found outside the unit's remit, who drafted and who published the answer. Indexed for the inbox (a unit's open
 * opinions by deadline) and for a handler's own.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Adds the columns and indexes; opinions received before get their deadline from their day of receipt. */
export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const add = (name: string, type: 'integer' | 'text') =>
    db.schema.alterTable('opinions').addColumn(name, type).execute();
  await db.schema
    .alterTable('opinions')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await add('answer_due', 'text');
  await add('handler_person_id', 'integer');
  await add('measure_id', 'integer');
  await add('triage_note', 'text');
  await add('triaged_by', 'integer');
  await add('triaged_at', 'text');
  await add('answer_drafted_by', 'integer');
  await add('answer_drafted_at', 'text');
  await add('answer_published_by', 'integer');
  const due = pg
    ? sql`to_char(cast(substr(created_at, 1, 10) as date) + 15, 'YYYY-MM-DD')`
    : sql`date(substr(created_at, 1, 10), '+15 days')`;
  await sql`update opinions set answer_due = ${due} where answer_due is null`.execute(db);
  await db.schema
    .createIndex('opinions_unit_status_due')
    .on('opinions')
    .columns(['unit_id', 'status', 'answer_due'])
    .execute();
  await db.schema
    .createIndex('opinions_handler_status')
    .on('opinions')
    .columns(['handler_person_id', 'status'])
    .execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('opinions_handler_status').execute();
  await db.schema.dropIndex('opinions_unit_status_due').execute();
  for (const c of [
    'answer_published_by',
    'answer_drafted_at',
    'answer_drafted_by',
    'triaged_at',
    'triaged_by',
    'triage_note',
    'measure_id',
    'handler_person_id',
    'answer_due',
    'version',
  ])
    await db.schema.alterTable('opinions').dropColumn(c).execute();
}
