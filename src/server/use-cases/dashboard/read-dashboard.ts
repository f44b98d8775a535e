/**
 * The dashboard (整改总览) of the measures in the actor's scope, optionally narrowed to a unit (and below), an
 * inspection, a round or a kind: completion, 红黄绿, overdue, relapses and six-clarity gaps, by unit (ranked, banded
 * by completion rate, with the supervision orders still open) and by category. Counted by the database; every figure links to the search with its filters.
 */
import {
  DASHBOARD_UNITS_SHOWN,
  type TDashboard,
  type TDashboardQuery,
  type TDashboardUnit,
  type TDashboardUnitPage,
  type TDashboardUnitsQuery,
  type TMeasureFigures,
  type TTrendPoint,
} from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { ruleOf } from '../../policies/policy.ts';
import { opinionFigures } from '../../repositories/opinion-inbox.repository.ts';
import { unitPathOf } from '../../repositories/unit.repository.ts';
import {
  figuresByCategory,
  figuresByDepartment,
  problemFigures,
  type TFigureRow,
  type TUnitRankingRow,
  unitRanking,
} from '../../repositories/dashboard.repository.ts';
import {
  inspectionConditions,
  type TCondition,
  whereOf,
} from '../../repositories/measure-search.repository.ts';
import { figuresOnDays, monthEndDays } from '../../repositories/snapshot.repository.ts';
import {
  lookbackTotals,
  outcomeTotals,
  withInspection,
} from '../../repositories/round-summary.repository.ts';
import type { TReadOptions } from '../inspections/read-ledger.ts';
import { cachedFigures, scopeKey } from '../figures-cache.ts';

const empty = (): TMeasureFigures => ({
  measures: 0,
  closed: 0,
  red: 0,
  yellow: 0,
  green: 0,
  overdue: 0,
  relapsed: 0,
  unclear: 0,
});

function add(into: TMeasureFigures, row: TFigureRow): void {
  into.measures += Number(row.measures);
  into.closed += Number(row.closed);
  into.red += Number(row.red);
  into.yellow += Number(row.yellow);
  into.green += Number(row.green);
  into.overdue += Number(row.overdue);
  into.relapsed += Number(row.relapsed);
  into.unclear += Number(row.unclear);
}

/** A category's title without its numbering (（一）, (二), 一、), so the same category of several inspections adds up. */
export function categoryKey(title: string): string {
  return title.replace(/^\s*[（(]?[一二三四五六七八九十]+[)）、．.]\s*/, '').trim() || title;
}

/** The dashboard for the actor. */
export async function readDashboard(
  { db, actor, yellowDays, today = todayInChina() }: TReadOptions,
  query: TDashboardQuery,
): Promise<TDashboard> {
  // The figures depend on the scope, the query and the day alone: kept until the next write (figures-cache.ts).
  // Whether opinions are shown depends on the role as well: part of the key.
  const opinions = ruleOf(actor.role, 'opinion.read');
  const key = `dashboard|${scopeKey(actor.scope)}|${opinions}|${today}|${yellowDays}|${JSON.stringify(query)}`;
  return cachedFigures(db, key, () => computeDashboard({ db, actor, yellowDays, today }, query));
}

/**
 * One page of the dashboard's unit ranking for the actor, in the order chosen, of one completion band or all:
 * sorted, counted and paged by the database, kept like the dashboard's figures.
 */
export async function readUnitRanking(
  { db, actor, yellowDays, today = todayInChina() }: TReadOptions,
  query: TDashboardUnitsQuery,
): Promise<TDashboardUnitPage> {
  const key = `ranking|${scopeKey(actor.scope)}|${today}|${yellowDays}|${JSON.stringify(query)}`;
  return cachedFigures(db, key, async () => {
    const { band, sort, page, pageSize, ...filters } = query;
    const where = await dashboardWhere({ db, actor, yellowDays, today }, filters);
    const ranking = await unitRanking(db, where, today, yellowDays, {
      sort,
      band,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { total: ranking.total, page, pageSize, items: ranking.rows.map(unitOfRow) };
  });
}

/** A ranking row as the API presents it. */
function unitOfRow(row: TUnitRankingRow): TDashboardUnit {
  const figures = empty();
  add(figures, row);
  return {
    ...figures,
    unitId: row.unit_id,
    unitName: row.unit_name,
    completionRate: figures.measures === 0 ? 0 : figures.closed / figures.measures,
    band: figures.measures === 0 ? null : row.band,
    openOrders: Number(row.open_orders),
  };
}

/** The measures the dashboard's filters select in the actor's scope, as one SQL condition. */
async function dashboardWhere(
  { db, actor, yellowDays, today = todayInChina() }: TReadOptions,
  query: TDashboardQuery,
) {
  const { common, branches } = await whereOf(db, { ...query, scope: actor.scope, today, yellowDays });
  // The dashboard's filters never branch (no state, colour or overdue); `common` is the whole condition.
  if (branches !== null) throw new Error('dashboard filters do not branch');
  return common;
}

/** The dashboard computed from the ledgers. */
async function computeDashboard(
  { db, actor, yellowDays, today = todayInChina() }: TReadOptions,
  query: TDashboardQuery,
): Promise<TDashboard> {
  const common = await dashboardWhere({ db, actor, yellowDays, today }, query);
  // The same filters as conditions on the inspections, for the figures kept per inspection (null: nothing matches).
  const onInspections = await inspectionConditions(db, { ...query, scope: actor.scope });
  const ofInspections = onInspections === null ? null : withInspection(onInspections, query.inspection);
  const [rows, problems, ranking, past, departments, ledgers, opinions] = await Promise.all([
    figuresByCategory(db, common, today, yellowDays),
    problemFigures(db, common),
    unitRanking(db, common, today, yellowDays, { sort: 'rank', limit: DASHBOARD_UNITS_SHOWN, offset: 0 }),
    pastMonths(db, today, ofInspections),
    figuresByDepartment(db, common, today, yellowDays, 30),
    ledgerTotals(db, ofInspections),
    ruleOf(actor.role, 'opinion.read') === 'all' ? dashboardOpinions(db, actor, query, today) : null,
  ]);
  const categories = new Map<string, TMeasureFigures>();
  const totals = empty();
  for (const row of rows) {
    const key = categoryKey(row.category_title);
    const category = categories.get(key) ?? empty();
    add(category, row);
    categories.set(key, category);
    add(totals, row);
  }
  return {
    today,
    totals: {
      ...totals,
      units: ranking.total,
      ...problems,
      openOrders: ranking.openOrders,
    },
    byUnit: ranking.rows.map(unitOfRow),
    bands: ranking.bands,
    opinions,
    byCategory: [...categories]
      .map(([title, c]) => ({ ...c, title }))
      .sort((a, b) => b.measures - a.measures)
      .slice(0, 30),
    ...ledgers,
    byDepartment: departments.map((d) => {
      const figures = empty();
      add(figures, d);
      return {
        ...figures,
        departmentId: d.department_id,
        departmentName: d.department_name,
        unitName: d.unit_name,
      };
    }),
    trend: [
      ...past,
      {
        month: today.slice(0, 7),
        day: null,
        measures: totals.measures,
        closed: totals.closed,
        red: totals.red,
        yellow: totals.yellow,
        overdue: totals.overdue,
        relapsed: totals.relapsed,
        problems: problems.problems,
        problemsClosed: problems.problemsClosed,
      },
    ],
  };
}

/** Opinions from the public to the units the dashboard shows (the chosen inspection's unit, when one is chosen). */
async function dashboardOpinions(
  db: TReadOptions['db'],
  actor: TReadOptions['actor'],
  query: TDashboardQuery,
  today: string,
) {
  const unitPath = query.unit === undefined ? undefined : await unitPathOf(db, query.unit);
  if (query.unit !== undefined && unitPath === undefined) return null;
  return opinionFigures(
    db,
    {
      scope: actor.scope,
      ...(unitPath === undefined ? {} : { unitPath }),
      ...(query.inspection === undefined ? {} : { inspectionId: query.inspection }),
    },
    today,
  );
}

/** Outcomes and look-back results of the inspections the filters select (none when nothing can match). */
async function ledgerTotals(db: TReadOptions['db'], conditions: TCondition[] | null) {
  if (conditions === null)
    return {
      outcomes: { rules: 0, money: [], accountability: [] },
      lookbacks: { holds: 0, relapsed: 0, pending: 0 },
    };
  const [outcomes, lookbacks] = await Promise.all([
    outcomeTotals(db, conditions),
    lookbackTotals(db, conditions),
  ]);
  return { outcomes, lookbacks };
}

/** The 11 months before this one, each as its last daily snapshot stood, for the inspections the filters select. */
async function pastMonths(
  db: TReadOptions['db'],
  today: string,
  conditions: TCondition[] | null,
): Promise<TTrendPoint[]> {
  if (conditions === null) return [];
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const first = new Date(Date.UTC(year, month - 1 - 11, 1)).toISOString().slice(0, 10);
  const thisMonth = today.slice(0, 7);
  const ends = (await monthEndDays(db, first)).filter((e) => e.month < thisMonth);
  if (ends.length === 0) return [];
  const rows = await figuresOnDays(
    db,
    ends.map((e) => e.day),
    conditions,
  );
  const byDay = new Map(rows.map((r) => [r.day, r]));
  // A month whose snapshot holds none of the selected inspections (not yet imported then) is left out.
  return ends.flatMap(({ month: m, day }) => {
    const r = byDay.get(day);
    if (!r) return [];
    return {
      month: m,
      day,
      measures: Number(r.measures),
      closed: Number(r.closed),
      red: Number(r.red),
      yellow: Number(r.yellow),
      overdue: Number(r.overdue),
      relapsed: Number(r.relapsed),
      problems: Number(r.problems),
      problemsClosed: Number(r.problems_closed),
    };
  });
}
