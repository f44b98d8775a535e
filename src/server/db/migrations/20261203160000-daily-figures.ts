/**
 * Daily figures (整改数据快照): each inspection's counts stored once a day, so a past month's trend never shifts when
 * measures change later; one row per day the job ran, so month ends are found without scanning the figures.
 */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

const COUNTS = [
  'measures',
  'closed',
  'red',
  'yellow',
  'green',
  'overdue',
  'relapsed',
  'unclear',
  'problems',
  'problems_closed',
] as const;

/** Creates the tables. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('snapshot_days')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('inspections', 'integer', (c) => c.notNull())
    .execute();
  let figures = db.schema
    .createTable('inspection_daily_figures')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'));
  for (const name of COUNTS) figures = figures.addColumn(name, 'integer', (c) => c.notNull());
  await figures.addPrimaryKeyConstraint('inspection_daily_figures_pk', ['day', 'inspection_id']).execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('inspection_daily_figures').execute();
  await db.schema.dropTable('snapshot_days').execute();
}
