/**
 * The daily reminders (超期预警) on both databases, with the day injected (no clock, no sleeps): who is told of what
 * on a day, nothing twice for the same day, the next day or after a gap, escalation once red long enough, standing
 * measures by their check period, requests waiting too long, one run when two start at once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TLedgerView, TMeasureDetail } from '@shared/api.ts';
import { addDays } from '@shared/chinese.ts';
import type { TRole } from '@shared/domain.ts';
import { workingDaysBetween } from '@shared/reminders.ts';
import { runDueJobs } from '../../jobs/scheduler.ts';
import { testEngines } from '../../test-support/databases.ts';
import { authed, type TFixture } from '../../test-support/factories.ts';
import { useRouteFixture } from '../../test-support/route-suite.ts';
import { sendReminders } from './send-reminders.ts';

const D = '2026-06-10'; // a Wednesday
const TODAY = '2026-12-31';

describe.each(testEngines())('reminders and escalation on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  let ids: { soon: number; late1: number; late5: number; late10: number; closed: number; standing: number };
  /** Reminders sent, as `rule:measure→username`, sorted. */
  const sent = async (day?: string) =>
    (
      await fx.db
        .selectFrom('reminders')
        .innerJoin('users', 'users.id', 'reminders.user_id')
        .select(['reminders.rule', 'reminders.measure_id', 'users.username', 'reminders.day'])
        .$if(day !== undefined, (q) => q.where('reminders.day', '=', day ?? ''))
        .execute()
    )
      .map((r) => `${r.rule}:${r.measure_id}→${r.username}`)
      .sort();
  const usernames = async (role: TRole, where: 'own' | 'other' = 'own') =>
    (
      await fx.db
        .selectFrom('users')
        .select('username')
        .where('role', '=', role)
        .where('unit_id', '=', where === 'own' ? fx.unitId : fx.otherUnitId)
        .execute()
    ).map((u) => u.username);

  beforeAll(async () => {
    fx = fixture();
    const [soon, late1, late5, late10, closed] = fx.measureIds as [number, number, number, number, number];
    const standing = fx.otherMeasureIds[0] ?? 0;
    ids = { soon, late1, late5, late10, closed, standing };
    const set = (id: number, values: Record<string, unknown>) =>
      fx.db.updateTable('measures').set(values).where('id', '=', id).execute();
    const carried = { state: 'in_progress', person_id: fx.personId, leader_id: fx.leaderId, is_standing: 0 };
    await set(soon, { ...carried, deadline: addDays(D, 2) });
    await set(late1, { ...carried, deadline: addDays(D, -1) });
    await set(late5, { ...carried, deadline: addDays(D, -5) });
    await set(late10, { ...carried, deadline: addDays(D, -10) });
    await set(closed, { ...carried, state: 'closed', deadline: addDays(D, -10) });
    const otherPerson = await fx.db
      .selectFrom('people')
      .select('id')
      .where('name', '=', '他人丙')
      .executeTakeFirstOrThrow();
    await set(standing, {
      state: 'standing',
      is_standing: 1,
      deadline: null,
      person_id: otherPerson.id,
      check_interval_days: 30,
      last_progress_date: addDays(D, -40),
    });
  });

  it('tells the carriers, then the leader, then the principal and supervisor, each once, on the day', async () => {
    const r = await sendReminders({ db: fx.db, day: D, today: TODAY });
    expect(r.ran).toBe(true);
    const [responsible] = await usernames('responsible');
    const [leader] = await usernames('leader');
    const carriers = (id: number, rule: string) => [
      `${rule}:${id}→${responsible}`,
      `${rule}:${id}→${leader}`,
    ];
    const top = [...(await usernames('principal')), ...(await usernames('supervisor'))].map(
      (u) => `escalate_top:${ids.late10}→${u}`,
    );
    const otherCarriers = [
      ...(await usernames('responsible', 'other')),
      ...(await usernames('leader', 'other')),
    ];
    expect(await sent(D)).toEqual(
      [
        ...carriers(ids.soon, 'due_soon'),
        ...carriers(ids.late1, 'overdue'),
        ...carriers(ids.late5, 'overdue'),
        ...carriers(ids.late10, 'overdue'),
        `escalate_leader:${ids.late5}→${leader}`,
        `escalate_leader:${ids.late10}→${leader}`,
        ...top,
        ...otherCarriers.map((u) => `standing_missed:${ids.standing}→${u}`),
      ].sort(),
    );
    expect(r.sent).toMatchObject({ due_soon: 2, overdue: 6, escalate_leader: 2, escalate_top: top.length });
    // Each reminder is a message about its measure.
    const messages = await fx.db
      .selectFrom('notifications')
      .select(['text'])
      .where('measure_id', '=', ids.late10)
      .where('text', 'like', '【超期上报】%')
      .execute();
    expect(messages).toHaveLength(top.length);
    expect(messages[0]?.text).toContain('已超期 10 天');
  });

  it('sends nothing twice: the same day again, two runs at once, the next day, and after a gap only what is new', async () => {
    const before = (await sent()).length;
    expect((await sendReminders({ db: fx.db, day: D, today: TODAY })).ran).toBe(false);
    const both = await Promise.all([
      sendReminders({ db: fx.db, day: addDays(D, 1), today: TODAY }),
      sendReminders({ db: fx.db, day: addDays(D, 1), today: TODAY }),
    ]);
    expect(both.filter((r) => r.ran)).toHaveLength(1);
    expect((await sent()).length).toBe(before);
    // Three days on: the measure due on D+2 is now overdue, the one due on D-1 has been red long enough for its
    // leader, and the one due on D-5 (red for 8 days) for the principal and supervisor; nothing else is new.
    await sendReminders({ db: fx.db, day: addDays(D, 3), today: TODAY });
    const [responsible] = await usernames('responsible');
    const [leader] = await usernames('leader');
    const top = [...(await usernames('principal')), ...(await usernames('supervisor'))];
    expect(await sent(addDays(D, 3))).toEqual(
      [
        `overdue:${ids.soon}→${responsible}`,
        `overdue:${ids.soon}→${leader}`,
        `escalate_leader:${ids.late1}→${leader}`,
        ...top.map((u) => `escalate_top:${ids.late5}→${u}`),
      ].sort(),
    );
  });

  it('reminds again when the deadline changed, and reminds a reviewer whose request waited too long', async () => {
    await fx.db
      .updateTable('measures')
      .set({ deadline: addDays(D, 5) })
      .where('id', '=', ids.late1)
      .execute();
    const at = `${addDays(D, 3)}T02:00:00.000Z`;
    await fx.db
      .insertInto('close_out_requests')
      .values({
        measure_id: ids.late5,
        stage: 'leader',
        summary: '已完成',
        measure_version: 1,
        evidence_hashes: '[]',
        requested_by: null,
        request_person_id: fx.personId,
        requested_at: at,
        office_required: 0,
        leader_reviewed_by: null,
        leader_reviewed_at: null,
        approved_by: null,
        approved_at: null,
        confirmed_by: null,
        confirmed_at: null,
        outcome: 'pending',
        reason: null,
      })
      .execute();
    // Requested on Saturday the 13th; Thursday the 18th is four working days later (the inspection allows 3).
    const day = addDays(D, 8);
    expect(workingDaysBetween(addDays(D, 3), day)).toBeGreaterThanOrEqual(3);
    const r = await sendReminders({ db: fx.db, day, today: TODAY });
    expect(r.sent.review_overdue).toBe(1);
    expect(r.sent.due_soon ?? 0).toBe(0);
    const [leader] = await usernames('leader');
    expect(await sent(day)).toEqual(
      expect.arrayContaining([`overdue:${ids.late1}→${leader}`, `review_overdue:${ids.late5}→${leader}`]),
    );
  });

  it('shows a measure’s reminders on its page, and the scheduler sends them only from the configured hour', async () => {
    const cookie = await fx.login('coordinator');
    const detail = (
      await fx.app.inject({ method: 'GET', url: `/api/measures/${ids.late10}`, headers: { cookie } })
    ).json<TMeasureDetail>();
    expect(detail.reminders.map((r) => r.ruleLabel)).toEqual(
      expect.arrayContaining(['超期预警', '超期督促（责任领导）', '超期上报（第一责任人、纪检监察组）']),
    );
    expect(detail.reminders[0]).toMatchObject({ channel: '站内消息', status: 'sent' });
    // 23:00 UTC on the 19th is 07:00 on the 20th in Beijing: before the hour; 01:00 UTC is 09:00.
    const config = { yellowDays: 7, snapshotHour: 22, reminderHour: 8 };
    const day = '2026-06-20';
    await runDueJobs(fx.db, config, new Date('2026-06-19T23:00:00Z'));
    expect(await fx.db.selectFrom('job_runs').select('day').where('day', '=', day).execute()).toHaveLength(0);
    await runDueJobs(fx.db, config, new Date('2026-06-20T01:00:00Z'));
    expect(
      await fx.db.selectFrom('job_runs').select(['day', 'finished_at']).where('day', '=', day).execute(),
    ).toEqual([{ day, finished_at: expect.any(String) as string }]);
  });

  it('lets the inspection office set the thresholds, which the next run uses; nobody else may', async () => {
    const settings = async (role: TRole, escalation: object) =>
      fx.app.inject({
        method: 'PATCH',
        url: `/api/inspections/${fx.inspectionId}/settings`,
        headers: authed(await fx.login(role)),
        payload: { escalation },
      });
    const wanted = { remindDaysBefore: 10, escalateLeaderDays: 30, escalateTopDays: 60, reviewDays: 5 };
    expect((await settings('coordinator', wanted)).statusCode).toBe(403);
    const inverted = await settings('inspection_office', { ...wanted, escalateTopDays: 5 });
    expect(inverted.statusCode).toBe(400);
    expect(inverted.body).toContain('上报第一责任人的天数不能少于督促责任领导的天数');
    expect((await settings('inspection_office', wanted)).statusCode).toBe(200);
    const ledger = (
      await fx.app.inject({
        method: 'GET',
        url: `/api/inspections/${fx.inspectionId}/ledger`,
        headers: authed(await fx.login('coordinator')),
      })
    ).json<TLedgerView>();
    expect(ledger.escalation).toEqual(wanted);
    // Ten days before a new deadline is now "due soon" (it was three).
    const day = '2026-07-20';
    await fx.db
      .updateTable('measures')
      .set({ deadline: addDays(day, 9) })
      .where('id', '=', ids.late1)
      .execute();
    const r = await sendReminders({ db: fx.db, day, today: TODAY });
    expect(r.sent.due_soon).toBe(2);
  });

  it('tells the responsible department’s members when a measure names neither person nor leader', async () => {
    const day = '2026-09-01';
    await fx.db
      .updateTable('measures')
      .set({
        state: 'in_progress',
        person_id: null,
        leader_id: null,
        department_id: fx.departmentId,
        deadline: addDays(day, -1),
      })
      .where('id', '=', ids.closed)
      .execute();
    const members = (
      await fx.db
        .selectFrom('users')
        .innerJoin('people', 'people.id', 'users.person_id')
        .select('users.username')
        .where('people.department_id', '=', fx.departmentId)
        .execute()
    ).map((u) => `overdue:${ids.closed}→${u.username}`);
    expect(members.length).toBeGreaterThan(0);
    await sendReminders({ db: fx.db, day, today: TODAY });
    expect((await sent(day)).filter((r) => r.startsWith(`overdue:${ids.closed}→`))).toEqual(members.sort());
  });

  it('reminds the issuers of a monthly report not yet issued, once from the 1st and once when it is late', async () => {
    /** Reminders about inspections' reports, as `rule:inspection→username`, sorted. */
    const reportReminders = async (subject: string) =>
      (
        await fx.db
          .selectFrom('object_reminders')
          .innerJoin('users', 'users.id', 'object_reminders.user_id')
          .select(['object_reminders.rule', 'object_reminders.object_id', 'users.username'])
          .where('object_reminders.object_type', '=', 'inspection')
          .where('object_reminders.subject', '=', subject)
          .execute()
      )
        .map((r) => `${r.rule}:${r.object_id}→${r.username}`)
        .sort();
    const issuers = async (inspectionId: number, where: 'own' | 'other', rule: string) =>
      [...(await usernames('coordinator', where)), ...(await usernames('principal', where))].map(
        (u) => `${rule}:${inspectionId}→${u}`,
      );
    const first = await sendReminders({ db: fx.db, day: '2026-10-02', today: TODAY });
    expect(first.sent.report_due).toBeGreaterThan(0);
    const due = [
      ...(await issuers(fx.inspectionId, 'own', 'report_due')),
      ...(await issuers(fx.otherInspectionId, 'other', 'report_due')),
    ].sort();
    expect(await reportReminders('report:2026-09')).toEqual(due);
    const message = await fx.db
      .selectFrom('notifications')
      .select(['text', 'link'])
      .where('link', '=', `/inspections/${fx.inspectionId}/documents`)
      .where('text', 'like', '%9月整改进展月报告%')
      .executeTakeFirstOrThrow();
    expect(message.text).toMatch(/^【月报告提醒】.*9月整改进展月报告尚未签发，请于 2026-10-05 前签发$/);
    // The next day: nothing again. After the 5th: once more, as late.
    expect((await sendReminders({ db: fx.db, day: '2026-10-03', today: TODAY })).sent.report_due ?? 0).toBe(
      0,
    );
    await sendReminders({ db: fx.db, day: '2026-10-06', today: TODAY });
    await sendReminders({ db: fx.db, day: '2026-10-07', today: TODAY });
    const late = [
      ...(await issuers(fx.inspectionId, 'own', 'report_overdue')),
      ...(await issuers(fx.otherInspectionId, 'other', 'report_overdue')),
    ];
    expect(await reportReminders('report:2026-09')).toEqual([...due, ...late].sort());
    // A report issued for October: in November only the other inspection is reminded.
    await fx.db
      .insertInto('monthly_reports')
      .values({
        inspection_id: fx.inspectionId,
        month: '2026-10',
        summary: null,
        snapshot_json: '{}',
        issued_by: null,
        issued_at: '2026-11-01T02:00:00.000Z',
      })
      .execute();
    await sendReminders({ db: fx.db, day: '2026-11-02', today: TODAY });
    expect(await reportReminders('report:2026-10')).toEqual(
      (await issuers(fx.otherInspectionId, 'other', 'report_due')).sort(),
    );
  });

  it('reminds the unit of a 督办单 reply two days ahead, once more when it is late, never once replied', async () => {
    const issued = await fx.app.inject({
      method: 'POST',
      url: '/api/supervision-orders',
      headers: authed(await fx.login('inspection_office')),
      payload: {
        measureIds: [fx.measureIds[0] ?? 0],
        problemIds: [],
        reason: '超期未整改，请说明原因并限期整改。',
        replyDeadline: '2027-01-10',
      },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const [orderId] = issued.json<{ ids: number[] }>().ids;
    const orderReminders = async () =>
      (
        await fx.db
          .selectFrom('object_reminders')
          .innerJoin('users', 'users.id', 'object_reminders.user_id')
          .select(['object_reminders.rule', 'users.username'])
          .where('object_reminders.object_type', '=', 'supervision_order')
          .where('object_reminders.object_id', '=', orderId ?? 0)
          .execute()
      )
        .map((r) => `${r.rule}→${r.username}`)
        .sort();
    const run = (day: string) => sendReminders({ db: fx.db, day, today: '2027-02-01' });
    const repliers = async (rule: string) =>
      [...(await usernames('coordinator')), ...(await usernames('principal'))].map((u) => `${rule}→${u}`);
    await run('2027-01-07');
    expect(await orderReminders()).toEqual([]);
    await run('2027-01-08');
    const due = await repliers('order_reply_due');
    expect(await orderReminders()).toEqual(due.sort());
    await run('2027-01-09');
    await run('2027-01-10');
    expect(await orderReminders()).toEqual(due.sort());
    await run('2027-01-11');
    expect(await orderReminders()).toEqual([...due, ...(await repliers('order_reply_overdue'))].sort());
    const message = await fx.db
      .selectFrom('notifications')
      .select(['text'])
      .where('link', '=', `/supervision/${orderId ?? 0}`)
      .where('text', 'like', '【督办逾期】%')
      .execute();
    expect(message.length).toBe((await repliers('x')).length);
    // A replied order is no longer reminded of.
    await fx.db
      .updateTable('supervision_orders')
      .set({ status: 'replied' })
      .where('id', '=', orderId ?? 0)
      .execute();
    await fx.db
      .updateTable('supervision_orders')
      .set({ reply_deadline: '2027-01-20' })
      .where('id', '=', orderId ?? 0)
      .execute();
    await run('2027-01-19');
    expect((await orderReminders()).filter((r) => r.startsWith('order_reply_due'))).toEqual(due.sort());
  });

  it('refuses a day in the future', async () => {
    await expect(sendReminders({ db: fx.db, day: '2027-01-01', today: TODAY })).rejects.toThrow(
      '不能为未来的日期',
    );
  });
});
