/**
 * Daily figures (快照): each inspection's counts taken once a day by one grouped pass over the measures, and the
 * monthly trend read back from the last day taken in each month — a handful of days × the inspections in scope,
 * never the measures.
 */
import { type Kysely, sql } from 'kysely';
import type { Database, InspectionDailyFiguresTable } from '../db/schema.ts';
import { figureColumns, type TFigureRow } from './dashboard.repository.ts';
import type { TCondition } from './measure-search.repository.ts';

type Db = Kysely<Database>;
type TNum = string | number;

/** Every inspection's figures now (colours as of `today`), with its problems and the problems fully closed. */
export async function figuresByInspection(
  db: Db,
  today: string,
  yellowDays: number,
): Promise<Array<TFigureRow & { inspection_id: number; problems: TNum; open_problems: TNum }>> {
  const result = await sql<TFigureRow & { inspection_id: number; problems: TNum; open_problems: TNum }>`
    select measures.inspection_id, ${figureColumns(db, today, yellowDays)},
      count(distinct measures.problem_id) as problems,
      count(distinct case when measures.state <> 'closed' then measures.problem_id end) as open_problems
    from measures
    group by measures.inspection_id`.execute(db);
  return result.rows;
}

/** Whether a day's figures were taken already (a cheap look before the job counts anything). */
export async function isSnapshotDayTaken(db: Db, day: string): Promise<boolean> {
  const row = await db.selectFrom('snapshot_days').select('day').where('day', '=', day).executeTakeFirst();
  return row !== undefined;
}

/** Claims a day for the job: false when it was already taken (by this or another process). */
export async function claimSnapshotDay(
  db: Db,
  day: string,
  at: string,
  inspections: number,
): Promise<boolean> {
  const r = await db
    .insertInto('snapshot_days')
    .values({ day, taken_at: at, inspections })
    .onConflict((oc) => oc.column('day').doNothing())
    .returning('day')
    .executeTakeFirst();
  return r !== undefined;
}

/** Stores one day's figures, a few hundred rows a statement. */
export async function insertDailyFigures(db: Db, rows: InspectionDailyFiguresTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('inspection_daily_figures')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** The last day taken in each month from `fromDay` on, oldest first. */
export async function monthEndDays(db: Db, fromDay: string): Promise<Array<{ month: string; day: string }>> {
  const rows = await db
    .selectFrom('snapshot_days')
    .select([sql<string>`substr(day, 1, 7)`.as('month'), (eb) => eb.fn.max('day').as('day')])
    .where('day', '>=', fromDay)
    .groupBy(sql`substr(day, 1, 7)`)
    .orderBy(sql`substr(day, 1, 7)`)
    .execute();
  return rows.map((r) => ({ month: r.month, day: String(r.day) }));
}

/** The summed figures of the inspections meeting `onInspections` on each of `days`. */
export async function figuresOnDays(db: Db, days: string[], onInspections: TCondition[]) {
  if (days.length === 0) return [];
  const where = [sql`f.day in (${sql.join(days)})`, ...onInspections];
  const result = await sql<{
    day: string;
    measures: TNum;
    closed: TNum;
    red: TNum;
    yellow: TNum;
    overdue: TNum;
    relapsed: TNum;
    problems: TNum;
    problems_closed: TNum;
  }>`
    select f.day, sum(f.measures) as measures, sum(f.closed) as closed, sum(f.red) as red, sum(f.yellow) as yellow,
      sum(f.overdue) as overdue, sum(f.relapsed) as relapsed, sum(f.problems) as problems,
      sum(f.problems_closed) as problems_closed
    from inspection_daily_figures f
    join inspections on inspections.id = f.inspection_id
    where ${sql.join(where, sql` and `)}
    group by f.day
    order by f.day`.execute(db);
  return result.rows;
}
