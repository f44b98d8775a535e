/**
 * Reminders in SQL: the measures a rule finds due on a day (and not yet reminded of the same thing), pending
 * requests, the once-only record of each reminder, the daily jobs' claims, and a measure's reminders for its page.
 */
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { TReminderRule } from '@shared/reminders.ts';
import type { Database, ObjectReminderTable, ReminderTable } from '../db/schema.ts';
import { plusDays } from './warning.sql.ts';

type Db = Kysely<Database>;

/** Rules that look at measures (the others at pending requests). */
export type TMeasureRule = Extract<
  TReminderRule,
  'due_soon' | 'overdue' | 'escalate_leader' | 'escalate_top' | 'standing_missed'
>;

/** A measure a rule found due, with what it is due about. */
export type TDueMeasure = {
  id: number;
  unit_id: number;
  content: string;
  deadline: string | null;
  person_id: number | null;
  leader_id: number | null;
  department_id: number | null;
  subject: string;
};

/** `day - n` (n a column of inspections), as YYYY-MM-DD. */
const dayMinus = (db: Db, day: string, column: string) =>
  plusDays(db, sql.val(day), sql<number>`-${sql.ref(`inspections.${column}`)}`);

/** The rule's condition on a measure (joined with its inspection) and what a reminder of it is about. */
function ruleOf(
  db: Db,
  rule: TMeasureRule,
  day: string,
): { where: RawBuilder<SqlBool>; subject: RawBuilder<string> } {
  const dated = sql<SqlBool>`measures.is_standing = 0 and measures.state <> 'standing' and measures.deadline is not null`;
  const byDeadline = sql<string>`'deadline:' || measures.deadline`;
  switch (rule) {
    case 'due_soon':
      return {
        where: sql<SqlBool>`${dated} and measures.deadline >= ${day} and measures.deadline <= ${plusDays(db, sql.val(day), sql.ref('inspections.remind_days_before'))}`,
        subject: byDeadline,
      };
    case 'overdue':
      return { where: sql<SqlBool>`${dated} and measures.deadline < ${day}`, subject: byDeadline };
    case 'escalate_leader':
      return {
        where: sql<SqlBool>`${dated} and measures.leader_id is not null and measures.deadline < ${dayMinus(db, day, 'escalate_leader_days')}`,
        subject: byDeadline,
      };
    case 'escalate_top':
      return {
        where: sql<SqlBool>`${dated} and measures.deadline < ${dayMinus(db, day, 'escalate_top_days')}`,
        subject: byDeadline,
      };
    case 'standing_missed':
      return {
        // check_due: never due without an interval, due since always before the first progress entry.
        where: sql<SqlBool>`(measures.is_standing = 1 or measures.state = 'standing') and measures.check_due < ${day}`,
        subject: sql<string>`'check:' || coalesce(measures.last_progress_date, 'none')`,
      };
  }
}

/**
 * Open measures the rule finds due on `day` and not yet reminded of the same subject, in id order after `afterId`,
 * at most `limit` (the job pages through them).
 */
export async function dueMeasures(
  db: Db,
  rule: TMeasureRule,
  day: string,
  afterId: number,
  limit: number,
): Promise<TDueMeasure[]> {
  const { where, subject } = ruleOf(db, rule, day);
  const rows = await db
    .selectFrom('measures')
    .innerJoin('inspections', 'inspections.id', 'measures.inspection_id')
    .select([
      'measures.id',
      'inspections.unit_id',
      'measures.content',
      'measures.deadline',
      'measures.person_id',
      'measures.leader_id',
      'measures.department_id',
    ])
    .select(subject.as('subject'))
    .where('measures.state', '<>', 'closed')
    // An archived ledger reminds nobody.
    .where('inspections.archived_at', 'is', null)
    .where('measures.id', '>', afterId)
    .where(where)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('reminders')
            .select('reminders.id')
            .where('reminders.rule', '=', rule)
            .whereRef('reminders.measure_id', '=', 'measures.id')
            .where(sql<SqlBool>`reminders.subject = ${subject}`),
        ),
      ),
    )
    .orderBy('measures.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, subject: String(r.subject) }));
}

/** Pending 销号 requests with their inspection's review threshold. */
export async function pendingCloseOutsForReminders(db: Db) {
  return db
    .selectFrom('close_out_requests')
    .innerJoin('measures', 'measures.id', 'close_out_requests.measure_id')
    .innerJoin('inspections', 'inspections.id', 'measures.inspection_id')
    .select([
      'close_out_requests.id',
      'close_out_requests.stage',
      'close_out_requests.requested_at',
      'inspections.review_days',
    ])
    .select(['measures.id as measure_id', 'measures.content', 'measures.leader_id', 'inspections.unit_id'])
    .where('close_out_requests.outcome', '=', 'pending')
    .orderBy('close_out_requests.id')
    .execute();
}

/** Pending extension requests with their inspection's review threshold. */
export async function pendingExtensionsForReminders(db: Db) {
  return db
    .selectFrom('extension_requests')
    .innerJoin('measures', 'measures.id', 'extension_requests.measure_id')
    .innerJoin('inspections', 'inspections.id', 'measures.inspection_id')
    .select([
      'extension_requests.id',
      'extension_requests.requested_at',
      'inspections.review_days',
      'measures.id as measure_id',
      'measures.content',
      'inspections.unit_id',
    ])
    .where('extension_requests.status', '=', 'pending')
    .orderBy('extension_requests.id')
    .execute();
}

/** Records a reminder unless the same one was recorded already; true when this call recorded it. */
export async function recordReminder(db: Db, r: Omit<ReminderTable, 'id'>): Promise<boolean> {
  const row = await db
    .insertInto('reminders')
    .values(r)
    .onConflict((oc) => oc.columns(['rule', 'measure_id', 'subject', 'user_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** A measure's latest reminders, newest first, with the recipient's name, as a query. */
export function remindersOf(db: Db, measureId: number, limit: number) {
  return db
    .selectFrom('reminders')
    .innerJoin('users', 'users.id', 'reminders.user_id')
    .select([
      'reminders.id',
      'reminders.rule',
      'reminders.channel',
      'reminders.status',
      'reminders.sent_at',
      'reminders.error',
      'users.display_name as user_name',
    ])
    .where('reminders.measure_id', '=', measureId)
    .orderBy('reminders.id', 'desc')
    .limit(limit);
}

/**
 * Claims a daily job's day: true when this caller now runs it — the day was unclaimed, or claimed over an hour ago
 * and never finished (the process that claimed it died).
 */
export async function claimJobDay(db: Db, job: string, day: string, at: string, staleBefore: string) {
  const inserted = await db
    .insertInto('job_runs')
    .values({ job, day, claimed_at: at, finished_at: null })
    .onConflict((oc) => oc.columns(['job', 'day']).doNothing())
    .returning('day')
    .executeTakeFirst();
  if (inserted !== undefined) return true;
  const taken = await db
    .updateTable('job_runs')
    .set({ claimed_at: at })
    .where('job', '=', job)
    .where('day', '=', day)
    .where('finished_at', 'is', null)
    .where('claimed_at', '<', staleBefore)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

/** Marks a claimed day done. */
export async function finishJobDay(db: Db, job: string, day: string, at: string): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ finished_at: at })
    .where('job', '=', job)
    .where('day', '=', day)
    .execute();
}

/**
 * Inspections that still have open work, were fed back before `month` ended, and have no report issued for
 * `month`: paged by id, with their unit.
 */
export async function inspectionsOwingReport(
  db: Db,
  month: string,
  monthEnds: string,
  afterId: number,
  limit: number,
) {
  return db
    .selectFrom('inspections')
    .innerJoin('units', 'units.id', 'inspections.unit_id')
    .select(['inspections.id', 'inspections.unit_id', 'inspections.title', 'units.name as unit_name'])
    .where('inspections.id', '>', afterId)
    .where('inspections.archived_at', 'is', null)
    .where(
      sql<SqlBool>`coalesce(inspections.feedback_date, substr(inspections.created_at, 1, 10)) < ${monthEnds}`,
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('measures')
          .select('measures.id')
          .whereRef('measures.inspection_id', '=', 'inspections.id')
          .where('measures.state', '<>', 'closed'),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('monthly_reports')
            .select('monthly_reports.id')
            .whereRef('monthly_reports.inspection_id', '=', 'inspections.id')
            .where('monthly_reports.month', '=', month),
        ),
      ),
    )
    .orderBy('inspections.id')
    .limit(limit)
    .execute();
}

/** Records a reminder about an object unless it was recorded already; true when this call recorded it. */
export async function recordObjectReminder(db: Db, r: Omit<ObjectReminderTable, 'id'>): Promise<boolean> {
  const row = await db
    .insertInto('object_reminders')
    .values(r)
    .onConflict((oc) => oc.columns(['rule', 'object_type', 'object_id', 'subject', 'user_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Supervision orders waiting for the unit's reply whose reply deadline is on or before `until`, paged by id. */
export async function ordersAwaitingReply(db: Db, until: string, afterId: number, limit: number) {
  return db
    .selectFrom('supervision_orders')
    .innerJoin('units', 'units.id', 'supervision_orders.unit_id')
    .select([
      'supervision_orders.id',
      'supervision_orders.unit_id',
      'supervision_orders.reason',
      'supervision_orders.reply_deadline',
      'units.name as unit_name',
    ])
    .where('supervision_orders.status', '=', 'awaiting_reply')
    .where('supervision_orders.reply_deadline', '<=', until)
    .where('supervision_orders.id', '>', afterId)
    .orderBy('supervision_orders.id')
    .limit(limit)
    .execute();
}
