/**
 * 督办单 in the browser: the inspection office picks red measures in 措施查询 and issues an order; the unit's
 * coordinator finds it on the home page and replies; the office reads the reply and closes the order, and the
 * dashboard's ranking counts it while it is open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startHarness, type THarness } from './harness.ts';

describe('supervision orders in the browser', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('issues an order from the search, is answered by the coordinator and closed by the office', async () => {
    const office = await h.newPage();
    await loginAs(office, 'xunchaban');
    await office.goto('/measures?colour=red&sort=deadline');
    const rows = office.locator('[data-testid="search-table"] tbody tr.ant-table-row');
    // The demo ledger has several red measures; wait for the page (and its lazily loaded code) to show two.
    await rows.nth(1).waitFor();
    await rows.nth(0).locator('input[type="checkbox"]').check();
    await rows.nth(1).locator('input[type="checkbox"]').check();
    await expect.poll(() => office.getByTestId('search-issue').textContent()).toContain('已选 2 条');
    await office.getByTestId('search-issue').click();
    await office.getByTestId('issue-reason').fill('以上两项措施已超过完成时限，请说明原因并明确完成时间。');
    await office.getByTestId('issue-submit').click();
    // One unit: the new order opens.
    await expect.poll(() => office.url()).toMatch(/\/supervision\/\d+$/);
    const orderUrl = new URL(office.url()).pathname;
    await expect.poll(() => office.getByTestId('order-reason').textContent()).toContain('已超过完成时限');
    await office.getByText('督办事项（2）').waitFor();
    // The ranking counts the open order.
    await office.goto('/dashboard');
    await expect.poll(() => office.getByTestId('dash-orders').textContent()).toBe('1');
    // The monthly trend is drawn (this month's live figures at least).
    await office.getByTestId('chart-trend').locator('canvas').waitFor();

    const coordinator = await h.newPage();
    await loginAs(coordinator, 'lianluoyuan');
    await coordinator.getByTestId('orders-waiting').waitFor();
    expect(await coordinator.getByTestId('orders-waiting').textContent()).toContain('有 1 份督办单等待回复');
    await coordinator.getByTestId('orders-waiting').getByText('已超过完成时限', { exact: false }).click();
    await expect.poll(() => new URL(coordinator.url()).pathname).toBe(orderUrl);
    await coordinator.getByTestId('order-reply-text').fill('已召开专题会议研究，两项措施将于本月底前完成。');
    await coordinator.getByTestId('order-reply-submit').click();
    await expect.poll(() => coordinator.getByTestId('order-reply').count()).toBe(1);
    await expect.poll(() => coordinator.getByTestId('order-reply-text').count()).toBe(0);

    await office.goto(orderUrl);
    await expect.poll(() => office.getByTestId('order-reply').textContent()).toContain('专题会议');
    await office.getByTestId('order-accept').click();
    await office
      .locator('.ant-modal')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await expect.poll(() => office.locator('.ant-tag').allTextContents()).toContain('已办结');
    await office.goto('/dashboard');
    await expect.poll(() => office.getByTestId('dash-orders').textContent()).toBe('0');
    await office.context().close();
    await coordinator.context().close();
  });
});
