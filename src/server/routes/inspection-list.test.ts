/** GET /api/inspections with filters and pages (the total in x-total-count), on both databases; isolation kept. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TInspectionView, TLedgerView } from '@shared/api.ts';
import { addDays, todayInChina } from '@shared/chinese.ts';
import type { TRole } from '@shared/domain.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';

describe.each(testEngines())('inspection list on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const list = async (query: string, role: TRole = 'admin') => {
    const res = await fx.app.inject({
      method: 'GET',
      url: `/api/inspections${query === '' ? '' : `?${query}`}`,
      headers: authed(await fx.login(role)),
    });
    expect(res.statusCode, res.body).toBe(200);
    return {
      ids: res.json<TInspectionView[]>().map((i) => i.id),
      total: Number(res.headers['x-total-count']),
    };
  };

  beforeAll(async () => {
    fx = fixture();
    await fx.db
      .updateTable('measures')
      .set({ state: 'in_progress', deadline: addDays(todayInChina(), -1) })
      .where('id', '=', fx.measureIds[0] ?? 0)
      .execute();
    await fx.db
      .updateTable('inspections')
      .set({ round: '第一轮' })
      .where('id', '=', fx.inspectionId)
      .execute();
  });

  it('pages the list with its total, and answers every inspection without a page as before', async () => {
    expect(await list('')).toEqual({
      ids: [fx.otherInspectionId, fx.inspectionId].sort((a, b) => b - a),
      total: 2,
    });
    const first = await list('page=1&pageSize=1');
    const second = await list('page=2&pageSize=1');
    expect(first.total).toBe(2);
    expect(second.total).toBe(2);
    expect([...first.ids, ...second.ids].sort()).toEqual([fx.inspectionId, fx.otherInspectionId].sort());
  });

  it('filters by round, kind, overdue work, words and unit', async () => {
    expect((await list('round=第一轮&page=1')).ids).toEqual([fx.inspectionId]);
    expect((await list('kind=审计&page=1')).total).toBe(0);
    expect((await list('hasOverdue=true&page=1')).ids).toEqual([fx.inspectionId]);
    expect((await list('hasOverdue=false&page=1')).ids).toEqual([fx.otherInspectionId]);
    expect((await list(`q=${encodeURIComponent('另一局')}&page=1`)).ids).toEqual([fx.otherInspectionId]);
    expect((await list(`unit=${fx.unitId}&page=1`)).ids).toEqual([fx.inspectionId]);
  });

  it('keeps a unit’s user to its own inspections, whatever the filters name', async () => {
    expect(await list('', 'coordinator')).toEqual({ ids: [fx.inspectionId], total: 1 });
    expect((await list(`unit=${fx.otherUnitId}&page=1`, 'coordinator')).total).toBe(0);
    expect((await list('hasOverdue=false&page=1', 'coordinator')).total).toBe(0);
  });

  it('counts measures lacking a clarity as the ledger shows them, and the ledger shows days overdue', async () => {
    const res = await fx.app.inject({
      method: 'GET',
      url: `/api/inspections/${fx.inspectionId}/ledger`,
      headers: authed(await fx.login('admin')),
    });
    const ledger = res.json<TLedgerView>();
    const measures = ledger.categories.flatMap((c) =>
      c.problems.flatMap((p) => [...p.measures, ...p.subproblems.flatMap((x) => x.measures)]),
    );
    const listed = await fx.app.inject({
      method: 'GET',
      url: '/api/inspections',
      headers: authed(await fx.login('admin')),
    });
    const own = listed.json<TInspectionView[]>().find((i) => i.id === fx.inspectionId);
    expect(own?.counts.unclear).toBe(measures.filter((m) => m.missing.length > 0).length);
    expect(own?.counts.unclear).toBeGreaterThan(0);
    expect(ledger.inspection.counts.unclear).toBe(own?.counts.unclear);
    expect(measures.find((m) => m.id === fx.measureIds[0])?.overdueDays).toBe(1);
    expect(measures.filter((m) => m.overdueDays !== null)).toHaveLength(1);
  });

  it('answers one page by default, with the total and the next page’s address', async () => {
    const cookie = authed(await fx.login('admin'));
    const first = await fx.app.inject({ method: 'GET', url: '/api/inspections?pageSize=1', headers: cookie });
    expect(first.json<TInspectionView[]>()).toHaveLength(1);
    expect(first.headers['x-total-count']).toBe('2');
    expect(first.headers.link).toBe('</api/inspections?pageSize=1&page=2>; rel="next"');
    const second = await fx.app.inject({
      method: 'GET',
      url: '/api/inspections?pageSize=1&page=2',
      headers: cookie,
    });
    expect(second.json<TInspectionView[]>()).toHaveLength(1);
    expect(second.json<TInspectionView[]>()[0]?.id).not.toBe(first.json<TInspectionView[]>()[0]?.id);
    expect(second.headers.link).toBeUndefined();
    const plain = await fx.app.inject({ method: 'GET', url: '/api/inspections', headers: cookie });
    expect(plain.json<TInspectionView[]>()).toHaveLength(2);
    expect(plain.headers.link).toBeUndefined();
  });

  it('refuses bad paging with a Chinese message', async () => {
    const res = await fx.app.inject({
      method: 'GET',
      url: '/api/inspections?page=1&pageSize=500',
      headers: authed(await fx.login('admin')),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toContain('每页最多 200 条');
  });
});
