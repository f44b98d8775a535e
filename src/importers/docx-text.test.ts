import { readFileSync } from 'node:fs';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { countImported } from '@shared/import-structure.ts';
import { parseAnnouncementText } from './announcement-text.importer.ts';
import { formatNumber, readDocxParagraphs } from './docx-text.ts';
import { importBytes } from './import-file.ts';

const SEED = readFileSync(new URL('../../demo/seed-announcement.txt', import.meta.url), 'utf8');

/**
 * The seed as a Word file whose 一、 headings, (一) categories of section 二 and 1. problems are Word list
 * numbering, not typed text: what a real Word document looks like.
 */
async function seedAsDocx(): Promise<Uint8Array> {
  const lines = SEED.split('\n').filter((l) => l.trim() !== '');
  let section = 0;
  const paragraphs = lines.map((line) => {
    const l1 = /^[一二三四五六七八九十]+、(.*)$/.exec(line);
    if (l1) {
      section += 1;
      return new Paragraph({ text: l1[1] ?? '', numbering: { reference: 'sections', level: 0 } });
    }
    const l2 = /^\([一二三四五六七八九十]+\)(.*)$/.exec(line);
    if (l2 && section === 2)
      return new Paragraph({ text: l2[1] ?? '', numbering: { reference: 'categories', level: 0 } });
    const l3 = /^\d+\.(.*)$/.exec(line);
    if (l3) return new Paragraph({ text: l3[1] ?? '', numbering: { reference: 'problems', level: 0 } });
    return new Paragraph({ text: line });
  });
  const level = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => [
    { level: 0, format, text, alignment: AlignmentType.START },
  ];
  const doc = new Document({
    numbering: {
      config: [
        { reference: 'sections', levels: level(LevelFormat.CHINESE_COUNTING, '%1、') },
        { reference: 'categories', levels: level(LevelFormat.CHINESE_COUNTING, '（%1）') },
        { reference: 'problems', levels: level(LevelFormat.DECIMAL, '%1.') },
      ],
    },
    sections: [{ children: paragraphs }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('.docx import', () => {
  it('imports the seed built with Word list numbering to the same 4 / 15 / 48 as the text', async () => {
    const bytes = await seedAsDocx();
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string');
    expect(xml).not.toContain('1.关于'); // the numbers really are list numbering, not text
    const result = await importBytes('通报.docx', bytes);
    if (!result.ok) throw new Error(result.error);
    expect(result.format).toBe('docx');
    expect(countImported(result.document)).toEqual({ categories: 4, problems: 15, measures: 48 });
    const text = parseAnnouncementText(SEED);
    if (!text.ok) throw new Error(text.error);
    expect(result.document.categories).toEqual(text.document.categories);
    expect(result.document.unit).toBe('中共南通市文学艺术界联合会党组');
    expect(result.document.rules.map((r) => r.title)).toContain('南通市文联政府采购内部控制制度');
  });

  it('renders the numbers a reader sees', async () => {
    const r = await readDocxParagraphs(await seedAsDocx());
    if (!r.ok) throw new Error(r.error);
    expect(r.paragraphs).toContain('二、市委巡察组反馈意见整改落实情况');
    expect(r.paragraphs).toContain('（四）领导班子和队伍建设存在薄弱环节');
    expect(r.paragraphs.some((p) => p.startsWith('15.关于“干部选拔任用程序不规范”'))).toBe(true);
    expect([
      formatNumber(12, 'chineseCounting'),
      formatNumber(3, 'decimal'),
      formatNumber(2, 'ideographTraditional'),
      formatNumber(1, 'bullet'),
    ]).toEqual(['十二', '3', '乙', '']);
  });
});

describe('bad files get a clear Chinese message', () => {
  it.each([
    ['not a zip', '假.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]), /已损坏/],
    ['a zip that is neither .docx nor .xlsx', 'x.docx', null, /不是 Word（.docx）或 Excel（.xlsx）文件/],
    [
      'a legacy .doc',
      'old.doc',
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      /另存为 .docx/,
    ],
    [
      'an executable named .docx',
      'virus.docx',
      new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]),
      /可执行程序/,
    ],
    ['a PDF', 'a.pdf', new TextEncoder().encode('%PDF-1.7 ...'), /PDF/],
  ])('%s', async (_, name, bytes, message) => {
    let data: Uint8Array | null = bytes;
    if (data === null) {
      const zip = new JSZip();
      zip.file('hello.txt', 'hello');
      data = await zip.generateAsync({ type: 'uint8array' });
    }
    const result = await importBytes(name, data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('refuses 50 MB of garbage by size before reading it', async () => {
    const result = await importBytes('big.txt', new Uint8Array(50 * 1024 * 1024).fill(7));
    expect(result).toEqual({ ok: false, error: '文件超过 20 MB，无法导入', isTooLarge: true });
  });

  it('refuses an .xlsx without a recognisable header', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['姓名', '年龄']);
    const result = await importBytes('x.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/没有可识别的表头/);
  });
});
