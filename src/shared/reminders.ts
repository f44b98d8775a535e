/**
 * Reminders and escalation (超期预警): the rules, their Chinese names, and working days (Monday to Friday; public
 * holidays and adjusted working weekends are not known to the system — decided and recorded in docs/decisions.md).
 */

/** The rules a daily run applies, in the order it applies them. */
export const REMINDER_RULES = [
  'due_soon',
  'overdue',
  'escalate_leader',
  'escalate_top',
  'standing_missed',
  'review_overdue',
  'extension_overdue',
  'report_due',
  'report_overdue',
  'order_reply_due',
  'order_reply_overdue',
  'opinion_due',
  'opinion_overdue',
] as const;
export type TReminderRule = (typeof REMINDER_RULES)[number];

/** What each rule is called on the measure's page. */
export const REMINDER_RULE_LABELS: Record<TReminderRule, string> = {
  due_soon: '临期提醒',
  overdue: '超期预警',
  escalate_leader: '超期督促（责任领导）',
  escalate_top: '超期上报（第一责任人、纪检监察组）',
  standing_missed: '长期坚持措施进展提醒',
  review_overdue: '销号审核超时提醒',
  extension_overdue: '延期审批超时提醒',
  report_due: '月报告签发提醒',
  report_overdue: '月报告逾期提醒',
  order_reply_due: '督办单回复提醒',
  order_reply_overdue: '督办单回复逾期提醒',
  opinion_due: '群众监督意见答复提醒',
  opinion_overdue: '群众监督意见答复逾期提醒',
};

/** The day of the month by which the previous month's progress report (月报告) is due. */
export const MONTHLY_REPORT_DUE_DAY = 5;

/** On `today` (YYYY-MM-DD): the month whose report is now due (the previous one) and the day it is due by. */
export function monthlyReportDue(today: string): { month: string; dueDate: string } {
  const [y, m] = today.split('-').map(Number);
  const month = new Date(Date.UTC(y ?? 2000, (m ?? 1) - 2, 1)).toISOString().slice(0, 7);
  return { month, dueDate: `${today.slice(0, 7)}-${String(MONTHLY_REPORT_DUE_DAY).padStart(2, '0')}` };
}

/** Channels a reminder goes through. */
export const REMINDER_CHANNEL_LABELS: Record<string, string> = {
  in_app: '站内消息',
  email: '电子邮件',
  wecom: '企业微信',
  dingtalk: '钉钉',
  webhook: 'Webhook',
};

/** Working days (Monday–Friday) after `from` up to and including `to`, both YYYY-MM-DD; 0 when `to` ≤ `from`. */
export function workingDaysBetween(from: string, to: string): number {
  const day = 86_400_000;
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  let n = 0;
  for (let t = start + day; t <= end; t += day) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) n += 1;
  }
  return n;
}
