/**
 * The announcement as PDF, read back with poppler (as a reader's viewer would): the CJK font embedded as a subset,
 * the text extractable in order, pages numbered “— N —”, A4. Without the fonts there is no PDF rather than a bad one.
 * CI installs fonts-noto-cjk and poppler-utils; elsewhere the test says what it lacks.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPdfFonts, toPdf } from './official-pdf.ts';
import { seedAnnouncement } from './test-seed.ts';

const fonts = findPdfFonts(process.env.ZHENGGAI_PDF_FONT_DIR);
const POPPLER = existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdffonts');
if (process.env.CI === 'true' && (fonts === null || !POPPLER))
  throw new Error('CI needs fonts-noto-cjk and poppler-utils for the PDF tests');

describe.skipIf(fonts === null || !POPPLER)('the announcement as PDF', () => {
  let file = '';
  beforeAll(async () => {
    if (fonts === null) return;
    const bytes = await toPdf(seedAnnouncement(), fonts);
    file = join(mkdtempSync(join(tmpdir(), 'zhenggai-pdf-')), 'seed.pdf');
    writeFileSync(file, bytes);
  });

  it('embeds the CJK faces as subsets and reads back as the announcement, in order', () => {
    const fontsList = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    const embedded = fontsList
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(embedded.length).toBeGreaterThanOrEqual(2);
    for (const line of embedded) expect(line, line).toMatch(/\+Noto\w+CJK\w*-\w+.*\syes\s+yes\s+yes/);
    // Lines break anywhere in Chinese: read the text without its line breaks.
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    const title = text.indexOf('关于巡察整改进展情况的');
    const problem = text.indexOf('关于“学习贯彻习近平总书记重要讲话精神不深入');
    expect(title).toBeGreaterThanOrEqual(0);
    expect(problem).toBeGreaterThan(title);
    expect(text).toContain('一、');
    expect(text).toContain('—1—');
  });

  it('is A4 with every page numbered', () => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? '0');
    expect(pages).toBeGreaterThan(1);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, '');
    for (let n = 1; n <= pages; n += 1) expect(text).toContain(`—${n}—`);
  });

  it('makes no PDF without the fonts', () => {
    expect(findPdfFonts('/nonexistent')).toBeNull();
  });
});
