/**
 * GET /api/choices/units|inspections|rounds on both databases: found by words in the reader's scope, limited with
 * the full count, the choice already made listed first with its label — and never a unit, ledger or round of
 * another unit, whether by words, by the chosen value, or by a unit filter; archived ledgers left out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TChoices } from '@shared/api.ts';
import type { TRole } from '@shared/domain.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { sessionCookies } from '../test-support/measure-calls.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { forgetFigures } from '../use-cases/figures-cache.ts';

describe.each(testEngines())('filter choices on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  let rootId = 0;
  const { as } = sessionCookies(() => fx);
  const call = async (url: string, role: TRole = 'inspection_office') =>
    fx.app.inject({ method: 'GET', url, headers: authed(await as(role, 'own')) });
  const choices = async (what: string, query = '', role: TRole = 'inspection_office') => {
    const res = await call(`/api/choices/${what}?${query}`, role);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<TChoices>();
  };
  const values = (c: TChoices) => c.items.map((i) => i.value);

  beforeAll(async () => {
    fx = fixture();
    rootId = (
      await fx.db
        .selectFrom('units')
        .select('parent_id')
        .where('id', '=', fx.unitId)
        .executeTakeFirstOrThrow()
    ).parent_id as number;
    await fx.db
      .updateTable('inspections')
      .set({ round: '十二届市委第二轮巡察' })
      .where('id', '=', fx.inspectionId)
      .execute();
    await fx.db
      .updateTable('inspections')
      .set({ round: '十二届市委第三轮巡察' })
      .where('id', '=', fx.otherInspectionId)
      .execute();
    forgetFigures(fx.db);
  });

  it('gives the inspection office every unit in tree order, by words, limited with the full count', async () => {
    const all = await choices('units');
    expect(values(all)).toEqual([rootId, fx.unitId, fx.otherUnitId].map(String));
    expect(all.total).toBe(3);
    const one = await choices('units', 'limit=1');
    expect(one).toEqual({ total: 3, items: [{ value: String(rootId), label: '某某市' }] });
    const found = await choices('units', `q=${encodeURIComponent('另一局')}`);
    expect(found.total).toBe(1);
    expect(found.items[0]?.value).toBe(String(fx.otherUnitId));
    // Wildcards are words, not patterns.
    expect((await choices('units', `q=${encodeURIComponent('%')}`)).total).toBe(0);
    // The chosen unit first, with its name, even when the words do not find it or the limit would leave it out.
    const chosen = await choices('units', `limit=1&selected=${fx.otherUnitId}`);
    expect(chosen.items.map((i) => i.value)).toEqual([String(fx.otherUnitId), String(rootId)]);
    expect(chosen.items[0]?.label).toContain('另一局');
  });

  it('keeps every unit role to its unit: by words, by the chosen value and by a unit filter', async () => {
    for (const role of ['coordinator', 'principal', 'leader', 'responsible', 'supervisor'] as const) {
      expect(values(await choices('units', '', role)), role).toEqual([String(fx.unitId)]);
      expect((await choices('units', `q=${encodeURIComponent('另一局')}`, role)).total).toBe(0);
      expect(values(await choices('units', `selected=${fx.otherUnitId}`, role))).toEqual([String(fx.unitId)]);
      expect(values(await choices('inspections', '', role))).toEqual([String(fx.inspectionId)]);
      expect(values(await choices('inspections', `selected=${fx.otherInspectionId}`, role))).toEqual([
        String(fx.inspectionId),
      ]);
      expect(await choices('inspections', `unit=${fx.otherUnitId}`, role)).toEqual({ total: 0, items: [] });
      expect(values(await choices('rounds', '', role))).toEqual(['十二届市委第二轮巡察']);
      expect(
        values(await choices('rounds', `selected=${encodeURIComponent('十二届市委第三轮巡察')}`, role)),
      ).toEqual(['十二届市委第二轮巡察']);
    }
  });

  it('finds inspections by unit, title or round words, newest first, archived ledgers left out', async () => {
    const all = await choices('inspections');
    expect(values(all)).toEqual([fx.otherInspectionId, fx.inspectionId].sort((a, b) => b - a).map(String));
    const own = all.items.find((i) => i.value === String(fx.inspectionId));
    expect(own?.label).toMatch(/ · 十二届市委第二轮巡察$/);
    expect(values(await choices('inspections', `q=${encodeURIComponent('第三轮')}`))).toEqual([
      String(fx.otherInspectionId),
    ]);
    expect(values(await choices('inspections', `q=${encodeURIComponent('另一局')}`))).toEqual([
      String(fx.otherInspectionId),
    ]);
    expect(values(await choices('inspections', `unit=${fx.unitId}`))).toEqual([String(fx.inspectionId)]);
    await fx.db
      .updateTable('inspections')
      .set({ archived_at: new Date().toISOString() })
      .where('id', '=', fx.otherInspectionId)
      .execute();
    try {
      expect(values(await choices('inspections'))).toEqual([String(fx.inspectionId)]);
      expect(values(await choices('inspections', `selected=${fx.otherInspectionId}`))).toEqual([
        String(fx.inspectionId),
      ]);
      expect(values(await choices('rounds'))).toEqual(['十二届市委第二轮巡察']);
    } finally {
      await fx.db
        .updateTable('inspections')
        .set({ archived_at: null })
        .where('id', '=', fx.otherInspectionId)
        .execute();
    }
  });

  it('lists each round once, the most recent first, by words', async () => {
    const rounds = await choices('rounds');
    expect(rounds.total).toBe(2);
    expect(values(rounds)).toEqual(['十二届市委第三轮巡察', '十二届市委第二轮巡察']);
    expect(values(await choices('rounds', `q=${encodeURIComponent('第二轮')}`))).toEqual([
      '十二届市委第二轮巡察',
    ]);
    expect(await choices('rounds', 'limit=1')).toMatchObject({
      total: 2,
      items: [{ value: '十二届市委第三轮巡察' }],
    });
  });

  it('refuses an id beyond what a table holds in every list’s filters, never a 500 (PostgreSQL integer)', async () => {
    const huge = '99999999999';
    for (const url of [
      `/api/choices/inspections?unit=${huge}`,
      `/api/dashboard/units?unit=${huge}`,
      `/api/dashboard?inspection=${huge}`,
      `/api/measures?unit=${huge}`,
      `/api/inspections?unit=${huge}`,
      `/api/supervision-orders?unit=${huge}`,
      `/api/opinions?unit=${huge}`,
    ]) {
      const res = await call(url, 'admin');
      expect(res.statusCode, url).toBe(400);
      expect(res.json<{ message: string }>().message, url).toContain('编号有误');
    }
    // Ten digits look like an id but name nothing: found by name (nothing), never sent as an integer.
    for (const url of ['/api/measures?person=9999999999', '/api/measures?department=9999999999']) {
      const res = await call(url, 'admin');
      expect(res.statusCode, url).toBe(200);
      expect(res.json<{ total: number }>().total, url).toBe(0);
    }
    expect((await call('/api/choices/units?selected=9999999999')).statusCode).toBe(200);
    expect((await call('/api/measures/9999999999', 'admin')).statusCode).toBe(404);
  });

  it('refuses bad limits and unit numbers with a Chinese message', async () => {
    for (const [url, message] of [
      ['/api/choices/units?limit=0', '条数有误'],
      ['/api/choices/units?limit=500', '最多 100 条'],
      ['/api/choices/inspections?unit=abc', '单位编号有误'],
      [`/api/choices/rounds?q=${'轮'.repeat(51)}`, '关键词最多 50 字'],
    ] as const) {
      const res = await call(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json<{ message: string }>().message, url).toContain(message);
    }
  });
});
