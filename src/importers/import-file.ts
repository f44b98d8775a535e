/** Reads a file of any supported format into the shared import structure. */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { TImportedDocument } from '@shared/import-structure.ts';
import { parseAnnouncementText } from './announcement-text.importer.ts';
import { decodeText } from './text-lines.ts';

/** Largest file accepted for import. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The outcome of reading a file. */
export type TFileImportResult = { ok: true; document: TImportedDocument } | { ok: false; error: string };

/** Parses file bytes by their name's extension (text for now; .docx and .xlsx come with their importers). */
export function importBytes(name: string, bytes: Uint8Array): TFileImportResult {
  const ext = extname(name).toLowerCase();
  if (bytes.length > MAX_IMPORT_BYTES)
    return { ok: false, error: `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB，无法导入` };
  if (ext === '.doc' || ext === '.wps')
    return { ok: false, error: '不支持旧版 Word（.doc）或 WPS（.wps）文件，请另存为 .docx 后导入' };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    return {
      ok: false,
      error: '这是一个压缩包格式的文件（如 .docx/.xlsx），当前版本仅支持导入纯文本（.txt）',
    };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  return parseAnnouncementText(decoded.text);
}

/** Reads and parses a file from disk. */
export async function importFile(path: string): Promise<TFileImportResult> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, error: `不是文件：${path}` };
    if (info.size > MAX_IMPORT_BYTES)
      return { ok: false, error: `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB，无法导入` };
    return importBytes(path, await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, error: `文件不存在：${path}` };
    if (code === 'EACCES') return { ok: false, error: `没有读取权限：${path}` };
    return { ok: false, error: `无法读取文件：${path}` };
  }
}
