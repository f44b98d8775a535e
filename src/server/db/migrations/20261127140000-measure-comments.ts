/** Comments on measures (discipline supervisors' only write; others may comment too). */
import { type Kysely, PostgresAdapter } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Creates measure_comments. */
export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('measure_comments')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id'))
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comments_measure').on('measure_comments').column('measure_id').execute();
}

/** Drops it. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('measure_comments').execute();
}
