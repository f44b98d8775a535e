/**
 * The daily reminders job (超期预警): for the day, each rule finds what is due — measures turning due within the
 * inspection's days, overdue, red long enough to go to the leader and then to the principal and the discipline
 * supervisor, standing measures past their check period, 销号 and extension requests waiting longer than the
 * inspection's working days — and tells the right people, once: each reminder is recorded per rule, measure, subject
 * (e.g. the deadline it was due by) and recipient, so a day run twice, by two processes or after a gap, sends nothing
 * twice. The day is claimed with a lease; measures are paged by id so the job's memory stays flat.
 */
import type { Kysely } from 'kysely';
import { addDays, todayInChina, daysBetween } from '@shared/chinese.ts';
import { ROLES } from '@shared/domain.ts';
import { monthlyReportDue, type TReminderRule, workingDaysBetween } from '@shared/reminders.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { systemActor } from '../../policies/actor.ts';
import { roleMay } from '../../policies/policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { insertNotifications } from '../../repositories/notification.repository.ts';
import {
  claimJobDay,
  dueMeasures,
  finishJobDay,
  inspectionsOwingReport,
  pendingCloseOutsForReminders,
  pendingExtensionsForReminders,
  ordersAwaitingReply,
  recordReminder,
  type TDueMeasure,
  type TMeasureRule,
} from '../../repositories/reminder.repository.ts';
import {
  activeAccountsOfDepartments,
  activeAccountsOfPeople,
  activeAccountsOfUnits,
  activeUsersOfUnit,
} from '../../repositories/user.repository.ts';
import { shortText, stageReviewers } from '../measures/handoff-notices.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { eachPageInTransaction, remindAbout } from './object-reminders.ts';
import { remindOpinions } from './remind-opinions.ts';

const JOB = 'reminders';
/** Measures handled per transaction. */
const PAGE = 500;
const MEASURE_RULES: TMeasureRule[] = [
  'due_soon',
  'overdue',
  'escalate_leader',
  'escalate_top',
  'standing_missed',
];

/** What a run did. */
export type TRemindersResult = { day: string; ran: boolean; sent: Partial<Record<TReminderRule, number>> };

/** Appends `value` to the list kept under `key`. */
function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Who a measure rule tells, for a whole page of measures in at most two queries: the responsible person and leader
 * (or, with neither named, the responsible department's members); the leader alone when escalating to them; the
 * unit's principal and discipline supervisor at the top.
 */
async function recipientsOfPage(
  db: Kysely<Database>,
  rule: TMeasureRule,
  page: readonly TDueMeasure[],
): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (rule === 'escalate_top') {
    const byUnit = new Map<number, number[]>();
    const units = [...new Set(page.map((m) => m.unit_id))];
    for (const u of await activeAccountsOfUnits(db, ['principal', 'supervisor'], units))
      push(byUnit, u.unit_id, u.id);
    for (const m of page) out.set(m.id, byUnit.get(m.unit_id) ?? []);
    return out;
  }
  const peopleOf = (m: TDueMeasure): number[] =>
    rule === 'escalate_leader'
      ? m.leader_id === null
        ? []
        : [m.leader_id]
      : [m.person_id, m.leader_id].filter((p): p is number => p !== null);
  const departmentOf = (m: TDueMeasure): number | null =>
    rule !== 'escalate_leader' && peopleOf(m).length === 0 ? m.department_id : null;
  const byPerson = new Map<number, number[]>();
  const byDepartment = new Map<number, number[]>();
  const people = [...new Set(page.flatMap(peopleOf))];
  const departments = [...new Set(page.map(departmentOf).filter((d): d is number => d !== null))];
  for (const u of await activeAccountsOfPeople(db, people))
    if (u.person_id !== null) push(byPerson, u.person_id, u.id);
  for (const u of await activeAccountsOfDepartments(db, departments))
    if (u.department_id !== null) push(byDepartment, u.department_id, u.id);
  for (const m of page) {
    const department = departmentOf(m);
    out.set(m.id, [
      ...peopleOf(m).flatMap((p) => byPerson.get(p) ?? []),
      ...(department === null ? [] : (byDepartment.get(department) ?? [])),
    ]);
  }
  return out;
}

/** The message of a measure rule on `day`. */
function textOf(rule: TMeasureRule, m: TDueMeasure, day: string): string {
  const what = `措施“${shortText(m.content)}”`;
  const late = m.deadline === null ? 0 : daysBetween(m.deadline, day);
  switch (rule) {
    case 'due_soon':
      return `【临期提醒】${what}将于 ${m.deadline ?? ''} 到期，请抓紧推进`;
    case 'overdue':
      return `【超期预警】${what}已超过完成时限（${m.deadline ?? ''}），请尽快整改并报送进展`;
    case 'escalate_leader':
      return `【超期督促】您分管的${what}已超期 ${late} 天（时限 ${m.deadline ?? ''}），请督促整改`;
    case 'escalate_top':
      return `【超期上报】${what}已超期 ${late} 天（时限 ${m.deadline ?? ''}），请督促整改`;
    case 'standing_missed':
      return `【进展提醒】长期坚持的${what}已过检查周期，请报送整改进展`;
  }
}

/** Records and sends one reminder to each recipient not yet reminded of it; returns how many were sent. */
async function remind(
  db: Kysely<Database>,
  r: { rule: TReminderRule; measureId: number; subject: string; day: string; at: string; text: string },
  recipients: readonly number[],
): Promise<number> {
  let sent = 0;
  for (const userId of new Set(recipients)) {
    const isNew = await recordReminder(db, {
      rule: r.rule,
      measure_id: r.measureId,
      subject: r.subject,
      user_id: userId,
      channel: 'in_app',
      status: 'sent',
      day: r.day,
      sent_at: r.at,
      error: null,
    });
    if (!isNew) continue;
    await insertNotifications(db, [
      { user_id: userId, text: r.text, measure_id: r.measureId, created_at: r.at, read_at: null },
    ]);
    sent += 1;
  }
  return sent;
}

/** Who replies to a supervision order: the roles the policy lets reply. */
const ORDER_REPLIERS = ROLES.filter((role) => roleMay(role, 'supervision.reply'));
/** Days before a 督办单's reply deadline its unit is reminded. */
const ORDER_REMIND_DAYS = 2;

/**
 * Supervision orders (督办单) waiting for the unit's reply: its repliers are reminded once when the deadline is two
 * days away (or nearer), and once more when it has passed.
 */
async function remindOrders(
  db: Kysely<Database>,
  day: string,
  at: string,
  count: (rule: TReminderRule, n: number) => void,
): Promise<void> {
  await eachPageInTransaction(
    db,
    PAGE,
    (afterId) => ordersAwaitingReply(db, addDays(day, ORDER_REMIND_DAYS), afterId, PAGE),
    async (trx, page) => {
      const byUnit = new Map<number, number[]>();
      const units = [...new Set(page.map((o) => o.unit_id))];
      for (const u of await activeAccountsOfUnits(trx, ORDER_REPLIERS, units)) push(byUnit, u.unit_id, u.id);
      for (const o of page) {
        const late = o.reply_deadline < day;
        const rule: TReminderRule = late ? 'order_reply_overdue' : 'order_reply_due';
        const what = `督办单（${shortText(o.reason, 30)}）`;
        const text = late
          ? `【督办逾期】${what}应于 ${o.reply_deadline} 前回复，现已逾期，请尽快回复`
          : `【督办提醒】${what}请于 ${o.reply_deadline} 前回复`;
        const object = { type: 'supervision_order' as const, id: o.id, link: `/supervision/${o.id}` };
        const r = { rule, subject: `reply:${o.reply_deadline}`, day, at, text };
        count(rule, await remindAbout(trx, object, r, byUnit.get(o.unit_id) ?? []));
      }
    },
  );
}

/** Who issues the monthly report: the roles the policy lets issue it. */
const REPORT_ISSUERS = ROLES.filter((role) => roleMay(role, 'report.issue'));

/**
 * The monthly report (月报告): while the previous month's report of an inspection with open work is not issued, its
 * issuers are reminded once from the 1st, and once more after the due day has passed. Paged by inspection id.
 */
async function remindReports(
  db: Kysely<Database>,
  day: string,
  at: string,
  count: (rule: TReminderRule, n: number) => void,
): Promise<void> {
  const { month, dueDate } = monthlyReportDue(day);
  const rule: TReminderRule = day > dueDate ? 'report_overdue' : 'report_due';
  const monthEnds = `${day.slice(0, 7)}-01`;
  const label = `${Number(month.slice(5, 7))}月`;
  await eachPageInTransaction(
    db,
    PAGE,
    (afterId) => inspectionsOwingReport(db, month, monthEnds, afterId, PAGE),
    async (trx, page) => {
      const byUnit = new Map<number, number[]>();
      const units = [...new Set(page.map((i) => i.unit_id))];
      for (const u of await activeAccountsOfUnits(trx, REPORT_ISSUERS, units)) push(byUnit, u.unit_id, u.id);
      for (const i of page) {
        const what = `${i.unit_name}“${shortText(i.title)}”的${label}整改进展月报告`;
        const text =
          rule === 'report_due'
            ? `【月报告提醒】${what}尚未签发，请于 ${dueDate} 前签发`
            : `【月报告逾期】${what}应于 ${dueDate} 前签发，现已逾期，请尽快签发`;
        const object = { type: 'inspection' as const, id: i.id, link: `/inspections/${i.id}/documents` };
        const r = { rule, subject: `report:${month}`, day, at, text };
        count(rule, await remindAbout(trx, object, r, byUnit.get(i.unit_id) ?? []));
      }
    },
  );
}

/** Runs the day's reminders unless another run has the day; `day` defaults to today in China. */
export async function sendReminders({
  db,
  day = todayInChina(),
  today = todayInChina(),
  now = new Date(),
}: {
  db: Kysely<Database>;
  day?: string;
  today?: string;
  now?: Date;
}): Promise<TRemindersResult> {
  if (day > today) throw new AppError('UNPROCESSABLE', `不能为未来的日期（${day}）发送提醒`);
  const at = now.toISOString();
  const staleBefore = new Date(now.getTime() - 3_600_000).toISOString();
  if (!(await claimJobDay(db, JOB, day, at, staleBefore))) return { day, ran: false, sent: {} };
  const sent: Partial<Record<TReminderRule, number>> = {};
  const count = (rule: TReminderRule, n: number) => {
    sent[rule] = (sent[rule] ?? 0) + n;
  };
  for (const rule of MEASURE_RULES) {
    let afterId = 0;
    for (;;) {
      const page = await dueMeasures(db, rule, day, afterId, PAGE);
      if (page.length === 0) break;
      await inTransaction(db, async (trx) => {
        const recipients = await recipientsOfPage(trx, rule, page);
        for (const m of page) {
          const text = textOf(rule, m, day);
          const subject = { rule, measureId: m.id, subject: m.subject, day, at, text };
          count(rule, await remind(trx, subject, recipients.get(m.id) ?? []));
        }
      });
      afterId = page[page.length - 1]?.id ?? afterId;
      if (page.length < PAGE) break;
    }
  }
  // Requests waiting longer than their inspection allows: their reviewers are reminded, once per stage.
  for (const r of await pendingCloseOutsForReminders(db)) {
    const waited = workingDaysBetween(r.requested_at.slice(0, 10), day);
    if (waited < r.review_days) continue;
    const m = { id: r.measure_id, leader_id: r.leader_id, unit_id: r.unit_id };
    const text = `【待审核超时】措施“${shortText(r.content)}”的销号申请已等待 ${waited} 个工作日，请及时处理`;
    await inTransaction(db, async (trx) =>
      count(
        'review_overdue',
        await remind(
          trx,
          { rule: 'review_overdue', measureId: m.id, subject: `close_out:${r.id}:${r.stage}`, day, at, text },
          await stageReviewers(trx, m, r.stage),
        ),
      ),
    );
  }
  for (const r of await pendingExtensionsForReminders(db)) {
    const waited = workingDaysBetween(r.requested_at.slice(0, 10), day);
    if (waited < r.review_days) continue;
    const m = { id: r.measure_id, unit_id: r.unit_id };
    const text = `【待审批超时】措施“${shortText(r.content)}”的延期/调整申请已等待 ${waited} 个工作日，请及时审批`;
    await inTransaction(db, async (trx) =>
      count(
        'extension_overdue',
        await remind(
          trx,
          { rule: 'extension_overdue', measureId: m.id, subject: `extension:${r.id}`, day, at, text },
          await activeUsersOfUnit(trx, ['principal'], m.unit_id),
        ),
      ),
    );
  }
  await remindReports(db, day, at, count);
  await remindOrders(db, day, at, count);
  await remindOpinions(db, day, at, count);
  await inTransaction(db, async (trx) => {
    await appendAudit(trx, {
      kind: 'reminders.sent',
      ...auditActor(systemActor('system:jobs')),
      objectType: 'reminders',
      objectId: null,
      unitId: null,
      after: { day, sent },
      at: nowIso(),
    });
    await finishJobDay(trx, JOB, day, nowIso());
  });
  return { day, ran: true, sent };
}
