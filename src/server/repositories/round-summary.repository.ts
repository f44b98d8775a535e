/**
 * The figures of one round (轮次) across the inspections in scope: problems by how far their measures have gone,
 * per unit, in one grouped pass; outcomes (rules, money by kind, accountability by kind) summed by the database.
 */
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { TCondition } from './measure-search.repository.ts';

type Db = Kysely<Database>;
type TNum = string | number;

const on = (conditions: TCondition[]) =>
  conditions.length === 0 ? sql`1 = 1` : sql.join(conditions, sql` and `);

/** The conditions narrowed to one inspection, when one is given. */
export function withInspection(conditions: TCondition[], inspectionId: number | undefined): TCondition[] {
  return inspectionId === undefined
    ? conditions
    : [...conditions, sql<SqlBool>`inspections.id = ${inspectionId}`];
}

/** Per unit: problems, fully closed, closed-or-standing, measures and closed measures. */
export async function roundUnitFigures(db: Db, onInspections: TCondition[]) {
  const result = await sql<{
    unit_id: number;
    unit_name: string;
    problems: TNum;
    completed: TNum;
    continuing: TNum;
    measures: TNum;
    closed: TNum;
  }>`
    select g.unit_id, units.name as unit_name, count(*) as problems,
      sum(case when g.open = 0 then 1 else 0 end) as completed,
      sum(case when g.open > 0 and g.open_fixed = 0 then 1 else 0 end) as continuing,
      sum(g.measures) as measures, sum(g.measures - g.open) as closed
    from (
      select inspections.unit_id, measures.problem_id, count(*) as measures,
        sum(case when measures.state <> 'closed' then 1 else 0 end) as open,
        sum(case when measures.state <> 'closed' and measures.is_standing = 0 then 1 else 0 end) as open_fixed
      from measures
      join inspections on inspections.id = measures.inspection_id
      where ${on(onInspections)}
      group by inspections.unit_id, measures.problem_id
    ) g
    join units on units.id = g.unit_id
    group by g.unit_id, units.name
    order by units.name`.execute(db);
  return result.rows;
}

/** Rules made, money by kind and people held accountable by kind, over the inspections meeting the conditions. */
export async function outcomeTotals(db: Db, onInspections: TCondition[]) {
  const inspections = sql`(select inspections.id from inspections where ${on(onInspections)})`;
  const [rules, money, accountability] = await Promise.all([
    sql<{ n: TNum }>`select count(*) as n from outcome_rules where inspection_id in ${inspections}`.execute(
      db,
    ),
    sql<{ kind: string; fen: TNum }>`
      select kind, sum(amount_fen) as fen from outcome_money where inspection_id in ${inspections}
      group by kind order by kind`.execute(db),
    sql<{ kind: string; people: TNum }>`
      select kind, sum(people) as people from outcome_accountability where inspection_id in ${inspections}
      group by kind order by kind`.execute(db),
  ]);
  return {
    rules: Number(rules.rows[0]?.n ?? 0),
    money: money.rows.map((m) => ({ kind: m.kind, fen: Number(m.fen) })),
    accountability: accountability.rows.map((a) => ({ kind: a.kind, people: Number(a.people) })),
  };
}

/** Whether any inspection in scope belongs to the round. */
export async function roundExists(db: Db, onInspections: TCondition[]): Promise<boolean> {
  const r = await sql<{
    id: number;
  }>`select inspections.id from inspections where ${on(onInspections)} limit 1`.execute(db);
  return r.rows.length > 0;
}

/** Look-back items over the inspections meeting the conditions: checked and holding, relapsed, still to check. */
export async function lookbackTotals(db: Db, onInspections: TCondition[]) {
  const r = await sql<{ holds: TNum | null; relapsed: TNum | null; pending: TNum | null }>`
    select sum(case when li.result = 'holds' then 1 else 0 end) as holds,
      sum(case when li.result = 'relapsed' then 1 else 0 end) as relapsed,
      sum(case when li.result is null then 1 else 0 end) as pending
    from lookback_items li
    join lookbacks on lookbacks.id = li.lookback_id
    where lookbacks.inspection_id in (select inspections.id from inspections where ${on(onInspections)})`.execute(
    db,
  );
  const row = r.rows[0];
  return {
    holds: Number(row?.holds ?? 0),
    relapsed: Number(row?.relapsed ?? 0),
    pending: Number(row?.pending ?? 0),
  };
}
