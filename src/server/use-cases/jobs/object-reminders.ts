/** A reminder about an object other than a measure (an inspection's report, a 督办单, an opinion), sent once. */
import type { Kysely } from 'kysely';
import type { TReminderRule } from '@shared/reminders.ts';
import type { Database, ObjectReminderTable } from '../../db/schema.ts';
import { insertNotifications } from '../../repositories/notification.repository.ts';
import { recordObjectReminder } from '../../repositories/reminder.repository.ts';
import { inTransaction } from '../transaction.ts';

/** Records and sends a reminder about an object (not a measure) to each recipient not yet reminded of it. */
export async function remindAbout(
  db: Kysely<Database>,
  object: { type: ObjectReminderTable['object_type']; id: number; link: string },
  r: { rule: TReminderRule; subject: string; day: string; at: string; text: string },
  recipients: readonly number[],
): Promise<number> {
  let sent = 0;
  for (const userId of new Set(recipients)) {
    const row = {
      rule: r.rule,
      object_type: object.type,
      object_id: object.id,
      subject: r.subject,
      user_id: userId,
      day: r.day,
      sent_at: r.at,
    };
    if (!(await recordObjectReminder(db, row))) continue;
    await insertNotifications(db, [
      { user_id: userId, text: r.text, measure_id: null, link: object.link, created_at: r.at, read_at: null },
    ]);
    sent += 1;
  }
  return sent;
}

/** Runs `each` over the rows `fetch` finds, a page at a time in id order, each page in one transaction. */
export async function eachPageInTransaction<T extends { id: number }>(
  db: Kysely<Database>,
  pageSize: number,
  fetch: (afterId: number) => Promise<T[]>,
  each: (trx: Kysely<Database>, page: T[]) => Promise<void>,
): Promise<void> {
  let afterId = 0;
  for (;;) {
    const page = await fetch(afterId);
    if (page.length === 0) return;
    await inTransaction(db, (trx) => each(trx, page));
    afterId = page[page.length - 1]?.id ?? afterId;
    if (page.length < pageSize) return;
  }
}
