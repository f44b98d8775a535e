/**
 * The whole supervision loop on phones (390×844): the coordinator drafts a new version of the announcement and the
 * principal approves and publishes it; a member of the public opens it on /public, sends an opinion and gets its
 * 查询码; the coordinator finds it on 我的工作, accepts it, writes and publishes the answer; the code's page shows the
 * answer. Nothing is wider than the screen on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginAs, startHarness, type THarness } from './harness.ts';

const PHONE = { width: 390, height: 844 };
const fitsPhone = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

describe('the supervision loop on a phone', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('publishes, takes an opinion from the public, answers it, and shows the answer by its code', async () => {
    const coordinator = await h.newPage(PHONE);
    await loginAs(coordinator, 'lianluoyuan');
    await coordinator.goto('/inspections/1/documents');
    await coordinator.getByTestId('announcement-card').waitFor();
    await coordinator.getByTestId('section3-text').fill('(一)持续接受群众监督。欢迎通过本页反映意见。');
    await coordinator.getByTestId('save-draft').click();
    await coordinator.getByTestId('announcement-submit').click();
    await expect.poll(() => coordinator.getByTestId('version-2').textContent()).toContain('待审批');

    const principal = await h.newPage(PHONE);
    await loginAs(principal, 'shuji');
    await principal.goto('/inspections/1/documents');
    await principal.getByTestId('announcement-approve').click();
    await principal.getByTestId('announcement-opinion').fill('同意发布。');
    await principal.getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(() => principal.getByTestId('version-2').textContent()).toContain('已批准');
    await principal.getByTestId('announcement-publish').click();
    await expect.poll(() => principal.getByTestId('version-2').textContent()).toContain('已发布');
    await principal.context().close();

    const visitor = await h.newPage(PHONE);
    await visitor.goto('/public');
    await visitor.locator('a[href^="/public/announcements/"]').first().click();
    await visitor.locator('article.doc').waitFor();
    expect(await visitor.locator('article.doc').textContent()).toContain('欢迎通过本页反映意见');
    await fitsPhone(visitor);
    // A script in the opinion stays text wherever it is shown.
    const payload = '单位门口停车场长期被私人车辆占用，希望整改。<img src=x onerror="window.__pwned=1">';
    await visitor.locator('textarea[name="content"]').fill(payload);
    await visitor.locator('input[name="contact"]').fill('13700001111');
    await visitor.waitForTimeout(3100);
    await visitor.getByRole('button', { name: '提交' }).click();
    await visitor.getByText('提交成功').waitFor();
    const code = (await visitor.locator('[data-code]').getAttribute('data-code')) ?? '';
    expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);

    await coordinator.goto('/work');
    const item = coordinator.locator('[data-testid^="my-work-opinion-"]').first();
    await item.waitFor();
    await item.click();
    await coordinator.getByTestId('opinion-content').waitFor();
    expect(await coordinator.getByTestId('opinion-contact').textContent()).toContain('13700001111');
    expect(await coordinator.getByTestId('opinion-content').textContent()).toBe(payload);
    expect(
      await coordinator.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    await fitsPhone(coordinator);
    await coordinator.getByTestId('opinion-triage-submit').click();
    await coordinator.getByTestId('opinion-answer-input').waitFor();
    await coordinator
      .getByTestId('opinion-answer-input')
      .fill('经核查，已清理占用车辆并设置专人管理，感谢您的监督。');
    await coordinator.getByTestId('opinion-answer-save').click();
    await expect
      .poll(() => coordinator.getByTestId('opinion-answer').textContent())
      .toContain('已清理占用车辆');
    await coordinator.getByTestId('opinion-publish').click();
    await coordinator.getByRole('button', { name: /^发\s*布$/ }).click();
    await expect.poll(() => coordinator.textContent('body')).toContain('已公开的答复');
    await fitsPhone(coordinator);
    await coordinator.context().close();

    await visitor.goto(`/public/opinions/${code}`);
    await visitor.getByText('已答复').first().waitFor();
    const receipt = (await visitor.textContent('body')) ?? '';
    expect(receipt).toContain('已清理占用车辆');
    expect(receipt).not.toContain('13700001111');
    await fitsPhone(visitor);
    await visitor.context().close();
  });
});
