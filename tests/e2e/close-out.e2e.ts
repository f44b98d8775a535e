import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginAs, startHarness, type THarness } from './harness.ts';

type TLedger = {
  inspection: { id: number };
  categories: Array<{
    problems: Array<{
      measures: Array<{ id: number; personName: string | null; leaderName: string | null; state: string }>;
    }>;
  }>;
};

describe('close-out and look-back in the browser', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  const openMeasure = async (page: Page, inspectionId: number, measureId: number) => {
    await page.goto(`/inspections/${inspectionId}?measure=${measureId}`);
    await page.getByTestId('measure-drawer').waitFor();
  };

  it('progress with a PDF, request, leader review, principal approval, look-back 反弹: the measure is open again for the responsible person', async () => {
    // 刘洋 (组织联络部) carries this measure and 李文华 leads it, in the demo data.
    const responsible = await h.newPage();
    await loginAs(responsible, 'zerenren');
    const ledger = (await (await responsible.request.get('/api/inspections/1/ledger')).json()) as TLedger;
    const measure = ledger.categories
      .flatMap((c) => c.problems.flatMap((p) => p.measures))
      .find((m) => m.personName === '刘洋' && m.leaderName === '李文华' && m.state === 'in_progress');
    expect(measure).toBeDefined();
    const id = measure?.id ?? 0;

    await openMeasure(responsible, 1, id);
    await responsible.getByTestId('action-record_progress').click();
    const dialog = responsible.getByRole('dialog', { name: '记录整改进展' });
    await dialog.getByTestId('progress-text').fill('已召开专题会议，修订完善相关制度并印发执行。');
    await dialog.locator('input[type="file"]:not([capture])').setInputFiles({
      name: '会议纪要.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% 会议纪要\n'),
    });
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => responsible.getByTestId('evidence-list').textContent()).toContain('会议纪要.pdf');
    await responsible.getByTestId('action-request_close_out').click();
    await responsible.getByTestId('ask-text').fill('整改任务已全部完成，制度已印发。');
    await responsible.getByRole('button', { name: /提\s*交/ }).click();
    await expect
      .poll(() => responsible.getByTestId('close-out-status').textContent())
      .toContain('待责任领导审核');
    await responsible.context().close();

    const leader = await h.newPage();
    await loginAs(leader, 'lingdao');
    await leader.getByTestId('go-queue').click();
    await leader.getByTestId(`queue-${id}`).click();
    await leader.getByTestId('measure-drawer').waitFor();
    await leader.getByTestId('action-leader_review').click();
    await leader.getByTestId('ask-text').fill('材料齐全，同意。');
    await leader.getByRole('button', { name: /提\s*交/ }).click();
    await expect
      .poll(() => leader.getByTestId('close-out-status').textContent())
      .toContain('待第一责任人批准');
    await leader.context().close();

    const principal = await h.newPage();
    await loginAs(principal, 'shuji');
    await principal.getByTestId('go-queue').click();
    await principal.getByTestId(`queue-${id}`).click();
    await principal.getByTestId('measure-drawer').waitFor();
    await principal.getByTestId('action-approve_close_out').click();
    await principal.getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(() => principal.getByTestId('close-out-status').textContent()).toContain('已批准销号');
    // The record names every step: who requested, who reviewed (with the opinion), who approved.
    const steps = await principal.getByTestId('close-out-step').allTextContents();
    expect(steps.join('\n')).toMatch(/申请：刘洋/);
    expect(steps.join('\n')).toMatch(/责任领导审核：李文华.*材料齐全，同意。/);
    expect(steps.join('\n')).toMatch(/第一责任人批准：/);
    expect(await principal.getByTestId('measure-drawer').textContent()).toContain('已销号');
    await principal.context().close();

    const coordinator = await h.newPage();
    await loginAs(coordinator, 'lianluoyuan');
    await coordinator.goto('/inspections/1');
    await coordinator.getByTestId('schedule-lookback').click();
    const schedule = coordinator.getByRole('dialog', { name: '安排回头看' });
    await schedule.getByTestId('lookback-checkers').locator('input').fill('王检查');
    await schedule.getByTestId('lookback-checkers').locator('input').press('Enter');
    await schedule.getByRole('button', { name: /安\s*排/ }).click();
    await schedule.waitFor({ state: 'hidden' });
    await coordinator.getByTestId(`relapse-${id}`).click();
    await coordinator.getByTestId('lookback-note').fill('制度执行不到位，问题反弹。');
    await coordinator.getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(() => coordinator.getByTestId(`lookback-item-${id}`).textContent()).toContain('反弹');
    await coordinator.context().close();

    const again = await h.newPage();
    await loginAs(again, 'zerenren');
    await again.getByTestId('go-queue').click();
    await expect.poll(() => again.getByTestId('notification').first().textContent()).toContain('反弹');
    await openMeasure(again, 1, id);
    expect(await again.getByTestId('measure-drawer').textContent()).toContain('反弹');
    expect(await again.getByTestId('measure-lookback').first().textContent()).toContain('制度执行不到位');
    expect(await again.getByTestId('action-record_progress').count()).toBe(1);
    await again.context().close();
  });
});
