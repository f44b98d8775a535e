/**
 * Choices for the filters of the search and the dashboard, found by words in SQL and limited there: units in the
 * reader's scope (tree order), inspections of live ledgers (newest first), rounds (most recent first). The choice
 * already made is always returned first with its label, whatever the words, so a link that carries it reads right.
 */
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { TChoice, TChoices, TChoicesQuery } from '@shared/api.ts';
import { isIdText } from '@shared/api/fields.ts';
import type { Database } from '../db/schema.ts';
import { inspectionConditions, like, type TCondition } from './measure-search.repository.ts';
import { inScope, type TUnitScope } from './scope.ts';

type Db = Kysely<Database>;
type TNum = number | string;

const all = (conditions: TCondition[]) =>
  conditions.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
const asId = (text: string | undefined) => (text !== undefined && isIdText(text) ? Number(text) : undefined);

/** The chosen value first (when it exists in scope), then the other matches. */
function withSelected(matches: TChoice[], selected: TChoice | undefined): TChoice[] {
  if (selected === undefined) return matches;
  return [selected, ...matches.filter((c) => c.value !== selected.value)];
}

/** Units in the scope whose name holds the words, in tree order. */
export async function unitChoices(db: Db, scope: TUnitScope, query: TChoicesQuery): Promise<TChoices> {
  const conditions: TCondition[] = [sql<SqlBool>`${inScope('units.id', scope)}`];
  if (query.q !== undefined) conditions.push(like(sql.ref('units.name'), query.q));
  const where = all(conditions);
  const selectedId = asId(query.selected);
  const [count, rows, chosen] = await Promise.all([
    sql<{ n: TNum }>`select count(*) as n from units where ${where}`.execute(db),
    sql<{ id: number; name: string }>`
      select units.id, units.name from units where ${where} order by units.path limit ${query.limit}`.execute(
      db,
    ),
    selectedId === undefined
      ? null
      : sql<{ id: number; name: string }>`
          select units.id, units.name from units where units.id = ${selectedId} and ${inScope('units.id', scope)}`.execute(
          db,
        ),
  ]);
  const choice = (r: { id: number; name: string }): TChoice => ({ value: String(r.id), label: r.name });
  const selected = chosen?.rows[0];
  return {
    total: Number(count.rows[0]?.n ?? 0),
    items: withSelected(rows.rows.map(choice), selected === undefined ? undefined : choice(selected)),
  };
}

type TInspectionRow = { id: number; unit_name: string; round: string | null; title: string };
const inspectionChoice = (r: TInspectionRow): TChoice => ({
  value: String(r.id),
  label: `${r.unit_name} · ${r.round ?? r.title}`,
});

/** Live ledgers in the scope (of a unit and below, when given) whose unit, title or round holds the words, newest first. */
export async function inspectionChoices(db: Db, scope: TUnitScope, query: TChoicesQuery): Promise<TChoices> {
  const onInspections = await inspectionConditions(db, { scope, unit: query.unit });
  if (onInspections === null) return { total: 0, items: [] };
  const conditions = [...onInspections];
  if (query.q !== undefined)
    conditions.push(
      sql<SqlBool>`(${like(sql.ref('units.name'), query.q)} or ${like(sql.ref('inspections.title'), query.q)} or ${like(sql.ref('inspections.round'), query.q)})`,
    );
  const where = all(conditions);
  const from = sql`from inspections join units on units.id = inspections.unit_id`;
  const selectedId = asId(query.selected);
  const [count, rows, chosen] = await Promise.all([
    sql<{ n: TNum }>`select count(*) as n ${from} where ${where}`.execute(db),
    sql<TInspectionRow>`
      select inspections.id, units.name as unit_name, inspections.round, inspections.title ${from}
      where ${where} order by inspections.id desc limit ${query.limit}`.execute(db),
    selectedId === undefined
      ? null
      : sql<TInspectionRow>`
          select inspections.id, units.name as unit_name, inspections.round, inspections.title ${from}
          where inspections.id = ${selectedId} and ${all(onInspections)}`.execute(db),
  ]);
  const selected = chosen?.rows[0];
  return {
    total: Number(count.rows[0]?.n ?? 0),
    items: withSelected(
      rows.rows.map(inspectionChoice),
      selected === undefined ? undefined : inspectionChoice(selected),
    ),
  };
}

/** Rounds named by live ledgers in the scope, holding the words, the most recently imported first. */
export async function roundChoices(db: Db, scope: TUnitScope, query: TChoicesQuery): Promise<TChoices> {
  const onInspections = await inspectionConditions(db, { scope });
  if (onInspections === null) return { total: 0, items: [] };
  const conditions = [...onInspections, sql<SqlBool>`inspections.round is not null`];
  if (query.q !== undefined) conditions.push(like(sql.ref('inspections.round'), query.q));
  const where = all(conditions);
  const [count, rows, chosen] = await Promise.all([
    sql<{ n: TNum }>`select count(distinct inspections.round) as n from inspections where ${where}`.execute(
      db,
    ),
    sql<{ round: string }>`
      select inspections.round from inspections where ${where}
      group by inspections.round order by max(inspections.id) desc limit ${query.limit}`.execute(db),
    query.selected === undefined
      ? null
      : sql<{ round: string }>`
          select inspections.round from inspections where ${where} and inspections.round = ${query.selected}
          limit 1`.execute(db),
  ]);
  const choice = (r: { round: string }): TChoice => ({ value: r.round, label: r.round });
  const selected = chosen?.rows[0];
  return {
    total: Number(count.rows[0]?.n ?? 0),
    items: withSelected(rows.rows.map(choice), selected === undefined ? undefined : choice(selected)),
  };
}
