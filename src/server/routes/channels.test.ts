/**
 * Message channels on both databases, against real servers started here on 127.0.0.1: an SMTP server (smtp-server)
 * receives the e-mail; an HTTP server plays the 企业微信 and 钉钉 robots and a webhook receiver, checking their
 * documented JSON bodies and signatures. A receiver that fails or hangs is retried and recorded, and never slows the
 * request that wrote the message. Secrets are never shown back, nor stored in the clear.
 */
import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TChannelView } from '@shared/channels.ts';
import { configureSecretKey } from '../channels/secret-box.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { deliverDue, dispatchMessages, RETRY_MINUTES } from '../use-cases/channels/deliver.ts';
import {
  decodeHeader,
  mailText,
  type TReceived,
  type TReceivers,
  useChannelSuite,
} from '../test-support/receivers.ts';

describe.each(testEngines())('message channels on %s', (engine) => {
  const suite = useChannelSuite(engine);
  const { put } = suite;
  let fx: TFixture;
  let mails: TReceivers['mails'] = [];
  let received: TReceived[] = [];
  let smtpPort = 0;
  let base = '';
  const SECRET = 'SEC-dingtalk-signing-secret';
  const HOOK_SECRET = 'webhook-hmac-secret-2026';

  beforeAll(() => {
    const { fx: f, r } = suite.get();
    fx = f;
    ({ mails, received, smtpPort, base } = r);
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
