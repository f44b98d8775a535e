/**
 * GET /api/dashboard/units on both databases: the unit ranking sorted, banded, counted and paged by the database.
 * Pages put together are the whole ranking in the documented order (no unit twice, none lost); each unit's figures
 * are what the search finds for it; the band is the shared rule's; the dashboard carries the ranking's first page;
 * a unit's roles see their unit only; bad paging or orders are refused in Chinese.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  completionBand,
  type TDashboard,
  type TDashboardUnit,
  type TDashboardUnitPage,
  type TMeasureSearchResult,
  UNIT_RANKING_SORTS,
  type TUnitRankingSort,
} from '@shared/api.ts';
import { parseAnnouncementText } from '@importers/announcement-text.importer.ts';
import { addDays, todayInChina } from '@shared/chinese.ts';
import type { TMeasureState, TRole } from '@shared/domain.ts';
import { systemActor } from '../policies/actor.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, SMALL_ANNOUNCEMENT, type TFixture } from '../test-support/factories.ts';
import { sessionCookies } from '../test-support/measure-calls.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { storeImportedDocument } from '../use-cases/imports/store-imported-document.ts';
import { forgetFigures } from '../use-cases/figures-cache.ts';

/** Extra units beside the fixture's two, so that pages, ties and every band occur. */
const EXTRA_UNITS = 7;

/** The ranking's documented order, stated again in TypeScript: the figure chosen, then the ranking. */
function compare(sort: TUnitRankingSort) {
  const rank = (a: TDashboardUnit, b: TDashboardUnit) =>
    b.overdue - a.overdue || a.completionRate - b.completionRate || a.unitId - b.unitId;
  const first: Record<TUnitRankingSort, (a: TDashboardUnit, b: TDashboardUnit) => number> = {
    rank: () => 0,
    completion: (a, b) => a.completionRate - b.completionRate,
    '-completion': (a, b) => b.completionRate - a.completionRate,
    measures: (a, b) => b.measures - a.measures,
    red: (a, b) => b.red - a.red,
    yellow: (a, b) => b.yellow - a.yellow,
    relapsed: (a, b) => b.relapsed - a.relapsed,
    unclear: (a, b) => b.unclear - a.unclear,
    openOrders: (a, b) => b.openOrders - a.openOrders,
  };
  return (a: TDashboardUnit, b: TDashboardUnit) => first[sort](a, b) || rank(a, b);
}

describe.each(testEngines())('dashboard unit ranking on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const today = todayInChina();
  const { as } = sessionCookies(() => fx);
  const call = async (url: string, role: TRole = 'inspection_office', where: 'own' | 'other' = 'own') =>
    fx.app.inject({ method: 'GET', url, headers: authed(await as(role, where)) });
  const get = async <T>(url: string, role: TRole = 'inspection_office', where: 'own' | 'other' = 'own') => {
    const res = await call(url, role, where);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const ranking = (query: string, role: TRole = 'inspection_office', where: 'own' | 'other' = 'own') =>
    get<TDashboardUnitPage>(`/api/dashboard/units?${query}`, role, where);

  beforeAll(async () => {
    fx = fixture();
    const parsed = parseAnnouncementText(SMALL_ANNOUNCEMENT);
    if (!parsed.ok) throw new Error(parsed.error);
    const { parent_id: rootId } = await fx.db
      .selectFrom('units')
      .select('parent_id')
      .where('id', '=', fx.unitId)
      .executeTakeFirstOrThrow();
    for (let i = 0; i < EXTRA_UNITS; i += 1)
      await storeImportedDocument({
        db: fx.db,
        actor: systemActor('test'),
        document: { ...parsed.document, unit: `中共某某市第${i + 1}局党组` },
        parentUnitId: rootId,
      });
    // Every measure a state and deadline from its id: some units all closed, some 80 % or more, some less; overdue,
    // near and far deadlines; relapses. The same figures on both databases.
    const measures = await fx.db.selectFrom('measures').select('id').orderBy('id').execute();
    const states: TMeasureState[] = [
      'closed',
      'in_progress',
      'closed',
      'relapsed',
      'closed',
      'in_progress',
      'closed',
    ];
    for (const [i, { id }] of measures.entries()) {
      // Each ledger's five measures were stored one after another: a third of the units all closed, a third with
      // one measure open (80 %, the high band), the rest mixed.
      const [unitNo, j] = [Math.floor(i / 5), i % 5];
      const state: TMeasureState =
        unitNo % 3 === 0
          ? 'closed'
          : unitNo % 3 === 1
            ? j === 0
              ? 'in_progress'
              : 'closed'
            : (states[(i * 7 + unitNo) % states.length] ?? 'closed');
      await fx.db
        .updateTable('measures')
        .set({ state, deadline: addDays(today, ((i * 11) % 23) - 8) })
        .where('id', '=', id)
        .execute();
    }
    // Written straight into the tables, without the audit entry every service writes: forget what was kept.
    forgetFigures(fx.db);
  });

  it('pages through the whole ranking in each order, every unit once', async () => {
    const whole = await ranking('pageSize=100');
    expect(whole.total).toBe(EXTRA_UNITS + 2);
    expect(whole.items).toHaveLength(whole.total);
    for (const sort of UNIT_RANKING_SORTS) {
      const pages: TDashboardUnit[] = [];
      for (let page = 1; page <= 4; page += 1) {
        const r = await ranking(`sort=${sort}&page=${page}&pageSize=3`);
        expect(r.total, sort).toBe(whole.total);
        expect(r).toMatchObject({ page, pageSize: 3 });
        pages.push(...r.items);
      }
      expect(
        pages.map((u) => u.unitId).sort((a, b) => a - b),
        sort,
      ).toEqual(whole.items.map((u) => u.unitId).sort((a, b) => a - b));
      expect(pages, sort).toEqual([...pages].sort(compare(sort)));
    }
    // A page past the end: no rows, the count still true.
    expect(await ranking('page=9&pageSize=3')).toMatchObject({ total: whole.total, items: [] });
  });

  it('counts each unit as the search does, with the band the shared rule gives', async () => {
    const whole = await ranking('pageSize=100');
    const total = async (query: string) =>
      (await get<TMeasureSearchResult>(`/api/measures?${query}&pageSize=1`)).total;
    const bandsSeen = new Set<string>();
    for (const u of whole.items) {
      expect(u.measures).toBe(await total(`unit=${u.unitId}`));
      expect(u.closed).toBe(await total(`unit=${u.unitId}&state=closed`));
      expect(u.red).toBe(await total(`unit=${u.unitId}&colour=red`));
      expect(u.overdue).toBe(await total(`unit=${u.unitId}&overdue=true`));
      expect(u.relapsed).toBe(await total(`unit=${u.unitId}&state=relapsed`));
      expect(u.completionRate).toBeCloseTo(u.closed / u.measures, 10);
      expect(u.band).toBe(completionBand(u.closed, u.measures));
      bandsSeen.add(String(u.band));
    }
    // The data reaches every band, so the band filter below is tried on each.
    expect([...bandsSeen].sort()).toEqual(['full', 'high', 'low']);
    const dashboard = await get<TDashboard>('/api/dashboard');
    for (const band of ['full', 'high', 'low'] as const) {
      const r = await ranking(`band=${band}&pageSize=100`);
      expect(r.total, band).toBe(dashboard.bands[band]);
      expect(r.items.map((u) => u.unitId).sort()).toEqual(
        whole.items
          .filter((u) => u.band === band)
          .map((u) => u.unitId)
          .sort(),
      );
    }
    expect(dashboard.totals.units).toBe(whole.total);
    // The dashboard carries the ranking's first page as the ranking itself gives it.
    expect(dashboard.byUnit).toEqual((await ranking('')).items);
    expect(dashboard.totals.openOrders).toBe(whole.items.reduce((n, u) => n + u.openOrders, 0));
  });

  it('follows the dashboard’s filters and keeps each unit’s roles to their unit', async () => {
    const own = await ranking(`unit=${fx.unitId}`);
    expect(own.items.map((u) => u.unitId)).toEqual([fx.unitId]);
    expect((await ranking(`inspection=${fx.otherInspectionId}`)).items.map((u) => u.unitId)).toEqual([
      fx.otherUnitId,
    ]);
    for (const role of ['coordinator', 'principal', 'leader', 'responsible', 'supervisor'] as const) {
      const mine = await ranking('pageSize=100', role);
      expect(mine.total, role).toBe(1);
      expect(mine.items.map((u) => u.unitId)).toEqual([fx.unitId]);
      // Another unit named in the address: nothing, not a 403 that tells it exists.
      expect(await ranking(`unit=${fx.otherUnitId}`, role)).toMatchObject({ total: 0, items: [] });
      expect(await ranking(`inspection=${fx.otherInspectionId}&band=full`, role)).toMatchObject({
        total: 0,
        items: [],
      });
    }
  });

  it('refuses bad orders, bands and pages with a Chinese message', async () => {
    for (const [query, message] of [
      ['sort=name', '排序方式有误'],
      ['band=medium', '分档只能是'],
      ['pageSize=500', '每页最多 100 个单位'],
      ['page=0', '页码有误'],
      ['page=abc', '页码有误'],
      ['unit=abc', '单位编号有误'],
    ] as const) {
      const res = await call(`/api/dashboard/units?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ message: string }>().message, query).toContain(message);
    }
  });
});
