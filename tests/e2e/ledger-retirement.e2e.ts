import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startHarness, type THarness } from './harness.ts';

// A trial import the coordinator made by mistake: a small announcement of another inspection group.
const TRIAL = [
  '中共某某市文联党组关于巡察整改进展情况的通报',
  '2023年3月1日至4月30日，市委第九巡察组对某某市文联党组进行了巡察。2023年6月5日，市委第九巡察组反馈了巡察意见。',
  '二、反馈问题整改落实情况',
  '(一)党的领导弱化',
  '1.关于学习贯彻不深入的问题。一是完善学习制度。二是开展专题研讨。',
].join('\n');

describe('a ledger created by mistake in the browser', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('is archived out of the list, found under 已归档, restored, then deleted with a reason', async () => {
    const page = await h.newPage();
    await loginAs(page, 'lianluoyuan');
    const me = (await (await page.request.get('/api/auth/me')).json()) as { unitId: number };
    const preview = await page.request.post(`/api/imports/preview?unitId=${me.unitId}`, {
      headers: {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent('试导入.txt'),
        'x-requested-with': 'zhenggai',
      },
      data: Buffer.from(TRIAL),
    });
    expect(preview.status()).toBe(200);
    const { document } = (await preview.json()) as { document: unknown };
    const made = await page.request.post('/api/imports/confirm', {
      headers: { 'x-requested-with': 'zhenggai' },
      data: { document, unitId: me.unitId, inspectionId: null },
    });
    expect(made.status()).toBe(201);
    const { inspectionId } = (await made.json()) as { inspectionId: number };

    // Archive it from its page, with a reason: the page says so, and the list no longer shows it.
    await page.goto(`/inspections/${inspectionId}`);
    await page.getByTestId('archive-ledger').click();
    await page.getByTestId('retirement-reason').fill('导入了错误的文件');
    await page
      .getByRole('button', { name: '归 档' })
      .or(page.getByRole('button', { name: '归档' }))
      .last()
      .click();
    await expect
      .poll(async () => page.getByTestId('ledger-archived').textContent())
      .toContain('导入了错误的文件');
    await page.goto('/inspections');
    await page.getByTestId('inspection-link-1').waitFor();
    expect(await page.getByTestId(`inspection-link-${inspectionId}`).count()).toBe(0);
    await page.getByTestId('filter-archived').click();
    await page.getByTestId(`inspection-link-${inspectionId}`).click();

    // Restored: the banner is gone; then deleted (nothing was recorded on it) and the list is shown.
    await page.getByTestId('restore-ledger').click();
    await page
      .getByRole('button', { name: '恢 复' })
      .or(page.getByRole('button', { name: '恢复' }))
      .last()
      .click();
    await expect.poll(async () => page.getByTestId('ledger-archived').count()).toBe(0);
    await page.getByTestId('delete-ledger').click();
    await page.getByTestId('retirement-reason').fill('导入到了错误的单位');
    await page
      .getByRole('button', { name: '删 除' })
      .or(page.getByRole('button', { name: '删除' }))
      .last()
      .click();
    await page.waitForURL(/\/inspections$/);
    expect((await page.request.get(`/api/inspections/${inspectionId}/ledger`)).status()).toBe(404);

    // The seed ledger, with its recorded work, offers no deletion; its coordinator is told why archiving is not theirs.
    await page.goto('/inspections/1');
    await page.getByTestId('delete-ledger-disabled').waitFor();
    expect(await page.getByTestId('archive-ledger-disabled').count()).toBe(1);
    await page.context().close();
  });
});
