/**
 * Figures kept between writes (use-cases/figures-cache.ts), on both databases: a write through the API changes the
 * next dashboard and inspection list at once, one scope's figures are never served to another, requests at once get
 * the same figures, and a figure read inside a transaction is never kept.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TDashboard, TInspectionView } from '@shared/api.ts';
import type { TRole } from '@shared/domain.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { sessionCookies } from '../test-support/measure-calls.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { cachedFigures } from '../use-cases/figures-cache.ts';

describe.each(testEngines())('figures kept between writes on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const { as } = sessionCookies(() => fx);
  const get = async <T>(url: string, role: TRole, where: 'own' | 'other' = 'own') => {
    const res = await fx.app.inject({ method: 'GET', url, headers: authed(await as(role, where)) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const dashboard = (role: TRole = 'inspection_office', where: 'own' | 'other' = 'own') =>
    get<TDashboard>('/api/dashboard', role, where);
  const listed = async (role: TRole = 'inspection_office') =>
    (await get<TInspectionView[]>('/api/inspections?page=1&pageSize=50', role)).find(
      (i) => i.id === fx.inspectionId,
    );

  beforeAll(() => {
    fx = fixture();
  });

  it('shows a write through the API in the very next dashboard and inspection list', async () => {
    const before = await dashboard();
    const beforeListed = await listed();
    expect(before.totals.unclear).toBeGreaterThan(0);
    // Read again with no write between: the same figures.
    expect(await dashboard()).toEqual(before);
    const id = fx.measureIds[0] ?? 0;
    const measure = await get<{ measure: { version: number } }>(`/api/measures/${id}`, 'coordinator');
    const res = await fx.app.inject({
      method: 'PATCH',
      url: `/api/measures/${id}`,
      headers: authed(await as('coordinator')),
      payload: {
        version: measure.measure.version,
        departmentId: fx.departmentId,
        leaderId: fx.leaderId,
        personId: fx.personId,
        deadline: '2030-06-30',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await dashboard();
    expect(after.totals.unclear).toBe(before.totals.unclear - 1);
    expect((await listed())?.counts.unclear).toBe((beforeListed?.counts.unclear ?? 0) - 1);
  });

  it('never serves one scope the figures of another, whichever asked first', async () => {
    const office = await dashboard('inspection_office', 'own');
    const other = await dashboard('coordinator', 'other');
    const own = await dashboard('coordinator', 'own');
    expect(office.totals.units).toBe(2);
    expect(other.totals.units).toBe(1);
    expect(own.totals.units).toBe(1);
    expect(other.totals.measures + own.totals.measures).toBe(office.totals.measures);
    expect(other.byUnit.map((u) => u.unitId)).not.toEqual(own.byUnit.map((u) => u.unitId));
  });

  it('gives requests at once the same figures', async () => {
    const cookie = await as('inspection_office');
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        fx.app.inject({ method: 'GET', url: '/api/dashboard?round=', headers: authed(cookie) }),
      ),
    );
    const bodies = new Set(answers.map((a) => a.body));
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    expect(bodies.size).toBe(1);
  });

  it('computes once per data version, again after a write, and keeps no failure', async () => {
    let runs = 0;
    const compute = () => Promise.resolve((runs += 1));
    const key = `test|${engine}`;
    expect(await cachedFigures(fx.db, key, compute)).toBe(1);
    expect(
      await Promise.all([cachedFigures(fx.db, key, compute), cachedFigures(fx.db, key, compute)]),
    ).toEqual([1, 1]);
    // Inside a transaction it is computed, never kept nor served from what is kept.
    expect(await fx.db.transaction().execute((trx) => cachedFigures(trx, key, compute))).toBe(2);
    expect(await cachedFigures(fx.db, key, compute)).toBe(1);
    await fx.login('admin', 'own'); // a login is a write to the audit chain
    expect(await cachedFigures(fx.db, key, compute)).toBe(3);
    const failing = `${key}|failing`;
    await expect(cachedFigures(fx.db, failing, () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await cachedFigures(fx.db, failing, compute)).toBe(4);
  });
});
