/**
 * The daily digest on both databases, with a real webhook receiver on 127.0.0.1: a user who takes a channel as a
 * digest is sent nothing at once, then one message with the day's messages, once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureSecretKey } from '../channels/secret-box.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { deliverDue, dispatchMessages } from '../use-cases/channels/deliver.ts';
import { queueDigests } from '../use-cases/channels/digest.ts';

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
