/**
 * Real receivers for channel tests, on 127.0.0.1: an SMTP server (smtp-server) keeping each mail, and an HTTP server
 * playing the 企业微信 and 钉钉 robots and a webhook receiver (`/fail` answers 500, `/hang` never answers, anything
 * else answers as a robot does). Also the small decoders a test needs to read a mail as sent.
 */
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';
import { configureSecretKey } from '../channels/secret-box.ts';
import type { TDialectName } from '../db/connection.ts';
import type { Database } from '../db/schema.ts';
import { authed, type TFixture } from './factories.ts';
import { useRouteFixture } from './route-suite.ts';

export type TReceived = {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
};

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=) in a header. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** The text of a single-part mail, its transfer encoding undone. */
export function mailText(raw: string): string {
  const at = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, at);
  const body = raw.slice(at + 4);
  if (/^Content-Transfer-Encoding: base64/im.test(head))
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/^Content-Transfer-Encoding: quoted-printable/im.test(head))
    return Buffer.from(
      body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return body;
}

/** The receivers: what they got, where they listen, and how to stop them. */
export type TReceivers = {
  mails: Array<{ to: string[]; raw: string }>;
  received: TReceived[];
  smtpPort: number;
  /** The HTTP receiver's address, e.g. http://127.0.0.1:41234 */
  base: string;
  stop: () => Promise<void>;
};

/** Starts both receivers. */
export async function startReceivers(): Promise<TReceivers> {
  const mails: TReceivers['mails'] = [];
  const received: TReceived[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      received.push({
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (url.pathname === '/hang') return; // never answers
      if (url.pathname === '/fail') {
        res.writeHead(500).end('boom');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    mails,
    received,
    smtpPort: (smtp.server.address() as AddressInfo).port,
    base: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    stop: async () => {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}

/**
 * A channel suite: the route fixture, a secret key to seal channel secrets with, and both receivers, started before
 * the suite's own set-up and stopped after it; `put` saves a channel's settings as the administrator.
 */
export function useChannelSuite(engine: TDialectName) {
  const fixture = useRouteFixture(engine);
  let started: { fx: TFixture; r: TReceivers } | null = null;
  beforeAll(async () => {
    configureSecretKey(Buffer.alloc(32, 7));
    started = { fx: fixture(), r: await startReceivers() };
  });
  afterAll(async () => {
    configureSecretKey(null);
    await started?.r.stop();
  });
  const get = () => {
    if (!started) throw new Error('channel suite not ready');
    return started;
  };
  const put = async (payload: Record<string, unknown>) => {
    const { fx } = get();
    return fx.app.inject({
      method: 'PUT',
      url: `/api/admin/channels/${String(payload.channel)}`,
      headers: authed(await fx.login('admin')),
      payload,
    });
  };
  return { get, put };
}

/** A delivery that failed after every retry (for the administrator's list); its id. */
export async function insertFailedDelivery(db: Kysely<Database>, subject: string): Promise<number> {
  const at = new Date().toISOString();
  const row = await db
    .insertInto('deliveries')
    .values({
      channel: 'webhook',
      user_id: null,
      target: '刘洋',
      subject,
      body: subject,
      link: null,
      status: 'failed',
      attempts: 5,
      next_attempt_at: at,
      claimed_until: null,
      last_error: 'HTTP 500',
      created_at: at,
      sent_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
