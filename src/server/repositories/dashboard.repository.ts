/**
 * The dashboard's figures, counted by the database over the measures a filter selects (the search's conditions):
 * one grouped pass by unit and category, one for the distinct problems and inspections. Nothing is loaded to be
 * classified in JavaScript; the colour is `warningColourSql`, overdue and six-clarity gaps are SQL conditions.
 */
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { overdueCondition } from './measure-search.repository.ts';
import { unclearSql } from './six-clarities.sql.ts';
import { warningColourSql } from './warning.sql.ts';

type Db = Kysely<Database>;
type TNum = string | number;

/** One group's counts as the database returns them. */
export type TFigureRow = {
  measures: TNum;
  closed: TNum;
  red: TNum;
  yellow: TNum;
  green: TNum;
  overdue: TNum;
  relapsed: TNum;
  unclear: TNum;
};

/** The counts of `TFigureRow` over a group of `measures` rows, as select columns. */
export function figureColumns(db: Db, today: string, yellowDays: number): RawBuilder<unknown> {
  const count = (condition: RawBuilder<unknown>) => sql`sum(case when ${condition} then 1 else 0 end)`;
  const colour = warningColourSql(today, yellowDays);
  return sql`count(*) as measures,
    ${count(sql`measures.state = 'closed'`)} as closed,
    ${count(sql`${colour} = 'red'`)} as red,
    ${count(sql`${colour} = 'yellow'`)} as yellow,
    ${count(sql`${colour} = 'green'`)} as green,
    ${count(overdueCondition(today))} as overdue,
    ${count(sql`measures.state = 'relapsed'`)} as relapsed,
    ${count(unclearSql(db))} as unclear`;
}

/** Counts per unit and category title over the measures meeting `where`. */
export async function figuresByUnitAndCategory(
  db: Db,
  where: RawBuilder<SqlBool>,
  today: string,
  yellowDays: number,
): Promise<Array<TFigureRow & { unit_id: number; unit_name: string; category_title: string }>> {
  // Grouped where the rows are read (no per-row derived table), names joined to the few groups afterwards.
  const result = await sql<TFigureRow & { unit_id: number; unit_name: string; category_title: string }>`
    select g.*, units.name as unit_name, categories.title as category_title
    from (
      select inspections.unit_id, problems.category_id, ${figureColumns(db, today, yellowDays)}
      from measures
      join inspections on inspections.id = measures.inspection_id
      join problems on problems.id = measures.problem_id
      where ${where}
      group by inspections.unit_id, problems.category_id
    ) g
    join units on units.id = g.unit_id
    join categories on categories.id = g.category_id`.execute(db);
  return result.rows;
}

/** Counts per responsible department over the measures meeting `where`: the `limit` with most red, then overdue. */
export async function figuresByDepartment(
  db: Db,
  where: RawBuilder<SqlBool>,
  today: string,
  yellowDays: number,
  limit: number,
): Promise<Array<TFigureRow & { department_id: number; department_name: string; unit_name: string }>> {
  const result = await sql<
    TFigureRow & { department_id: number; department_name: string; unit_name: string }
  >`
    select g.*, departments.name as department_name, units.name as unit_name
    from (
      select measures.department_id, ${figureColumns(db, today, yellowDays)}
      from measures
      where measures.department_id is not null and ${where}
      group by measures.department_id
      order by red desc, overdue desc, measures desc, measures.department_id
      limit ${limit}
    ) g
    join departments on departments.id = g.department_id
    join units on units.id = departments.unit_id
    order by g.red desc, g.overdue desc, g.measures desc, g.department_id`.execute(db);
  return result.rows;
}

/** Distinct inspections and problems among the measures meeting `where`, and the problems whose measures are all closed. */
export async function problemFigures(
  db: Db,
  where: RawBuilder<SqlBool>,
): Promise<{ inspections: number; problems: number; problemsClosed: number }> {
  const result = await sql<{ inspections: TNum; problems: TNum; open_problems: TNum }>`
    select count(distinct measures.inspection_id) as inspections, count(distinct measures.problem_id) as problems,
      count(distinct case when measures.state <> 'closed' then measures.problem_id end) as open_problems
    from measures where ${where}`.execute(db);
  const row = result.rows[0];
  const problems = Number(row?.problems ?? 0);
  return {
    inspections: Number(row?.inspections ?? 0),
    problems,
    problemsClosed: problems - Number(row?.open_problems ?? 0),
  };
}
