/**
 * 消息渠道 in the browser: the administrator opens the generic webhook with a signing secret, which is then shown
 * only as set, and sends a test message that a real receiver on 127.0.0.1 gets; the failed-deliveries list is there;
 * a user sets their e-mail address and chooses not to receive one channel.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startHarness, type THarness } from './harness.ts';

describe('message channels in the browser', () => {
  let h: THarness;
  const bodies: string[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200).end('ok');
    });
  });
  beforeAll(async () => {
    h = await startHarness();
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await h.stop();
  });

  it('lets the administrator set up a channel without ever seeing its secret again', async () => {
    const admin = await h.newPage();
    await loginAs(admin, 'admin');
    await admin.goto('/admin');
    await admin.getByRole('tab', { name: '消息渠道' }).click();
    const card = admin.getByTestId('channel-webhook');
    await card.waitFor();
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/zhenggai-hook`;
    await card.locator('input').first().fill(hook);
    await card.locator('input[type="password"]').fill('a-signing-secret-for-the-hook');
    await card.getByRole('switch').click();
    await admin.getByTestId('channel-webhook-save').click();
    const saved = admin.getByTestId('channel-webhook');
    await expect.poll(() => saved.textContent()).toContain('已设置；留空则保持不变');
    expect(await admin.content()).not.toContain('a-signing-secret-for-the-hook');
    await admin.getByTestId('channel-webhook-test').click();
    await expect
      .poll(() => admin.getByTestId('channel-webhook-test-result').textContent())
      .toContain('测试消息已发出');
    expect(JSON.parse(bodies.at(-1) ?? '{}')).toMatchObject({ subject: '【测试】整改台账消息渠道测试' });
    await expect
      .poll(() => admin.getByTestId('failed-deliveries').textContent())
      .toContain('没有发送失败的消息');
    await admin.context().close();

    const user = await h.newPage();
    await loginAs(user, 'zerenren');
    await user.goto('/account/channels');
    await user.getByTestId('my-email').fill('liuyang@example.org');
    await user.getByTestId('my-channels-save').click();
    await user.getByText('已保存').waitFor();
    await user.reload();
    await expect.poll(() => user.getByTestId('my-email').inputValue()).toBe('liuyang@example.org');
    await user.context().close();
  });
});
