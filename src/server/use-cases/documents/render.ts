/** One place that turns a document into the requested format, for the routes and the CLI. */
import { toDocx } from '@documents/official-docx.ts';
import { toHtml, toText, type TOfficialDocument } from '@documents/official-document.ts';
import { findPdfFonts, toPdf, type TPdfFonts } from '@documents/official-pdf.ts';
import { AppError } from '../../errors.ts';

/** Output formats. */
export const DOCUMENT_FORMATS = ['txt', 'html', 'docx', 'pdf'] as const;
export type TDocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** Content types of the formats. */
export const CONTENT_TYPES: Record<TDocumentFormat, string> = {
  txt: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

let fonts: TPdfFonts | null | undefined;
/** The CJK fonts PDFs embed (ZHENGGAI_PDF_FONT_DIR, else Debian's fonts-noto-cjk), looked up once; null if absent. */
export function pdfFonts(env: NodeJS.ProcessEnv = process.env): TPdfFonts | null {
  if (fonts === undefined) fonts = findPdfFonts(env.ZHENGGAI_PDF_FONT_DIR);
  return fonts;
}

/** The document as PDF, or null when this server has no CJK fonts. */
export async function pdfOf(doc: TOfficialDocument): Promise<Uint8Array | null> {
  const found = pdfFonts();
  return found === null ? null : toPdf(doc, found);
}

/** The bytes of a document in a format. */
export async function renderDocument(doc: TOfficialDocument, format: TDocumentFormat): Promise<Uint8Array> {
  switch (format) {
    case 'txt':
      return new TextEncoder().encode(toText(doc));
    case 'html':
      return new TextEncoder().encode(toHtml(doc));
    case 'docx':
      return toDocx(doc);
    case 'pdf': {
      const bytes = await pdfOf(doc);
      if (bytes === null)
        throw new AppError(
          'UNPROCESSABLE',
          '服务器未安装中文字体（fonts-noto-cjk），暂不能生成 PDF，请下载 Word 文档',
        );
      return bytes;
    }
  }
}
