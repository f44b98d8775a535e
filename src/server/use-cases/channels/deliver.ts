/**
 * Messages out to the channels, never in a user's request: the dispatcher reads the in-app messages written since
 * its place and queues one delivery per message, recipient and channel they receive at once (e-mail only with an
 * address); the deliverer sends what is due, each claimed so two processes never send one twice, and on failure
 * tries again after 1, 5, 30 and 120 minutes, then keeps it as failed for the administrator.
 */
import type { Kysely } from 'kysely';
import type { TChannel } from '@shared/channels.ts';
import { type TOutgoing, sendVia } from '../../channels/senders.ts';
import type { Database } from '../../db/schema.ts';
import {
  claimDelivery,
  dispatchPlace,
  newestMessageId,
  dueDeliveries,
  finishDelivery,
  insertDeliveries,
  messagesAfter,
  modesOf,
  moveDispatchPlace,
} from '../../repositories/channel.repository.ts';
import { newDelivery } from './delivery-row.ts';
import { inTransaction } from '../transaction.ts';
import { enabledChannels } from './channel-settings.ts';

/** Minutes to wait before each retry; after the last, a delivery is failed. */
export const RETRY_MINUTES = [1, 5, 30, 120];

/** The first line of a message as its subject (its 【label】 and the start of its words). */
function subjectOf(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** Where a message opens in the app, as an absolute address when the public address is known. */
function urlOf(
  m: { link: string | null; measure_id: number | null; inspection_id: number | null },
  publicUrl: string | null,
): string | null {
  const path =
    m.link ??
    (m.measure_id !== null && m.inspection_id !== null
      ? `/inspections/${m.inspection_id}?measure=${m.measure_id}`
      : null);
  return path === null || publicUrl === null ? null : `${publicUrl.replace(/\/+$/, '')}${path}`;
}

/** Queues the deliveries of the messages written since the last run; returns how many were queued. */
export async function dispatchMessages(
  db: Kysely<Database>,
  { now = new Date(), publicUrl = null }: { now?: Date; publicUrl?: string | null } = {},
): Promise<number> {
  const channels = await enabledChannels(db);
  const at = now.toISOString();
  if (channels.size === 0) {
    // No channel to send to: the messages written meanwhile are passed over in one step, not read.
    const from = await dispatchPlace(db);
    const newest = await newestMessageId(db);
    if (newest > from) await moveDispatchPlace(db, from, newest);
    return 0;
  }
  let queued = 0;
  for (;;) {
    const from = await dispatchPlace(db);
    const messages = await messagesAfter(db, from, 500);
    if (messages.length === 0) return queued;
    const to = messages[messages.length - 1]?.id ?? from;
    const modes = await modesOf(db, [...new Set(messages.map((m) => m.user_id))]);
    const mode = (userId: number, channel: TChannel) =>
      modes.find((x) => x.user_id === userId && x.channel === channel)?.mode ?? 'immediate';
    const rows = messages.flatMap((m) =>
      m.is_active !== 1
        ? []
        : [...channels.keys()].flatMap((channel) => {
            if (mode(m.user_id, channel) !== 'immediate') return [];
            const row = newDelivery(
              channel,
              m,
              { subject: subjectOf(m.text), body: m.text, link: urlOf(m, publicUrl) },
              at,
            );
            return row === null ? [] : [row];
          }),
    );
    // The place moves in the same transaction as the queueing: another process that read the same messages finds
    // the place moved and queues nothing.
    const moved = await inTransaction(db, async (trx) => {
      if (!(await moveDispatchPlace(trx, from, to))) return false;
      await insertDeliveries(trx, rows);
      return true;
    });
    if (moved) queued += rows.length;
  }
}

/** Sends the deliveries due at `now` (at most `limit`); returns how many were sent and how many failed this time. */
export async function deliverDue(
  db: Kysely<Database>,
  {
    now = new Date(),
    limit = 50,
    timeoutMs = 10_000,
  }: { now?: Date; limit?: number; timeoutMs?: number } = {},
): Promise<{ sent: number; failed: number }> {
  const channels = await enabledChannels(db);
  const at = now.toISOString();
  const until = new Date(now.getTime() + 2 * timeoutMs + 60_000).toISOString();
  let sent = 0;
  let failed = 0;
  for (const d of await dueDeliveries(db, at, limit)) {
    if (!(await claimDelivery(db, d.id, at, until))) continue;
    const config = channels.get(d.channel as TChannel);
    const message: TOutgoing = {
      subject: d.subject,
      body: d.body,
      url: d.link,
      target: d.target,
      userName: d.channel === 'email' ? null : d.target,
    };
    let error: string | null = null;
    try {
      if (!config) throw new Error('该渠道已停用');
      await sendVia(d.channel as TChannel, config, message, timeoutMs);
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).slice(0, 500) || '发送失败';
    }
    const attempts = d.attempts + 1;
    if (error === null) {
      sent += 1;
      await finishDelivery(db, d.id, {
        status: 'sent',
        attempts,
        nextAttemptAt: d.next_attempt_at,
        error: null,
        at,
      });
      continue;
    }
    failed += 1;
    const wait = RETRY_MINUTES[attempts - 1];
    await finishDelivery(db, d.id, {
      status: wait === undefined ? 'failed' : 'pending',
      attempts,
      nextAttemptAt:
        wait === undefined ? d.next_attempt_at : new Date(now.getTime() + wait * 60_000).toISOString(),
      error,
      at,
    });
  }
  return { sent, failed };
}
