/**
 * Progress in one step: files are staged first (checked and stored, owned by the uploader, for one measure) and
 * become evidence only inside the transaction that saves the progress text, so text and files are saved together or
 * not at all; an entry's author may correct or withdraw it within a window (withdrawn entries are kept, marked);
 * each measure gains its 整改目标 and 完成标准, which reviewers see beside the evidence.
 */
import { type Kysely, PostgresAdapter } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Creates the table and columns. */
export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('staged_uploads')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('original_sha256', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staged_uploads_created').on('staged_uploads').column('created_at').execute();
  await db.schema.alterTable('progress_entries').addColumn('edited_at', 'text').execute();
  await db.schema.alterTable('progress_entries').addColumn('withdrawn_at', 'text').execute();
  await db.schema
    .alterTable('progress_entries')
    .addColumn('withdrawn_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.alterTable('evidence').addColumn('original_sha256', 'text').execute();
  await db.schema.alterTable('measures').addColumn('goal', 'text').execute();
  await db.schema.alterTable('measures').addColumn('done_criteria', 'text').execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  for (const column of ['done_criteria', 'goal'])
    await db.schema.alterTable('measures').dropColumn(column).execute();
  await db.schema.alterTable('evidence').dropColumn('original_sha256').execute();
  for (const column of ['withdrawn_by', 'withdrawn_at', 'edited_at'])
    await db.schema.alterTable('progress_entries').dropColumn(column).execute();
  await db.schema.dropTable('staged_uploads').execute();
}
