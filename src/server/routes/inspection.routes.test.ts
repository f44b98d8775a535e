import { beforeAll, describe, expect, it } from 'vitest';
import type { TInspectionView, TLedgerView } from '@shared/api.ts';
import { testEngines } from '../test-support/databases.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { type TFixture } from '../test-support/factories.ts';

describe.each(testEngines())('inspection routes on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  beforeAll(() => {
    fx = fixture();
  });

  it('requires login (401)', async () => {
    expect((await fx.app.inject({ method: 'GET', url: '/api/inspections' })).statusCode).toBe(401);
    expect(
      (await fx.app.inject({ method: 'GET', url: `/api/inspections/${fx.inspectionId}/ledger` })).statusCode,
    ).toBe(401);
  });

  it('lists only the inspections of the actor’s units', async () => {
    const own = await fx.app.inject({
      method: 'GET',
      url: '/api/inspections',
      headers: { cookie: await fx.login('coordinator') },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json<TInspectionView[]>().map((i) => i.id)).toEqual([fx.inspectionId]);
    const office = await fx.app.inject({
      method: 'GET',
      url: '/api/inspections',
      headers: { cookie: await fx.login('inspection_office') },
    });
    expect(
      office
        .json<TInspectionView[]>()
        .map((i) => i.id)
        .sort(),
    ).toEqual([fx.inspectionId, fx.otherInspectionId].sort());
  });

  it('returns the ledger tree with counts, six-clarity gaps and allowed actions', async () => {
    const res = await fx.app.inject({
      method: 'GET',
      url: `/api/inspections/${fx.inspectionId}/ledger`,
      headers: { cookie: await fx.login('coordinator') },
    });
    expect(res.statusCode).toBe(200);
    const ledger = res.json<TLedgerView>();
    expect(ledger.inspection.counts).toMatchObject({ categories: 2, problems: 3, measures: 5 });
    expect(ledger.categories.map((c) => c.title)).toEqual(['贯彻落实上级决策部署有差距', '工作作风不严实']);
    const measure = ledger.categories[0]?.problems[0]?.measures[0];
    expect(measure).toMatchObject({ content: '建立学习制度。', state: 'not_started', colour: 'none' });
    expect(measure?.missing).toEqual(['department', 'leader', 'person', 'deadline']);
    expect(measure?.allowed).toContain('update');
    expect(ledger.canCreateMeasure).toBe(true);
  });

  it('answers another unit’s ledger with 404, not 403', async () => {
    const res = await fx.app.inject({
      method: 'GET',
      url: `/api/inspections/${fx.otherInspectionId}/ledger`,
      headers: { cookie: await fx.login('coordinator') },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: '巡察不存在' });
  });

  it('lets a supervisor read but offers no write actions', async () => {
    const res = await fx.app.inject({
      method: 'GET',
      url: `/api/inspections/${fx.inspectionId}/ledger`,
      headers: { cookie: await fx.login('supervisor') },
    });
    expect(res.statusCode).toBe(200);
    const ledger = res.json<TLedgerView>();
    expect(ledger.canCreateMeasure).toBe(false);
    expect(
      ledger.categories.flatMap((c) => c.problems.flatMap((p) => p.measures.flatMap((m) => m.allowed))),
    ).toEqual([]);
  });

  it('answers a malformed id with 404', async () => {
    const res = await fx.app.inject({
      method: 'GET',
      url: '/api/inspections/abc/ledger',
      headers: { cookie: await fx.login('admin') },
    });
    expect(res.statusCode).toBe(404);
  });
});
