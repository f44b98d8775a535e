/**
 * Figures kept between writes (use-cases/figures-cache.ts), on both databases: a write through the API changes the
 * next dashboard, inspection list and ledger at once, one scope's figures are never served to another, one reader's
 * ledger never to another reader, requests at once get the same figures, and a figure read inside a transaction is
 * never kept.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TDashboard, TInspectionView, TLedgerView, TMeasureSearchResult } from '@shared/api.ts';
import type { TRole } from '@shared/domain.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { sessionCookies } from '../test-support/measure-calls.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { cachedFigures, keptIn } from '../use-cases/figures-cache.ts';
import { searchMeasuresJson } from '../use-cases/measures/search-measures.ts';
import { systemActor } from '../policies/actor.ts';
import { QueryCounter } from '../test-support/query-counter.ts';
import { ZMeasureSearchQuery } from '@shared/api.ts';

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

  it('keeps a ledger per reader: a write shows at once, each role gets its own actions, others 404', async () => {
    const url = `/api/inspections/${fx.inspectionId}/ledger`;
    const ledger = (role: TRole) => get<TLedgerView>(url, role);
    const measuresOf = (l: TLedgerView) =>
      l.categories.flatMap((c) =>
        c.problems.flatMap((p) => [p, ...p.subproblems]).flatMap((p) => p.measures),
      );
    const coordinator = await ledger('coordinator');
    expect(await ledger('coordinator')).toEqual(coordinator);
    // Read right after by roles the ledger offers other actions and text: never the coordinator's kept answer.
    const responsible = await ledger('responsible');
    const office = await ledger('inspection_office');
    expect(coordinator.canCreateMeasure).toBe(true);
    expect(office.canCreateMeasure).toBe(false);
    expect(responsible.canCreateMeasure).toBe(false);
    expect(measuresOf(responsible).map((m) => m.allowed)).not.toEqual(
      measuresOf(coordinator).map((m) => m.allowed),
    );
    // Another unit's reader: not found, however often the ledger was read and kept for this unit.
    const res = await fx.app.inject({
      method: 'GET',
      url,
      headers: authed(await as('coordinator', 'other')),
    });
    expect(res.statusCode).toBe(404);
    // A write through the API: the next read shows it, for every reader.
    const id = fx.measureIds[1] ?? 0;
    const before = measuresOf(coordinator).find((m) => m.id === id);
    const patched = await fx.app.inject({
      method: 'PATCH',
      url: `/api/measures/${id}`,
      headers: authed(await as('coordinator')),
      payload: { version: before?.version, deadline: '2031-01-31' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(measuresOf(await ledger('coordinator')).find((m) => m.id === id)?.deadline).toBe('2031-01-31');
    expect(measuresOf(await ledger('inspection_office')).find((m) => m.id === id)?.deadline).toBe(
      '2031-01-31',
    );
  });

  it('keeps a search total per scope and filters: a write changes it at once, another scope never gets it', async () => {
    const url = `/api/measures?deadlineFrom=2031-03-01&deadlineTo=2031-03-31&pageSize=1`;
    const search = (role: TRole, where: 'own' | 'other' = 'own') =>
      get<TMeasureSearchResult>(url, role, where);
    const office = await search('inspection_office');
    const own = await search('coordinator');
    const other = await search('coordinator', 'other');
    expect(office.total).toBe(own.total + other.total);
    // Every match but the first is on later pages: the total still counts them.
    const id = fx.measureIds[2] ?? 0;
    const measure = await get<{ measure: { version: number } }>(`/api/measures/${id}`, 'coordinator');
    const patched = await fx.app.inject({
      method: 'PATCH',
      url: `/api/measures/${id}`,
      headers: authed(await as('coordinator')),
      payload: { version: measure.measure.version, deadline: '2031-03-15' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await search('inspection_office')).total).toBe(office.total + 1);
    expect((await search('coordinator')).total).toBe(own.total + 1);
    expect((await search('coordinator', 'other')).total).toBe(other.total);
    // Other filters, another total: that one day's deadlines only.
    const narrower = await get<TMeasureSearchResult>(
      '/api/measures?deadlineFrom=2031-03-15&deadlineTo=2031-03-15',
      'inspection_office',
    );
    expect(narrower.total).toBe(narrower.items.length);
    expect(narrower.items.map((m) => m.id)).toContain(id);
  });

  it('keeps a search page per reader: a write shows at once, each role its own actions, no other unit', async () => {
    const url = '/api/measures?sort=deadline&pageSize=100';
    const search = (role: TRole, where: 'own' | 'other' = 'own') =>
      get<TMeasureSearchResult>(url, role, where);
    const coordinator = await search('coordinator');
    expect(await search('coordinator')).toEqual(coordinator);
    // Read right after by other readers: their own actions and their own units, never the coordinator's page.
    const responsible = await search('responsible');
    const other = await search('coordinator', 'other');
    const office = await search('inspection_office');
    expect(coordinator.items.map((m) => m.id)).toEqual(responsible.items.map((m) => m.id));
    expect(responsible.items.map((m) => m.allowed)).not.toEqual(coordinator.items.map((m) => m.allowed));
    const ownUnits = new Set(coordinator.items.map((m) => m.unitId));
    expect(other.items.length).toBeGreaterThan(0);
    expect(other.items.some((m) => ownUnits.has(m.unitId))).toBe(false);
    expect(office.total).toBe(coordinator.total + other.total);
    // A write through the API: the next page shows it, for every reader.
    const id = fx.measureIds[3] ?? 0;
    const before = coordinator.items.find((m) => m.id === id);
    expect(before).toBeDefined();
    const patched = await fx.app.inject({
      method: 'PATCH',
      url: `/api/measures/${id}`,
      headers: authed(await as('coordinator')),
      payload: { version: before?.version, deadline: '2031-02-28' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await search('coordinator')).items.find((m) => m.id === id)?.deadline).toBe('2031-02-28');
    expect((await search('inspection_office')).items.find((m) => m.id === id)?.deadline).toBe('2031-02-28');
    expect((await search('coordinator', 'other')).items.some((m) => m.id === id)).toBe(false);
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

  it('serves a kept search page with one statement (the data version) until the next write', async () => {
    const counter = new QueryCounter();
    const db = fx.db.withPlugin(counter);
    const read = () =>
      searchMeasuresJson(
        { db, actor: systemActor('test'), yellowDays: 15 },
        ZMeasureSearchQuery.parse({ sort: 'deadline', pageSize: 50 }),
      );
    const first = await read();
    expect(counter.count).toBeGreaterThan(2);
    counter.count = 0;
    expect(await read()).toBe(first);
    expect(counter.count).toBe(1);
    await fx.login('admin', 'own'); // a login is a write to the audit chain
    counter.count = 0;
    expect(JSON.parse(await read())).toEqual(JSON.parse(first));
    expect(counter.count).toBeGreaterThan(2);
  });

  it('keeps each part within its number of entries and its size, the most recently used staying', async () => {
    await fx.login('admin', 'own'); // a new data version: nothing kept from other tests counts
    await cachedFigures(fx.db, 'a figure', () => Promise.resolve(1));
    let runs = 0;
    const text = (n: number) => () => Promise.resolve(`${(runs += 1)}`.padEnd(n, '字'));
    for (let i = 0; i < 250; i += 1) await cachedFigures(fx.db, `small|${i}`, text(10), 'searches');
    expect(keptIn(fx.db, 'searches').entries).toBe(200);
    // 1 MiB characters are 2 MiB of the 32 MiB the searches may take: 16 of them at most.
    for (let i = 0; i < 20; i += 1) await cachedFigures(fx.db, `large|${i}`, text(1024 * 1024), 'searches');
    const kept = keptIn(fx.db, 'searches');
    expect(kept.bytes).toBeLessThanOrEqual(32 * 1024 * 1024);
    expect(kept.entries).toBeLessThanOrEqual(16);
    expect(kept.entries).toBeGreaterThanOrEqual(15);
    // The newest is served as kept; the oldest large one was dropped and is computed again.
    const before = runs;
    await cachedFigures(fx.db, 'large|19', text(1024 * 1024), 'searches');
    expect(runs).toBe(before);
    await cachedFigures(fx.db, 'large|0', text(1024 * 1024), 'searches');
    expect(runs).toBe(before + 1);
    // One value larger than the whole part is answered but not kept.
    const huge = await cachedFigures(fx.db, 'huge', text(17 * 1024 * 1024), 'searches');
    expect(huge.length).toBe(17 * 1024 * 1024);
    expect(keptIn(fx.db, 'searches').bytes).toBeLessThanOrEqual(32 * 1024 * 1024);
    await cachedFigures(fx.db, 'huge', text(17 * 1024 * 1024), 'searches');
    expect(runs).toBe(before + 3);
    // Other parts are not touched by the searches' limits.
    expect(await cachedFigures(fx.db, 'a figure', () => Promise.resolve(2))).toBe(1);
  });
});
