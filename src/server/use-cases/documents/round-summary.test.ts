/**
 * The round summary (轮次整改情况汇总) on both databases, through the export a user makes: problems completed,
 * continuing and open, the completion rate, outcomes by kind, each unit, the bands — and only the units the
 * reader may see.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TRole } from '@shared/domain.ts';
import { testEngines } from '../../test-support/databases.ts';
import { exportFile, type TFixture } from '../../test-support/factories.ts';
import { useRouteFixture } from '../../test-support/route-suite.ts';

const ROUND = '十二届市委第一轮巡察';

describe.each(testEngines())('round summary on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  let ownName = '';
  let otherName = '';
  const summary = async (role: TRole, body: Record<string, unknown> = {}, where: 'own' | 'other' = 'own') =>
    exportFile(fx.app, await fx.login(role, where), {
      what: 'round_summary',
      round: ROUND,
      format: 'txt',
      ...body,
    });

  beforeAll(async () => {
    fx = fixture();
    await fx.db.updateTable('inspections').set({ round: ROUND }).execute();
    const [m0, m1, m2, m3, m4] = fx.measureIds as [number, number, number, number, number];
    const set = (ids: number[], values: Record<string, unknown>) =>
      fx.db.updateTable('measures').set(values).where('id', 'in', ids).execute();
    // Problem 1 all closed; problem 2 standing work under way; problem 3 half done.
    await set([m0, m1, m3], { state: 'closed' });
    await set([m2], { state: 'in_progress', is_standing: 1, deadline: null });
    await set([m4], { state: 'in_progress', is_standing: 0 });
    await set(fx.otherMeasureIds, { state: 'closed' });
    const at = new Date().toISOString();
    await fx.db
      .insertInto('outcome_rules')
      .values({
        inspection_id: fx.inspectionId,
        measure_id: null,
        title: '公务用车管理办法',
        doc_number: null,
        issued_date: null,
        kind: '新建',
        evidence_id: null,
        created_by: null,
        created_at: at,
      })
      .execute();
    await fx.db
      .insertInto('outcome_money')
      .values([
        {
          inspection_id: fx.inspectionId,
          measure_id: null,
          kind: '清退',
          amount_fen: 1_250_000,
          from_whom: null,
          created_by: null,
          created_at: at,
        },
        {
          inspection_id: fx.inspectionId,
          measure_id: null,
          kind: '追缴',
          amount_fen: 50_000,
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
        kind: '党纪处分',
        people: 2,
        created_by: null,
        created_at: at,
      })
      .execute();
    const names = await fx.db.selectFrom('units').select(['id', 'name']).execute();
    ownName = names.find((u) => u.id === fx.unitId)?.name ?? '';
    otherName = names.find((u) => u.id === fx.otherUnitId)?.name ?? '';
  });

  it('counts the round across the office’s units, with outcomes by kind and the bands', async () => {
    const res = await summary('inspection_office');
    expect(res.statusCode, res.body).toBe(200);
    const text = res.body;
    expect(text.split('\n')[0]).toContain(`关于${ROUND}整改情况的通报`);
    for (const part of [
      '共巡察2个单位',
      '反馈问题6个',
      '已完成整改4个',
      '基本完成并持续整改1个',
      '尚未完成1个',
      '问题整改完成率83.3%',
      '全部完成66.7%',
      '分解整改措施10条',
      '已销号8条',
      '建立完善制度机制1项',
      '清退1.25万元、追缴500元',
      '党纪处分2人',
      '达到100%的单位1个',
      '80%以下的1个',
      `完成率80%以下的单位是：${ownName}`,
      '巡察工作领导小组办公室',
    ])
      expect(text, part).toContain(part);
    expect(text).toContain(otherName);
    const audit = await fx.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('object_type', '=', 'round')
      .execute();
    expect(audit.at(-1)?.after_json).toContain(ROUND);
  });

  it('shows a unit’s reader only its own unit, and refuses a round nobody in scope was inspected in', async () => {
    const own = (await summary('coordinator')).body;
    expect(own).toContain('共巡察1个单位');
    expect(own).toContain('反馈问题3个');
    expect(own).toContain(ownName);
    expect(own).not.toContain(otherName);
    const other = (await summary('coordinator', {}, 'other')).body;
    expect(other).toContain('问题整改完成率100.0%');
    expect(other).not.toContain(ownName);
    // A unit outside the reader's scope, or an unknown round: not found, nothing exported.
    const outside = await summary('coordinator', { unit: fx.otherUnitId });
    expect(outside.statusCode).toBe(404);
    const unknown = await summary('inspection_office', { round: '不存在的轮次' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ message: string }>().message).toContain('没有可查看的');
    expect((await summary('inspection_office', { round: '' })).statusCode).toBe(400);
  });

  it('writes the same summary as .docx and html', async () => {
    const docx = await summary('inspection_office', { format: 'docx' });
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const html = await summary('inspection_office', { format: 'html', unit: fx.unitId });
    expect(html.body).toContain('<table');
    expect(html.body).toContain(ownName);
    expect(html.body).not.toContain(otherName);
  });
});
