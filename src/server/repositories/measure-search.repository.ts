/**
 * The cross-unit measure search in SQL: filters, the total and the page are computed by the database, within the
 * actor's unit scope, with subqueries on indexed columns (never a list of ids built from a table). Only the page's
 * rows (at most one page) are read back with their names.
 */
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { addDays } from '@shared/chinese.ts';
import type { TMeasureFilters, TMeasureSort } from '@shared/api.ts';
import { MEASURE_STATES, type TWarningColour } from '@shared/domain.ts';
import type { Database, MeasureRow } from '../db/schema.ts';
import { inScope, pathEnd, type TUnitScope } from './scope.ts';
import { warningColourSql } from './warning.sql.ts';

type Db = Kysely<Database>;
type TCondition = RawBuilder<SqlBool>;

/** What the search filters on, with the actor's scope and the day the colours are computed for. */
export type TSearchFilter = TMeasureFilters & { scope: TUnitScope; today: string; yellowDays: number };

/** `%words%` for LIKE, with the wildcards of the words themselves escaped (`escape '\'`). */
export function likePattern(words: string): string {
  return `%${words.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
const like = (column: RawBuilder<unknown>, words: string): TCondition =>
  sql<SqlBool>`lower(${column}) like ${likePattern(words)} escape '\\'`;
const isId = (text: string) => /^[1-9]\d{0,9}$/.test(text);

/** States whose work runs to a deadline unless it is standing: neither closed nor standing. A constant list. */
const DATED_STATES = MEASURE_STATES.filter((state) => state !== 'closed' && state !== 'standing');
const IN_DATED_STATES = sql<SqlBool>`measures.state in (${sql.join(DATED_STATES.map((state) => sql.lit(state)))})`;
/** Open work with a deadline to keep, or open standing work (flagged standing in a dated state, or standing). */
const DATED = sql<SqlBool>`${IN_DATED_STATES} and measures.is_standing = 0`;
const FLAGGED_STANDING = sql<SqlBool>`${IN_DATED_STATES} and measures.is_standing = 1`;
/**
 * Measures of one colour, as a flat "or" of three branches, each a range of the (state, is_standing, deadline)
 * index (so the planner can serve each from the index): for work with a deadline the colour is a deadline range;
 * standing work goes through the one SQL statement of the rule (`warningColourSql`). The property test holds this filter to `warningColour` on random measures.
 */
export function colourCondition(
  db: Db,
  colour: TWarningColour,
  today: string,
  yellowDays: number,
): TCondition {
  const soon = addDays(today, yellowDays);
  if (colour === 'none')
    return sql<SqlBool>`(measures.state = 'closed' or (${DATED} and measures.deadline is null))`;
  const isColour = sql<SqlBool>`${warningColourSql(db, today, yellowDays)} = ${colour}`;
  const range = {
    red: sql<SqlBool>`measures.deadline < ${today}`,
    yellow: sql<SqlBool>`(measures.deadline >= ${today} and measures.deadline <= ${soon})`,
    green: sql<SqlBool>`measures.deadline > ${soon}`,
  }[colour];
  return sql<SqlBool>`((${DATED} and ${range}) or (${FLAGGED_STANDING} and ${isColour}) or (measures.state = 'standing' and ${isColour}))`;
}

/** Past the deadline and not closed (standing work has no deadline to be past). */
export function overdueCondition(today: string): TCondition {
  return sql<SqlBool>`(${DATED} and measures.deadline < ${today})`;
}

/** The conditions of a filter, joined with "and". A unit filter needs the unit's path, read first. */
async function whereOf(db: Db, f: TSearchFilter): Promise<TCondition> {
  const conditions: TCondition[] = [];
  const onInspections: TCondition[] = [];
  if (f.scope.kind === 'none') return sql<SqlBool>`1 = 0`;
  if (f.scope.kind === 'subtree' && !f.scope.wholeTree)
    onInspections.push(sql<SqlBool>`${inScope('inspections.unit_id', f.scope)}`);
  if (f.unit !== undefined) {
    const unit = await db.selectFrom('units').select('path').where('id', '=', f.unit).executeTakeFirst();
    if (!unit) return sql<SqlBool>`1 = 0`;
    onInspections.push(
      sql<SqlBool>`inspections.unit_id in (select fu.id from units fu where fu.path >= ${unit.path} and fu.path < ${pathEnd(unit.path)})`,
    );
  }
  if (f.round !== undefined) onInspections.push(sql<SqlBool>`inspections.round = ${f.round}`);
  if (f.kind !== undefined) onInspections.push(sql<SqlBool>`inspections.kind = ${f.kind}`);
  if (onInspections.length > 0)
    conditions.push(
      sql<SqlBool>`measures.inspection_id in (select inspections.id from inspections where ${sql.join(onInspections, sql` and `)})`,
    );
  if (f.inspection !== undefined) conditions.push(sql<SqlBool>`measures.inspection_id = ${f.inspection}`);
  if (f.category !== undefined)
    conditions.push(
      isId(f.category)
        ? sql<SqlBool>`measures.problem_id in (select fp.id from problems fp where fp.category_id = ${Number(f.category)})`
        : sql<SqlBool>`measures.problem_id in (select fp.id from problems fp where fp.category_id in (select fc.id from categories fc where ${like(sql.ref('fc.title'), f.category)}))`,
    );
  if (f.state !== undefined) conditions.push(sql<SqlBool>`measures.state = ${f.state}`);
  if (f.colour !== undefined) conditions.push(colourCondition(db, f.colour, f.today, f.yellowDays));
  if (f.overdue === 'true') conditions.push(overdueCondition(f.today));
  if (f.overdue === 'false') conditions.push(sql<SqlBool>`not ${overdueCondition(f.today)}`);
  if (f.department !== undefined)
    conditions.push(
      isId(f.department)
        ? sql<SqlBool>`measures.department_id = ${Number(f.department)}`
        : sql<SqlBool>`measures.department_id in (select fd.id from departments fd where ${like(sql.ref('fd.name'), f.department)})`,
    );
  if (f.person !== undefined) {
    const people = isId(f.person)
      ? sql`(${Number(f.person)})`
      : sql`(select fpp.id from people fpp where ${like(sql.ref('fpp.name'), f.person)})`;
    conditions.push(sql<SqlBool>`(measures.person_id in ${people} or measures.leader_id in ${people})`);
  }
  if (f.deadlineFrom !== undefined) conditions.push(sql<SqlBool>`measures.deadline >= ${f.deadlineFrom}`);
  if (f.deadlineTo !== undefined) conditions.push(sql<SqlBool>`measures.deadline <= ${f.deadlineTo}`);
  if (f.q !== undefined) {
    // The feedback text is confidential to some roles, so it is not searched: a hit would reveal its words.
    conditions.push(
      sql<SqlBool>`(${like(sql.ref('measures.content'), f.q)} or ${like(sql.ref('measures.task'), f.q)} or ${like(sql.ref('measures.progress'), f.q)}
        or measures.problem_id in (select qp.id from problems qp where ${like(sql.ref('qp.title'), f.q)})
        or exists (select 1 from progress_entries qe where qe.measure_id = measures.id and ${like(sql.ref('qe.text'), f.q)}))`,
    );
  }
  return conditions.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
}

/** The order of a sort; the id breaks ties so pages never overlap. Measures without a deadline come last. */
function orderOf(sort: TMeasureSort, today: string): RawBuilder<unknown> {
  switch (sort) {
    case 'deadline':
      return sql`measures.deadline asc nulls last, measures.id`;
    case '-deadline':
      return sql`measures.deadline desc nulls last, measures.id desc`;
    case 'overdue':
      return sql`case when ${overdueCondition(today)} then 0 else 1 end, measures.deadline asc nulls last, measures.id`;
    case 'updated':
      return sql`measures.updated_at desc, measures.id desc`;
  }
}

/** How many measures match, and the ids of one page of them in order. */
export async function searchMeasureIds(
  db: Db,
  filter: TSearchFilter,
  page: { sort: TMeasureSort; limit: number; offset: number; withTotal?: boolean },
): Promise<{ total: number; ids: number[] }> {
  const where = await whereOf(db, filter);
  const [count, rows] = await Promise.all([
    page.withTotal === false
      ? Promise.resolve(null)
      : db
          .selectFrom('measures')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .where(where)
          .executeTakeFirstOrThrow(),
    db
      .selectFrom('measures')
      .select('measures.id')
      .where(where)
      .orderBy(orderOf(page.sort, filter.today))
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
  return { total: count === null ? -1 : Number(count.n), ids: rows.map((r) => r.id) };
}

/** A measure of the search with the names of where it belongs and who owns it. */
export type TSearchRow = MeasureRow & {
  unit_id: number;
  unit_name: string;
  inspection_title: string;
  inspection_kind: string;
  inspection_round: string | null;
  plan_approved_at: string | null;
  category_title: string;
  problem_number: string;
  problem_title: string;
  department_name: string | null;
  leader_name: string | null;
  person_name: string | null;
};

/** The rows of one page of ids (at most a page), in the order of the ids. */
export async function loadSearchRows(db: Db, ids: readonly number[]): Promise<TSearchRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('measures')
    .innerJoin('inspections', 'inspections.id', 'measures.inspection_id')
    .innerJoin('units', 'units.id', 'inspections.unit_id')
    .innerJoin('problems', 'problems.id', 'measures.problem_id')
    .innerJoin('categories', 'categories.id', 'problems.category_id')
    .leftJoin('departments', 'departments.id', 'measures.department_id')
    .leftJoin('people as leader', 'leader.id', 'measures.leader_id')
    .leftJoin('people as person', 'person.id', 'measures.person_id')
    .selectAll('measures')
    .select([
      'inspections.unit_id',
      'units.name as unit_name',
      'inspections.title as inspection_title',
      'inspections.kind as inspection_kind',
      'inspections.round as inspection_round',
      'inspections.plan_approved_at',
      'categories.title as category_title',
      'problems.number as problem_number',
      'problems.title as problem_title',
      'departments.name as department_name',
      'leader.name as leader_name',
      'person.name as person_name',
    ])
    .where('measures.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
