/**
 * The public side in the browser, without logging in, on a phone (390×844): the demo's published announcement is
 * listed at /public, opens as published with its .docx, and the unit's page gives its supervision contact; nothing
 * is wider than the screen; an opinion sent with the form answers its 查询码, which shows its status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './harness.ts';

const PHONE = { width: 390, height: 844 };

describe('the public pages', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('lists the demo’s published announcement and opens it on a phone, without a login', async () => {
    const page = await h.newPage(PHONE);
    await page.goto('/public');
    await page.getByRole('heading', { name: '巡察整改情况通报' }).waitFor();
    const link = page.locator('a[href^="/public/announcements/"]').first();
    expect(await link.textContent()).toContain('整改');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await link.click();
    await page.locator('article.doc').waitFor();
    expect(await page.locator('article.doc').textContent()).toContain('巡察');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // The opinion form: a text area and 提交; a person takes a few seconds to write.
    await page.locator('textarea[name="content"]').fill('建议公开公务用车使用情况，接受群众监督。');
    await page.waitForTimeout(3100);
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('提交成功').waitFor();
    const code = (await page.locator('[data-code]').getAttribute('data-code')) ?? '';
    expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    expect(await page.textContent('body')).toContain('查询码');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.goto(`/public/opinions/${code}`);
    await page.getByText('已收到，待处理').waitFor();
    await page.goBack();
    await page.goBack();
    await page.locator('article.doc').waitFor();
    const docx = await page.request.get(
      (await page.locator('a[href$="/docx"]').getAttribute('href')) ?? '/public/none',
    );
    expect(docx.status()).toBe(200);
    await page.locator('a[href^="/public/units/"]').first().click();
    await page.getByText('监督联系方式').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.context().close();
  });
});
