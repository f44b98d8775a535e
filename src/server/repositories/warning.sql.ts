/**
 * The warning colour (红黄绿灯) as SQL: the rule of `src/shared/warning.ts`, computed by the database from stored
 * columns so lists, counts and filters never load measures to classify them. A property test
 * (`warning.sql.test.ts`) holds the two to the same answers on random measures and dates, on both databases.
 */
import { type Expression, type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import { addDays } from '@shared/chinese.ts';
import type { TWarningColour } from '@shared/domain.ts';
import type { Database } from '../db/schema.ts';
import { inScope, type TUnitScope } from './scope.ts';
import { unclearSql } from './six-clarities.sql.ts';

/** `date + days` as YYYY-MM-DD text, in the engine's own date arithmetic. */
export function plusDays(
  db: Kysely<Database>,
  date: Expression<string | null>,
  days: Expression<number | null>,
) {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<string>`to_char(cast(${date} as date) + ${days}, 'YYYY-MM-DD')`
    : sql<string>`date(${date}, ${days} || ' days')`;
}

/** The colour of each row of `measures` on `today` (YYYY-MM-DD in Beijing), yellow within `yellowDays`. */
export function warningColourSql(today: string, yellowDays: number): RawBuilder<TWarningColour> {
  // daysBetween(today, due) <= yellowDays  ⇔  due <= today + yellowDays (dates as text compare as dates).
  // Standing work's due date is `check_due`, kept by the database: never due without a check interval, due since
  // always before the first progress entry, else the last progress date plus the interval.
  const soon = addDays(today, yellowDays);
  return sql<TWarningColour>`case
    when measures.state = 'closed' then 'none'
    when measures.is_standing = 1 or measures.state = 'standing' then case
      when measures.check_due < ${today} then 'red'
      when measures.check_due <= ${soon} then 'yellow'
      else 'green' end
    when measures.deadline is null then 'none'
    when measures.deadline < ${today} then 'red'
    when measures.deadline <= ${soon} then 'yellow'
    else 'green' end`;
}

/** Per inspection in scope: measures, closed ones, and measures by colour — counted by the database. */
export async function measureCountsByInspection(
  db: Kysely<Database>,
  scope: TUnitScope,
  today: string,
  yellowDays: number,
  /** Only these inspections (one page of a list, at most a page); all in scope when absent. */
  inspectionIds?: readonly number[],
): Promise<
  Map<
    number,
    { measures: number; closed: number; red: number; yellow: number; green: number; unclear: number }
  >
> {
  if (inspectionIds !== undefined && inspectionIds.length === 0) return new Map();
  const colours = db
    .selectFrom('measures')
    .innerJoin('inspections', 'inspections.id', 'measures.inspection_id')
    .select(['measures.inspection_id', 'measures.state'])
    .select(warningColourSql(today, yellowDays).as('colour'))
    .select(sql<number>`case when ${unclearSql()} then 1 else 0 end`.as('is_unclear'))
    .where(inScope('inspections.unit_id', scope))
    .$if(inspectionIds !== undefined, (q) =>
      q.where('measures.inspection_id', 'in', [...(inspectionIds ?? [])]),
    )
    .as('c');
  const count = (condition: RawBuilder<unknown>) =>
    sql<string | number>`sum(case when ${condition} then 1 else 0 end)`;
  const rows = await db
    .selectFrom(colours)
    .select('c.inspection_id')
    .select((eb) => [
      eb.fn.countAll<string | number>().as('measures'),
      count(sql`c.state = 'closed'`).as('closed'),
      count(sql`c.colour = 'red'`).as('red'),
      count(sql`c.colour = 'yellow'`).as('yellow'),
      count(sql`c.colour = 'green'`).as('green'),
      sql<string | number>`sum(c.is_unclear)`.as('unclear'),
    ])
    .groupBy('c.inspection_id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.inspection_id,
      {
        measures: Number(r.measures),
        closed: Number(r.closed),
        red: Number(r.red),
        yellow: Number(r.yellow),
        green: Number(r.green),
        unclear: Number(r.unclear),
      },
    ]),
  );
}
