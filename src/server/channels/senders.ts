/**
 * Sending one message on one channel, in each channel's documented format: e-mail over SMTP (nodemailer); the
 * 企业微信 group robot (`msgtype: markdown`); the 钉钉 group robot (`msgtype: markdown`, with the signed address —
 * `timestamp` and `sign` = Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)) — when a signing secret is set);
 * a generic webhook (JSON, `X-Zhenggai-Signature: sha256=<hex HMAC of "<timestamp>.<body>">`). Every send has a
 * time limit and throws with a short reason on failure.
 */
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { TChannel } from '@shared/channels.ts';

/** One message to one target. */
export type TOutgoing = {
  subject: string;
  body: string;
  /** An absolute address of the object in the app, when the public address is configured. */
  url: string | null;
  /** The e-mail address (e-mail) or the recipient's name (group robots, webhook). */
  target: string;
  userName: string | null;
};

/** A channel's settings and secrets, as stored and as overridden by the environment. */
export type TChannelConfig = {
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
};

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Posts JSON and returns the parsed answer; throws on a non-2xx status or a time-out. */
async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** A robot's answer: `errcode` 0 is success. */
function checkRobot(answer: unknown): void {
  const code = (answer as { errcode?: unknown } | null)?.errcode;
  if (code !== 0)
    throw new Error(`errcode ${String(code)}：${str((answer as { errmsg?: unknown } | null)?.errmsg)}`);
}

/** The message as markdown for the group robots. */
function markdown(m: TOutgoing): string {
  const who = m.userName ? `（${m.userName}）` : '';
  return `**${m.subject}**${who}\n\n${m.body}${m.url ? `\n\n[打开整改台账](${m.url})` : ''}`;
}

/** The signed 钉钉 address: `timestamp` and `sign` added when a signing secret is set. */
export function dingtalkSignedUrl(webhookUrl: string, secret: string, timestamp: number): string {
  if (secret === '') return webhookUrl;
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  return `${webhookUrl}${webhookUrl.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${encodeURIComponent(sign)}`;
}

/** The generic webhook's signature of a body sent at `timestamp`. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Sends the message; throws when it was not accepted. */
export async function sendVia(
  channel: TChannel,
  config: TChannelConfig,
  m: TOutgoing,
  timeoutMs = 10_000,
  now: () => number = Date.now,
): Promise<void> {
  switch (channel) {
    case 'email': {
      const s = config.settings;
      const transport = nodemailer.createTransport({
        host: str(s.host),
        port: Number(s.port),
        secure: s.secure === true,
        ...(str(s.user) !== '' ? { auth: { user: str(s.user), pass: config.secrets.password ?? '' } } : {}),
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      });
      try {
        await transport.sendMail({
          from: str(s.from),
          to: m.target,
          subject: m.subject,
          text: `${m.body}${m.url ? `\n\n${m.url}` : ''}\n\n——整改台账（自动发送，请勿回复）`,
        });
      } finally {
        transport.close();
      }
      return;
    }
    case 'wecom': {
      const url = config.secrets.webhookUrl ?? '';
      if (url === '') throw new Error('未设置企业微信机器人地址');
      const body = JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown(m) } });
      checkRobot(await postJson(url, body, {}, timeoutMs));
      return;
    }
    case 'dingtalk': {
      const url = config.secrets.webhookUrl ?? '';
      if (url === '') throw new Error('未设置钉钉机器人地址');
      const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: m.subject, text: markdown(m) } });
      const signed = dingtalkSignedUrl(url, config.secrets.signSecret ?? '', now());
      checkRobot(await postJson(signed, body, {}, timeoutMs));
      return;
    }
    case 'webhook': {
      const timestamp = String(Math.floor(now() / 1000));
      const body = JSON.stringify({
        event: 'zhenggai.message',
        subject: m.subject,
        text: m.body,
        url: m.url,
        recipient: m.userName,
        sentAt: new Date(now()).toISOString(),
      });
      const secret = config.secrets.signSecret ?? '';
      await postJson(
        str(config.settings.url),
        body,
        {
          'x-zhenggai-timestamp': timestamp,
          ...(secret !== '' ? { 'x-zhenggai-signature': webhookSignature(secret, timestamp, body) } : {}),
        },
        timeoutMs,
      );
      return;
    }
  }
}
