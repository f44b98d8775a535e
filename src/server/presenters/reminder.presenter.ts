/** Presents the reminders sent about a measure, with the rule and channel in Chinese. */
import type { TMeasureDetail } from '@shared/api.ts';
import { REMINDER_CHANNEL_LABELS, REMINDER_RULE_LABELS, type TReminderRule } from '@shared/reminders.ts';
import type { remindersOf } from '../repositories/reminder.repository.ts';

/** The rows as the measure's page shows them. */
export function presentReminders(
  rows: Array<Awaited<ReturnType<ReturnType<typeof remindersOf>['executeTakeFirstOrThrow']>>>,
): TMeasureDetail['reminders'] {
  return rows.map((r) => ({
    id: r.id,
    rule: r.rule,
    ruleLabel: REMINDER_RULE_LABELS[r.rule as TReminderRule] ?? r.rule,
    userName: r.user_name,
    channel: REMINDER_CHANNEL_LABELS[r.channel] ?? r.channel,
    status: r.status,
    sentAt: r.sent_at,
    error: r.error,
  }));
}
