/**
 * The cross-unit measure search in SQL: filters, the total and the page are computed by the database, within the
 * actor's unit scope, with subqueries on indexed columns (never a list of ids built from a table). Only the page's
 * rows (at most one page) are read back with their names.
 */
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { addDays } from '@shared/chinese.ts';
import type { TMeasureFilters, TMeasureSort } from '@shared/api.ts';
import { isIdText } from '@shared/api/fields.ts';
import { MEASURE_STATES, type TMeasureState, type TWarningColour } from '@shared/domain.ts';
import type { Database } from '../db/schema.ts';
import { measuresWithPlace } from './measure.repository.ts';
import { inScope, pathEnd, type TUnitScope } from './scope.ts';

type Db = Kysely<Database>;
export type TCondition = RawBuilder<SqlBool>;

/** What the search filters on, with the actor's scope and the day the colours are computed for. */
export type TSearchFilter = TMeasureFilters & { scope: TUnitScope; today: string; yellowDays: number };

/** `%words%` for LIKE, with the wildcards of the words themselves escaped (`escape '\'`). */
export function likePattern(words: string): string {
  return `%${words.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
/** `column` contains `words` (case-insensitive, wildcards escaped). */
export const like = (column: RawBuilder<unknown>, words: string): TCondition =>
  sql<SqlBool>`lower(${column}) like ${likePattern(words)} escape '\\'`;

/** States whose work runs to a deadline unless it is standing: neither closed nor standing. */
const DATED_STATES = MEASURE_STATES.filter((state) => state !== 'closed' && state !== 'standing');

/**
 * One alternative of a filter: measures of one state (and, for dated states, standing or not) meeting `rest`.
 * Each branch is a range of the (state, is_standing, deadline) index, so counts and ordered pages are read from the
 * index branch by branch; a filter's branches never overlap, so their counts add up.
 */
export type TBranch = {
  state: TMeasureState;
  isStanding: 0 | 1 | null;
  rest: TCondition | null;
  /** Whether every measure of the branch is overdue (true) or none is (false); absent when it varies. */
  overdue?: boolean;
};

/** The branch as a SQL condition. */
function branchSql(b: TBranch): TCondition {
  const parts = [sql<SqlBool>`measures.state = ${sql.lit(b.state)}`];
  if (b.isStanding !== null) parts.push(sql<SqlBool>`measures.is_standing = ${sql.lit(b.isStanding)}`);
  if (b.rest !== null) parts.push(b.rest);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/**
 * The branches of one colour: for work with a deadline the colour is a deadline range, for standing work (flagged
 * standing in a dated state, or in the standing state) a range of its next check date (`check_due`, kept by the
 * database) — each an index range. The property test holds them to `warningColour` on random measures.
 */
export function colourBranches(colour: TWarningColour, today: string, yellowDays: number): TBranch[] {
  const soon = addDays(today, yellowDays);
  if (colour === 'none')
    return [
      { state: 'closed', isStanding: null, rest: null, overdue: false },
      ...DATED_STATES.map((state) => ({
        state,
        isStanding: 0 as const,
        rest: sql<SqlBool>`measures.deadline is null`,
        overdue: false,
      })),
    ];
  const range = (column: 'deadline' | 'check_due') => {
    const c = sql.ref(`measures.${column}`);
    return {
      red: sql<SqlBool>`${c} < ${today}`,
      yellow: sql<SqlBool>`${c} >= ${today} and ${c} <= ${soon}`,
      green: sql<SqlBool>`${c} > ${soon}`,
    }[colour];
  };
  // Red dated work is overdue, other dated work is not; standing work never is.
  const overdue = colour === 'red';
  return [
    ...DATED_STATES.map((state) => ({ state, isStanding: 0 as const, rest: range('deadline'), overdue })),
    ...DATED_STATES.map((state) => ({
      state,
      isStanding: 1 as const,
      rest: range('check_due'),
      overdue: false,
    })),
    // The standing state is standing work whatever its flag says: both flags, each an index range.
    { state: 'standing', isStanding: 0, rest: range('check_due'), overdue: false },
    { state: 'standing', isStanding: 1, rest: range('check_due'), overdue: false },
  ];
}

/** The branches of overdue work: past the deadline, open, not standing. */
export function overdueBranches(today: string): TBranch[] {
  return DATED_STATES.map((state) => ({
    state,
    isStanding: 0 as const,
    rest: sql<SqlBool>`measures.deadline < ${today}`,
    overdue: true,
  }));
}

/** Branches as one condition ("or" of them). */
export function anyBranch(branches: readonly TBranch[]): TCondition {
  return branches.length === 0
    ? sql<SqlBool>`1 = 0`
    : sql<SqlBool>`(${sql.join(branches.map(branchSql), sql` or `)})`;
}

/** Measures of one colour, as a condition. */
export function colourCondition(colour: TWarningColour, today: string, yellowDays: number): TCondition {
  return anyBranch(colourBranches(colour, today, yellowDays));
}

/** Past the deadline and not closed (standing work has no deadline to be past), as a condition. */
export function overdueCondition(today: string): TCondition {
  return anyBranch(overdueBranches(today));
}

/** Whether any ledger is archived (one probe of the `inspections_archived_at` index). */
export async function anyArchivedLedger(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('inspections')
    .select('id')
    .where('archived_at', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A ledger in work: not archived (archived ledgers leave every list, figure and reminder). */
export const LIVE_LEDGER = sql<SqlBool>`inspections.archived_at is null`;

/** Measures of archived ledgers left out: a probe into the (usually empty) set of archived inspections. */
export const NOT_IN_ARCHIVED_LEDGER = sql<SqlBool>`measures.inspection_id not in (select ai.id from inspections ai where ai.archived_at is not null)`;

/**
 * The scope, unit (and below), round and kind filters as conditions on `inspections` — always `LIVE_LEDGER` first —
 * or null when nothing can match (no scope, an unknown unit). A unit filter needs the unit's path, read first.
 */
export async function inspectionConditions(
  db: Db,
  f: Pick<TSearchFilter, 'scope' | 'unit' | 'round' | 'kind'>,
): Promise<TCondition[] | null> {
  const onInspections: TCondition[] = [LIVE_LEDGER];
  if (f.scope.kind === 'none') return null;
  if (f.scope.kind === 'subtree' && !f.scope.wholeTree)
    onInspections.push(sql<SqlBool>`${inScope('inspections.unit_id', f.scope)}`);
  if (f.unit !== undefined) {
    const unit = await db.selectFrom('units').select('path').where('id', '=', f.unit).executeTakeFirst();
    if (!unit) return null;
    onInspections.push(
      sql<SqlBool>`inspections.unit_id in (select fu.id from units fu where fu.path >= ${unit.path} and fu.path < ${pathEnd(unit.path)})`,
    );
  }
  if (f.round !== undefined) onInspections.push(sql<SqlBool>`inspections.round = ${f.round}`);
  if (f.kind !== undefined) onInspections.push(sql<SqlBool>`inspections.kind = ${f.kind}`);
  return onInspections;
}

/**
 * A filter as conditions every match meets (`common`) and, when the filter is on state, colour or overdue work,
 * the branches one of which it meets (null: no branching). A unit filter needs the unit's path, read first.
 */
export async function whereOf(
  db: Db,
  f: TSearchFilter,
): Promise<{ common: TCondition; branches: TBranch[] | null }> {
  const never = { common: sql<SqlBool>`1 = 0`, branches: null };
  const conditions: TCondition[] = [];
  const onInspections = await inspectionConditions(db, f);
  if (onInspections === null) return never;
  // Archived ledgers as a probe into their few ids (within the search's indexes, which carry the inspection), and
  // only when there are any: most databases have none, and then the search is exactly what it was.
  if (await anyArchivedLedger(db)) conditions.push(NOT_IN_ARCHIVED_LEDGER);
  const filters = onInspections.filter((c) => c !== LIVE_LEDGER);
  if (filters.length > 0)
    conditions.push(
      sql<SqlBool>`measures.inspection_id in (select inspections.id from inspections where ${sql.join(filters, sql` and `)})`,
    );
  if (f.inspection !== undefined) conditions.push(sql<SqlBool>`measures.inspection_id = ${f.inspection}`);
  if (f.category !== undefined)
    conditions.push(
      isIdText(f.category)
        ? sql<SqlBool>`measures.problem_id in (select fp.id from problems fp where fp.category_id = ${Number(f.category)})`
        : sql<SqlBool>`measures.problem_id in (select fp.id from problems fp where fp.category_id in (select fc.id from categories fc where ${like(sql.ref('fc.title'), f.category)}))`,
    );
  // State, colour and overdue become branches of one state each; a state filter keeps that state's branches.
  let branches: TBranch[] | null =
    f.colour !== undefined
      ? colourBranches(f.colour, f.today, f.yellowDays)
      : f.overdue === 'true'
        ? overdueBranches(f.today)
        : null;
  if (f.colour !== undefined && f.overdue === 'true') conditions.push(overdueCondition(f.today));
  if (f.overdue === 'false') conditions.push(sql<SqlBool>`not ${overdueCondition(f.today)}`);
  if (f.state !== undefined)
    branches = (branches ?? [{ state: f.state, isStanding: null, rest: null }]).filter(
      (b) => b.state === f.state,
    );
  if (f.department !== undefined)
    conditions.push(
      isIdText(f.department)
        ? sql<SqlBool>`measures.department_id = ${Number(f.department)}`
        : sql<SqlBool>`measures.department_id in (select fd.id from departments fd where ${like(sql.ref('fd.name'), f.department)})`,
    );
  if (f.person !== undefined) {
    const people = isIdText(f.person)
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
  return {
    common: conditions.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.join(conditions, sql` and `)}`,
    branches,
  };
}

/** The columns a page is ordered by, selected in each branch so the branches can be merged. */
function sortColumns(b: TBranch, today: string): RawBuilder<unknown> {
  const rank =
    b.overdue === undefined
      ? sql`case when ${overdueCondition(today)} then 0 else 1 end`
      : sql.lit(b.overdue ? 0 : 1);
  return sql`measures.id, measures.deadline, measures.updated_at, ${rank} as overdue_rank`;
}

/**
 * The order within a branch: the sort's own, except that "most overdue first" is plain deadline order in a branch
 * whose measures are all overdue or none is (an index order, instead of sorting every match).
 */
function branchOrder(sort: TMeasureSort, b: TBranch, today: string): RawBuilder<unknown> {
  return sort === 'overdue' && b.overdue !== undefined
    ? orderOf('deadline', 'measures', today)
    : orderOf(sort, 'measures', today);
}

/** The order of a sort on a table's columns (`measures`, or the merged branches `u`); the id breaks ties. */
function orderOf(sort: TMeasureSort, t: 'measures' | 'u', today: string): RawBuilder<unknown> {
  const c = (column: string) => sql.ref(`${t}.${column}`);
  switch (sort) {
    case 'deadline':
      return sql`${c('deadline')} asc nulls last, ${c('id')}`;
    case '-deadline':
      return sql`${c('deadline')} desc nulls last, ${c('id')} desc`;
    case 'overdue':
      return t === 'u'
        ? sql`u.overdue_rank, u.deadline asc nulls last, u.id`
        : sql`case when ${overdueCondition(today)} then 0 else 1 end, measures.deadline asc nulls last, measures.id`;
    case 'updated':
      return sql`${c('updated_at')} desc, ${c('id')} desc`;
  }
}

/**
 * The ids of one page of the matching measures, in order (their total: `countSearchMeasures`). With branches, the
 * page is merged from each branch's own first `offset + limit` rows in order and the total is the sum of the
 * branches' counts: every part is an index range, so neither grows with the measures that do not match.
 */
export async function searchMeasureIds(
  db: Db,
  filter: TSearchFilter,
  page: { sort: TMeasureSort; limit: number; offset: number },
): Promise<number[]> {
  return idsWhere(db, await whereOf(db, filter), filter.today, page);
}

/** How many measures match the filter (the search's total). */
export async function countSearchMeasures(db: Db, filter: TSearchFilter): Promise<number> {
  return countWhere(db, await whereOf(db, filter));
}

type TWhere = Awaited<ReturnType<typeof whereOf>>;

async function countWhere(db: Db, { common, branches }: TWhere): Promise<number> {
  if (branches === null) {
    const count = await db
      .selectFrom('measures')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where(common)
      .executeTakeFirstOrThrow();
    return Number(count.n);
  }
  if (branches.length === 0) return 0;
  // A filter's branches never overlap: their counts add up.
  const counts = branches.map(
    (b) => sql`(select count(*) from measures where ${common} and ${branchSql(b)})`,
  );
  const count = await sql<{ n: string | number }>`select ${sql.join(counts, sql` + `)} as n`.execute(db);
  return Number(count.rows[0]?.n ?? 0);
}

async function idsWhere(
  db: Db,
  { common, branches }: TWhere,
  today: string,
  page: { sort: TMeasureSort; limit: number; offset: number },
): Promise<number[]> {
  if (branches === null) {
    const rows = await db
      .selectFrom('measures')
      .select('measures.id')
      .where(common)
      .orderBy(orderOf(page.sort, 'measures', today))
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map((r) => r.id);
  }
  if (branches.length === 0) return [];
  const arms = branches.map(
    (b, k) =>
      sql`select * from (select ${sortColumns(b, today)} from measures where ${common} and ${branchSql(b)} order by ${branchOrder(page.sort, b, today)} limit ${page.offset + page.limit}) as ${sql.ref(`b${k}`)}`,
  );
  const rows = await sql<{
    id: number;
  }>`select u.id from (${sql.join(arms, sql` union all `)}) as u order by ${orderOf(page.sort, 'u', today)} limit ${page.limit} offset ${page.offset}`.execute(
    db,
  );
  return rows.rows.map((r) => Number(r.id));
}

/** A measure of the search with the names of where it belongs and who owns it. */
export type TSearchRow = Awaited<ReturnType<typeof loadSearchRows>>[number];

/** The rows of one page of ids (at most a page), in the order of the ids. */
export async function loadSearchRows(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await measuresWithPlace(db).where('measures.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
