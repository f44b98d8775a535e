/** Announcements (通报) with their versions and publication, and issued monthly reports (月报告) as snapshots. */
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
  await table('announcements')
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('section1_heading', 'text')
    .addColumn('section1_text', 'text')
    .addColumn('section3_heading', 'text')
    .addColumn('section3_text', 'text')
    .addColumn('include_statistics', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_text', 'text')
    .addColumn('published_html', 'text')
    .addColumn('published_docx_sha', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('approved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('approved_at', 'text')
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .addColumn('published_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('announcements_inspection')
    .on('announcements')
    .columns(['inspection_id', 'version_no'])
    .unique()
    .execute();
  await table('monthly_reports')
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'integer', (c) => c.references('users.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('monthly_reports_month')
    .on('monthly_reports')
    .columns(['inspection_id', 'month'])
    .unique()
    .execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('monthly_reports').execute();
  await db.schema.dropTable('announcements').execute();
}
