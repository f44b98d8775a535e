/**
 * Standing work's next check date (`check_due`), kept by the database itself from the last progress date and the
 * check interval, so a colour filter on standing work is an index range rather than date arithmetic per row:
 * "9999-12-31" when no interval is set (never due: green), "0000-01-01" when no progress was ever recorded (due
 * since always: red), otherwise the last progress date plus the interval. A generated column: every write — the
 * API, an import, a job, a script, a test's own update — keeps it, as no application code has to.
 * SQLite computes it when read (a virtual column, indexed); PostgreSQL stores it, from immutable functions only
 * (`make_date` and `extract` instead of text casts, which depend on the session's date style).
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

const NEVER = "'9999-12-31'";
const ALWAYS = "'0000-01-01'";

/** The PostgreSQL expression: the date as YYYY-MM-DD text plus the interval, as YYYY-MM-DD text. */
function pgDue(): string {
  const d =
    'make_date(substr(last_progress_date, 1, 4)::int, substr(last_progress_date, 6, 2)::int, substr(last_progress_date, 9, 2)::int) + check_interval_days';
  const part = (field: string, width: number) =>
    `lpad(extract(${field} from ${d})::int::text, ${width}, '0')`;
  return `${part('year', 4)} || '-' || ${part('month', 2)} || '-' || ${part('day', 2)}`;
}

/** The column and its index (with the inspection, as the deadline index has, for leaving archived ledgers out). */
export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const due = pg ? pgDue() : "date(last_progress_date, check_interval_days || ' days')";
  const expression = `case when check_interval_days is null or check_interval_days = 0 then ${NEVER}
    when last_progress_date is null then ${ALWAYS} else ${due} end`;
  await sql
    .raw(
      `alter table measures add column check_due text generated always as (${expression}) ${pg ? 'stored' : 'virtual'}`,
    )
    .execute(db);
  await db.schema
    .createIndex('measures_state_standing_check_due')
    .on('measures')
    .columns(['state', 'is_standing', 'check_due', 'inspection_id'])
    .execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('measures_state_standing_check_due').execute();
  await sql.raw('alter table measures drop column check_due').execute(db);
}
