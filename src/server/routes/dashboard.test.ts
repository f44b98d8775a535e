/**
 * GET /api/dashboard on both databases: figures that agree with the search they link to, six-clarity gaps as the
 * ledger counts them, completion bands, and isolation (a unit's user never counts another unit's measures).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TDashboard, TLedgerView, TMeasureSearchResult } from '@shared/api.ts';
import { addDays, todayInChina } from '@shared/chinese.ts';
import type { TRole } from '@shared/domain.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { sessionCookies } from '../test-support/measure-calls.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { categoryKey } from '../use-cases/dashboard/read-dashboard.ts';
import { forgetFigures } from '../use-cases/figures-cache.ts';

describe.each(testEngines())('dashboard on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const today = todayInChina();
  const { as } = sessionCookies(() => fx);
  const get = async <T>(url: string, role: TRole = 'admin', where: 'own' | 'other' = 'own') => {
    const res = await fx.app.inject({ method: 'GET', url, headers: authed(await as(role, where)) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const dashboard = (query = '', role: TRole = 'admin', where: 'own' | 'other' = 'own') =>
    get<TDashboard>(`/api/dashboard?${query}`, role, where);
  const total = async (query: string) => (await get<TMeasureSearchResult>(`/api/measures?${query}`)).total;

  beforeAll(async () => {
    fx = fixture();
    const [a, b, c, d, e] = fx.measureIds as [number, number, number, number, number];
    const set = (ids: number[], values: Record<string, unknown>) =>
      fx.db.updateTable('measures').set(values).where('id', 'in', ids).execute();
    await set([a], {
      state: 'in_progress',
      deadline: addDays(today, -3),
      person_id: fx.personId,
      leader_id: fx.leaderId,
      department_id: fx.departmentId,
    });
    await set([b], { state: 'in_progress', deadline: addDays(today, 2) });
    await set([c], { state: 'relapsed', deadline: addDays(today, 30) });
    // Both measures of the third problem closed: that problem is fully closed.
    await set([d, e], { state: 'closed', deadline: addDays(today, -9) });
    await set(fx.otherMeasureIds, { state: 'closed' });
  });

  it('counts what the search finds for the same filters, unit by unit', async () => {
    const all = await dashboard();
    expect(all.totals.measures).toBe(10);
    expect(all.totals.units).toBe(2);
    expect(all.totals.inspections).toBe(2);
    expect(all.byUnit).toHaveLength(2);
    for (const u of all.byUnit) {
      expect(u.measures).toBe(await total(`unit=${u.unitId}`));
      expect(u.closed).toBe(await total(`unit=${u.unitId}&state=closed`));
      expect(u.relapsed).toBe(await total(`unit=${u.unitId}&state=relapsed`));
      for (const colour of ['red', 'yellow', 'green'] as const)
        expect(u[colour], colour).toBe(await total(`unit=${u.unitId}&colour=${colour}`));
      expect(u.overdue).toBe(await total(`unit=${u.unitId}&overdue=true`));
    }
    const own = all.byUnit.find((u) => u.unitId === fx.unitId);
    expect(own).toMatchObject({
      measures: 5,
      closed: 2,
      red: 1,
      yellow: 1,
      overdue: 1,
      relapsed: 1,
      band: 'low',
    });
    expect(all.byUnit.find((u) => u.unitId === fx.otherUnitId)).toMatchObject({ closed: 5, band: 'full' });
    expect(all.bands).toEqual({ full: 1, high: 0, low: 1 });
    // Ranked: the unit with overdue work first.
    expect(all.byUnit[0]?.unitId).toBe(fx.unitId);
  });

  it('counts problems fully closed and measures lacking a clarity as the ledger shows them', async () => {
    const own = await dashboard(`unit=${fx.unitId}`);
    expect(own.totals.problems).toBe(3);
    expect(own.totals.problemsClosed).toBe(1);
    const ledger = await get<TLedgerView>(`/api/inspections/${fx.inspectionId}/ledger`);
    const measures = ledger.categories.flatMap((c) =>
      c.problems.flatMap((p) => [...p.measures, ...p.subproblems.flatMap((s) => s.measures)]),
    );
    expect(own.totals.unclear).toBe(measures.filter((m) => m.missing.length > 0).length);
    expect(own.totals.unclear).toBe(4);
    const categories = own.byCategory.map((c) => c.title);
    expect(categories).toContain('工作作风不严实');
    expect(own.byCategory.reduce((n, c) => n + c.measures, 0)).toBe(5);
  });

  it('keeps every unit role to its own unit, and another unit named in the address counts nothing', async () => {
    for (const role of ['coordinator', 'principal', 'leader', 'responsible', 'supervisor'] as const) {
      const own = await dashboard('', role);
      expect(own.byUnit.map((u) => u.unitId)).toEqual([fx.unitId]);
      expect(own.totals.measures).toBe(5);
      const other = await dashboard('', role, 'other');
      expect(other.byUnit.map((u) => u.unitId)).toEqual([fx.otherUnitId]);
      const named = await dashboard(`unit=${fx.otherUnitId}`, role);
      expect(named.totals.measures).toBe(0);
      expect(named.totals).toMatchObject({ inspections: 0, problems: 0, problemsClosed: 0 });
      expect(named.byUnit).toEqual([]);
      expect((await dashboard(`inspection=${fx.otherInspectionId}`, role)).totals.measures).toBe(0);
    }
    expect((await dashboard('', 'inspection_office')).totals.units).toBe(2);
    expect((await dashboard('', 'inspection_office', 'other')).byUnit.map((u) => u.unitId)).toEqual([
      fx.otherUnitId,
    ]);
  });

  it('counts by responsible department as the search does, only within the reader’s units', async () => {
    const all = await dashboard();
    const office = all.byDepartment.find((d) => d.departmentId === fx.departmentId);
    expect(office).toBeDefined();
    expect(office?.measures).toBe(await total(`department=${fx.departmentId}`));
    expect(office?.red).toBe(await total(`department=${fx.departmentId}&colour=red`));
    expect(office?.red).toBe(1);
    // Most red first.
    const reds = all.byDepartment.map((d) => d.red);
    expect(reds).toEqual([...reds].sort((a, b) => b - a));
    expect((await dashboard('', 'coordinator')).byDepartment.map((d) => d.departmentId)).toContain(
      fx.departmentId,
    );
    expect(
      (await dashboard('', 'coordinator', 'other')).byDepartment.map((d) => d.departmentId),
    ).not.toContain(fx.departmentId);
  });

  it('sums outcomes by kind and look-back results of the ledgers the reader may see', async () => {
    const at = new Date().toISOString();
    await fx.db
      .insertInto('outcome_money')
      .values([
        {
          inspection_id: fx.inspectionId,
          measure_id: null,
          kind: '清退',
          amount_fen: 30_000,
          from_whom: null,
          created_by: null,
          created_at: at,
        },
        {
          inspection_id: fx.inspectionId,
          measure_id: null,
          kind: '清退',
          amount_fen: 20_000,
          from_whom: null,
          created_by: null,
          created_at: at,
        },
      ])
      .execute();
    await fx.db
      .insertInto('outcome_accountability')
      .values({
        inspection_id: fx.inspectionId,
        measure_id: null,
        kind: '诫勉谈话',
        people: 3,
        created_by: null,
        created_at: at,
      })
      .execute();
    const { id: lookbackId } = await fx.db
      .insertInto('lookbacks')
      .values({
        inspection_id: fx.inspectionId,
        scheduled_date: today,
        checkers: '[]',
        note: null,
        created_by: null,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const [d, e] = fx.measureIds.slice(3) as [number, number];
    await fx.db
      .insertInto('lookback_items')
      .values([
        {
          lookback_id: lookbackId,
          measure_id: d,
          result: 'holds',
          note: null,
          checked_by: null,
          checked_at: at,
        },
        {
          lookback_id: lookbackId,
          measure_id: e,
          result: null,
          note: null,
          checked_by: null,
          checked_at: null,
        },
      ])
      .execute();
    // Written straight into the tables, without the audit entry every service writes: forget what was kept.
    forgetFigures(fx.db);
    const all = await dashboard();
    expect(all.outcomes.money).toEqual([{ kind: '清退', fen: 50_000 }]);
    expect(all.outcomes.accountability).toEqual([{ kind: '诫勉谈话', people: 3 }]);
    expect(all.lookbacks).toEqual({ holds: 1, relapsed: 0, pending: 1 });
    expect((await dashboard('', 'coordinator')).lookbacks.holds).toBe(1);
    const other = await dashboard('', 'coordinator', 'other');
    expect(other.outcomes).toEqual({ rules: 0, money: [], accountability: [] });
    expect(other.lookbacks).toEqual({ holds: 0, relapsed: 0, pending: 0 });
    expect((await dashboard(`inspection=${fx.otherInspectionId}`)).outcomes.money).toEqual([]);
  });

  it('refuses bad filters with a Chinese message', async () => {
    const res = await fx.app.inject({
      method: 'GET',
      url: '/api/dashboard?unit=abc',
      headers: authed(await as('coordinator')),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toContain('单位编号有误');
  });

  it('adds up the same category of several inspections whatever its numbering', () => {
    expect(categoryKey('（一）贯彻落实上级决策部署有差距')).toBe('贯彻落实上级决策部署有差距');
    expect(categoryKey('(二)工作作风不严实')).toBe('工作作风不严实');
    expect(categoryKey('三、其他问题')).toBe('其他问题');
    expect(categoryKey('没有编号的类别')).toBe('没有编号的类别');
  });
});
