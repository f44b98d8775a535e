/**
 * Opinions from the public (监督意见): each received opinion is a row written before its receipt code is shown, with
 * its unit, the public announcement and problem it concerns (optional), the submitter's optional name and contact
 * (never shown publicly), hashes for duplicate detection and for rate limits by address (the address itself is not
 * kept), and its handling. Public announcements keep the list of their problems, so the form can offer them.
 */
import { type Kysely, PostgresAdapter } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Creates the table, column and indexes. */
export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('public_announcements').addColumn('problems_json', 'text').execute();
  await db.schema
    .createTable('opinions')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('public_announcement_id', 'integer')
    .addColumn('problem_id', 'integer')
    .addColumn('problem_title', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('contact', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('address_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answer_published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('opinions_unit_created')
    .on('opinions')
    .columns(['unit_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('opinions_address_created')
    .on('opinions')
    .columns(['address_hash', 'created_at'])
    .execute();
  await db.schema
    .createIndex('opinions_duplicate')
    .on('opinions')
    .columns(['unit_id', 'content_hash'])
    .execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('opinions').execute();
  await db.schema.alterTable('public_announcements').dropColumn('problems_json').execute();
}
