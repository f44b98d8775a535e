/**
 * Whether a measure lacks one of the six clarities (`is_unclear`, 0 or 1), kept by the database itself as a generated
 * column — the SQL statement of `missingClarities` (src/shared/six-clarities.ts), held to it by a property test
 * (`six-clarities.sql.test.ts`) — and the indexes the dashboard's grouped passes read their figures from.
 *
 * The dashboard groups every measure in scope by category (through its problem), by unit (through its inspection) and
 * by department, counting colours, overdue work and gaps. Read from the rows, each pass computed the standing work's
 * `check_due` (date arithmetic) and trimmed two texts per measure: about 180 ms a pass at 100,000 measures on
 * SQLite. With both values in the index each pass groups by, SQLite reads them from it: about 80 ms. The wider
 * indexes replace the narrow ones of the same leading column (which they serve as well), so a write updates no more
 * indexes than before: (inspection, version), for the recorded-work check, is the inspection index's last column, and
 * (inspection, state) its first two.
 *
 * SQLite computes the column when read (a virtual column, indexed); PostgreSQL stores it (btrim is immutable).
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** The characters JavaScript's `trim()` removes (Unicode white space and line terminators, BOM). */
const WHITE_SPACE =
  ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** The figure columns every grouped pass reads, after the column it groups by. */
const FIGURES = ['state', 'is_standing', 'deadline', 'check_due', 'is_unclear'];

/** The indexes replaced: name, their columns before, and after. */
const INDEXES: Array<{ name: string; before: string[]; after: string[] }> = [
  { name: 'measures_problem', before: ['problem_id'], after: ['problem_id', ...FIGURES] },
  { name: 'measures_department', before: ['department_id'], after: ['department_id', ...FIGURES] },
  { name: 'measures_inspection', before: ['inspection_id'], after: ['inspection_id', ...FIGURES, 'version'] },
];

/** Adds the column and widens the indexes. */
export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const blank = (column: string) => `${pg ? 'btrim' : 'trim'}(${column}, '${WHITE_SPACE}') = ''`;
  const expression = `case when ${blank('task')} or ${blank('content')} or department_id is null
    or leader_id is null or person_id is null or (is_standing = 0 and deadline is null) then 1 else 0 end`;
  await sql
    .raw(
      `alter table measures add column is_unclear integer generated always as (${expression}) ${pg ? 'stored' : 'virtual'}`,
    )
    .execute(db);
  for (const index of INDEXES) {
    await db.schema.dropIndex(index.name).execute();
    await db.schema.createIndex(index.name).on('measures').columns(index.after).execute();
  }
  // Served by the inspection index's first columns (and left, the planner chose them over it).
  await db.schema.dropIndex('measures_inspection_version').execute();
  await db.schema.dropIndex('measures_inspection_state').execute();
}

/** Narrows the indexes again and drops the column. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('measures_inspection_state')
    .on('measures')
    .columns(['inspection_id', 'state'])
    .execute();
  await db.schema
    .createIndex('measures_inspection_version')
    .on('measures')
    .columns(['inspection_id', 'version'])
    .execute();
  for (const index of INDEXES) {
    await db.schema.dropIndex(index.name).execute();
    await db.schema.createIndex(index.name).on('measures').columns(index.before).execute();
  }
  await sql.raw('alter table measures drop column is_unclear').execute(db);
}
