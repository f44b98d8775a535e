/**
 * The ledger prints as a ledger: Chromium's own print to PDF (A4 landscape) holds every word of the measures, the
 * header row, and none of the title bar, buttons or filters; read back with poppler's pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TLedgerView } from '@shared/api.ts';
import { loginAs, startHarness, type THarness } from './harness.ts';

const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('printing the ledger', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('prints every measure in full, without the buttons, the filters or the title bar', async () => {
    const page = await h.newPage();
    await loginAs(page, 'lianluoyuan');
    await page.goto('/inspections');
    await page.getByText('中共南通市文学艺术界联合会党组').first().click();
    await page.getByTestId('ledger-title').waitFor();
    await page.getByTestId('print-ledger').waitFor();
    const ledger = (await (
      await page.request.get(page.url().replace(/\/inspections\/(\d+).*/, '/api/inspections/$1/ledger'))
    ).json()) as TLedgerView;
    const contents = ledger.categories.flatMap((c) =>
      c.problems.flatMap((p) => p.measures.map((m) => m.content)),
    );
    const longest = contents.reduce((a, b) => (b.length > a.length ? b : a), '');
    expect(longest.length).toBeGreaterThan(60);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-header').isVisible()).toBe(false);
    expect(await page.getByTestId('filter-colour-red').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    const dir = mkdtempSync(join(tmpdir(), 'zhenggai-print-'));
    writeFileSync(join(dir, 'ledger.pdf'), pdf);
    const text = squeeze(
      execFileSync('pdftotext', ['-raw', join(dir, 'ledger.pdf'), '-'], { encoding: 'utf8' }),
    );
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, 'ledger.pdf')], { encoding: 'utf8' }))?.[1],
    );
    expect(pages).toBeGreaterThan(1);
    // Every word of the longest measure, and the header row.
    expect(text).toContain(squeeze(longest));
    expect(text).toContain('整改措施');
    // None of the screen's controls.
    for (const control of ['清除筛选', '按新版分解表更新', '通报与报告', '退出', '待办与消息'])
      expect(text).not.toContain(control);
    // The first page is not blank: it starts with the ledger's title.
    const first = squeeze(
      execFileSync('pdftotext', ['-f', '1', '-l', '1', join(dir, 'ledger.pdf'), '-'], { encoding: 'utf8' }),
    );
    expect(first).toContain('文学艺术界联合会');
    await page.context().close();
  });
});
