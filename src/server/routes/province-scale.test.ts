/**
 * No endpoint fails at province scale: `seed:scale`'s data set with 1,000 units and 200,000 measures, and the
 * inspection office (the whole tree) calls every list, search, dashboard and export once, on both databases.
 * Answers are checked for sense, not speed (speed is `npm run bench`).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDashboard, TDashboardUnitPage, TInspectionView, TMeasureSearchResult } from '@shared/api.ts';
import { buildApp } from '../app.ts';
import { openTestDatabase } from '../test-support/databases.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, testConfig } from '../test-support/factories.ts';
import { DEMO_PASSWORD } from '../use-cases/demo/seed-demo-data.ts';
import { seedScale, type TScaleResult } from '../use-cases/demo/seed-scale.ts';
import { takeDailySnapshot } from '../use-cases/jobs/daily-snapshot.ts';
import { todayInChina } from '@shared/chinese.ts';

const MEASURES = 200_000;
const today = todayInChina();

describe.each(testEngines())('province scale (%s, 1,000 units, 200,000 measures)', (engine) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let app: FastifyInstance;
  let made: TScaleResult;
  let cookie = '';
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    made = await seedScale(database.db, { units: 1000, measures: MEASURES });
    app = await buildApp({ db: database.db, config: testConfig({ isDemo: true }) });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-requested-with': 'zhenggai' },
      payload: { username: 'xunchaban', password: DEMO_PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    cookie = `zhenggai_session=${login.cookies.find((c) => c.name === 'zhenggai_session')?.value ?? ''}`;
  }, 300_000);
  afterAll(async () => {
    await app.close();
    await database.drop();
  });
  const get = async <T>(url: string) => {
    const res = await app.inject({ method: 'GET', url, headers: authed(cookie) });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
    return { body: res.json<T>(), headers: res.headers };
  };

  it('answers every list and search', async () => {
    // Always a page: the first 50 by default, the total in x-total-count, the next page in `link`; read to the end,
    // every inspection once and every measure counted.
    const first = await get<TInspectionView[]>('/api/inspections');
    expect(first.body).toHaveLength(50);
    expect(Number(first.headers['x-total-count'])).toBe(made.inspections);
    let url: string | undefined = '/api/inspections?pageSize=200';
    const all: TInspectionView[] = [];
    while (url !== undefined) {
      const page: { body: TInspectionView[]; headers: Record<string, unknown> } =
        await get<TInspectionView[]>(url);
      all.push(...page.body);
      const link = page.headers.link;
      url = typeof link === 'string' ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : undefined;
    }
    expect(new Set(all.map((i) => i.id)).size).toBe(made.inspections);
    expect(all.reduce((n, i) => n + i.counts.measures, 0)).toBe(MEASURES);
    const page = await get<TInspectionView[]>('/api/inspections?page=3&pageSize=50&hasOverdue=true');
    expect(page.body).toHaveLength(50);
    expect(Number(page.headers['x-total-count'])).toBeGreaterThan(100);

    const red = await get<TMeasureSearchResult>(
      '/api/measures?state=in_progress&colour=red&sort=deadline&page=1&pageSize=50',
    );
    expect(red.body.total).toBe(made.redInProgress);
    expect(red.body.items).toHaveLength(50);
    for (const query of [
      'page=2000&pageSize=100&sort=updated',
      'colour=red&sort=overdue&page=3',
      'overdue=true&sort=-deadline',
      `q=${encodeURIComponent('台账')}`,
      'colour=none&pageSize=200',
      `person=${encodeURIComponent('刘洋')}`,
    ]) {
      const r = await get<TMeasureSearchResult>(`/api/measures?${query}`);
      expect(r.body.total, query).toBeGreaterThan(0);
    }
    await get('/api/close-out/queue');
    await get('/api/notifications');
    await get('/api/audit?page=1');
  }, 300_000);

  it('answers the dashboards and a ledger, and exports a city’s filtered measures', async () => {
    const province = await get<TDashboard>('/api/dashboard');
    expect(province.body.totals.measures).toBe(MEASURES);
    expect(province.body.totals.units).toBe(999);
    // The dashboard carries the ranking's first page; the rest is paged by the database.
    expect(province.body.byUnit).toHaveLength(20);
    const last = await get<TDashboardUnitPage>('/api/dashboard/units?sort=completion&page=10&pageSize=100');
    expect(last.body.total).toBe(999);
    expect(last.body.items).toHaveLength(99);
    const banded = await get<TDashboardUnitPage>('/api/dashboard/units?band=low&pageSize=100');
    expect(banded.body.total).toBe(province.body.bands.low);
    const cityId = (
      await database.db
        .selectFrom('units')
        .select('id')
        .where('name', '=', '南通市')
        .executeTakeFirstOrThrow()
    ).id;
    const cityRanking = (await get<TDashboardUnitPage>(`/api/dashboard/units?unit=${cityId}&pageSize=100`))
      .body;
    expect(cityRanking.total).toBeLessThanOrEqual(100);
    const city = cityRanking.items.find((u) => u.unitId === cityId);
    expect(city).toBeDefined();
    const cityDashboard = await get<TDashboard>(`/api/dashboard?unit=${city?.unitId ?? 0}`);
    expect(cityDashboard.body.totals.measures).toBeGreaterThan(city?.measures ?? 0);
    const first = (await get<TInspectionView[]>('/api/inspections?page=1&pageSize=1')).body[0];
    await get(`/api/inspections/${first?.id ?? 0}/ledger`);
    const res = await app.inject({
      method: 'POST',
      url: '/api/measures/export',
      headers: authed(cookie),
      payload: { unit: city?.unitId, colour: 'red' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBeGreaterThan(10_000);
  }, 300_000);

  it('takes the daily figures of every inspection and draws the trend from them', async () => {
    const lastMonth = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, 0))
      .toISOString()
      .slice(0, 10);
    const r = await takeDailySnapshot({ db: database.db, yellowDays: 7, day: lastMonth, today });
    expect(r).toMatchObject({ taken: true, inspections: made.inspections });
    const { body } = await get<TDashboard>('/api/dashboard');
    expect(body.trend).toHaveLength(2);
    expect(body.trend[0]).toMatchObject({ day: lastMonth, measures: MEASURES });
  }, 300_000);
});
