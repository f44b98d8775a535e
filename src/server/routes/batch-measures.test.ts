/**
 * Batch actions on chosen measures (POST /api/measures/batch/reassign and /remind) on both databases, tried as an
 * attacker would: a stale version, a measure of another unit, a person of another unit, the same batch twice at
 * once — each refuses the whole batch and changes nothing; reminders reach the carriers' accounts and the audit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TBatchResult, TMeasureDetail, TNotificationView } from '@shared/api.ts';
import type { TRole } from '@shared/domain.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { sessionCookies } from '../test-support/measure-calls.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';

describe.each(testEngines())('batch actions on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const { as } = sessionCookies(() => fx);
  const post = async (url: string, payload: object, role: TRole = 'coordinator') =>
    fx.app.inject({ method: 'POST', url, headers: authed(await as(role)), payload });
  const measure = async (id: number) =>
    (
      await fx.app.inject({ method: 'GET', url: `/api/measures/${id}`, headers: authed(await as('admin')) })
    ).json<TMeasureDetail>().measure;
  const items = async (ids: number[]) =>
    Promise.all(ids.map(async (id) => ({ id, version: (await measure(id)).version })));
  const audited = async (kind: string, id: number) =>
    (
      await fx.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('kind', '=', kind)
        .where('object_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n;

  beforeAll(() => {
    fx = fixture();
  });

  it('gives every chosen measure the new owners, one audit entry each', async () => {
    const ids = fx.measureIds.slice(0, 3);
    const res = await post('/api/measures/batch/reassign', {
      items: await items(ids),
      departmentId: fx.departmentId,
      personId: fx.personId,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TBatchResult>().measures).toBe(3);
    for (const id of ids) {
      const m = await measure(id);
      expect([m.departmentId, m.personId, m.personName]).toEqual([fx.departmentId, fx.personId, '责任人乙']);
      expect(Number(await audited('measure.updated', id))).toBeGreaterThan(0);
    }
  });

  it('refuses the whole batch when one measure changed since it was shown, naming it', async () => {
    const ids = fx.measureIds.slice(0, 3);
    const chosen = await items(ids);
    const stale = chosen.map((item, i) => (i === 1 ? { ...item, version: item.version - 1 } : item));
    const res = await post('/api/measures/batch/reassign', { items: stale, leaderId: fx.leaderId });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ message: string }>().message).toContain('所选第 2 条措施');
    // The first measure, which passed its checks, was not changed either.
    for (const item of chosen) expect((await measure(item.id)).version).toBe(item.version);
  });

  it('refuses a batch holding another unit’s measure, or a person of another unit, and changes nothing', async () => {
    const chosen = await items([fx.measureIds[0] ?? 0, fx.otherMeasureIds[0] ?? 0]);
    const foreign = await post('/api/measures/batch/reassign', { items: chosen, leaderId: fx.leaderId });
    expect(foreign.statusCode).toBe(404);
    expect((await measure(chosen[0]?.id ?? 0)).version).toBe(chosen[0]?.version);
    const otherPerson = await fx.db
      .selectFrom('people')
      .select('id')
      .where('name', '=', '他人丙')
      .executeTakeFirstOrThrow();
    const res = await post('/api/measures/batch/reassign', {
      items: await items([fx.measureIds[0] ?? 0]),
      personId: otherPerson.id,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ message: string }>().message).toContain('不属于本单位');
  });

  it('lets one of two identical batches sent at once through, the other answers 409', async () => {
    const chosen = await items(fx.measureIds.slice(2, 4));
    const [a, b] = await Promise.all([
      post('/api/measures/batch/reassign', { items: chosen, leaderId: fx.leaderId }),
      post('/api/measures/batch/reassign', { items: chosen, leaderId: null }, 'principal'),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    for (const item of chosen) expect((await measure(item.id)).version).toBe(item.version + 1);
  });

  it('refuses bad batches with a Chinese message: none chosen, too many, twice the same, nothing to change', async () => {
    const one = await items([fx.measureIds[0] ?? 0]);
    const cases: Array<[object, string]> = [
      [{ items: [], personId: fx.personId }, '请先选择措施'],
      [
        { items: Array.from({ length: 201 }, (_, i) => ({ id: i + 1, version: 1 })), personId: fx.personId },
        '一次最多处理 200 条措施',
      ],
      [{ items: [...one, ...one], personId: fx.personId }, '同一条措施选择了两次'],
      [{ items: one }, '请选择新的责任部门、责任领导或责任人'],
    ];
    for (const [payload, message] of cases) {
      const res = await post('/api/measures/batch/reassign', payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toContain(message);
    }
    expect((await post('/api/measures/batch/remind', { ids: [] })).statusCode).toBe(400);
  });

  it('reminds the carriers of each measure, records it on the measure, and counts who cannot be reached', async () => {
    const [carried, nobody] = fx.measureIds.slice(0, 2) as [number, number];
    await fx.db
      .updateTable('measures')
      .set({ person_id: fx.personId, leader_id: fx.leaderId })
      .where('id', '=', carried)
      .execute();
    await fx.db
      .updateTable('measures')
      .set({ person_id: null, leader_id: null, department_id: null })
      .where('id', '=', nobody)
      .execute();
    const res = await post(
      '/api/measures/batch/remind',
      { ids: [carried, nobody, carried], note: '请本周五前报送进展' },
      'inspection_office',
    );
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<TBatchResult>();
    expect(result.measures).toBe(2);
    expect(result.messages).toBe(2); // the responsible person's account and the leader's
    expect(result.unreachable).toEqual([nobody]);
    for (const role of ['responsible', 'leader'] as const) {
      const inbox = (
        await fx.app.inject({ method: 'GET', url: '/api/notifications', headers: authed(await as(role)) })
      ).json<TNotificationView[]>();
      const message = inbox.find((n) => n.measureId === carried && n.text.startsWith('【催办】'));
      expect(message?.text).toContain('请本周五前报送进展');
      expect(message?.isRead).toBe(false);
    }
    expect(Number(await audited('measure.reminded', carried))).toBe(1);
    expect(Number(await audited('measure.reminded', nobody))).toBe(1);
  });

  it('does not remind a closed measure, nor lets the responsible role or another unit remind', async () => {
    const closed = fx.measureIds[4] ?? 0;
    await fx.db.updateTable('measures').set({ state: 'closed' }).where('id', '=', closed).execute();
    const res = await post('/api/measures/batch/remind', { ids: [fx.measureIds[0] ?? 0, closed] });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('已销号');
    expect(Number(await audited('measure.reminded', fx.measureIds[0] ?? 0))).toBe(1); // the earlier one only
    expect(
      (await post('/api/measures/batch/remind', { ids: [fx.measureIds[0] ?? 0] }, 'responsible')).statusCode,
    ).toBe(403);
    const other = await fx.app.inject({
      method: 'POST',
      url: '/api/measures/batch/remind',
      headers: authed(await as('coordinator', 'other')),
      payload: { ids: [fx.measureIds[0] ?? 0] },
    });
    expect(other.statusCode).toBe(404);
  });

  it('takes two overlapping batches chosen in opposite orders at once, both, without a deadlock', async () => {
    const ids = fx.measureIds.slice(0, 4);
    for (let round = 0; round < 5; round += 1) {
      const [a, b] = await Promise.all([
        post('/api/measures/batch/remind', { ids }),
        post('/api/measures/batch/remind', { ids: [...ids].reverse() }, 'principal'),
      ]);
      expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([200, 200]);
    }
    // A refusal still names the measure by its place in the user's own selection, not in the order taken.
    const closed = fx.measureIds[4] ?? 0;
    await fx.db.updateTable('measures').set({ state: 'closed' }).where('id', '=', closed).execute();
    const res = await post('/api/measures/batch/remind', { ids: [closed, ...ids].reverse() });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ message: string }>().message).toContain(`所选第 ${ids.length + 1} 条措施`);
    await fx.db.updateTable('measures').set({ state: 'in_progress' }).where('id', '=', closed).execute();
  });
});
