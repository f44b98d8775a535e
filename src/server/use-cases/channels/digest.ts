/**
 * The daily digest (每日汇总): for each user who takes a channel as a digest, one message with the messages of the
 * day — from 18:00 Beijing the day before to 18:00 of the day, so each message is in exactly one digest — queued
 * once (the day is claimed in `job_runs`) from 18:00 on, and sent like any other delivery.
 */
import type { Kysely } from 'kysely';
import { addDays } from '@shared/chinese.ts';
import type { Database } from '../../db/schema.ts';
import { claimJobDay, finishJobDay } from '../../repositories/reminder.repository.ts';
import { digestMessages, insertDeliveries } from '../../repositories/channel.repository.ts';
import { newDelivery } from './delivery-row.ts';
import { inTransaction } from '../transaction.ts';
import { enabledChannels } from './channel-settings.ts';

/** At most this many messages are listed in one digest; the rest are counted. */
const LISTED = 50;

/** Queues the digests of `day` (YYYY-MM-DD, Beijing); returns how many were queued (0 when already done). */
export async function queueDigests(
  db: Kysely<Database>,
  { day, now = new Date() }: { day: string; now?: Date },
): Promise<number> {
  const at = now.toISOString();
  if (!(await claimJobDay(db, 'digest', day, at, new Date(now.getTime() - 3_600_000).toISOString())))
    return 0;
  // 18:00 in Beijing is 10:00 UTC.
  const from = `${addDays(day, -1)}T10:00:00.000Z`;
  const to = `${day}T10:00:00.000Z`;
  let queued = 0;
  for (const channel of (await enabledChannels(db)).keys()) {
    const rows = await digestMessages(db, channel, from, to);
    const byUser = new Map<number, typeof rows>();
    for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
    const deliveries = [...byUser.values()].flatMap((messages) => {
      const first = messages[0];
      if (!first || first.is_active !== 1) return [];
      const lines = messages.slice(0, LISTED).map((m, i) => `${i + 1}. ${m.text}`);
      if (messages.length > LISTED) lines.push(`……另有 ${messages.length - LISTED} 条，请登录整改台账查看`);
      const row = newDelivery(
        channel,
        first,
        { subject: `【每日汇总】${day} 共 ${messages.length} 条消息`, body: lines.join('\n'), link: null },
        at,
      );
      return row === null ? [] : [row];
    });
    await insertDeliveries(db, deliveries);
    queued += deliveries.length;
  }
  await inTransaction(db, (trx) => finishJobDay(trx, 'digest', day, new Date().toISOString()));
  return queued;
}
