/**
 * GET /api/measures (措施查询) and its export: every filter, every sort, the total and the pages, on both databases;
 * and isolation: a unit's user never sees another unit's measure in the items, the total or the export.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TMeasureSearchResult } from '@shared/api.ts';
import { addDays, todayInChina } from '@shared/chinese.ts';
import type { TRole } from '@shared/domain.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { sessionCookies } from '../test-support/measure-calls.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';

describe.each(testEngines())('measure search on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const today = todayInChina();
  const { as } = sessionCookies(() => fx);
  /** The measures of the own unit by what they are set up to be. */
  let m: { red: number; yellow: number; green: number; closed: number; standing: number };
  let otherRed: number;

  const search = async (query: string, role: TRole = 'admin', where: 'own' | 'other' = 'own') => {
    const res = await fx.app.inject({
      method: 'GET',
      url: `/api/measures?${query}`,
      headers: authed(await as(role, where)),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<TMeasureSearchResult>();
  };
  const ids = async (query: string, role: TRole = 'admin', where: 'own' | 'other' = 'own') => {
    const r = await search(`${query}&pageSize=200`, role, where);
    expect(r.items).toHaveLength(r.total);
    return r.items.map((i) => i.id).sort((a, b) => a - b);
  };
  const sorted = (...xs: number[]) => [...xs].sort((a, b) => a - b);

  beforeAll(async () => {
    fx = fixture();
    const [red, yellow, green, closed, standing] = fx.measureIds as [number, number, number, number, number];
    m = { red, yellow, green, closed, standing };
    otherRed = fx.otherMeasureIds[0] ?? 0;
    const set = (id: number, values: Record<string, unknown>) =>
      fx.db.updateTable('measures').set(values).where('id', '=', id).execute();
    await set(red, {
      state: 'in_progress',
      deadline: addDays(today, -10),
      person_id: fx.personId,
      leader_id: fx.leaderId,
      department_id: fx.departmentId,
      updated_at: '2026-01-05T00:00:00.000Z',
    });
    await set(yellow, {
      state: 'in_progress',
      deadline: addDays(today, 3),
      updated_at: '2026-01-04T00:00:00.000Z',
    });
    await set(green, {
      state: 'in_progress',
      deadline: addDays(today, 60),
      updated_at: '2026-01-03T00:00:00.000Z',
    });
    await set(closed, {
      state: 'closed',
      deadline: addDays(today, -5),
      updated_at: '2026-01-02T00:00:00.000Z',
    });
    await set(standing, {
      state: 'standing',
      is_standing: 1,
      deadline: null,
      check_interval_days: 30,
      last_progress_date: addDays(today, -40),
      updated_at: '2026-01-01T00:00:00.000Z',
    });
    await fx.db
      .updateTable('measures')
      .set({ state: 'in_progress', deadline: addDays(today, -20) })
      .where('id', 'in', fx.otherMeasureIds)
      .execute();
    await fx.db
      .updateTable('inspections')
      .set({ round: '2022年第一轮' })
      .where('id', '=', fx.inspectionId)
      .execute();
    await fx.db
      .updateTable('inspections')
      .set({ round: '2022年第二轮' })
      .where('id', '=', fx.otherInspectionId)
      .execute();
    await fx.db
      .insertInto('progress_entries')
      .values({
        measure_id: green,
        entry_date: today,
        text: '已完成台账数字化改造',
        created_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
  });

  it('answers every measure in scope with a total, in pages that neither overlap nor skip', async () => {
    const all = await search('pageSize=3');
    expect(all.total).toBe(10);
    expect(all.items).toHaveLength(3);
    const seen: number[] = [];
    for (let page = 1; page <= 4; page += 1) {
      const r = await search(`pageSize=3&page=${page}`);
      expect(r.total).toBe(10);
      seen.push(...r.items.map((i) => i.id));
    }
    expect(sorted(...seen)).toEqual(sorted(...fx.measureIds, ...fx.otherMeasureIds));
  });

  it('merges the pages of a colour filter in order across its branches, page after page', async () => {
    for (const sort of ['deadline', '-deadline', 'overdue', 'updated']) {
      for (const query of ['colour=red', 'colour=none', 'overdue=true', 'colour=red&overdue=true']) {
        const whole = await search(`${query}&sort=${sort}&pageSize=200`);
        const paged: number[] = [];
        for (let page = 1; page <= whole.total; page += 1) {
          const r = await search(`${query}&sort=${sort}&pageSize=1&page=${page}`);
          expect(r.total).toBe(whole.total);
          paged.push(...r.items.map((i) => i.id));
        }
        expect(paged, `${query} by ${sort}`).toEqual(whole.items.map((i) => i.id));
        const unbranched = await search(`sort=${sort}&pageSize=200`);
        // The same relative order as the unfiltered list: merging branches does not reorder.
        const wanted = new Set(paged);
        expect(paged).toEqual(unbranched.items.map((i) => i.id).filter((id) => wanted.has(id)));
      }
    }
  });

  it('presents each item as the ledger does, with where it belongs and how overdue it is', async () => {
    const r = await search(`inspection=${fx.inspectionId}&overdue=true`, 'coordinator');
    expect(r.items).toHaveLength(1);
    const item = r.items[0];
    expect(item).toMatchObject({
      id: m.red,
      unitId: fx.unitId,
      inspectionId: fx.inspectionId,
      round: '2022年第一轮',
      colour: 'red',
      state: 'in_progress',
      overdueDays: 10,
      personName: '责任人乙',
      leaderName: '领导甲',
      departmentName: '办公室',
      problemTitle: '学习不深入',
    });
    expect(item?.unitName).toContain('测试局');
    expect(item?.allowed).toContain('update');
    expect(r.today).toBe(today);
  });

  it('filters by state and colour as the API names them, including standing work by its check period', async () => {
    expect(await ids('state=in_progress&colour=red', 'coordinator')).toEqual([m.red]);
    expect(await ids('colour=red', 'coordinator')).toEqual(sorted(m.red, m.standing));
    expect(await ids('colour=yellow', 'coordinator')).toEqual([m.yellow]);
    expect(await ids('colour=green', 'coordinator')).toEqual([m.green]);
    expect(await ids('colour=none', 'coordinator')).toEqual([m.closed]);
    expect(await ids('state=closed')).toEqual([m.closed]);
    expect(await ids('state=in_progress&colour=red')).toEqual(sorted(m.red, ...fx.otherMeasureIds));
  });

  it('filters overdue work: past the deadline, not closed, not standing', async () => {
    expect(await ids('overdue=true', 'coordinator')).toEqual([m.red]);
    expect(await ids('overdue=false', 'coordinator')).toEqual(
      sorted(m.yellow, m.green, m.closed, m.standing),
    );
  });

  it('filters by unit (and below), inspection, round, kind and category', async () => {
    expect(await ids(`unit=${fx.unitId}`)).toEqual(sorted(...fx.measureIds));
    expect(await ids(`inspection=${fx.otherInspectionId}`)).toEqual(sorted(...fx.otherMeasureIds));
    expect(await ids('round=2022年第一轮')).toEqual(sorted(...fx.measureIds));
    expect((await search('kind=审计')).total).toBe(0);
    expect((await search('kind=巡察')).total).toBe(10);
    const category = await fx.db
      .selectFrom('categories')
      .select('id')
      .where('inspection_id', '=', fx.inspectionId)
      .where('title', 'like', '%作风%')
      .executeTakeFirstOrThrow();
    expect(await ids(`category=${category.id}`)).toEqual(sorted(m.closed, m.standing));
    expect(await ids(`category=${encodeURIComponent('作风')}&unit=${fx.unitId}`)).toEqual(
      sorted(m.closed, m.standing),
    );
  });

  it('filters by department, person (responsible or leader) and deadline range, by id or by name', async () => {
    expect(await ids(`department=${fx.departmentId}`)).toEqual([m.red]);
    expect(await ids(`department=${encodeURIComponent('办公')}`)).toEqual([m.red]);
    expect(await ids(`person=${fx.personId}`)).toEqual([m.red]);
    expect(await ids(`person=${fx.leaderId}`)).toEqual([m.red]);
    expect(await ids(`person=${encodeURIComponent('领导甲')}`)).toEqual([m.red]);
    expect(await ids(`person=${encodeURIComponent('他人')}`)).toEqual([]);
    expect(await ids(`deadlineFrom=${today}&deadlineTo=${addDays(today, 10)}`, 'coordinator')).toEqual([
      m.yellow,
    ]);
  });

  it('searches Chinese words in the measure, its problem and its progress, wildcards taken literally', async () => {
    expect(await ids(`q=${encodeURIComponent('学习制度')}`, 'coordinator')).toEqual([m.red]);
    expect(await ids(`q=${encodeURIComponent('台账数字化')}`)).toEqual([m.green]);
    expect(await ids(`q=${encodeURIComponent('公务用车')}`, 'coordinator')).toEqual(
      sorted(m.closed, m.standing),
    );
    expect((await search(`q=${encodeURIComponent('%')}`)).total).toBe(0);
    expect((await search(`q=${encodeURIComponent('_')}`)).total).toBe(0);
  });

  it('sorts by deadline (none last), latest deadline, most overdue and last change', async () => {
    const order = async (sort: string) =>
      (await search(`sort=${sort}&unit=${fx.unitId}`, 'coordinator')).items.map((i) => i.id);
    expect(await order('deadline')).toEqual([m.red, m.closed, m.yellow, m.green, m.standing]);
    expect(await order('-deadline')).toEqual([m.green, m.yellow, m.closed, m.red, m.standing]);
    expect((await order('overdue'))[0]).toBe(m.red);
    expect(await order('updated')).toEqual([m.red, m.yellow, m.green, m.closed, m.standing]);
  });

  it('keeps every role within its units: items, totals and filters that point elsewhere', async () => {
    for (const role of ['coordinator', 'principal', 'leader', 'responsible', 'supervisor'] as const) {
      expect(await ids('', role)).toEqual(sorted(...fx.measureIds));
      expect(await ids('', role, 'other')).toEqual(sorted(...fx.otherMeasureIds));
      expect((await search(`unit=${fx.otherUnitId}`, role)).total).toBe(0);
      expect((await search(`inspection=${fx.otherInspectionId}`, role)).total).toBe(0);
      expect((await search('round=2022年第二轮', role)).total).toBe(0);
    }
    expect(await ids('', 'inspection_office')).toHaveLength(10);
    expect(await ids('', 'inspection_office', 'other')).toEqual(sorted(...fx.otherMeasureIds));
    expect(await ids('state=in_progress&colour=red', 'coordinator', 'other')).toEqual(
      sorted(...fx.otherMeasureIds),
    );
    expect(otherRed).toBeGreaterThan(0);
  });

  it('refuses bad filters with a Chinese message', async () => {
    const cookie = await as('coordinator');
    for (const [query, message] of [
      ['state=bogus', ''],
      ['colour=purple', ''],
      ['pageSize=500', '每页最多 200 条'],
      ['page=0', ''],
      ['inspection=abc', '巡察编号有误'],
      ['overdue=yes', 'overdue 只能是 true 或 false'],
      ['deadlineFrom=2026-13-40', ''],
      [`q=${'字'.repeat(101)}`, '关键词最多 100 字'],
    ] as const) {
      const res = await fx.app.inject({
        method: 'GET',
        url: `/api/measures?${query}`,
        headers: authed(cookie),
      });
      expect(res.statusCode, query).toBe(400);
      const body = res.json<{ message: string }>();
      expect(body.message, query).toMatch(/[\u4e00-\u9fa5]/);
      if (message !== '') expect(body.message).toContain(message);
    }
  });

  it('exports the filtered rows to .xlsx, audited, never another unit’s', async () => {
    const exportAs = async (role: TRole, where: 'own' | 'other', payload: Record<string, unknown>) => {
      const res = await fx.app.inject({
        method: 'POST',
        url: '/api/measures/export',
        headers: authed(await as(role, where)),
        payload,
      });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-disposition']).toContain('.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0];
      const rows: string[][] = [];
      sheet?.eachRow((row, n) => {
        if (n > 2)
          rows.push(
            (row.values as unknown[])
              .slice(1)
              .map((v) => (v === null || v === undefined ? '' : String(v as string | number))),
          );
      });
      return rows;
    };
    const red = await exportAs('coordinator', 'own', { colour: 'red', sort: 'deadline' });
    expect(red).toHaveLength(2);
    expect(red[0]?.[1]).toContain('测试局');
    expect(red[0]?.[13]).toBe('10');
    expect(red.every((r) => !r[1]?.includes('另一局'))).toBe(true);
    expect(await exportAs('coordinator', 'own', { unit: fx.otherUnitId })).toHaveLength(0);
    expect(await exportAs('admin', 'own', {})).toHaveLength(10);
    const audit = await fx.db
      .selectFrom('audit_events')
      .select(['after_json', 'actor_label'])
      .where('kind', '=', 'measure.search_exported')
      .orderBy('seq')
      .execute();
    expect(audit).toHaveLength(3);
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({ rows: 2, filters: { colour: 'red' } });
  });
});
