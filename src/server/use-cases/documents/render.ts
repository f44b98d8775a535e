/** One place that turns a document into the requested format, for the routes and the CLI. */
import { toDocx } from '@documents/official-docx.ts';
import { toHtml, toText, type TOfficialDocument } from '@documents/official-document.ts';

/** Output formats. */
export const DOCUMENT_FORMATS = ['txt', 'html', 'docx'] as const;
export type TDocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** Content types of the formats. */
export const CONTENT_TYPES: Record<TDocumentFormat, string> = {
  txt: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The bytes of a document in a format. */
export async function renderDocument(doc: TOfficialDocument, format: TDocumentFormat): Promise<Uint8Array> {
  switch (format) {
    case 'txt':
      return new TextEncoder().encode(toText(doc));
    case 'html':
      return new TextEncoder().encode(toHtml(doc));
    case 'docx':
      return toDocx(doc);
  }
}
