/**
 * Message channels (消息渠道) beyond the in-app messages: e-mail over SMTP, 企业微信 and 钉钉 group robots, and a
 * generic JSON webhook. The administrator configures each; secrets (passwords, robot addresses with their keys,
 * signing secrets) are write-only — stored encrypted or read from the environment, never shown back.
 */
import { z } from 'zod';
import { pageNumber, pageSizeUpTo } from './api/fields.ts';

export const CHANNELS = ['email', 'wecom', 'dingtalk', 'webhook'] as const;
export type TChannel = (typeof CHANNELS)[number];
export const ZChannel = z.enum(CHANNELS, { message: '未知的消息渠道' });

export const CHANNEL_LABELS: Record<TChannel, string> = {
  email: '电子邮件',
  wecom: '企业微信群机器人',
  dingtalk: '钉钉群机器人',
  webhook: '通用 Webhook',
};

/** How a person receives messages on a channel: each one at once, one daily digest, or not at all. */
export const DELIVERY_MODES = ['immediate', 'digest', 'off'] as const;
export type TDeliveryMode = (typeof DELIVERY_MODES)[number];
export const DELIVERY_MODE_LABELS: Record<TDeliveryMode, string> = {
  immediate: '即时',
  digest: '每日汇总',
  off: '不接收',
};

const url = z
  .string()
  .trim()
  .max(1000)
  .refine((v) => /^https?:\/\/[^\s]+$/.test(v), { message: '请填写以 http:// 或 https:// 开头的地址' });
const secret = z.string().max(1000).optional();

/** PUT /api/admin/channels/:channel — a secret left out keeps the one stored; an empty one clears it. */
export const ZChannelSettingsRequest = z.discriminatedUnion('channel', [
  z.object({
    channel: z.literal('email'),
    enabled: z.boolean(),
    host: z.string().trim().min(1, { message: '请填写 SMTP 服务器' }).max(200),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean(),
    user: z.string().trim().max(200).default(''),
    from: z.string().trim().min(3, { message: '请填写发件人地址' }).max(200),
    password: secret,
  }),
  z.object({ channel: z.literal('wecom'), enabled: z.boolean(), webhookUrl: url.optional() }),
  z.object({
    channel: z.literal('dingtalk'),
    enabled: z.boolean(),
    webhookUrl: url.optional(),
    signSecret: secret,
  }),
  z.object({ channel: z.literal('webhook'), enabled: z.boolean(), url, signSecret: secret }),
]);
export type TChannelSettingsRequest = z.infer<typeof ZChannelSettingsRequest>;

/** A channel as the administrator sees it: settings without secrets, and which secrets are set (and where). */
export type TChannelView = {
  channel: TChannel;
  label: string;
  enabled: boolean;
  settings: Record<string, string | number | boolean>;
  secrets: Array<{ name: string; isSet: boolean; fromEnvironment: boolean }>;
  /** Deliveries that gave up after their retries, for the administrator to look at. */
  failed: number;
  pending: number;
};

/** PUT /api/me/channels — the user's choice per channel (and their e-mail address). */
export const ZMyChannelsRequest = z.object({
  email: z
    .string()
    .trim()
    .max(200)
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+$/.test(v), { message: '电子邮件地址格式不正确' })
    .optional(),
  modes: z.partialRecord(ZChannel, z.enum(DELIVERY_MODES)),
});
export type TMyChannelsRequest = z.infer<typeof ZMyChannelsRequest>;

/** GET /api/me/channels */
export type TMyChannels = {
  email: string | null;
  channels: Array<{ channel: TChannel; label: string; enabled: boolean; mode: TDeliveryMode }>;
};

/** POST /api/admin/channels/:channel/test — a test message now; e-mail goes to `to`. */
export const ZChannelTestRequest = z.object({
  to: z
    .string()
    .trim()
    .max(200)
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+$/.test(v), { message: '电子邮件地址格式不正确' })
    .default(''),
});
export type TChannelTestRequest = z.infer<typeof ZChannelTestRequest>;
/** What a test sent: ok, or the channel's answer. */
export type TChannelTestResult = { ok: boolean; error: string | null };

/** GET /api/admin/deliveries — failed deliveries, newest first. */
export const ZDeliveryListQuery = z.object({
  channel: ZChannel.optional(),
  page: pageNumber(),
  pageSize: pageSizeUpTo(100, 20),
});
export type TDeliveryListQuery = z.infer<typeof ZDeliveryListQuery>;
export type TDeliveryView = {
  id: number;
  channel: TChannel;
  channelLabel: string;
  userName: string | null;
  target: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
};
export type TDeliveryList = { total: number; items: TDeliveryView[] };
