/**
 * Bounds on a ZIP container (.docx, .xlsx) before any library inflates it: entry count, declared and actual
 * inflated sizes (each entry inflated with a hard output cap, so a lying header cannot exhaust memory), XML nesting
 * depth, and — for evidence — no embedded programs, packages or macros. Reads the central directory itself.
 */
import { inflateRawSync } from 'node:zlib';

/** Limits of one container. */
export type TZipLimits = {
  maxEntries: number;
  /** All entries inflated together. */
  maxTotalBytes: number;
  /** One entry inflated. */
  maxEntryBytes: number;
  /** Element nesting in any .xml or .rels part. */
  maxXmlDepth: number;
  /** Refuse embedded executables, OLE packages and macro projects (evidence files). */
  refuseEmbedded: boolean;
};

/** Generous for real documents with photos, far below what would hurt the server. */
export const DEFAULT_ZIP_LIMITS: TZipLimits = {
  maxEntries: 5_000,
  maxTotalBytes: 200 * 1024 * 1024,
  maxEntryBytes: 100 * 1024 * 1024,
  maxXmlDepth: 256,
  refuseEmbedded: false,
};

/** The verdict: fine, or refused with a Chinese message; `isTooLarge` marks size refusals (HTTP 413). */
export type TZipCheck = { ok: true } | { ok: false; error: string; isTooLarge: boolean };

const TOO_LARGE = '文件解压后过大或包含的条目过多（疑似“压缩炸弹”），已拒绝';
const refuse = (error: string, isTooLarge = false): TZipCheck => ({ ok: false, error, isTooLarge });

/** The deepest element nesting of an XML text, scanning bytes (no parser, no recursion). */
export function xmlDepth(xml: Uint8Array, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < xml.length; i += 1) {
    if (xml[i] !== 0x3c) continue; // '<'
    const next = xml[i + 1];
    const close = xml.indexOf(0x3e, i + 1); // '>'
    if (close < 0) break;
    if (next === 0x2f)
      depth -= 1; // '</'
    else if (next !== 0x3f && next !== 0x21 && xml[close - 1] !== 0x2f) {
      // Not '<?', '<!' or a self-closing '<…/>'.
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    }
    i = close;
  }
  return deepest;
}

const startsWith = (b: Uint8Array, ...sig: number[]) => sig.every((x, i) => b[i] === x);
/** "Ole10Native" in UTF-16LE: the stream of an embedded OLE package (a file of any kind, often a program). */
const OLE10_NATIVE = Buffer.from('Ole10Native', 'utf16le');

/** Checks a ZIP container against the limits; inflates each entry once, with a cap, and keeps nothing. */
export function checkZip(bytes: Uint8Array, limits: TZipLimits = DEFAULT_ZIP_LIMITS): TZipCheck {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 65,535.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i -= 1) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return refuse('文件已损坏：不是完整的 Office 文件');
  const entries = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) return refuse(TOO_LARGE, true);
  if (entries > limits.maxEntries) return refuse(TOO_LARGE, true);
  let declared = 0;
  let actual = 0;
  let at = cdOffset;
  for (let n = 0; n < entries; n += 1) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return refuse('文件已损坏：目录不完整');
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    declared += size;
    if (size > limits.maxEntryBytes || declared > limits.maxTotalBytes) return refuse(TOO_LARGE, true);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50)
      return refuse('文件已损坏：条目不完整');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) return refuse('文件已损坏：条目不完整');
    const data = buf.subarray(start, start + compressed);
    let inflated: Buffer;
    if (method === 0) inflated = data;
    else if (method === 8) {
      const cap = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - actual);
      try {
        inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, cap) });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ERR_BUFFER_TOO_LARGE') return refuse(TOO_LARGE, true);
        return refuse('文件已损坏：无法解压');
      }
    } else return refuse('文件使用了不支持的压缩方式，请在 Word/WPS/Excel 中重新保存后上传');
    actual += inflated.length;
    if (actual > limits.maxTotalBytes) return refuse(TOO_LARGE, true);
    if (/\.(xml|rels)$/i.test(name) && xmlDepth(inflated, limits.maxXmlDepth) > limits.maxXmlDepth)
      return refuse('文件结构嵌套过深，已拒绝', true);
    if (limits.refuseEmbedded) {
      const lower = name.toLowerCase();
      if (lower.endsWith('vbaproject.bin'))
        return refuse('文件包含宏（VBA），不能作为佐证材料上传，请另存为不含宏的 .docx/.xlsx 或 PDF');
      if (
        startsWith(inflated, 0x4d, 0x5a) ||
        startsWith(inflated, 0x7f, 0x45, 0x4c, 0x46) ||
        /\.(exe|dll|com|bat|cmd|ps1|vbs|js|jar|msi|scr|sh)$/i.test(lower) ||
        (lower.includes('embeddings/') && inflated.includes(OLE10_NATIVE))
      )
        return refuse('文件中嵌入了程序或附件包，不能作为佐证材料上传，请删除嵌入对象或另存为 PDF 后上传');
    }
  }
  return { ok: true };
}
