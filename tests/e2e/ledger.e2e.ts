import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startHarness, type THarness } from './harness.ts';

describe('the ledger in the browser', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('rejects a wrong password with the server’s Chinese message', async () => {
    const page = await h.newPage();
    await page.goto('/');
    await page.getByPlaceholder('用户名').fill('lianluoyuan');
    await page.getByPlaceholder('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    await page.context().close();
  });

  it('logs in, opens the seed ledger, filters to red, edits a deadline, and keeps it after reload', async () => {
    const page = await h.newPage();
    await loginAs(page, 'lianluoyuan');
    await page.goto('/inspections');
    await page.getByText('中共南通市文学艺术界联合会党组').first().click();
    await page.getByTestId('ledger-title').waitFor();
    await expect.poll(() => page.getByTestId('visible-count').textContent()).toBe('显示 48 条措施');
    expect(await page.getByText('贯彻落实上级决策部署、推动深化改革有差距').count()).toBe(1);

    await page.getByTestId('filter-colour-red').click();
    const redRows = page.locator('tr[data-testid^="measure-row-"]');
    await expect.poll(() => redRows.count()).toBeGreaterThan(0);
    const colours = await redRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-colour')));
    expect(new Set(colours)).toEqual(new Set(['red']));
    const rowCount = colours.length;
    expect(await page.getByTestId('visible-count').textContent()).toBe(`显示 ${rowCount} 条措施`);

    const firstRow = redRows.first();
    const id = (await firstRow.getAttribute('data-testid'))?.replace('measure-row-', '') ?? '';
    await page.getByTestId(`edit-${id}`).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('编辑整改措施').waitFor();
    const dateInput = dialog.getByPlaceholder('选择日期');
    await dateInput.click();
    await dateInput.fill('2030-06-30');
    await dateInput.press('Enter');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The measure is no longer overdue, so it leaves the red filter.
    await expect.poll(() => page.locator(`tr[data-testid="measure-row-${id}"]`).count()).toBe(0);
    await page.reload();
    await page.getByTestId('ledger-title').waitFor();
    await expect.poll(() => page.getByTestId(`deadline-${id}`).textContent()).toBe('2030-06-30');
    expect(await page.locator(`tr[data-testid="measure-row-${id}"]`).getAttribute('data-colour')).toBe(
      'green',
    );
    await page.context().close();
  });

  it('shows the six clarities that are missing and keeps such a measure 未启动', async () => {
    const page = await h.newPage();
    await loginAs(page, 'lianluoyuan');
    await page.goto('/inspections');
    await page.getByText('中共南通市文学艺术界联合会党组').first().click();
    const search = page.getByPlaceholder('搜索措施、问题、进展');
    await search.fill('联合市委组织部');
    await search.press('Enter');
    await expect.poll(() => page.getByTestId('visible-count').textContent()).toBe('显示 1 条措施');
    const row = page.locator('tr[data-testid^="measure-row-"]').first();
    expect(await row.textContent()).toContain('六个明确未齐全');
    expect(await row.textContent()).toContain('未启动');
    const id = (await row.getAttribute('data-testid'))?.replace('measure-row-', '') ?? '';
    await page.getByTestId(`edit-${id}`).click();
    await expect.poll(() => page.getByTestId('six-clarities').first().textContent()).toContain('责任人');
    await page.context().close();
  });

  it('lets a supervisor read the ledger without edit buttons', async () => {
    const page = await h.newPage();
    await loginAs(page, 'jijianzu');
    await page.goto('/inspections');
    await page.getByText('中共南通市文学艺术界联合会党组').first().click();
    await expect.poll(() => page.getByTestId('visible-count').textContent()).toBe('显示 48 条措施');
    expect(await page.locator('[data-testid^="edit-"]').count()).toBe(0);
    await page.context().close();
  });
});
