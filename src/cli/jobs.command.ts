/**
 * `zhenggai jobs run [--db URL] [--date YYYY-MM-DD]`: the daily jobs now, for operators who prefer cron and for
 * tests — the day's reminders and escalation (超期预警) and the daily figures (快照). Idempotent: a day already done is
 * left as it was and nothing is sent twice.
 */
import { isIsoDate } from '@shared/chinese.ts';
import { DEFAULT_YELLOW_DAYS } from '@shared/warning.ts';
import { REMINDER_RULE_LABELS, type TReminderRule } from '@shared/reminders.ts';
import { takeDailySnapshot } from '@server/use-cases/jobs/daily-snapshot.ts';
import { sendReminders } from '@server/use-cases/jobs/send-reminders.ts';
import { CliUsageError, out, parseFlags } from './cli-io.ts';
import { withDatabase } from './database-url.ts';

const USAGE = '用法：zhenggai jobs run [--db URL] [--date YYYY-MM-DD]（默认今天）';

/** Runs the daily jobs for the date. */
export async function runJobs(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { db: { type: 'string' }, date: { type: 'string' } });
  if (positionals.length !== 1 || positionals[0] !== 'run') throw new CliUsageError(USAGE);
  const date = values.date;
  if (date !== undefined && (typeof date !== 'string' || !isIsoDate(date)))
    throw new CliUsageError(`日期格式应为 YYYY-MM-DD。${USAGE}`);
  const envDays = Number(process.env.ZHENGGAI_YELLOW_DAYS);
  const yellowDays = Number.isInteger(envDays) && envDays >= 0 ? envDays : DEFAULT_YELLOW_DAYS;
  return withDatabase(typeof values.db === 'string' ? values.db : undefined, async ({ db }) => {
    const sent = await sendReminders({ db, ...(date === undefined ? {} : { day: date }) });
    const parts = Object.entries(sent.sent).map(
      ([rule, n]) => `${REMINDER_RULE_LABELS[rule as TReminderRule]} ${n}`,
    );
    out(
      sent.ran
        ? `已发送 ${sent.day} 的提醒${parts.length === 0 ? '：没有到期的事项' : `：${parts.join('，')}`}。`
        : `${sent.day} 的提醒已经发送过，未重复发送。`,
    );
    const r = await takeDailySnapshot({ db, yellowDays, ...(date === undefined ? {} : { day: date }) });
    out(
      r.taken
        ? `已保存 ${r.day} 的整改数据快照：${r.inspections} 次巡察。`
        : `${r.day} 的整改数据快照已经保存过，未作改动。`,
    );
    return 0;
  });
}
