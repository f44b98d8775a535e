/**
 * The administrator's channel tools on both databases, against real receivers on 127.0.0.1: settings tried as an
 * attacker would (other schemes, NUL bytes, huge values, other roles), the deliveries that failed after every retry
 * listed and put back in the queue once, and a test message sent on a channel as stored, with the reason it failed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TChannelTestResult, TDeliveryList } from '@shared/channels.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import {
  insertFailedDelivery,
  type TReceived,
  type TReceivers,
  useChannelSuite,
} from '../test-support/receivers.ts';

describe.each(testEngines())('the administrator’s channel tools on %s', (engine) => {
  const suite = useChannelSuite(engine);
  const { put } = suite;
  let fx: TFixture;
  let mails: TReceivers['mails'] = [];
  let received: TReceived[] = [];
  let smtpPort = 0;
  let base = '';
  const HOOK_SECRET = 'webhook-hmac-secret-2026';

  beforeAll(() => {
    const { fx: f, r } = suite.get();
    fx = f;
    ({ mails, received, smtpPort, base } = r);
  });
  /** Two webhook deliveries that failed after every retry. */
  const failedTwice = async () => {
    for (const subject of ['【催办】一', '【催办】二']) await insertFailedDelivery(fx.db, subject);
  };

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

  it('lists what failed for the administrator, and puts one back in the queue, once', async () => {
    const admin = authed(await fx.login('admin'));
    await failedTwice();
    const list = async () =>
      (
        await fx.app.inject({ method: 'GET', url: '/api/admin/deliveries?pageSize=1', headers: admin })
      ).json<TDeliveryList>();
    const before = await list();
    expect(before.total).toBe(2);
    expect(before.items).toHaveLength(1); // one page of one
    expect(before.items[0]).toMatchObject({
      channel: 'webhook',
      channelLabel: '通用 Webhook',
      lastError: 'HTTP 500',
    });
    const id = before.items[0]?.id ?? 0;
    const retry = (headers: Record<string, string>) =>
      fx.app.inject({ method: 'POST', url: `/api/admin/deliveries/${id}/retry`, headers });
    expect((await retry(authed(await fx.login('coordinator')))).statusCode).toBe(403);
    expect((await retry(admin)).statusCode).toBe(200);
    expect((await retry(admin)).statusCode).toBe(404); // no longer a failed one
    expect((await list()).total).toBe(1);
    const row = await fx.db
      .selectFrom('deliveries')
      .select(['status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    const kinds = await fx.db
      .selectFrom('audit_events')
      .select('kind')
      .where('kind', '=', 'channel.delivery_requeued')
      .execute();
    expect(kinds).toHaveLength(1);
  });

  it('sends a test message on a channel as stored, and says why one failed', async () => {
    const admin = authed(await fx.login('admin'));
    const test = (channel: string, payload: object = {}, headers = admin) =>
      fx.app.inject({ method: 'POST', url: `/api/admin/channels/${channel}/test`, headers, payload });
    received.length = 0;
    await put({ channel: 'webhook', enabled: false, url: `${base}/hook`, signSecret: HOOK_SECRET });
    const ok = await test('webhook');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<TChannelTestResult>()).toEqual({ ok: true, error: null });
    const hook = received.filter((r) => r.path === '/hook');
    expect(hook).toHaveLength(1);
    expect(JSON.parse(hook[0]?.body ?? '{}')).toMatchObject({ subject: '【测试】整改台账消息渠道测试' });
    await put({ channel: 'webhook', enabled: true, url: `${base}/fail`, signSecret: HOOK_SECRET });
    expect((await test('webhook')).json<TChannelTestResult>()).toEqual({ ok: false, error: 'HTTP 500' });
    await put({
      channel: 'email',
      enabled: true,
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      from: 'zhenggai@example.org',
    });
    expect((await test('email')).statusCode).toBe(400); // no address to send the test to
    const before = mails.length;
    const mail = await test('email', { to: 'admin@example.org' });
    expect(mail.json<TChannelTestResult>().ok).toBe(true);
    expect(mails.length).toBe(before + 1);
    expect(mails.at(-1)?.to).toEqual(['admin@example.org']);
    expect((await test('pigeon')).statusCode).toBe(404);
    expect((await test('webhook', {}, authed(await fx.login('coordinator')))).statusCode).toBe(403);
    const audit = await fx.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('kind', '=', 'channel.tested')
      .execute();
    expect(audit).toHaveLength(3);
    expect(audit.map((a) => a.after_json).join()).not.toContain(HOOK_SECRET);
  });
});
