import { beforeAll, describe, expect, it } from 'vitest';
import type { TMeasureDetail } from '@shared/api.ts';
import type { TRole } from '@shared/domain.ts';
import { systemActor } from '../policies/actor.ts';
import { insertPerson } from '../repositories/unit.repository.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, TEST_PASSWORD, type TFixture } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { measureCalls } from '../test-support/measure-calls.ts';
import { createUser } from '../use-cases/users/create-user.ts';

/**
 * The close-out chain (销号) as an attacker would try it: one person taking several steps, with one account or
 * two, and reassigning people while a request is pending. Each step must be taken by someone else; where a unit
 * has too few people, the inspection office must confirm instead.
 */
describe.each(testEngines())('separation of duties in the close-out chain on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const cookies: Record<string, string> = {};
  let principalPersonId = 0;

  const loginAs = async (username: string) => {
    const res = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-requested-with': 'zhenggai' },
      payload: { username, password: TEST_PASSWORD },
    });
    const cookie = res.cookies.find((x) => x.name === 'zhenggai_session');
    if (!cookie) throw new Error(`login failed: ${res.body}`);
    return `zhenggai_session=${cookie.value}`;
  };
  const account = async (username: string, role: TRole, unitId: number, personId: number | null) => {
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
    cookies[username] = await loginAs(username);
  };

  beforeAll(async () => {
    fx = fixture();
    for (const role of ['coordinator', 'responsible', 'leader', 'inspection_office'] as const)
      cookies[role] = await fx.login(role);
    // The principal is a person of the unit too, so he can be named responsible person or leader.
    principalPersonId = await insertPerson(fx.db, {
      unitId: fx.unitId,
      departmentId: null,
      name: '书记丁',
      position: '党组书记',
      isDemo: false,
    });
    await fx.db
      .updateTable('users')
      .set({ person_id: principalPersonId })
      .where('username', '=', 'principal-own')
      .execute();
    cookies.principal = await fx.login('principal');
  });
  const c = (who: string) => cookies[who] ?? '';
  const { detail, transition, patch, upload } = measureCalls(() => fx, c);
  const message = (r: { json: <T>() => T }) => r.json<{ message: string }>().message;
  const prepared = async (index: number, people: { leaderId: number; personId: number }) => {
    const id = fx.measureIds[index] ?? 0;
    expect(
      (
        await patch('coordinator', id, {
          departmentId: fx.departmentId,
          ...people,
          deadline: '2030-06-30',
        })
      ).statusCode,
    ).toBe(200);
    expect((await transition('coordinator', id, 'start')).statusCode).toBe(200);
    return id;
  };

  it('the principal cannot close a measure alone: made responsible and leader, his request waits for the inspection office', async () => {
    const id = fx.measureIds[0] ?? 0;
    // The probe's path: PATCH himself in as leader and responsible person, upload, request, review, approve.
    const self = await patch('principal', id, {
      departmentId: fx.departmentId,
      leaderId: principalPersonId,
      personId: principalPersonId,
      deadline: '2030-06-30',
    });
    expect(self.statusCode).toBe(200);
    expect((await transition('principal', id, 'start')).statusCode).toBe(200);
    expect((await upload('principal', id)).statusCode).toBe(201);
    const requested = await transition('principal', id, 'request_close_out', '已完成');
    expect(requested.statusCode).toBe(200);
    // Nobody else leads it and he is the unit's only principal: only the office can decide.
    expect(requested.json<TMeasureDetail>().measure.closeOutStage).toBe('office');
    expect(requested.json<TMeasureDetail>().closeOut?.officeRequired).toBe(true);
    for (const action of ['leader_review', 'approve_close_out', 'confirm_close_out', 'send_back'])
      expect((await transition('principal', id, action, '同意')).statusCode).toBe(422);
    expect((await detail(id)).measure.state).toBe('close_requested');
    const confirmed = await transition('inspection_office', id, 'confirm_close_out', '经核查属实');
    expect(confirmed.statusCode).toBe(200);
    const closed = confirmed.json<TMeasureDetail>();
    expect(closed.measure.state).toBe('closed');
    expect(closed.closeOut).toMatchObject({
      requesterName: 'principal-own',
      confirmerName: 'inspection_office-own',
      confirmationOpinion: '经核查属实',
    });
  });

  it('a leader who makes himself responsible cannot review his own request; the principal approves and the office confirms', async () => {
    const id = fx.measureIds[1] ?? 0;
    await patch('coordinator', id, {
      departmentId: fx.departmentId,
      leaderId: fx.leaderId,
      personId: fx.personId,
      deadline: '2030-06-30',
    });
    await transition('coordinator', id, 'start');
    expect((await patch('leader', id, { personId: fx.leaderId })).statusCode).toBe(200);
    expect((await upload('leader', id)).statusCode).toBe(201);
    const requested = await transition('leader', id, 'request_close_out', '已完成');
    expect(requested.json<TMeasureDetail>().measure.closeOutStage).toBe('principal');
    expect((await transition('leader', id, 'leader_review')).statusCode).toBe(422);
    const approved = await transition('principal', id, 'approve_close_out', '同意销号');
    expect(approved.statusCode).toBe(200);
    // A stage was skipped for want of people: the office confirms, although the inspection does not require it.
    expect(approved.json<TMeasureDetail>().measure.closeOutStage).toBe('office');
    expect(
      (await transition('inspection_office', id, 'confirm_close_out')).json<TMeasureDetail>().measure.state,
    ).toBe('closed');
  });

  it('one person with two accounts is one person: the reviewer cannot approve with his principal account', async () => {
    const id = await prepared(2, { leaderId: fx.leaderId, personId: fx.personId });
    await account('leader-as-principal', 'principal', fx.unitId, fx.leaderId);
    await upload('responsible', id);
    await transition('responsible', id, 'request_close_out', '已完成');
    expect((await transition('leader', id, 'leader_review', '材料齐全')).statusCode).toBe(200);
    const twin = await transition('leader-as-principal', id, 'approve_close_out');
    expect(twin.statusCode).toBe(422);
    expect(message(twin)).toBe('审核销号申请的人不能再批准同一申请');
    const approved = await transition('principal', id, 'approve_close_out', '同意');
    expect(approved.json<TMeasureDetail>().measure.state).toBe('closed');
    expect(approved.json<TMeasureDetail>().closeOut).toMatchObject({
      reviewerName: 'leader-own',
      leaderOpinion: '材料齐全',
      approverName: 'principal-own',
      approvalOpinion: '同意',
    });
  });

  it('the approver cannot confirm with an inspection-office account of his own', async () => {
    const id = await prepared(3, { leaderId: fx.leaderId, personId: fx.personId });
    await fx.app.inject({
      method: 'PATCH',
      url: `/api/inspections/${fx.inspectionId}/settings`,
      headers: authed(c('inspection_office')),
      payload: { requiresOfficeConfirmation: true },
    });
    await account('principal-in-office', 'inspection_office', fx.unitId, principalPersonId);
    await upload('responsible', id);
    await transition('responsible', id, 'request_close_out', '已完成');
    await transition('leader', id, 'leader_review');
    expect(
      (await transition('principal', id, 'approve_close_out')).json<TMeasureDetail>().measure.closeOutStage,
    ).toBe('office');
    const twin = await transition('principal-in-office', id, 'confirm_close_out');
    expect(twin.statusCode).toBe(422);
    expect(message(twin)).toBe('批准销号的人不能再确认同一申请');
    expect((await transition('inspection_office', id, 'confirm_close_out')).statusCode).toBe(200);
  });

  it('changing the responsible person or leader voids a pending request', async () => {
    const id = await prepared(4, { leaderId: fx.leaderId, personId: fx.personId });
    await upload('responsible', id);
    await transition('responsible', id, 'request_close_out', '已完成');
    const moved = await patch('coordinator', id, { leaderId: principalPersonId });
    expect(moved.statusCode).toBe(200);
    const d = await detail(id);
    expect(d.measure.state).toBe('in_progress');
    expect(d.closeOut).toMatchObject({ outcome: 'invalidated' });
    expect(d.closeOut?.reason).toContain('原销号申请作废');
    // The old leader no longer leads it (403); the principal has nothing to approve (422).
    expect((await transition('leader', id, 'leader_review')).statusCode).toBe(403);
    expect((await transition('principal', id, 'approve_close_out')).statusCode).toBe(422);
  });
});
