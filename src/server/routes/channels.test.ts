/**
 * Message channels on both databases, against real servers started here on 127.0.0.1: an SMTP server (smtp-server)
 * receives the e-mail; an HTTP server plays the 企业微信 and 钉钉 robots and a webhook receiver, checking their
 * documented JSON bodies and signatures. A receiver that fails or hangs is retried and recorded, and never slows the
 * request that wrote the message. Secrets are never shown back, nor stored in the clear.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TChannelView } from '@shared/channels.ts';
import { configureSecretKey } from '../channels/secret-box.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { deliverDue, dispatchMessages, RETRY_MINUTES } from '../use-cases/channels/deliver.ts';
import { queueDigests } from '../use-cases/channels/digest.ts';

type TReceived = { path: string; query: URLSearchParams; headers: IncomingMessage['headers']; body: string };

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=) in a header. */
function decodeHeader(value: string): string {
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
function mailText(raw: string): string {
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

describe.each(testEngines())('message channels on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const mails: Array<{ to: string[]; raw: string }> = [];
  const received: TReceived[] = [];
  let smtp: SMTPServer;
  let smtpPort = 0;
  let http: Server;
  let base = '';
  const SECRET = 'SEC-dingtalk-signing-secret';
  const HOOK_SECRET = 'webhook-hmac-secret-2026';

  beforeAll(async () => {
    fx = fixture();
    configureSecretKey(Buffer.alloc(32, 7));
    smtp = new SMTPServer({
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
    smtpPort = (smtp.server.address() as AddressInfo).port;
    http = createServer((req, res) => {
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
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    configureSecretKey(null);
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const put = async (payload: Record<string, unknown>) =>
    fx.app.inject({
      method: 'PUT',
      url: `/api/admin/channels/${String(payload.channel)}`,
      headers: authed(await fx.login('admin')),
      payload,
    });
  /** A 催办 of the first measure, carried by the responsible person and led by the leader. */
  const remind = async () => {
    const id = fx.measureIds[0] ?? 0;
    await fx.db
      .updateTable('measures')
      .set({ person_id: fx.personId, leader_id: fx.leaderId, state: 'in_progress' })
      .where('id', '=', id)
      .execute();
    const res = await fx.app.inject({
      method: 'POST',
      url: '/api/measures/batch/remind',
      headers: authed(await fx.login('inspection_office')),
      payload: { ids: [id], note: '请本周报送进展' },
    });
    expect(res.statusCode, res.body).toBe(200);
    return id;
  };

  it('passes over what is written while no channel is enabled, and never sends it late', async () => {
    await remind(); // no channel is enabled yet
    expect(await dispatchMessages(fx.db)).toBe(0);
    const place = await fx.db.selectFrom('dispatch_state').select('last_notification_id').executeTakeFirst();
    const newest = await fx.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirstOrThrow();
    expect(place?.last_notification_id).toBe(Number(newest.m));
    expect(await fx.db.selectFrom('deliveries').select('id').execute()).toEqual([]);
    expect(
      (await put({ channel: 'webhook', enabled: true, url: `${base}/hook`, signSecret: HOOK_SECRET }))
        .statusCode,
    ).toBe(200);
    expect(await dispatchMessages(fx.db)).toBe(0); // the earlier 催办 is not sent once a channel is enabled
    await remind();
    expect(await dispatchMessages(fx.db)).toBe(2); // the responsible person and the leader
    expect(await deliverDue(fx.db)).toEqual({ sent: 2, failed: 0 });
    expect(received.filter((r) => r.path === '/hook')).toHaveLength(2);
    received.length = 0;
  });

  it('sends a message by e-mail, to the 企业微信 and 钉钉 robots and to the webhook, each as documented', async () => {
    expect(
      (
        await put({
          channel: 'email',
          enabled: true,
          host: '127.0.0.1',
          port: smtpPort,
          secure: false,
          from: 'zhenggai@example.org',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await put({ channel: 'wecom', enabled: true, webhookUrl: `${base}/wecom?key=wecom-key-123` }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await put({
          channel: 'dingtalk',
          enabled: true,
          webhookUrl: `${base}/dingtalk?access_token=ding-token`,
          signSecret: SECRET,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await put({ channel: 'webhook', enabled: true, url: `${base}/hook`, signSecret: HOOK_SECRET }))
        .statusCode,
    ).toBe(200);
    const mine = await fx.app.inject({
      method: 'PUT',
      url: '/api/me/channels',
      headers: authed(await fx.login('responsible')),
      payload: { email: 'zerenren@example.org', modes: {} },
    });
    expect(mine.statusCode, mine.body).toBe(200);
    await dispatchMessages(fx.db); // the place starts at the newest message: only what comes after is sent
    const measureId = await remind();
    // Two recipients (the responsible person with an address, the leader without): 4 + 3 deliveries.
    expect(await dispatchMessages(fx.db, { publicUrl: 'https://zg.example.org/' })).toBe(7);
    expect(await deliverDue(fx.db)).toEqual({ sent: 7, failed: 0 });

    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual(['zerenren@example.org']);
    const subject = decodeHeader(/^Subject: (.*(?:\r\n\s+.*)*)/m.exec(mails[0]?.raw ?? '')?.[1] ?? '');
    expect(subject).toMatch(/^【催办】请加快推进整改措施/);
    const link = `https://zg.example.org/inspections/${fx.inspectionId}?measure=${measureId}`;
    expect(mailText(mails[0]?.raw ?? '')).toContain(link);
    expect(mailText(mails[0]?.raw ?? '')).toContain('请本周报送进展');

    const wecom = received.filter((r) => r.path === '/wecom');
    expect(wecom).toHaveLength(2);
    const wecomBody = JSON.parse(wecom[0]?.body ?? '{}') as {
      msgtype: string;
      markdown: { content: string };
    };
    expect(Object.keys(wecomBody)).toEqual(['msgtype', 'markdown']);
    expect(wecomBody.msgtype).toBe('markdown');
    expect(wecomBody.markdown.content).toContain('【催办】');
    expect(wecomBody.markdown.content).toContain(`[打开整改台账](${link})`);
    expect(wecom[0]?.query.get('key')).toBe('wecom-key-123');

    const ding = received.filter((r) => r.path === '/dingtalk');
    expect(ding).toHaveLength(2);
    const dingBody = JSON.parse(ding[0]?.body ?? '{}') as {
      msgtype: string;
      markdown: { title: string; text: string };
    };
    expect(dingBody.msgtype).toBe('markdown');
    expect(dingBody.markdown.title).toMatch(/^【催办】/);
    const timestamp = ding[0]?.query.get('timestamp') ?? '';
    expect(ding[0]?.query.get('access_token')).toBe('ding-token');
    expect(ding[0]?.query.get('sign')).toBe(
      createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64'),
    );

    const hook = received.filter((r) => r.path === '/hook');
    expect(hook).toHaveLength(2);
    const ts = String(hook[0]?.headers['x-zhenggai-timestamp']);
    expect(hook[0]?.headers['x-zhenggai-signature']).toBe(
      `sha256=${createHmac('sha256', HOOK_SECRET)
        .update(`${ts}.${hook[0]?.body ?? ''}`)
        .digest('hex')}`,
    );
    expect(JSON.parse(hook[0]?.body ?? '{}')).toMatchObject({ event: 'zhenggai.message', url: link });
    // Nothing is sent twice.
    expect(await dispatchMessages(fx.db)).toBe(0);
    expect(await deliverDue(fx.db)).toEqual({ sent: 0, failed: 0 });
  });

  it('refuses hostile settings with a clear message and keeps what was stored', async () => {
    const shown = async () =>
      (
        await fx.app.inject({
          method: 'GET',
          url: '/api/admin/channels',
          headers: authed(await fx.login('admin')),
        })
      ).body;
    const before = await shown();
    const refused = (res: Awaited<ReturnType<typeof put>>, status: number, words: RegExp): void => {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json<{ message: string }>().message).toMatch(words);
    };
    refused(await put({ channel: 'webhook', enabled: true, url: 'file:///etc/passwd' }), 400, /http/);
    refused(await put({ channel: 'wecom', enabled: true, webhookUrl: 'javascript:alert(1)' }), 400, /http/);
    refused(
      await put({ channel: 'webhook', enabled: true, url: `${base}/hook\u0000.evil` }),
      400,
      /[\u4e00-\u9fff]/,
    );
    refused(
      await put({
        channel: 'email',
        enabled: true,
        host: 'h'.repeat(100_000),
        port: 25,
        secure: false,
        from: 'a@b.c',
      }),
      400,
      /[\u4e00-\u9fff]/,
    );
    refused(
      await put({
        channel: 'webhook',
        enabled: true,
        url: `${base}/hook`,
        signSecret: 's'.repeat(2_000_000),
      }),
      413,
      /[\u4e00-\u9fff]/,
    );
    const crossed = await fx.app.inject({
      method: 'PUT',
      url: '/api/admin/channels/email',
      headers: authed(await fx.login('admin')),
      payload: { channel: 'webhook', enabled: true, url: `${base}/other` },
    });
    refused(crossed, 400, /渠道与提交的渠道不一致/);
    for (const role of ['coordinator', 'inspection_office', 'supervisor'] as const) {
      const res = await fx.app.inject({
        method: 'PUT',
        url: '/api/admin/channels/webhook',
        headers: authed(await fx.login(role)),
        payload: { channel: 'webhook', enabled: true, url: `${base}/theirs` },
      });
      expect(res.statusCode).toBe(403);
    }
    expect(await shown()).toBe(before);
  });

  it('never shows a secret back, nor stores one in the clear, and refuses to store one without the key', async () => {
    const res = await fx.app.inject({
      method: 'GET',
      url: '/api/admin/channels',
      headers: authed(await fx.login('admin')),
    });
    expect(res.statusCode).toBe(200);
    for (const secret of ['wecom-key-123', 'ding-token', SECRET, HOOK_SECRET])
      expect(res.body).not.toContain(secret);
    const views = res.json<TChannelView[]>();
    expect(views.find((v) => v.channel === 'dingtalk')?.secrets).toEqual([
      { name: 'webhookUrl', isSet: true, fromEnvironment: false },
      { name: 'signSecret', isSet: true, fromEnvironment: false },
    ]);
    const stored = await fx.db.selectFrom('channels').select(['secrets_enc', 'settings_json']).execute();
    for (const row of stored)
      for (const secret of ['wecom-key-123', SECRET, HOOK_SECRET])
        expect(`${row.secrets_enc ?? ''}${row.settings_json}`).not.toContain(secret);
    configureSecretKey(null);
    try {
      const refused = await put({
        channel: 'webhook',
        enabled: true,
        url: `${base}/hook`,
        signSecret: 'another',
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('ZHENGGAI_SECRET_KEY');
    } finally {
      configureSecretKey(Buffer.alloc(32, 7));
    }
  });

  it('retries a failing receiver with back-off, then keeps the delivery as failed for the administrator', async () => {
    await put({ channel: 'webhook', enabled: true, url: `${base}/fail`, signSecret: HOOK_SECRET });
    await remind();
    await dispatchMessages(fx.db);
    let now = Date.now();
    const first = await deliverDue(fx.db, { now: new Date(now) });
    expect(first.failed).toBe(2); // the two recipients' webhook deliveries
    const pending = await fx.db
      .selectFrom('deliveries')
      .selectAll()
      .where('status', '=', 'pending')
      .execute();
    expect(pending.every((d) => d.attempts === 1 && d.last_error === 'HTTP 500')).toBe(true);
    // Not before the back-off has passed.
    expect((await deliverDue(fx.db, { now: new Date(now + 30_000) })).failed).toBe(0);
    for (const minutes of RETRY_MINUTES) {
      now += minutes * 60_000 + 1000;
      expect((await deliverDue(fx.db, { now: new Date(now) })).failed).toBe(2);
    }
    const failed = await fx.db.selectFrom('deliveries').selectAll().where('status', '=', 'failed').execute();
    expect(failed).toHaveLength(2);
    expect(failed[0]?.attempts).toBe(RETRY_MINUTES.length + 1);
    const views = (
      await fx.app.inject({
        method: 'GET',
        url: '/api/admin/channels',
        headers: authed(await fx.login('admin')),
      })
    ).json<TChannelView[]>();
    expect(views.find((v) => v.channel === 'webhook')?.failed).toBe(2);
  });

  it('answers the user at once while a receiver hangs, and records the time-out', async () => {
    await put({ channel: 'webhook', enabled: true, url: `${base}/hang`, signSecret: HOOK_SECRET });
    await remind(); // answered 200 although the receiver never answers: the request does not wait for channels
    await dispatchMessages(fx.db);
    const r = await deliverDue(fx.db, { timeoutMs: 300 });
    expect(r.failed).toBe(2);
    const last = await fx.db
      .selectFrom('deliveries')
      .select(['last_error', 'status'])
      .where('status', '=', 'pending')
      .where('last_error', 'is not', null)
      .execute();
    expect(last.some((d) => /timeout|aborted/i.test(d.last_error ?? ''))).toBe(true);
  });
});

describe.each(testEngines())('the daily digest on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  let http: Server;
  const bodies: string[] = [];
  beforeAll(async () => {
    fx = fixture();
    configureSecretKey(Buffer.alloc(32, 9));
    http = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    configureSecretKey(null);
    await new Promise((resolve) => http.close(resolve));
  });

  it('sends a digest user nothing at once, then one message with the day’s messages, once', async () => {
    const admin = authed(await fx.login('admin'));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/hook`;
    const saved = await fx.app.inject({
      method: 'PUT',
      url: '/api/admin/channels/webhook',
      headers: admin,
      payload: { channel: 'webhook', enabled: true, url },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const users = await fx.db.selectFrom('users').select('id').where('username', 'like', '%').execute();
    // Everyone takes the webhook as a digest.
    for (const u of users)
      await fx.db
        .insertInto('user_channels')
        .values({ user_id: u.id, channel: 'webhook', mode: 'digest' })
        .execute();
    await dispatchMessages(fx.db);
    const id = fx.measureIds[0] ?? 0;
    await fx.db
      .updateTable('measures')
      .set({ person_id: fx.personId, state: 'in_progress' })
      .where('id', '=', id)
      .execute();
    for (const note of ['第一次催办', '第二次催办']) {
      const res = await fx.app.inject({
        method: 'POST',
        url: '/api/measures/batch/remind',
        headers: authed(await fx.login('inspection_office')),
        payload: { ids: [id], note },
      });
      expect(res.statusCode).toBe(200);
    }
    expect(await dispatchMessages(fx.db)).toBe(0); // nothing at once
    const now = new Date();
    // The digest day holding now: its range runs from 18:00 Beijing (10:00 UTC) the day before to 18:00 of the day.
    const day = new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
    expect(await queueDigests(fx.db, { day, now })).toBe(1);
    expect(await queueDigests(fx.db, { day, now })).toBe(0);
    expect(await deliverDue(fx.db)).toEqual({ sent: 1, failed: 0 });
    const digest = JSON.parse(bodies[0] ?? '{}') as { subject: string; text: string };
    expect(digest.subject).toBe(`【每日汇总】${day} 共 2 条消息`);
    expect(digest.text).toContain('1. 【催办】');
    expect(digest.text).toContain('第二次催办');
  });
});
