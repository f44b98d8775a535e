/**
 * The official-document model as .docx laid out per GB/T 9704-2012: A4; margins top 37 mm, bottom 35 mm, left
 * 28 mm, right 26 mm; a grid of 22 lines × 28 characters; title 方正小标宋简体 二号 centred; body 仿宋_GB2312 三号
 * with a two-character first-line indent and exact 28.95 pt lines; level-1 headings 黑体, level-2 楷体_GB2312,
 * level-3 仿宋 bold; page numbers 「— 1 —」 in 宋体 四号, odd pages right and even pages left, one character in.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
} from 'docx';
import JSZip from 'jszip';
import { formalise, type TBlock, type TOfficialDocument } from './official-document.ts';

/** Figures of the layout, in the units .docx uses (twips; half-points for sizes). */
export const GBT9704 = {
  page: { width: 11906, height: 16838 },
  margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
  line: 579,
  bodySize: 32,
  titleSize: 44,
  pageNumberSize: 28,
  /** 28 characters across the 156 mm type area (8845 twips): pitch 315.9 twips, 0.21 pt less than 三号. */
  charSpace: -849,
} as const;

const LATIN = 'Times New Roman';
const font = (eastAsia: string) => ({ eastAsia, ascii: LATIN, hAnsi: LATIN, cs: LATIN });
const FONTS = {
  body: '仿宋_GB2312',
  h1: '黑体',
  h2: '楷体_GB2312',
  title: '方正小标宋简体',
  pageNumber: '宋体',
} as const;
/** Fallbacks Word and WPS substitute on machines without the government fonts. */
const ALT_NAMES: Record<string, string> = {
  仿宋_GB2312: 'FangSong',
  楷体_GB2312: 'KaiTi',
  黑体: 'SimHei',
  方正小标宋简体: 'SimSun',
  宋体: 'SimSun',
};

const lineSpacing = { line: GBT9704.line, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
const bodyParagraph = (children: TextRun[], extra: Partial<IParagraphOptions> = {}) =>
  new Paragraph({
    children,
    spacing: lineSpacing,
    indent: { firstLineChars: 200 },
    alignment: AlignmentType.JUSTIFIED,
    ...extra,
  });
const run = (text: string, face: string, bold = false) =>
  new TextRun({ text, font: font(face), size: GBT9704.bodySize, bold });

function blockToDocx(b: TBlock): Array<Paragraph | Table> {
  switch (b.kind) {
    case 'h1':
      return [bodyParagraph([run(b.text, FONTS.h1)])];
    case 'h2':
      return [bodyParagraph([run(b.text, FONTS.h2)])];
    case 'p':
      return [
        bodyParagraph(
          b.runs.map((r) => run(r.text, r.style === 'h2' ? FONTS.h2 : FONTS.body, r.style === 'h3')),
        ),
      ];
    case 'table': {
      const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
      const cell = (text: string, bold: boolean) =>
        new TableCell({
          borders: { top: border, bottom: border, left: border, right: border },
          children: [
            new Paragraph({
              children: [new TextRun({ text, font: font(bold ? FONTS.h1 : FONTS.body), size: 21 })],
              spacing: { line: 300, lineRule: LineRuleType.AT_LEAST },
            }),
          ],
        });
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: b.header.map((h) => cell(h, true)) }),
            ...b.rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) })),
          ],
        }),
      ];
    }
    case 'signature':
      // Issuing body and date right-aligned, four characters in from the right edge.
      return [
        bodyParagraph([]),
        ...b.lines.map(
          (l) =>
            new Paragraph({
              children: [run(l, FONTS.body)],
              spacing: lineSpacing,
              alignment: AlignmentType.RIGHT,
              indent: { right: 4 * 320 },
            }),
        ),
      ];
  }
}

function pageNumberFooter(side: 'right' | 'left'): Footer {
  const r = (text?: string) =>
    new TextRun({
      ...(text !== undefined ? { text } : { children: [PageNumber.CURRENT] }),
      font: font(FONTS.pageNumber),
      size: GBT9704.pageNumberSize,
    });
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: 320 } : { left: 320 },
        children: [r('— '), r(), r(' —')],
      }),
    ],
  });
}

/** Adds w:altName fallbacks to the font table so Word and WPS pick sensible substitutes. */
async function addFontFallbacks(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const path = 'word/fontTable.xml';
  const xml = (await zip.file(path)?.async('string')) ?? '';
  const fonts = Object.entries(ALT_NAMES)
    .map(
      ([name, alt]) =>
        `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>`,
    )
    .join('');
  const next = xml.includes('</w:fonts>')
    ? xml.replace('</w:fonts>', `${fonts}</w:fonts>`)
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`;
  zip.file(path, next);
  return zip.generateAsync({ type: 'uint8array' });
}

/** Renders the document as .docx bytes. */
export async function toDocx(original: TOfficialDocument): Promise<Uint8Array> {
  const doc = formalise(original);
  const titleLines = doc.title.split('\n');
  const document = new Document({
    creator: '整改台账',
    title: doc.title.replace(/\n/g, ''),
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(FONTS.body), size: GBT9704.bodySize } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: GBT9704.page.width, height: GBT9704.page.height },
            margin: { ...GBT9704.margin, footer: 1247, header: 851 },
          },
          grid: { type: 'linesAndChars', linePitch: GBT9704.line, charSpace: GBT9704.charSpace },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children: [
          ...titleLines.map(
            (t) =>
              new Paragraph({
                alignment: AlignmentType.CENTER,
                spacing: lineSpacing,
                children: [new TextRun({ text: t, font: font(FONTS.title), size: GBT9704.titleSize })],
              }),
          ),
          bodyParagraph([]),
          ...doc.blocks.flatMap(blockToDocx),
        ],
      },
    ],
  });
  return addFontFallbacks(new Uint8Array(await Packer.toBuffer(document)));
}
