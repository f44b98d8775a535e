import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertToPdf, SOFFICE } from './libreoffice.test-support.ts';
import { toDocx } from './official-docx.ts';
import { seedAnnouncement } from './test-seed.ts';

async function seedDocx(): Promise<Uint8Array> {
  return toDocx(seedAnnouncement());
}

describe('the announcement as .docx (GB/T 9704-2012)', () => {
  let bytes: Uint8Array;
  let documentXml = '';
  let zip: JSZip;
  beforeAll(async () => {
    bytes = await seedDocx();
    zip = await JSZip.loadAsync(bytes);
    documentXml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  });

  it('is A4 with the standard margins and a 22-line grid', () => {
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(documentXml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    // A line grid; the 28 characters come from the characters' spacing (see layout.test.ts, measured in LibreOffice).
    expect(documentXml).toMatch(/<w:docGrid w:type="lines" w:linePitch="579"\/>/);
    expect(documentXml).toMatch(/<w:spacing w:val="-5"\/>/);
    // The title's lines stand off the grid (one exact line each); the body's stay on it.
    const title = /<w:p><w:pPr><w:keepNext\/>[^]*?<\/w:pPr>/.exec(documentXml)?.[0] ?? '';
    expect(title).toContain('<w:snapToGrid w:val="0"/>');
    expect(documentXml.split('<w:snapToGrid w:val="0"/>').length - 1).toBe(2);
    // Hanging punctuation as Word and LibreOffice both default to (LibreOffice reads overflowPunct inverted).
    expect(documentXml).not.toContain('overflowPunct');
  });

  it('sets the title in 方正小标宋简体 二号 centred and the body in 仿宋_GB2312 三号 with exact 28.95 pt lines and a two-character indent', () => {
    expect(documentXml).toMatch(
      /<w:jc w:val="center"\/>[\s\S]{0,400}w:eastAsia="方正小标宋简体"[\s\S]{0,200}<w:sz w:val="44"\/>/,
    );
    expect(documentXml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(documentXml).toMatch(/<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"\/>/);
    expect(documentXml).toMatch(/<w:ind w:firstLine="630" w:firstLineChars="200"\/>/);
    expect(documentXml).toMatch(/w:ascii="Times New Roman"/);
  });

  it('uses 黑体 for level-1, 楷体_GB2312 for level-2 and bold 仿宋 for level-3 headings', () => {
    expect(documentXml).toMatch(/w:eastAsia="黑体"[\s\S]{0,300}<w:t[^>]*>一、提高站位/);
    expect(documentXml).toMatch(/w:eastAsia="楷体_GB2312"[\s\S]{0,300}<w:t[^>]*>（一）贯彻落实上级决策部署/);
    expect(documentXml).toMatch(/<w:b\/>[\s\S]{0,300}<w:t[^>]*>1\.关于“学习贯彻/);
  });

  it('numbers pages — 1 — in 宋体 四号, odd pages right and even pages left', async () => {
    const settings = (await zip.file('word/settings.xml')?.async('string')) ?? '';
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/footer\d+\.xml$/.test(f))
        .map(async (f) => (await zip.file(f)?.async('string')) ?? ''),
    );
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      expect(f).toContain('PAGE');
      expect(f).toContain('w:eastAsia="宋体"');
      expect(f).toContain('<w:sz w:val="28"/>');
      expect(f).toContain('— ');
    }
    expect(footers.some((f) => f.includes('<w:jc w:val="right"/>'))).toBe(true);
    expect(footers.some((f) => f.includes('<w:jc w:val="left"/>'))).toBe(true);
  });

  it('names fallback fonts for machines without the government fonts', async () => {
    const fonts = (await zip.file('word/fontTable.xml')?.async('string')) ?? '';
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="FangSong"/>');
    expect(fonts).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="KaiTi"/>');
    expect(fonts).toContain('<w:font w:name="黑体"><w:altName w:val="SimHei"/>');
  });

  it.runIf(SOFFICE !== undefined || process.env.CI === 'true')(
    'opens in LibreOffice, which converts it to PDF',
    () => {
      if (SOFFICE === undefined)
        throw new Error('LibreOffice is required in CI (.ci/run installs libreoffice-writer-nogui)');
      const dir = mkdtempSync(join(tmpdir(), 'zhenggai-docx-'));
      const file = join(dir, '通报.docx');
      writeFileSync(file, bytes);
      convertToPdf(dir, [file]);
      const pdf = readFileSync(join(dir, '通报.pdf'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
    },
  );
});
