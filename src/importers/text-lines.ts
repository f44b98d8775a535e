/** Turning raw bytes and text into clean paragraphs: decoding, NFKC, page chrome removal. */
import { BULLET, DISCLOSURE_LABEL, PAGE_SURROUNDINGS } from './importer-rules.ts';

/** Why a text could not be read at all. */
export type TUnreadable = { ok: false; error: string };

/** Decodes file bytes as UTF-8, falling back to GB18030 (common for Chinese .txt files). */
export function decodeText(bytes: Uint8Array): { ok: true; text: string } | TUnreadable {
  if (bytes.length === 0) return { ok: false, error: '文件为空' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    try {
      return { ok: true, text: new TextDecoder('gb18030', { fatal: true }).decode(bytes) };
    } catch {
      return {
        ok: false,
        error: '文件不是可识别的文本（既不是 UTF-8 也不是 GB18030 编码），请另存为 .txt 或 .docx 后重试',
      };
    }
  }
}

/** Rejects input that is not human text: control bytes, replacement characters, nothing Chinese or Latin. */
export function checkReadable(text: string): TUnreadable | null {
  if (text.trim() === '') return { ok: false, error: '文件为空，没有可导入的文字' };
  let control = 0;
  let replacement = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0xfffd) replacement += 1;
    else if (code < 32 && ch !== '\n' && ch !== '\r' && ch !== '\t') control += 1;
  }
  const length = text.length;
  if (control > 0 && control / length > 0.01) {
    return {
      ok: false,
      error: '文件内容包含大量控制字符，看起来不是文本文件（如为 Word 文件请以 .docx 导入）',
    };
  }
  if (replacement / length > 0.05)
    return { ok: false, error: '文件内容包含大量无法识别的字符，请检查文件编码' };
  return null;
}

/** NFKC-normalises (full-width punctuation and digits to half-width), drops zero-width characters. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\ufeff\u00ad]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\u00a0\u3000]/g, ' ');
}

/** True for lines that are web-page furniture rather than document text. */
export function isChromeLine(raw: string): boolean {
  const line = raw.replace(BULLET, '');
  return PAGE_SURROUNDINGS.some((rule) => rule.matches(line));
}

/** The date a page says it was published (发布时间/发表时间/发布日期/成文日期/日期/时间), if any. */
export function publishedDateOf(line: string): string | null {
  const m =
    /(发布时间|发表时间|发布日期|成文日期|日期|时间)\s*[:：]\s*(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})/.exec(
      line,
    );
  if (!m) return null;
  return `${m[2]}-${String(m[3]).padStart(2, '0')}-${String(m[4]).padStart(2, '0')}`;
}

/**
 * Splits normalised text into trimmed, non-empty paragraphs, separating page chrome from content. A disclosure label
 * standing alone takes its value from the next line (both are chrome; the 文件名称 value is returned as the
 * document's name, a date value as `名称：值` chrome for the publication date); a 【tag】 before the title is dropped;
 * a paragraph repeating the one before (a title printed twice) is dropped.
 */
export function splitParagraphs(text: string): {
  paragraphs: string[];
  /** The line of the text (1, 2, …) each paragraph came from, for warnings that name it. */
  lineNumbers: number[];
  chrome: string[];
  documentName: string | null;
} {
  const paragraphs: string[] = [];
  const lineNumbers: number[] = [];
  let lineNumber = 0;
  const chrome: string[] = [];
  let documentName: string | null = null;
  let pendingLabel: string | null = null;
  for (const raw of text.split('\n')) {
    lineNumber += 1;
    const line = raw.replace(/\s+/g, ' ').trim();
    if (line === '') continue;
    if (pendingLabel !== null) {
      const value = line.replace(BULLET, '');
      chrome.push(`${pendingLabel}:${value}`);
      if (pendingLabel === '文件名称' || pendingLabel === '标题' || pendingLabel === '名称')
        documentName = value;
      pendingLabel = null;
      continue;
    }
    const label = DISCLOSURE_LABEL.exec(line.replace(BULLET, ''));
    if (label) {
      pendingLabel = label[1] ?? null;
      chrome.push(line);
      continue;
    }
    const named = /^(?:文件名称|标题)\s*[:：]\s*(.+)$/.exec(line.replace(BULLET, ''));
    if (named?.[1]) documentName = named[1].trim();
    if (isChromeLine(line)) {
      chrome.push(line);
      continue;
    }
    const content = paragraphs.length === 0 ? line.replace(/^【[^】]{1,20}】\s*/, '') : line;
    if (content === paragraphs.at(-1)) continue;
    paragraphs.push(content);
    lineNumbers.push(lineNumber);
  }
  return { paragraphs, lineNumbers, chrome, documentName };
}
