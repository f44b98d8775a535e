/**
 * 我的工作 on a phone (390×844) and a desk: the responsible person and the leader land on it, nothing is wider than
 * the screen, a red measure opens in its ledger with its actions; the inspection office still lands on its
 * dashboard and reaches 我的工作 from the header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startHarness, type THarness } from './harness.ts';

const PHONE = { width: 390, height: 844 };

describe('我的工作', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('is the home of the responsible person and the leader on a phone, no wider than the screen', async () => {
    for (const username of ['zerenren', 'lingdao']) {
      const page = await h.newPage(PHONE);
      await loginAs(page, username);
      await page.getByRole('heading', { name: '我的工作' }).waitFor();
      await page.getByTestId('my-work-red').waitFor();
      // The demo ledger has red measures carried by 刘洋 and led by 李文华.
      await expect
        .poll(() => page.getByTestId('my-work-red').locator('.ant-list-item').count())
        .toBeGreaterThan(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await page.getByTestId('my-work-red').locator('.ant-list-item a').first().click();
      await page.getByTestId('measure-drawer').waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/inspections\/\d+$/);
      await page.context().close();
    }
  });

  it('keeps the dashboard as the office’s home, with 我的工作 one click away', async () => {
    const page = await h.newPage();
    await loginAs(page, 'xunchaban');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/dashboard');
    await page.getByTestId('go-work').click();
    await page.getByRole('heading', { name: '我的工作' }).waitFor();
    await page.getByTestId('my-work-scope-red').waitFor();
    await page.context().close();
  });
});
