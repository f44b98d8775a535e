import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportVia, loginAs, startHarness, type THarness } from './harness.ts';

describe('updating a ledger from a newer breakdown in the browser', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('shows added, changed and removed measures, refuses to remove started work, and applies only what is accepted', async () => {
    const page = await h.newPage();
    await loginAs(page, 'lianluoyuan');
    const exported = await exportVia(page, { what: 'ledger', inspectionId: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    // Row 4 is the first measure: change its text; drop row 5 (a started measure); add a new problem at the end.
    ws.getCell('D4').value = '深入学习中心组学习规则并建立学习台账。';
    ws.spliceRows(5, 1);
    ws.addRow([
      16,
      '领导班子和队伍建设存在薄弱环节',
      '新发现问题',
      '建立新的工作机制。',
      '办公室',
      '李文华',
      '张敏',
      '2030-06-30',
      null,
      '未启动',
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'zhenggai-e2e-')), '新版分解表.xlsx');
    await wb.xlsx.writeFile(file);

    await page.goto('/import?inspectionId=1');
    await page.locator('input[type="file"]').setInputFiles(file);
    const changes = page.getByTestId('import-changes');
    await changes.waitFor();
    const text = (await changes.textContent()) ?? '';
    expect(text).toContain('修改');
    expect(text).toContain('新增');
    expect(text).toContain('删除');
    // The dropped measure is started (and, once the day's reminders went out, has messages): it is kept.
    expect(text).toMatch(/该措施已(启动整改|有整改进展、佐证材料、意见或审批记录)，导入不会删除/);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('ledger-title').waitFor();
    await expect.poll(() => page.getByTestId('visible-count').textContent()).toBe('显示 49 条措施');
    const rows = (await page.locator('tr[data-testid^="measure-row-"]').allTextContents()).join('\n');
    expect(rows).toContain('深入学习中心组学习规则并建立学习台账。');
    expect(rows).toContain('建立新的工作机制。');
    await page.context().close();
  });
});
