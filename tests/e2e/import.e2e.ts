import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../src/shared/chinese.ts';
import { loginAs, startHarness, type THarness } from './harness.ts';

describe('importing a breakdown in the browser', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('uploads the template filled with three measures, previews, fixes a warning, confirms, and sees them in the ledger', async () => {
    const page = await h.newPage();
    await loginAs(page, 'lianluoyuan');
    await page.goto('/inspections');
    await page.getByTestId('go-import').click();

    // The template as the user downloads it, filled in with three measures; one names a department that does not exist.
    const template = await page.request.get('/api/templates/breakdown.xlsx');
    expect(template.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await template.body()) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    const deadline = addDays(todayInChina(), 45);
    ws?.addRow([
      1,
      '工作作风方面',
      '会议偏多',
      '精简会议数量。',
      '办公室',
      '李文华',
      '张敏',
      deadline,
      null,
      '推进中',
    ]);
    ws?.addRow([null, null, null, '推行视频会议。', '办公司', '李文华', '张敏', deadline, null, '推进中']);
    ws?.addRow([
      2,
      null,
      '调研不深',
      '建立调研台账。',
      '创作研究部',
      '陈志强',
      '赵静',
      '长期坚持',
      null,
      '长期坚持',
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'zhenggai-e2e-')), '责任分解表.xlsx');
    await wb.xlsx.writeFile(file);

    await page.locator('input[type="file"]').setInputFiles(file);
    await expect
      .poll(() => page.getByTestId('import-counts').textContent())
      .toContain('1 个问题类别，2 个问题，3 条整改措施');
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);

    // Choose the unit (the template's title names none): names are then checked against its departments.
    await page.getByTestId('import-unit').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: '南通市文学艺术界联合会' })
      .first()
      .click();
    await expect
      .poll(() => page.getByTestId('measure-warning').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('部室“办公司”不在本单位名单中')]));
    // Fix the warning: the misspelt department is 办公室.
    await page.getByTestId('map-办公司').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: /^办公室$/ })
      .click();
    await expect.poll(() => page.getByTestId('measure-warning').count()).toBe(0);

    await page.getByTestId('import-confirm').click();
    await page.getByTestId('ledger-title').waitFor();
    await expect.poll(() => page.getByTestId('visible-count').textContent()).toBe('显示 3 条措施');
    const rows = await page.locator('tr[data-testid^="measure-row-"]').allTextContents();
    expect(rows.join('\n')).toContain('推行视频会议。');
    expect(rows.find((r) => r.includes('推行视频会议。'))).toContain('办公室');
    expect(rows.find((r) => r.includes('建立调研台账。'))).toContain('长期坚持');
    await page.context().close();
  });

  it('shows a clear Chinese message for a file that is not a document', async () => {
    const page = await h.newPage();
    await loginAs(page, 'lianluoyuan');
    await page.goto('/import');
    await page.locator('input[type="file"]').setInputFiles({
      name: '台账.docx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
    });
    await expect.poll(() => page.getByTestId('import-error').first().textContent()).toContain('已损坏');
    await page.context().close();
  });
});
