/**
 * The administrator's tools for channels: send a test message now (to see a new setting work before anyone
 * depends on it), see the deliveries that failed after every retry, and put one back in the queue. Each is audited.
 */
import type { Kysely } from 'kysely';
import {
  CHANNEL_LABELS,
  type TChannel,
  type TChannelTestResult,
  type TDeliveryList,
  type TDeliveryListQuery,
} from '@shared/channels.ts';
import { sendVia } from '../../channels/senders.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import {
  channelRow,
  failedDeliveries,
  requeueFailedDelivery,
} from '../../repositories/channel.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { configOf, requireAdmin } from './channel-settings.ts';

/** Appends an administrator's channel action to the audit trail, in the caller's transaction. */
function audit(
  trx: Kysely<Database>,
  actor: TActor,
  kind: 'channel.tested' | 'channel.delivery_requeued',
  after: unknown,
) {
  return appendAudit(trx, {
    kind,
    ...auditActor(actor),
    objectType: 'channel',
    objectId: null,
    unitId: null,
    after,
    at: nowIso(),
  });
}

/** Sends a test message on the channel as it is stored (enabled or not); answers whether it went. */
export async function testChannel(
  db: Kysely<Database>,
  actor: TActor,
  channel: TChannel,
  to: string,
  timeoutMs = 10_000,
): Promise<TChannelTestResult> {
  requireAdmin(actor);
  if (channel === 'email' && to === '') throw new AppError('BAD_REQUEST', '请填写接收测试邮件的地址');
  const row = await channelRow(db, channel);
  let error: string | null = null;
  if (!row) error = '该渠道尚未设置，请先保存设置';
  else {
    try {
      await sendVia(
        channel,
        configOf(row),
        {
          subject: '【测试】整改台账消息渠道测试',
          body: `这是一条测试消息，由系统管理员在“消息渠道”中发送（${CHANNEL_LABELS[channel]}）。收到即说明设置正确。`,
          url: null,
          target: channel === 'email' ? to : '系统管理员',
          userName: channel === 'email' ? null : '系统管理员',
        },
        timeoutMs,
      );
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).slice(0, 500) || '发送失败';
    }
  }
  const after = { channel, to: channel === 'email' ? to : null, ok: error === null, error };
  await inTransaction(db, (trx) => audit(trx, actor, 'channel.tested', after));
  return { ok: error === null, error };
}

/** The failed deliveries, newest first, one page. */
export async function listFailedDeliveries(
  db: Kysely<Database>,
  actor: TActor,
  q: TDeliveryListQuery,
): Promise<TDeliveryList> {
  requireAdmin(actor);
  const { total, rows } = await failedDeliveries(db, {
    channel: q.channel ?? null,
    offset: (q.page - 1) * q.pageSize,
    limit: q.pageSize,
  });
  return {
    total,
    items: rows.map((d) => ({
      id: d.id,
      channel: d.channel as TChannel,
      channelLabel: CHANNEL_LABELS[d.channel as TChannel] ?? d.channel,
      userName: d.user_name,
      target: d.target,
      subject: d.subject,
      attempts: d.attempts,
      lastError: d.last_error,
      createdAt: d.created_at,
    })),
  };
}

/** Puts a failed delivery back in the queue (sent on the next tick); 404 when it is not a failed one. */
export async function requeueDelivery(db: Kysely<Database>, actor: TActor, id: number): Promise<void> {
  requireAdmin(actor);
  await inTransaction(db, async (trx) => {
    if (!(await requeueFailedDelivery(trx, id, nowIso())))
      throw new AppError('NOT_FOUND', '没有这条发送失败的消息');
    await audit(trx, actor, 'channel.delivery_requeued', { deliveryId: id });
  });
}
