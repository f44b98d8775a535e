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
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
} from 'docx';
import JSZip from 'jszip';
import {
  formalise,
  tableColumnWidths,
  titleLines,
  type TBlock,
  type TOfficialDocument,
} from './official-document.ts';

/** Figures of the layout, in the units .docx uses (twips; half-points for sizes). */
export const GBT9704 = {
  page: { width: 11906, height: 16838 },
  margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
  line: 579,
  bodySize: 32,
  titleSize: 44,
  pageNumberSize: 28,
  /**
   * 28 characters across the 156 mm type area (8845 twips = 442.2 pt): each 三号 (16 pt) character is set 0.25 pt
   * closer (character spacing −5 twentieths of a point), so 28 take 441 pt and a 29th does not fit — in Word, WPS and
   * LibreOffice alike, which a character grid does not achieve (LibreOffice gives a 16 pt character two cells of a
   * 15.8 pt grid). The grid only sets the lines (22 a page).
   */
  charSpacing: -5,
  /** The two-character first-line indent in twips (2 × 15.75 pt), for word processors that ignore `firstLineChars`. */
  indent: 630,
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
    indent: { firstLine: GBT9704.indent, firstLineChars: 200 },
    // 22 lines on every full page: no line moved to the next page to avoid a widow or an orphan.
    widowControl: false,
    alignment: AlignmentType.JUSTIFIED,
    ...extra,
  });
const run = (text: string, face: string, bold = false) =>
  new TextRun({
    text,
    font: font(face),
    size: GBT9704.bodySize,
    bold,
    characterSpacing: GBT9704.charSpacing,
  });

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
      const cell = (text: string, bold: boolean, width: number) =>
        new TableCell({
          width: { size: width, type: WidthType.DXA },
          borders: { top: border, bottom: border, left: border, right: border },
          children: [
            new Paragraph({
              children: [new TextRun({ text, font: font(bold ? FONTS.h1 : FONTS.body), size: 21 })],
              spacing: { line: 300, lineRule: LineRuleType.AT_LEAST },
            }),
          ],
        });
      const across = GBT9704.page.width - GBT9704.margin.left - GBT9704.margin.right;
      // 五号 (10.5 pt) cells: about 42 characters across the type area.
      const widths = tableColumnWidths(b.header, b.rows, across, 42);
      return [
        new Table({
          width: { size: across, type: WidthType.DXA },
          columnWidths: widths,
          layout: TableLayoutType.FIXED,
          rows: [
            new TableRow({
              tableHeader: true,
              children: b.header.map((h, j) => cell(h, true, widths[j] ?? 0)),
            }),
            ...b.rows.map((r) => new TableRow({ children: r.map((c, j) => cell(c, false, widths[j] ?? 0)) })),
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
  // Punctuation may hang past the margin (Word's 允许标点溢出边界, on by default, and LibreOffice's default): the one
  // setting Word, WPS and LibreOffice read alike — LibreOffice reads `w:overflowPunct` the other way round (its import
  // takes val 0 for hanging on, its export writes hanging on as true), so any value would break lines differently.
  // The title's 二号 lines (the only paragraphs kept with the next) do not snap to the line grid: LibreOffice gives a
  // snapped line taller than the pitch two grid lines; off the grid each keeps its exact 28.95 pt, as in Word.
  const body = (await zip.file('word/document.xml')?.async('string')) ?? '';
  zip.file(
    'word/document.xml',
    body.replaceAll(
      '<w:keepNext/><w:widowControl w:val="false"/>',
      '<w:keepNext/><w:widowControl w:val="false"/><w:snapToGrid w:val="0"/>',
    ),
  );
  return zip.generateAsync({ type: 'uint8array' });
}

/** Renders the document as .docx bytes. */
export async function toDocx(original: TOfficialDocument): Promise<Uint8Array> {
  const doc = formalise(original);
  const lines = doc.title.split('\n').flatMap((t) => titleLines(t));
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
          grid: { type: 'lines', linePitch: GBT9704.line },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children: [
          ...lines.map(
            (t) =>
              new Paragraph({
                alignment: AlignmentType.CENTER,
                spacing: lineSpacing,
                widowControl: false,
                // Kept with what follows; off the line grid (added to the XML in addFontFallbacks).
                keepNext: true,
                // The 22 pt title keeps to one grid line each (LibreOffice gives a taller line two when snapping).
                children: [
                  new TextRun({
                    text: t,
                    font: font(FONTS.title),
                    size: GBT9704.titleSize,
                    snapToGrid: false,
                  }),
                ],
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
