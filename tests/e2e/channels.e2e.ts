/**
 * 消息渠道 in the browser: the administrator opens the generic webhook with a signing secret, which is then shown
 * only as set; a user sets their e-mail address and chooses not to receive one channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startHarness, type THarness } from './harness.ts';

describe('message channels in the browser', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('lets the administrator set up a channel without ever seeing its secret again', async () => {
    const admin = await h.newPage();
    await loginAs(admin, 'admin');
    await admin.goto('/admin');
    await admin.getByRole('tab', { name: '消息渠道' }).click();
    const card = admin.getByTestId('channel-webhook');
    await card.waitFor();
    await card.locator('input').first().fill('https://oa.example.gov.cn/zhenggai-hook');
    await card.locator('input[type="password"]').fill('a-signing-secret-for-the-hook');
    await card.getByRole('switch').click();
    await admin.getByTestId('channel-webhook-save').click();
    const saved = admin.getByTestId('channel-webhook');
    await expect.poll(() => saved.textContent()).toContain('已设置；留空则保持不变');
    expect(await admin.content()).not.toContain('a-signing-secret-for-the-hook');
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
