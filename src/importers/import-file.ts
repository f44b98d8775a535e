/** Reads a file of any supported format into the shared import structure; the format is told by content. */
import { readFile, stat } from 'node:fs/promises';
import JSZip from 'jszip';
import type { TImportedDocument } from '@shared/import-structure.ts';
import { parseAnnouncementText } from './announcement-text.importer.ts';
import { parseBreakdownXlsx } from './breakdown-xlsx.importer.ts';
import { readDocxParagraphs } from './docx-text.ts';
import { decodeText } from './text-lines.ts';
import { checkZip } from './zip-guard.ts';

/** Largest file accepted for import. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The outcome of reading a file. */
export type TFileImportResult =
  | { ok: true; document: TImportedDocument; format: TImportFormat }
  | { ok: false; error: string; isTooLarge?: boolean };

/** Formats the importers read. */
export type TImportFormat = 'text' | 'docx' | 'xlsx';

const TOO_LARGE = `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB，无法导入`;

/** What the bytes are, by their content (never by the file name). */
export async function detectFormat(
  bytes: Uint8Array,
): Promise<{ ok: true; format: TImportFormat } | { ok: false; error: string; isTooLarge?: boolean }> {
  const startsWith = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (startsWith(0xd0, 0xcf, 0x11, 0xe0))
    return {
      ok: false,
      error:
        '这是旧版 Office 文件（.doc/.xls/.wps），请在 Word 或 WPS 中另存为 .docx（表格另存为 .xlsx）后导入',
    };
  if (startsWith(0x25, 0x50, 0x44, 0x46))
    return { ok: false, error: 'PDF 文件无法导入，请提供 .docx、.xlsx 或 .txt 文件' };
  if (startsWith(0x50, 0x4b, 0x03, 0x04) || startsWith(0x50, 0x4b, 0x05, 0x06)) {
    // Bounded before any library inflates it: entry count, inflated sizes, XML depth.
    const guard = checkZip(bytes);
    if (!guard.ok) return guard;
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(bytes);
    } catch {
      return { ok: false, error: '文件已损坏：看起来是 Office 文件，但无法打开' };
    }
    if (zip.file('word/document.xml')) return { ok: true, format: 'docx' };
    if (zip.file('xl/workbook.xml')) return { ok: true, format: 'xlsx' };
    return { ok: false, error: '这是一个压缩包，但不是 Word（.docx）或 Excel（.xlsx）文件' };
  }
  if (startsWith(0x4d, 0x5a) || startsWith(0x7f, 0x45, 0x4c, 0x46))
    return { ok: false, error: '这是可执行程序，不能导入' };
  return { ok: true, format: 'text' };
}

/** Parses file bytes: .docx and .xlsx by content, anything else as text. `name` only words the messages. */
export async function importBytes(name: string, bytes: Uint8Array): Promise<TFileImportResult> {
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, error: TOO_LARGE, isTooLarge: true };
  if (/\.(doc|wps|et|xls)$/i.test(name) && !(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    return { ok: false, error: '不支持旧版 Word/WPS/Excel 文件，请另存为 .docx 或 .xlsx 后导入' };
  }
  const detected = await detectFormat(bytes);
  if (!detected.ok) return detected;
  switch (detected.format) {
    case 'docx': {
      const docx = await readDocxParagraphs(bytes);
      if (!docx.ok) return docx;
      const parsed = parseAnnouncementText(docx.paragraphs.join('\n'));
      return parsed.ok ? { ...parsed, format: 'docx' } : parsed;
    }
    case 'xlsx': {
      const parsed = await parseBreakdownXlsx(bytes);
      return parsed.ok ? { ...parsed, format: 'xlsx' } : parsed;
    }
    case 'text': {
      const decoded = decodeText(bytes);
      if (!decoded.ok) return decoded;
      const parsed = parseAnnouncementText(decoded.text);
      return parsed.ok ? { ...parsed, format: 'text' } : parsed;
    }
  }
}

/** Reads and parses a file from disk. */
export async function importFile(path: string): Promise<TFileImportResult> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, error: `不是文件：${path}` };
    if (info.size > MAX_IMPORT_BYTES) return { ok: false, error: TOO_LARGE };
    return await importBytes(path, await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, error: `文件不存在：${path}` };
    if (code === 'EACCES') return { ok: false, error: `没有读取权限：${path}` };
    return { ok: false, error: `无法读取文件：${path}` };
  }
}
