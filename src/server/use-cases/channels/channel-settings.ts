/**
 * The administrator's channel settings and each user's choices. Secrets are write-only: stored sealed (AES-GCM under
 * ZHENGGAI_SECRET_KEY) or taken from the environment, which wins; the view says only whether each is set and where.
 */
import type { Kysely } from 'kysely';
import {
  CHANNEL_LABELS,
  CHANNELS,
  type TChannel,
  type TChannelSettingsRequest,
  type TChannelView,
  type TDeliveryMode,
  type TMyChannels,
  type TMyChannelsRequest,
} from '@shared/channels.ts';
import { canStoreSecrets, open, seal } from '../../channels/secret-box.ts';
import type { TChannelConfig } from '../../channels/senders.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import {
  deliveryCounts,
  listChannelRows,
  setUserChannels,
  upsertChannel,
  userChannels,
} from '../../repositories/channel.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';

/** The secrets of each channel, and the environment variable that overrides each. */
export const SECRETS: Record<TChannel, Array<[string, string]>> = {
  email: [['password', 'ZHENGGAI_SMTP_PASSWORD']],
  wecom: [['webhookUrl', 'ZHENGGAI_WECOM_WEBHOOK_URL']],
  dingtalk: [
    ['webhookUrl', 'ZHENGGAI_DINGTALK_WEBHOOK_URL'],
    ['signSecret', 'ZHENGGAI_DINGTALK_SECRET'],
  ],
  webhook: [['signSecret', 'ZHENGGAI_WEBHOOK_SECRET']],
};

/** A stored channel's configuration as the senders need it: settings, secrets opened, the environment winning. */
export function configOf(
  row: { channel: string; settings_json: string; secrets_enc: string | null },
  env: NodeJS.ProcessEnv = process.env,
): TChannelConfig {
  const channel = row.channel as TChannel;
  const stored = (row.secrets_enc === null ? null : open(row.secrets_enc)) as Record<string, string> | null;
  const secrets: Record<string, string> = { ...(stored ?? {}) };
  for (const [name, variable] of SECRETS[channel]) {
    const fromEnv = env[variable];
    if (fromEnv !== undefined && fromEnv !== '') secrets[name] = fromEnv;
  }
  return { settings: JSON.parse(row.settings_json) as Record<string, unknown>, secrets };
}

/** Every channel's configuration as the senders need it (enabled ones only). */
export async function enabledChannels(
  db: Kysely<Database>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Map<TChannel, TChannelConfig>> {
  const out = new Map<TChannel, TChannelConfig>();
  for (const row of await listChannelRows(db)) {
    const channel = row.channel as TChannel;
    if (row.enabled !== 1 || !CHANNELS.includes(channel)) continue;
    out.set(channel, configOf(row, env));
  }
  return out;
}

/** Refuses anyone but the administrator (and the system). */
export function requireAdmin(actor: TActor): void {
  if (actor.role !== 'admin' && actor.role !== 'system')
    throw new AppError('FORBIDDEN', '只有系统管理员可以设置消息渠道');
}

/** The channels as the administrator sees them. */
export async function listChannels(
  db: Kysely<Database>,
  actor: TActor,
  env: NodeJS.ProcessEnv = process.env,
): Promise<TChannelView[]> {
  requireAdmin(actor);
  const [rows, counts] = await Promise.all([listChannelRows(db), deliveryCounts(db)]);
  const byChannel = new Map(rows.map((r) => [r.channel, r]));
  const count = (channel: string, status: string) =>
    Number(counts.find((c) => c.channel === channel && c.status === status)?.n ?? 0);
  return CHANNELS.map((channel) => {
    const row = byChannel.get(channel);
    const stored = (row?.secrets_enc ? open(row.secrets_enc) : null) as Record<string, string> | null;
    return {
      channel,
      label: CHANNEL_LABELS[channel],
      enabled: row?.enabled === 1,
      settings: row ? (JSON.parse(row.settings_json) as Record<string, string | number | boolean>) : {},
      secrets: SECRETS[channel].map(([name, variable]) => {
        const fromEnvironment = (env[variable] ?? '') !== '';
        return { name, isSet: fromEnvironment || (stored?.[name] ?? '') !== '', fromEnvironment };
      }),
      failed: count(channel, 'failed'),
      pending: count(channel, 'pending'),
    };
  });
}

/** Saves a channel; a secret left out keeps the stored one, an empty one clears it. Audited without secrets. */
export async function saveChannel(
  db: Kysely<Database>,
  actor: TActor,
  input: TChannelSettingsRequest,
): Promise<void> {
  requireAdmin(actor);
  const { channel, enabled, ...rest } = input;
  const secretNames = new Set(SECRETS[channel].map(([name]) => name));
  const settings = Object.fromEntries(Object.entries(rest).filter(([k]) => !secretNames.has(k)));
  const sentSecrets = Object.fromEntries(
    Object.entries(rest).filter(([k, v]) => secretNames.has(k) && typeof v === 'string'),
  ) as Record<string, string>;
  await inTransaction(db, async (trx) => {
    const row = (await listChannelRows(trx)).find((r) => r.channel === channel);
    const stored = (row?.secrets_enc ? open(row.secrets_enc) : null) as Record<string, string> | null;
    const secrets = { ...(stored ?? {}), ...sentSecrets };
    for (const [k, v] of Object.entries(secrets)) if (v === '') delete secrets[k];
    if (Object.keys(sentSecrets).some((k) => sentSecrets[k] !== '') && !canStoreSecrets())
      throw new AppError(
        'UNPROCESSABLE',
        '服务器未配置 ZHENGGAI_SECRET_KEY，不能保存密码或机器人地址；请配置该密钥，或改用环境变量提供',
      );
    const at = nowIso();
    await upsertChannel(trx, {
      channel,
      enabled: enabled ? 1 : 0,
      settings_json: JSON.stringify(settings),
      secrets_enc: Object.keys(secrets).length === 0 ? null : seal(secrets),
      updated_at: at,
      updated_by: actor.userId,
    });
    await appendAudit(trx, {
      kind: 'channel.configured',
      ...auditActor(actor),
      objectType: 'channel',
      objectId: null,
      unitId: null,
      after: { channel, enabled, settings, secretsChanged: Object.keys(sentSecrets) },
      at,
    });
  });
}

/** The user's address and choices; a channel not chosen is received at once. */
export async function readMyChannels(db: Kysely<Database>, actor: TActor): Promise<TMyChannels> {
  if (actor.userId === null) throw new AppError('FORBIDDEN', '系统账号没有消息设置');
  const [mine, rows] = await Promise.all([userChannels(db, actor.userId), listChannelRows(db)]);
  return {
    email: mine.email,
    channels: CHANNELS.map((channel) => ({
      channel,
      label: CHANNEL_LABELS[channel],
      enabled: rows.some((r) => r.channel === channel && r.enabled === 1),
      mode: (mine.modes.find((m) => m.channel === channel)?.mode ?? 'immediate') as TDeliveryMode,
    })),
  };
}

/** Saves the user's address and choices. */
export async function saveMyChannels(
  db: Kysely<Database>,
  actor: TActor,
  input: TMyChannelsRequest,
): Promise<TMyChannels> {
  if (actor.userId === null) throw new AppError('FORBIDDEN', '系统账号没有消息设置');
  const userId = actor.userId;
  await inTransaction(db, async (trx) => {
    await setUserChannels(
      trx,
      userId,
      input.email === undefined ? undefined : input.email === '' ? null : input.email,
      Object.entries(input.modes).flatMap(([channel, mode]) => (mode ? [{ channel, mode }] : [])),
    );
    await appendAudit(trx, {
      kind: 'user.channels_changed',
      ...auditActor(actor),
      objectType: 'user',
      objectId: userId,
      unitId: null,
      after: { email: input.email, modes: input.modes },
      at: nowIso(),
    });
  });
  return readMyChannels(db, actor);
}
