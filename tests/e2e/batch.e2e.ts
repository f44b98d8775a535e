/**
 * Batch actions in 措施查询, in the browser: the coordinator picks two red measures, gives them another responsible
 * person in one step, then reminds (催办) them; the responsible person finds the reminder among the messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startHarness, type THarness } from './harness.ts';

describe('batch actions in the search', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('reassigns two chosen measures at once and reminds their new owner', async () => {
    const coordinator = await h.newPage();
    await loginAs(coordinator, 'lianluoyuan');
    await coordinator.goto('/measures?colour=red&sort=deadline');
    const rows = coordinator.locator('[data-testid="search-table"] tbody tr.ant-table-row');
    await rows.nth(1).waitFor();
    await rows.nth(0).locator('input[type="checkbox"]').check();
    await rows.nth(1).locator('input[type="checkbox"]').check();
    await expect.poll(() => coordinator.getByTestId('search-remind').textContent()).toContain('2');

    await coordinator.getByTestId('search-reassign').click();
    const person = coordinator.getByTestId('reassign-person');
    // Open the list and choose; on a loaded machine a click can land while the list is still opening or closing,
    // so choose again until the select shows the choice.
    await expect
      .poll(
        async () => {
          if ((await person.textContent())?.includes('刘洋')) return true;
          await person.click();
          const option = coordinator.locator('.ant-select-item-option:visible', { hasText: '刘洋' }).first();
          await option.click({ timeout: 3000 }).catch(() => undefined);
          return (await person.textContent())?.includes('刘洋') ?? false;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await expect.poll(() => coordinator.getByTestId('reassign-submit').isEnabled()).toBe(true);
    await coordinator.getByTestId('reassign-submit').click();
    await coordinator.getByText('已调整 2 条措施的责任人').waitFor();
    // The table is read again: both rows now name the new responsible person.
    await expect
      .poll(async () => `${await rows.nth(0).textContent()}${await rows.nth(1).textContent()}`)
      .toMatch(/刘洋[\s\S]*刘洋/);

    await rows.nth(0).locator('input[type="checkbox"]').check();
    await rows.nth(1).locator('input[type="checkbox"]').check();
    await coordinator.getByTestId('search-remind').click();
    await coordinator.getByTestId('remind-note').fill('请于本周五前报送整改进展。');
    await coordinator.getByTestId('remind-submit').click();
    await coordinator.getByText('已催办 2 条措施', { exact: false }).waitFor();

    const responsible = await h.newPage();
    await loginAs(responsible, 'zerenren');
    await responsible.goto('/queue');
    await expect
      .poll(() => responsible.getByTestId('notification').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('【催办】')]));
    expect((await responsible.getByTestId('notification').allTextContents()).join('')).toContain(
      '请于本周五前报送整改进展',
    );
    await coordinator.context().close();
    await responsible.context().close();
  });
});
