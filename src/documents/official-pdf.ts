/**
 * The official-document model as PDF, laid out as the .docx (GB/T 9704-2012): A4; margins top 37 mm, bottom 35 mm,
 * left 28 mm, right 26 mm; title 二号 centred; body 三号 at 22 lines a page with two-character first-line indents;
 * level-1 headings in a black (sans) face; page numbers 四号 “— N —”, odd pages right, even pages left. Made by
 * pdfkit with a CJK font embedded as a subset (Noto Serif/Sans CJK from Debian's fonts-noto-cjk, or the directory
 * ZHENGGAI_PDF_FONT_DIR names): no LibreOffice at run time. Without the fonts there is no PDF (null), never a PDF
 * with missing glyphs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import {
  formalise,
  tableColumnWidths,
  titleLines,
  type TBlock,
  type TOfficialDocument,
} from './official-document.ts';

const MM = 72 / 25.4;
const PAGE = {
  margins: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM },
  titleSize: 22,
  bodySize: 16,
  tableSize: 10.5,
  pageNumberSize: 14,
  /** 22 lines on the 225 mm text height. */
  line: (225 * MM) / 22,
};

/** The font files: serif (仿宋/宋体 stand-in), serif bold (小标宋), sans bold (黑体). */
export type TPdfFonts = { serif: string; serifBold: string; sansBold: string };
const FACES = {
  serif: ['NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular'],
  serifBold: ['NotoSerifCJK-Bold.ttc', 'NotoSerifCJKsc-Bold'],
  sansBold: ['NotoSansCJK-Bold.ttc', 'NotoSansCJKsc-Bold'],
} as const;
const DEFAULT_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk'];

/** The CJK fonts on this machine (from `dir`, else Debian's places), or null when any is missing. */
export function findPdfFonts(dir?: string): TPdfFonts | null {
  for (const d of dir === undefined || dir === '' ? DEFAULT_DIRS : [dir]) {
    const paths = {
      serif: join(d, FACES.serif[0]),
      serifBold: join(d, FACES.serifBold[0]),
      sansBold: join(d, FACES.sansBold[0]),
    };
    if (Object.values(paths).every((p) => existsSync(p))) return paths;
  }
  return null;
}

/** The document as PDF bytes. */
export async function toPdf(original: TOfficialDocument, fonts: TPdfFonts): Promise<Uint8Array> {
  const doc = formalise(original);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: PAGE.margins,
    bufferPages: true,
    info: { Title: doc.title.replace(/\n/g, ''), Creator: '整改台账' },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });
  pdf.registerFont('serif', fonts.serif, FACES.serif[1]);
  pdf.registerFont('serifBold', fonts.serifBold, FACES.serifBold[1]);
  pdf.registerFont('sansBold', fonts.sansBold, FACES.sansBold[1]);
  const width = pdf.page.width - PAGE.margins.left - PAGE.margins.right;
  /** Lines at the body's fixed spacing, whatever the face's own line height. */
  const gap = (face: string, size: number) => {
    pdf.font(face).fontSize(size);
    return Math.max(0, PAGE.line - pdf.currentLineHeight(false));
  };
  for (const line of doc.title.split('\n').flatMap((t) => titleLines(t)))
    pdf.text(line, { align: 'center', width, lineGap: gap('serifBold', PAGE.titleSize) });
  pdf.moveDown(1);
  for (const block of doc.blocks) renderBlock(pdf, block, width, gap);
  numberPages(pdf);
  pdf.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

function renderBlock(
  pdf: PDFKit.PDFDocument,
  block: TBlock,
  width: number,
  gap: (face: string, size: number) => number,
): void {
  const indent = 2 * PAGE.bodySize;
  const left = PAGE.margins.left;
  switch (block.kind) {
    case 'h1':
    case 'h2': {
      const face = block.kind === 'h1' ? 'sansBold' : 'serifBold';
      pdf.text(block.text, left, undefined, { width, indent, lineGap: gap(face, PAGE.bodySize) });
      return;
    }
    case 'p': {
      const lineGap = gap('serif', PAGE.bodySize);
      block.runs.forEach((run, i) => {
        pdf.font(run.style === 'body' ? 'serif' : 'serifBold');
        pdf.text(run.text, i === 0 ? left : undefined, undefined, {
          width,
          indent: i === 0 ? indent : 0,
          lineGap,
          continued: i < block.runs.length - 1,
        });
      });
      return;
    }
    case 'signature': {
      pdf.moveDown(1);
      for (const line of block.lines)
        pdf.text(line, left, undefined, {
          width: width - 4 * PAGE.bodySize,
          align: 'right',
          lineGap: gap('serif', PAGE.bodySize),
        });
      return;
    }
    case 'table':
      renderTable(pdf, block, width);
      return;
  }
}

/** A ruled table in 五号, columns sized by their content, rows kept whole on a page. */
function renderTable(pdf: PDFKit.PDFDocument, t: { header: string[]; rows: string[][] }, width: number) {
  const pad = 3;
  // The same widths by content as the .docx (short columns what they need, long text columns share the rest).
  const widths = tableColumnWidths(t.header, t.rows, width, Math.floor(width / PAGE.tableSize));
  const drawRow = (cells: string[], face: string) => {
    pdf.font(face).fontSize(PAGE.tableSize);
    const heights = cells.map((text, c) => pdf.heightOfString(text, { width: (widths[c] ?? 0) - 2 * pad }));
    const height = Math.max(...heights, pdf.currentLineHeight(true)) + 2 * pad;
    if (pdf.y + height > pdf.page.height - PAGE.margins.bottom) pdf.addPage();
    const top = pdf.y;
    let x = PAGE.margins.left;
    cells.forEach((text, c) => {
      const w = widths[c] ?? 0;
      pdf.rect(x, top, w, height).lineWidth(0.5).stroke();
      pdf.text(text, x + pad, top + pad, { width: w - 2 * pad });
      x += w;
    });
    pdf.x = PAGE.margins.left;
    pdf.y = top + height;
  };
  drawRow(t.header, 'sansBold');
  for (const row of t.rows)
    drawRow(
      t.header.map((_, c) => row[c] ?? ''),
      'serif',
    );
  pdf.moveDown(0.5);
  pdf.fontSize(PAGE.bodySize);
}

/** “— N —” below the text: odd pages at the right, even pages at the left, one character in from the edge. */
function numberPages(pdf: PDFKit.PDFDocument): void {
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    pdf.switchToPage(i);
    const n = i + 1;
    const bottom = pdf.page.margins.bottom;
    // Writing into the bottom margin: lift it while the number is placed so no new page is started.
    pdf.page.margins.bottom = 0;
    pdf.font('serif').fontSize(PAGE.pageNumberSize);
    const y = pdf.page.height - bottom + 7 * MM;
    const x = PAGE.margins.left + PAGE.pageNumberSize;
    const w = pdf.page.width - PAGE.margins.left - PAGE.margins.right - 2 * PAGE.pageNumberSize;
    pdf.text(`— ${n} —`, x, y, { width: w, align: n % 2 === 1 ? 'right' : 'left', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
}
