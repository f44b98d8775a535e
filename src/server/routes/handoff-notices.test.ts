/**
 * Every step that hands work to someone tells them, on both databases: a 销号 request reaches its leader, then the
 * principal; a send-back and an approval reach the requester; an extension request reaches the principal and its
 * decision the requester. Each message is about its measure, and nobody is told of their own step.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TBadge, TMeasureDetail, TNotificationView } from '@shared/api.ts';
import type { TRole } from '@shared/domain.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { measureCalls } from '../test-support/measure-calls.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';

describe.each(testEngines())('messages on every handoff on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const cookies: Record<string, string> = {};
  const c = (who: string) => cookies[who] ?? '';
  const { detail, transition, upload, started } = measureCalls(() => fx, c);
  const ROLES: TRole[] = [
    'coordinator',
    'responsible',
    'leader',
    'principal',
    'inspection_office',
    'supervisor',
  ];
  beforeAll(async () => {
    fx = fixture();
    for (const role of ROLES) cookies[role] = await fx.login(role);
  });
  /** The messages about one measure a role has, newest first. */
  const inbox = async (role: TRole, measureId: number) =>
    (await fx.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: c(role) } }))
      .json<TNotificationView[]>()
      .filter((n) => n.measureId === measureId)
      .map((n) => n.text);

  it('takes a 销号 request to its leader, then the principal; a send-back and the approval to the requester', async () => {
    const id = await started(0);
    expect((await upload('responsible', id)).statusCode).toBe(201);
    expect((await transition('responsible', id, 'request_close_out', '已完成整改')).statusCode).toBe(200);
    expect(await inbox('leader', id)).toEqual([expect.stringMatching(/^【销号申请】.*请审核$/)]);
    expect(await inbox('principal', id)).toEqual([]);
    expect(await inbox('responsible', id)).toEqual([]); // not told of their own request

    expect((await transition('leader', id, 'leader_review')).statusCode).toBe(200);
    expect(await inbox('principal', id)).toEqual([expect.stringMatching(/^【销号申请】.*请审批$/)]);

    expect((await transition('principal', id, 'send_back', '佐证材料不足，请补充会议纪要')).statusCode).toBe(
      200,
    );
    expect(await inbox('responsible', id)).toEqual([expect.stringContaining('【退回】')]);
    expect((await inbox('responsible', id))[0]).toContain('佐证材料不足');

    expect((await transition('responsible', id, 'request_close_out', '已补充材料')).statusCode).toBe(200);
    expect(await inbox('leader', id)).toHaveLength(2);
    expect((await transition('leader', id, 'leader_review')).statusCode).toBe(200);
    expect((await transition('principal', id, 'approve_close_out')).statusCode).toBe(200);
    expect((await detail(id)).measure.state).toBe('closed');
    expect((await inbox('responsible', id))[0]).toMatch(/^【已销号】/);
    // The principal approved: they are not told of it.
    expect((await inbox('principal', id)).filter((t) => t.startsWith('【已销号】'))).toEqual([]);
  });

  it('takes an extension request to the principal and the decision back to the requester', async () => {
    const id = await started(1);
    const asked = await fx.app.inject({
      method: 'POST',
      url: `/api/measures/${id}/extensions`,
      headers: authed(c('responsible')),
      payload: { deadline: '2031-06-30', reason: '需与上级部门协调' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(await inbox('principal', id)).toEqual([expect.stringMatching(/^【延期\/调整申请】.*请审批$/)]);
    const requestId = asked.json<TMeasureDetail>().extensions[0]?.id ?? 0;
    const decided = await fx.app.inject({
      method: 'POST',
      url: `/api/extensions/${requestId}/decision`,
      headers: authed(c('principal')),
      payload: { approve: false, note: '时限不能再延，请加派人手' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const told = await inbox('responsible', id);
    expect(told).toEqual([expect.stringContaining('未同意')]);
    expect(told[0]).toContain('请加派人手');
  });

  it('takes a supervisor’s comment to the responsible side, and a department’s members when no one is named', async () => {
    const id = await started(2);
    const comment = (who: TRole, measureId: number, text: string) =>
      fx.app.inject({
        method: 'POST',
        url: `/api/measures/${measureId}/comments`,
        headers: authed(c(who)),
        payload: { text },
      });
    expect((await comment('supervisor', id, '请加快制度修订进度，并报送落实情况。')).statusCode).toBe(201);
    const told = /^【意见】纪检监察组.*提出意见：请加快制度修订进度/;
    expect(await inbox('responsible', id)).toEqual([expect.stringMatching(told)]);
    expect(await inbox('leader', id)).toEqual([expect.stringMatching(told)]);
    expect(await inbox('supervisor', id)).toEqual([]); // not told of their own comment
    expect(await inbox('principal', id)).toEqual([]);
    // A measure carried by a department alone: its members are told.
    const byDepartment = fx.measureIds[3] ?? 0;
    await fx.db
      .updateTable('measures')
      .set({ person_id: null, leader_id: null, department_id: fx.departmentId })
      .where('id', '=', byDepartment)
      .execute();
    expect((await comment('supervisor', byDepartment, '请明确责任人。')).statusCode).toBe(201);
    expect(await inbox('responsible', byDepartment)).toEqual([expect.stringMatching(/^【意见】/)]);
  });
});

describe.each(testEngines())('messages read when opened or acted on, on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const cookies: Record<string, string> = {};
  const c = (who: string) => cookies[who] ?? '';
  const { transition, patch, upload } = measureCalls(() => fx, c);
  beforeAll(async () => {
    fx = fixture();
    for (const role of ['coordinator', 'responsible', 'leader', 'principal'] as const)
      cookies[role] = await fx.login(role);
  });
  const messages = async (role: string) =>
    (await fx.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: c(role) } })).json<
      TNotificationView[]
    >();

  it('keeps a message unread when the list is shown, reads it when opened, and only one’s own', async () => {
    const id = fx.measureIds[0] ?? 0;
    await patch('coordinator', id, {
      departmentId: fx.departmentId,
      leaderId: fx.leaderId,
      personId: fx.personId,
      deadline: '2030-06-30',
    });
    await transition('coordinator', id, 'start');
    await upload('responsible', id);
    await transition('responsible', id, 'request_close_out', '已完成');
    const [first] = await messages('leader');
    expect(first?.isRead).toBe(false);
    expect(first?.href).toBe(`/inspections/${fx.inspectionId}?measure=${id}`);
    expect((await messages('leader'))[0]?.isRead).toBe(false); // showing the list twice reads nothing
    const other = await fx.app.inject({
      method: 'POST',
      url: `/api/notifications/${first?.id ?? 0}/read`,
      headers: authed(c('principal')),
    });
    expect(other.statusCode).toBe(404);
    expect((await messages('leader'))[0]?.isRead).toBe(false);
    const opened = await fx.app.inject({
      method: 'POST',
      url: `/api/notifications/${first?.id ?? 0}/read`,
      headers: authed(c('leader')),
    });
    expect(opened.statusCode).toBe(200);
    expect((await messages('leader'))[0]?.isRead).toBe(true);
  });

  it('keeps the header’s badge live: counts in SQL, 304 while nothing changed, new counts once something did', async () => {
    const badge = (role: TRole, etag?: string) =>
      fx.app.inject({
        method: 'GET',
        url: '/api/notifications/badge',
        headers: { cookie: c(role), ...(etag === undefined ? {} : { 'if-none-match': etag }) },
      });
    const first = await badge('leader');
    expect(first.statusCode).toBe(200);
    const before = first.json<TBadge>();
    // The leader has one 销号 request to review (from the test before) and its unread messages.
    expect(before.reviews).toBe(1);
    expect(before.unread).toBe((await messages('leader')).filter((n) => !n.isRead).length);
    const etag = String(first.headers.etag);
    const same = await badge('leader', etag);
    expect(same.statusCode).toBe(304);
    expect(same.body).toBe('');
    // Another account's tag is not this one's.
    expect((await badge('principal', etag)).statusCode).toBe(200);
    // A 催办 reaches the leader: the next look answers the new count.
    const reminded = await fx.app.inject({
      method: 'POST',
      url: '/api/measures/batch/remind',
      headers: authed(c('coordinator')),
      payload: { ids: [fx.measureIds[0] ?? 0], note: '请尽快审核' },
    });
    expect(reminded.statusCode, reminded.body).toBe(200);
    const changed = await badge('leader', etag);
    expect(changed.statusCode).toBe(200);
    expect(changed.json<TBadge>()).toEqual({ unread: before.unread + 1, reviews: 1 });
    expect(changed.headers.etag).not.toBe(etag);
    await fx.app.inject({ method: 'POST', url: '/api/notifications/read', headers: authed(c('leader')) });
    expect((await badge('leader')).json<TBadge>()).toEqual({ unread: 0, reviews: 1 });
    expect((await fx.app.inject({ method: 'GET', url: '/api/notifications/badge' })).statusCode).toBe(401);
  });

  it('reads the messages about a measure once their reader acts on it', async () => {
    const id = fx.measureIds[0] ?? 0;
    expect((await transition('leader', id, 'leader_review')).statusCode).toBe(200);
    const waiting = (await messages('principal')).filter((n) => n.measureId === id);
    expect(waiting.map((n) => n.isRead)).toEqual([false]);
    expect((await transition('principal', id, 'approve_close_out')).statusCode).toBe(200);
    expect((await messages('principal')).filter((n) => n.measureId === id).map((n) => n.isRead)).toEqual([
      true,
    ]);
  });
});
