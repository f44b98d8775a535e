import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadBy, loginAs, startHarness, type THarness } from './harness.ts';

describe('the announcement in the browser', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('writes sections 一 and 三, previews, submits, is approved by the principal, published, and downloads as .docx', async () => {
    const coordinator = await h.newPage();
    await loginAs(coordinator, 'lianluoyuan');
    await coordinator.goto('/inspections/1');
    // Last month's report has not been issued in a fresh demo: the ledger says so.
    await expect
      .poll(() => coordinator.getByTestId('ledger-monthly-due').first().textContent())
      .toContain('月报告尚未签发');
    await coordinator.getByTestId('go-documents').click();
    await coordinator.getByTestId('announcement-card').waitFor();
    // The seed's own sections 一 and 三 came in with the import; the demo published them as version 1 (public at
    // /public), and the next version starts from them.
    await expect.poll(() => coordinator.getByTestId('version-1').textContent()).toContain('已发布');
    await expect
      .poll(() => coordinator.getByTestId('section1-heading').inputValue())
      .toBe('提高站位,切实把整改落实作为重大政治任务抓紧抓好');
    await coordinator
      .getByTestId('section1-text')
      .fill('市文联党组认真履行巡察整改主体责任。\n(一)加强组织领导。成立巡察整改工作领导小组。');
    await coordinator.getByTestId('section3-heading').fill('持续巩固和深化整改成果');
    await coordinator.getByTestId('section3-text').fill('(一)切实抓好整改后续工作。适时组织“回头看”。');
    await coordinator.getByTestId('save-draft').click();
    const preview = coordinator.frameLocator('[data-testid="announcement-preview"]');
    await expect
      .poll(() => preview.locator('body').textContent(), { timeout: 15_000 })
      .toContain('成立巡察整改工作领导小组');
    expect(await preview.locator('body').textContent()).toContain(
      '1.关于“学习贯彻习近平总书记重要讲话精神不深入，存在机关化、行政化现象”问题的整改情况。',
    );
    await coordinator.getByTestId('announcement-submit').click();
    await expect.poll(() => coordinator.getByTestId('version-2').textContent()).toContain('待审批');
    await coordinator.context().close();

    const principal = await h.newPage();
    await loginAs(principal, 'shuji');
    await principal.goto('/inspections/1/documents');
    await principal.getByTestId('announcement-approve').click();
    await principal.getByTestId('announcement-opinion').fill('同意发布。');
    await principal.getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(() => principal.getByTestId('version-2').textContent()).toContain('已批准');
    expect(await principal.getByTestId('announcement-decision').textContent()).toContain(
      '审批意见：同意发布。',
    );
    await principal.getByTestId('announcement-publish').click();
    await expect.poll(() => principal.getByTestId('version-2').textContent()).toContain('已发布');
    const docx = await downloadBy(principal, 'published-2-docx');
    const xml = (await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('成立巡察整改工作领导小组');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    await principal.context().close();
  });
});
