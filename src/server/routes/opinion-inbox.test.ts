/**
 * The back office of opinions from the public, on both databases, tried as its users and as an attacker: the whole
 * loop (received → 受理 linked to a problem and assigned → the assignee drafts → the coordinator publishes → the
 * code's public page shows the answer), 不属于受理范围 told at once, every step audited and told to who acts next;
 * contact details only for the roles allowed; another unit's opinions, problems and people refused; stale versions
 * and two publications at once; script payloads as text; the colour by the measures' rule in SQL and TypeScript;
 * reminders before and after the deadline, once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TDashboard, TMyWork, TOpinionList, TOpinionView } from '@shared/api.ts';
import { addDays, todayInChina } from '@shared/chinese.ts';
import { answerDueOf, opinionColour, type TOpinionReceipt } from '@shared/opinions.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { sessionCookies } from '../test-support/measure-calls.ts';
import { publicSideCalls } from '../test-support/public-side.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { sendReminders } from '../use-cases/jobs/send-reminders.ts';

type TWho = Parameters<ReturnType<typeof sessionCookies>['as']>[0];

describe.each(testEngines())('the opinion back office on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const { setPublic } = publicSideCalls(() => fx);
  const { as } = sessionCookies(() => fx);
  let address = 1;
  beforeAll(async () => {
    fx = fixture();
    await setPublic(true, { phone: '0513-85512445' });
  });

  /** An opinion from the public to the fixture's unit; its code and id. */
  const submit = async (content: string) => {
    const res = await fx.app.inject({
      method: 'POST',
      url: '/api/public/opinions',
      headers: { 'x-requested-with': 'zhenggai' },
      remoteAddress: `10.1.0.${address++}`,
      payload: {
        unitId: fx.unitId,
        content,
        name: '李四',
        contact: '13912345678',
        shownAt: Date.now() - 30_000,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { code } = res.json<{ code: string }>();
    const row = await fx.db
      .selectFrom('opinions')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    return { code, id: row.id };
  };
  const get = async (url: string, who: TWho = 'coordinator', where: 'own' | 'other' = 'own') =>
    fx.app.inject({ method: 'GET', url, headers: { cookie: await as(who, where) } });
  const view = async (id: number, who: TWho = 'coordinator') =>
    (await get(`/api/opinions/${id}`, who)).json<TOpinionView>();
  const step = async (
    id: number,
    path: string,
    payload: Record<string, unknown>,
    who: TWho = 'coordinator',
    where: 'own' | 'other' = 'own',
  ) =>
    fx.app.inject({
      method: 'POST',
      url: `/api/opinions/${id}/${path}`,
      headers: authed(await as(who, where)),
      payload,
    });
  const receipt = async (code: string) =>
    (await fx.app.inject({ method: 'GET', url: `/api/public/opinions/${code}` })).json<TOpinionReceipt>();
  const messagesOf = async (who: TWho) =>
    (
      await fx.db
        .selectFrom('notifications')
        .innerJoin('users', 'users.id', 'notifications.user_id')
        .select('notifications.text')
        .where('users.username', '=', `${who}-own`)
        .execute()
    ).map((n) => n.text);
  const firstProblem = async (inspectionId: number) =>
    (
      await fx.db
        .selectFrom('problems')
        .select('id')
        .where('inspection_id', '=', inspectionId)
        .executeTakeFirstOrThrow()
    ).id;

  it('takes an opinion from receipt to a published answer the public reads by its code', async () => {
    const { code, id } = await submit('反映单位公务用车私用问题，希望核查整改。');
    expect((await messagesOf('coordinator')).join()).toContain(code);

    const list = (await get('/api/opinions?status=open')).json<TOpinionList>();
    expect(list.items.map((i) => i.id)).toContain(id);
    const fresh = await view(id);
    expect(fresh).toMatchObject({
      status: 'received',
      colour: 'green',
      name: '李四',
      contact: '13912345678',
    });
    expect(fresh.answerDue).toBe(answerDueOf(new Date().toISOString()));
    expect(fresh.can).toEqual({ triage: true, assign: false, answer: false, publish: false });
    // The inspection office reads the opinion but not who sent it.
    const office = await view(id, 'inspection_office');
    expect(office).toMatchObject({ name: null, contact: null, contactHidden: true });
    expect(JSON.stringify(office)).not.toContain('13912345678');

    const problemId = await firstProblem(fx.inspectionId);
    const accepted = await step(id, 'triage', {
      version: fresh.version,
      decision: 'accept',
      problemId,
      handlerPersonId: fx.leaderId,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<TOpinionView>()).toMatchObject({
      status: 'accepted',
      problemId,
      handlerPersonId: fx.leaderId,
    });
    expect((await messagesOf('leader')).join()).toContain(`请承办群众监督意见（查询码 ${code}）`);
    // The assignee sees it in their inbox; a responsible person it was not given to does not.
    expect((await get('/api/opinions', 'leader')).json<TOpinionList>().items.map((i) => i.id)).toContain(id);
    expect((await get('/api/opinions', 'responsible')).json<TOpinionList>().total).toBe(0);
    expect((await get(`/api/opinions/${id}`, 'responsible')).statusCode).toBe(404);

    // 我的工作 puts it before the assignee and the coordinator; the supervisor reads but does not act.
    const work = async (who: TWho) =>
      (await get('/api/my-work', who)).json<TMyWork>().opinions.items.map((o) => o.id);
    expect(await work('leader')).toContain(id);
    expect(await work('coordinator')).toContain(id);
    expect(await work('supervisor')).toEqual([]);
    expect(await work('responsible')).toEqual([]);
    const leaderView = await view(id, 'leader');
    expect(leaderView.can).toMatchObject({ triage: false, answer: true, publish: false });
    const publishByLeader = await step(id, 'publish', { version: leaderView.version }, 'leader');
    expect(publishByLeader.statusCode).toBe(403);
    const drafted = await step(
      id,
      'answer',
      { version: leaderView.version, answer: '经核查，反映属实，已收回车辆并对当事人批评教育。' },
      'leader',
    );
    expect(drafted.statusCode, drafted.body).toBe(200);
    expect((await messagesOf('coordinator')).join()).toContain('答复已拟好');
    // A draft is not public.
    expect(await receipt(code)).toMatchObject({ status: 'accepted', answer: null });

    const published = await step(id, 'publish', { version: drafted.json<TOpinionView>().version });
    expect(published.statusCode, published.body).toBe(200);
    expect(await receipt(code)).toMatchObject({
      status: 'answered',
      answer: '经核查，反映属实，已收回车辆并对当事人批评教育。',
    });
    const page = await fx.app.inject({ method: 'GET', url: `/public/opinions/${code}` });
    expect(page.body).toContain('已收回车辆');
    expect(page.body).not.toContain('13912345678');
    // Settled: nothing more can be done.
    const again = await step(id, 'answer', {
      version: published.json<TOpinionView>().version,
      answer: '改写已经发布的答复。',
    });
    expect(again.statusCode).toBe(409);

    const kinds = (
      await fx.db
        .selectFrom('audit_events')
        .select('kind')
        .where('object_type', '=', 'opinion')
        .where('object_id', '=', id)
        .orderBy('seq')
        .execute()
    ).map((a) => a.kind);
    expect(kinds).toEqual([
      'opinion.received',
      'opinion.accepted',
      'opinion.answer_drafted',
      'opinion.answer_published',
    ]);
  });

  it('tells the public at once when an opinion is outside the remit, and wants the reason', async () => {
    const { code, id } = await submit('反映邻居装修噪音扰民的问题。');
    const v = (await view(id)).version;
    const noReason = await step(id, 'triage', { version: v, decision: 'out_of_scope' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<{ message: string }>().message).toContain('理由');
    const done = await step(id, 'triage', {
      version: v,
      decision: 'out_of_scope',
      reason: '不属于巡察整改事项，请向所在街道反映。',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(await receipt(code)).toMatchObject({
      status: 'out_of_scope',
      answer: '不属于巡察整改事项，请向所在街道反映。',
    });
    expect((await step(id, 'triage', { version: v + 1, decision: 'accept' })).statusCode).toBe(409);
  });

  it('refuses another unit: its opinions, and this opinion linked to its problems, measures or people', async () => {
    const { id } = await submit('关于食堂采购不规范的问题反映。');
    expect((await get(`/api/opinions/${id}`, 'coordinator', 'other')).statusCode).toBe(404);
    expect((await get(`/api/opinions/${id}`, 'supervisor', 'other')).statusCode).toBe(404);
    expect(
      (await get(`/api/opinions?unit=${fx.unitId}`, 'coordinator', 'other')).json<TOpinionList>().total,
    ).toBe(0);
    expect(
      (await step(id, 'triage', { version: 1, decision: 'accept' }, 'coordinator', 'other')).statusCode,
    ).toBe(404);
    const otherProblem = await firstProblem(fx.otherInspectionId);
    const otherPerson = await fx.db
      .selectFrom('people')
      .select('id')
      .where('unit_id', '=', fx.otherUnitId)
      .executeTakeFirst();
    const refusals: Array<Record<string, unknown>> = [
      { problemId: otherProblem },
      { measureId: fx.otherMeasureIds[0] },
      ...(otherPerson ? [{ handlerPersonId: otherPerson.id }] : []),
      {
        problemId: await firstProblem(fx.inspectionId),
        measureId: fx.measureIds[0],
        handlerPersonId: 999_999,
      },
    ];
    for (const r of refusals) {
      const res = await step(id, 'triage', { version: 1, decision: 'accept', ...r });
      expect(res.statusCode, JSON.stringify(r)).toBe(422);
    }
    expect(await view(id)).toMatchObject({ status: 'received', version: 1, handlerPersonId: null });
  });

  it('refuses a stale version and lets one of two publications at once pass', async () => {
    const { id } = await submit('关于办事大厅窗口服务态度的问题。');
    await step(id, 'triage', { version: 1, decision: 'accept', measureId: fx.measureIds[1] });
    const stale = await step(id, 'answer', { version: 1, answer: '按旧版本写的答复内容。' });
    expect(stale.statusCode).toBe(409);
    const v = (
      await step(id, 'answer', { version: 2, answer: '已对窗口人员开展作风教育。' })
    ).json<TOpinionView>().version;
    const both = await Promise.all([
      step(id, 'publish', { version: v }),
      step(id, 'publish', { version: v }, 'principal'),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const audits = await fx.db
      .selectFrom('audit_events')
      .select('id')
      .where('kind', '=', 'opinion.answer_published')
      .where('object_id', '=', id)
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('lets one of two triages sent at once through, and refuses hostile list queries with a Chinese 400', async () => {
    const { id } = await submit('关于会议室长期闲置的问题反映。');
    const both = await Promise.all([
      step(id, 'triage', { version: 1, decision: 'accept' }),
      step(
        id,
        'triage',
        { version: 1, decision: 'out_of_scope', reason: '不属于巡察整改事项。' },
        'principal',
      ),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const audits = await fx.db
      .selectFrom('audit_events')
      .select('kind')
      .where('object_type', '=', 'opinion')
      .where('object_id', '=', id)
      .execute();
    expect(audits.filter((a) => a.kind !== 'opinion.received')).toHaveLength(1);
    for (const query of [
      'pageSize=100000',
      'status=deleted',
      'colour=purple',
      `q=${'字'.repeat(101)}`,
      'unit=abc',
    ]) {
      const res = await get(`/api/opinions?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ message: string }>().message, query).toMatch(/[\u4e00-\u9fff]/);
    }
    // Wildcards are words, not patterns.
    expect((await get('/api/opinions?q=%25%25')).json<TOpinionList>().total).toBe(0);
  });

  it('shows a script in an opinion and an answer as text, in the back office and on the public page', async () => {
    const payload = '<script>alert("x")</script><img src=x onerror=alert(1)>反映问题';
    const { code, id } = await submit(payload);
    expect((await view(id)).content).toBe(payload);
    await step(id, 'triage', {
      version: 1,
      decision: 'out_of_scope',
      reason: `<script>alert(2)</script>不予受理`,
    });
    const page = await fx.app.inject({ method: 'GET', url: `/public/opinions/${code}` });
    expect(page.body).not.toContain('<script>alert(2)');
    expect(page.body).toContain('&lt;script&gt;alert(2)');
  });

  it('colours by the measures’ rule in SQL as in TypeScript, filters by colour, and reminds once before and after', async () => {
    const today = todayInChina();
    const dues = [-5, -1, 0, 1, 3, 4, 10].map((d) => addDays(today, d));
    const ids: number[] = [];
    for (const [i, due] of dues.entries()) {
      const { id } = await submit(`第 ${i} 条关于整改进度的意见。`);
      await fx.db
        .updateTable('opinions')
        .set({ answer_due: due, status: i === 6 ? 'answered' : 'received' })
        .where('id', '=', id)
        .execute();
      ids.push(id);
    }
    const list = (await get('/api/opinions?pageSize=200')).json<TOpinionList>();
    for (const item of list.items.filter((i) => ids.includes(i.id)))
      expect(item.colour, item.answerDue).toBe(opinionColour(item.status, item.answerDue, today));
    const red = (await get('/api/opinions?colour=red&pageSize=200')).json<TOpinionList>();
    expect(
      red.items
        .filter((i) => ids.includes(i.id))
        .map((i) => i.answerDue)
        .sort(),
    ).toEqual(dues.slice(0, 2));
    expect(red.items.every((i) => i.colour === 'red')).toBe(true);

    const first = await sendReminders({ db: fx.db, day: today, today });
    expect(first.sent.opinion_overdue ?? 0).toBeGreaterThan(0);
    expect(first.sent.opinion_due ?? 0).toBeGreaterThan(0);
    const texts = (await messagesOf('coordinator')).join('\n');
    expect(texts).toContain('【意见答复逾期】');
    const count = async () =>
      (await fx.db.selectFrom('object_reminders').select('id').where('object_type', '=', 'opinion').execute())
        .length;
    const before = await count();
    await fx.db.deleteFrom('job_runs').execute();
    await sendReminders({ db: fx.db, day: today, today });
    expect(await count()).toBe(before);
  });
  it('counts opinions on the dashboard for readers of every opinion, and as a paragraph of the monthly report', async () => {
    const { id } = await submit('关于机关食堂浪费问题的反映意见。');
    const problemId = await firstProblem(fx.inspectionId);
    await step(id, 'triage', { version: 1, decision: 'accept', problemId });
    await fx.db.updateTable('opinions').set({ answer_due: '2020-01-01' }).where('id', '=', id).execute();
    const board = async (who: TWho, query = '') =>
      (await get(`/api/dashboard${query}`, who)).json<TDashboard>().opinions;
    const all = await fx.db
      .selectFrom('opinions')
      .select(['status', 'answer_due', 'problem_id'])
      .where('unit_id', '=', fx.unitId)
      .execute();
    const today = todayInChina();
    const open = all.filter((o) => o.status === 'received' || o.status === 'accepted');
    const expected = {
      received: all.length,
      answered: all.filter((o) => o.status === 'answered').length,
      outOfScope: all.filter((o) => o.status === 'out_of_scope').length,
      open: open.length,
      overdue: open.filter((o) => o.answer_due < today).length,
    };
    expect(await board('inspection_office', `?unit=${fx.unitId}`)).toMatchObject(expected);
    expect(await board('coordinator')).toMatchObject(expected);
    const byProblem = (await board('supervisor'))?.byProblem ?? [];
    expect(byProblem.length).toBeGreaterThan(0);
    // Another unit's office sees none of them; a leader reads only what is assigned, so no totals.
    expect((await board('coordinator', ''))?.received).toBe(expected.received);
    expect(await board('leader')).toBeNull();
    expect((await get(`/api/dashboard`, 'coordinator', 'other')).json<TDashboard>().opinions?.received).toBe(
      0,
    );

    const month = today.slice(0, 7);
    const report = await get(`/api/inspections/${fx.inspectionId}/documents/monthly.txt?month=${month}`);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.body).toContain(`本月收到群众监督意见${expected.received}条`);
    expect(report.body).toContain(`其中逾期未答复${expected.overdue}条`);
  });
});
