/**
 * Supervision orders (督办单) on both databases: issue (one order per unit), reply, send back, close, interviews;
 * stale versions and parallel decisions; one person with two accounts; isolation of lists, orders and messages;
 * the ranking's open-order count; the audit trail.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TDashboard, TNotificationView, TSupervisionList, TSupervisionOrderView } from '@shared/api.ts';
import { addDays, todayInChina } from '@shared/chinese.ts';
import type { TRole } from '@shared/domain.ts';
import { systemActor } from '../policies/actor.ts';
import { insertPerson } from '../repositories/unit.repository.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, TEST_PASSWORD, type TFixture } from '../test-support/factories.ts';
import { sessionCookies } from '../test-support/measure-calls.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { createUser } from '../use-cases/users/create-user.ts';

describe.each(testEngines())('supervision orders on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const today = todayInChina();
  const { as: asRole, remember } = sessionCookies(() => fx);
  const as = (who: string, where: 'own' | 'other' = 'own') => asRole(who as TRole, where);
  const call = async (
    method: 'GET' | 'POST',
    url: string,
    who: string,
    payload?: unknown,
    where: 'own' | 'other' = 'own',
  ) =>
    fx.app.inject({
      method,
      url,
      headers: authed(await as(who, where)),
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const issue = async (payload: Record<string, unknown>, who: string = 'inspection_office') => {
    const res = await call('POST', '/api/supervision-orders', who, {
      reason: '超期整改措施较多，请抓紧推进',
      replyDeadline: addDays(today, 7),
      ...payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ ids: number[] }>().ids;
  };
  const order = async (id: number, who: string = 'inspection_office') => {
    const res = await call('GET', `/api/supervision-orders/${id}`, who);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<TSupervisionOrderView>();
  };

  beforeAll(() => {
    fx = fixture();
  });

  it('issues one order per unit, tells each unit, and shows each unit only its own', async () => {
    const [own] = fx.measureIds as [number];
    const [other] = fx.otherMeasureIds as [number];
    const [problem] = fx.problemIds as [number];
    const ids = await issue({ measureIds: [own, other, own], problemIds: [problem] });
    expect(ids).toHaveLength(2);
    const views = await Promise.all(ids.map((id) => order(id)));
    const ownOrder = views.find((v) => v.unitId === fx.unitId);
    const otherOrder = views.find((v) => v.unitId === fx.otherUnitId);
    expect(ownOrder).toMatchObject({ status: 'awaiting_reply', itemCount: 2, isOverdue: false, version: 1 });
    expect(ownOrder?.targets.map((t) => t.measureId).sort()).toEqual([own, null].sort());
    expect(ownOrder?.targets.find((t) => t.measureId === null)?.problemId).toBe(problem);
    expect(otherOrder).toMatchObject({ itemCount: 1 });
    expect(ownOrder?.can).toEqual({ reply: false, decide: false, interview: true });

    // The unit's coordinator and principal are told, with a link to the order; the other unit's are not.
    for (const role of ['coordinator', 'principal'] as const) {
      const notes = (await call('GET', '/api/notifications', role)).json<TNotificationView[]>();
      expect(notes.map((n) => n.link)).toContain(`/supervision/${ownOrder?.id}`);
      expect(notes.map((n) => n.link)).not.toContain(`/supervision/${otherOrder?.id}`);
    }
    // Lists: each unit's users see only their own order; the office sees both.
    const list = async (who: TRole, where: 'own' | 'other' = 'own') =>
      (
        await call('GET', '/api/supervision-orders?pageSize=200', who, undefined, where)
      ).json<TSupervisionList>();
    expect((await list('coordinator')).items.map((i) => i.unitId)).toEqual([fx.unitId]);
    expect((await list('coordinator', 'other')).items.map((i) => i.unitId)).toEqual([fx.otherUnitId]);
    expect((await list('inspection_office')).total).toBe(2);
    // Another unit's order answers as one that does not exist.
    expect((await call('GET', `/api/supervision-orders/${otherOrder?.id}`, 'coordinator')).statusCode).toBe(
      404,
    );
    expect(
      (
        await call('POST', `/api/supervision-orders/${otherOrder?.id}/reply`, 'coordinator', {
          text: 'x',
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('refuses bad input and the wrong people with clear Chinese messages, writing nothing', async () => {
    const before = await fx.db
      .selectFrom('supervision_orders')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const [own] = fx.measureIds as [number];
    const [other] = fx.otherMeasureIds as [number];
    const post = (
      payload: Record<string, unknown>,
      who: TRole = 'inspection_office',
      where: 'own' | 'other' = 'own',
    ) =>
      call(
        'POST',
        '/api/supervision-orders',
        who,
        { reason: '督办', replyDeadline: addDays(today, 3), ...payload },
        where,
      );
    let res = await post({ measureIds: [] });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toContain('请选择要督办的措施或问题');
    res = await post({ measureIds: [own], replyDeadline: addDays(today, -1) });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ message: string }>().message).toBe('回复期限不能早于今天');
    res = await post({ measureIds: [own], reason: '  ' });
    expect(res.statusCode).toBe(400);
    // The coordinator cannot issue; an office whose scope is the other unit cannot reach this unit's measures,
    // not even by mixing them with its own.
    expect((await post({ measureIds: [own] }, 'coordinator')).statusCode).toBe(403);
    expect((await post({ measureIds: [other, own] }, 'inspection_office', 'other')).statusCode).toBe(404);
    expect((await post({ measureIds: [999_999] })).statusCode).toBe(404);
    // Hostile input: too long, too many, NUL bytes — refused with a message, nothing written.
    res = await post({ measureIds: [own], reason: '督'.repeat(2001) });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toContain('2000');
    expect((await post({ measureIds: Array.from({ length: 501 }, (_, i) => i + 1) })).statusCode).toBe(400);
    expect((await post({ measureIds: [own], reason: '督办\u0000' })).statusCode).toBe(400);
    expect((await post({ measureIds: ['1 or 1=1'] })).statusCode).toBe(400);
    const after = await fx.db
      .selectFrom('supervision_orders')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('goes reply → send back → reply → close, refusing stale versions, wrong roles and steps out of turn', async () => {
    const [, m] = fx.measureIds as [number, number];
    const [id] = (await issue({ measureIds: [m] })) as [number];
    const reply = (text: string, version: number, who: TRole = 'coordinator') =>
      call('POST', `/api/supervision-orders/${id}/reply`, who, { text, version });
    const decide = (accept: boolean, version: number, note?: string) =>
      call('POST', `/api/supervision-orders/${id}/decision`, 'inspection_office', {
        accept,
        version,
        ...(note === undefined ? {} : { note }),
      });
    // The office cannot close an order nobody has answered.
    expect((await decide(true, 1)).statusCode).toBe(409);
    // Only the unit's coordinator or principal replies.
    for (const role of ['leader', 'responsible', 'supervisor', 'inspection_office', 'admin'] as const)
      expect((await reply('已整改', 1, role)).statusCode, role).toBe(403);
    expect((await reply('已整改', 7)).statusCode).toBe(409);
    let res = await reply('已召开专题会议，明确整改时限。', 1);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TSupervisionOrderView>()).toMatchObject({ status: 'replied', version: 2 });
    // A second reply while the first waits: refused.
    expect((await reply('再次回复', 2, 'principal')).statusCode).toBe(409);
    // The issuer is told.
    const notes = (await call('GET', '/api/notifications', 'inspection_office')).json<TNotificationView[]>();
    expect(notes.some((n) => n.link === `/supervision/${id}` && n.text.includes('已回复'))).toBe(true);
    // Sending back needs a reason.
    res = await decide(false, 2);
    expect(res.statusCode).toBe(422);
    expect(res.json<{ message: string }>().message).toBe('退回须填写退回理由');
    res = await decide(false, 2, '未说明完成时限');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TSupervisionOrderView>()).toMatchObject({ status: 'awaiting_reply', version: 3 });
    res = await reply('已明确于本月底前完成。', 3, 'principal');
    expect(res.statusCode, res.body).toBe(200);
    // Two decisions at once: exactly one lands.
    const both = await Promise.all([decide(true, 4), decide(true, 4)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const view = await order(id);
    expect(view).toMatchObject({ status: 'closed', version: 5 });
    expect(view.closedAt).not.toBeNull();
    expect(view.replies.map((r) => r.decision)).toEqual(['returned', 'accepted']);
    expect(view.replies[0]?.decisionNote).toBe('未说明完成时限');
    expect(view.can).toEqual({ reply: false, decide: false, interview: false });
    // Closed is final.
    expect((await reply('补充', 5)).statusCode).toBe(409);
    expect(
      (
        await call('POST', `/api/supervision-orders/${id}/interviews`, 'inspection_office', {
          heldOn: today,
          interviewee: '书记',
          interviewers: '巡察办',
          summary: '约谈',
        })
      ).statusCode,
    ).toBe(409);
    // Every step is in the audit trail, in order.
    const kinds = await fx.db
      .selectFrom('audit_events')
      .select('kind')
      .where('object_type', '=', 'supervision_order')
      .where('object_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual([
      'supervision.issued',
      'supervision.replied',
      'supervision.returned',
      'supervision.replied',
      'supervision.closed',
    ]);
  });

  it('records interviews against an order; only the inspection office may', async () => {
    const [, , m] = fx.measureIds as [number, number, number];
    const [id] = (await issue({ measureIds: [m] })) as [number];
    const body = {
      heldOn: today,
      interviewee: '党组书记张某',
      interviewers: '巡察办主任李某',
      summary: '约谈第一责任人，要求限期整改。',
    };
    expect(
      (await call('POST', `/api/supervision-orders/${id}/interviews`, 'coordinator', body)).statusCode,
    ).toBe(403);
    expect(
      (
        await call('POST', `/api/supervision-orders/${id}/interviews`, 'inspection_office', {
          ...body,
          heldOn: addDays(today, 1),
        })
      ).statusCode,
    ).toBe(422);
    const res = await call('POST', `/api/supervision-orders/${id}/interviews`, 'inspection_office', body);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<TSupervisionOrderView>();
    expect(view.interviews).toMatchObject([{ interviewee: '党组书记张某', summary: body.summary }]);
    expect(view.interviewCount).toBe(1);
  });

  it('lets no person reply to an order they issued, or decide on a reply they wrote, with two accounts', async () => {
    const personId = await insertPerson(fx.db, {
      unitId: fx.unitId,
      departmentId: null,
      name: '兼职甲',
      position: null,
      isDemo: false,
    });
    const login = async (username: string, role: TRole, unitId: number) => {
      await createUser({
        db: fx.db,
        actor: systemActor('test'),
        username,
        displayName: username,
        password: TEST_PASSWORD,
        role,
        unitId,
        personId,
      });
      const res = await fx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-requested-with': 'zhenggai' },
        payload: { username, password: TEST_PASSWORD },
      });
      const cookie = res.cookies.find((c) => c.name === 'zhenggai_session');
      remember(username, `zhenggai_session=${cookie?.value ?? ''}`);
    };
    const root = await fx.db
      .selectFrom('units')
      .select('id')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    await login('twin-office', 'inspection_office', root.id);
    await login('twin-coordinator', 'coordinator', fx.unitId);
    const [, , , m] = fx.measureIds as [number, number, number, number];
    // Issued by the person's office account: the same person's coordinator account cannot answer it.
    const [mine] = (await issue({ measureIds: [m] }, 'twin-office')) as [number];
    expect((await order(mine, 'twin-coordinator')).can.reply).toBe(false);
    let res = await call('POST', `/api/supervision-orders/${mine}/reply`, 'twin-coordinator', {
      text: '已整改',
      version: 1,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ message: string }>().message).toBe('下发督办单的人不能回复本督办单');
    // Issued by someone else and answered by the person's coordinator account: the office account cannot decide.
    const [theirs] = (await issue({ measureIds: [m] })) as [number];
    res = await call('POST', `/api/supervision-orders/${theirs}/reply`, 'twin-coordinator', {
      text: '已整改',
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await order(theirs, 'twin-office')).can.decide).toBe(false);
    res = await call('POST', `/api/supervision-orders/${theirs}/decision`, 'twin-office', {
      accept: true,
      version: 2,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ message: string }>().message).toBe('回复督办单的人不能审核自己的回复');
  });

  it('filters, counts and pages the list in the database; counts open orders in the unit ranking', async () => {
    const [, , , , m] = fx.measureIds as [number, number, number, number, number];
    const [late] = (await issue({ measureIds: [m] })) as [number];
    await fx.db
      .updateTable('supervision_orders')
      .set({ reply_deadline: addDays(today, -2) })
      .where('id', '=', late)
      .execute();
    const list = async (q: string, who: TRole = 'inspection_office') => {
      const res = await call('GET', `/api/supervision-orders?${q}`, who);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<TSupervisionList>();
    };
    const overdue = await list('overdue=true');
    expect(overdue.items.map((i) => i.id)).toEqual([late]);
    expect(overdue.items[0]?.isOverdue).toBe(true);
    const all = await list('pageSize=200');
    expect((await list('overdue=false')).total).toBe(all.total - 1);
    const byStatus = await Promise.all(
      (['awaiting_reply', 'replied', 'closed'] as const).map((s) => list(`status=${s}`)),
    );
    expect(byStatus.reduce((n, l) => n + l.total, 0)).toBe(all.total);
    expect(byStatus[2]?.items.every((i) => i.status === 'closed')).toBe(true);
    expect((await list('status=open')).total).toBe(all.total - (byStatus[2]?.total ?? 0));
    const ownUnit = await list(`unit=${fx.unitId}&pageSize=200`);
    expect(ownUnit.items.every((i) => i.unitId === fx.unitId)).toBe(true);
    // Paging: two pages of 2 are the first 4 of the whole list, newest first.
    const [p1, p2] = [await list('pageSize=2&page=1'), await list('pageSize=2&page=2')];
    expect([...p1.items, ...p2.items].map((i) => i.id)).toEqual(all.items.slice(0, 4).map((i) => i.id));
    expect(p1.total).toBe(all.total);
    expect((await call('GET', '/api/supervision-orders?status=bogus', 'inspection_office')).statusCode).toBe(
      400,
    );

    const dashboard = (await call('GET', '/api/dashboard', 'inspection_office')).json<TDashboard>();
    const open = all.items.filter((i) => i.status !== 'closed');
    const ownOpen = open.filter((i) => i.unitId === fx.unitId).length;
    expect(dashboard.byUnit.find((u) => u.unitId === fx.unitId)?.openOrders).toBe(ownOpen);
    expect(dashboard.totals.openOrders).toBe(open.length);
    // The coordinator's dashboard counts only the unit's own orders.
    const coordinator = (await call('GET', '/api/dashboard', 'coordinator')).json<TDashboard>();
    expect(coordinator.byUnit.map((u) => u.unitId)).toEqual([fx.unitId]);
    expect(coordinator.totals.openOrders).toBe(ownOpen);
  });
});
